#!/usr/bin/env bash
# Copies the source folders once, plants one violation of each kind in turn, and expects the
# checker to fail naming the planted file.
set -u
src=$1; cli=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Each plant is one line in one file, written as the sources really write includes.
plants=(
  'src/core/x.h:#include <wx/string.h>'
  'db/x.h:#include <libusb-1.0/libusb.h>'
  'ui/x.h:#include <sqlcipher/sqlite3.h>'
  'src/core/y.h:#include "db/workspace.h"'
  'src/crypto/x.h:#include "core/error.h"'
  'src/crypto/y.cpp:#include <wx/string.h>'
  'src/core/domain/l.h:#include "lists/list_reader.h"'
  'src/core/usecases/m.cpp:#include "matching/matcher.h"'
  'src/core/c.h:  #  include "coverage/review.h"'
  'src/core/t.h:#include "mtp/container.h"'
  'src/core/a.h:#include <census_sim/census_sim.h>'
  'db/repositories/d.cpp:#include "mtp/container.h"'
  'db/e.h:#include "census_sim/census_sim.h"'
  'db/u.h:#include "upstream/client/outbox.h"'
  'devices/mtp/w.h:#include "db/workspace.h"'
  'src/upstream/client/v.h:#include "usb/tablets.h"'
  'src/zz/CMakeLists.txt:if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/zz/CMakeLists.txt) add_subdirectory(zz) endif()'
)
# One copy of the tree; as it is, it passes, so each failure below is the plant's.
mkdir -p "$tmp/tree"; (cd "$src" && cp -r src db devices ui "$tmp/tree/")
if ! out=$("$here/check_layering.sh" "$tmp/tree" "$cli"); then
  echo "the unplanted copy already fails: $out"; exit 1
fi
for plant in "${plants[@]}"; do
  file=${plant%%:*}; line=${plant#*:}
  [ -e "$tmp/tree/$file" ] && { echo "plant $file would overwrite a file of the tree"; exit 1; }
  dir=$(dirname "$tmp/tree/$file"); made_dir=""
  [ -d "$dir" ] || { mkdir -p "$dir"; made_dir=$dir; }
  echo "$line" > "$tmp/tree/$file"
  if out=$("$here/check_layering.sh" "$tmp/tree" "$cli"); then
    echo "checker missed: $line in $file"; exit 1
  fi
  # …and it names the planted file, not something else.
  case "$out" in
    *"$file"*) ;;
    *) echo "checker failed without naming $file: $out"; exit 1 ;;
  esac
  rm -f "$tmp/tree/$file"; [ -n "$made_dir" ] && rm -rf "$made_dir"
done
echo "checker catches planted violations"

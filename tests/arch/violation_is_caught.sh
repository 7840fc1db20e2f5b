#!/usr/bin/env bash
# Copies the source folders, plants one violation of each kind, and expects the checker to fail.
set -u
src=$1; cli=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for plant in 'src/core/x.h:#include <wx/string.h>' 'db/x.h:#include <libusb-1.0/libusb.h>' 'ui/x.h:#include <sqlcipher/sqlite3.h>' 'src/core/y.h:#include "db/workspace.h"'; do
  rm -rf "$tmp/tree"; mkdir -p "$tmp/tree"
  (cd "$src" && cp -r src db devices ui "$tmp/tree/")
  file=${plant%%:*}; line=${plant#*:}
  echo "$line" > "$tmp/tree/$file"
  if "$here/check_layering.sh" "$tmp/tree" "$cli" >/dev/null; then
    echo "checker missed: $line in $file"; exit 1
  fi
done
echo "checker catches planted violations"

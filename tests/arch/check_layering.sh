#!/usr/bin/env bash
# The dependency direction of DESIGN.md, checked on every test run:
#   wx only in ui/, libusb only in devices/, SQLCipher only in db/, and the CLI never links wx.
# The upstream client and receiver (src/upstream) stand on the core only; the receiver binary
# links no SQLite of any kind, no wx, no libusb.
# Usage: check_layering.sh SOURCE_DIR SANAQ_BINARY [SANAQ_UPSTREAM_BINARY]
set -u
src=$1; cli=$2; receiver=${3:-}
fail=0
complain() { echo "LAYERING: $*"; fail=1; }
cd "$src"
code_files() { find src db devices ui -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) 2>/dev/null; }

hits=$(code_files | grep -v '^ui/' | xargs grep -l -E '#\s*include\s*[<"]wx/' 2>/dev/null)
[ -n "$hits" ] && complain "wx headers outside ui/: $hits"
hits=$(code_files | grep -v '^devices/' | xargs grep -l -E '#\s*include\s*[<"](libusb|libusb-1\.0/libusb)\.h' 2>/dev/null)
[ -n "$hits" ] && complain "libusb outside devices/: $hits"
hits=$(code_files | grep -v '^db/' | xargs grep -l -E '#\s*include\s*[<"](sqlcipher/)?sqlite3\.h' 2>/dev/null)
[ -n "$hits" ] && complain "SQLCipher outside db/: $hits"
# Build files (comments aside): only db/ may name sqlcipher, only devices/ libusb, only ui/ wx.
cmake_names() { # folders... pattern -> files whose non-comment lines match
  local pattern=$1; shift
  for f in $(find "$@" -name CMakeLists.txt 2>/dev/null); do
    grep -v -E '^\s*#' "$f" | grep -q -i -E "$pattern" && echo "$f"
  done
}
hits=$(cmake_names 'sqlcipher' src devices ui); [ -n "$hits" ] && complain "SQLCipher linked outside db/: $hits"
hits=$(cmake_names 'libusb' src db ui); [ -n "$hits" ] && complain "libusb linked outside devices/: $hits"
hits=$(cmake_names 'wxWidgets|wx-config' src db devices); [ -n "$hits" ] && complain "wx linked outside ui/: $hits"
# Never plain libsqlite3 beside SQLCipher: the symbols clash.
hits=$(grep -rn -E 'DataSQLite|-lsqlite3|SQLite::SQLite3|sqlite3[^a-z_.]' --include=CMakeLists.txt . 2>/dev/null | grep -v '^./build' | grep -v -i sqlcipher)
[ -n "$hits" ] && complain "plain libsqlite3 named in the build: $hits"
# Other layers' headers, as the sources include them: each library's folder is an include root
# (sanaq_library), so devices/ headers are "mtp/…", "usb/…", "simulator/…", "census_sim/…", and the
# src/ libraries "lists/…", "matching/…", "coverage/…" — never "devices/…" or "src/…".
devices_dirs='devices|mtp|usb|simulator|census_sim'
project_dirs="db|ui|cli|command_line|acts|tables|lists|matching|coverage|upstream|$devices_dirs"
includes_of() { # pattern folders... -> files under the folders whose #include lines match
  local pattern=$1; shift
  find "$@" -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) 2>/dev/null |
    xargs -r grep -l -E "^\s*#\s*include\s*$pattern" 2>/dev/null
}
# The crypto library includes nothing of the product: any quoted path with a folder other than
# crypto/, any project folder in angle brackets (it is below the core; OpenSSL only).
hits=$(find src/crypto -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null |
  xargs -r grep -H -E '^\s*#\s*include\s*"[^"]*/' 2>/dev/null | grep -v -E '#\s*include\s*"crypto/' | cut -d: -f1 | sort -u)
[ -n "$hits" ] && complain "crypto includes another layer: $hits"
hits=$(includes_of "<(core|$project_dirs)/" src/crypto)
[ -n "$hits" ] && complain "crypto includes another layer: $hits"
# The core includes only itself and the crypto library: any quoted path with another folder, any
# project folder in angle brackets.
hits=$(find src/core -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null |
  xargs -r grep -H -E '^\s*#\s*include\s*"[^"]*/' 2>/dev/null | grep -v -E '#\s*include\s*"(core|crypto)/' | cut -d: -f1 | sort -u)
[ -n "$hits" ] && complain "core includes another layer: $hits"
hits=$(includes_of "<($project_dirs)/" src/core)
[ -n "$hits" ] && complain "core includes another layer: $hits"
# db/ stands on the core only: never devices, the upstream client, ui or the other libraries.
hits=$(includes_of "[<\"](${project_dirs#db|})/" db)
[ -n "$hits" ] && complain "db/ includes another layer: $hits"
# devices/ never includes db/, the upstream client, ui or the CLI.
hits=$(includes_of "[<\"](db|upstream|ui|cli)/" devices)
[ -n "$hits" ] && complain "devices/ includes db, upstream, ui or the CLI: $hits"
# src/upstream never includes db, devices, ui, the CLI or coverage.
hits=$(includes_of "[<\"](db|ui|cli|coverage|$devices_dirs)/" src/upstream)
[ -n "$hits" ] && complain "src/upstream includes another layer: $hits"
# Every folder is named in the build: no add_subdirectory behind if(EXISTS …), which lets a missing
# folder leave the build without a word.
hits=$(find . -name CMakeLists.txt -not -path './build*' 2>/dev/null | while read -r f; do
  awk '/^[ \t]*#/ { next } /if[ \t]*\([ \t]*EXISTS/ { guarded = 1 } guarded && /add_subdirectory/ { print FILENAME; exit }
       /endif[ \t]*\(/ { guarded = 0 }' "$f"; done)
[ -n "$hits" ] && complain "add_subdirectory behind if(EXISTS …): $hits"
if [ -n "$receiver" ]; then
  if [ -x "$receiver" ]; then
    libs=$(ldd "$receiver" | grep -E 'libsqlite3|libsqlcipher|libwx_|libgtk|libusb')
    [ -n "$libs" ] && complain "the receiver $receiver links: $libs"
  else
    complain "receiver binary $receiver not found"
  fi
fi
# The CLI binary links no wx library at all.
if [ -x "$cli" ]; then
  libs=$(ldd "$cli" | grep -i -E 'libwx_|libgtk' )
  [ -n "$libs" ] && complain "the CLI $cli links wx/GTK: $libs"
  ldd "$cli" | grep -q 'libsqlcipher' || complain "the CLI $cli does not link SQLCipher (expected through db/)"
  ldd "$cli" | grep -q 'libsqlite3\.so' && complain "the CLI $cli links plain libsqlite3"
else
  complain "CLI binary $cli not found"
fi
[ $fail = 0 ] && echo "layering ok"
exit $fail

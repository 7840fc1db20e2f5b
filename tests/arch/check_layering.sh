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
# The core folder is free of all three and of the other layers' headers.
hits=$(find src/core -type f | xargs grep -l -E '#\s*include\s*"(db|devices|ui|acts|inventory|cli|upstream)/' 2>/dev/null)
[ -n "$hits" ] && complain "core includes an outer layer: $hits"
hits=$(find src/upstream -type f | xargs grep -l -E '#\s*include\s*"(db|devices|ui|cli|coverage)/' 2>/dev/null)
[ -n "$hits" ] && complain "src/upstream includes another layer: $hits"
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

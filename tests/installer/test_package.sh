#!/usr/bin/env bash
# installer_package: builds the .deb with cpack in this build tree, checks what it holds and what
# it declares, then runs the installed programs.
#
#   test_package.sh BUILD_DIR CPACK VERSION
#
# "Installed" means a real `apt-get install ./sanaq-station_*.deb` when run as root (CI runs as
# root on a disposable machine; ctest runs this test alone, RUN_SERIAL), followed by
# `apt-get remove` and `apt-get purge` — after which a workspace made by the installed CLI and the
# demo workspace the installed GUI made in a home folder must still be there. Not root, or
# sanaq-station already installed on this machine (a real workstation: it is left alone), or
# SANAQ_PACKAGE_TEST_NO_INSTALL=1: the package is unpacked with `dpkg-deb -x` into a temporary
# root and the programs run from there (their libraries are the system's either way).
# Exit 77 (skipped): the tree is not configured for packaging (install prefix other than /usr).
set -euo pipefail

build=$(cd "$1" && pwd)
cpack=$2
version=$3
pkg=sanaq-station

failures=0
step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok   %s\n' "$*"; }
bad() { printf '   FAIL %s\n' "$*"; failures=$((failures + 1)); }
note() { printf '   note %s\n' "$*"; }
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
if [ "$prefix" != /usr ]; then
  echo "SKIPPED: this tree is configured with CMAKE_INSTALL_PREFIX=$prefix; its binaries would look for"
  echo "their catalogs under $prefix/share/locale while the .deb installs under /usr."
  echo "Configure a fresh tree (default /usr) or pass -DCMAKE_INSTALL_PREFIX=/usr to test the package."
  exit 77
fi

work=$(mktemp -d /tmp/sanaq-package-test.XXXXXX)
installed_by_us=0
cleanup() {
  if [ "$installed_by_us" = 1 ] && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    echo "cleanup: removing the package this test installed"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$pkg" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
start=$SECONDS

# ---- 1. build the package ------------------------------------------------------------------------
# CPackBuiltConfig.cmake (installer/CMakeLists.txt, the `deb` target) is CPackConfig.cmake without
# cpack's "preinstall" step (`make all`): the test packages what the tree has built, compiling nothing.
step "cpack --config CPackBuiltConfig.cmake -G DEB (in $build, output in a temporary folder)"
if ! (cd "$build" && "$cpack" --config "$build/CPackBuiltConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1); then
  cat "$work/cpack.log"
  echo "FAILED: cpack did not build the package"
  exit 1
fi
deb=$work/out/${pkg}_${version}_amd64.deb
if [ ! -f "$deb" ]; then
  ls -l "$work/out"
  echo "FAILED: no $(basename "$deb")"
  exit 1
fi
ok "$(basename "$deb"): $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes), built in $((SECONDS - start)) s"

# ---- 2. contents ---------------------------------------------------------------------------------
step "contents (dpkg-deb -c)"
listing=$(dpkg-deb -c "$deb")
paths=$(awk '{print $6}' <<<"$listing" | sed 's#^\./#/#; s#/$##')
expected=(
  /usr/bin/sanaq /usr/bin/sanaq-station /usr/bin/sanaq-upstream /usr/bin/sanaq-tablet-sim
  /usr/share/locale/kk/LC_MESSAGES/sanaq.mo
  /usr/share/locale/ru/LC_MESSAGES/sanaq.mo
  /usr/share/locale/en/LC_MESSAGES/sanaq.mo
  /usr/lib/udev/rules.d/70-sanaq-tablets.rules
  /usr/share/applications/sanaq-station.desktop
  /usr/share/icons/hicolor/scalable/apps/sanaq-station.svg
  /usr/share/icons/hicolor/48x48/apps/sanaq-station.png
  /usr/share/icons/hicolor/128x128/apps/sanaq-station.png
  /usr/share/icons/hicolor/256x256/apps/sanaq-station.png
  /usr/share/man/man1/sanaq.1.gz
  /usr/share/man/man1/sanaq-upstream.1.gz
  /usr/share/man/man1/sanaq-station.1.gz
  /usr/share/doc/sanaq-station/copyright
  /usr/share/doc/sanaq-station/defaults.env
  /usr/share/doc/sanaq-station/README.md
  /usr/share/doc/sanaq-station/examples/make-test-pki.sh
)
for p in "${expected[@]}"; do
  check "$p" grep -qx -- "$p" <<<"$paths"
done
outside=$(grep -v -e '^/usr$' -e '^/usr/' -e '^$' <<<"$paths" || true)
check "every file under /usr (nothing in /etc, /home, /var, /opt)" test -z "$outside"
[ -z "$outside" ] || printf '        %s\n' $outside
check "owned by root:root" test -z "$(awk '$2 != "root/root"' <<<"$listing")"
for b in sanaq sanaq-station sanaq-upstream sanaq-tablet-sim; do
  mode=$(awk -v p="./usr/bin/$b" '$6 == p {print $1}' <<<"$listing")
  check "/usr/bin/$b is -rwxr-xr-x" test "$mode" = "-rwxr-xr-x"
done

# ---- 3. control data -----------------------------------------------------------------------------
step "control (dpkg-deb -I)"
dpkg-deb -I "$deb" >"$work/info"
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: $pkg" test "$(field Package)" = "$pkg"
check "Version: $version" test "$(field Version)" = "$version"
check "Architecture: amd64" test "$(field Architecture)" = amd64
depends=$(field Depends)
echo "   Depends: $depends"
for lib in libwxgtk3.2 libwxbase3.2 libsqlcipher libpoco libusb-1.0 libssl3 libargon2 \
           libcairo2 libpango libqrencode libxlsxwriter fonts-noto-core fonts-dejavu-core; do
  check "Depends names $lib" contains "$depends" "$lib"
done
check "no -dev package in Depends" test -z "$(tr ',' '\n' <<<"$depends" | grep -- '-dev\b' || true)"
echo "   Recommends: $(field Recommends)"
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
for s in postinst postrm; do
  check "maintainer script $s, executable" test -x "$work/control/$s"
  check "$s is valid sh" sh -n "$work/control/$s"
  check "$s never touches home folders or deletes anything" \
    test -z "$(grep -v '^\s*#' "$work/control/$s" | grep -E 'HOME|/home|/root|~|\brm\b|workspace' || true)"
done
check "postinst reloads udev rules" grep -q 'udevadm control --reload-rules' "$work/control/postinst"
check "postrm reloads udev rules" grep -q 'udevadm control --reload-rules' "$work/control/postrm"
check "no conffiles (the programs read no file in /etc)" test ! -s "$work/control/conffiles"

# ---- 4. files in detail (unpacked) ---------------------------------------------------------------
step "files (dpkg-deb -x)"
root=$work/root
dpkg-deb -x "$deb" "$root"
desktop=$root/usr/share/applications/sanaq-station.desktop
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate sanaq-station.desktop" desktop-file-validate "$desktop"
else
  note "desktop-file-validate not installed (desktop-file-utils): desktop entry not validated"
fi
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
icon=$(sed -n 's/^Icon=//p' "$desktop")
check "Exec=$exec_line runs a packaged binary" test -x "$root/usr/bin/${exec_line%% *}"
check "Icon=$icon is a packaged hicolor icon" test -f "$root/usr/share/icons/hicolor/256x256/apps/$icon.png"
for size in 48 128 256; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/sanaq-station.png
  dims=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "not a PNG")' "$png" 2>/dev/null || echo "?")
  check "${size}x${size} icon is a ${size}x${size} PNG ($dims)" test "$dims" = "${size}x${size}"
done
for page in sanaq sanaq-upstream sanaq-station; do
  man=$root/usr/share/man/man1/$page.1.gz
  check "$page.1.gz is gzip" gzip -t "$man"
  if command -v groff >/dev/null; then
    warnings=$(zcat "$man" | groff -man -Tutf8 -ww -z 2>&1 || true)
    check "$page(1) formats without groff warnings" test -z "$warnings"
    [ -z "$warnings" ] || printf '        %s\n' "$warnings"
  fi
  check "$page(1) carries version $version" sh -c "zcat '$man' | grep -q 'Sanaq Station $version'"
done
check "the udev rule is the source's" cmp -s "$root/usr/lib/udev/rules.d/70-sanaq-tablets.rules" \
  "$(dirname "$0")/../../installer/udev/70-sanaq-tablets.rules"
for b in sanaq sanaq-station sanaq-upstream sanaq-tablet-sim; do
  missing_libs=$(ldd "$root/usr/bin/$b" 2>&1 | grep 'not found' || true)
  check "$b: every shared library resolves (ldd)" test -z "$missing_libs"
  check "$b: stripped (no .debug_info)" sh -c "! readelf -S '$root/usr/bin/$b' | grep -q '\.debug_info'"
done

# ---- 5. install ----------------------------------------------------------------------------------
step "install"
mode=extracted
if [ "$(id -u)" = 0 ] && [ "${SANAQ_PACKAGE_TEST_NO_INSTALL:-0}" != 1 ] && command -v apt-get >/dev/null; then
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    note "$pkg is already installed on this machine: it is left alone, the programs run unpacked instead"
  else
    mode=apt
  fi
fi
if [ "$mode" = apt ]; then
  echo "   apt-get install -y ./$(basename "$deb")   (root: a real installation, removed again below)"
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
       -o DPkg::Lock::Timeout=120 "$deb" >"$work/apt-install.log" 2>&1; then
    installed_by_us=1
    ok "installed: $(dpkg-query -W -f='${Package} ${Version} ${Status}' "$pkg")"
  else
    tail -20 "$work/apt-install.log"
    bad "apt-get install failed"
    echo "FAILED: $failures check(s)"
    exit 1
  fi
  bin=/usr/bin
  run_env=()
else
  [ "$(id -u)" = 0 ] || note "not root: no real installation; the programs run from the package unpacked into $root"
  [ "${SANAQ_PACKAGE_TEST_NO_INSTALL:-0}" != 1 ] || note "SANAQ_PACKAGE_TEST_NO_INSTALL=1: no real installation; running unpacked"
  bin=$root/usr/bin
  # The compiled-in catalog folder is /usr/share/locale; unpacked, the catalogs are under $root.
  run_env=(SANAQ_LOCALE_DIR="$root/usr/share/locale")
fi

# ---- 6. run the installed programs ---------------------------------------------------------------
step "run ($mode: $bin)"
run() { env -u SANAQ_LOCALE_DIR -u SANAQ_LANG -u SANAQ_WORKSPACE -u SANAQ_CONFIG_DIR "${run_env[@]}" LANG=C.UTF-8 "$@"; }

out=$(run "$bin/sanaq" --version 2>&1) || true
check "sanaq --version -> '$out'" test "$out" = "sanaq $version"

# The binary also looks in the build tree's locale/ folder when that exists (runs from the build
# tree). An installed package must find /usr/share/locale on its own, so when installed for real,
# the build tree is hidden from the run by an empty tmpfs in a private mount namespace.
hide_build() { "$@"; }
if [ "$mode" = apt ]; then
  if unshare --mount --propagation private true 2>/dev/null; then
    hide_build() {
      unshare --mount --propagation private sh -c 'mount -t tmpfs -o size=1m,mode=0755 sanaq-hide "$0" && exec "$@"' \
        "$build" "$@"
    }
    note "build tree hidden while the installed programs read their catalogs (unshare + tmpfs)"
  else
    note "unshare not permitted: the catalog check cannot rule out the build tree's locale/ folder"
  fi
fi
ru=$(hide_build env -u SANAQ_LOCALE_DIR -u SANAQ_LANG "${run_env[@]}" LANG=C.UTF-8 "$bin/sanaq" --lang ru --help 2>&1) || true
check "sanaq --lang ru --help is in Russian (the ru catalog is found)" contains "$ru" "Использование: sanaq"
kk=$(hide_build env -u SANAQ_LOCALE_DIR -u SANAQ_LANG "${run_env[@]}" LANG=C.UTF-8 "$bin/sanaq" --lang kk --help 2>&1) || true
check "sanaq --lang kk --help is in Kazakh" contains "$kk" "Қолдану тәсілі: sanaq"
en=$(run "$bin/sanaq" --lang en --help 2>&1) || true
check "sanaq --lang en --help is in English" contains "$en" "Usage: sanaq"
# The man page is written by hand: every command `sanaq --help` lists must be in it.
man_text=$(zcat "$root/usr/share/man/man1/sanaq.1.gz" | sed 's/\\-/-/g; s/\\f[BIRP]//g')
undocumented=()
while read -r word1 word2; do
  case "$word2" in ""|-*|"["*) command=$word1 ;; *) command="$word1 $word2" ;; esac
  grep -qF -- "$command" <<<"$man_text" || undocumented+=("$command")
done < <(grep '^  sanaq ' <<<"$en" | awk '{print $2, $3}' | sort -u)
check "sanaq(1) documents every command of sanaq --help" test ${#undocumented[@]} -eq 0
[ ${#undocumented[@]} -eq 0 ] || printf '        missing: %s\n' "${undocumented[@]}"

up=$(run "$bin/sanaq-upstream" --help 2>&1) && up_rc=0 || up_rc=$?
check "sanaq-upstream --help (exit $up_rc)" sh -c "[ $up_rc = 0 ] && printf '%s' \"\$0\" | grep -q 'sanaq-upstream --listen HOST:PORT'" "$up"
sim=$(run "$bin/sanaq-tablet-sim" --help 2>&1) && sim_rc=0 || sim_rc=$?
check "sanaq-tablet-sim --help (exit $sim_rc)" sh -c "[ $sim_rc = 0 ] && printf '%s' \"\$0\" | grep -q 'sanaq-tablet-sim make-packages --out DIR'" "$sim"

ws=$work/ws
out=$(run SANAQ_NEW_PASSWORD=package-test-pw SANAQ_KDF_PROFILE=test "$bin/sanaq" --workspace "$ws" init --admin admin 2>&1) \
  && rc=0 || rc=$?
check "sanaq --workspace \$TMP/ws init --admin admin (exit $rc)" test "$rc" = 0
[ "$rc" = 0 ] || printf '        %s\n' "$out"
# A new workspace has per-role keys: the common and dept parts, the key slots beside them.
check "the workspace has common.1.db, dept.1.db and keyslots.json" test -s "$ws/common.1.db" -a -s "$ws/dept.1.db" -a -s "$ws/keyslots.json"
# The installed program is not a test program: SANAQ_KDF_PROFILE=test is ignored (db/README.md).
t_cost=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["slots"][0]["kdf"]["t_cost"])' "$ws/keyslots.json" 2>/dev/null || echo 0)
check "the installed sanaq wrote an interactive key slot despite SANAQ_KDF_PROFILE=test (t_cost $t_cost)" test "$t_cost" -ge 3
out=$(run SANAQ_PASSWORD=package-test-pw SANAQ_KDF_PROFILE=test "$bin/sanaq" --workspace "$ws" --user admin --json audit verify 2>&1) \
  && rc=0 || rc=$?
check "it opens again: audit verify (exit $rc) -> intact" sh -c "[ $rc = 0 ] && printf '%s' \"\$0\" | grep -q '\"intact\": *true'" "$out"
ws_sum=$(cd "$ws" && sha256sum common.1.db dept.1.db keyslots.json)

# The GUI as the menu starts it: the desktop entry's Exec line, a fresh home folder (the default
# workspace is made there, with demo data), under Xvfb; the sign-in window must appear.
home=$work/home
mkdir -p "$home"
if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
  cat >"$work/gui.sh" <<'EOF'
bin=$1 exec_line=$2 log=$3
PATH=$bin:$PATH $exec_line >"$log" 2>&1 &
pid=$!
title=
for _ in $(seq 1 120); do
  for w in $(xdotool search --onlyvisible --classname sanaq-station 2>/dev/null); do
    title=$(xdotool getwindowname "$w" 2>/dev/null)
    case "$title" in "Sanaq Station"*) break 2 ;; esac
  done
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
# The demo workspace is made beside the sign-in window; with the real key derivation (an installed
# program ignores the test profile) each of its users' slots takes a fraction of a second.
for _ in $(seq 1 240); do
  [ -s "$HOME/.local/share/sanaq/workspace/keyslots.json" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
printf '%s\n' "$title"
EOF
  title=$(run HOME="$home" XDG_DATA_HOME= XDG_CONFIG_HOME= SANAQ_KDF_PROFILE=test PATH="$PATH" \
            xvfb-run -a -s "-screen 0 1280x900x24" bash "$work/gui.sh" "$bin" "$exec_line" "$work/gui.log" 2>&1 | tail -1)
  check "the menu entry's '$exec_line' opens a window ('$title')" sh -c "case \"\$0\" in 'Sanaq Station'*) exit 0;; *) exit 1;; esac" "$title"
  [ -n "$title" ] || sed 's/^/        /' "$work/gui.log" | tail -5
  check "it made the default workspace in the home folder" test -s "$home/.local/share/sanaq/workspace/keyslots.json"
else
  note "xvfb-run or xdotool missing: the GUI is checked by ldd only"
fi

# ---- 7. remove -----------------------------------------------------------------------------------
if [ "$mode" = apt ]; then
  step "remove"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q -o DPkg::Lock::Timeout=120 "$pkg" >"$work/apt-remove.log" 2>&1 \
    && ok "apt-get remove -y $pkg" || bad "apt-get remove -y $pkg"
  for b in sanaq sanaq-station sanaq-upstream sanaq-tablet-sim; do check "/usr/bin/$b is gone" test ! -e "/usr/bin/$b"; done
  check "/usr/share/locale/ru/LC_MESSAGES/sanaq.mo is gone" test ! -e /usr/share/locale/ru/LC_MESSAGES/sanaq.mo
  check "the udev rule is gone" test ! -e /usr/lib/udev/rules.d/70-sanaq-tablets.rules
  check "the CLI's workspace is untouched" sh -c "cd '$ws' && printf '%s\n' \"\$0\" | sha256sum -c --quiet -" "$ws_sum"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o DPkg::Lock::Timeout=120 "$pkg" >"$work/apt-purge.log" 2>&1 \
    && ok "apt-get purge -y $pkg" || bad "apt-get purge -y $pkg"
  installed_by_us=0
  check "dpkg no longer knows $pkg" sh -c "! dpkg-query -W -f='\${Status}' $pkg 2>/dev/null | grep -q installed"
  check "after purge, the CLI's workspace is untouched" sh -c "cd '$ws' && printf '%s\n' \"\$0\" | sha256sum -c --quiet -" "$ws_sum"
  if [ -d "$home/.local/share/sanaq" ]; then
    check "after purge, the GUI's workspace in the home folder is still there" \
      test -s "$home/.local/share/sanaq/workspace/keyslots.json"
  fi
  if [ -d "$home/.config/sanaq" ]; then
    check "after purge, the GUI's per-user settings folder (~/.config/sanaq) is still there" test -d "$home/.config/sanaq"
  fi
fi

step "summary"
echo "   package: $(basename "$deb"), $(stat -c %s "$deb") bytes; installed size $(field Installed-Size) KiB"
echo "   mode:    $([ "$mode" = apt ] && echo 'real installation with apt-get, then remove and purge' || echo "unpacked with dpkg-deb -x (no installation)")"
echo "   time:    $((SECONDS - start)) s"
if [ "$failures" -gt 0 ]; then
  echo "FAILED: $failures check(s)"
  exit 1
fi
echo "PASSED"

#!/usr/bin/env bash
# The README's two commands, in one script:
#   installer/setup.sh run   — install dependencies, build, start Sanaq Station on the default
#                              workspace (created with demo data the first time)
#   installer/setup.sh test  — install dependencies, build, run every test (display tests under Xvfb)
#   installer/setup.sh package — install dependencies, build what the .deb holds, make
#                              sanaq-station_<version>_amd64.deb in the build folder (README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mode=${1:-run}
shift || true

bash "$here/install-deps.sh"

build=${SANAQ_BUILD_DIR:-$root/build}
if [ "$mode" = package ]; then
  # The binaries compile in where their catalogs are installed: a package needs the /usr prefix
  # (a fresh tree's default; an older tree configured for /usr/local is switched here).
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
  cmake --build "$build" -j"$(nproc)" --target deb   # builds only what the package holds, then cpack
  ls -l "$build"/sanaq-station_*.deb
  exit 0
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

# The demo's census database: the reference receiver on loopback with the test PKI, so a new
# user can watch a batch go up (the demo workspace is configured to send there when it is made).
start_demo_receiver() {
  local data=${XDG_DATA_HOME:-$HOME/.local/share}/sanaq/upstream-demo
  local port=${SANAQ_DEMO_UPSTREAM_PORT:-8443}
  mkdir -p "$data"
  [ -f "$data/pki/client.p12" ] || bash "$here/make-test-pki.sh" "$data/pki" >/dev/null
  export SANAQ_DEMO_UPSTREAM_URL="https://localhost:$port" SANAQ_DEMO_UPSTREAM_PKI="$data/pki"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    return 0   # already running (or the port is taken: the demo then reports it unreachable)
  fi
  "$build/src/upstream/server/sanaq-upstream" --listen "127.0.0.1:$port" --cert "$data/pki/server.pem" \
    --key "$data/pki/server.key" --client-ca "$data/pki/ca.pem" --receipt-key "$data/pki/receipt.key" \
    --store "$data/store" >>"$data/receiver.log" 2>&1 &
  receiver_pid=$!
  trap '[ -n "${receiver_pid:-}" ] && kill "$receiver_pid" 2>/dev/null || true' EXIT
  echo "setup.sh: the demo census database (sanaq-upstream) listens on https://localhost:$port; its log: $data/receiver.log" >&2
}

case "$mode" in
  run)
    start_demo_receiver
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "setup.sh: no display; starting under Xvfb (screenshots: import -display \$DISPLAY -window root shot.png)" >&2
      xvfb-run -a -s "-screen 0 1280x900x24" "$build/ui/sanaq-station" "$@"
      exit $?
    fi
    "$build/ui/sanaq-station" "$@"
    ;;
  test)
    cd "$build"
    exec ctest --output-on-failure -j2 "$@"
    ;;
  *)
    echo "usage: installer/setup.sh run|test|package" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# The README's two commands, in one script:
#   installer/setup.sh run   — install dependencies, build, start Sanaq Station on the default
#                              workspace (created with demo data the first time)
#   installer/setup.sh test  — install dependencies, build, run every test (display tests under Xvfb)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mode=${1:-run}
shift || true

bash "$here/install-deps.sh"

build=${SANAQ_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

case "$mode" in
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "setup.sh: no display; starting under Xvfb (screenshots: import -display \$DISPLAY -window root shot.png)" >&2
      exec xvfb-run -a -s "-screen 0 1280x900x24" "$build/ui/sanaq-station" "$@"
    fi
    exec "$build/ui/sanaq-station" "$@"
    ;;
  test)
    cd "$build"
    exec ctest --output-on-failure -j2 "$@"
    ;;
  *)
    echo "usage: installer/setup.sh run|test" >&2
    exit 2
    ;;
esac

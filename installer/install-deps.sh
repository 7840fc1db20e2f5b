#!/usr/bin/env bash
# Installs every Debian 12 package Sanaq Station needs to build, test and run.
# Idempotent: re-running it on a machine that already has everything is quick.
set -euo pipefail

build_packages=(
  build-essential cmake pkg-config git gettext
  libwxgtk3.2-dev libglib2.0-dev
  libsqlcipher-dev
  libpoco-dev
  libboost-test-dev
  libusb-1.0-0-dev
  libargon2-dev
  libssl-dev
  libfmt-dev
  nlohmann-json3-dev
  libcairo2-dev libpango1.0-dev
  libqrencode-dev
  libxlsxwriter-dev
  libumockdev-dev umockdev
  libicu-dev
  libarchive-dev
  libzstd-dev
  wx3.2-i18n
  clang libclang-rt-14-dev
  librsvg2-bin          # rsvg-convert: the icon's PNG renders (installer/CMakeLists.txt)
  dpkg-dev              # dpkg-shlibdeps: the .deb's Depends (CPack)
  ccache                # compiler cache: repeated builds on the same machine (CMakeLists.txt)
)
test_packages=(
  xvfb xauth imagemagick poppler-utils fonts-dejavu-core fonts-noto-core
  x11-utils xdotool procps zbar-tools python3 python3-cryptography
  openssl
  desktop-file-utils groff-base   # the package test: desktop-file-validate, man pages without warnings
)

missing=()
for p in "${build_packages[@]}" "${test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

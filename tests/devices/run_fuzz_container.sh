#!/usr/bin/env bash
# Builds the MTP container codec fuzzer with clang (libFuzzer + AddressSanitizer) into the build
# tree and runs it briefly. Usage: run_fuzz_container.sh SOURCE_DIR BINARY_DIR [SECONDS]
# Seeds: a few valid containers and datasets written by the fuzzer harness's own codec.
set -euo pipefail
src=${1:?source dir}
bin=${2:?binary dir}
seconds=${3:-15}
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cxx" ]; then
  echo "run_fuzz_container: clang++ not found (installer/install-deps.sh installs clang)" >&2
  exit 1
fi
out="$bin/fuzz/mtp_container"
mkdir -p "$out/corpus"
"$cxx" -std=c++2b -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src/devices" -I"$src/src" \
  "$src/tests/devices/fuzz_mtp_container.cpp" "$src/devices/mtp/container.cpp" \
  -o "$out/fuzz_mtp_container"
# Seeds: a command, a response with five parameters, a data header, an ObjectInfo-ish blob.
printf '\x10\x00\x00\x00\x01\x00\x09\x10\x07\x00\x00\x00\x2a\x00\x00\x00' > "$out/corpus/command"
printf '\x20\x00\x00\x00\x03\x00\x01\x20\x07\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00\x05\x00\x00\x00' > "$out/corpus/response"
printf '\x02\x00\x00\x00\x01\x00\x01\x00\x00\x00\xff\xff\xff\xff' > "$out/corpus/u32array"
cd "$out"
./fuzz_mtp_container -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 corpus 2>&1 | tail -n 12

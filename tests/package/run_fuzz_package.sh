#!/bin/sh
# Builds the package-reader fuzz target and runs it briefly (ctest: fuzz_package_reader).
#   run_fuzz_package.sh SOURCE_DIR WORK_DIR [SECONDS]
# The code is compiled by g++ (clang 14 cannot compile the C++23 sources: libstdc++'s
# std::expected needs P0848) with AddressSanitizer and g++'s coverage hooks, and linked with
# clang's libFuzzer runtime (package libclang-rt-14-dev); g++'s trace-pc calls are renamed with
# objcopy and counted by fuzz_coverage_shim.c (libFuzzer 14 refuses trace-pc itself).
# Exits 77 (ctest: skipped) when the libFuzzer runtime is not installed.
set -eu
src=$1
work=$2
seconds=${3:-20}
fuzzer_main=$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$fuzzer_main" ]; then
  echo "fuzz_package_reader: libFuzzer runtime not found (install libclang-rt-14-dev); skipped"
  exit 77
fi
CXX=${CXX:-g++}
CC=${CC:-gcc}
mkdir -p "$work/obj" "$work/corpus" "$work/seeds"
cov="-fsanitize=address -fsanitize-coverage=trace-pc,trace-cmp -fno-omit-frame-pointer -g -O1"
flags="-std=c++23 -I$src/src"
sources="
  src/core/error.cpp
  src/core/domain/census.cpp
  src/core/domain/package.cpp
  src/core/domain/clock.cpp
  src/core/domain/identifiers.cpp
  src/core/domain/institution.cpp
  src/core/domain/territories.cpp
  src/core/domain/secret.cpp
  src/core/io/atomic_file.cpp
  src/crypto/crypto.cpp
  src/core/package/format.cpp
  src/core/package/keys.cpp
  src/core/package/package_writer.cpp
  src/core/package/package_reader.cpp
  tests/package/fuzz_package_reader.cpp"
objs=""
for s in $sources; do
  o="$work/obj/$(echo "$s" | tr / _).o"
  # Rebuild only what changed.
  if [ ! -f "$o" ] || [ "$src/$s" -nt "$o" ] || [ -n "$(find "$src/src/core" "$src/src/crypto" -name '*.h' -newer "$o" | head -n1)" ]; then
    $CXX $flags $cov -c "$src/$s" -o "$o"
    objcopy --redefine-sym __sanitizer_cov_trace_pc=sanaq_cov_trace_pc "$o"
  fi
  objs="$objs $o"
done
$CC -O1 -c "$src/tests/package/fuzz_coverage_shim.c" -o "$work/obj/shim.o"
$CXX -fsanitize=address -o "$work/fuzz_package_reader" $objs "$work/obj/shim.o" "$fuzzer_main" -lcrypto -lpthread
# Seeds: valid packages made by the writer with the target's fixed keys.
SANAQ_FUZZ_SEEDS_DIR="$work/seeds" "$work/fuzz_package_reader" -runs=0 "$work/seeds" >/dev/null 2>&1 || true
ASAN_OPTIONS=detect_leaks=1 "$work/fuzz_package_reader" -max_total_time="$seconds" -runs=2000000 \
  -max_len=65536 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 "$work/corpus" "$work/seeds"

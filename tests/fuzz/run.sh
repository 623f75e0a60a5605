#!/usr/bin/env bash
# run.sh [SECONDS] -- libFuzzer over the whole default pipeline (needs clang).
# Long runs belong here, not in CI; ctest runs only the bounded smoke build.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-300}
build=$src/build-fuzz
CC=clang cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUARRY_SANITIZE=address,undefined \
  -DQUARRY_LIBFUZZER=ON >/dev/null
cmake --build "$build" -j2 --target fuzz_pipeline_libfuzzer >/dev/null
mkdir -p "$build/fuzz-corpus"
cp "$src"/docs/samples/*.txt "$build/fuzz-corpus/"
"$build/tests/fuzz_pipeline_libfuzzer" -max_total_time="$secs" -max_len=8192 "$build/fuzz-corpus"

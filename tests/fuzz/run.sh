#!/usr/bin/env bash
# run.sh [SECONDS] [TARGET...] -- libFuzzer runs of every fuzz target (or
# the ones named), SECONDS each (default 300), with Debian's clang.
#
# The build instruments everything: the core, every shipped plugin (their
# shared objects for the pipeline and INI targets, their objects for the
# per-plugin targets) and the harnesses, with ASan, UBSan and libFuzzer's
# coverage. Sanitizer runtimes are shared (-shared-libsan) because plugins
# are shared objects linked with --no-undefined. Findings are written to
# build-fuzz/findings/TARGET/; copy each into tests/fuzz/regressions/TARGET/
# once fixed, so the ctest smoke run replays it for good. The last line per
# target is libFuzzer's own summary (runs, coverage, features).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-300}
shift || true
build=${QUARRY_FUZZ_BUILD:-$src/build-fuzz}
targets=${*:-jsonl json_doc ini segment pipeline plugin_quotes plugin_money plugin_weapons plugin_locations plugin_rules}
rt=$(clang -print-resource-dir)/lib/linux
flags="-fsanitize=fuzzer-no-link -shared-libsan"
CC=clang cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUARRY_SANITIZE=address,undefined \
  -DQUARRY_LIBFUZZER=ON -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-shared-libsan -Wl,-rpath,$rt" \
  -DCMAKE_SHARED_LINKER_FLAGS="-shared-libsan -Wl,-rpath,$rt" \
  -DCMAKE_MODULE_LINKER_FLAGS="-shared-libsan -Wl,-rpath,$rt" >/dev/null
for t in $targets; do
  cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
done
export QUARRY_DATA_PATH=$src/conf XDG_CACHE_HOME=$build/test-cache
# libFuzzer's C++ runtime is linked ahead of the shared ASan runtime, which
# ASan would refuse; nothing in libstdc++ runs before ASan needs it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0:detect_leaks=1}
for t in $targets; do
  corpus=$build/corpus/$t findings=$build/findings/$t
  mkdir -p "$corpus" "$findings"
  case $t in
    jsonl) seeds=$src/tests/fuzz/seeds/jsonl ;;
    json_doc) seeds=$src/tests/fuzz/seeds/json_doc ;;
    ini) seeds="$src/tests/fuzz/seeds/ini $src/conf/default.ini $src/conf/rules/military.ini" ;;
    *) seeds=$src/docs/samples ;;
  esac
  for s in $seeds "$src/tests/fuzz/regressions/$t"; do
    if [ -d "$s" ]; then cp "$s"/* "$corpus/" 2>/dev/null || true; elif [ -f "$s" ]; then cp "$s" "$corpus/"; fi
  done
  echo "== $t: $secs s"
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" 2>"$build/fuzz-$t.log" || true
  grep -E '^#[0-9]+.*(DONE|pulse|REDUCE|NEW)' "$build/fuzz-$t.log" | tail -1
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$build/fuzz-$t.log" | tr '\n' ' '; echo
  ls "$findings" | sed 's/^/finding: /'
done

#!/usr/bin/env bash
# throughput.sh [QUARRY] [CORPUS.jsonl] [JOBS...]
# Documents per second and MiB per second of the default pipeline over a
# JSON Lines corpus (default: ../shared/eval/corpus/news.jsonl, 22 MB),
# with peak memory, for each -j given (default: 1 and the core count).
# A benchmark, not a test: run it by hand and quote its output.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$src/build/core/quarry}
corpus=${2:-$src/../shared/eval/corpus/news.jsonl}
shift $(( $# > 2 ? 2 : $# )) || true
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(1 "$(nproc)")
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[ -f "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
docs=$(wc -l < "$corpus")
mib=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "corpus: $corpus ($docs documents, $mib MiB); quarry: $quarry"
for j in "${jobs[@]}"; do
  out=$(mktemp)
  /usr/bin/env time -f '%e %M' -o "$out.time" "$quarry" run -q -j "$j" "$corpus" > "$out" || true
  read -r secs kib < "$out.time"
  recs=$(wc -l < "$out")
  ents=$(grep -o '"type": ' "$out" | wc -l)
  awk -v j="$j" -v s="$secs" -v d="$docs" -v m="$mib" -v k="$kib" -v r="$recs" -v e="$ents" 'BEGIN {
    printf "-j %-3s %7.2f s  %8.0f docs/s  %6.2f MiB/s  peak RSS %6.1f MiB  records %d  entities %d\n",
           j, s, d / s, m / s, k / 1024, r, e }'
  rm -f "$out" "$out.time"
done

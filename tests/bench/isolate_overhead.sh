#!/usr/bin/env bash
# isolate_overhead.sh QUARRY INPUT.jsonl [ROUNDS]
# The cost of --isolate: the same input with and without it, at -j1 and
# -j2, ROUNDS times each (interleaved, so a busy machine hurts both
# alike), reporting the best wall time and the best CPU time (user + sys of
# quarry and its worker processes). The best of several runs is the
# figure least disturbed by other load; the outputs are compared too.
set -eu
quarry=$1 input=$2 rounds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A wall cpu
for j in 1 2; do
  for mode in --no-isolate --isolate; do wall[$mode$j]=999999; cpu[$mode$j]=999999; done
done
for r in $(seq "$rounds"); do
  for j in 1 2; do
    for mode in --no-isolate --isolate; do
      /usr/bin/time -f "%e %U %S" -o "$work/t" "$quarry" run -q "$mode" -j"$j" -o "$work/out$mode$j.jsonl" "$input"
      read -r e u s < "$work/t"
      w=$(echo "$e * 1000 / 1" | bc); c=$(echo "($u + $s) * 1000 / 1" | bc)
      [ "$w" -lt "${wall[$mode$j]}" ] && wall[$mode$j]=$w
      [ "$c" -lt "${cpu[$mode$j]}" ] && cpu[$mode$j]=$c
    done
  done
done
for j in 1 2; do
  cmp -s "$work/out--no-isolate$j.jsonl" "$work/out--isolate$j.jsonl" || { echo "outputs differ at -j$j"; exit 1; }
  nw=${wall[--no-isolate$j]} iw=${wall[--isolate$j]} nc=${cpu[--no-isolate$j]} ic=${cpu[--isolate$j]}
  printf -- '-j%s  wall %5d ms -> %5d ms (%+.1f%%)   cpu %5d ms -> %5d ms (%+.1f%%)\n' "$j" "$nw" "$iw" \
    "$(echo "($iw - $nw) * 100 / $nw" | bc -l)" "$nc" "$ic" "$(echo "($ic - $nc) * 100 / $nc" | bc -l)"
done
echo "(best of $rounds runs each; outputs identical)"

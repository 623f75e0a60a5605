#!/usr/bin/env bash
# locations_startup.sh [QUARRY] [RUNS]
# Start-up cost of the locations plugin: runs `quarry run -v -v` with a
# pipeline holding only that plugin on a one-line document RUNS times
# (default 10) and prints, per phase (words, iso-codes, libgeonames,
# places) and for the whole index build, the median and worst time the
# plugin logged, with the index size, the wall time and peak RSS of a run.
# A benchmark, not a test: run it by hand on a release build and quote it.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$src/build/core/quarry}
runs=${2:-10}
[ -x "$quarry" ] || { echo "quarry not found: $quarry" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
plugins=$(cd "$(dirname "$quarry")/../plugins" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[pipeline]\nplugins = locations\nplugin_path = %s\n' "$plugins" > "$tmp/loc.ini"
echo "Flights from Toronto to Kyiv." > "$tmp/doc.txt"
for i in $(seq "$runs"); do
  QUARRY_DATA_PATH=${QUARRY_DATA_PATH:-$src/conf} /usr/bin/env time -f 'wall %e s, peak RSS %M KiB' \
    -o "$tmp/time.$i" "$quarry" run -v -v -c "$tmp/loc.ini" "$tmp/doc.txt" > /dev/null 2> "$tmp/log.$i"
done
echo "quarry: $quarry, $runs runs"
for phase in words iso-codes libgeonames places; do
  grep -h "locations: debug: $phase:" "$tmp"/log.* | awk '{print $(NF-1)}' | sort -n |
    awk -v p="$phase" '{v[NR]=$1} END {printf "%-12s median %6.1f ms  max %6.1f ms\n", p, v[int((NR+1)/2)], v[NR]}'
done
grep -h "built in" "$tmp"/log.* | sed 's/.*built in \([0-9.]*\) ms/\1/' | sort -n |
  awk '{v[NR]=$1} END {printf "%-12s median %6.1f ms  max %6.1f ms\n", "index build", v[int((NR+1)/2)], v[NR]}'
grep -h "built in" "$tmp/log.1" | sed 's/.*info: //; s/, built in.*//'
cat "$tmp/time.1"

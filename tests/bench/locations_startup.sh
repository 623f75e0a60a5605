#!/usr/bin/env bash
# locations_startup.sh [QUARRY] [RUNS] [GEONAMES_TABLE]
# Start-up cost of the locations plugin, with a pipeline holding only that
# plugin on a one-line document, RUNS times each (default 10), with the
# GeoNames option reading GEONAMES_TABLE when one is given (a cities500.txt:
# tests/data/fetch_cities500.sh):
#  - cold: `cache = false`, the index built from iso-codes, libgeonames and
#    conf/locations every time; per phase (words, iso-codes, libgeonames,
#    places) and in total, median and worst;
#  - warm: the index read from the cache file a first run wrote.
# Also the index size, the wall time and peak RSS of one run of each.
# A benchmark, not a test: run it by hand on a release build and quote it.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$src/build/core/quarry}
runs=${2:-10}
table=${3:-}
[ -x "$quarry" ] || { echo "quarry not found: $quarry" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
plugins=$(cd "$(dirname "$quarry")/../plugins" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gn=
[ -z "$table" ] || gn="geonames = $(cd "$(dirname "$table")" && pwd)/$(basename "$table")"
printf '[pipeline]\nplugins = locations\nplugin_path = %s\n[locations]\ncache = false\n%s\n' "$plugins" "$gn" > "$tmp/cold.ini"
printf '[pipeline]\nplugins = locations\nplugin_path = %s\n[locations]\ncache_dir = %s/cache\n%s\n' \
  "$plugins" "$tmp" "$gn" > "$tmp/warm.ini"
echo "Flights from Toronto to Kyiv." > "$tmp/doc.txt"
export QUARRY_DATA_PATH=${QUARRY_DATA_PATH:-$src/conf}
run() { # run MODE I
  /usr/bin/env time -f 'wall %e s, peak RSS %M KiB' -o "$tmp/time.$1.$2" \
    "$quarry" run -v -v -c "$tmp/$1.ini" "$tmp/doc.txt" > /dev/null 2> "$tmp/log.$1.$2"
}
stats() { # stats LABEL < numbers (nothing printed when there are none)
  sort -n | awk -v p="$1" '{v[NR]=$1} END {if (NR) printf "%-20s median %6.1f ms  max %6.1f ms\n", p, v[int((NR+1)/2)], v[NR]}'
}
for i in $(seq "$runs"); do run cold "$i"; done
run warm 0 # writes the cache
for i in $(seq "$runs"); do run warm "$i"; done
echo "quarry: $quarry, $runs runs each"
for phase in words iso-codes libgeonames "GeoNames dump" places; do
  grep -h "locations: debug: $phase[ :]" "$tmp"/log.cold.* | awk '{print $(NF-1)}' | stats "cold: $phase"
done
grep -h ", built in" "$tmp"/log.cold.* | sed 's/.*built in \([0-9.]*\) ms/\1/' | stats "cold: index"
grep -h "read from the cache in" "$tmp"/log.warm.[1-9]* | sed 's/.*cache in \([0-9.]*\) ms/\1/' | stats "warm: index"
grep -h "built in" "$tmp/log.cold.1" | sed 's/.*info: //; s/, built in.*//'
echo "cold run: $(cat "$tmp/time.cold.1")"
echo "warm run: $(cat "$tmp/time.warm.1")"
echo "cache file: $(du -k "$tmp"/cache/locations-*.idx | cut -f1) KiB"

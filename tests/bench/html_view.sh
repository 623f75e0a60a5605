#!/usr/bin/env bash
# html_view.sh [QUARRY] [DOCS]
# How the HTML view behaves at scale: `quarry run --format html` over the
# first DOCS (default 10,000) documents of the evaluation corpus, the page's
# size, and the time headless Chromium takes to load it and show page 1,
# and to open the last page through a #e= link. A benchmark, not a test:
# run it by hand on a release build and quote it.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$src/build-rel/core/quarry}
docs=${2:-10000}
corpus=$src/../shared/eval/corpus/news.jsonl
command -v chromium > /dev/null || { echo "needs chromium" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -n "$docs" "$corpus" > "$tmp/docs.jsonl"
start=$(date +%s.%N)
"$quarry" run -q -j2 --format html -o "$tmp/view.html" "$tmp/docs.jsonl"
end=$(date +%s.%N)
printf 'documents %d, page %.1f MB, written in %.1f s\n' "$docs" \
  "$(echo "$(stat -c %s "$tmp/view.html") / 1000000" | bc -l)" "$(echo "$end - $start" | bc -l)"
browse() { # browse URL: seconds until the DOM after the script is dumped
  local t0 t1
  t0=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$tmp/profile-$RANDOM" --dump-dom "$1" > "$tmp/dom.html" 2> /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
blank=$(browse "about:blank")
first=$(browse "file://$tmp/view.html")
grep -q "page 1 of $(( (docs + 19) / 20 ))" "$tmp/dom.html" || { echo "page 1 not shown" >&2; exit 1; }
last=$(browse "file://$tmp/view.html#e=$((docs - 1)).0")
printf 'chromium: about:blank %.2f s; the page, summary and page 1 %.2f s; the last page via #e= %.2f s\n' \
  "$blank" "$first" "$last"
printf 'marks on the last page: %d\n' "$(grep -o '<mark class="ent' "$tmp/dom.html" | wc -l)"

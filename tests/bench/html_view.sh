#!/usr/bin/env bash
# html_view.sh [QUARRY] [DOCS]
# How the HTML view behaves at scale: `quarry run --format html` over the
# first DOCS (default 10,000) documents of the evaluation corpus, the page's
# size, and the time headless Chromium takes from navigation to page 1 on
# screen, and to the last page through a #e= link (the page's own
# performance.now(), so Chromium's start-up and --dump-dom do not count). A benchmark, not a test:
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
browse() { # browse URL: the page's own figure, ms from navigation to its first page shown
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$tmp/profile-$RANDOM" --dump-dom "$1" > "$tmp/dom.html" 2> /dev/null
  grep -o 'data-shown-ms="[0-9]*"' "$tmp/dom.html" | grep -o '[0-9]*'
}
first=$(browse "file://$tmp/view.html")
grep -q "page 1 of $(( (docs + 19) / 20 ))" "$tmp/dom.html" || { echo "page 1 not shown" >&2; exit 1; }
last=$(browse "file://$tmp/view.html#e=$((docs - 1)).0")
grep -q 'id="doc-'"$((docs - 1))"'"' "$tmp/dom.html" || { echo "the last page not shown" >&2; exit 1; }
echo "chromium: from navigation to page 1 on screen (file read, parsed, summary, 20 documents): ${first} ms"
echo "chromium: from navigation to the last page via #e= with its tooltip: ${last} ms"
printf 'marks on the last page: %d\n' "$(grep -o '<mark class="ent' "$tmp/dom.html" | wc -l)"

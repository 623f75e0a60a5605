#!/usr/bin/env bash
# bench.sh [--quick] [--quarry BIN] [--corpus FILE.jsonl] [--keep DIR]
#
# quarry's throughput against a plain lookup, measured in one run on one
# machine (a benchmark, not a test: quote its output, never assert on it).
#  - builds a Release quarry (build-bench/) unless --quarry is given;
#  - corpora of 1x, 4x and 16x the news corpus (ids made unique);
#  - the baseline: grep -F -w -o over every libgeonames city name, its
#    output read (wc), the cost of one pass that only looks names up;
#  - the default pipeline at -j1 and -j2 on each corpus: MB/s, docs/s, the
#    ratio to grep, peak RSS;
#  - each shipped plugin alone at -j1 on the 1x corpus;
#  - single documents of 1 KB to 100 MB (one text file each): MB/s, RSS;
#  - start-up: the median of 11 runs over one empty document.
# --quick: 1x corpus only, single documents up to 10 MB, 5 start-ups.
# --sizes "1 4", --docs "1000 100000": other corpus multiples and document
# sizes (bytes), e.g. to spare an older, quadratic quarry its 100 MB run.
set -eu
export LC_NUMERIC=C # EPOCHREALTIME and awk read a decimal point
src=$(cd "$(dirname "$0")/../.." && pwd)
quick=0 quarry="" corpus="$src/../shared/eval/corpus/news.jsonl" keep="" want_sizes="" want_docs=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --quarry) quarry=$2; shift ;;
    --corpus) corpus=$2; shift ;;
    --keep) keep=$2; shift ;;
    --sizes) want_sizes=$2; shift ;;
    --docs) want_docs=$2; shift ;;
    *) echo "usage: bench.sh [--quick] [--quarry BIN] [--corpus FILE.jsonl] [--keep DIR] [--sizes LIST] [--docs LIST]" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$corpus" ] || { echo "bench.sh: corpus not found: $corpus" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -z "$quarry" ]; then
  cmake -S "$src" -B "$src/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$src/build-bench" -j"$(nproc)" >/dev/null
  quarry=$src/build-bench/core/quarry
fi
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache # the locations index is built once, then read from cache

# --- inputs ---------------------------------------------------------------------
cc -O2 -o "$work/place_names" "$src/tests/bench/place_names.c" \
  $(pkg-config --cflags --libs glib-2.0) -I/usr/include/geonames -lgeonames
"$work/place_names" > "$work/names.txt"
sizes="1 4 16"; [ $quick -eq 1 ] && sizes="1"; [ -n "$want_sizes" ] && sizes=$want_sizes
for k in $sizes; do
  [ -f "$work/corpus$k.jsonl" ] && continue
  python3 - "$corpus" "$k" > "$work/corpus$k.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for copy in range(int(sys.argv[2])):
    for line in lines:
        d = json.loads(line)
        d["id"] = "%s#%d" % (d["id"], copy)
        print(json.dumps(d, ensure_ascii=False))
PY
done
doc_sizes="1000 10000 100000 1000000 10000000 100000000"; [ $quick -eq 1 ] && doc_sizes="1000 100000 10000000"
[ -n "$want_docs" ] && doc_sizes=$want_docs
# a single document past the default max_doc_size (16 MiB) is measured, not refused
no_limit=""; "$quarry" run --help 2>&1 | grep -q -- --max-doc-size && no_limit="--max-doc-size 0"
python3 - "$corpus" "$work" $doc_sizes <<'PY'
import json, sys, os
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
blob = "\n\n".join(texts).encode("utf-8")
for n in map(int, sys.argv[3:]):
    path = os.path.join(sys.argv[2], "doc%d.txt" % n)
    if os.path.exists(path):
        continue
    out = (blob * (n // len(blob) + 1))[:n]
    while out and (out[-1] & 0xC0) == 0x80:  # never end inside a character
        out = out[:-1]
    if out and out[-1] >= 0xC0:
        out = out[:-1]
    open(path, "wb").write(out)
PY

: > "$work/empty.txt"
"$quarry" run -q "$work/empty.txt" > /dev/null # build the locations cache now, not in a timed run

# --- measuring ------------------------------------------------------------------
# run_timed OUTFILE CMD...: wall seconds and peak KiB of CMD into $secs $kib
run_timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$out" 2> "$work/err" || { cat "$work/err" >&2; return 1; }
  read -r secs kib < "$work/time"
}
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f", b / 1e6 }'; }

printf '# quarry throughput: %s\n\n' "$(date -u +%Y-%m-%d)"
printf 'machine: %s, %s cores, %s; quarry: %s\n' "$(uname -m)" "$(nproc)" \
  "$(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)" "$quarry"
printf 'grep baseline: grep -F -w -o -f names.txt (%s names) | wc -l\n\n' "$(wc -l < "$work/names.txt")"

printf '| input | MB | docs | grep MB/s | quarry -j1 MB/s | docs/s | vs grep | -j2 MB/s | -j2/-j1 | peak RSS -j1 / -j2 |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for k in $sizes; do
  f=$work/corpus$k.jsonl
  m=$(mb "$f") docs=$(wc -l < "$f")
  run_timed "$work/grep.out" bash -c "grep -F -w -o -f '$work/names.txt' '$f' | wc -l"; g=$secs
  run_timed /dev/null "$quarry" run -q -j1 -o /dev/null "$f"; t1=$secs k1=$kib
  run_timed /dev/null "$quarry" run -q -j2 -o /dev/null "$f"; t2=$secs k2=$kib
  awk -v k="$k" -v m="$m" -v d="$docs" -v g="$g" -v t1="$t1" -v t2="$t2" -v k1="$k1" -v k2="$k2" 'BEGIN {
    printf "| corpus %dx | %.1f | %d | %.1f | %.1f | %.0f | %.2fx | %.1f | %.2fx | %.1f / %.1f MiB |\n",
      k, m, d, m / g, m / t1, d / t1, (m / t1) / (m / g), m / t2, t1 / t2, k1 / 1024, k2 / 1024 }'
done

printf '\n| plugin alone (-j1, corpus 1x) | s | MB/s | peak RSS |\n|---|---|---|---|\n'
for p in quotes money weapons locations transfers rules; do
  [ -f "$(dirname "$quarry")/../plugins/$p.so" ] && [ -f "$work/corpus1.jsonl" ] || continue
  printf '[pipeline]\nplugins = %s\n' "$p" > "$work/$p.ini"
  [ "$p" = transfers ] && printf '[pipeline]\nplugins = weapons, money, locations, transfers\n' > "$work/$p.ini"
  # the rules plugin has no rules of its own: the shipped example sets
  [ "$p" = rules ] && printf '[pipeline]\nplugins = rules\n[rules]\nphrases = rules/military-ranks.tsv, rules/defence-companies.tsv\npatterns = rules/military-units.tsv, rules/defence-deals.tsv\nregexes = rules/military-hulls.tsv\n' > "$work/$p.ini"
  run_timed /dev/null "$quarry" run -q -j1 -c "$work/$p.ini" -o /dev/null "$work/corpus1.jsonl"
  awk -v p="$p" -v s="$secs" -v m="$(mb "$work/corpus1.jsonl")" -v k="$kib" \
    'BEGIN { printf "| %s%s | %.2f | %.1f | %.1f MiB |\n", p, p == "transfers" ? " (with the stages it reads)" : p == "rules" ? " (the shipped example rule sets)" : "", s, m / s, k / 1024 }'
done

printf '\n| one document | -j1 s | MB/s | peak RSS | entities |\n|---|---|---|---|---|\n'
for n in $doc_sizes; do
  f=$work/doc$n.txt
  run_timed "$work/one.jsonl" "$quarry" run -q -j1 $no_limit "$f"
  awk -v n="$n" -v s="$secs" -v m="$(mb "$f")" -v k="$kib" -v e="$(grep -o '"type": ' "$work/one.jsonl" | wc -l)" \
    'BEGIN { label = (n >= 1e6) ? sprintf("%d MB", n / 1e6) : sprintf("%d KB", n / 1e3)
             printf "| %s | %.2f | %.1f | %.1f MiB | %d |\n", label, s, (s > 0) ? m / s : 0, k / 1024, e }'
done

runs=11; [ $quick -eq 1 ] && runs=5
# bash's own clock: a `date` process on each side added ~8 ms (a fork and an
# exec) to every start-up measured before 2026-12-02 (third measurement)
for i in $(seq $runs); do
  s=$EPOCHREALTIME; "$quarry" run -q "$work/empty.txt" > /dev/null; e=$EPOCHREALTIME
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.0f\n", (e - s) * 1e6 }'
done | sort -n | awk -v r=$runs '{ a[NR] = $1 } END { printf "\nstart-up, default pipeline, warm cache: median %.1f ms of %d runs (min %.1f, max %.1f)\n", a[int((r + 1) / 2)] / 1000, r, a[1] / 1000, a[r] / 1000 }'

#!/usr/bin/env bash
# scale_out_test.sh QUARRY SOURCE_DIR
# The GNU parallel recipes of docs/scale-out.md, taken from the document
# and run as written (quarry on PATH): --pipe over a big JSON Lines file
# and -X over many files give byte for byte what one run gives; --shard
# jobs give the same set of records. Exit 77 (skipped) without parallel.
set -u
quarry=$1 src=$2
command -v parallel > /dev/null || { echo "SKIP: GNU parallel is not installed (Debian package parallel)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
recipe() { python3 "$src/tests/e2e/recipe.py" "$src/docs/scale-out.md" "$1"; }

mkdir -p "$work/bin" "$work/corpus/a" "$work/corpus/b"
ln -s "$quarry" "$work/bin/quarry"
export PATH="$work/bin:$PATH"
cd "$work" || exit 1
# big.jsonl: the evaluation corpus's first 3,000 documents (several 1 MB
# blocks), or documents of our own without shared/
corpus=$src/../shared/eval/corpus/news.jsonl
if [ -r "$corpus" ]; then head -n 3000 "$corpus" > big.jsonl; else
  python3 -c '
import json
for i in range(6000):
    print(json.dumps({"id": f"d{i}", "text": f"Report {i}: Berlin pledged €{i} million for IRIS-T systems, said Anna Richter in Kyiv. " * 8}))
' > big.jsonl
fi
python3 - <<'PY'
import json
for i, line in enumerate(open("big.jsonl", encoding="utf-8")):
    if i >= 120:
        break
    doc = json.loads(line)
    with open("corpus/%s/doc-%03d.txt" % ("ab"[i % 2], i), "w", encoding="utf-8") as f:
        f.write(doc["text"])
PY

quarry run -q -j 2 --input-format jsonl - < big.jsonl > one.jsonl
recipe parallel-pipe > pipe.sh && bash pipe.sh
check "recipe parallel-pipe: $(wc -l < records.jsonl) records, byte-identical to one run" cmp -s records.jsonl one.jsonl
check "recipe parallel-pipe: it did cut the input into several blocks" test "$(stat -c %s big.jsonl)" -gt 2000000

quarry run -q -j 2 corpus > one-files.jsonl
rm -f records.jsonl
recipe parallel-files > files.sh && bash files.sh
check "recipe parallel-files: 120 records, byte-identical to quarry run corpus" \
  bash -c "[ \$(wc -l < records.jsonl) -eq 120 ] && cmp -s records.jsonl one-files.jsonl"

rm -f records.jsonl
quarry run -q -j 2 big.jsonl > one-big.jsonl
recipe parallel-shards > shards.sh && bash shards.sh
check "recipe parallel-shards: four parts, the same records as one run" \
  bash -c "[ -s part-4.jsonl ] && cmp -s <(sort records.jsonl) <(sort one-big.jsonl)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# input_test.sh QUARRY SOURCE_DIR
# Compressed and HTML input end to end: gzip and zstd files and standard
# input give byte-identical records to the uncompressed ones (JSON Lines and
# text), a corrupt or truncated archive gives one error record naming the
# file and the run goes on, and HTML pages are read as their visible text.
set -u
quarry=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
run() { "$quarry" run -q -j2 "$@"; }

# --- a JSON Lines file and text files, written here -------------------------
mkdir -p "$work/plain" "$work/gz" "$work/zst" "$work/named"
python3 - "$work/plain" <<'PY'
import json, sys, os
d = sys.argv[1]
docs = [
    ("j1", "Germany pledged €500 million for IRIS-T systems, officials in Berlin said."),
    ("j2", "“We need more air defence,” said Anna Richter in Kyiv."),
    ("j3", "Ships left Odesa for Istanbul with grain worth $12 million."),
]
with open(os.path.join(d, "docs.jsonl"), "w", encoding="utf-8") as f:
    for i in range(400):  # big enough to span several compressed blocks
        doc_id, text = docs[i % 3]
        f.write(json.dumps({"id": f"{doc_id}-{i}", "text": text}, ensure_ascii=False) + "\n")
for k, (doc_id, text) in enumerate(docs):
    with open(os.path.join(d, f"t{k}.txt"), "w", encoding="utf-8") as f:
        f.write((text + "\n\n") * 50)
PY
for f in "$work"/plain/*; do
  b=$(basename "$f")
  gzip -c "$f" > "$work/gz/$b"      # same name, gzip inside: the magic bytes decide
  zstd -q -c "$f" > "$work/zst/$b"
  gzip -c "$f" > "$work/named/$b.gz"
  zstd -q -c "$f" > "$work/named/$b.zst"
done
(cd "$work/plain" && run docs.jsonl t0.txt t1.txt t2.txt > "$work/plain.out")
(cd "$work/gz" && run docs.jsonl t0.txt t1.txt t2.txt > "$work/gz.out")
(cd "$work/zst" && run docs.jsonl t0.txt t1.txt t2.txt > "$work/zst.out")
check "plain run has 403 records" test "$(wc -l < "$work/plain.out")" -eq 403
check "gzip input: byte-identical records" cmp -s "$work/plain.out" "$work/gz.out"
check "zstd input: byte-identical records" cmp -s "$work/plain.out" "$work/zst.out"
# *.jsonl.gz is JSON Lines by its name less the compression suffix
(cd "$work/named" && run docs.jsonl.gz t0.txt.gz t1.txt.zst t2.txt.gz > "$work/named.out")
sed -e 's/"t0.txt.gz"/"t0.txt"/; s/"t1.txt.zst"/"t1.txt"/; s/"t2.txt.gz"/"t2.txt"/' "$work/named.out" > "$work/named.fixed"
check "*.jsonl.gz / *.txt.zst by name: same records" cmp -s "$work/plain.out" "$work/named.fixed"
run --input-format jsonl - < "$work/gz/docs.jsonl" > "$work/stdin-gz.out"
run --input-format jsonl - < "$work/plain/docs.jsonl" > "$work/stdin.out"
check "gzip on standard input (a file)" cmp -s "$work/stdin.out" "$work/stdin-gz.out"
cat "$work/zst/docs.jsonl" | run --input-format jsonl - > "$work/stdin-zst.out"
check "zstd on standard input (a pipe)" cmp -s "$work/stdin.out" "$work/stdin-zst.out"
cat "$work/gz/t1.txt" | run - > "$work/stdin-text.out"
(cd "$work/plain" && run - < t1.txt > "$work/stdin-text-plain.out")
check "gzip text on a pipe" cmp -s "$work/stdin-text-plain.out" "$work/stdin-text.out"
cat "$work/plain/docs.jsonl" | run --input-format jsonl - > "$work/stdin-pipe.out"
check "uncompressed pipe still read as it is" cmp -s "$work/stdin.out" "$work/stdin-pipe.out"
cat "$work/gz/docs.jsonl" "$work/gz/docs.jsonl" > "$work/twice.jsonl.gz"
run "$work/twice.jsonl.gz" > "$work/twice.out"
check "concatenated gzip members are one stream" test "$(wc -l < "$work/twice.out")" -eq 800

# --- corrupt and truncated archives: one error record, the run goes on ------
size=$(stat -c %s "$work/gz/t0.txt")
head -c $((size / 2)) "$work/gz/t0.txt" > "$work/cut.txt.gz"
python3 - "$work/gz/t1.txt" "$work/flipped.txt.gz" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 0xFF  # inside the deflate data
open(sys.argv[2], "wb").write(bytes(data))
PY
size=$(stat -c %s "$work/zst/t2.txt")
head -c $((size - 5)) "$work/zst/t2.txt" > "$work/cut.txt.zst"
printf '\x1f\x8b\x08\x00garbage that is no deflate stream' > "$work/junk.gz"
"$quarry" run -q -j2 "$work/cut.txt.gz" "$work/flipped.txt.gz" "$work/cut.txt.zst" "$work/junk.gz" \
  "$work/plain/t0.txt" > "$work/bad.out" 2> "$work/bad.err"; rc=$?
check "corrupt archives: exit 1 (records carry errors)" test $rc -eq 1
check "corrupt archives: one record each, and the run went on" test "$(wc -l < "$work/bad.out")" -eq 5
python3 - "$work" <<'PY' && ok "each corrupt archive: one error record naming the file and the fault" || bad "corrupt archive records"
import json, sys
w = sys.argv[1]
recs = [json.loads(l) for l in open(w + "/bad.out", encoding="utf-8")]
want = [("cut.txt.gz", "truncated gzip data"), ("flipped.txt.gz", "corrupt gzip data"),
        ("cut.txt.zst", "truncated zstd data"), ("junk.gz", "gzip data")]
for rec, (name, why) in zip(recs, want):
    assert rec["id"].endswith(name), rec["id"]
    assert rec["entities"] == [] and len(rec["errors"]) == 1, rec
    assert why in rec["errors"][0]["message"], rec["errors"][0]
assert recs[4]["errors"] == [] and recs[4]["entities"], recs[4]
PY
# a JSON Lines archive cut in the middle: the lines before the cut, then one error
size=$(stat -c %s "$work/gz/docs.jsonl")
head -c $((size * 2 / 3)) "$work/gz/docs.jsonl" > "$work/cut.jsonl.gz"
run "$work/cut.jsonl.gz" > "$work/cut.out"
python3 - "$work/cut.out" "$work/plain.out" <<'PY' && ok "cut .jsonl.gz: whole lines before the cut, then one error record" || bad "cut .jsonl.gz"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
full = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
errs = [r for r in recs if r["errors"]]
assert len(errs) == 1 and "truncated gzip data" in errs[0]["errors"][0]["message"], errs
assert errs[0] is recs[-1] and "cut.jsonl.gz:" in errs[0]["id"], errs[0]["id"]
assert recs[:-1] == full[: len(recs) - 1] and len(recs) > 100, len(recs)
PY

# --- HTML pages ---------------------------------------------------------------
run "$src/tests/e2e/data/page.html" > "$work/page.out"
python3 - "$work/page.out" <<'PY' && ok "HTML: entities decoded, script/style/nav/footer/hidden dropped, quote kept" || bad "HTML page"
import json, sys
(rec,) = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(e["type"], e["text"]) for e in rec["entities"]]
assert ("money", "€1.2 billion") in got and ("money", "€5 million") in got, got
money = [t for ty, t in got if ty == "money"]
assert not any(m.startswith("$") for m in money), money  # $9, $12 in scripts, $7 in CSS, $3 hidden
assert not any(m.startswith("£") for m in money), money   # the banner's £1
places = {t for ty, t in got if ty == "location"}
assert places == {"Gdansk", "Warsaw"}, places  # not London (nav), Paris/Rome (script), Oslo (hidden), Berlin (aside), Madrid (footer)
quote = [e for e in rec["entities"] if e["type"] == "quote"]
assert quote and quote[0]["attrs"].get("speaker") == "Marta Kowalczyk", quote
PY
cp "$src/tests/e2e/data/page.html" "$work/page.txt"
run --input-format html "$work/page.txt" > "$work/forced.out"
check "--input-format html reads any file name as HTML" \
  bash -c "sed 's/page.txt/page.html/' '$work/forced.out' | cmp -s - <(sed 's|$src/tests/e2e/data/|$work/|' '$work/page.out')"
run "$work/page.txt" > "$work/astext.out"
check "a .txt file of HTML stays text (the \$9 in its script is found)" grep -q '"text": "\$9"' "$work/astext.out"
gzip -c "$src/tests/e2e/data/page.html" > "$work/page.html.gz"
run "$work/page.html.gz" | sed 's/page.html.gz/page.html/' > "$work/page-gz.out"
check "*.html.gz: HTML through gzip" bash -c "sed 's|$src/tests/e2e/data/|$work/|' '$work/page.out' | cmp -s - '$work/page-gz.out'"
run --input-format html - < "$src/tests/e2e/data/page.html" | grep -q '"text": "€5 million"'
check "HTML on standard input" test $? -eq 0
run "$src/tests/e2e/data/cp1252.html" > "$work/cp.out"
check "HTML in its declared charset (windows-1252 euro sign)" grep -q '"text": "€500 million"' "$work/cp.out"
printf '' > "$work/empty.html"
run "$work/empty.html" > "$work/empty.out"; rc=$?
check "an empty page is an empty document" bash -c "[ $rc -eq 0 ] && grep -q '\"entities\": \[\], \"errors\": \[\]' '$work/empty.out'"
"$quarry" run --input-format xml x 2>"$work/err"; rc=$?
check "--input-format names the choices" bash -c "[ $rc -eq 2 ] && grep -q 'auto, text, jsonl or html' '$work/err'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# output_test.sh QUARRY SOURCE_DIR
# Every --format end to end on the bundled samples, checked against the
# JSON Lines records of the same run: TSV rows and their character offsets,
# CoNLL tokens and IOB2 tags, brat .txt/.ann pairs as brat reads them, and
# the HTML page's document blocks. (The page's rendering in a browser is
# html_view_test.py.)
set -u
quarry=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
pycheck() { local what=$1; shift; if python3 - "$@"; then ok "$what"; else bad "$what"; fi; }

cp "$src"/docs/samples/*.txt "$work/"
cp "$src/tests/e2e/data/page.html" "$work/"
printf 'Kyiv \xff\n' > "$work/broken.txt"   # invalid UTF-8: a record with an error
cd "$work" || exit 1
inputs=(air-defence.txt broken.txt grain-corridor.txt harbour-deal.txt page.html)
"$quarry" run -q -j2 "${inputs[@]}" > records.jsonl; rc=$?
check "records: exit 1 for the broken file" test $rc -eq 1
"$quarry" run -q -j2 --format jsonl "${inputs[@]}" > explicit.jsonl
check "--format jsonl is the default, byte for byte" cmp -s records.jsonl explicit.jsonl

# --- TSV ------------------------------------------------------------------------
"$quarry" run -q -j2 --format tsv -o out.tsv "${inputs[@]}"; rc=$?
check "tsv: exit status as for JSON Lines" test $rc -eq 1
pycheck "tsv: one row per entity, offsets and attributes as in the records" <<'PY'
import csv, json
recs = [json.loads(l) for l in open("records.jsonl", encoding="utf-8")]
texts = {r["id"]: None for r in recs}
rows = list(csv.reader(open("out.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
head, rows = rows[0], rows[1:]
assert head[:8] == ["id", "type", "start", "end", "char_start", "char_end", "text", "plugin"], head
assert head[-1] == "other_attrs" and {"currency", "speaker", "name", "lat"} <= set(head), head
ents = [(r["id"], e) for r in recs for e in r["entities"]]
assert len(rows) == len(ents), (len(rows), len(ents))
unesc = lambda s: s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
for row, (doc_id, e) in zip(rows, ents):
    cell = dict(zip(head, row))
    assert cell["id"] == doc_id and cell["type"] == e["type"] and int(cell["start"]) == e["start"], (cell, e)
    if not doc_id.endswith(".html"):
        text = open(doc_id, encoding="utf-8").read()
        assert text[int(cell["char_start"]):int(cell["char_end"])] == e["text"], (cell, e["text"])
    assert unesc(cell["text"]) == e["text"]
    for k, v in e["attrs"].items():
        want = v if isinstance(v, str) else json.dumps(v)
        assert cell[k] == want, (k, cell[k], want)
    assert cell["other_attrs"] == ""
PY
python3 - <<'PY' > many.jsonl
import json
for i in range(1000):
    print(json.dumps({"id": f"n{i}", "text": "Ships left Odesa on Monday."}))
print(json.dumps({"id": "late", "text": "Kyiv asked for €5 million."}))
PY
"$quarry" run -q -j2 --format tsv many.jsonl > many.tsv
pycheck "tsv: an attribute first met after 1,000 documents goes to other_attrs" <<'PY'
import csv, json
rows = list(csv.reader(open("many.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
head = rows[0]
assert "currency" not in head, head
late = [dict(zip(head, r)) for r in rows[1:] if r[0] == "late" and r[1] == "money"]
assert late and json.loads(late[0]["other_attrs"]) == {"value": 5000000, "currency": "EUR"}, late
PY

# --- CoNLL ----------------------------------------------------------------------
"$quarry" run -q -j2 --format conll -o out.conll "${inputs[@]}"
pycheck "conll: tokens with offsets, one IOB2 column per type, entities recoverable" <<'PY'
import json
recs = [json.loads(l) for l in open("records.jsonl", encoding="utf-8")]
lines = open("out.conll", encoding="utf-8").read().split("\n")
assert lines[0].startswith("# global.columns = FORM START END "), lines[0]
types = [t.lower() for t in lines[0].split(" = ")[1].split()[3:]]
assert set(types) >= {"quote", "money", "weapon", "location"}, types
docs, cur = {}, None
for l in lines[1:]:
    if l.startswith("# newdoc id = "):
        cur = l[len("# newdoc id = "):]
        docs[cur] = {"rows": [], "errors": []}
    elif l.startswith("# error = "):
        docs[cur]["errors"].append(l)
    elif l:
        docs[cur]["rows"].append(l.split("\t"))
assert list(docs) == [r["id"] for r in recs], list(docs)
assert docs["broken.txt"]["errors"] and not docs["broken.txt"]["rows"]
for r in recs:
    rows = docs[r["id"]]["rows"]
    if not rows:
        continue
    data = open(r["id"], "rb").read() if r["id"].endswith(".txt") else None
    for row in rows:
        form, s, e, tags = row[0], int(row[1]), int(row[2]), row[3:]
        assert len(tags) == len(types)
        if data is not None:
            assert data[s:e].decode("utf-8") == form, (form, s, e)
    for col, ty in enumerate(types):
        prev = "O"
        spans, open_ = [], None
        for row in rows:
            tag = row[3 + col]
            assert tag == "O" or tag in ("B-" + ty, "I-" + ty), tag
            assert not tag.startswith("I-") or prev != "O", (ty, row)  # IOB2: I follows B or I
            if tag.startswith("B-"):
                open_ = [int(row[1]), int(row[2])]
                spans.append(open_)
            elif tag.startswith("I-"):
                open_[1] = int(row[2])
            prev = tag
        ents = [e for e in r["entities"] if e["type"] == ty]
        # every entity begins a tagged span at its first token, unless an earlier one of its type holds it
        for e in ents:
            assert any(s <= e["start"] < t or (e["start"] <= s < e["end"]) for s, t in spans), (ty, e["text"])
        assert len(spans) <= len(ents)
PY

# --- brat -----------------------------------------------------------------------
"$quarry" run -q -j2 --format brat -o brat "${inputs[@]}"; rc=$?
check "brat: exit status as for JSON Lines" test $rc -eq 1
pycheck "brat: .txt/.ann pairs whose offsets hold their text, notes, speaker relations, conf files" <<'PY'
import json, os, re
recs = [json.loads(l) for l in open("records.jsonl", encoding="utf-8")]
files = sorted(os.listdir("brat"))
assert "annotation.conf" in files and "visual.conf" in files, files
anns = [f for f in files if f.endswith(".ann")]
assert len(anns) == 4, anns  # the unreadable document gets none
assert anns[0].startswith("000001_air-defence") and anns[1].startswith("000003_grain"), anns
conf = open("brat/annotation.conf", encoding="utf-8").read()
for ty in ("quote", "money", "weapon", "location", "speaker"):
    assert re.search(r"^%s$" % ty, conf, re.M), ty
assert re.search(r"^speaker\tArg1:quote, Arg2:speaker$", conf, re.M)
readable = [r for r in recs if not r["errors"]]
for ann, rec in zip(anns, readable):
    text = open("brat/" + ann[:-4] + ".txt", encoding="utf-8", newline="").read()
    ids, targets, rels = set(), set(), 0
    for line in open("brat/" + ann, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0].startswith("T"):
            kind, spans = f[1].split(" ", 1)
            got = " ".join(text[int(a):int(b)] for a, b in (s.split() for s in spans.split(";")))
            assert got == f[2], (ann, f, got)
            ids.add(f[0])
        elif f[0].startswith("R"):
            role, a1, a2 = f[1].split()
            assert a1[5:] in ids and a2[5:] in ids, f
            targets.add(a2[5:])
            rels += 1
        elif f[0].startswith("#"):
            assert f[1].split()[1] in ids and "=" in f[2], f
    # every entity, plus one span per X_start/X_end pair (a speaker, a donor), each related to it
    pairs = sum(1 for e in rec["entities"] for k, v in e["attrs"].items()
                if k.endswith("_start") and k[:-6] + "_end" in e["attrs"] and e["attrs"][k[:-6] + "_end"] > v)
    assert len(ids) - len(targets) == len(rec["entities"]), (ann, len(ids), len(targets), len(rec["entities"]))
    assert rels == len(targets) == pairs, (ann, rels, pairs)
PY
"$quarry" run -q --format brat air-defence.txt 2>err; rc=$?
check "brat without -o: exit 2, says to name a directory" bash -c "[ $rc -eq 2 ] && grep -q 'name it with -o DIR' err"
touch afile
"$quarry" run -q --format brat -o afile air-defence.txt 2>err; rc=$?
check "brat onto a file: exit 3 with the reason" bash -c "[ $rc -eq 3 ] && grep -q 'afile: not a directory' err"
"$quarry" run -q --format yaml air-defence.txt 2>err; rc=$?
check "unknown --format: exit 2 naming the choices" bash -c "[ $rc -eq 2 ] && grep -q 'jsonl, tsv, conll, html or brat' err"

# --- HTML -----------------------------------------------------------------------
"$quarry" run -q -j2 --format html -o out.html "${inputs[@]}"
pycheck "html: one inert JSON block per document, UTF-16 offsets on the text, summary, no network" <<'PY'
import json, re
recs = [json.loads(l) for l in open("records.jsonl", encoding="utf-8")]
page = open("out.html", encoding="utf-8").read()
assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "a network reference"
blocks = re.findall(r'<script type="application/json" class="qdoc" data-types="([^"]*)">(.*?)</script>', page, re.S)
assert len(blocks) == len(recs), len(blocks)
def u16(s, a, b):  # JavaScript's slice
    return s.encode("utf-16-le")[2 * a:2 * b].decode("utf-16-le")
for (types, body), rec in zip(blocks, recs):
    doc = json.loads(body)
    assert doc["id"] == rec["id"]
    assert set(types.split()) == {e["type"] for e in rec["entities"]}
    if rec["errors"]:
        assert doc["text"] is None and doc["errors"][0]["message"] == rec["errors"][0]["message"]
        continue
    assert [u16(doc["text"], e["s"], e["e"]) for e in doc["ents"]] == [e["text"] for e in rec["entities"]]
    for d, e in zip(doc["ents"], rec["entities"]):
        assert d["t"] == e["type"] and d["a"] == e["attrs"]
        if "speaker_start" in e["attrs"]:
            (role, s, t), = d["l"]
            said = doc["text"].encode("utf-8")[e["attrs"]["speaker_start"]:e["attrs"]["speaker_end"]].decode("utf-8")
            assert role == "speaker" and u16(doc["text"], s, t) == said, (d["l"], said)
summary = json.loads(re.search(r'<script type="application/json" id="qsummary">(.*?)</script>', page, re.S).group(1))
assert summary["documents"] == len(recs) and summary["documents_with_errors"] == 1
assert summary["types"]["money"] == sum(e["type"] == "money" for r in recs for e in r["entities"])
PY
printf '{"id": "x", "text": "</script><script>alert(1)</script> <!-- Kyiv"}\n' > evil.jsonl
"$quarry" run -q --format html -o evil.html evil.jsonl
check "html: document text cannot close its block" bash -c "[ \$(grep -c '<script>alert' evil.html) -eq 0 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

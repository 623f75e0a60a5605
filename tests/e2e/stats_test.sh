#!/usr/bin/env bash
# stats_test.sh QUARRY SOURCE_DIR
# `quarry stats` on records written by hand (tests/e2e/data/transfers.jsonl:
# transfer entities as the transfers plugin emits them, money, an input
# error) and on a real run: the terminal summary, --json, the donor x
# system table, bad lines, compressed records.
set -u
quarry=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
data=$src/tests/e2e/data/transfers.jsonl

"$quarry" stats "$data" > "$work/out"; rc=$?
cat "$work/out"
check "stats: exit 0" test $rc -eq 0
check "stats: documents, errors, entities" grep -q '^4 documents, 1 with errors, 6 entities$' "$work/out"
check "stats: entities by type" grep -qE '^  transfer +5$' "$work/out"
check "stats: errors by code" grep -qE '^  QRY_ERR_INVALID +1$' "$work/out"
check "stats: input errors by source" grep -qE '^  input +1$' "$work/out"
check "stats: top values" grep -q '^  transfer.donor: DE (4), US (1)$' "$work/out"
check "stats: amounts per currency" grep -qE '^  transfer +EUR +2 +650,000,000$' "$work/out"
check "stats: donor x system table, biggest first" \
  grep -qE '^  DE +IRIS-T +3  pledged 2, delivered 1 +EUR 650,000,000, USD 20,000,000$' "$work/out"
check "stats: a row without an amount" grep -qE '^  DE +Leopard 2 +1  delivered 1 *$' "$work/out"
check "stats: a single-mention row" grep -qE '^  US +Patriot +1  pledged 1 +USD 2,000,000,000$' "$work/out"

"$quarry" stats --json "$data" > "$work/out.json"
python3 - "$work/out.json" <<'PY' && ok "stats --json: the same figures for machines" || bad "stats --json"
import json, sys
s = json.load(open(sys.argv[1]))
assert (s["documents"], s["documents_with_errors"], s["entities"]) == (4, 1, 6)
assert s["types"] == {"transfer": 5, "money": 1} and s["plugins"] == {"transfers": 5, "money": 1}
assert s["amounts"]["money"]["USD"] == {"count": 1, "sum": 1e9}
row = s["transfers"][0]
assert (row["donor"], row["system"], row["count"]) == ("DE", "IRIS-T", 3), row
assert row["statuses"] == {"pledged": 2, "delivered": 1} and row["amounts"] == {"EUR": 650e6, "USD": 20e6}
assert row["recipients"] == {"UA": 3}
assert s["attributes"]["transfer"]["status"] == [["pledged", 3], ["delivered", 2]]
assert s["ranges"]["transfer"]["value"] == {"count": 4, "min": 20000000, "max": 2000000000}
PY

gzip -c "$data" > "$work/t.jsonl.gz"
"$quarry" stats --json "$work/t.jsonl.gz" | cmp -s - "$work/out.json"
check "stats: gzip records read as they are" test $? -eq 0
{ head -1 "$data"; echo 'not json'; echo '{"id": "x"}'; } > "$work/bad.jsonl"
"$quarry" stats "$work/bad.jsonl" > /dev/null 2> "$work/err"; rc=$?
check "stats: bad lines: exit 1" test $rc -eq 1
check "stats: each bad line named with FILE:LINE" \
  bash -c "grep -q 'bad.jsonl:2: not a record' '$work/err' && grep -q 'bad.jsonl:3: not a record: no \"entities\" array' '$work/err'"
"$quarry" stats "$work/missing.jsonl" 2> "$work/err"; rc=$?
check "stats: a missing file: exit 1 naming it" bash -c "[ $rc -eq 1 ] && grep -q 'missing.jsonl: cannot open' '$work/err'"
"$quarry" stats 2> "$work/err"; rc=$?
check "stats: no file: exit 2" test $rc -eq 2
"$quarry" stats --top 0 "$data" 2> "$work/err"; rc=$?
check "stats: --top 0 refused" bash -c "[ $rc -eq 2 ] && grep -q -- '--top wants' '$work/err'"

# a real run, read back
"$quarry" run -q -j2 -o "$work/run.jsonl" "$src/docs/samples"
"$quarry" stats --top 3 "$work/run.jsonl" > "$work/run.out"
check "stats of a run: three documents" grep -q '^3 documents, 0 with errors, ' "$work/run.out"
check "stats of a run: --top 3 keeps three values" \
  bash -c "[ \$(grep '^  location.name:' '$work/run.out' | tr ',' '\n' | wc -l) -eq 3 ]"
if grep -q '"type": "transfer"' "$work/run.jsonl"; then
  check "stats of a run: the transfer table, as the run has transfers" grep -q '^transfers: donor x system' "$work/run.out"
fi
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    r["entities"] = [e for e in r["entities"] if e["type"] != "transfer"]
    print(json.dumps(r, ensure_ascii=False))' "$work/run.jsonl" > "$work/none.jsonl"
"$quarry" stats "$work/none.jsonl" > "$work/none.out"
check "stats: no transfer table without transfers" bash -c "! grep -q '^transfers' '$work/none.out'"
"$quarry" stats - < "$work/run.jsonl" | cmp -s - <("$quarry" stats "$work/run.jsonl")
check "stats: standard input" test $? -eq 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

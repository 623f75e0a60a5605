#!/bin/bash
# e2e_samples.sh QUARRY SOURCE_DIR -- one rules instance end to end, as a
# user runs it: the shipped example pipeline conf/rules/military.ini over
# the bundled samples, `quarry check` on it, and a broken rule file.
set -u
quarry=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$quarry" check -c "$src/conf/rules/military.ini" > "$tmp/check.out" 2>&1 || fail "check: $(cat "$tmp/check.out")"
grep -q 'rules 1\.' "$tmp/check.out" || fail "check does not list rules: $(cat "$tmp/check.out")"

"$quarry" run -q -c "$src/conf/rules/military.ini" -o "$tmp/out.jsonl" "$src/docs/samples" || fail "run failed"
python3 - "$tmp/out.jsonl" <<'PY' || exit 1
import json, sys
found = set()
for line in open(sys.argv[1]):
    rec = json.loads(line)
    assert not rec["errors"], rec["errors"]
    for e in rec["entities"]:
        if e["plugin"] == "rules":
            found.add((rec["id"].rsplit("/", 1)[-1], e["type"], e["text"], e["attrs"].get("label"), e["attrs"].get("value")))
want = {
    ("air-defence.txt", "title", "Defence Minister", "defence_minister", None),
    ("air-defence.txt", "event", "$325 million in aid", "aid_package", "$325 million"),
    ("air-defence.txt", "event", "package was worth about 500 million euros", "package", "500 million euros"),
}
missing = want - found
if missing:
    sys.exit("FAIL: missing %s; found %s" % (sorted(missing), sorted(found)))
# the other extractors still report what they did
PY

# A rule file with two bad lines: both reported with FILE:LINE, nothing run.
printf 'Thales\torg\nThales SA\tcompany\n(bad\torg\tcolour=red\n' > "$tmp/bad.tsv"
printf '[pipeline]\nplugins = rules\n\n[rules]\nphrases = bad.tsv\n' > "$tmp/bad.ini"
if "$quarry" check -c "$tmp/bad.ini" > "$tmp/bad.out" 2>&1; then fail "check accepted a bad rule file"; fi
grep -q "\[rules\] phrases: $tmp/bad.tsv:2: unknown entity type 'company'" "$tmp/bad.out" || fail "$(cat "$tmp/bad.out")"
grep -q "\[rules\] phrases: $tmp/bad.tsv:3: column 3: unknown attribute 'colour'" "$tmp/bad.out" || fail "$(cat "$tmp/bad.out")"
echo "e2e_rules_samples: ok"

#!/bin/bash
# e2e_two_instances.sh QUARRY SOURCE_DIR -- a pipeline of shipped plugins
# plus two rules instances on the bundled samples (issue #15, "Done when").
#
# Each instance has a section with `plugin = rules`; records name the
# instance in "plugin".
set -u
quarry=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The second instance builds on the first: a person after a title the
# first instance found.
printf '<title> name:[cap]{1,3}\tperson\tlabel=official\n' > "$tmp/officials.tsv"
cat > "$tmp/two.ini" <<INI
[pipeline]
plugins = money, weapons, locations, offices, deals
overlap = longest
overlap_scope = type

[offices]
plugin = rules
phrases = $src/conf/rules/military-ranks.tsv

[deals]
plugin = rules
phrases = $src/conf/rules/defence-companies.tsv
patterns = $src/conf/rules/defence-deals.tsv, $tmp/officials.tsv
trace = yes
INI

"$quarry" check -c "$tmp/two.ini" > "$tmp/check.out" 2>&1 || fail "check: $(cat "$tmp/check.out")"
"$quarry" run -q -c "$tmp/two.ini" -o "$tmp/out.jsonl" "$src/docs/samples" || fail "run failed"
python3 - "$tmp/out.jsonl" <<'PY' || exit 1
import json, sys
found = set()
for line in open(sys.argv[1]):
    rec = json.loads(line)
    assert not rec["errors"], rec["errors"]
    for e in rec["entities"]:
        inst = e["plugin"]
        found.add((inst, e["type"], e["text"], e["attrs"].get("label")))
want = {
    ("offices", "title", "Defence Minister", "defence_minister"),
    ("deals", "person", "Defence Minister Anna Richter", "official"),
    ("deals", "event", "$325 million in aid", "aid_package"),
    ("money", "money", "$325 million", None),
}
missing = want - found
if missing:
    sys.exit("FAIL: missing %s" % sorted(missing))
PY
echo "e2e_rules_two_instances: ok"

#!/usr/bin/env bash
# record_format_test.sh QUARRY SOURCE_DIR
# docs/record-format.md lists, for every entity type of the shipped
# plugins, the attributes it carries with their types. The plugins declare
# the same in their descriptors (ABI 1.1), and `quarry plugins NAME` prints
# the declarations: this test holds the page and the code to each other,
# both ways, so neither can drift.
set -u
quarry=$1 src=$2
python3 - "$quarry" "$src/docs/record-format.md" <<'PY'
import re, subprocess, sys
quarry, doc = sys.argv[1], sys.argv[2]
declared = {}
for plugin in ("locations", "quotes", "money", "weapons", "transfers"):
    out = subprocess.run([quarry, "plugins", plugin], capture_output=True, text=True, check=True).stdout
    for etype, name, atype in re.findall(r"^    (\w+)\.(\w+)\s+(string|int|double|bool)\s", out, re.M):
        declared[(etype, name)] = atype
    if not any(k[0] for k in declared):
        sys.exit("FAIL: %s declares no attributes" % plugin)
documented, etype = {}, None
for line in open(doc, encoding="utf-8"):
    m = re.match(r"### `(\w+)` \(plugin \w+\)", line)
    if m:
        etype = m.group(1)
        continue
    if line.startswith("## "):
        etype = None
    m = re.match(r"\| `(\w+)` \| (string|int|double|bool) \|", line)
    if etype and m:
        documented[(etype, m.group(1))] = m.group(2)
fail = 0
for k, t in sorted(declared.items()):
    if k not in documented:
        print("FAIL: %s.%s (%s) is declared but not in record-format.md" % (k[0], k[1], t)); fail += 1
    elif documented[k] != t:
        print("FAIL: %s.%s is %s in the code, %s in record-format.md" % (k[0], k[1], t, documented[k])); fail += 1
for k in sorted(set(documented) - set(declared)):
    print("FAIL: %s.%s is in record-format.md but no plugin declares it" % k); fail += 1
print("record-format.md: %d attributes of %d types checked, %d failed"
      % (len(declared), len({k[0] for k in declared}), fail))
sys.exit(1 if fail else 0)
PY

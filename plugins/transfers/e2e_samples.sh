#!/bin/bash
# e2e_samples.sh QUARRY SOURCE_DIR PYTHON -- the default pipeline, with
# transfers after the extractors it reads (as conf/default.ini lists them, and
# transfers appended when it is not there yet), over docs/samples: the
# air-defence story yields its transfers, the grain and port stories none,
# and the other stages' entities are the same with and without transfers.
set -euo pipefail
quarry=$1 src=$2 python=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plugins=$(sed -n 's/^plugins *= *//p' "$src/conf/default.ini" | head -1)
case ",$plugins," in
*transfers*) with=$plugins ;;
*) with="$plugins, transfers" ;;
esac
without=$(echo "$with" | sed 's/, *transfers//')
{ echo "[pipeline]"; echo "plugins = $with"; sed -n '/^overlap/p' "$src/conf/default.ini"; } >"$tmp/with.ini"
{ echo "[pipeline]"; echo "plugins = $without"; sed -n '/^overlap/p' "$src/conf/default.ini"; } >"$tmp/without.ini"

"$quarry" run -q -c "$tmp/with.ini" -o "$tmp/with.jsonl" "$src/docs/samples"
"$quarry" run -q -c "$tmp/without.ini" -o "$tmp/without.jsonl" "$src/docs/samples"

"$python" - "$tmp/with.jsonl" "$tmp/without.jsonl" <<'PY'
import json, os, sys

def load(path):
    return {os.path.basename(r["id"]): r for r in map(json.loads, open(path, encoding="utf-8"))}

with_t, without_t = load(sys.argv[1]), load(sys.argv[2])
fail = []
for doc, rec in with_t.items():
    others = [e for e in rec["entities"] if e["type"] != "transfer"]
    if others != without_t[doc]["entities"]:
        fail.append(f"{doc}: the other stages' entities changed when transfers ran")
    if rec["errors"]:
        fail.append(f"{doc}: errors {rec['errors']}")

def transfers(doc):
    return {e["text"]: e["attrs"] for e in with_t[doc]["entities"] if e["type"] == "transfer"}

air = transfers("air-defence.txt")
want = {  # mention: (status, donor, recipient)
    "IRIS-T SLM air defence systems": ("pledged", "DE", "UA"),
    "Stinger missiles": ("pledged", "DE", "UA"),
    "Patriot batteries": ("requested", None, "UA"),
    "$325 million": ("pledged", "US", "UA"),
    "HIMARS rocket launchers": ("pledged", "US", "UA"),
}
for text, (status, donor, recipient) in want.items():
    a = air.get(text)
    if a is None:
        fail.append(f"air-defence.txt: no transfer over {text!r}")
        continue
    got = (a.get("status"), a.get("donor"), a.get("recipient"))
    if got != (status, donor, recipient):
        fail.append(f"air-defence.txt: {text!r} is {got}, expected {(status, donor, recipient)}")
for text, a in air.items():
    if "Shahed" in text or "Kh-101" in text:
        fail.append(f"air-defence.txt: {text!r} struck energy sites, it is no transfer")
for doc in ("grain-corridor.txt", "harbour-deal.txt"):
    if transfers(doc):
        fail.append(f"{doc}: transfers in a story without any: {sorted(transfers(doc))}")
for f in fail:
    print("FAIL", f)
print(f"e2e transfers: {len(air)} transfers in air-defence.txt, {len(fail)} failures")
sys.exit(1 if fail else 0)
PY

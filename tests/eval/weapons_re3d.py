#!/usr/bin/env python3
"""Score the weapons plugin on the Dstl re3d Weapon + MilitaryPlatform gold.

usage: weapons_re3d.py [--quarry BIN] [--eval DIR] [--min-confidence X] [--verbose | --context]

Reads ../shared/eval/re3d (each sub-dataset's documents.json and entities.json,
mongoexport JSON Lines), writes every document to a temporary directory, runs
`quarry run` with a pipeline holding only the weapons plugin, converts the
Weapon and MilitaryPlatform entities (character offsets) to score.py's gold
format with byte offsets, and prints score.py's figures for type weapon.
re3d's schema is broader than GUIDELINES.md (it annotates "strikes",
"attack", "weapons", trucks and ship names), so recall here is a lower
bound; category accuracy is not scored (re3d has no categories).

--context lists each miss and false alarm with the text around it and, for
a false alarm, the gold span below --min-confidence it overlaps (if any):
what a per-case decision under the guidelines needs.

Exits 0 without scoring when the eval data or the quarry binary is absent.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TYPES = ("Weapon", "MilitaryPlatform")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quarry", default=os.environ.get("QUARRY_BIN", os.path.join(ROOT, "build", "core", "quarry")))
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--scorer", default=os.path.join(ROOT, "..", "shared", "tools", "score.py"))
    ap.add_argument("--min-confidence", type=float, default=0.5,
                    help="drop gold entities whose crowd confidence is lower (0 keeps all)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--context", action="store_true",
                    help="list misses and false alarms with their surrounding text")
    args = ap.parse_args()

    re3d = os.path.join(args.eval, "re3d")
    if not os.path.isdir(re3d) or not os.path.exists(args.scorer):
        print(f"SKIP: re3d data or scorer not found under {args.eval}")
        return 0
    if not os.access(args.quarry, os.X_OK):
        print(f"SKIP: quarry binary not found: {args.quarry}")
        return 0

    with tempfile.TemporaryDirectory(prefix="weapons_re3d_") as tmp:
        docs_dir = os.path.join(tmp, "docs")
        os.mkdir(docs_dir)
        gold_lines, files, per_type = [], [], {t: 0 for t in TYPES}
        texts, low = {}, {}  # for --context: document text, gold below the threshold
        for sub in sorted(os.listdir(re3d)):
            ddir = os.path.join(re3d, sub)
            if not os.path.isfile(os.path.join(ddir, "documents.json")):
                continue
            docs = {d["_id"]: d for d in load_jsonl(os.path.join(ddir, "documents.json"))}
            ents = load_jsonl(os.path.join(ddir, "entities.json"))
            by_doc = {}
            for e in ents:
                if e["type"] in TYPES and e.get("confidence", 1) >= args.min_confidence:
                    by_doc.setdefault(e["documentId"], []).append(e)
                elif e["type"] in TYPES:
                    low.setdefault(f"{e['documentId']}.txt", []).append(e)
            for did, d in docs.items():
                text = d["text"]
                name = f"{did}.txt"
                path = os.path.join(docs_dir, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                files.append(path)
                texts[name] = text
                spans, gold = set(), []
                for e in by_doc.get(did, []):
                    b = len(text[:e["begin"]].encode("utf-8"))
                    en = len(text[:e["end"]].encode("utf-8"))
                    if (b, en) in spans or en <= b:
                        continue
                    spans.add((b, en))
                    per_type[e["type"]] += 1
                    gold.append({"type": "weapon", "start": b, "end": en, "attrs": {}})
                gold_lines.append(json.dumps({"doc": name, "entities": gold}))
        gold_path = os.path.join(tmp, "gold.jsonl")
        with open(gold_path, "w", encoding="utf-8") as f:
            f.write("\n".join(gold_lines) + "\n")
        ini = os.path.join(tmp, "weapons.ini")
        with open(ini, "w") as f:
            f.write("[pipeline]\nplugins = weapons\n")
        pred_path = os.path.join(tmp, "pred.jsonl")
        with open(pred_path, "w", encoding="utf-8") as out:
            rc = subprocess.run([args.quarry, "run", "-c", ini] + files, stdout=out).returncode
        if rc != 0:
            print(f"quarry exited with {rc}", file=sys.stderr)
            return 1
        print(f"re3d: {len(files)} documents, gold Weapon={per_type['Weapon']} "
              f"MilitaryPlatform={per_type['MilitaryPlatform']} (confidence >= {args.min_confidence})")
        if args.context:
            show_context(gold_path, pred_path, texts, low)
        cmd = [sys.executable, args.scorer, gold_path, pred_path, docs_dir, "--types=weapon"]
        if args.verbose:
            cmd.append("--verbose")
        res = subprocess.run(cmd, capture_output=True, text=True)
        for line in res.stdout.splitlines():
            if line.startswith("weapon") or args.verbose:
                # category accuracy is meaningless here: re3d has no categories
                print(line.split(" category_acc")[0])
        return res.returncode


def overlap(a, b):
    """score.py's measure: the share of the shorter span that both cover."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (hi - lo) / min(a[1] - a[0], b[1] - b[0]) if hi > lo else 0


def show_context(gold_path, pred_path, texts, low, width=80):
    """Misses and false alarms, matched the way score.py matches (one to
    one, largest overlap first, at least half of the shorter span)."""
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                gold[rec["doc"]] = [(e["start"], e["end"]) for e in rec["entities"]]
    pred = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            pred[os.path.basename(rec["id"])] = [(e["start"], e["end"]) for e in rec["entities"]
                                                 if e["type"] == "weapon"]
    for doc, text in texts.items():
        data = text.encode("utf-8")
        g, p = gold.get(doc, []), pred.get(doc, [])
        gm, pm = set(), set()
        for ov, i, j in sorted(((overlap(a, b), i, j) for i, a in enumerate(g) for j, b in enumerate(p)),
                               reverse=True):
            if ov >= 0.5 and i not in gm and j not in pm:
                gm.add(i)
                pm.add(j)

        def around(span):
            s, e = span
            clip = lambda b: b.decode("utf-8", "replace").replace("\n", " / ")
            return f"{clip(data[max(0, s - width):s])}[[{clip(data[s:e])}]]{clip(data[e:e + width])}"

        for i, span in enumerate(g):
            if i not in gm:
                print(f"MISS  {doc[:12]} {around(span)}")
        for j, span in enumerate(p):
            if j not in pm:
                lows = [e for e in low.get(doc, []) if overlap(
                    (len(text[:e["begin"]].encode("utf-8")), len(text[:e["end"]].encode("utf-8"))), span) >= 0.5]
                note = f" (gold at confidence {lows[0]['confidence']:.2f})" if lows else ""
                print(f"FALSE {doc[:12]}{note} {around(span)}")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score the locations plugin on CoNLL-2003 LOC entities.

usage: locations_conll.py [--split testa|train] [--quarry BIN] [--eval DIR] [--verbose]

Reads ../shared/eval/locations-conll2003/eng.SPLIT (4-column CoNLL, IOB1),
writes each article as a text file (one sentence a line, tokens joined by
single spaces, so every token has exact byte offsets), converts the LOC
entities to score.py's gold format (byte offsets, type location), runs
`quarry run` with a pipeline holding only the locations plugin, and prints
score.py's figures (overlap match) and exact-span P/R/F1.

Only train and testa (dev) are offered: testb is the held-out test split and
is never used for tuning. CoNLL marks nationalities MISC and sports clubs
named after towns ORG, as GUIDELINES.md does; it has no attributes, so only
spans are scored. A place inside an organization's name is part of the ORG
in CoNLL, and "U.S.-led" one token: the pipeline sets org_places = false
and compound_places = false.

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


def read_conll(path):
    """Articles as lists of sentences; a sentence is a list of (token, tag)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                if doc:
                    docs.append(doc)
                doc, sent = [], []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
                continue
            cols = line.split(" ")
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def render(doc):
    """The article's text and its LOC spans as byte offsets (IOB1)."""
    lines, spans, pos = [], [], 0
    for sent in doc:
        parts, cur = [], None
        for i, (tok, tag) in enumerate(sent):
            start = pos + sum(len(p.encode("utf-8")) + 1 for p in parts)
            end = start + len(tok.encode("utf-8"))
            parts.append(tok)
            begins = tag == "B-LOC" or (tag == "I-LOC" and (cur is None))
            if tag.endswith("LOC") and not begins and cur is not None:
                cur[1] = end
            elif begins:
                if cur:
                    spans.append(tuple(cur))
                cur = [start, end]
            if not tag.endswith("LOC") and cur:
                spans.append(tuple(cur))
                cur = None
        if cur:
            spans.append(tuple(cur))
        line = " ".join(parts)
        lines.append(line)
        pos += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n", spans


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("testa", "train"), default="testa")
    ap.add_argument("--quarry", default=os.environ.get("QUARRY_BIN", os.path.join(ROOT, "build", "core", "quarry")))
    ap.add_argument("--plugin-path", default=None, help="directory of locations.so (default: next to quarry)")
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--scorer", default=os.path.join(ROOT, "..", "shared", "tools", "score.py"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    src = os.path.join(args.eval, "locations-conll2003", f"eng.{args.split}")
    if not os.path.isfile(src) or not os.path.exists(args.scorer):
        print(f"SKIP: CoNLL-2003 data or scorer not found ({src})")
        return 0
    if not os.access(args.quarry, os.X_OK):
        print(f"SKIP: quarry binary not found: {args.quarry}")
        return 0
    plugin_path = args.plugin_path or os.path.join(os.path.dirname(os.path.dirname(args.quarry)), "plugins")

    with tempfile.TemporaryDirectory(prefix="locations_conll_") as tmp:
        docs_dir = os.path.join(tmp, "docs")
        os.mkdir(docs_dir)
        gold_lines, files, gold_spans = [], [], {}
        for n, doc in enumerate(read_conll(src)):
            text, spans = render(doc)
            name = f"{args.split}_{n:04d}.txt"
            path = os.path.join(docs_dir, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(path)
            gold_spans[name] = (text.encode("utf-8"), set(spans))
            gold_lines.append(json.dumps({"doc": name, "entities": [
                {"type": "location", "start": s, "end": e, "attrs": {}} for s, e in spans]}))
        gold_path = os.path.join(tmp, "gold.jsonl")
        with open(gold_path, "w", encoding="utf-8") as f:
            f.write("\n".join(gold_lines) + "\n")
        ini = os.path.join(tmp, "locations.ini")
        with open(ini, "w") as f:
            # CoNLL tags a place inside an organization's name as part of the
            # ORG ("Bank of England") and "U.S.-led" as one token: the
            # plugin's in_org and in_compound places are left out
            f.write(f"[pipeline]\nplugins = locations\nplugin_path = {plugin_path}\n\n"
                    "[locations]\norg_places = false\ncompound_places = false\n")
        pred_path = os.path.join(tmp, "pred.jsonl")
        with open(pred_path, "w", encoding="utf-8") as out:
            rc = subprocess.run([args.quarry, "run", "-q", "-c", ini, docs_dir], stdout=out).returncode
        if rc != 0:
            print(f"quarry exited with {rc}", file=sys.stderr)
            return 1

        # exact-span figures, and the errors when asked
        tp = fp = fn = 0
        with open(pred_path, encoding="utf-8") as f:
            preds = {os.path.basename(r["id"]): r for r in map(json.loads, f)}
        for name, (text, gold) in sorted(gold_spans.items()):
            got = {(e["start"], e["end"]) for e in preds.get(name, {}).get("entities", [])
                   if e["type"] == "location"}
            tp += len(got & gold)
            fp += len(got - gold)
            fn += len(gold - got)
            if args.verbose:
                for s, e in sorted(gold - got):
                    print(f"MISS  {name} {text[s:e].decode()!r}")
                for s, e in sorted(got - gold):
                    print(f"FALSE {name} {text[s:e].decode()!r}")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"CoNLL-2003 {args.split}: {len(files)} documents, {sum(len(g) for _, g in gold_spans.values())} LOC")
        res = subprocess.run([sys.executable, args.scorer, gold_path, pred_path, docs_dir, "--types=location"],
                             capture_output=True, text=True)
        for line in res.stdout.splitlines():
            if line.startswith("location"):
                print("overlap  " + line.split(" name_acc")[0].split(" kind_acc")[0])
        print(f"exact    tp={tp} fp={fp} fn={fn} P={p:.3f} R={r:.3f} F1={f1:.3f}")
        return res.returncode


if __name__ == "__main__":
    sys.exit(main())

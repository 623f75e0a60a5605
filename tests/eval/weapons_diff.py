#!/usr/bin/env python3
"""Compare the weapon mentions of two quarry runs over the same JSON Lines input.

usage: weapons_diff.py BASE.jsonl NEW.jsonl INPUT.jsonl [--text-field text]
                       [--show new|lost|all] [--sample N] [--seed S]

BASE and NEW are `quarry run` outputs (one record per input line, same ids);
INPUT is the JSON Lines file both ran on. Prints how many weapon mentions
are new in NEW and how many of BASE's are lost (a mention is its exact byte
span), then, with --show, each such mention with its name and 60 characters
of context either side, for judging. --sample N shows a random N of them
(--seed for a repeatable sample). A mention whose span grew ("M777" ->
"M777 artillery pieces") counts once as lost and once as new.

Exits 0, or 2 when the files do not line up (an id missing from NEW).
"""
import argparse
import json
import random
import sys


def load_weapons(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = {(e["start"], e["end"]): e for e in rec.get("entities", [])
                                  if e.get("type") == "weapon"}
    return out


def load_texts(path, field):
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                texts[doc.get("id")] = doc.get(field, "").encode("utf-8")
    return texts


def context(text, start, end):
    def clean(b):
        return b.decode("utf-8", "replace").replace("\n", " ")
    return f"{clean(text[max(0, start - 60):start])}[[{clean(text[start:end])}]]{clean(text[end:end + 60])}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("input")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--show", choices=("new", "lost", "all"))
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    base, new = load_weapons(args.base), load_weapons(args.new)
    missing = [i for i in base if i not in new]
    if missing:
        print(f"{args.new}: no record for id {missing[0]!r} (and {len(missing) - 1} more)", file=sys.stderr)
        return 2
    rows = []
    for doc_id, b in base.items():
        n = new[doc_id]
        rows += [("NEW", doc_id, n[k]) for k in sorted(n.keys() - b.keys())]
        rows += [("LOST", doc_id, b[k]) for k in sorted(b.keys() - n.keys())]
    n_new = sum(r[0] == "NEW" for r in rows)
    print(f"weapon mentions: {sum(map(len, base.values()))} -> {sum(map(len, new.values()))}; "
          f"new {n_new}, lost {len(rows) - n_new} (exact spans)")
    if not args.show:
        return 0
    rows = [r for r in rows if args.show == "all" or r[0] == args.show.upper()]
    if args.sample and args.sample < len(rows):
        rows = random.Random(args.seed).sample(rows, args.sample)
    texts = load_texts(args.input, args.text_field)
    for tag, doc_id, e in rows:
        text = texts.get(doc_id, b"")
        print(f"{tag:4} {e['attrs'].get('name', '')!r:36} {context(text, e['start'], e['end'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Donor -> system pairs found by the transfers plugin in the Guardian war
articles, compared with the Kiel Institute's Ukraine Support Tracker.

usage: transfers_kiel.py [--quarry BIN] [--eval DIR] [--list]

1. The tracker (eval/transfers-kiel/weapons.csv) lists, per donor country and
   category (Air Defense, Howitzers, IFV, MLRS, Tanks), the heavy systems it
   committed to Ukraine ("M777 howitzer (6); ..."). Each system string is put
   in a sentence and run through quarry's own weapons plugin, so both sides
   are named the same way (the canonical `name`, e.g. "Leopard 2").
2. quarry runs weapons, money, locations and transfers over
   eval/ukraine/articles.jsonl (-j 1); every transfer with status pledged,
   approved or delivered, a country donor and a weapon gives a donor -> system
   pair (the `system` attribute).
3. For the systems both name, the script reports how many of quarry's pairs
   the tracker confirms (the tracker lists that system for that donor) and
   lists the others with the sentence they come from, for judgement. Pairs on
   systems the tracker does not cover (Javelin, Stinger, NLAW: not heavy
   weapons) and generic classes ("tank", "howitzer") are counted apart; the
   generic ones are compared by tracker category.

The tracker is a reference list of commitments from 2022 on, not a gold
annotation of these articles: an unconfirmed pair can be right (a transfer to
another country, a commitment the tracker records under another system) or
wrong. Exits 0 without comparing when the eval data or the binary is absent.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TEMPLATE = "The army received a {} last year."
STATUSES = {"pledged", "approved", "delivered"}
PIPELINE = "[pipeline]\nplugins = weapons, money, locations, transfers\n"

# generic weapon classes (the weapons plugin's canonical names) -> tracker category
GENERIC_TO_CATEGORY = {
    "tank": "Tanks",
    "main battle tank": "Tanks",
    "howitzer": "Howitzers",
    "self-propelled howitzer": "Howitzers",
    "artillery": "Howitzers",
    "infantry fighting vehicle": "IFV",
    "multiple rocket launcher": "MLRS",
    "air defense system": "Air Defense",
    "surface-to-air missile": "Air Defense",
}


def country_codes():
    """Country name -> ISO alpha-2, from the iso-codes package."""
    names = {}
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    with open(path, encoding="utf-8") as f:
        for c in json.load(f)["3166-1"]:
            for k in ("name", "common_name", "official_name"):
                if k in c:
                    names[c[k].lower()] = c["alpha_2"]
    return names


def run(quarry, args, stdin=None):
    return subprocess.run([quarry] + args, input=stdin, capture_output=True, text=True, check=True).stdout


def canonical_names(quarry, items, tmp):
    """Each tracker system string -> (canonical name, named) from the weapons plugin, or None."""
    ini = os.path.join(tmp, "weapons.ini")
    with open(ini, "w") as f:
        f.write("[pipeline]\nplugins = weapons\n")
    docs = "".join(json.dumps({"id": str(i), "text": TEMPLATE.format(s)}) + "\n" for i, s in enumerate(items))
    out = run(quarry, ["run", "-q", "-c", ini, "--input-format", "jsonl", "-"], docs)
    names = {}
    for line in out.splitlines():
        rec = json.loads(line)
        weapons = [e for e in rec["entities"] if e["type"] == "weapon"]
        if weapons:  # a named system before a generic class ("M109 A3GM 155mm howitzer" is an M109)
            w = max(weapons, key=lambda e: (bool(e["attrs"].get("named")), e["end"] - e["start"]))
            names[items[int(rec["id"])]] = (w["attrs"].get("name"), bool(w["attrs"].get("named")))
    return names


def read_tracker(path, codes):
    """[(donor alpha-2, category, system string)]"""
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc = codes.get(r["donor"].lower())
            if not cc:
                print(f"transfers_kiel: unknown donor {r['donor']!r}", file=sys.stderr)
                continue
            for item in r["weapons_list"].split(";"):
                item = re.sub(r"\s*\(\d+\)\s*$", "", item.strip())
                if item:
                    rows.append((cc, r["category"], item))
    return rows


def sentence_around(text, start, end):
    raw = text.encode("utf-8")
    lo = max(raw.rfind(b". ", 0, start) + 2, start - 220, 0)
    hi = raw.find(b". ", end)
    hi = min(hi + 1 if hi >= 0 else len(raw), end + 220)
    return raw[lo:hi].decode("utf-8", "replace").replace("\n", " ").strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quarry", default=os.path.join(ROOT, "build", "core", "quarry"))
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--list", action="store_true", help="also list the confirmed pairs and the generic ones")
    a = ap.parse_args()
    tracker_csv = os.path.join(a.eval, "transfers-kiel", "weapons.csv")
    articles = os.path.join(a.eval, "ukraine", "articles.jsonl")
    if not (os.path.exists(tracker_csv) and os.path.exists(articles) and os.access(a.quarry, os.X_OK)):
        print("transfers_kiel: eval data or quarry binary not found; nothing compared")
        return 0

    codes = country_codes()
    tracker_rows = read_tracker(tracker_csv, codes)
    with tempfile.TemporaryDirectory() as tmp:
        canon = canonical_names(a.quarry, sorted({r[2] for r in tracker_rows}), tmp)
        ini = os.path.join(tmp, "transfers.ini")
        with open(ini, "w") as f:
            f.write(PIPELINE)
        out = run(a.quarry, ["run", "-q", "-j", "1", "-c", ini, "--input-format", "jsonl", articles])

    tracker = defaultdict(set)         # system -> donors
    tracker_category = defaultdict(set)  # category -> donors
    category_of = {}
    unknown = set()
    for cc, cat, item in tracker_rows:
        tracker_category[cat].add(cc)
        name = canon.get(item)
        if not name or not name[1]:
            unknown.add(item)
            continue
        tracker[name[0]].add(cc)
        category_of[name[0]] = cat

    texts = {}
    with open(articles, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    pairs = defaultdict(list)  # (donor, system) -> [(doc, status, context)]
    n_transfers = n_kept = 0
    org_donors = defaultdict(int)
    elsewhere = defaultdict(list)  # (donor, system, recipient) -> hits, for a recipient other than Ukraine
    for line in out.splitlines():
        rec = json.loads(line)
        for e in rec["entities"]:
            if e["type"] != "transfer":
                continue
            n_transfers += 1
            at = e["attrs"]
            if at.get("status") not in STATUSES or "system" not in at or "donor" not in at:
                continue
            if not re.fullmatch(r"[A-Z]{2}", at["donor"]):
                org_donors[at["donor"]] += 1
                continue
            ctx = sentence_around(texts[rec["id"]], min(e["start"], at["trigger_start"]), e["end"])
            if at.get("recipient") != "UA":  # the tracker covers Ukraine only
                elsewhere[(at["donor"], at["system"], at.get("recipient", "?"))].append((rec["id"], at["status"], ctx))
                continue
            n_kept += 1
            pairs[(at["donor"], at["system"])].append((rec["id"], at["status"], ctx))

    both = {p: v for p, v in pairs.items() if p[1] in tracker}
    confirmed = {p: v for p, v in both.items() if p[0] in tracker[p[1]]}
    others = {p: v for p, v in both.items() if p[0] not in tracker[p[1]]}
    generic = {p: v for p, v in pairs.items() if p[1] in GENERIC_TO_CATEGORY}
    outside = {p: v for p, v in pairs.items() if p[1] not in tracker and p[1] not in GENERIC_TO_CATEGORY}
    gen_ok = {p for p in generic if p[0] in tracker_category[GENERIC_TO_CATEGORY[p[1]]]}

    print(f"Kiel tracker: {len(tracker_rows)} donor/system entries, {len(tracker)} named systems "
          f"({len(unknown)} system strings the weapons plugin does not name: {', '.join(sorted(unknown))})")
    print(f"quarry: {n_transfers} transfers in {len(texts)} articles; {n_kept} pledged/approved/delivered to UA "
          f"with a country donor and a weapon -> {len(pairs)} distinct donor -> system pairs "
          f"(apart: {sum(org_donors.values())} with an organisation donor "
          f"({', '.join(f'{k} {v}' for k, v in sorted(org_donors.items()))}), "
          f"{sum(len(v) for v in elsewhere.values())} to another recipient)")
    print(f"systems both name: {len({p[1] for p in both})} ({', '.join(sorted({p[1] for p in both}))}); "
          f"quarry pairs on them: {len(both)}, confirmed by the tracker: {len(confirmed)} "
          f"({len(confirmed) / len(both):.0%})" if both else "systems both name: none")
    print(f"generic classes by tracker category: {len(gen_ok)}/{len(generic)} donor -> category pairs confirmed")
    print(f"pairs on systems outside the tracker's heavy-weapon list: {len(outside)} "
          f"({', '.join(sorted({p[1] for p in outside}))})")

    def show(title, group):
        print(f"\n{title}")
        for key, hits in sorted(group.items()):
            donor, system = key[0], key[1]
            donors = tracker.get(system) or tracker_category.get(GENERIC_TO_CATEGORY.get(system, ""), ())
            to = f" to {key[2]}" if len(key) > 2 else ""
            print(f"  {donor} -> {system}{to}  [{len(hits)}x; tracker: {', '.join(sorted(donors)) or '-'}]")
            for doc, status, ctx in hits[:3]:
                print(f"      {status:9} {doc[:60]}: {ctx[:300]}")

    show("not confirmed by the tracker (systems both name):", others)
    if a.list:
        show("confirmed:", confirmed)
        show("generic classes:", generic)
        show("to a recipient other than Ukraine:", {k: v for k, v in elsewhere.items() if k[1] in tracker})
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Gazetteer coverage of the Oryx equipment-loss lists (Russia-Ukraine war).

usage: weapons_oryx.py [--quarry BIN] [--eval DIR] [--misses N]

Oryx lists are names, not annotated text, so every distinct system string is
put into a template sentence ("Soldiers destroyed a <system> near the front.")
and run through `quarry run` with only the weapons plugin. A system counts as
covered when a weapon with named=true overlaps its string.

Reports:
  A. derived_unique_systems.csv (both sides): share of distinct system strings
     covered, overall and per side, plain and weighted by recorded losses.
  B. petroivaniuk (Russian side, with Oryx categories): coverage per category
     and, for the weapon categories, agreement of attrs.category with the Oryx
     category (Tanks -> armor, Surface-To-Air Missile Systems -> air_defense,
     ...). Trucks, engineering vehicles, command posts, radars and jammers are
     shown but are not weapons under GUIDELINES.md.
  The most frequent uncovered systems are listed for gazetteer work (--misses).

Exits 0 without scoring when the eval data or the quarry binary is absent.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TEMPLATE = "Soldiers destroyed a {} near the front."

ORYX_TO_CATEGORY = {
    "Tanks": "armor",
    "Armoured Fighting Vehicles": "armor",
    "Infantry Fighting Vehicles": "armor",
    "Armoured Personnel Carriers": "armor",
    "Mine-Resistant Ambush Protected": "armor",
    "Infantry Mobility Vehicles": "armor",
    "Self-Propelled Artillery": "artillery",
    "Towed Artillery": "artillery",
    "Multiple Rocket Launchers": "artillery",
    "Surface-To-Air Missile Systems": "air_defense",
    "Self-Propelled Anti-Aircraft Guns": "air_defense",
    "Anti-Aircraft Guns": "air_defense",
    "Self-Propelled Anti-Tank Missile Systems": "missile",
    "Aircraft": "aircraft",
    "Helicopters": "aircraft",
    "Reconnaissance Unmanned Aerial Vehicles": "drone",
    "Unmanned Combat Aerial Vehicles": "drone",
    "Naval Ships": "naval",
}


def run_quarry(quarry, names, tmp):
    """Return, per name, the list of weapon entities overlapping it."""
    lines, spans, pos = [], [], 0
    prefix = TEMPLATE.split("{}")[0]
    for n in names:
        line = TEMPLATE.format(n)
        start = pos + len(prefix.encode("utf-8"))
        spans.append((start, start + len(n.encode("utf-8"))))
        lines.append(line)
        pos += len(line.encode("utf-8")) + 1
    path = os.path.join(tmp, "oryx.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    ini = os.path.join(tmp, "weapons.ini")
    with open(ini, "w") as f:
        f.write("[pipeline]\nplugins = weapons\n")
    res = subprocess.run([quarry, "run", "-c", ini, path], capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"quarry exited with {res.returncode}: {res.stderr[-500:]}")
    ents = []
    for line in res.stdout.splitlines():
        if line.strip():
            ents.extend(e for e in json.loads(line).get("entities", []) if e.get("type") == "weapon")
    ents.sort(key=lambda e: e["start"])
    out, k = [], 0
    for s, e in spans:
        while k < len(ents) and ents[k]["end"] <= s:
            k += 1
        hits, j = [], k
        while j < len(ents) and ents[j]["start"] < e:
            hits.append(ents[j])
            j += 1
        out.append(hits)
    return out


def is_named(e):
    v = (e.get("attrs") or {}).get("named")
    return v is True or v == "true"


def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "  n/a"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quarry", default=os.environ.get("QUARRY_BIN", os.path.join(ROOT, "build", "core", "quarry")))
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--misses", type=int, default=25, help="list this many uncovered systems (by losses)")
    args = ap.parse_args()

    base = os.path.join(args.eval, "weapons-oryx")
    derived = os.path.join(base, "derived_unique_systems.csv")
    petro = os.path.join(base, "petroivaniuk_oryx", "russia_losses_equipment_oryx.json")
    if not os.path.exists(derived):
        print(f"SKIP: Oryx data not found under {base}")
        return 0
    if not os.access(args.quarry, os.X_OK):
        print(f"SKIP: quarry binary not found: {args.quarry}")
        return 0

    rows = []
    with open(derived, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = " ".join(r["system"].split())
            if name:
                rows.append((r["country"], name, int(r["total_losses"] or 0)))
    with tempfile.TemporaryDirectory(prefix="weapons_oryx_") as tmp:
        hits = run_quarry(args.quarry, [r[1] for r in rows], tmp)
        tot = defaultdict(lambda: [0, 0, 0, 0])  # systems, covered, losses, covered losses
        misses = []
        for (side, name, losses), h in zip(rows, hits):
            cov = any(is_named(e) for e in h)
            for key in (side, "all"):
                t = tot[key]
                t[0] += 1
                t[1] += cov
                t[2] += losses
                t[3] += losses if cov else 0
            if not cov:
                misses.append((losses, side, name))
        print("A. derived_unique_systems.csv: distinct system strings matched by a named weapon")
        for key in sorted(tot, key=lambda k: (k != "all", k)):
            n, c, l, cl = tot[key]
            print(f"   {key:8} {c:5}/{n:<5} = {pct(c, n)}   loss-weighted {pct(cl, l)}")

        if os.path.exists(petro):
            with open(petro, encoding="utf-8") as f:
                items = json.load(f)
            names = [" ".join(str(x["model"]).split()) for x in items]
            phits = run_quarry(args.quarry, names, tmp)
            per = defaultdict(lambda: [0, 0, 0, 0])  # systems, covered, category checked, category ok
            for x, h in zip(items, phits):
                cat = x["equipment_oryx"]
                named = [e for e in h if is_named(e)]
                p = per[cat]
                p[0] += 1
                p[1] += bool(named)
                want = ORYX_TO_CATEGORY.get(cat)
                if want and named:
                    p[2] += 1
                    p[3] += (named[0].get("attrs") or {}).get("category") == want
                if not named:
                    misses.append((int(x.get("losses_total") or 0), "Russia*", x["model"]))
            print("B. petroivaniuk (Russian losses, Oryx categories): coverage and category agreement")
            wsum = [0, 0, 0, 0]
            for cat in sorted(per, key=lambda c: (c not in ORYX_TO_CATEGORY, c)):
                n, c, k, ok = per[cat]
                tag = ORYX_TO_CATEGORY.get(cat, "(not a weapon)")
                extra = f"   category {ok}/{k} = {pct(ok, k)}" if cat in ORYX_TO_CATEGORY else ""
                print(f"   {cat[:42]:42} {tag:15} {c:3}/{n:<3} = {pct(c, n)}{extra}")
                if cat in ORYX_TO_CATEGORY:
                    for i, v in enumerate((n, c, k, ok)):
                        wsum[i] += v
            print(f"   {'weapon categories together':42} {'':15} {wsum[1]:3}/{wsum[0]:<3} = {pct(wsum[1], wsum[0])}"
                  f"   category {wsum[3]}/{wsum[2]} = {pct(wsum[3], wsum[2])}")
        if args.misses:
            print(f"Most-lost uncovered systems (top {args.misses}):")
            for losses, side, name in sorted(misses, reverse=True)[:args.misses]:
                print(f"   {losses:6} {side:8} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

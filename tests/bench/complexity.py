#!/usr/bin/env python3
"""complexity.py QUARRY [--plugins a,b] [--merge] [--threshold 6] [--sizes 1,4]

Linear cost, guarded by ratio: each plugin alone (overlap = keep_all; the
transfers stage with the stages it reads) on
adversarial documents of 1 MB and 4 MB, and the overlap merge (the
locations plugin under overlap = longest, scope type and all) on a text
dense with entities. A linear stage takes about 4 times as long on the
larger document; a quadratic one 16 times. The check fails when a ratio
passes the threshold (6 by default). Times are the best of three runs (one
hiccup of a shared machine must not fail the check), less the time quarry
takes on an empty document (start-up). A run is bounded by
--isolate and a 120 s plugin_timeout, so a quadratic stage fails the check
instead of stalling it.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile

SHAPES = {
    # what each plugin is most likely to find hard, then shapes that hurt any text scanner
    "quotes": ["\u201ca\u201d ", "\u201cWe will, \u201d she said, \u201cand ", "\u201c", 'He said "no '],
    "money": ["$1 ", "\u20ac1,000,000 and ", "1 2 3 4 5 6 7 8 9 ", "USD "],
    "weapons": ["Patriot missiles and ", "Su-25 jets, ", "155 mm shells "],
    "locations": ["Kyiv and Berlin agreed. ", "New York, New York, ", "Kyiv "],
    "rules": ["General Smith of the 3rd Brigade ", "Lockheed Martin and ", "HMS 23 "],
    # with the stages it reads: many mentions and actors, sentences and paragraphs
    "transfers": ["Norway pledged aid. It sent 155 mm shells to Kyiv. ", "Poland's allies sent $1 billion.\n\n"],
    "*": ["a", "word ", "\n", ". ", "1"],
}


def write_doc(path, unit, size):
    data = (unit * (size // len(unit.encode("utf-8")) + 1)).encode("utf-8")
    cut = size
    while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # whole characters only
        cut += 1
    with open(path, "wb") as f:
        f.write(data[:cut])


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


LEGACY = False  # --legacy: a quarry without --isolate and the limits (to measure "before")


def best_time(quarry, ini, doc, runs=3):
    """CPU seconds (user + sys, quarry and its worker process): on a shared
    machine far steadier than wall time, which counts waiting for a core."""
    best = None
    cmd = [quarry, "run", "-q", "-j1", "-c", ini, "-o", os.devnull, doc]
    if not LEGACY:
        cmd[3:3] = ["--isolate", "--plugin-timeout", "120s", "--max-doc-size", "0"]
    for _ in range(runs):
        t0 = cpu_of_children()
        try:
            subprocess.run(cmd, check=False, stderr=subprocess.DEVNULL, timeout=150 if LEGACY else None)
        except subprocess.TimeoutExpired:
            return 150.0  # stopped: at least this much
        t = cpu_of_children() - t0
        best = t if best is None else min(best, t)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("quarry")
    ap.add_argument("--plugins", default="quotes,money,weapons,locations,rules,transfers")
    ap.add_argument("--merge", action="store_true", help="also the overlap merge")
    ap.add_argument("--threshold", type=float, default=6.0)
    ap.add_argument("--sizes", default="1,4", help="small,large in MB")
    ap.add_argument("--quick", action="store_true", help="two shapes per plugin and two generic ones (for CI)")
    ap.add_argument("--legacy", action="store_true", help="QUARRY predates --isolate and the limits")
    ap.add_argument("--units", help="only these shapes, separated by |")
    args = ap.parse_args()
    global LEGACY
    LEGACY = args.legacy
    small, large = (int(float(x) * 1000000) for x in args.sizes.split(","))
    work = tempfile.mkdtemp(prefix="quarry-complexity-")
    cases = []  # (label, ini text, unit)
    rules = ("[rules]\nphrases = rules/military-ranks.tsv, rules/defence-companies.tsv\n"
             "patterns = rules/military-units.tsv, rules/defence-deals.tsv\nregexes = rules/military-hulls.tsv\n")
    for p in [p for p in args.plugins.split(",") if p]:
        stages = "locations, weapons, money, transfers" if p == "transfers" else p
        ini = "[pipeline]\nplugins = %s\noverlap = keep_all\n%s" % (stages, rules if p == "rules" else "")
        units = SHAPES.get(p, [])[:2] + ["word ", "a"] if args.quick else SHAPES.get(p, []) + SHAPES["*"]
        if args.units:
            units = args.units.split("|")
        for unit in units:
            cases.append((p, ini, unit))
    if args.merge:
        for scope in ("type", "all"):
            ini = "[pipeline]\nplugins = locations, money\noverlap = longest\noverlap_scope = %s\n" % scope
            for unit in ["Kyiv and Berlin agreed. ", "Kyiv $1 Berlin \u20ac2 "][: 1 if args.quick else 2]:
                cases.append(("merge (longest, %s)" % scope, ini, unit))
    failed = 0
    print("%-24s %-36s %9s %9s %7s" % ("stage", "document: the unit repeated", "%g MB" % (small / 1e6),
                                        "%g MB" % (large / 1e6), "ratio"))
    for n, (label, ini_text, unit) in enumerate(cases):
        ini = os.path.join(work, "p%d.ini" % n)
        with open(ini, "w") as f:
            f.write(ini_text)
        empty, a, b = (os.path.join(work, x) for x in ("empty.txt", "a.txt", "b.txt"))
        open(empty, "w").close()
        write_doc(a, unit, small)
        write_doc(b, unit, large)
        start = best_time(args.quarry, ini, empty)
        ta = max(best_time(args.quarry, ini, a) - start, 0.01)
        tb = max(best_time(args.quarry, ini, b) - start, 0.01)
        ratio = tb / ta
        bad = ratio > args.threshold and tb > 0.5  # below half a second, noise decides
        failed += bad
        print("%-24s %-36r %8.2fs %8.2fs %6.1f%s" % (label, unit, ta, tb, ratio, "  FAIL" if bad else ""))
        sys.stdout.flush()
    print("%d of %d over %gx" % (failed, len(cases), args.threshold))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

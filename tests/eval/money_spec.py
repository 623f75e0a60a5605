#!/usr/bin/env python3
"""Money plugin against the Microsoft Recognizers-Text English CurrencyModel spec.

usage: money_spec.py [QUARRY_BIN] [--eval DIR] [--misses N] [--json]

Each case's Input is one document (JSON Lines through a temp file) run by
`quarry run` with only the money plugin. An expected result counts as found
when a money entity overlaps it by at least half of the shorter span (as in
score.py) and carries the right value and ISO 4217 code.

The spec's conventions are translated, not copied:
  - `isoCurrency` when the spec gives it; otherwise the unit name maps to a
    code ("Dollar" -> USD, the plugin's default for a bare "$"; "Pound" ->
    GBP; "Peseta" -> ESP ...). A unit the spec leaves ambiguous ("Franc",
    "Rupee") accepts any code of that family.
  - Sub-units are values in their own unit ("50 cents" = 50 Cent); quarry
    reports units of the currency (0.5 USD), so Cent/Pence/Penny/Satoshi are
    scaled before comparing.
  - Results without a value (a bare "dollar" with no number) are currency
    mentions, not amounts (GUIDELINES: an amount of money); they are shown
    apart and not in the headline share.
False alarms (entities overlapping no expected result, e.g. on the negative
cases) are counted too.

Exits 0 with a "skipped" message when the spec or the binary is absent.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_EVAL = os.path.join(ROOT, "..", "shared", "eval", "money-recognizers-text")

# unit name -> (accepted ISO codes, factor to units of that currency)
UNITS = {
    "Dollar": ({"USD"}, 1.0),
    "Cent": ({"USD"}, 0.01),
    "Pound": ({"GBP"}, 1.0),
    "Pence": ({"GBP"}, 0.01),
    "Penny": ({"GBP"}, 0.01),
    "Peseta": ({"ESP"}, 1.0),
    "Finnish markka": ({"FIM"}, 1.0),
    "Netherlands guilder": ({"NLG"}, 1.0),
    "Franc": ({"CHF", "FRF", "BEF", "LUF", "XOF", "XAF", "CDF", "RWF", "BIF", "GNF", "DJF"}, 1.0),
    "Rupee": ({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"}, 1.0),
    "Bitcoin": ({"XBT", "BTC"}, 1.0),
    "Satoshi": ({"XBT", "BTC"}, 1e-8),
    "Sen": ({"JPY", "MYR", "IDR"}, 0.01),
}


def expected_of(result):
    """(accepted codes, value in currency units) or None when not comparable."""
    res = result.get("Resolution", {})
    if res.get("value") in (None, ""):
        return None
    value = float(res["value"])
    iso = res.get("isoCurrency")
    if iso:
        return {iso}, value
    unit = res.get("unit", "")
    if unit in UNITS:
        codes, factor = UNITS[unit]
        return codes, value * factor
    return set(), value  # unknown unit: can only be missed


def char_to_byte_offsets(text):
    """Byte offset of every character index (plus the end)."""
    offs, b = [], 0
    for ch in text:
        offs.append(b)
        b += len(ch.encode("utf-8"))
    offs.append(b)
    return offs


def overlap(a0, a1, b0, b1):
    lo, hi = max(a0, b0), min(a1, b1)
    if hi <= lo:
        return 0.0
    shorter = min(a1 - a0, b1 - b0)
    return (hi - lo) / shorter if shorter else 0.0


def run_quarry(quarry, cases):
    with tempfile.TemporaryDirectory() as tmp:
        ini = os.path.join(tmp, "money.ini")
        with open(ini, "w") as f:
            f.write("[pipeline]\nplugins = money\n")
        docs = os.path.join(tmp, "cases.jsonl")
        with open(docs, "w", encoding="utf-8") as f:
            for i, c in enumerate(cases):
                f.write(json.dumps({"id": str(i), "text": c["Input"]}, ensure_ascii=False) + "\n")
        env = dict(os.environ)
        env.setdefault("QUARRY_DATA_PATH", os.path.join(ROOT, "conf"))
        out = subprocess.run([quarry, "run", "-q", "-j", "1", "-c", ini, "--input-format", "jsonl", docs],
                             capture_output=True, text=True, env=env)
        if out.returncode not in (0, 1):
            sys.exit(f"quarry failed ({out.returncode}): {out.stderr.strip()}")
    preds = {}
    for line in out.stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[int(rec["id"])] = [e for e in rec.get("entities", []) if e.get("type") == "money"]
    return preds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("quarry", nargs="?", default=os.path.join(ROOT, "build", "core", "quarry"))
    ap.add_argument("--eval", default=DEFAULT_EVAL)
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses and false alarms")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    spec = os.path.join(args.eval, "CurrencyModel.json")
    if not os.path.exists(spec):
        print(f"money_spec: skipped ({spec} not found)")
        return 0
    if not os.access(args.quarry, os.X_OK):
        print(f"money_spec: skipped (no quarry binary at {args.quarry})")
        return 0
    with open(spec, encoding="utf-8-sig") as f:
        cases = json.load(f)
    preds = run_quarry(args.quarry, cases)

    n_amounts = found = span_only = n_bare = bare_found = alarms = 0
    misses, false_alarms = [], []
    for i, case in enumerate(cases):
        text = case["Input"]
        offs = char_to_byte_offsets(text)
        ents = preds.get(i, [])
        used = set()
        for r in case.get("Results", []):
            b0, b1 = offs[r["Start"]], offs[min(r["End"] + 1, len(text))]
            exp = expected_of(r)
            best, best_ov = None, 0.0
            for j, e in enumerate(ents):
                ov = overlap(b0, b1, e["start"], e["end"])
                if j not in used and ov >= 0.5 and ov > best_ov:
                    best, best_ov = j, ov
            if best is not None:
                used.add(best)
            if exp is None:
                n_bare += 1
                bare_found += best is not None
                continue
            n_amounts += 1
            codes, value = exp
            ok = False
            if best is not None:
                a = ents[best].get("attrs", {})
                pv = a.get("value")
                ok = (pv is not None and abs(float(pv) - value) <= 1e-6 * max(1.0, abs(value))
                      and a.get("currency") in codes)
                span_only += not ok
            found += ok
            if not ok:
                got = ents[best].get("attrs") if best is not None else None
                misses.append((text, r["Text"], sorted(codes), value, got))
        for j, e in enumerate(ents):
            if j not in used:
                alarms += 1
                false_alarms.append((text, e.get("text"), e.get("attrs")))

    share = found / n_amounts if n_amounts else 0.0
    figures = {"cases": len(cases), "amounts": n_amounts, "found_right": found, "share": round(share, 4),
               "found_wrong_attrs": span_only, "no_value_mentions": n_bare, "no_value_found": bare_found,
               "false_alarms": alarms}
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"money_spec: {found}/{n_amounts} amounts found with the right value and ISO code "
              f"({100 * share:.1f}%); {span_only} found with a wrong value or code; "
              f"{alarms} false alarms; {bare_found}/{n_bare} value-less currency mentions (not scored)")
    for text, want, codes, value, got in misses[:args.misses]:
        print(f"  MISS {want!r} want {value:g} {'/'.join(codes) or '?'} got {got}\n       in: {text[:160]}")
    for text, got, attrs in false_alarms[:args.misses]:
        print(f"  FALSE {got!r} {attrs}\n       in: {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

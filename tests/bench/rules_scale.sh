#!/bin/bash
# rules_scale.sh [BUILD_DIR] -- does a rules phrase list scale?
#
# Generates phrase lists of 10, 1,000 and 100,000 entries (multi-word
# company-like names, all sharing a small vocabulary so that many entries
# share their first words, the hard case for a matcher that stops early),
# then for each: the time to load it (`quarry check`, which runs create())
# and the time to match it over ~20 MB of generated news-like text in
# which some entries occur. Prints one line per size; matching MB/s should
# not fall as entries grow. Use a Release build:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
#   cmake --build build-rel -j2 && tests/bench/rules_scale.sh build-rel
set -eu
build=${1:-build-rel}
quarry=$build/core/quarry
[ -x "$quarry" ] || { echo "no $quarry: build it first (see the comment at the top)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import random, sys, os
d = sys.argv[1]
rnd = random.Random(15)
words = ["North", "Atlantic", "Defence", "Systems", "Group", "Aero", "Marine", "Dynamics", "Industries",
         "Union", "Steel", "Works", "Holding", "United", "Precision", "Optics", "Naval", "Arms", "Tech",
         "Global", "Eastern", "Western", "Royal", "Federal", "Polar", "Delta", "Orion", "Vega", "Titan", "Nova"]
def name(k):
    # 2-4 words from the shared vocabulary plus a distinguishing number
    n = 2 + k % 3
    return " ".join(rnd.choice(words) for _ in range(n)) + " " + str(k)
names = [name(k) for k in range(100000)]
for size in (10, 1000, 100000):
    with open(os.path.join(d, "list%d.tsv" % size), "w") as f:
        for k in range(size):
            f.write("%s\torg\tid=%d\n" % (names[k], k))
    with open(os.path.join(d, "p%d.ini" % size), "w") as f:
        f.write("[pipeline]\nplugins = rules\n\n[rules]\nphrases = list%d.tsv\n" % size)
# ~20 MB of text: sentences of the shared vocabulary (so the matcher keeps
# walking into entries' prefixes) and lower-case filler, with a few of the
# first ten names in each document so every list has matches.
filler = ("the of and to in a said on for with that was by at from has its as it an "
          "officials reported talks between ministers continued after week").split()
with open(os.path.join(d, "text.jsonl"), "w") as f:
    total = 0
    doc = 0
    while total < 20 * 1024 * 1024:
        parts = []
        for s in range(12):
            w = [rnd.choice(words if rnd.random() < 0.4 else filler) for _ in range(rnd.randint(12, 24))]
            if s % 4 == 0:
                w.insert(rnd.randint(0, len(w)), names[rnd.randrange(10)])
            parts.append(" ".join(w).capitalize() + ".")
        text = " ".join(parts)
        f.write('{"id": "d%d", "text": "%s"}\n' % (doc, text))
        total += len(text)
        doc += 1
PY
mb=$(python3 -c "import os; print(round(os.path.getsize('$tmp/text.jsonl') / 1048576, 1))")
printf '%-10s %12s %12s %12s %10s\n' entries load_s match_s MB/s entities
for size in 10 1000 100000; do
    load=$( { /usr/bin/time -f %e "$quarry" check -c "$tmp/p$size.ini" > /dev/null; } 2>&1 | tail -1)
    /usr/bin/time -f %e -o "$tmp/t" "$quarry" run -q -j 1 -c "$tmp/p$size.ini" -o "$tmp/out$size.jsonl" "$tmp/text.jsonl"
    run=$(cat "$tmp/t")
    ents=$(grep -o '"type": "org"' "$tmp/out$size.jsonl" | wc -l)
    # matching time: the run less the load
    match=$(python3 -c "print(f'{max($run - $load, 0.001):.2f}')")
    rate=$(python3 -c "print(f'{$mb / max($run - $load, 0.001):.1f}')")
    printf '%-10s %12s %12s %12s %10s\n' "$size" "$load" "$match" "$rate" "$ents"
done
echo "(text: $mb MB of generated sentences; one worker; $quarry)"

#!/usr/bin/env bash
# quotes_scaling.sh -- time the quotes plugin on adversarial documents of
# SIZE and 4 x SIZE bytes and print the ratio (1 to 4: linear; the cmocka test
# plugin_quotes_scaling asserts it stays under 6 on 1 and 4 MB).
#
# usage: tests/bench/quotes_scaling.sh [QUARRY_BIN [PLUGIN_DIR [SIZE_KB]]]
#   defaults: build/core/quarry, its build/plugins, 1024 KB
# Shapes: one-word quotations ("a" in curly marks), many distinct names,
# pronoun attributions, one endless sentence, titled persons, unclosed marks,
# reported speech. Each document is one record; wall time of `quarry run`.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$here/build/core/quarry}")
plugins=$(realpath "${2:-$(dirname "$(dirname "$bin")")/plugins}")
kb=${3:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[pipeline]\nplugins = quotes\nplugin_path = %s\n' "$plugins" > "$tmp/q.ini"
export QUARRY_DATA_PATH=${QUARRY_DATA_PATH:-$here/conf}

python3 - "$tmp" "$kb" <<'PY'
import sys
out, kb = sys.argv[1], int(sys.argv[2])
def word(n, cap=True):
    s = "K" if cap else "k"
    while True:
        s += chr(97 + n % 26); n //= 26
        if not n: return s
shapes = {
    "marks":    lambda n: "\u201ca\u201d ",
    "names":    lambda n: f"{word(n)} {word(n*7+3)} met officials. \u201cWe agree,\u201d {word(n*7+3)} said. ",
    "pronouns": lambda n: "he said she said they said \u201cno,\u201d she said. ",
    "sentence": lambda n: f"and Anna {word(n)} said that \u201cit\u201d would go, according to the mayor, ",
    "titles":   lambda n: f"President Ola {word(n)} arrived.\n\u201cWe stay,\u201d the president said. ",
    "unclosed": lambda n: "\u201cDora Lund said the ferry would sail, ",
    "reported": lambda n: f"Ola {word(n)} said the port would reopen, and {word(n)} added that grain was late. ",
}
for name, unit in shapes.items():
    for mult in (1, 4):
        parts, size, n = [], 0, 0
        while size < kb * 1024 * mult:
            u = unit(n); parts.append(u); size += len(u.encode()); n += 1
        with open(f"{out}/{name}-{mult}.txt", "w", encoding="utf-8") as f:
            f.write("".join(parts))
PY

seconds() {
  local s e
  s=$(date +%s.%N)
  "$bin" run -q -c "$tmp/q.ini" -o /dev/null "$1" || { echo "quarry failed on $1" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
printf '%-9s %10s %10s %6s\n' shape "${kb}KB(s)" "$((kb * 4))KB(s)" ratio
for shape in marks names pronouns sentence titles unclosed reported; do
  a=$(seconds "$tmp/$shape-1.txt"); b=$(seconds "$tmp/$shape-4.txt")
  printf '%-9s %10.2f %10.2f %6.1f\n' "$shape" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done

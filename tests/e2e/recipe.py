#!/usr/bin/env python3
"""recipe.py DOC NAME: print the code block that follows the marker
`<!-- recipe: NAME -->` in DOC, so that the tests run the recipes exactly as
docs/scale-out.md shows them. Exit 1 when there is no such recipe."""

import re
import sys

doc, name = sys.argv[1], sys.argv[2]
m = re.search(r"<!-- recipe: %s -->\s*```[a-z]*\n(.*?)```" % re.escape(name), open(doc, encoding="utf-8").read(), re.S)
if not m:
    sys.exit("no recipe '%s' in %s" % (name, doc))
sys.stdout.write(m.group(1))

#!/usr/bin/env python3
"""python_module.py [BUILD_DIR] [DOCS]

Documents per second through the Python module (extract_many with 1 and 2
workers) against `quarry run -j 1` / `-j 2` on the same documents: the
first DOCS (default 2,000) of the evaluation corpus. A benchmark, not a
test: run it by hand on a release build and quote it.
"""

import json
import os
import subprocess
import sys
import time

src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(src, "build-rel"))
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.environ.setdefault("QUARRY_LIBRARY", os.path.join(build, "core", "libquarry.so"))
os.environ.setdefault("QUARRY_PLUGIN_PATH", os.path.join(build, "plugins"))
os.environ.setdefault("QUARRY_DATA_PATH", os.path.join(src, "conf"))
sys.path.insert(0, os.path.join(src, "core", "python"))
import quarry  # noqa: E402

corpus = os.path.join(src, "..", "shared", "eval", "corpus", "news.jsonl")
lines = []
with open(corpus, encoding="utf-8") as f:
    for line in f:
        lines.append(line)
        if len(lines) == n:
            break
docs = [json.loads(line) for line in lines]
mb = sum(len(d["text"].encode()) for d in docs) / 1e6

for workers in (1, 2):
    with quarry.Pipeline(workers=workers) as p:
        t = time.perf_counter()
        ents = sum(len(r["entities"]) for r in p.extract_many(docs))
        dt = time.perf_counter() - t
    print(f"python extract_many workers={workers}: {n} docs, {ents} entities, {dt:.2f} s, "
          f"{n / dt:.0f} docs/s, {mb / dt:.1f} MB/s")
for jobs in (1, 2):
    t = time.perf_counter()
    subprocess.run([os.path.join(build, "core", "quarry"), "run", "-q", "-j", str(jobs), "--input-format", "jsonl",
                    "-o", os.devnull, "-"], input="".join(lines).encode(), check=True)
    dt = time.perf_counter() - t
    print(f"quarry run -j {jobs}: {n} docs, {dt:.2f} s, {n / dt:.0f} docs/s, {mb / dt:.1f} MB/s")

#!/usr/bin/env python3
"""html_view_test.py QUARRY SOURCE_DIR OUT_DIR

The HTML view rendered by a real browser: `quarry run --format html` over
the bundled samples and an HTML page, loaded in headless Chromium; the DOM
after its script ran must hold every entity highlighted with its type and
its attributes in the tooltip, each quote's speaker span linked to the
quote, the legend and the summary; the #e=D.I link opens an entity's
tooltip. A screenshot goes to OUT_DIR/html_view.png. Exit 77 (skipped)
when Chromium is not installed.
"""

import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

quarry, src, out_dir = sys.argv[1:4]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("SKIP: chromium is not installed (Debian package chromium)")
    sys.exit(77)

failures, passes = [], []


def check(what, cond):
    print(("ok - " if cond else "FAIL - ") + what)
    (passes if cond else failures).append(what)


work = tempfile.mkdtemp()
try:
    inputs = [os.path.join(src, "docs/samples"), os.path.join(src, "tests/e2e/data/page.html")]
    page = os.path.join(work, "view.html")
    records = os.path.join(work, "records.jsonl")
    subprocess.run([quarry, "run", "-q", "-j2", "--format", "html", "-o", page] + inputs, check=True)
    subprocess.run([quarry, "run", "-q", "-j2", "-o", records] + inputs, check=True)
    recs = [json.loads(line) for line in open(records, encoding="utf-8")]

    def browse(url, *extra):
        # the flags the machine needs: no sandbox, no GPU, nothing that calls out
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--user-data-dir=" + tempfile.mkdtemp(dir=work), "--virtual-time-budget=5000", *extra, url]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=90)

    # the entity to point the #e= link at: the first quote with a speaker
    target = next((d, i) for d, r in enumerate(recs) for i, e in enumerate(r["entities"])
                  if e["type"] == "quote" and "speaker_start" in e["attrs"])
    url = "file://%s#e=%d.%d" % (page, *target)
    dom = browse(url, "--dump-dom").stdout

    class Dom(html.parser.HTMLParser):
        """The marks, role spans, tooltip and summary of the rendered page."""

        def __init__(self):
            super().__init__()
            self.stack = []      # open elements: (tag, attrs, text parts)
            self.marks = {}      # (ordinal, i) -> {"type", "title", "text"}
            self.roles = []      # (ordinal, of, role, text)
            self.tip, self.summary, self.legend = None, "", []
            self.ordinal = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "article" and "data-ordinal" in a:
                self.ordinal = int(a["data-ordinal"])
            self.stack.append((tag, a, []))

        def handle_endtag(self, tag):
            while self.stack:
                t, a, parts = self.stack.pop()
                text = "".join(parts)
                if self.stack:  # the parent's text holds its children's
                    self.stack[-1][2].append(text)
                cls = a.get("class", "").split()
                if t == "mark" and "ent" in cls:
                    m = self.marks.setdefault((self.ordinal, int(a["data-i"])),
                                              {"type": a["data-type"], "title": a.get("title", ""), "text": ""})
                    m["text"] += text
                elif t == "span" and "role" in cls:
                    self.roles.append((self.ordinal, int(a["data-of"]), a["data-role"], text))
                elif t == "div" and a.get("id") == "tip" and "hidden" not in a:
                    self.tip = text
                elif t == "section" and a.get("id") == "summary":
                    self.summary = text
                elif t == "label" and self.stack and self.stack[-1][1].get("id") == "legend":
                    self.legend.append(text)
                if t == tag:
                    break

        def handle_data(self, data):
            if self.stack:
                self.stack[-1][2].append(data)

    d = Dom()
    d.feed(dom)
    want = {(k, i): e for k, r in enumerate(recs) for i, e in enumerate(r["entities"])}
    check("every entity is highlighted (%d marks)" % len(d.marks), set(d.marks) == set(want))
    check("each mark carries its entity's type and exact text",
          all(d.marks[k]["type"] == e["type"] and d.marks[k]["text"] == e["text"] for k, e in want.items() if k in d.marks))

    def shown(v):
        return v if isinstance(v, str) else json.dumps(v)

    check("each tooltip lists the attributes (value and currency, speaker, category, country, coordinates)",
          all(("%s: %s" % (a, shown(v))) in d.marks[k]["title"]
              for k, e in want.items() if k in d.marks for a, v in e["attrs"].items()
              if not a.endswith(("_start", "_end"))))
    # quotes, and whatever else names a speaker (the quotes plugin's reported speech)
    quotes = {k: e for k, e in want.items() if "speaker_start" in e["attrs"]}
    linked = {(o, of) for o, of, role, _ in d.roles if role == "speaker"}
    check("each quote's speaker span is linked to its quote (%d)" % len(quotes),
          set(quotes) == linked and any(e["type"] == "quote" for e in quotes.values()))
    def said(k, e):  # the words at speaker_start..speaker_end of a text file
        data = open(recs[k[0]]["id"], "rb").read()
        return data[e["attrs"]["speaker_start"]:e["attrs"]["speaker_end"]].decode("utf-8")

    in_text = {k: e for k, e in quotes.items() if recs[k[0]]["id"].endswith(".txt")}
    check("the speaker span holds the words the record points at (%d quotes)" % len(in_text),
          in_text and all((k[0], k[1], "speaker", said(k, e)) in d.roles for k, e in in_text.items()))
    check("the #e= link opened the entity's tooltip", d.tip is not None and "quote" in d.tip
          and want[target]["attrs"].get("speaker", "speaker") in d.tip)
    check("legend: one toggle per type with its count",
          sorted(t.split()[0] for t in d.legend) == sorted({e["type"] for e in want.values()}))
    speakers = {e["attrs"]["speaker"] for e in want.values() if "speaker" in e["attrs"]}
    check("summary: counts, top speakers, top places, money per currency",
          all(s in d.summary for s in ["Top speakers", "Top places", "Money per currency", "EUR", "USD"])
          and any(s in d.summary for s in speakers))
    check("page 1 of 1 with every document", "page 1 of 1 · %d of %d documents" % (len(recs), len(recs)) in dom)

    shot = os.path.join(out_dir, "html_view.png")
    if os.path.exists(shot):
        os.remove(shot)
    browse(url, "--window-size=1280,1800", "--screenshot=" + shot)
    check("screenshot saved (%s)" % shot, os.path.exists(shot) and os.path.getsize(shot) > 20000)
finally:
    shutil.rmtree(work, ignore_errors=True)

print("%d passed, %d failed" % (len(passes), len(failures)))
sys.exit(1 if failures else 0)

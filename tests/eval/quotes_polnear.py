#!/usr/bin/env python3
"""Score the quotes plugin on PolNeAR's attributions: direct quotations and
reported speech.

usage: quotes_polnear.py [--quarry BIN] [--eval DIR] [--split dev|train|test]
                         [--no-fragments] [--speech-only] [--double-only]
                         [--raw-pieces] [--keep DIR] [--verbose]

Reads ../shared/eval/quotes-polnear (brat standoff, see its SOURCE.txt). An
article annotated by several annotators is read from the first annotator's file.

Gold, type quote: every attribution's Content span (its pieces that only
white space separates read as one; --raw-pieces: each piece alone, the
reading before round 5) is searched for text between quotation marks (“…”, "…", ''…'', top-level ‘…’; the marks may sit
just outside the annotated span); each such stretch is one gold quote, marks
excluded as GUIDELINES.md wants, with the attribution's Source as its speaker.

Gold, type reported: every attribution whose Content is not (90% or more)
inside quotation marks -- PolNeAR's indirect and mixed attributions -- spans
its Content (first piece to last, trailing punctuation dropped). PolNeAR also
annotates beliefs and intentions ("he thinks", "she wants"); --speech-only makes
the attributions whose cue is no verb of saying (SPEECH_STEMS) optional: a
prediction matching one is neither a hit nor a false alarm.

Runs `quarry run` with a pipeline holding only the quotes plugin on the
split's articles, then prints for each type
  - score.py's figures (precision, recall, F1; overlap >= half the shorter span);
  - speaker surname accuracy over matched pairs with a Source: the speaker's
    last word equals the Source's head word (its last word before an
    apposition or relative clause, or the name in "the press secretary, Nora
    Quill,"). A bare pronoun Source ("he") counts as a miss, so the share of
    pronoun Sources bounds it (printed as the ceiling);
  - speaker accuracy by mention: speaker_start/speaker_end overlaps the Source
    (the fair test for pronouns), or, second figure, that or the same last word.

Tune on --split train; dev is for reporting; test only once.
Exits 0 without scoring when the eval data or the quarry binary is absent.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OPEN = "“\"‘"
CLOSE = "”\"’"
SINGLE = True  # --double-only turns it off (the figures before 2026-12)
RAW_PIECES = False  # --raw-pieces: each piece of a Content on its own (the figures before round 5)
MARKS = "“”\""


def parse_ann(path):
    """T spans {id: (type, [(start, end), ...], text)} and E relations [{role: tid}]."""
    spans, rels = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("T"):
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                head = parts[1].split(" ", 1)
                if len(head) != 2:
                    continue
                pieces = []
                for seg in head[1].split(";"):
                    a, b = seg.split()
                    pieces.append((int(a), int(b)))
                spans[parts[0]] = (head[0], pieces, parts[2] if len(parts) > 2 else "")
            elif line.startswith("E"):
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                rel = {}
                for item in parts[1].split():
                    role, _, tid = item.partition(":")
                    rel[role] = tid
                rels.append(rel)
    return spans, rels


def add_inside(out, text, s, e):
    """Append [s, e) without its surrounding white space, unless empty."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def quoted_stretches(text, a, b):
    """Character ranges inside quotation marks within [a, b), marks excluded.
    A mark just outside the span counts (annotators differ on including them).
    Two straight apostrophes ('' ... '') are a double mark, as some papers
    (the New York Times here) write them."""
    if text[max(0, a - 2):a] == "''":
        a -= 2
    elif a > 0 and text[a - 1] in OPEN:
        a -= 1
    if text[b:b + 2] == "''":
        b += 2
    elif b < len(text) and text[b] in CLOSE:
        b += 1
    out, i = [], a
    while i < b:
        ch = text[i]
        pair = text.startswith("''", i)
        is_open = ch == "“" or ((ch == '"' or pair) and (i == 0 or not text[i - 1].isalnum()))
        if SINGLE and ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            # GUIDELINES.md counts ‘…’ used as quotation marks (headlines);
            # the closing ’ is one not followed by a letter (not "don’t")
            j = i + 1
            while j < b and not (text[j] == "’" and (j + 1 >= len(text) or not text[j + 1].isalpha())):
                if text[j] in "“‘\n":
                    break
                j += 1
            if j < b and text[j] == "’" and j > i + 1:
                add_inside(out, text, i + 1, j)
                i = j + 1
            else:
                i += 1
            continue
        if not is_open:
            i += 1
            continue
        w = 2 if pair else 1
        j = i + w
        while j < b and not (text[j] == "”" or (text[j] == '"' and j > i + 1) or
                             (text.startswith("''", j) and j > i + 2)):
            if text[j] == "“":  # another opening mark: the first was unbalanced
                break
            j += 1
        if j < b and (text[j] in CLOSE or text.startswith("''", j)):
            add_inside(out, text, i + w, j)
            i = j + (2 if text.startswith("''", j) else 1)
        else:
            i = j if j > i else i + 1
    return out


def join_pieces(text, pieces):
    """Join the pieces of a Content that only white space separates. brat
    splits a span at every line or sentence break the annotator's selection
    crossed ("“The tide turned. We sailed.”" may be two pieces, one per sentence),
    and a quotation whose marks fell in different pieces was lost from the
    gold (and its Content counted as indirect): train's gold holds 165
    such quotations more and 14 stretches cut inside a quotation fewer (a
    quotation of three sentences selected sentence by sentence). Pieces
    listed out of order are never joined.
    --raw-pieces reads them as before."""
    if RAW_PIECES or not pieces:
        return pieces
    out = [pieces[0]]
    for a, b in pieces[1:]:
        if a >= out[-1][1] and text[out[-1][1]:a].strip() == "":  # brat may list pieces out of order
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def byte_offsets(text):
    """Map from character offset to byte offset (UTF-8)."""
    out, n = [0] * (len(text) + 1), 0
    for i, ch in enumerate(text):
        out[i] = n
        n += len(ch.encode("utf-8"))
    out[len(text)] = n
    return out


def overlap(a, b):
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi <= lo:
        return 0.0
    shorter = min(a[1] - a[0], b[1] - b[0])
    return (hi - lo) / shorter if shorter else 0.0


def last_word(s):
    words = re.findall(r"\w+", s.lower().replace("’", "'"))
    return words[-1] if words else ""


PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "us", "me", "who"}


PREPS = {"of", "at", "from", "on", "to", "in", "for", "with"}
# Words that a name's "of ..." belongs to: "Secretary of State Ada Brandt",
# "University of Tartu", "Bank of Lisbon".
NAME_HEADS = {"secretary", "minister", "ministry", "president", "chairman", "chairwoman", "chair", "director",
              "head", "chief", "leader", "governor", "mayor", "editor", "speaker", "founder", "commissioner",
              "ambassador", "attorney", "general", "professor", "dean", "department", "university", "institute",
              "bank", "house", "court", "committee", "council", "league", "board", "association", "union", "party",
              "state", "states", "city", "republic", "kingdom", "office", "bureau", "church", "school", "college",
              "center", "centre", "foundation", "society", "federation", "organization", "organisation", "agency",
              "administration", "fund", "chamber", "daughters", "sons", "friends", "members", "member", "people",
              "coalition", "network", "alliance", "conference", "corps", "army", "navy", "force", "forces",
              "command", "sen", "rep", "representative", "senator", "congressman", "congresswoman", "lady"}


def source_surname(src):
    """The head word of a Source: its last word before an apposition or a
    relative clause ("Lena Moss, vice chairwoman ..." -> "moss"), a
    possessive dropped. Empty for a bare pronoun (no name to compare).
    A parenthesis is no head: "Rep. Tom Dunmore (R-Iowa)" -> "dunmore", not
    "r-iowa"; nor is a name's prepositional phrase: "Paul Ederle of the
    Harbour Policy Institute" -> "ederle", not "institute" (both used to
    be: a miss for every such Source)."""
    src = re.sub(r"\([^()]*\)", " ", src)
    parts = re.split(r",|\bwho\b|\bwhich\b", src)
    head = parts[0]
    # "the city council press secretary, Nora Quill,": the name in apposition
    first_words = re.findall(r"[\w’'.-]+", head)
    if len(parts) > 1 and first_words and first_words[-1][:1].islower():
        named = re.findall(r"[\w’'.-]+", parts[1])
        if 0 < len(named) <= 4 and all(w[:1].isupper() for w in named):
            head = parts[1]
    words = re.findall(r"[\w’'.-]+", head)
    # "Omar Pell of the Meridian Group", "Aides to Mr. Varga": a name's
    # prepositional phrase is no head; "Secretary of State Ada Brandt" is one name
    for i in range(1, len(words) - 1):
        if words[i] in PREPS and words[i - 1][:1].isupper() and words[i - 1].lower().strip(".") not in NAME_HEADS:
            words = words[:i]
            break
    if not words:
        return ""
    w = words[-1].lower().replace("’", "'").strip(".'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(words) == 1 and w in PRONOUNS:
        return ""
    return w


def speaker_surname(name):
    words = re.findall(r"[\w’'.-]+", name or "")
    return words[-1].lower().replace("’", "'").strip(".'-") if words else ""


# Verbs of communication (PolNeAR also annotates beliefs and intentions:
# "he thinks", "she wants"): with --speech-only, attributions whose cue holds
# none of these stems are optional gold, neither a hit nor a false alarm.
SPEECH_STEMS = ("say", "said", "tell", "told", "according", "add", "note", "warn", "argu", "claim", "insist",
                "explain", "acknowledg", "admit", "announc", "confirm", "suggest", "predict", "report", "wr",
                "declar", "assert", "maintain", "contend", "conced", "emphasi", "stat", "reveal", "alleg",
                "charg", "complain", "promis", "pledg", "vow", "testif", "recall", "repl", "respond", "den",
                "tweet", "post", "ask", "accus", "call", "told", "insist", "blam", "urg", "descri", "cit",
                "quot", "spok", "speak", "comment", "remark", "stress", "point", "mention", "question")


def speech_cue(cue):
    words = re.findall(r"[a-z]+", cue.lower())
    return any(w.startswith(SPEECH_STEMS) for w in words)


MARK_CHARS = "“”\"‘’'"


def direct_share(text, pieces):
    """How much of a Content sits inside quotation marks: characters inside
    over all characters, white space, the marks themselves and trailing
    punctuation not counted."""
    inside = sum(len(re.sub(r"\s", "", text[s:e])) for a, b in pieces for s, e in quoted_stretches(text, a, b))
    total = sum(len(re.sub(r"[\s" + MARK_CHARS + r"]", "", text[a:b]).rstrip(".,;:")) for a, b in pieces)
    return inside / total if total else 0.0


def pair_up(gs, ps):
    """One-to-one matching, largest overlap first (as score.py)."""
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gs) for j, p in enumerate(ps)), reverse=True)
    gm, pm, out = set(), set(), []
    for ov, i, j in pairs:
        if ov < 0.5 or i in gm or j in pm:
            continue
        gm.add(i)
        pm.add(j)
        out.append((i, j))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quarry", default=os.environ.get("QUARRY_BIN", os.path.join(ROOT, "build", "core", "quarry")))
    ap.add_argument("--plugin-path", default=None, help="directory holding quotes.so (default: next to quarry)")
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--scorer", default=os.path.join(ROOT, "..", "shared", "tools", "score.py"))
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--no-fragments", action="store_true", help="drop kind=fragment predictions")
    ap.add_argument("--plugins", default="quotes",
                    help="the pipeline's plugins, e.g. 'locations, quotes' to let quotes read the places (default: quotes)")
    ap.add_argument("--speech-only", action="store_true",
                    help="reported gold: attributions of speech only (others optional)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="keep gold.jsonl, pred.jsonl and the documents in DIR")
    ap.add_argument("--double-only", action="store_true",
                    help="gold from double quotation marks only (ignore ‘single’ quotations)")
    ap.add_argument("--raw-pieces", action="store_true",
                    help="search each piece of a split Content for quotations on its own (the figures before round 5)")
    args = ap.parse_args()
    global SINGLE, RAW_PIECES
    SINGLE = not args.double_only
    RAW_PIECES = args.raw_pieces

    base = os.path.join(args.eval, "quotes-polnear", "data", args.split)
    if not os.path.isdir(os.path.join(base, "attributions")) or not os.path.exists(args.scorer):
        print(f"SKIP: PolNeAR data or scorer not found under {args.eval}")
        return 0
    if not os.access(args.quarry, os.X_OK):
        print(f"SKIP: quarry binary not found: {args.quarry}")
        return 0
    plugin_path = args.plugin_path or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.quarry))),
                                                   "plugins")

    anns = {}
    for name in sorted(os.listdir(os.path.join(base, "attributions"))):
        if name.endswith(".ann"):
            article = name[:-4].rsplit("_", 1)[0]
            anns.setdefault(article, name)

    with tempfile.TemporaryDirectory(prefix="quotes_polnear_") as tmp:
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            tmp = args.keep
        docs_dir = os.path.join(tmp, "docs")
        os.makedirs(docs_dir, exist_ok=True)
        gold_lines, files, sources = [], [], {}
        for article, ann in anns.items():
            src = os.path.join(base, "text", article + ".txt")
            if not os.path.exists(src):
                continue
            with open(src, encoding="utf-8") as f:
                text = f.read()
            path = os.path.join(docs_dir, article + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(path)
            boff = byte_offsets(text)
            spans, rels = parse_ann(os.path.join(base, "attributions", ann))
            gold, seen = [], set()
            for rel in rels:
                content = spans.get(rel.get("Content", ""))
                if not content:
                    continue
                source = spans.get(rel.get("Source", ""))
                src_span = (boff[source[1][0][0]], boff[source[1][-1][1]]) if source else None
                src_text = source[2] if source else ""
                pieces = join_pieces(text, content[1])
                for a, b in pieces:
                    for s, e in quoted_stretches(text, a, b):
                        key = (boff[s], boff[e])
                        if key in seen:
                            continue
                        seen.add(key)
                        gold.append({"type": "quote", "start": key[0], "end": key[1],
                                     "attrs": {"speaker": src_text}})
                        sources[(article + ".txt", "quote", key)] = (src_span, src_text)
                # indirect and mixed attributions: the Content span as a whole
                if direct_share(text, pieces) < 0.9:
                    a, b = content[1][0][0], content[1][-1][1]
                    while a < b and text[a].isspace():
                        a += 1
                    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;"):
                        b -= 1
                    if b <= a:
                        continue
                    cue = spans.get(rel.get("Cue", ""))
                    ent = {"type": "reported", "start": boff[a], "end": boff[b], "attrs": {"speaker": src_text},
                           "cue": spans[rel["Cue"]][2] if rel.get("Cue") in spans else ""}
                    if args.speech_only and not (cue and speech_cue(cue[2])):
                        ent["optional"] = True
                    gold.append(ent)
                    sources[(article + ".txt", "reported", (boff[a], boff[b]))] = (src_span, src_text)
            gold_lines.append({"doc": article + ".txt", "entities": gold})
        gold_path = os.path.join(tmp, "gold.jsonl")
        with open(gold_path, "w", encoding="utf-8") as f:
            for g in gold_lines:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")

        ini = os.path.join(tmp, "quotes.ini")
        with open(ini, "w") as f:
            f.write(f"[pipeline]\nplugins = {args.plugins}\nplugin_path = {plugin_path}\n")
            if args.no_fragments:
                f.write("\n[quotes]\nfragments = false\n")
        env = dict(os.environ)
        env.setdefault("QUARRY_DATA_PATH", os.path.join(ROOT, "conf"))
        pred_path = os.path.join(tmp, "pred.jsonl")
        with open(pred_path, "w") as out:
            r = subprocess.run([args.quarry, "run", "-c", ini] + files, stdout=out, env=env)
        if r.returncode != 0:
            print(f"quarry run failed with status {r.returncode}", file=sys.stderr)
            return 1

        for typ in ("quote", "reported"):
            n_gold = sum(1 for g in gold_lines for e in g["entities"] if e["type"] == typ and not e.get("optional"))
            what = "direct quotes" if typ == "quote" else "indirect and mixed attributions"
            print(f"PolNeAR {args.split}: {len(files)} articles, {n_gold} {what} in the gold")
            cmd = [sys.executable, args.scorer, gold_path, pred_path, docs_dir, f"--types={typ}"]
            if args.verbose:
                cmd.append("--verbose")
            sys.stdout.flush()
            subprocess.run(cmd)
            speaker_figures(typ, gold_lines, pred_path, sources, args.verbose)
    return 0


def speaker_figures(typ, gold_lines, pred_path, sources, verbose):
    """Speaker accuracy over matched pairs (same matching rule as score.py)."""
    preds = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            preds[os.path.basename(rec["id"])] = [e for e in rec.get("entities", []) if e.get("type") == typ]
    n = ok_mention = ok_any = ok_surname = pronoun = 0
    wrong = []
    for g in gold_lines:
        doc = g["doc"]
        gents = [e for e in g["entities"] if e["type"] == typ and not e.get("optional")]
        gs = [(e["start"], e["end"]) for e in gents]
        ps = preds.get(doc, [])
        for i, j in pair_up(gs, [(p["start"], p["end"]) for p in ps]):
            src_span, src_text = sources[(doc, typ, gs[i])]
            if not src_span:
                continue
            n += 1
            attrs = ps[j].get("attrs") or {}
            m = attrs.get("speaker_start") is not None and overlap(
                src_span, (attrs["speaker_start"], attrs["speaker_end"])) > 0
            name_ok = bool(attrs.get("speaker")) and last_word(attrs["speaker"]) == last_word(src_text)
            gold_sur = source_surname(src_text)
            pronoun += int(gold_sur == "")
            sur_ok = gold_sur != "" and speaker_surname(attrs.get("speaker")) == gold_sur
            ok_mention += int(m)
            ok_any += int(m or name_ok)
            ok_surname += int(sur_ok)
            if verbose and not sur_ok and gold_sur:
                wrong.append((doc, ps[j]["text"][:60], src_text, attrs.get("speaker")))
    if n:
        print(f"{typ} speaker surname accuracy (speaker's last word = the Source's head word): "
              f"{ok_surname / n:.4f} ({ok_surname}/{n}; {pronoun} Sources are bare pronouns, "
              f"ceiling {(n - pronoun) / n:.4f})")
        print(f"{typ} speaker accuracy (mention overlaps Source): {ok_mention / n:.4f} ({ok_mention}/{n})")
        print(f"{typ} speaker accuracy (mention or same surname): {ok_any / n:.4f} ({ok_any}/{n})")
    for w in wrong:
        print(f"  WRONG SPEAKER {typ}", *w, sep=" | ")


if __name__ == "__main__":
    sys.exit(main())

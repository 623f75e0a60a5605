"""Byte offsets (the record's) to character offsets (Python's str indices)."""


def _span_pairs(attrs):
    """(name, start, end) for each pair of attributes X_start / X_end."""
    for key, value in attrs.items():
        if key.endswith("_start") and isinstance(value, int):
            end = attrs.get(key[: -len("_start")] + "_end")
            if isinstance(end, int):
                yield key[: -len("_start")], value, end


def char_offsets(data, byte_offsets):
    """{byte offset: character offset} for offsets into the UTF-8 bytes
    `data`, decoding each stretch between two offsets once (in C, not a
    Python loop over characters). The record never points inside a
    character."""
    out, chars, prev = {}, 0, 0
    for off in sorted(set(byte_offsets)):
        chars += len(data[prev:off].decode("utf-8", "surrogatepass"))
        out[off] = chars
        prev = off
    return out


def add_char_offsets(record, text, data=None):
    """Give each entity char_start/char_end and, for each pair of attributes
    X_start/X_end (a quote's speaker), char_spans[X] = [start, end]."""
    ents = record["entities"]
    if not ents:
        return record
    if text.isascii():
        chars = None  # bytes and characters coincide
    else:
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        wanted = [o for e in ents for o in (e["start"], e["end"])]
        wanted += [o for e in ents for _, s, t in _span_pairs(e.get("attrs", {})) for o in (s, t)]
        chars = char_offsets(data, wanted)
    at = (lambda o: o) if chars is None else chars.__getitem__
    for e in ents:
        e["char_start"] = at(e["start"])
        e["char_end"] = at(e["end"])
        spans = {name: [at(s), at(t)] for name, s, t in _span_pairs(e.get("attrs", {}))}
        if spans:
            e["char_spans"] = spans
    return record

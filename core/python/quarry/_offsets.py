"""Byte offsets (the record's) to character offsets (Python's str indices)."""

import bisect


class CharOffsets:
    """Maps byte offsets of `text` encoded as UTF-8 to indices into `text`."""

    def __init__(self, text):
        if text.isascii():
            self._starts = None  # bytes and characters coincide
            return
        starts, at = [], 0
        for ch in text:
            starts.append(at)
            at += len(ch.encode("utf-8", "surrogatepass"))
        self._starts = starts  # byte offset where each character starts

    def __call__(self, byte_offset):
        if self._starts is None:
            return byte_offset
        # the record never points inside a character: an exact hit, or the end
        return bisect.bisect_left(self._starts, byte_offset)


def add_char_offsets(record, text):
    """Give each entity char_start/char_end and, for each pair of attributes
    X_start/X_end (a quote's speaker), char_spans[X] = [start, end]."""
    if not record["entities"]:
        return record
    chars = CharOffsets(text)
    for e in record["entities"]:
        e["char_start"] = chars(e["start"])
        e["char_end"] = chars(e["end"])
        attrs = e.get("attrs", {})
        spans = {}
        for key, value in attrs.items():
            if key.endswith("_start") and isinstance(value, int):
                name = key[: -len("_start")]
                end = attrs.get(name + "_end")
                if isinstance(end, int):
                    spans[name] = [chars(value), chars(end)]
        if spans:
            e["char_spans"] = spans
    return record

"""quarry from Python: entity extraction for news text (quotes with their
speakers, money amounts, weapon systems, places) over libquarry.

    import quarry
    with quarry.Pipeline() as pipeline:            # the built-in default pipeline
        record = pipeline.extract("Berlin pledged €5 million.")
        for e in record["entities"]:
            print(e["type"], e["text"], e["char_start"], e["attrs"])

A thin layer over the C embedding API (quarry/quarry.h) through ctypes:
records are the JSON records `quarry run` writes (docs/record-format.md),
with character offsets added beside the byte offsets. See docs/python.md.
"""

from ._pipeline import Pipeline, QuarryError, set_log_level, version

__all__ = ["Pipeline", "QuarryError", "set_log_level", "version"]

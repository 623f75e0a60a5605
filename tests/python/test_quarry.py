"""The Python module (core/python/quarry) as a user calls it.

Run by ctest (tests/CMakeLists.txt) with the build tree's library, plugins
and data named by QUARRY_LIBRARY, QUARRY_PLUGIN_PATH and QUARRY_DATA_PATH;
QUARRY_BUILD_DIR lets the last test install a prefix of its own.
"""

import glob
import json
import os
import subprocess
import sys
import textwrap

import pytest

import quarry

TEXT = ("“We need more air defence,” said Anna Richter, as Berlin pledged €500 million "
        "for IRIS-T systems. 🇺🇦 Kyiv welcomed it.")


@pytest.fixture(scope="module")
def pipeline():
    with quarry.Pipeline(workers=2) as p:
        yield p


def test_extract_gives_the_record_with_byte_and_character_offsets(pipeline):
    record = pipeline.extract(TEXT, id="news-1")
    assert record["id"] == "news-1" and record["errors"] == []
    data = TEXT.encode("utf-8")
    types = [e["type"] for e in record["entities"]]
    assert {"quote", "money", "weapon", "location"} <= set(types)
    for e in record["entities"]:
        assert data[e["start"]:e["end"]].decode("utf-8") == e["text"]          # bytes, as in the record
        assert TEXT[e["char_start"]:e["char_end"]] == e["text"]                 # Python indices
    money = next(e for e in record["entities"] if e["type"] == "money")
    assert money["attrs"] == {"value": 500000000, "currency": "EUR"}
    assert money["char_start"] == TEXT.index("€500") and money["start"] > money["char_start"]
    kyiv = next(e for e in record["entities"] if e["text"] == "Kyiv")
    assert TEXT[kyiv["char_start"]:kyiv["char_end"]] == "Kyiv"                # after a flag beyond the BMP


def test_spans_in_attributes_get_character_offsets_too(pipeline):
    quote = next(e for e in pipeline.extract(TEXT)["entities"] if e["type"] == "quote")
    start, end = quote["char_spans"]["speaker"]
    assert TEXT[start:end] == "Anna Richter" == quote["attrs"]["speaker"]


def test_extract_many_keeps_order_and_matches_one_at_a_time(pipeline):
    docs = [f"Document {k}: Berlin and Kyiv agreed on ${k} million." for k in range(40)]
    many = list(pipeline.extract_many(docs))
    assert [r["id"] for r in many] == [str(k) for k in range(40)]
    with quarry.Pipeline(workers=1) as single:
        one = [single.extract(t, id=str(k)) for k, t in enumerate(docs)]
    assert many == one


def test_extract_many_takes_pairs_dicts_and_generators(pipeline):
    def gen():
        yield ("a", "Paris")
        yield {"id": "b", "text": "€5 in Rome"}
        yield {"text": "London"}
    assert [r["id"] for r in pipeline.extract_many(gen())] == ["a", "b", "2"]


def test_text_that_is_not_utf8_gives_a_record_with_an_error(pipeline):
    record = pipeline.extract("Kyiv \udcff")  # a lone surrogate cannot be UTF-8
    assert record["entities"] == [] and record["errors"][0]["code"] == "QRY_ERR_INVALID"
    assert "invalid UTF-8" in record["errors"][0]["message"]


def test_a_bad_pipeline_says_where(tmp_path):
    ini = tmp_path / "bad.ini"
    ini.write_text("[pipeline]\nplugins = money, mony\n")
    with pytest.raises(quarry.QuarryError) as err:
        quarry.Pipeline(str(ini))
    assert "bad.ini:2: [pipeline] plugins: plugin 'mony' not found" in str(err.value)


def test_arguments_are_checked(pipeline):
    with pytest.raises(TypeError):
        pipeline.extract(b"bytes")
    with pytest.raises(ValueError):
        quarry.Pipeline(workers=0)
    p = quarry.Pipeline()
    p.close()
    with pytest.raises(quarry.QuarryError):
        p.extract("Kyiv")


def test_version():
    assert quarry.version().count(".") == 2


def _install_prefix(tmp_path):
    build = os.environ.get("QUARRY_BUILD_DIR")
    if not build:
        pytest.skip("QUARRY_BUILD_DIR not set: run through ctest")
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)], check=True, capture_output=True)
    site = glob.glob(str(prefix / "lib" / "python3*" / "*-packages"))
    assert site, "the module was not installed"
    return site[0]


# The installed module loads the prefix's libquarry by a relative path, and
# libquarry finds the prefix's plugins and data relative to itself (dladdr,
# issue #15): no environment variable, from any directory.
def test_installed_prefix_works_without_environment_variables(tmp_path):
    site = _install_prefix(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUARRY_", "PYTHON"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {site!r})
        import quarry
        with quarry.Pipeline() as p:
            print(json.dumps(p.extract("Berlin pledged €5 million.")))
    """)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=str(tmp_path),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert {e["type"] for e in record["entities"]} == {"location", "money"}


def test_installed_module_loads_the_prefix_library(tmp_path):
    """Not a libquarry found elsewhere on the system: the prefix's own."""
    site = _install_prefix(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUARRY_", "PYTHON"))}
    script = f"import sys; sys.path.insert(0, {site!r}); import quarry, quarry._pipeline as p; " \
             "print(p._lib._name)"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(tmp_path / "prefix" / "lib")), done.stdout

#!/usr/bin/env bash
# cli_test.sh QUARRY TEST_PLUGIN_DIR BUILD_PLUGIN_DIR SOURCE_DIR
# The `quarry` tool end to end, as a user drives it: exit codes, messages,
# JSON Lines that parse and point at the right bytes, order under -j, and
# plugins that export exactly one symbol.
set -u
quarry=$1 testplugins=$2 plugins=$3 src=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

# A record file is valid when every line parses, ids come in the given order,
# entities are sorted and each entity's text is exactly its byte span.
validate() { # validate OUT DOCS_DIR_OR_- ID...
  python3 - "$@" <<'PY'
import json, sys, os
out, docs, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
recs = [json.loads(l) for l in open(out, encoding="utf-8")]
assert [r["id"] for r in recs] == ids, ([r["id"] for r in recs][:5], ids[:5])
for r in recs:
    assert set(r) == {"id", "entities", "errors"}, r.keys()
    starts = [e["start"] for e in r["entities"]]
    assert starts == sorted(starts)
    if docs != "-":
        data = open(r["id"], "rb").read()
        for e in r["entities"]:
            assert data[e["start"]:e["end"]].decode("utf-8") == e["text"], e
PY
}

cat > "$work/numbers.ini" <<INI
[pipeline]
plugins = numbers
plugin_path = $testplugins

[numbers]
min_digits = 2
INI

# --- basics -----------------------------------------------------------------
check "--version names the ABI" bash -c "'$quarry' --version | grep -q 'plugin ABI 1\.1'"
"$quarry" run -c "$work/numbers.ini" >/dev/null 2>"$work/err"; rc=$?
check "run without input exits 2" test $rc -eq 2
check "run without input says why" grep -q "no input given" "$work/err"
"$quarry" frobnicate 2>"$work/err"; rc=$?
check "unknown command exits 2 with a message" bash -c "[ $rc -eq 2 ] && grep -q \"unknown command 'frobnicate'\" '$work/err'"
check "check accepts a good pipeline" bash -c "'$quarry' check -c '$work/numbers.ini' | grep -q ': ok: numbers 1.0.0'"

# --- a broken INI: every error, one line each, with file and line ----------
cat > "$work/syntax.ini" <<INI
[pipeline]
plugins = numbers
plugin_path = $testplugins
[numbers]
min_digits = 2
min_digits = 3
this line has no equals sign
INI
"$quarry" check -c "$work/syntax.ini" 2>"$work/err"; rc=$?
check "syntax errors: check exits 2" test $rc -eq 2
check "syntax errors: duplicate key named with both lines" grep -q "syntax.ini:6:.*duplicate.*min_digits.*5" "$work/err"
check "syntax errors: malformed line named" grep -q "syntax.ini:7:" "$work/err"
cat > "$work/broken.ini" <<INI
[pipeline]
plugins = numbers, nosuch
plugin_path = $testplugins
[numbers]
min_digits = two
[numbrs]
INI
"$quarry" check -c "$work/broken.ini" 2>"$work/err"; rc=$?
check "broken INI: check exits 2" test $rc -eq 2
check "broken INI: missing plugin named with line" grep -q "broken.ini:2: \[pipeline\] plugins: plugin 'nosuch' not found" "$work/err"
check "broken INI: bad type named with line and key" grep -q "broken.ini:5: \[numbers\] min_digits: expected an integer" "$work/err"
check "broken INI: unknown section with a suggestion" grep -q "broken.ini:6: unknown section \[numbrs\] (did you mean \[numbers\]?)" "$work/err"
check "broken INI: one line per error" bash -c "[ \$(wc -l < '$work/err') -eq 3 ]"
"$quarry" run -c "$work/missing.ini" - </dev/null 2>"$work/err"; rc=$?
check "missing INI: exit 2 naming the file" bash -c "[ $rc -eq 2 ] && grep -q 'missing.ini' '$work/err'"

# --- no temporary files: the pipeline reaches iniparser from memory ----------
check "built-in pipeline loads with no usable TMPDIR" bash -c "TMPDIR=/nonexistent/tmp '$quarry' check | grep -q '^<default>: ok: '"
check "a pipe given with -c loads" bash -c "'$quarry' check -c <(cat '$work/numbers.ini') | grep -q ': ok: numbers 1.0.0'"

# --- plugin log lines: warnings by default, info with -v ---------------------
cat > "$work/chatty.ini" <<INI
[pipeline]
plugins = chatty
plugin_path = $testplugins
INI
printf 'Some text.\n' > "$work/chatty.txt"
"$quarry" run -c "$work/chatty.ini" "$work/chatty.txt" >/dev/null 2>"$work/err"
check "plugin warnings reach stderr, named" bash -c "grep -qx 'quarry: chatty: error: create: an error line' '$work/err' && grep -qx 'quarry: chatty: warning: create: a warning line' '$work/err' && ! grep -q 'info:' '$work/err'"
"$quarry" run -v -c "$work/chatty.ini" "$work/chatty.txt" >/dev/null 2>"$work/err"
check "-v adds plugin info lines" grep -q "^quarry: chatty: info: processing $work/chatty.txt (11 bytes)\$" "$work/err"
"$quarry" run -q -c "$work/chatty.ini" "$work/chatty.txt" >/dev/null 2>"$work/err"
check "-q keeps only errors" bash -c "[ \$(wc -l < '$work/err') -eq 1 ] && grep -q 'error: create' '$work/err'"

# --- text inputs: files, directories, stdin ---------------------------------
mkdir -p "$work/docs/sub"
printf 'Alpha 12 and 345.\n' > "$work/docs/a.txt"
printf 'Beta 6789 here.\n' > "$work/docs/sub/b.txt"
printf 'No numbers.\n' > "$work/docs/sub/c.txt"
(cd "$work" && "$quarry" run -c numbers.ini docs > out.jsonl); rc=$?
check "directory run exits 0" test $rc -eq 0
check "directory run: records valid, recursive, sorted" bash -c "cd '$work' && $(declare -f validate); validate out.jsonl docs docs/a.txt docs/sub/b.txt docs/sub/c.txt"
check "directory run: values right" python3 -c "
import json; r=[json.loads(l) for l in open('$work/out.jsonl')]
assert [e['attrs']['value'] for e in r[0]['entities']]==[12,345]; assert r[2]['entities']==[]"
printf 'stdin 4242\n' | "$quarry" run -c "$work/numbers.ini" - > "$work/stdin.jsonl"
check "stdin is one document with id -" grep -q '"id": "-".*"text": "4242"' "$work/stdin.jsonl"
"$quarry" run -c "$work/numbers.ini" -o "$work/o.jsonl" "$work/docs/a.txt"
check "-o writes the file" grep -q '"345"' "$work/o.jsonl"

# --- bad documents become records with errors; the run goes on ---------------
printf 'ok 11\n' > "$work/good.txt"
printf 'bad \xff\xfe 22\n' > "$work/bad.txt"
"$quarry" run -c "$work/numbers.ini" "$work/good.txt" "$work/bad.txt" "$work/nope.txt" "$work/good.txt" > "$work/mixed.jsonl" 2>"$work/err"; rc=$?
check "bad documents: exit 1" test $rc -eq 1
check "bad documents: one record per input, in order" bash -c "[ \$(wc -l < '$work/mixed.jsonl') -eq 4 ]"
check "bad documents: UTF-8 error recorded" grep -q 'bad.txt.*"errors": \[{"plugin": null, "code": "QRY_ERR_INVALID", "message": ".*UTF-8' "$work/mixed.jsonl"
check "bad documents: missing file recorded" grep -q 'nope.txt.*"errors": \[{"plugin": null' "$work/mixed.jsonl"
"$quarry" run --strict -c "$work/numbers.ini" "$work/good.txt" "$work/bad.txt" "$work/good.txt" > "$work/strict.jsonl" 2>"$work/err"; rc=$?
check "--strict stops with exit 3" test $rc -eq 3
check "--strict names the document" grep -q "bad.txt" "$work/err"

# --- JSON Lines, custom fields, order under many workers --------------------
python3 - "$work/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        f.write(json.dumps({"doc": f"d{i}", "body": f"Item {i} costs {i * 37} units " * (1 + i % 7)}) + "\n")
    f.write("{not json\n")
    f.write(json.dumps({"doc": "no-text"}) + "\n")
PY
"$quarry" run -j 1 -c "$work/numbers.ini" --id-field doc --text-field body "$work/many.jsonl" > "$work/j1.jsonl"; rc1=$?
"$quarry" run -j 4 -c "$work/numbers.ini" --id-field doc --text-field body "$work/many.jsonl" > "$work/j4.jsonl"; rc4=$?
check "jsonl: bad lines give exit 1" bash -c "[ $rc1 -eq 1 ] && [ $rc4 -eq 1 ]"
check "jsonl: -j 4 output identical to -j 1" cmp -s "$work/j1.jsonl" "$work/j4.jsonl"
check "jsonl: 2002 records" bash -c "[ \$(wc -l < '$work/j4.jsonl') -eq 2002 ]"
check "jsonl: malformed line recorded with its line number" grep -q 'many.jsonl:2001' "$work/j4.jsonl"

# --- the plugins listing -------------------------------------------------------
check "plugins lists the test plugin" bash -c "'$quarry' plugins --plugin-path '$testplugins' | grep -q '^numbers '"
check "plugins NAME shows options and defaults" bash -c "'$quarry' plugins --plugin-path '$testplugins' numbers | grep -q 'min_digits.*int.*default: 1'"
"$quarry" plugins --plugin-path "$testplugins" nosuch 2>"$work/err"; rc=$?
check "plugins NAME: an unknown name exits 2, listing where it looked" bash -c "[ $rc -eq 2 ] && grep -q '^quarry: no such plugin found; searched: $testplugins, ' '$work/err'"

printf '[pipeline]\nplugins = numbers\nplugin_path = %s\n' "$testplugins" > "$work/pp.ini"
check "plugins -c INI: the pipeline's plugin_path is searched" bash -c "'$quarry' plugins -c '$work/pp.ini' numbers | grep -q '^numbers '"
check "plugins NAME shows declared attributes" bash -c "'$quarry' plugins --plugin-path '$testplugins' pairs | grep -q 'pair.sum  *int  *the two values added'"

# --- tokens: what a plugin author matches against ------------------------------
printf 'Kyiv, 2023-03-12.\n' > "$work/tok.txt"
"$quarry" tokens "$work/tok.txt" > "$work/tok.out"; rc=$?
check "tokens: exit 0" test $rc -eq 0
check "tokens: a WORD with its offsets and flags" grep -q '^    0 \[0,4) WORD CAP SPACE_BEFORE NEWLINE_BEFORE "Kyiv"$' "$work/tok.out"
check "tokens: the comma is its own PUNCT token" grep -q '^    1 \[4,5) PUNCT ","$' "$work/tok.out"
check "tokens: reads standard input" bash -c "printf 'a b' | '$quarry' tokens - | grep -q '\"b\"'"
printf 'bad \xff byte' > "$work/tok.bad"
"$quarry" tokens "$work/tok.bad" > /dev/null 2> "$work/tok.err"; rc=$?
check "tokens: invalid UTF-8 is exit 1, named with its byte" bash -c "[ $rc -eq 1 ] && grep -q 'tok.bad: invalid UTF-8 at byte 4' '$work/tok.err'"

# --- new-plugin: argument checks (the build itself is in template_test.sh) --------
check "new-plugin: a bad name is refused" bash -c "! '$quarry' new-plugin Bad-Name '$work/np' 2>/dev/null"
(cd "$work" && "$quarry" new-plugin good_one > /dev/null)
check "new-plugin: writes the four files" test -f "$work/good_one/good_one.c" -a -f "$work/good_one/test_good_one.c" -a -f "$work/good_one/CMakeLists.txt" -a -f "$work/good_one/README.md"
check "new-plugin: never overwrites a file" bash -c "cd '$work' && ! '$quarry' new-plugin good_one 2>/dev/null"

# --- every plugin exports exactly one dynamic symbol -------------------------
for so in "$testplugins/numbers.so" "$plugins"/*.so; do
  [ -f "$so" ] || continue
  syms=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u | tr '\n' ' ')
  check "$(basename "$so") exports only quarry_plugin_entry ($syms)" test "$syms" = "quarry_plugin_entry "
done

# --- the seeds, read back by the team's scorer ---------------------------------
shared="$src/../shared"
if [ -d "$shared/seeds" ] && [ -f "$shared/tools/score.py" ]; then
  "$quarry" run -c "$work/numbers.ini" "$shared"/seeds/*.txt > "$work/seeds.jsonl"; rc=$?
  check "seeds: run exits 0" test $rc -eq 0
  check "seeds: score.py reads the output" python3 "$shared/tools/score.py" "$shared/gold/seeds.jsonl" "$work/seeds.jsonl" "$shared/seeds"
else
  echo "skip - ../shared/seeds not present"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

#!/usr/bin/env bash
# reliability_test.sh QUARRY TEST_PLUGIN_DIR SOURCE_DIR
# Nothing lost, nothing stalls (issue #11): each reproduction of the
# hostile test run, as a user meets it. After a fault, every document
# still gets exactly one record, records are whole lines in input order,
# and the exit status says errors occurred.
set -u
quarry=$(realpath "$1") testplugins=$(realpath "$2") src=$(realpath "$3")
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
# The sanitizer builds must die of a plugin's signal as a plain build does.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:handle_segv=0:handle_abort=0:handle_sigbus=0:handle_sigfpe=0:detect_leaks=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:handle_segv=0:handle_abort=0

# records OUT [N] [ID_PREFIX]: every line parses as a record, ends in '\n',
# and the ids are d001.txt, d002.txt... (the first N; all 100 by default)
records() {
  python3 - "$@" <<'PY'
import json, sys
path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
data = open(path, "rb").read()
assert data == b"" or data.endswith(b"\n"), "torn last line"
recs = [json.loads(l) for l in data.decode("utf-8").splitlines()]
ids = [r["id"] for r in recs]
want = ["d%03d.txt" % i for i in range(1, len(recs) + 1)]
assert ids == want, ids[:5]
assert n < 0 or len(recs) == n, (len(recs), n)
PY
}
# error_of OUT ID: the first error of the record with that id, as "plugin|code|message"
error_of() {
  python3 - "$1" "$2" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["id"] == sys.argv[2]:
        e = r["errors"][0] if r["errors"] else {"plugin": None, "code": "", "message": ""}
        print("%s|%s|%s" % (e["plugin"], e["code"], e["message"]))
PY
}
count_marked() { grep -c '"type": "mark"' "$1"; }
export -f records error_of count_marked # for the checks run by bash -c

mkdir -p "$work/docs"
for i in $(seq 1 100); do
  if [ "$i" -eq 42 ]; then text="doc $i: here the plugin meets FAULT"; else text="doc $i: nothing odd"; fi
  printf '%s\n' "$text" > "$work/docs/d$(printf %03d "$i").txt"
done
faulty_ini() { # faulty_ini NAME FAULT [extra [pipeline] lines] [extra [faulty] lines]
  printf '[pipeline]\nplugins = faulty\nplugin_path = %s\nplugin_timeout = 2s\n%s[faulty]\nfault = %s\n%s' \
    "$testplugins" "${3:-}" "$2" "${4:-}" > "$work/$1.ini"
}
run_docs() { # run_docs INI OUT [options...]: all 100 documents, in order
  local ini=$1 out=$2; shift 2
  (cd "$work/docs" && "$quarry" run -c "$work/$ini.ini" -o "$work/$out" "$@" d*.txt)
}

# --- a faulty plugin on document 42 of 100 (-j2), with --isolate ----------------
declare -A cause=([segv]="SIGSEGV" [abort]="SIGABRT" [exit]="exit status 0" [hang]="plugin_timeout (2 s)"
                  [overflow]="SIGSEGV" [stdout]="standard output")
for f in segv abort exit hang overflow stdout; do
  faulty_ini "$f" "$f"
  run_docs "$f" "iso-$f.jsonl" --isolate -j2 2>"$work/err"; rc=$?
  check "isolate $f: exit 1 (errors occurred)" test $rc -eq 1
  check "isolate $f: 100 whole records in input order" records "$work/iso-$f.jsonl"
  e=$(error_of "$work/iso-$f.jsonl" d042.txt)
  check "isolate $f: document 42's record names the plugin and ${cause[$f]} ($e)" \
    bash -c "[[ '$e' == faulty\|QRY_ERR_* ]] && [[ '$e' == *'${cause[$f]}'* ]]"
  want=99; [ "$f" = stdout ] && want=100
  check "isolate $f: every other document processed" test "$(count_marked "$work/iso-$f.jsonl")" -eq $want
  if [ "$f" != stdout ]; then
    check "isolate $f: stderr names plugin and document" grep -q "faulty: error: document 'd042.txt'" "$work/err"
  fi
done
faulty_ini stdout2 stdout
"$quarry" run --isolate -j2 -c "$work/stdout2.ini" "$work/docs" > "$work/stdout-iso.jsonl" 2>/dev/null
check "isolate stdout: records on stdout stay clean JSON" python3 -c "
import json; [json.loads(l) for l in open('$work/stdout-iso.jsonl')]"

# several faults spread over batches: each costs its own document only
faulty_ini many segv "" "trigger = doc 4"
run_docs many iso-many.jsonl --isolate -j1 2>/dev/null; rc=$?
check "isolate, 11 crashing documents (d004, d040-d049): exit 1, 100 records" \
  bash -c "[ $rc -eq 1 ] && records '$work/iso-many.jsonl'"
check "isolate, 11 crashing documents: 89 processed, 11 errors" \
  bash -c "[ \$(grep -c '\"type\": \"mark\"' '$work/iso-many.jsonl') -eq 89 ] && [ \$(grep -c 'SIGSEGV' '$work/iso-many.jsonl') -eq 11 ]"

# --- the same faults without --isolate: named on stderr, never exit 0, whole lines
for f in segv abort overflow; do
  run_docs "$f" noiso-$f.jsonl -j2 2>"$work/err"; rc=$?
  check "no isolate $f: dies by its signal (status $rc)" test $rc -ge 128
  check "no isolate $f: stderr names plugin and document" \
    grep -q "plugin 'faulty' crashed with .* on document 'd042.txt'" "$work/err"
  check "no isolate $f: only whole records, in order" records "$work/noiso-$f.jsonl" -1
done
run_docs exit noiso-exit.jsonl -j2 2>"$work/err"; rc=$?
check "no isolate exit(0): exit status 3, not 0" test $rc -eq 3
check "no isolate exit(0): stderr names plugin and document" grep -q "plugin 'faulty' called exit() on document 'd042.txt'" "$work/err"
check "no isolate exit(0): only whole records" records "$work/noiso-exit.jsonl" -1
"$quarry" run -j2 -c "$work/stdout.ini" "$work/docs" > "$work/stdout-noiso.jsonl" 2>"$work/err"
check "no isolate stdout: the plugin's output goes to stderr, records stay clean" \
  bash -c "python3 -c \"import json; [json.loads(l) for l in open('$work/stdout-noiso.jsonl')]\" && grep -q 'raw junk' '$work/err' && [ \$(wc -l < '$work/stdout-noiso.jsonl') -eq 100 ]"
faulty_ini slow slow "plugin_timeout = 1s
" "slow_ms = 1500
"
sed -i '/^plugin_timeout = 2s$/d' "$work/slow.ini"
run_docs slow noiso-slow.jsonl -j2 2>"$work/err"; rc=$?
e=$(error_of "$work/noiso-slow.jsonl" d042.txt)
check "no isolate, over the time budget: its results dropped, QRY_ERR_LIMIT ($e)" \
  bash -c "[ $rc -eq 1 ] && [[ '$e' == 'faulty|QRY_ERR_LIMIT|'*'plugin_timeout (1 s)'* ]] && [ \$(grep -c '\"type\": \"mark\"' '$work/noiso-slow.jsonl') -eq 99 ]"
check "no isolate, over the time budget: a warning names plugin and document" grep -q "faulty: warning: document 'd042.txt'" "$work/err"

# --- a refused attribute leaves a note --------------------------------------------
faulty_ini attr badattr
run_docs attr attr.jsonl 2>/dev/null
e=$(error_of "$work/attr.jsonl" d042.txt)
check "a refused attr_string is noted in the record ($e)" bash -c "[[ '$e' == 'faulty|QRY_ERR_INVALID|1 attribute refused; first: attribute '* ]]"

# --- size limits, /dev/zero, huge files --------------------------------------------
cat > "$work/numbers.ini" <<INI
[pipeline]
plugins = numbers
plugin_path = $testplugins
INI
head -c 3000 /dev/urandom | base64 > "$work/big.txt"
printf 'Small 12.\n' > "$work/small.txt"
timeout 30 "$quarry" run -c "$work/numbers.ini" --max-doc-size 1K "$work/small.txt" /dev/zero "$work/big.txt" "$work/small.txt" \
  > "$work/limits.jsonl" 2>/dev/null; rc=$?
check "/dev/zero and a file over --max-doc-size: exit 1, four records" bash -c "[ $rc -eq 1 ] && [ \$(wc -l < '$work/limits.jsonl') -eq 4 ]"
check "/dev/zero: QRY_ERR_LIMIT after reading no further than the limit" grep -q '"id": "/dev/zero".*QRY_ERR_LIMIT.*more than max_doc_size (1 KiB)' "$work/limits.jsonl"
check "a file over the limit: QRY_ERR_LIMIT, not read" grep -q 'big.txt".*QRY_ERR_LIMIT.*file is .*, more than max_doc_size (1 KiB); not read' "$work/limits.jsonl"
check "documents after them are processed" bash -c "[ \$(grep -c '\"text\": \"12\"' '$work/limits.jsonl') -eq 2 ]"
truncate -s 200M "$work/huge.txt"
/usr/bin/time -f %M -o "$work/rss" timeout 30 "$quarry" run -c "$work/numbers.ini" "$work/huge.txt" "$work/small.txt" > "$work/huge.jsonl" 2>/dev/null
check "a 200 MB file under the default limit (16 MiB): an error record at once, in little memory" \
  bash -c "grep -q 'huge.txt.*QRY_ERR_LIMIT.*file is 200 MiB, more than max_doc_size (16 MiB)' '$work/huge.jsonl' && [ \$(tail -n 1 '$work/rss') -lt 200000 ] && grep -q '\"text\": \"12\"' '$work/huge.jsonl'"
python3 -c "
import json
with open('$work/long.jsonl', 'w') as f:
    f.write(json.dumps({'id': 'long', 'text': 'x' * 5000}) + '\n')
    f.write(json.dumps({'id': 'ok', 'text': 'fine 7'}) + '\n')"
"$quarry" run -c "$work/numbers.ini" --max-doc-size 1K "$work/long.jsonl" > "$work/long.out" 2>/dev/null
check "a JSON line's text over the limit: QRY_ERR_LIMIT, the next line read" \
  bash -c "grep -q '\"id\": \"long\".*QRY_ERR_LIMIT' '$work/long.out' && grep -q '\"id\": \"ok\", \"entities\": \[{' '$work/long.out'"
"$quarry" run -c "$work/numbers.ini" --max-doc-size 12Q "$work/small.txt" 2>"$work/err"; rc=$?
check "a bad --max-doc-size: exit 2, one line saying why" bash -c "[ $rc -eq 2 ] && grep -q 'max-doc-size: expected a size' '$work/err'"

# --- the output is never an input --------------------------------------------------
mkdir -p "$work/d"
printf 'One 1.\n' > "$work/d/a.txt"
"$quarry" run -c "$work/numbers.ini" -o "$work/d/out.jsonl" "$work/d" 2>"$work/err"; rc1=$?
"$quarry" run -c "$work/numbers.ini" -o "$work/d/out.jsonl" "$work/d" 2>"$work/err"; rc2=$?
check "-o inside an input directory: skipped with a message, one record" \
  bash -c "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ \$(wc -l < '$work/d/out.jsonl') -eq 1 ] && grep -q 'out.jsonl: skipped: it is the output file' '$work/err'"
cp "$work/d/a.txt" "$work/same.jsonl"
before=$(md5sum < "$work/same.jsonl")
"$quarry" run -c "$work/numbers.ini" -o "$work/same.jsonl" "$work/same.jsonl" 2>"$work/err"; rc=$?
check "-o FILE FILE: refused (exit 2), the input left as it was" \
  bash -c "[ $rc -eq 2 ] && [ '$(md5sum < "$work/same.jsonl")' = '$before' ] && grep -q 'is also an input' '$work/err'"

# --- FIFOs, sockets and devices inside directories ------------------------------------
mkdir -p "$work/special"
printf 'Two 22.\n' > "$work/special/b.txt"
mkfifo "$work/special/pipe"
python3 -c "import socket; s=socket.socket(socket.AF_UNIX); s.bind('$work/special/sock')"
timeout 10 "$quarry" run -c "$work/numbers.ini" "$work/special" > "$work/special.jsonl" 2>/dev/null; rc=$?
check "a FIFO and a socket in a directory: no hang, a record each saying so (exit 1)" \
  bash -c "[ $rc -eq 1 ] && grep -q 'pipe\".*QRY_ERR_UNSUPPORTED.*a FIFO, skipped' '$work/special.jsonl' && grep -q 'sock\".*QRY_ERR_UNSUPPORTED.*a socket' '$work/special.jsonl' && grep -q '\"text\": \"22\"' '$work/special.jsonl'"
(printf 'Piped 333.\n' > "$work/special/pipe" &)
timeout 10 "$quarry" run -c "$work/numbers.ini" "$work/special/pipe" > "$work/fifo.jsonl" 2>/dev/null
check "a FIFO named as an input is read" grep -q '"text": "333"' "$work/fifo.jsonl"

# --- JSON Lines details -----------------------------------------------------------------
printf '\xef\xbb\xbf{"id": "first", "text": "BOM 1"}\n{"id": "a\\u0000b", "text": "nul 2"}\n{"id": "first", "text": "again 3"}\n{"id": "big", "text": "huge 4", "n": 1e400, "m": 123456789012345678901234567890}\n' > "$work/odd.jsonl"
"$quarry" run -c "$work/numbers.ini" "$work/odd.jsonl" "$work/missing.txt" > "$work/odd.out" 2>/dev/null
check "a BOM before the first line: document 1 read" grep -q '"id": "first", "entities": \[{.*"text": "1"' "$work/odd.out"
check "a NUL in an id: an error record, not a cut id" grep -q '"id": ".*odd.jsonl:2".*holds a NUL character' "$work/odd.out"
check "a repeated id is flagged, and the document still processed" grep -q '"id": "first", "entities": \[{.*"3".*duplicate id' "$work/odd.out"
check "a number too large for jansson elsewhere in the line: the document read" grep -q '"id": "big", "entities": \[{.*"text": "4"' "$work/odd.out"
check "a missing file is QRY_ERR_IO" grep -q 'missing.txt".*"code": "QRY_ERR_IO"' "$work/odd.out"

# --- whole lines on a full disk ------------------------------------------------------------
"$quarry" run -c "$work/numbers.ini" -o /dev/full "$work/docs" 2>"$work/err"; rc=$?
check "-o /dev/full: exit 3 with the reason" bash -c "[ $rc -eq 3 ] && grep -q '/dev/full: write failed: No space left on device' '$work/err'"
# a file size limit cuts a write short, as a full disk does (SIGXFSZ ignored)
(trap '' XFSZ; ulimit -f 8; exec "$quarry" run -c "$work/numbers.ini" -o "$work/cut.jsonl" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs" "$work/docs") 2>"$work/err"; rc=$?
check "a write cut short: exit 3, the file ends with a whole record" \
  bash -c "[ $rc -eq 3 ] && grep -q 'write failed: File too large' '$work/err' && [ \"\$(tail -c 1 '$work/cut.jsonl' | od -An -c | tr -d ' ')\" = '\\n' ] && python3 -c \"import json; [json.loads(l) for l in open('$work/cut.jsonl')]\""
"$quarry" run -c "$work/numbers.ini" "$work/docs" 2>"$work/err" | head -c 100 >/dev/null; rc=${PIPESTATUS[0]}
check "a closed output pipe: exit 3, write failed (EPIPE), no SIGPIPE death" bash -c "[ $rc -eq 3 ] && grep -q 'Broken pipe' '$work/err'"

# --- signals and --resume ------------------------------------------------------------------
faulty_ini steady slow "" "trigger = doc
slow_ms = 40
"
run_docs steady full.jsonl -j2 2>/dev/null
for sig in INT TERM; do
  for delay in 0.4 1.1; do
    (cd "$work/docs" && exec "$quarry" run -c "$work/steady.ini" -o "$work/part.jsonl" -j2 d*.txt) 2>"$work/err" &
    pid=$!
    sleep $delay
    kill -$sig $pid
    wait $pid; rc=$?
    want=130; [ $sig = TERM ] && want=143
    check "SIG$sig after ${delay}s: exit $want, whole records, in order" \
      bash -c "[ $rc -eq $want ] && records '$work/part.jsonl' -1 && grep -q 'stopped by SIG$sig' '$work/err'"
    run_docs steady part.jsonl -j2 --resume 2>/dev/null; rc=$?
    check "SIG$sig after ${delay}s: --resume ends exactly as an uninterrupted run" \
      bash -c "[ $rc -eq 0 ] && cmp -s '$work/part.jsonl' '$work/full.jsonl'"
  done
done
# killed outright, at random points, then resumed
for delay in 0.3 0.9 1.6; do
  (cd "$work/docs" && exec "$quarry" run -c "$work/steady.ini" -o "$work/part.jsonl" -j3 --isolate d*.txt) 2>/dev/null &
  pid=$!
  sleep $delay
  kill -KILL $pid
  wait $pid 2>/dev/null
  printf '{"id": "d0' >> "$work/part.jsonl" # as if cut mid-line
  run_docs steady part.jsonl -j2 --resume 2>"$work/err"; rc=$?
  check "SIGKILL after ${delay}s, a torn line: --resume drops it and ends as an uninterrupted run" \
    bash -c "[ $rc -eq 0 ] && cmp -s '$work/part.jsonl' '$work/full.jsonl' && grep -q 'dropped a torn last line' '$work/err'"
done
head -n 5 "$work/full.jsonl" > "$work/other.jsonl"
"$quarry" run -c "$work/numbers.ini" -o "$work/other.jsonl" --resume "$work/d/a.txt" 2>"$work/err"; rc=$?
check "--resume into the output of other inputs: refused (exit 3), nothing appended" \
  bash -c "[ $rc -eq 3 ] && grep -q 'not the output of these inputs' '$work/err' && [ \$(wc -l < '$work/other.jsonl') -eq 5 ]"

# --- plugin files and the plugin path --------------------------------------------------------
mkdir -p "$work/ww"
cp "$testplugins/numbers.so" "$work/ww/numbers.so"
chmod o+w "$work/ww/numbers.so"
printf '[pipeline]\nplugins = numbers\nplugin_path = %s\n' "$work/ww" > "$work/ww.ini"
"$quarry" check -c "$work/ww.ini" 2>"$work/err"; rc=$?
check "a world-writable plugin is refused, saying how to allow it" \
  bash -c "[ $rc -eq 2 ] && grep -q 'refused: the plugin file is world-writable.*QUARRY_ALLOW_WORLD_WRITABLE_PLUGINS=1' '$work/err'"
QUARRY_ALLOW_WORLD_WRITABLE_PLUGINS=1 "$quarry" check -c "$work/ww.ini" >/dev/null 2>"$work/err"; rc=$?
check "... and loads with a warning when allowed" bash -c "[ $rc -eq 0 ] && grep -q 'warning: the plugin file is world-writable' '$work/err'"
chmod o-w "$work/ww/numbers.so"; chmod o+w "$work/ww"
"$quarry" check -c "$work/ww.ini" 2>"$work/err"; rc=$?
check "a plugin in a world-writable directory (no sticky bit) is refused" bash -c "[ $rc -eq 2 ] && grep -q 'its directory is world-writable' '$work/err'"
chmod o-w "$work/ww"
printf 'not a shared object' > "$work/ww/fake.so"
printf '[pipeline]\nplugins = %s/ww/fake.so\n' "$work" > "$work/fake.ini"
"$quarry" check -c "$work/fake.ini" 2>"$work/err"
check "a .so that is not ELF: said so, not 'file not found'" grep -q 'fake.so: cannot load: not a shared library (no ELF header)' "$work/err"
long=$(python3 -c "print(':'.join(['$testplugins'] + ['/nonexistent/%04d' % i for i in range(300)]))")
QUARRY_PLUGIN_PATH=$long "$quarry" plugins 2>"$work/err" | grep -q '^numbers ' ; rc=$?
check "QUARRY_PLUGIN_PATH of ${#long} bytes: read, and what is past the limit said" \
  bash -c "[ $rc -eq 0 ] && grep -q 'QUARRY_PLUGIN_PATH: warning: 237 directories past the first 64 ignored' '$work/err'"

# --- superlinear plugin cost, bounded by the time budget ----------------------------------------
python3 -c "open('$work/q.txt', 'w').write('\u201ca\u201d ' * 100000)"
start=$(date +%s)
timeout 120 "$quarry" run --isolate --plugin-timeout 5s -j1 "$work/q.txt" "$work/small.txt" > "$work/q.jsonl" 2>/dev/null; rc=$?
took=$(( $(date +%s) - start ))
check "100,000 tiny quotations: a record for each document within the budget (${took}s, exit $rc)" \
  bash -c "[ $rc -le 1 ] && [ \$(wc -l < '$work/q.jsonl') -eq 2 ] && [ $took -lt 60 ] && python3 -c \"import json; [json.loads(l) for l in open('$work/q.jsonl')]\""

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

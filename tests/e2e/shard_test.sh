#!/usr/bin/env bash
# shard_test.sh QUARRY SOURCE_DIR [MAX_DOCS]
# `quarry run --shard I/N` for N = 1..4 over the evaluation corpus
# (../shared/eval/corpus/news.jsonl beside the source tree; MAX_DOCS of it
# when given, as sanitizer builds do) plus the bundled samples: the shards'
# outputs concatenated hold exactly the records of one run, the shares are
# even, and bad --shard values are refused. Also the progress line: shown
# on a terminal (or with --progress), never with -q or into a pipe.
set -u
quarry=$1 src=$2 max=${3:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

corpus=$src/../shared/eval/corpus/news.jsonl
if [ -r "$corpus" ]; then
  if [ "$max" -gt 0 ]; then head -n "$max" "$corpus" > "$work/corpus.jsonl"; else ln -s "$(realpath "$corpus")" "$work/corpus.jsonl"; fi
else # no shared/ beside the tree: a corpus of our own
  python3 -c '
import json
for i in range(3000):
    print(json.dumps({"id": f"d{i}", "text": f"Document {i}: Berlin pledged €{i} million; “fine,” said Anna Richter in Kyiv."}))
' > "$work/corpus.jsonl"
fi
inputs=("$work/corpus.jsonl" "$src/docs/samples")
head -n 2000 "$work/corpus.jsonl" > "$work/small.jsonl"
small=("$work/small.jsonl" "$src/docs/samples")  # for the checks that need no full corpus
"$quarry" run -q -j2 -o "$work/all.jsonl" "${inputs[@]}"
total=$(wc -l < "$work/all.jsonl")
echo "# one run: $total records"
sort "$work/all.jsonl" > "$work/all.sorted"
for n in 1 2 3 4; do
  : > "$work/cat.jsonl"
  sizes=()
  for i in $(seq 1 $n); do
    "$quarry" run -q -j2 --shard "$i/$n" -o "$work/part.jsonl" "${inputs[@]}"
    sizes+=("$(wc -l < "$work/part.jsonl")")
    cat "$work/part.jsonl" >> "$work/cat.jsonl"
  done
  sort "$work/cat.jsonl" | cmp -s - "$work/all.sorted"
  check "N=$n: shards concatenated = one run's records (${sizes[*]})" test $? -eq 0
  lo=$(printf '%s\n' "${sizes[@]}" | sort -n | head -1); hi=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
  check "N=$n: shares differ by one document at most" test $((hi - lo)) -le 1
done
"$quarry" run -q -j1 --shard 2/3 -o "$work/j1.jsonl" "${small[@]}"
"$quarry" run -q -j2 --shard 2/3 -o "$work/j2.jsonl" "${small[@]}"
check "a shard is the same whatever -j" cmp -s "$work/j1.jsonl" "$work/j2.jsonl"
for badarg in 0/4 5/4 1/0 2 a/b 1/4x -1/4; do
  "$quarry" run -q --shard "$badarg" "$src/docs/samples" > /dev/null 2> "$work/err"; rc=$?
  check "--shard $badarg refused (exit 2, says the form)" bash -c "[ $rc -eq 2 ] && grep -q 'I/N with 1 <= I <= N' '$work/err'"
done

# --- progress -------------------------------------------------------------------
small_total=$(( $(wc -l < "$work/small.jsonl") + 3 ))
"$quarry" run -j2 -o /dev/null "${small[@]}" 2> "$work/pipe.err"
check "progress: silent when standard error is no terminal" test ! -s "$work/pipe.err"
"$quarry" run -j2 --progress -o /dev/null "${small[@]}" 2> "$work/forced.err"
check "progress: --progress shows documents, MB and rate" \
  grep -qE "quarry: $small_total documents, [0-9.]+ MB.* in [0-9.]+ s" "$work/forced.err"
"$quarry" run -q -j2 --progress -o /dev/null "${small[@]}" 2> "$work/quiet.err"
check "progress: -q silences it" test ! -s "$work/quiet.err"
if command -v script > /dev/null; then
  # a real terminal: util-linux script(1) gives the run a pty
  script -qec "'$quarry' run -j2 -o /dev/null '$work/small.jsonl'" /dev/null > "$work/tty.out" 2>&1
  check "progress: on a terminal, redrawn in place, ending with the total" \
    bash -c "grep -q \$'\r' '$work/tty.out' && grep -qE 'quarry: [0-9]+ documents, [0-9.]+ MB.* in [0-9.]+ s' '$work/tty.out'"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

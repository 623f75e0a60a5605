#!/usr/bin/env bash
# compose_test.sh QUARRY TEST_PLUGIN_DIR
# Stage composition and one-pass checking, as a pipeline author meets them:
# a stage reads what an earlier stage found; `quarry check` warns about a
# stage listed before the one it reads from; every problem of a broken
# pipeline -- INI keys and what plugins reject in create() -- comes in one pass.
set -u
quarry=$1 plugins=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
check() {
  local what=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok - $what"; else fail=$((fail + 1)); echo "FAIL - $what"; fi
}
printf 'They paid 12 and 30 euros, then 4 or 5.\n' > "$work/doc.txt"

printf '[pipeline]\nplugins = numbers, pairs\nplugin_path = %s\n' "$plugins" > "$work/good.ini"
"$quarry" run -c "$work/good.ini" "$work/doc.txt" > "$work/good.jsonl" 2> "$work/good.err"; rc=$?
check "composed pipeline runs" test $rc -eq 0
check "a later stage builds on an earlier one's entities" \
  grep -q '"type": "pair", "start": 10, "end": 19, "text": "12 and 30", "plugin": "pairs", "attrs": {"sum": 42, "from": "numbers"}' "$work/good.jsonl"
check "no warning for a well-ordered pipeline" test ! -s "$work/good.err"

printf '[pipeline]\nplugins = pairs, numbers\nplugin_path = %s\n' "$plugins" > "$work/order.ini"
"$quarry" check -c "$work/order.ini" > "$work/order.out" 2>&1; rc=$?
check "misordered stages: check still passes (exit 0)" test $rc -eq 0
check "misordered stages: a warning with the INI line says what to move" \
  grep -q "order.ini:2: warning: \[pipeline\] plugins: pairs reads 'number', which numbers emits, but numbers runs after it: list numbers before pairs" "$work/order.out"
"$quarry" run -c "$work/order.ini" "$work/doc.txt" > "$work/order.jsonl" 2> "$work/order.err"
check "misordered stages: the warning comes before the run" grep -q "warning: .*list numbers before pairs" "$work/order.err"
check "misordered stages: the later stage sees nothing" bash -c "! grep -q '\"pair\"' '$work/order.jsonl'"

printf '[pipeline]\nplugins = pairs\nplugin_path = %s\n' "$plugins" > "$work/alone.ini"
"$quarry" check -c "$work/alone.ini" > "$work/alone.out" 2>&1
check "nothing to read: warned" grep -q "pairs reads 'number', but no stage before it emits it: it will see none" "$work/alone.out"

cat > "$work/broken.ini" <<INI
[pipeline]
plugins = numbers, fussy
plugin_path = $plugins

[numbers]
min_digts = 2

[fussy]
mode = strict
INI
"$quarry" check -c "$work/broken.ini" > "$work/broken.out" 2>&1; rc=$?
check "one pass: check fails (exit 2)" test $rc -eq 2
check "one pass: the INI key error" grep -q "broken.ini:6: \[numbers\] unknown key 'min_digts' (did you mean 'min_digits'?)" "$work/broken.out"
check "one pass: the value create() rejected, at its line" \
  grep -q "broken.ini:9: \[fussy\] mode: 'strict' is not a mode (the only one is 'ok')" "$work/broken.out"
check "one pass: in line order" bash -c "grep -n 'min_digts' '$work/broken.out' | cut -d: -f1 | head -1 | xargs -I{} test {} -lt \$(grep -n \"'strict'\" '$work/broken.out' | cut -d: -f1 | head -1)"

# Named instances: one plugin twice, differently configured.
cat > "$work/twice.ini" <<INI
[pipeline]
plugins = small, big
plugin_path = $plugins

[small]
plugin = numbers

[big]
plugin = numbers
min_digits = 2
INI
"$quarry" run -c "$work/twice.ini" "$work/doc.txt" > "$work/twice.jsonl" 2>&1; rc=$?
check "two instances of one plugin run" test $rc -eq 0
check "records name the instance (small finds 4)" grep -q '"text": "4", "plugin": "small"' "$work/twice.jsonl"
check "each instance has its own options (big skips 4)" bash -c "! grep -q '\"text\": \"4\", \"plugin\": \"big\"' '$work/twice.jsonl'"
check "each instance has its own options (big finds 12)" grep -q '"text": "12", "plugin": "big"' "$work/twice.jsonl"
printf '[pipeline]\nplugins = numbers, numbers\nplugin_path = %s\n' "$plugins" > "$work/dup.ini"
"$quarry" check -c "$work/dup.ini" > "$work/dup.out" 2>&1
check "a plugin listed twice: told how to run two instances" grep -q "'numbers' is listed twice (to run a plugin twice, give each instance a section with 'plugin = NAME')" "$work/dup.out"
printf '[pipeline]\nplugins = mine\nplugin_path = %s\n[mine]\nplugin = numbrs\n' "$plugins" > "$work/typo.ini"
"$quarry" check -c "$work/typo.ini" > "$work/typo.out" 2>&1
check "an instance's unknown plugin: named at its key's line" grep -q "typo.ini:5: \[mine\] plugin: plugin 'numbrs' not found (did you mean 'numbers'?)" "$work/typo.out"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

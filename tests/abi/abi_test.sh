#!/usr/bin/env bash
# abi_test.sh QUARRY LIBQUARRY ABI_PLUGIN_DIR PLUGIN_DIR INCLUDE_DIR
# The compatibility promise of docs/abi.md, as a user of each kind of plugin
# meets it: a 1.0 plugin runs, a newer minor runs or is refused as
# documented, reserved room is checked, and the exported symbols are the
# documented ones only.
set -u
quarry=$1 lib=$2 abidir=$3 plugins=$4 incdir=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
check() {
  local what=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok - $what"; else fail=$((fail + 1)); echo "FAIL - $what"; fi
}

printf '[pipeline]\nplugins = legacy10\nplugin_path = %s\n[legacy10]\nmin_len = 5\n' "$abidir" > "$work/legacy.ini"
printf 'Olaf Scholz met NATO in Berlin.\n' > "$work/doc.txt"
"$quarry" run -c "$work/legacy.ini" "$work/doc.txt" > "$work/legacy.jsonl" 2> "$work/legacy.err"; rc=$?
check "1.0 plugin: run exits 0" test $rc -eq 0
check "1.0 plugin: emits its entities with attributes" \
  grep -q '"type": "capword", "start": 5, "end": 11, "text": "Scholz", "plugin": "legacy10", "attrs": {"length": 6}' "$work/legacy.jsonl"
check "1.0 plugin: option min_len honoured (no 'Olaf')" bash -c "! grep -q '\"Olaf\"' '$work/legacy.jsonl'"
"$quarry" check -c "$work/legacy.ini" > "$work/check.out" 2>&1; rc=$?
check "1.0 plugin: quarry check passes" test $rc -eq 0

printf '[pipeline]\nplugins = newer\nplugin_path = %s\n' "$abidir" > "$work/newer.ini"
printf 'ŁÓDŹ and NATO\n' > "$work/shout.txt"
"$quarry" run -c "$work/newer.ini" "$work/shout.txt" > "$work/newer.jsonl" 2> "$work/newer.err"; rc=$?
check "newer minor, new fields unused: loads and runs" test $rc -eq 0
check "newer minor: an unknown service is NULL and the plugin carries on" \
  grep -q '"text": "NATO", "plugin": "newer", "attrs": {"future_service": false, "key": "nato"}' "$work/newer.jsonl"
check "newer minor: the text service folds keys" grep -q '"key": "lodz"' "$work/newer.jsonl"

printf '[pipeline]\nplugins = %s/newer_unknown.so\n' "$abidir" > "$work/unknown.ini"
"$quarry" check -c "$work/unknown.ini" > "$work/unknown.out" 2>&1; rc=$?
check "newer minor using unknown fields: refused (exit 2)" test $rc -eq 2
check "newer minor using unknown fields: message names both versions" \
  grep -q "newer_unknown.so: plugin ABI 1\.[0-9]* uses descriptor fields this quarry (ABI 1\.[0-9]*) does not know" "$work/unknown.out"

printf '[pipeline]\nplugins = %s/reserved.so\n' "$abidir" > "$work/reserved.ini"
"$quarry" check -c "$work/reserved.ini" > "$work/reserved.out" 2>&1; rc=$?
check "reserved room set: refused (exit 2)" test $rc -eq 2
check "reserved room set: says so" grep -q "reserved.so: plugin ABI 1\.[0-9]*: a reserved descriptor field is not zero" "$work/reserved.out"

# libquarry exports exactly the functions its public headers declare.
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u)
for s in $syms; do
  check "libquarry exports $s, declared in include/quarry" grep -qw "$s" "$incdir"/*.h
done
others=$(printf '%s\n' $syms | grep -v '^qry_')
check "libquarry exports only qry_ names (others: ${others:-none})" test -z "$others"
for so in "$abidir"/*.so "$plugins"/*.so; do
  [ -f "$so" ] || continue
  exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u | tr '\n' ' ')
  check "$(basename "$so") exports only quarry_plugin_entry" test "$exported" = "quarry_plugin_entry "
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

#!/usr/bin/env bash
# template_test.sh BUILD_DIR SOURCE_DIR
# The installed SDK as plugin authors and embedders meet it, from a prefix
# that was installed and then moved (no environment variables anywhere):
# the example plugin built with find_package(Quarry) and with pkg-config,
# installed into the author's own prefix and loaded from there; a plugin
# scaffolded by `quarry new-plugin` built and tested with the two commands
# it prints; a program embedding quarry.h, linked shared and static.
set -eu
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
clean_env() { env -i PATH=/usr/bin:/bin HOME="$work" "$@"; }

cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/prefix" # relocated: nothing may point at the install path
P=$work/prefix
libdir=$(dirname "$(find "$P" -name 'libquarry.so' | head -1)")

# --- the example plugin, CMake package, into the author's prefix ------------
clean_env cmake -S "$src/docs/examples/plugin-template" -B "$work/t1" -DCMAKE_PREFIX_PATH="$P" \
  -DCMAKE_INSTALL_PREFIX="$work/mine" >/dev/null
clean_env cmake --build "$work/t1" >/dev/null
clean_env ctest --test-dir "$work/t1" --output-on-failure >/dev/null
clean_env cmake --install "$work/t1" >/dev/null
test -f "$work/mine/lib/quarry/plugins/percent.so"
test ! -e "$P/lib/quarry/plugins/percent.so"
ok "find_package(Quarry): template built, tested, installed into the author's prefix"

# --- the same with pkg-config ---------------------------------------------------
clean_env PKG_CONFIG_PATH="$libdir/pkgconfig" cmake -S "$src/docs/examples/plugin-template" -B "$work/t2" \
  -DQUARRY_USE_PKG_CONFIG=ON -DCMAKE_INSTALL_PREFIX="$work/mine2" >/dev/null
clean_env cmake --build "$work/t2" >/dev/null
clean_env ctest --test-dir "$work/t2" --output-on-failure >/dev/null
ok "pkg-config: template built and tested"

# --- loaded by the moved quarry from the author's prefix -------------------------
cat > "$work/p.ini" <<INI
[pipeline]
plugins = percent
plugin_path = $work/mine/lib/quarry/plugins
[percent]
keep_sign = yes
INI
printf 'Inflation rose 3.5 percent; margins fell -2%%.\n' > "$work/doc.txt"
out=$(clean_env "$P/bin/quarry" run -c "$work/p.ini" "$work/doc.txt")
echo "$out" | grep -q '"text": "3.5 percent".*"value": 3.5'
echo "$out" | grep -q '"text": "2%", "plugin": "percent", "attrs": {"value": -2}'
ok "the installed plugin loads and runs"
echo "The port of Gdansk in Poland." | clean_env "$P/bin/quarry" check >/dev/null
ok "the moved quarry finds its default plugins and data"

# --- quarry new-plugin: the two commands it prints ---------------------------------
(cd "$work" && clean_env "$P/bin/quarry" new-plugin dates > "$work/new.out")
grep -q "CMAKE_PREFIX_PATH=$P\$" "$work/new.out"
(cd "$work" && grep '^  ' "$work/new.out" | while read -r cmd; do clean_env bash -c "$cmd" >/dev/null; done)
printf '[pipeline]\nplugins = dates\nplugin_path = %s/dates/build\n[dates]\nwords = Kyiv\n' "$work" > "$work/dates.ini"
echo 'They met in KYIV.' | clean_env "$P/bin/quarry" run -c "$work/dates.ini" - | grep -q '"type": "dates".*"word": "Kyiv"'
ok "new-plugin: scaffold builds, passes its test, loads"

# --- embedding, shared: from the moved prefix, no environment ------------------------
cc -std=c11 -o "$work/embed" "$src/tests/e2e/embed_default.c" -I"$P/include" -L"$libdir" -lquarry -Wl,-rpath,"$libdir"
clean_env "$work/embed" > "$work/embed.out"
grep -q '"type": "money", "start": 15, "end": 29, "text": "€500 million"' "$work/embed.out"
grep -q '"type": "location".*"text": "Berlin"' "$work/embed.out"
ok "embedding program (shared libquarry) finds plugins and data relative to the library"

# --- embedding, static: Libs.private names every dependency ----------------------------
deps=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --static --libs-only-l quarry | tr ' ' '\n' | grep -v '^-lquarry$' | tr '\n' ' ')
# shellcheck disable=SC2086 # one argument per library
cc -std=c11 -o "$work/embed_static" "$src/tests/e2e/embed_default.c" -I"$P/include" "$libdir/libquarry.a" $deps
! nm "$work/embed_static" | grep -q ' U qry_pipeline_open'
# a static embedder is found where it runs, so it is told where the prefix is
clean_env QUARRY_PLUGIN_PATH="$P/lib/quarry/plugins" QUARRY_DATA_PATH="$P/share/quarry" "$work/embed_static" |
  grep -q '"text": "€500 million"'
ok "static link with pkg-config --static"

echo "sdk: $pass passed, 0 failed"

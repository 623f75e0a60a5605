#!/usr/bin/env bash
# template_test.sh BUILD_DIR SOURCE_DIR
# A plugin author's path: install quarry to a prefix, build the example
# plugin out of tree against the installed headers (pkg-config), run its
# testkit tests, and load it from a pipeline with the installed `quarry`.
set -eu
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(ls -d "$work"/prefix/lib*/pkgconfig | head -1 | xargs dirname)
export PKG_CONFIG_PATH="$libdir/pkgconfig" LD_LIBRARY_PATH="$libdir"
pkg-config --exists quarry
cmake -S "$src/docs/examples/plugin-template" -B "$work/b" >/dev/null
cmake --build "$work/b" >/dev/null
(cd "$work/b" && ctest --output-on-failure >/dev/null)
cat > "$work/p.ini" <<INI
[pipeline]
plugins = percent
plugin_path = $work/b
[percent]
keep_sign = yes
INI
printf 'Inflation rose 3.5 percent; margins fell -2%%.\n' > "$work/doc.txt"
out=$("$work/prefix/bin/quarry" run -c "$work/p.ini" "$work/doc.txt")
echo "$out" | grep -q '"text": "3.5 percent".*"value": 3.5'
echo "$out" | grep -q '"text": "2%", "plugin": "percent", "attrs": {"value": -2}'
# the installed default pipeline finds its plugins and data without the source tree
echo "The port of Gdansk in Poland." | "$work/prefix/bin/quarry" check >/dev/null
echo "template plugin: built out of tree, tested, loaded: 1 passed, 0 failed"

#!/usr/bin/env bash
# Installs tpipe from the build tree into a temporary prefix, builds a
# plugin out of tree against it twice (CMake package, then plain cc with
# pkg-config) and runs each through the installed tpipe.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
[ -x "$tmp/prefix/bin/tpipe" ] || fail "tpipe not installed"
for h in plugin.h doc.h config.h error.h version.h tpipe.h; do
  [ -f "$tmp/prefix/include/tpipe/$h" ] || fail "header $h not installed"
done

# 1. CMake package: find_package(tpipe) + tpipe_add_plugin()
cmake -S "$src/hello" -B "$tmp/hello-build" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/hello-build" >/dev/null
[ -f "$tmp/hello-build/hello.so" ] || fail "hello.so not built"
printf 'one two three\nfour\n' > "$tmp/in.txt"
out=$("$tmp/prefix/bin/tpipe" run "$src/hello/hello.yaml" "$tmp/in.txt" \
      --plugin-path "$tmp/hello-build" --format jsonl)
echo "$out" | grep -q '"hello":{"lines":2,"words":4}' || fail "cmake-built plugin output: $out"

# 2. pkg-config: plain cc
mkdir "$tmp/pc"
PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" cc -std=c11 -Wall -Werror -shared -fPIC \
  -fvisibility=hidden -o "$tmp/pc/hello.so" "$src/hello/hello.c" \
  $(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs tpipe)
out=$("$tmp/prefix/bin/tpipe" run "$src/hello/hello.yaml" "$tmp/in.txt" \
      --plugin-path "$tmp/pc" --format jsonl)
echo "$out" | grep -q '"hello":{"lines":2,"words":4}' || fail "pkg-config plugin output: $out"

# 3. The installed standard plugins are found without any path option.
if [ -d "$tmp/prefix/lib/tpipe/plugins" ]; then
  "$tmp/prefix/bin/tpipe" plugins | grep -q tokenizer || fail "installed tokenizer not listed"
fi
echo "install test: ok"

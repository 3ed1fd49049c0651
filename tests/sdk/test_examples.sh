#!/usr/bin/env bash
# The plugin author's path, end to end: install tpipe into a temporary
# prefix, then build each example in examples/plugins/ out of tree against
# it (find_package(tpipe) + tpipe_add_plugin(), with -Werror), run its Check
# test, run its pipeline on an example article and check the output. The
# readability example is also built with plain cc and pkg-config, and must
# give the same output.
#   test_examples.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs a command quietly, showing its output only when it fails.
quiet() { "$@" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; fail "$*"; }; }

prefix=$tmp/prefix
quiet cmake --install "$build" --prefix "$prefix"
tpipe=$prefix/bin/tpipe
[ -f "$prefix/lib/tpipe/plugins/tokenizer.so" ] ||
  fail "the tokenizer plugin was not installed; the examples run after it"
article=$root/examples/articles/afp-hanoi-summit.txt
flags="-Wall -Wextra -Wshadow -Wstrict-prototypes -Werror"

for ex in keywords entities readability; do
  dir=$root/examples/plugins/$ex
  quiet cmake -S "$dir" -B "$tmp/$ex" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="$flags"
  quiet cmake --build "$tmp/$ex"
  quiet ctest --test-dir "$tmp/$ex" --output-on-failure
  "$tpipe" run "$dir/$ex.yaml" "$article" --plugin-path "$tmp/$ex" --format jsonl \
    > "$tmp/$ex.jsonl" || fail "$ex: tpipe run exited with $?"
  "$tpipe" plugins --plugin-path "$tmp/$ex" "$ex" > "$tmp/$ex.txt" || fail "$ex: tpipe plugins"
  grep -q "^file .*$tmp/$ex/$ex.so" "$tmp/$ex.txt" || fail "$ex: plugins NAME shows no file"
done

check() { python3 "$here/check_record.py" "$@"; }

# keywords: five words, the summit's protagonists among them.
check "$tmp/keywords.jsonl" \
  "len(r['results']['keywords']) == 5" \
  "{'trump', 'kim'} <= {k['word'] for k in r['results']['keywords']}" \
  "all(k['count'] >= 2 and k['score'] > 0 for k in r['results']['keywords'])" \
  "'told' not in {k['word'] for k in r['results']['keywords']}"
grep -q "top                  int     default 10           1..100" "$tmp/keywords.txt" ||
  fail "keywords: option row"

# entities: spans on the entity layer, and entity_index (a later step in the
# same module) reading them into the index.
check "$tmp/entities.jsonl" \
  "any(s['text'] == 'Donald Trump' and s['type'] == 'person' for s in r['spans']['entity'])" \
  "any(s['text'] == 'Hanoi' and s['source'] == 'gazetteer' for s in r['spans']['entity'])" \
  "[e['name'] for e in r['results']['entities'][:2]] == ['Donald Trump', 'Kim Jong Un']" \
  "all(e['mentions'] >= 2 for e in r['results']['entities'])" \
  "next(e for e in r['results']['entities'] if e['name'] == 'Hanoi')['type'] == 'place'"

# readability: plausible scores for wire-service news.
check "$tmp/readability.jsonl" \
  "r['results']['readability']['words'] > 800" \
  "r['results']['readability']['sentences'] > 25" \
  "30 < r['results']['readability']['flesch_reading_ease'] < 60" \
  "10 < r['results']['readability']['flesch_kincaid_grade'] < 16"

# The pkg-config path: one file, plain cc, same output.
mkdir "$tmp/pc"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cc -std=c11 $flags -shared -fPIC -fvisibility=hidden -o "$tmp/pc/readability.so" \
  "$root/examples/plugins/readability/readability.c" $(pkg-config --cflags --libs tpipe) ||
  fail "readability: cc with pkg-config"
"$tpipe" run "$root/examples/plugins/readability/readability.yaml" "$article" \
  --plugin-path "$tmp/pc" --format jsonl > "$tmp/readability-pc.jsonl" ||
  fail "readability (pkg-config build): tpipe run"
cmp -s "$tmp/readability.jsonl" "$tmp/readability-pc.jsonl" ||
  fail "readability: the pkg-config build's output differs from the CMake build's"
echo "examples: ok"

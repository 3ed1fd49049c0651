#!/usr/bin/env bash
# `tpipe new-plugin` from an installed tpipe: the project it writes must
# build (with -Werror), pass its own Check test and run, following exactly
# the commands the verb prints.
#   test_new_plugin.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
[ -f "$prefix/lib/tpipe/plugins/tokenizer.so" ] ||
  fail "the tokenizer plugin was not installed; the skeleton runs after it"

cd "$tmp"
"$prefix/bin/tpipe" new-plugin long_words > new-plugin.out || fail "new-plugin exited with $?"
for f in CMakeLists.txt long_words.c tests/test_long_words.c long_words.yaml README.md; do
  [ -s "long_words/$f" ] || fail "new-plugin did not write long_words/$f"
done
grep -qF -- "-DCMAKE_PREFIX_PATH=$prefix" new-plugin.out ||
  fail "new-plugin did not say where tpipe is installed: $(cat new-plugin.out)"

# Run the printed commands as they are, with the installed tpipe on PATH and
# warnings as errors.
export PATH=$prefix/bin:$PATH CFLAGS="-Wall -Wextra -Wshadow -Wstrict-prototypes -Werror"
sed -n 's/^  \(cmake\|ctest\|echo\)/\1/p' new-plugin.out > commands.sh
[ "$(wc -l < commands.sh)" -eq 4 ] || fail "expected 4 commands in: $(cat new-plugin.out)"
bash -euo pipefail commands.sh > run.out 2>&1 || { cat run.out >&2; fail "the printed commands"; }
grep -q '"long_words":{"words":4,"long_words":2}' run.out ||
  fail "the skeleton's output: $(tail -3 run.out)"
grep -q "100% tests passed" run.out || fail "the skeleton's Check test did not pass"

# A second project beside it, in a folder of another name.
"$prefix/bin/tpipe" new-plugin other_words projects/other >/dev/null
cmake -S projects/other -B projects/other/build >/dev/null
cmake --build projects/other/build >/dev/null || fail "second skeleton build"
"$prefix/bin/tpipe" plugins --plugin-path projects/other/build other_words |
  grep -q "min_length           int     default 7            1..100" ||
  fail "tpipe plugins other_words"
echo "new-plugin: ok"

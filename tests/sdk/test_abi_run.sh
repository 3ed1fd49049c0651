#!/usr/bin/env bash
# Runs the ABI 1.0 fixtures (abi_fixture.c) through `tpipe run`: loading,
# options of three types, load/create/process per worker, and (under the
# sanitizer build) destroy/unload freeing what they allocated.
#   test_abi_run.sh BUILD_DIR
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '{"id":"a","text":"one"}\n{"id":"b","text":"three"}\n' > "$tmp/in.jsonl"
out=$("$build/tpipe" run "$src/abi.yaml" "$tmp/in.jsonl" -j 1 --format jsonl \
      --plugin-path "$build/tests/sdk") || fail "tpipe run exited with $?"
echo "$out" | grep -q '"abi_v1_0":{"greeting":"HI HI HI","bytes":3,"documents":1}' ||
  fail "1.0 layout, first document: $out"
echo "$out" | grep -q '"abi_v1_0":{"greeting":"HI HI HI","bytes":5,"documents":2}' ||
  fail "1.0 layout, second document (same instance): $out"
echo "$out" | grep -q '"abi_wide":{"greeting":"hey hey","bytes":3,"documents":1}' ||
  fail "wide layout: $out"

# The describing verb shows the options the core copied from the old layout.
desc=$("$build/tpipe" plugins --plugin-path "$build/tests/sdk" abi_v1_0)
for want in "abi        1.0" "greeting" "times                int     default 1            1..5"; do
  grep -qF "$want" <<<"$desc" || fail "tpipe plugins abi_v1_0: no '$want' in: $desc"
done
echo "abi run: ok"

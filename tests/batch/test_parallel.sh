#!/usr/bin/env bash
# Scale-out with GNU parallel: 4 shards, and --pipe blocks, each merged and
# compared with a single run, record for record.
set -euo pipefail
tpipe=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed"; exit 77; }

# A JSONL collection built from the example articles, several copies each.
python3 - "$root/examples/articles" > "$tmp/in.jsonl" <<'PY'
import json, os, sys
folder = sys.argv[1]
names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
for copy in range(8):
    for n in names:
        with open(os.path.join(folder, n), encoding="utf-8") as f:
            print(json.dumps({"id": f"{copy}/{n}", "text": f.read(), "copy": copy}))
PY
total=$(wc -l < "$tmp/in.jsonl")
pipeline="$root/pipelines/tokens.yaml"

"$tpipe" run "$pipeline" "$tmp/in.jsonl" -q -j 2 -o "$tmp/single.jsonl"
[ "$(wc -l < "$tmp/single.jsonl")" -eq "$total" ] || fail "single run wrote the wrong count"

# 1. Four deterministic shards in parallel: together they hold every record once.
parallel --will-cite -j 4 "$tpipe" run "$pipeline" "$tmp/in.jsonl" -q -j 1 \
  --shard {}/4 -o "$tmp/shard{}.jsonl" ::: 1 2 3 4
for k in 1 2 3 4; do
  [ -s "$tmp/shard$k.jsonl" ] || fail "shard $k is empty"
done
cat "$tmp"/shard?.jsonl | sort > "$tmp/merged.sorted"
sort "$tmp/single.jsonl" > "$tmp/single.sorted"
cmp -s "$tmp/merged.sorted" "$tmp/single.sorted" || fail "shards differ from the single run"
# Shards are disjoint: no record twice.
[ "$(sort -u "$tmp/merged.sorted" | wc -l)" -eq "$total" ] || fail "a record is in two shards"

# 2. As a filter over --pipe blocks, in order: byte-identical to the single run.
parallel --will-cite --pipe -N 7 --keep-order -j 4 "$tpipe" run "$pipeline" - -q -j 1 \
  < "$tmp/in.jsonl" > "$tmp/piped.jsonl"
cmp -s "$tmp/piped.jsonl" "$tmp/single.jsonl" || fail "--pipe output differs from the single run"

echo "parallel: ok ($total records, 4 shards, --pipe blocks of 7)"

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default
# 30) from seed corpora made of the example articles and pipelines.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_yaml fuzz_jsonl fuzz_tokenizer fuzz_quotes fuzz_sentiment fuzz_summary fuzz_news)

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DTPIPE_FUZZ=ON -DTPIPE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# fuzz_yaml checks options against the real plugins' schemas: build them too.
extra=()
[[ " ${targets[*]} " == *" fuzz_yaml "* ]] && extra=(tokenizer quotes sentiment summary)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" "${extra[@]}" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for t in "${targets[@]}"; do
  corpus="$work/$t"
  mkdir -p "$corpus"
  case $t in
    fuzz_yaml) cp "$root"/pipelines/*.yaml "$corpus"/ ;;
    fuzz_jsonl) cp "$root"/tests/fuzz/seeds/*.jsonl "$corpus"/ ;;
    *) cp "$root"/examples/articles/*.txt "$corpus"/ ;;
  esac
  # Earlier findings stay in the corpus as regression inputs.
  if [ -d "$root/tests/fuzz/regressions/$t" ]; then
    cp "$root/tests/fuzz/regressions/$t"/* "$corpus"/ 2>/dev/null || true
  fi
  echo "== $t: ${seconds}s"
  if ! (cd "$work" && "$build/fuzz/$t" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>"$work/$t.log"); then
    status=1
    echo "FAIL: $t found a problem; the input is in the log:" >&2
    tail -40 "$work/$t.log" >&2
    mkdir -p "$root/build-fuzz/findings"
    cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$root/build-fuzz/findings/" 2>/dev/null || true
  else
    grep -E "stat::number_of_executed_units|cov:" "$work/$t.log" | tail -2 | tr '\n' ' '; echo
  fi
done
exit $status

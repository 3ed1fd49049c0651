#!/usr/bin/env bash
# make bench: throughput and memory of the pipelines (see bench/README.md).
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
python3 "$root/bench/bench.py" --tpipe "$build/tpipe" "${@:2}"

#!/usr/bin/env bash
# Installs the Debian packages tpipe needs to build and test, when missing.
# Safe to run again: it installs nothing when everything is present.
set -euo pipefail

packages=(
  gcc g++ make cmake pkg-config      # toolchain (C++ only for the simdjson bridge)
  libyaml-dev                        # pipeline files
  libjansson-dev                     # JSONL input: metadata, malformed lines' errors
  libsimdjson-dev                    # JSONL input: fast decoding
  libutf8proc-dev                    # Unicode properties, case folding
  libstemmer-dev                     # Snowball stemmers (summary)
  zlib1g-dev                         # gzip input and output
  check libsubunit-dev               # unit tests
  python3                            # CLI tests and evaluation scripts
  parallel                           # the scale-out test (GNU parallel)
  clang libclang-rt-14-dev           # libFuzzer targets (make fuzz-smoke)
  valgrind                           # memcheck over the integration tests
  chromium                           # the HTML report test renders in headless Chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "tpipe: installing build dependencies: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "tpipe: missing packages: ${missing[*]}; install them as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null

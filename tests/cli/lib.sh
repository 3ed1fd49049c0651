# lib.sh - helpers for the CLI tests: run build/tpipe, then assert on its
# exit status, stderr lines and (with python3's json) its records.
# Usage from a test script:  . "$(dirname "$0")/lib.sh" "$@"
# Arguments: the tpipe binary and the build folder.
set -u

TPIPE=${1:?usage: $0 TPIPE_BINARY BUILD_DIR}
BUILD=${2:?usage: $0 TPIPE_BINARY BUILD_DIR}
# The tests run in a scratch folder: make the paths absolute first.
TPIPE="$(cd "$(dirname "$TPIPE")" && pwd)/$(basename "$TPIPE")"
BUILD="$(cd "$BUILD" && pwd)"
FX="$BUILD/tests/plugins"
FAILURES=0
CHECKS=0
unset TPIPE_PLUGIN_PATH NO_COLOR

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tpipe-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

if [ ! -f "$FX/fx_words.so" ]; then
    echo "fixture plugins missing in $FX: build the tpipe_fixture_plugins target" >&2
    exit 1
fi

# t NAME: starts a named check (shown on failure).
t() { TEST_NAME=$1; }

fail() {
    FAILURES=$((FAILURES + 1))
    echo "FAIL [$TEST_NAME]: $*" >&2
    echo "  command: tpipe ${LAST_ARGS:-}" >&2
    echo "  status: ${STATUS:-?}" >&2
    echo "  stderr:" >&2; sed 's/^/    | /' "$WORK/.err" >&2 2>/dev/null
    echo "  stdout (first lines):" >&2; head -5 "$WORK/.out" 2>/dev/null | sed 's/^/    | /' >&2
}

# tp ARGS...: runs tpipe; stdout in $WORK/.out, stderr in $WORK/.err, status in $STATUS.
# Standard input is /dev/null unless redirected by the caller (tp_in FILE ARGS...).
tp() { LAST_ARGS="$*"; "$TPIPE" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null; STATUS=$?; }
tp_in() { local in=$1; shift; LAST_ARGS="$* < $in"; "$TPIPE" "$@" <"$in" >"$WORK/.out" 2>"$WORK/.err"; STATUS=$?; }

expect_status() {
    CHECKS=$((CHECKS + 1))
    [ "$STATUS" = "$1" ] || fail "exit status $STATUS, expected $1"
}

# expect_err_line TEXT: stderr holds exactly this line.
expect_err_line() {
    CHECKS=$((CHECKS + 1))
    grep -qxF -- "$1" "$WORK/.err" || fail "stderr lacks the line: $1"
}

# expect_err_eq TEXT: stderr is exactly TEXT (lines joined by newlines).
expect_err_eq() {
    CHECKS=$((CHECKS + 1))
    [ "$(cat "$WORK/.err")" = "$1" ] || fail "stderr is not exactly: $1"
}

expect_err_empty() {
    CHECKS=$((CHECKS + 1))
    [ ! -s "$WORK/.err" ] || fail "stderr is not empty"
}

expect_out_eq() {
    CHECKS=$((CHECKS + 1))
    [ "$(cat "$WORK/.out")" = "$1" ] || fail "stdout is not exactly: $1"
}

expect_out_line() {
    CHECKS=$((CHECKS + 1))
    grep -qxF -- "$1" "$WORK/.out" || fail "stdout lacks the line: $1"
}

expect_out_contains() {
    CHECKS=$((CHECKS + 1))
    grep -qF -- "$1" "$WORK/.out" || fail "stdout lacks: $1"
}

expect_out_empty() {
    CHECKS=$((CHECKS + 1))
    [ ! -s "$WORK/.out" ] || fail "stdout is not empty"
}

# expect_records PYTHON [FILE]: runs PYTHON with `recs` = the JSONL records
# of FILE (default: stdout); assertions in it must hold.
expect_records() {
    CHECKS=$((CHECKS + 1))
    local file=${2:-$WORK/.out}
    python3 - "$file" "$1" <<'PY' 2>"$WORK/.py" || { fail "record check failed: $(tail -1 "$WORK/.py")"; sed 's/^/    ! /' "$WORK/.py" >&2; }
import json, sys
path, code = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    data = f.read()
recs = [json.loads(line) for line in data.split("\n") if line != ""]
assert data == "" or data.endswith("\n"), "output does not end with a newline"
exec(code, {"recs": recs, "json": json, "data": data})
PY
}

# expect_json PYTHON [FILE]: the same with `doc` = the whole file parsed as JSON.
expect_json() {
    CHECKS=$((CHECKS + 1))
    local file=${2:-$WORK/.out}
    python3 - "$file" "$1" <<'PY' 2>"$WORK/.py" || { fail "JSON check failed: $(tail -1 "$WORK/.py")"; sed 's/^/    ! /' "$WORK/.py" >&2; }
import json, sys
path, code = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    doc = json.load(f)
exec(code, {"doc": doc, "json": json})
PY
}

check() { # check CONDITION-COMMAND... MESSAGE: a shell condition
    CHECKS=$((CHECKS + 1))
    local msg=${*: -1}
    set -- "${@:1:$#-1}"
    "$@" || fail "$msg"
}

finish() {
    if [ "$FAILURES" -gt 0 ]; then
        echo "$(basename "$0"): $FAILURES of $CHECKS checks failed" >&2
        exit 1
    fi
    echo "$(basename "$0"): all $CHECKS checks passed"
    exit 0
}

# A pipeline of the fixture plugins, used by most tests.
write_pipeline() {
    cat >"$WORK/p.yaml" <<'YAML'
version: 1
name: demo
description: Words, then a check for markers.
steps:
  - plugin: fx_words
    options:
      limit: 5
      tags: [a, b]
      path: data/lexicon.txt
  - plugin: fx_fail
YAML
}

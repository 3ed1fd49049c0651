#!/usr/bin/env bash
# `tpipe new-plugin`'s refusals: bad names, existing files. None of them
# writes anything.
#   test_new_plugin_errors.sh BUILD_DIR
set -euo pipefail
tpipe=$(cd "$1" && pwd)/tpipe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir "$tmp/work"
cd "$tmp/work"
out=$tmp/out err=$tmp/err

# expect STATUS MESSAGE ARGS...: exit status and a piece of stderr.
expect() {
  local want=$1 msg=$2 rc=0
  shift 2
  "$tpipe" new-plugin "$@" >"$out" 2>"$err" || rc=$?
  [ "$rc" -eq "$want" ] || fail "new-plugin $*: exit $rc, expected $want ($(cat "$err"))"
  grep -qF -- "$msg" "$err" || fail "new-plugin $*: no '$msg' in: $(cat "$err")"
}

expect 2 "usage: tpipe new-plugin"
expect 2 "usage: tpipe new-plugin" a b c
expect 2 "must start with a lower-case letter" Words
expect 2 "may hold only a-z, 0-9 and _" my-plugin
expect 2 "must start with a lower-case letter" 9lives
expect 2 "CMake reserves" install
expect 2 "must be 1 to 64 characters" "$(printf 'a%.0s' {1..65})"
expect 2 "DIR is empty" good ""
[ -z "$(ls)" ] || fail "a refused new-plugin wrote: $(ls)"

"$tpipe" new-plugin good >/dev/null || fail "new-plugin good"
expect 2 "good/CMakeLists.txt already exists" good
# A file where a folder should be.
touch afile
expect 2 "a file of that name is in the way" good afile/sub
# Only the README is in the way: nothing else may be written either.
mkdir other && echo mine > other/README.md
expect 2 "other/README.md already exists" good other
[ "$(ls other)" = README.md ] || fail "a refused new-plugin wrote into other/: $(ls other)"
[ "$(cat other/README.md)" = mine ] || fail "README.md was overwritten"
"$tpipe" new-plugin --help | grep -q "Existing files are never overwritten" || fail "--help"
echo "new-plugin errors: ok"

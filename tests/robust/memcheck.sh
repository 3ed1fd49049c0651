#!/usr/bin/env bash
# Valgrind memcheck over the CLI's integration runs: no memory error and no
# definite or indirect leak, in tpipe and in every process it forks.
#
#   memcheck.sh TPIPE BUILD_DIR SOURCE_DIR
#
# Each case checks tpipe's own exit status too, so valgrind reports errors
# with a status of its own (99; tpipe uses 1 for a fatal error). Logs go to
# one file per process (--isolate forks workers); any error or leak record in
# any of them fails the case. Plugins are dlopen'ed with RTLD_NODELETE, so
# their symbols stay resolvable in leak stacks. Exit 77 (skipped) without
# valgrind.
set -euo pipefail
tpipe=$1
build=$2
src=$3
command -v valgrind >/dev/null || { echo "SKIP: valgrind is not installed"; exit 77; }
# Valgrind cannot run a program built with AddressSanitizer (TPIPE_SANITIZE).
if grep -q "^TPIPE_SANITIZE:BOOL=ON" "$build/CMakeCache.txt" 2>/dev/null ||
    nm -D "$build/libtpipe.so" 2>/dev/null | grep -q __asan_init; then
    echo "SKIP: this build uses AddressSanitizer; memcheck needs a plain build"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tpipe-memcheck.XXXXXX")
cleanup() {
    chmod -R u+rwX "$tmp" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
news=$src/pipelines/news.yaml
fixtures=$build/tests/plugins
articles=$src/examples/articles

# vg NAME STATUS ARGS...: tpipe ARGS under memcheck; stdout in $tmp/NAME.out.
vg() {
    local name=$1 want=$2
    shift 2
    mkdir -p "$tmp/log/$name"
    local rc=0 t0=$SECONDS
    valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --track-origins=yes --child-silent-after-fork=no \
        --log-file="$tmp/log/$name/vg.%p.log" \
        "$tpipe" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
    # Reports of errors and leaks; a fixture's deliberate SIGSEGV is not one.
    local bad
    bad=$(grep -lE 'Invalid (read|write|free)|uninitialised|Mismatched free|overlap|Syscall param|definitely lost|indirectly lost|Illegal|Jump to' \
        "$tmp"/log/"$name"/vg.*.log 2>/dev/null || true)
    if [ -n "$bad" ] || [ "$rc" -eq 99 ]; then
        cat $bad "$tmp"/log/"$name"/vg.*.log >&2 2>/dev/null || true
        fail "$name: valgrind found errors or leaks (tpipe $*)"
    fi
    if [ "$rc" -ne "$want" ]; then
        head -c 3000 "$tmp/$name.err" >&2
        fail "$name: exit status $rc, expected $want (tpipe $*)"
    fi
    echo "ok   $name  ($((SECONDS - t0))s)"
}
records() { python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)))' "$1"; }

# ---- inputs ----
python3 - "$articles" "$tmp/in.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
lines = []
for n in sorted(os.listdir(d)):
    with open(os.path.join(d, n), encoding="utf-8") as f:
        lines.append(json.dumps({"id": n, "text": f.read(), "source": {"corpus": "examples"}}))
lines.insert(2, '{"id": "broken", "text": "no end')
lines.insert(4, '{"id": "nul", "text": "a\\u0000b \\"c\\" said Dee."}')
lines.insert(5, '{"id": 17, "text": ""}')
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
mkdir -p "$tmp/bad"
: >"$tmp/bad/empty.txt"
cp "$(type -P true)" "$tmp/bad/true.elf"
printf 'caf\xc3\xa9 \xff\xfe \xc0\xaf \xe0\x80\xaf \xed\xa0\x80 "end\xe2\x82' >"$tmp/bad/invalid.txt"
printf 'NUL\0inside "a quote," she said.\n' >"$tmp/bad/nul.txt"
python3 -c "import sys; sys.stdout.write('y' * 1_000_000)" >"$tmp/bad/long-line.txt"
cat >"$tmp/typo.yaml" <<'EOF'
version: 1
steps:
  - plugin: tokenizer
  - plugin: quotes
    options:
      atribution: yes
  - plugin: nosuchplugin
EOF
printf 'version: 1\nname: &a x\ndescription: *a\nsteps:\n  - plugin: tokenizer\n' >"$tmp/alias.yaml"
python3 -c "print('version: 1\nname: ' + '[' * 100 + ']' * 100 + '\nsteps: []')" >"$tmp/deep.yaml"
cat >"$tmp/fixtures.yaml" <<'EOF'
version: 1
steps:
  - plugin: tokenizer
  - plugin: fx_fail
  - plugin: fx_crash
  - plugin: fx_hang
EOF
python3 - "$tmp/fixtures.jsonl" <<'PY'
import json, sys
texts = ["A fine day.", "This will CRASH.", "Say FAIL-ME.", "Now HANG.", "Another fine day."]
open(sys.argv[1], "w").write("".join(json.dumps({"id": "f%d" % i, "text": t}) + "\n"
                                     for i, t in enumerate(texts)))
PY
printf '{"id": "s1", "text": "Fine."}\n{"id": "s2", "text": "STOP-ALL here."}\n' >"$tmp/stop.jsonl"
mkdir -p "$tmp/ww"
cp "$fixtures/fx_fail.so" "$tmp/ww/"
chmod 777 "$tmp/ww"

# ---- the runs ----
vg news_j1 0 run "$news" -q -j 1 "$articles"
[ "$(records "$tmp/news_j1.out")" -eq "$(ls "$articles" | wc -l)" ] || fail "news_j1: record count"
vg news_j2 0 run "$news" -q -j 2 "$articles"
cmp -s "$tmp/news_j1.out" "$tmp/news_j2.out" || fail "news_j2: output differs from -j 1"
vg news_jsonl 3 run "$news" -q -j 2 "$tmp/in.jsonl"
grep -q "not valid JSON" "$tmp/news_jsonl.err" || fail "news_jsonl: no message for the bad line"
vg news_stdin_json 3 run "$news" -q -j 2 -f json --stats - <"$tmp/in.jsonl"
vg news_text_out 0 run "$news" -q -j 2 -f text --width 80 -o "$tmp/out.txt" "$articles"
vg bad_inputs 0 run "$news" -q -j 2 "$tmp/bad"
vg validate_typo 2 validate "$tmp/typo.yaml"
grep -q "did you mean 'attribution'" "$tmp/validate_typo.err" || fail "validate_typo: message"
vg validate_alias 2 validate "$tmp/alias.yaml"
vg validate_deep 2 validate "$tmp/deep.yaml"
vg validate_news 0 validate "$news"
vg plugins_list 0 plugins --plugin-path "$fixtures"
grep -q "BROKEN" "$tmp/plugins_list.out" "$tmp/plugins_list.err" || fail "plugins_list: no broken module"
vg plugins_one 0 plugins quotes
vg insecure 2 run "$tmp/fixtures.yaml" --plugin-path "$tmp/ww" -q "$articles"
vg isolate 3 run "$tmp/fixtures.yaml" --plugin-path "$fixtures" -q -j 2 --isolate --timeout 20 \
    "$tmp/fixtures.jsonl"
grep -q "crashed with signal 11" "$tmp/isolate.err" || fail "isolate: no crash record"
grep -q "timed out after 20 s" "$tmp/isolate.err" || fail "isolate: no timeout record"
vg isolate_news 0 run "$news" -q -j 2 --isolate "$articles"
cmp -s "$tmp/news_j1.out" "$tmp/isolate_news.out" || fail "isolate_news: output differs"
vg fatal 1 run "$tmp/fixtures.yaml" --plugin-path "$fixtures" -q -j 1 "$tmp/stop.jsonl"
echo "memcheck: ok"

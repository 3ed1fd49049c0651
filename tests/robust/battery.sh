#!/usr/bin/env bash
# The bad-input battery (issue 9): each bad input runs among good documents,
# and each case asserts the exit status, the message (on stderr, or the
# warning on the record), and that every good document's record is present
# and byte-identical to a run over the good documents alone.
#
#   battery.sh TPIPE BUILD_DIR SOURCE_DIR [GROUP...]
#
# GROUPs: files unreadable big many yaml plugins security huge_news (default:
# all). Big inputs are generated in a temporary folder. Exit
# 0 when every case passed, 1 on the first failure. See docs/robustness.md.
set -euo pipefail
tpipe=$1
build=$2
src=$3
shift 3
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(files unreadable big many yaml plugins security huge_news)

here=$(cd "$(dirname "$0")" && pwd)
news=$src/pipelines/news.yaml
tokens=$src/pipelines/tokens.yaml
fixtures=$build/tests/plugins
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tpipe-robust.XXXXXX")
cleanup() {
    chmod -R u+rwX "$tmp" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
note() { echo "  $*"; }

# run NAME STATUS CMD...: runs CMD with stdout in $tmp/NAME.out and stderr in
# $tmp/NAME.err, checks its exit status, and records its peak RSS (KiB) and
# wall time in $tmp/NAME.stats.
run() {
    local name=$1 want=$2
    shift 2
    local rc=0
    python3 "$here/measure.py" "$tmp/$name.stats" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
        rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "--- stderr of $name:" >&2
        head -c 3000 "$tmp/$name.err" >&2
        fail "$name: exit status $rc, expected $want ($*)"
    fi
}
rss_kb() { cut -d' ' -f1 "$tmp/$1.stats"; }
seconds() { cut -d' ' -f2 "$tmp/$1.stats"; }
expect_err() {
    grep -qF -- "$2" "$tmp/$1.err" || {
        echo "--- stderr of $1:" >&2
        head -c 3000 "$tmp/$1.err" >&2
        fail "$1: stderr lacks: $2"
    }
}
expect_no_err() {
    [ ! -s "$tmp/$1.err" ] || {
        head -c 3000 "$tmp/$1.err" >&2
        fail "$1: unexpected output on stderr"
    }
}
expect_no_out() { [ ! -s "$tmp/$1.out" ] || fail "$1: wrote records, but nothing should run"; }
check() {
    local name=$1
    shift
    python3 "$here/records.py" "$tmp/$name.out" "$@" >"$tmp/$name.check" ||
        fail "$name: records are wrong (above)"
}
# Counts the stderr lines that report one failed document each.
failure_lines() { grep -c "^tpipe: .*: " "$tmp/$1.err" | tr -d ' '; }
ok() { echo "ok   $1  ($(seconds "$1")s, $(($(rss_kb "$1") / 1024)) MiB)"; }

# ---- the good documents: real articles, as files and as JSONL ----
mkdir -p "$tmp/good"
cp "$src"/examples/articles/*.txt "$tmp/good/"
chmod 755 "$tmp" "$tmp/good"
good=("$tmp"/good/*.txt)
[ ${#good[@]} -ge 4 ] || fail "expected the example articles in $src/examples/articles"
python3 - "$tmp/good" >"$tmp/good.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for n in sorted(os.listdir(d)):
    with open(os.path.join(d, n), encoding="utf-8") as f:
        print(json.dumps({"id": "good/" + n, "text": f.read(), "source": "examples"}))
PY
ngood=${#good[@]}

# mixed BAD...: sets M to the good files with the bad ones in the middle.
mixed() { M=("${good[@]:0:2}" "$@" "${good[@]:2}"); }
# mixed_jsonl OUT LINE...: the good JSONL with extra raw lines in the middle.
mixed_jsonl() {
    local out=$1
    shift
    {
        head -n 2 "$tmp/good.jsonl"
        printf '%s\n' "$@"
        tail -n +3 "$tmp/good.jsonl"
    } >"$out"
}

ref_news() {
    [ -s "$tmp/ref_news.out" ] && return 0
    run ref_news 0 "$tpipe" run "$news" -q -j 2 "${good[@]}"
    expect_no_err ref_news
    check ref_news --count "$ngood" --only-listed-failures
    run ref_news_jsonl 0 "$tpipe" run "$news" -q -j 2 "$tmp/good.jsonl"
    check ref_news_jsonl --count "$ngood" --only-listed-failures
}

# ---- files: empty, binary, invalid UTF-8, NUL, long lines, bad paths ----
group_files() {
    ref_news
    local d=$tmp/files
    mkdir -p "$d"

    # Empty file: an empty document, processed (its record says 0 bytes).
    : >"$d/empty.txt"
    mixed "$d/empty.txt"
    run empty 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err empty
    check empty --ref "$tmp/ref_news.out" --count $((ngood + 1)) --ok "$d/empty.txt" \
        --stat "$d/empty.txt" bytes 0 --stat "$d/empty.txt" tokens 0 --no-warnings "$d/empty.txt"
    ok empty
    # An empty .jsonl file holds no document; an empty "text" is an empty one.
    : >"$d/none.jsonl"
    mixed_jsonl "$d/empty-text.jsonl" '{"id": "empty-text", "text": ""}'
    run empty_jsonl 0 "$tpipe" run "$news" -q -j 2 "$d/none.jsonl" "$d/empty-text.jsonl"
    expect_no_err empty_jsonl
    check empty_jsonl --ref "$tmp/ref_news_jsonl.out" --count $((ngood + 1)) --ok empty-text \
        --stat empty-text bytes 0
    ok empty_jsonl

    # Binary files: read as text, every invalid byte replaced with U+FFFD and
    # counted in a warning; the output stays valid UTF-8.
    cp "$(type -P true)" "$d/true.elf"
    head -c 4 "$d/true.elf" | grep -q ELF || fail "$(type -P true) is not an ELF file"
    python3 - "$d/image.png" <<'PY'
import random, struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
random.seed(9)
w = h = 64
raw = b"".join(b"\0" + bytes(random.randrange(256) for _ in range(w * 3)) for _ in range(h))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
    mixed "$d/true.elf" "$d/image.png"
    run binary 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err binary
    check binary --ref "$tmp/ref_news.out" --count $((ngood + 2)) \
        --ok "$d/true.elf" --warning "$d/true.elf" "input is not valid UTF-8" \
        --ok "$d/image.png" --warning "$d/image.png" "input is not valid UTF-8"
    ok binary

    # Invalid UTF-8: stray bytes, an overlong '/', an overlong 3-byte form,
    # a UTF-16 surrogate, and a sequence cut short at the end of the file.
    printf 'caf\xc3\xa9 ok \xff\xfe bad \xc0\xaf overlong \xe0\x80\xaf and \xed\xa0\x80 surrogate.' \
        >"$d/invalid.txt"
    printf 'Truncated at the end \xe2\x82' >"$d/truncated.txt"
    mixed "$d/invalid.txt" "$d/truncated.txt"
    run utf8 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err utf8
    # 10 bad bytes, each replaced by the 3 bytes of U+FFFD.
    local n
    n=$(stat -c %s "$d/invalid.txt")
    check utf8 --ref "$tmp/ref_news.out" --count $((ngood + 2)) \
        --warning "$d/invalid.txt" "input is not valid UTF-8: 10 bytes replaced with U+FFFD" \
        --stat "$d/invalid.txt" bytes $((n + 20)) \
        --warning "$d/truncated.txt" "input is not valid UTF-8: 2 bytes replaced with U+FFFD"
    # The repaired text is what the plugins saw and what the record shows.
    run utf8_text 0 "$tpipe" run "$tokens" -q --set tokenizer.emit_sentences=true "$d/invalid.txt"
    python3 - "$tmp/utf8_text.out" "$d/invalid.txt" <<'PY' || fail "utf8_text: repaired text"
import json, sys
rec = json.loads(open(sys.argv[1], encoding="utf-8").read())
want = open(sys.argv[2], "rb").read().decode("utf-8", "replace")
got = "".join(s["text"] for s in rec["sentences"])
assert got.replace(" ", "") == want.replace(" ", ""), (got, want)
assert "café" in got and got.count("\ufffd") == 10, got
PY
    ok utf8

    # NUL bytes inside text: replaced with U+FFFD like invalid bytes, in a
    # text file and in a JSONL string ("\u0000").
    printf 'Before the NUL\0after it, "a quote" said Ann.\0\n' >"$d/nul.txt"
    mixed_jsonl "$d/nul.jsonl" '{"id": "nul-json", "text": "one\u0000two \"three\" said Bo."}'
    mixed "$d/nul.txt"
    run nul 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err nul
    check nul --ref "$tmp/ref_news.out" --count $((ngood + 1)) --ok "$d/nul.txt" \
        --warning "$d/nul.txt" "2 bytes replaced with U+FFFD"
    run nul_jsonl 0 "$tpipe" run "$news" -q -j 2 "$d/nul.jsonl"
    expect_no_err nul_jsonl
    check nul_jsonl --ref "$tmp/ref_news_jsonl.out" --count $((ngood + 1)) --ok nul-json \
        --warning nul-json "1 byte replaced with U+FFFD"
    ok nul

    # JSONL lines that cannot be documents fail one by one, with the line.
    mixed_jsonl "$d/bad.jsonl" '{"id": "cut", "text": "no end' \
        "$(printf '{"id": "raw", "text": "caf\xc3\xa9 \xff"}')" \
        '{"id": "nontext", "text": 42}' '["not", "an object"]' '' \
        '{"id": "notext"}'
    run bad_jsonl 3 "$tpipe" run "$news" -q -j 2 "$d/bad.jsonl"
    local b=$d/bad.jsonl
    check bad_jsonl --ref "$tmp/ref_news_jsonl.out" --count $((ngood + 5)) \
        --failed "$b:3" - "line 3: not valid JSON" \
        --failed "$b:4" - "line 4: not valid JSON: unable to decode byte 0xff" \
        --failed nontext - 'line 5: "text" must be a string' \
        --failed "$b:6" - 'line 6: expected a JSON object' \
        --failed notext - 'line 8: missing "text"' --only-listed-failures
    expect_err bad_jsonl "tpipe: $b:3: line 3: not valid JSON"
    expect_err bad_jsonl "5 of $((ngood + 5)) documents failed"
    [ "$(failure_lines bad_jsonl)" -eq 5 ] || fail "bad_jsonl: expected one stderr line per failed document"
    ok bad_jsonl

    # A 10 MB line with no space at all: one token, processed.
    python3 -c "import sys; sys.stdout.write('x' * 10_000_000 + '\n')" >"$d/long-line.txt"
    mixed "$d/long-line.txt"
    run long_line 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err long_line
    check long_line --ref "$tmp/ref_news.out" --count $((ngood + 1)) --ok "$d/long-line.txt" \
        --stat "$d/long-line.txt" tokens 1 --stat "$d/long-line.txt" bytes 10000001
    ok long_line
    # The same as one 10 MB quotation of word-dot runs ("ab.ab.ab…").
    python3 -c "import sys; sys.stdout.write('\u201c' + 'ab.' * 3_300_000 + '\u201d\n')" \
        >"$d/long-quote.txt"
    mixed "$d/long-quote.txt"
    run long_quote 0 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    expect_no_err long_quote
    check long_quote --ref "$tmp/ref_news.out" --count $((ngood + 1)) --ok "$d/long-quote.txt"
    ok long_quote

    # A pipeline path that is a folder: a configuration error, nothing runs.
    run pipeline_dir 2 "$tpipe" run "$src/pipelines" "${good[@]}"
    expect_err pipeline_dir "is a folder, not a pipeline file"
    expect_no_out pipeline_dir
    run pipeline_dir_validate 2 "$tpipe" validate "$src/pipelines"
    expect_err pipeline_dir_validate "is a folder, not a pipeline file"
    ok pipeline_dir
    # A missing input argument stops before anything runs; an empty folder
    # holds no document.
    run missing_input 2 "$tpipe" run "$news" -q "${good[0]}" "$d/no-such-file.txt"
    expect_err missing_input "input '$d/no-such-file.txt': No such file or directory"
    expect_no_out missing_input
    mkdir -p "$d/empty-folder"
    run empty_folder 0 "$tpipe" run "$news" -q "$d/empty-folder"
    expect_no_out empty_folder
    ok missing_input
}

# ---- unreadable files and folders (as user nobody: root reads anything) ----
group_unreadable() {
    ref_news
    # Root reads files whatever their mode: drop to user nobody.
    local as_user=()
    if [ "$(id -u)" -eq 0 ]; then
        if ! command -v setpriv >/dev/null ||
            ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
            echo "skip unreadable: running as root and setpriv cannot switch to user nobody"
            return 0
        fi
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
    local d=$tmp/unreadable
    mkdir -p "$d/in/locked" "$d/in/sub"
    cp "${good[0]}" "$d/in/a.txt"
    cp "${good[1]}" "$d/in/sub/z.txt"
    echo "secret" >"$d/in/b-secret.txt"
    echo "hidden" >"$d/in/locked/x.txt"
    cp "$src/pipelines/news.yaml" "$d/secret.yaml"
    chmod 755 "$d" "$d/in" "$d/in/sub"
    chmod 644 "$d/in/a.txt" "$d/in/sub/z.txt"
    chmod 000 "$d/in/b-secret.txt" "$d/in/locked" "$d/secret.yaml"
    # The reference: the two readable files, by the same user.
    run unreadable_ref 0 "${as_user[@]}" "$tpipe" run "$news" -q -j 2 "$d/in/a.txt" \
        "$d/in/sub/z.txt"
    run unreadable 3 "${as_user[@]}" "$tpipe" run "$news" -q -j 2 "$d/in"
    check unreadable --ref "$tmp/unreadable_ref.out" --count 4 \
        --failed "$d/in/b-secret.txt" - "cannot open: Permission denied" \
        --failed "$d/in/locked" - "cannot read folder: Permission denied" --only-listed-failures
    expect_err unreadable "tpipe: $d/in/b-secret.txt: cannot open: Permission denied"
    expect_err unreadable "tpipe: $d/in/locked: cannot read folder: Permission denied"
    expect_err unreadable "2 of 4 documents failed"
    # Given explicitly, among readable files.
    run unreadable_arg 3 "${as_user[@]}" "$tpipe" run "$news" -q -j 2 "$d/in/a.txt" \
        "$d/in/b-secret.txt" "$d/in/sub/z.txt"
    check unreadable_arg --ref "$tmp/unreadable_ref.out" --count 3 \
        --failed "$d/in/b-secret.txt" - "cannot open: Permission denied"
    # An unreadable pipeline file is a configuration error.
    run unreadable_pipeline 2 "${as_user[@]}" "$tpipe" run "$d/secret.yaml" "$d/in/a.txt"
    expect_err unreadable_pipeline "cannot open pipeline file: Permission denied"
    expect_no_out unreadable_pipeline
    ok unreadable
}

# ---- big: a 100 MB document ----
group_big() {
    ref_news
    local d=$tmp/big
    mkdir -p "$d"
    chmod 755 "$d"
    # 100 MB of real text (an article repeated, blank lines between copies).
    python3 - "$src/examples/articles/bbc-sport-303.txt" "$d/huge.txt" <<'PY'
import sys
para = open(sys.argv[1], "rb").read().rstrip(b"\n") + b"\n\n"
copies = 100_000_000 // len(para) + 1
with open(sys.argv[2], "wb") as f:
    f.write(para * copies)
PY
    local size
    size=$(stat -c %s "$d/huge.txt")

    # The default limit (64 MiB) refuses it without reading it.
    mixed "$d/huge.txt"
    run huge_default 3 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    local msg="document is $size bytes, over the limit of 67108864 (max_document_bytes)"
    check huge_default --ref "$tmp/ref_news.out" --count $((ngood + 1)) \
        --failed "$d/huge.txt" - "$msg" --only-listed-failures
    expect_err huge_default "tpipe: $d/huge.txt: $msg"
    [ "$(rss_kb huge_default)" -lt $((256 * 1024)) ] ||
        fail "huge_default: peak RSS $(rss_kb huge_default) KiB; the refused file was read?"
    ok huge_default

    # Compressed, the size is known only while reading: still refused, still
    # within the limit's memory.
    gzip -1 -c "$d/huge.txt" >"$d/huge.txt.gz"
    mixed "$d/huge.txt.gz"
    run huge_gz 3 "$tpipe" run "$news" -q -j 2 "${M[@]}"
    check huge_gz --ref "$tmp/ref_news.out" --count $((ngood + 1)) \
        --failed "$d/huge.txt.gz" - "over the limit of 67108864 (max_document_bytes)"
    [ "$(rss_kb huge_gz)" -lt $((512 * 1024)) ] ||
        fail "huge_gz: peak RSS $(rss_kb huge_gz) KiB"
    ok huge_gz
    # On a pipe, too: read up to the limit, the rest counted and skipped.
    run huge_stdin 3 sh -c 'cat "$2" | "$0" run "$1" -q -' "$tpipe" "$news" "$d/huge.txt"
    check huge_stdin --count 1 --failed stdin - "$msg"
    expect_err huge_stdin "tpipe: stdin: $msg"
    [ "$(rss_kb huge_stdin)" -lt $((256 * 1024)) ] ||
        fail "huge_stdin: peak RSS $(rss_kb huge_stdin) KiB"
    ok huge_stdin

    # With a higher limit, the tokenizer processes it within 2 GiB.
    run huge_tokens_ref 0 "$tpipe" run "$tokens" -q -j 2 "${good[@]}"
    mixed "$d/huge.txt"
    run huge_tokens 0 "$tpipe" run "$tokens" -q -j 2 --max-document-bytes 200000000 \
        "${M[@]}"
    expect_no_err huge_tokens
    check huge_tokens --ref "$tmp/huge_tokens_ref.out" --count $((ngood + 1)) \
        --ok "$d/huge.txt" --stat "$d/huge.txt" bytes "$size"
    [ "$(rss_kb huge_tokens)" -lt $((2048 * 1024)) ] ||
        fail "huge_tokens: peak RSS $(rss_kb huge_tokens) KiB, over 2 GiB"
    ok huge_tokens

    # A JSONL line over the limit fails alone (limit lowered to keep it quick).
    python3 - "$tmp/good.jsonl" "$d/long.jsonl" <<'PY'
import json, sys
good = open(sys.argv[1]).read().splitlines()
big = json.dumps({"id": "too-long", "text": "word " * 400_000})
open(sys.argv[2], "w").write("\n".join(good[:2] + [big] + good[2:]) + "\n")
PY
    run long_jsonl_ref 0 "$tpipe" run "$news" -q -j 2 --max-document-bytes 1000000 \
        "$tmp/good.jsonl"
    run long_jsonl 3 "$tpipe" run "$news" -q -j 2 --max-document-bytes 1000000 "$d/long.jsonl"
    check long_jsonl --ref "$tmp/long_jsonl_ref.out" --count $((ngood + 1)) \
        --failed "$d/long.jsonl:3" - "line 3: document is 2000030 bytes, over the limit of 1000000"
    expect_err long_jsonl "over the limit of 1000000 (max_document_bytes)"
    ok long_jsonl
    rm -f "$d/huge.txt" "$d/huge.txt.gz"
}

# ---- many: 1,000,000 tiny documents (one of them malformed) ----
group_many() {
    local d=$tmp/many
    mkdir -p "$d"
    python3 - "$d/tiny.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1_000_000):
        if i == 500_000:
            f.write('{"id": "t500000", "text": broken}\n')
        else:
            f.write('{"id": "t%d", "text": "Doc %d: \\"yes,\\" said Ann."}\n' % (i, i))
PY
    run many 3 "$tpipe" run "$tokens" -q -j 2 "$d/tiny.jsonl" -o "$d/out.jsonl"
    expect_err many "tpipe: $d/tiny.jsonl:500001: line 500001: not valid JSON"
    expect_err many "1 of 1000000 documents failed"
    python3 - "$d/out.jsonl" <<'PY' || fail "many: records are wrong"
import json, sys
n = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    r = json.loads(line)
    if n == 500_000:
        assert r["failed"] and r["errors"][0]["input_line"] == 500_001, r
    else:
        assert r["id"] == "t%d" % n and not r.get("failed"), r
        assert r["stats"]["tokens"] == 10 and r["stats"]["sentences"] == 1, r
assert n + 1 == 1_000_000, n + 1
PY
    ok many
    note "1,000,000 documents through tokens.yaml with -j2 in $(seconds many)s"
}

# ---- yaml: pipeline files built to hurt ----
group_yaml() {
    local d=$tmp/yaml
    mkdir -p "$d"
    python3 - "$d" <<'PY'
import os, sys
d = sys.argv[1]
def w(name, text):
    open(os.path.join(d, name), "w").write(text)
head = "version: 1\nsteps:\n  - plugin: tokenizer\n    options:\n"
w("deep-seq.yaml", head + "      abbreviations: " + "[" * 10000 + "]" * 10000 + "\n")
w("deep-map.yaml", "version: 1\nname: " + "{a: " * 100 + "1" + "}" * 100 +
  "\nsteps:\n  - plugin: tokenizer\n")
w("nodes.yaml", head + "      abbreviations: [" + ",".join(["a"] * 150000) + "]\n")
w("big.yaml", head + "      abbreviations:\n" + "".join("        - a%d\n" % i
                                                          for i in range(200000)))
laughs = "version: 1\nname: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
prev = "a"
for n in "bcdefghi":
    laughs += "%s: &%s [%s]\n" % (n, n, ", ".join("*" + prev for _ in range(9)))
    prev = n
w("laughs.yaml", laughs + "steps:\n  - plugin: tokenizer\n")
w("alias.yaml", "version: 1\nname: &n news\ndescription: *n\nsteps:\n  - plugin: tokenizer\n")
w("two-docs.yaml", "version: 1\nsteps:\n  - plugin: tokenizer\n---\nversion: 1\n")
w("long-scalar.yaml", "version: 1\ndescription: " + "x" * 900_000 + "\nsteps:\n  - plugin: tokenizer\n")
PY
    local f
    for f in deep-seq:"deep-seq.yaml:5:50: error: YAML nested too deeply (at most 32 levels)" \
        deep-map:"nested too deeply (at most 32 levels)" \
        nodes:"too many YAML nodes (at most 100000)" \
        big:"over the limit of 1048576" \
        laughs:"laughs.yaml:3:" \
        alias:"YAML aliases (*n) are not supported in pipeline files" \
        two-docs:"two-docs.yaml:4:1: error: a pipeline file holds one YAML document"; do
        local name=${f%%:*} msg=${f#*:}
        run "yaml_$name" 2 "$tpipe" run "$d/$name.yaml" -q "${good[0]}"
        expect_err "yaml_$name" "$msg"
        expect_no_out "yaml_$name"
        [ "$(rss_kb "yaml_$name")" -lt $((128 * 1024)) ] ||
            fail "yaml_$name: peak RSS $(rss_kb "yaml_$name") KiB"
        run "yaml_${name}_validate" 2 "$tpipe" validate "$d/$name.yaml"
        expect_err "yaml_${name}_validate" "$msg"
        ok "yaml_$name"
    done
    expect_err yaml_laughs "YAML aliases (*a) are not supported"
    # A long scalar under the file limit is fine.
    run yaml_long_scalar 0 "$tpipe" validate "$d/long-scalar.yaml"
    ok yaml_long_scalar
}

# ---- plugins: crash, hang, error, fatal (fixtures from tests/plugins) ----
group_plugins() {
    local d=$tmp/plugins
    mkdir -p "$d"
    cat >"$d/all.yaml" <<'EOF'
version: 1
name: fixtures
steps:
  - plugin: tokenizer
  - plugin: fx_fail
  - plugin: fx_crash
  - plugin: fx_hang
EOF
    sed '/fx_crash\|fx_hang/d' "$d/all.yaml" >"$d/fail.yaml"
    local pp=(--plugin-path "$fixtures")
    # The reference runs in-process: the good articles hold no marker.
    if grep -lE 'CRASH|HANG|FAIL-ME|STOP-ALL' "${good[@]}"; then
        fail "a good article holds a fixture marker"
    fi
    run plugins_ref 0 "$tpipe" run "$d/all.yaml" "${pp[@]}" -q -j 2 "$tmp/good.jsonl"
    mixed_jsonl "$d/bad.jsonl" '{"id": "crash1", "text": "This one will CRASH the step."}' \
        '{"id": "fail1", "text": "This one says FAIL-ME."}' \
        '{"id": "hang1", "text": "This one will HANG for ever."}' \
        '{"id": "crash2", "text": "CRASH again, in the same run."}'
    local signal="crashed with signal 11 (Segmentation fault); the worker process was restarted"

    if [ -n "${TPIPE_SANITIZED:-}" ]; then
        echo "skip: --isolate cases (crash, hang, isolated fatal) in a sanitizer build; see CMakeLists.txt"
    else
    # Segfaults: only the documents it was working on fail; fresh workers go on.
    # (Under AddressSanitizer, let the SIGSEGV kill the worker as it would
    # without it, instead of ASan's report and exit status 1.)
    run crash 3 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0" \
        "$tpipe" run "$d/all.yaml" "${pp[@]}" -q -j 2 --isolate --timeout 3 "$d/bad.jsonl"
    check crash --ref "$tmp/plugins_ref.out" --count $((ngood + 4)) \
        --failed crash1 fx_crash "$signal" --failed crash2 fx_crash "$signal" \
        --failed fail1 fx_fail "found the marker" \
        --failed hang1 fx_hang "timed out after 3 s (--timeout); the worker process was killed" \
        --only-listed-failures
    expect_err crash "tpipe: crash1: step 'fx_crash': $signal"
    expect_err crash "tpipe: hang1: step 'fx_hang': timed out after 3 s (--timeout)"
    expect_err crash "tpipe: fail1: step 'fx_fail': found the marker"
    expect_err crash "4 of $((ngood + 4)) documents failed"
    awk '{exit !($2 < 30)}' "$tmp/crash.stats" || fail "crash: took $(seconds crash)s"
    ok crash
    # One worker, several hangs in a row: each costs one timeout.
    mixed_jsonl "$d/hangs.jsonl" '{"id": "h1", "text": "HANG"}' '{"id": "h2", "text": "HANG"}'
    run hang 3 "$tpipe" run "$d/all.yaml" "${pp[@]}" -q -j 1 --isolate --timeout 1 \
        "$d/hangs.jsonl"
    check hang --ref "$tmp/plugins_ref.out" --count $((ngood + 2)) \
        --failed h1 fx_hang "timed out after 1 s" --failed h2 fx_hang "timed out after 1 s" \
        --only-listed-failures
    awk '{exit !($2 >= 2 && $2 < 20)}' "$tmp/hang.stats" || fail "hang: took $(seconds hang)s"
    ok hang
    fi

    # A document error needs no isolation: in-process, the same records.
    mixed_jsonl "$d/fails.jsonl" '{"id": "fail1", "text": "This one says FAIL-ME."}'
    run doc_error 3 "$tpipe" run "$d/fail.yaml" "${pp[@]}" -q -j 2 "$d/fails.jsonl"
    run doc_error_ref 0 "$tpipe" run "$d/fail.yaml" "${pp[@]}" -q -j 2 "$tmp/good.jsonl"
    check doc_error --ref "$tmp/doc_error_ref.out" --count $((ngood + 1)) \
        --failed fail1 fx_fail "found the marker" --only-listed-failures
    expect_err doc_error "tpipe: fail1: step 'fx_fail': found the marker"
    expect_err doc_error "1 of $((ngood + 1)) documents failed"
    ok doc_error

    # A fatal error stops the run (exit 1) and names the step, in-process and
    # isolated. Records finished before it may be written, in order; none after.
    mixed_jsonl "$d/fatal.jsonl" '{"id": "stop", "text": "STOP-ALL now"}'
    run fatal_ref 0 "$tpipe" run "$d/fail.yaml" "${pp[@]}" -q -j 1 "$tmp/good.jsonl"
    local iso
    local isos=("" --isolate)
    [ -n "${TPIPE_SANITIZED:-}" ] && isos=("")
    for iso in "${isos[@]}"; do
        run "fatal$iso" 1 "$tpipe" run "$d/fail.yaml" "${pp[@]}" -q -j 1 $iso "$d/fatal.jsonl"
        expect_err "fatal$iso" "found the fatal marker"
        head -n 2 "$tmp/fatal_ref.out" | head -c "$(stat -c %s "$tmp/fatal$iso.out")" |
            cmp -s - "$tmp/fatal$iso.out" || fail "fatal$iso: records other than the first two"
    done
    ok fatal

    # --timeout alone cannot stop a thread safely: a usage error.
    run timeout_alone 2 "$tpipe" run "$d/all.yaml" "${pp[@]}" --timeout 1 "$tmp/good.jsonl"
    expect_err timeout_alone "--timeout needs --isolate"
    expect_no_out timeout_alone
    ok timeout_alone
}

# ---- security: plugin loading ----
group_security() {
    local d=$tmp/security
    mkdir -p "$d/plugins"
    chmod 755 "$d" "$d/plugins"
    cp "$fixtures/fx_fail.so" "$d/plugins/"
    printf 'version: 1\nsteps:\n  - plugin: tokenizer\n  - plugin: fx_fail\n' >"$d/p.yaml"
    printf 'version: 1\nsteps:\n  - plugin: tokenizer\n  - plugin: plugins/fx_fail.so\n' \
        >"$d/by-path.yaml"
    local so=$d/plugins/fx_fail.so
    run sec_ref 0 "$tpipe" run "$d/p.yaml" --plugin-path "$d/plugins" -q "${good[@]}"

    # A world-writable plugin file, then a world-writable folder: refused,
    # named, with the fix; --allow-insecure-plugins overrides.
    local why
    for why in "file:$so is world-writable" "folder:its folder $d/plugins is world-writable"; do
        local kind=${why%%:*} msg=${why#*:}
        if [ "$kind" = file ]; then chmod 666 "$so"; else chmod 644 "$so" && chmod 777 "$d/plugins"; fi
        run "insecure_$kind" 2 "$tpipe" run "$d/p.yaml" --plugin-path "$d/plugins" -q "${good[@]}"
        expect_err "insecure_$kind" "$so: refusing to load a plugin that others could have replaced: $msg"
        expect_err "insecure_$kind" "fix the permissions (chmod o-w) or pass --allow-insecure-plugins"
        expect_no_out "insecure_$kind"
        run "insecure_${kind}_path" 2 "$tpipe" validate "$d/by-path.yaml"
        expect_err "insecure_${kind}_path" "refusing to load a plugin that others could have replaced"
        run "insecure_${kind}_list" 0 "$tpipe" plugins --plugin-path "$d/plugins"
        grep -q "BROKEN.*refusing to load a plugin" "$tmp/insecure_${kind}_list.out" \
            "$tmp/insecure_${kind}_list.err" || fail "insecure_${kind}_list: not listed as broken"
        run "insecure_${kind}_allowed" 0 "$tpipe" run "$d/p.yaml" --plugin-path "$d/plugins" \
            --allow-insecure-plugins -q "${good[@]}"
        check "insecure_${kind}_allowed" --ref "$tmp/sec_ref.out" --count "$ngood"
    done
    chmod 755 "$d/plugins"
    ok insecure_file

    # Document content never names a plugin: a document that holds a pipeline
    # pointing at the crashing fixture, and metadata that does, changes nothing.
    ref_news
    python3 - "$fixtures/fx_crash.so" >"$d/content.jsonl" <<'PY'
import json, sys
so = sys.argv[1]
text = "version: 1\nplugin_path: [%s]\nsteps:\n  - plugin: %s\n  - plugin: fx_crash\nCRASH\n" % (
    so.rsplit("/", 1)[0], so)
print(json.dumps({"id": "content", "text": text, "plugin": so, "plugin_path": [so]}))
PY
    run content_plugin 0 env TPIPE_PLUGIN_PATH= "$tpipe" run "$news" -q "$d/content.jsonl"
    check content_plugin --count 1 --ok content
    ok content_plugin
}

# ---- huge_news: the news pipeline on the 100 MB document ----
# Every step must stay near-linear: 100 MB of news text (400,000 quotations,
# 1.15 M sentences) through news.yaml, with the limit raised, within 3
# minutes and 4 GiB.
group_huge_news() {
    local d=$tmp/huge_news
    mkdir -p "$d"
    python3 - "$src/examples/articles/bbc-sport-303.txt" "$d/huge.txt" <<'PY'
import sys
para = open(sys.argv[1], "rb").read().rstrip(b"\n") + b"\n\n"
open(sys.argv[2], "wb").write(para * (100_000_000 // len(para) + 1))
PY
    ref_news
    mixed "$d/huge.txt"
    run huge_news 0 timeout 180 "$tpipe" run "$news" -q -j 2 --max-document-bytes 200000000 \
        -o "$d/out.jsonl" "${M[@]}"
    mv "$d/out.jsonl" "$tmp/huge_news.out"
    expect_no_err huge_news
    check huge_news --ref "$tmp/ref_news.out" --count $((ngood + 1)) --ok "$d/huge.txt" \
        --stat "$d/huge.txt" bytes "$(stat -c %s "$d/huge.txt")"
    [ "$(rss_kb huge_news)" -lt $((4096 * 1024)) ] ||
        fail "huge_news: peak RSS $(rss_kb huge_news) KiB, over 4 GiB"
    ok huge_news
}

for g in "${groups[@]}"; do
    echo "== $g"
    "group_$g"
done
echo "robust battery: ok (${groups[*]})"

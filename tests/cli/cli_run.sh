#!/usr/bin/env bash
# cli_run.sh - tpipe run: records on stdout (jsonl when not a terminal), exit
# statuses 0/1/2/3, failed records and their stderr lines, -o via a temporary
# name, --format json, bad input (malformed JSONL, empty, binary, invalid
# UTF-8), stdin as a filter, identical output for any -j, --set, --shard,
# Ctrl-C keeping PATH.partial.
. "$(dirname "$0")/lib.sh" "$@"
write_pipeline
P=(--plugin-path "$FX")

printf 'alpha beta gamma\n' >a.txt
printf 'please FAIL-ME now' >b.txt
printf 'one two' >c.txt

t "records on stdout"
tp run "${P[@]}" p.yaml a.txt c.txt
expect_status 0
expect_err_empty
expect_records '
assert [r["id"] for r in recs] == ["a.txt", "c.txt"], recs
a = recs[0]
assert list(a.keys()) == ["id", "meta", "stats", "spans", "results", "warnings", "errors"], list(a)
assert a["stats"] == {"bytes": 17, "tokens": 3, "sentences": 1, "paragraphs": 1}, a["stats"]
assert a["results"]["fx_fail"] == {"ok": True}
w = a["results"]["fx_words"]
assert w["limit"] == 5 and w["limit_set"] is True and w["mode"] == "fast", w
assert w["tags"] == ["a", "b"], w
assert a["warnings"] == [] and a["errors"] == [] and a["meta"] == {}
'

t "path option is absolute, resolved against the pipeline folder"
expect_records '
import os
p = recs[0]["results"]["fx_words"]["path"]
assert os.path.isabs(p), p
assert p == os.path.join(os.path.realpath(os.getcwd()), "data/lexicon.txt"), p
'

t "a failed document: record, stderr line, exit 3"
tp run "${P[@]}" p.yaml a.txt b.txt c.txt
expect_status 3
expect_err_eq "tpipe: b.txt: step 'fx_fail': found the marker
tpipe: 1 of 3 documents failed (see the failed records)"
expect_records '
assert [r["id"] for r in recs] == ["a.txt", "b.txt", "c.txt"]
b = recs[1]
assert list(b.keys()) == ["id", "failed", "meta", "errors", "warnings"], list(b)
assert b["failed"] is True
assert b["errors"] == [{"step": "fx_fail", "message": "found the marker", "input_line": None}], b
assert "failed" not in recs[0] and "failed" not in recs[2]
'

t "--set reaches the plugin"
tp run "${P[@]}" --set fx_words.limit=77 --set fx_words.mode=slow --set "fx_fail.marker=alpha" p.yaml a.txt c.txt
expect_status 3
expect_err_line "tpipe: a.txt: step 'fx_fail': found the marker"
expect_records '
assert recs[0]["failed"] is True
w = recs[1]["results"]["fx_words"]
assert w["limit"] == 77 and w["mode"] == "slow", w
'

t "--set error stops before processing"
tp run "${P[@]}" --set fx_words.limit=500 p.yaml a.txt
expect_status 2
expect_out_empty
expect_err_eq "--set: error: 'fx_words.limit=500': option 'limit' (int): value 500 is out of range (allowed: 0..100)"

t "configuration error: exit 2, nothing on stdout"
printf 'version: 1\nsteps:\n  - plugin: fx_words\n    options: {limt: 1}\n' >bad.yaml
tp run "${P[@]}" bad.yaml a.txt
expect_status 2
expect_out_empty
expect_err_eq "bad.yaml:4:15: error: step 'fx_words': unknown option 'limt'; did you mean 'limit'? (allowed: upper, limit, mode, tags, path)"

t "missing input: exit 2"
tp run "${P[@]}" p.yaml a.txt nosuch.txt
expect_status 2
expect_out_empty
expect_err_eq "tpipe: input 'nosuch.txt': No such file or directory"

t "fatal error: exit 1 naming step and document"
printf 'x STOP-ALL y' >stop.txt
tp run "${P[@]}" -j 1 p.yaml a.txt stop.txt c.txt
expect_status 1
expect_err_line "tpipe: step 'fx_fail': found the fatal marker (document 'stop.txt')"
expect_records 'assert all(r["id"] != "c.txt" for r in recs), [r["id"] for r in recs]'

t "-o FILE: written via a temporary name and renamed"
mkdir -p out
tp run "${P[@]}" -o out/result.jsonl p.yaml a.txt b.txt c.txt
expect_status 3
expect_out_empty
check test -f out/result.jsonl "out/result.jsonl exists"
check test "$(ls out)" = "result.jsonl" "only the final file is left in out/: $(ls out | tr '\n' ' ')"
expect_records 'assert [r["id"] for r in recs] == ["a.txt", "b.txt", "c.txt"]' out/result.jsonl

t "-o FILE after a fatal error: no final file"
tp run "${P[@]}" -o out/fatal.jsonl p.yaml a.txt stop.txt
expect_status 1
check test ! -e out/fatal.jsonl "no out/fatal.jsonl after a fatal error"
check sh -c "! ls out | grep -q tmp" "no temporary file left: $(ls out | tr '\n' ' ')"

t "-o into a missing folder"
tp run "${P[@]}" -o nofolder/x.jsonl p.yaml a.txt
expect_status 1
check grep -qF "nofolder/x.jsonl: cannot create the output file: No such file or directory" "$WORK/.err" "says why"

t "--format json: one valid JSON array"
tp run "${P[@]}" --format json p.yaml a.txt b.txt c.txt
expect_status 3
expect_json '
assert isinstance(doc, list) and len(doc) == 3, doc
assert [r["id"] for r in doc] == ["a.txt", "b.txt", "c.txt"]
assert doc[1]["failed"] is True
'
t "-o FILE.json picks the json format"
tp run "${P[@]}" -o out/r.json p.yaml a.txt
expect_status 0
expect_json 'assert len(doc) == 1 and doc[0]["id"] == "a.txt"' out/r.json
t "--format json with no documents"
: >empty.jsonl
tp run "${P[@]}" --format json p.yaml empty.jsonl
expect_status 0
expect_out_eq "[]"
expect_json 'assert doc == []'

t "--format text"
tp run "${P[@]}" --format text p.yaml a.txt
expect_status 0
expect_out_contains "a.txt"

t "malformed JSONL line: a failed record naming its line, exit 3"
printf '{"id": "one", "text": "first doc", "lang": "en"}\nthis is not json\n\n{"id": "three", "text": "third"}\n{"id": "four"}\n' >docs.jsonl
tp run "${P[@]}" p.yaml docs.jsonl
expect_status 3
expect_err_line "tpipe: docs.jsonl:2: line 2: not valid JSON: '[' or '{' expected near 'this' (column 4)"
expect_err_line "tpipe: 2 of 4 documents failed (see the failed records)"
expect_records '
assert [r["id"] for r in recs] == ["one", "docs.jsonl:2", "three", "four"], [r["id"] for r in recs]
assert recs[0]["meta"] == {"lang": "en"}, recs[0]["meta"]
bad = recs[1]
assert bad["failed"] is True
e = bad["errors"][0]
assert e["step"] is None and e["input_line"] == 2, e
assert e["message"].startswith("line 2: not valid JSON"), e
four = recs[3]["errors"][0]
assert four["input_line"] == 5 and "text" in four["message"], four
assert "failed" not in recs[2]
'

t "empty file: one empty record"
: >empty.txt
tp run "${P[@]}" p.yaml empty.txt
expect_status 0
expect_records '
assert len(recs) == 1 and recs[0]["id"] == "empty.txt"
assert recs[0]["stats"]["bytes"] == 0 and recs[0]["stats"]["tokens"] == 0
'

t "binary file: processed with a warning, never dropped"
printf '\x00\x01\x02\xff\xfe\x00abc\x89PNG' >bin.dat
tp run "${P[@]}" p.yaml bin.dat
expect_status 0
expect_records '
r = recs[0]
assert r["id"] == "bin.dat" and "failed" not in r
assert r["warnings"] == ["input is not valid UTF-8: 5 bytes replaced with U+FFFD"], r["warnings"]
'

t "invalid UTF-8: a warning in the record"
printf 'caf\xe9 cr\xe8me' >latin1.txt
tp run "${P[@]}" p.yaml latin1.txt
expect_status 0
expect_records '
r = recs[0]
assert r["warnings"] == ["input is not valid UTF-8: 2 bytes replaced with U+FFFD"], r["warnings"]
assert r["stats"]["bytes"] == 14, r["stats"]
'

t "stdin as a filter: one record a line, nothing else"
python3 -c '
import json
for i in range(50):
    t = "doc %d FAIL-ME" % i if i % 10 == 3 else "doc number %d" % i
    print(json.dumps({"id": "s%02d" % i, "text": t, "n": i}))
' >many.jsonl
tp_in many.jsonl run "${P[@]}" p.yaml
expect_status 3
expect_records '
assert [r["id"] for r in recs] == ["s%02d" % i for i in range(50)]
assert [r["meta"]["n"] for r in recs] == list(range(50))
assert sum(1 for r in recs if r.get("failed")) == 5
'
tp_in many.jsonl run "${P[@]}" p.yaml -
expect_status 3
expect_records 'assert len(recs) == 50'

# A filter fed slowly answers each line before the next one comes: the
# producer waits for each record (5 s at most) before writing the next line.
for jobs in 1 2; do
    t "stdin as a slow filter with -j $jobs: a record per line as it comes"
    python3 - "$TPIPE" "$jobs" "$FX" "$WORK/p.yaml" >"$WORK/.out" 2>"$WORK/.err" <<'PY'
import json, select, subprocess, sys
tpipe, jobs, fx, pipeline = sys.argv[1:5]
p = subprocess.Popen([tpipe, "run", "--plugin-path", fx, "-j", jobs, pipeline, "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
for i in range(5):
    p.stdin.write((json.dumps({"id": "slow%d" % i, "text": "one two"}) + "\n").encode())
    p.stdin.flush()
    ready, _, _ = select.select([p.stdout], [], [], 5.0)
    if not ready:
        p.kill()
        sys.exit("no record for line %d within 5 s" % i)
    rec = json.loads(p.stdout.readline())
    if rec["id"] != "slow%d" % i:
        sys.exit("record %r for line %d" % (rec["id"], i))
p.stdin.close()
rest = p.stdout.read()
sys.exit(p.wait() or (1 if rest.strip() else 0))
PY
    STATUS=$?
    LAST_ARGS="run -j $jobs p.yaml - (fed one line at a time)"
    expect_status 0
done

t "plain text on stdin"
printf 'just some text' >plain.txt
tp_in plain.txt run "${P[@]}" p.yaml -
expect_status 0
expect_records 'assert len(recs) == 1 and recs[0]["id"] == "stdin" and recs[0]["stats"]["tokens"] == 3'

t "-j 1 and -j 4 give byte-identical output"
python3 -c '
import json
for i in range(400):
    t = ("w " * (i % 13)) + ("FAIL-ME" if i % 9 == 0 else "end")
    print(json.dumps({"id": "j%03d" % i, "text": t}))
' >big.jsonl
tp run "${P[@]}" -j 1 -o out/j1.jsonl p.yaml big.jsonl
expect_status 3
tp run "${P[@]}" -j 4 -o out/j4.jsonl p.yaml big.jsonl
expect_status 3
check cmp -s out/j1.jsonl out/j4.jsonl "-j1 and -j4 outputs differ"
expect_records 'assert [r["id"] for r in recs] == ["j%03d" % i for i in range(400)]' out/j4.jsonl

t "--shard K/N partitions the input"
for k in 1 2 3; do
    tp run "${P[@]}" --shard "$k/3" -o "out/shard$k.jsonl" p.yaml big.jsonl
done
python3 - out/shard1.jsonl out/shard2.jsonl out/shard3.jsonl <<'PY' || fail "shards do not partition the input"
import json, sys
shards = [[json.loads(l)["id"] for l in open(p)] for p in sys.argv[1:]]
ids = [i for s in shards for i in s]
assert len(ids) == len(set(ids)) == 400, (len(ids), len(set(ids)))
assert all(len(s) > 50 for s in shards), [len(s) for s in shards]
for s in shards:
    assert s == sorted(s), "a shard keeps input order"
PY
CHECKS=$((CHECKS + 1))

t "folder input"
mkdir -p corpus/sub
printf 'first' >corpus/b.txt
printf 'second' >corpus/a.txt
printf 'third' >corpus/sub/c.txt
printf 'hidden' >corpus/.hidden
tp run "${P[@]}" p.yaml corpus
expect_status 0
expect_records 'assert [r["id"] for r in recs] == ["corpus/a.txt", "corpus/b.txt", "corpus/sub/c.txt"], [r["id"] for r in recs]'

t "--stats prints per-step lines"
tp run "${P[@]}" --stats p.yaml a.txt
expect_status 0
check grep -qE '^fx_words +[0-9.]+s' "$WORK/.err" "a line for fx_words"
check grep -qE '^fx_fail +[0-9.]+s' "$WORK/.err" "a line for fx_fail"
check grep -qE '^total: 1 documents \(0 failed\)' "$WORK/.err" "a total line"
tp run "${P[@]}" --stats-json out/stats.json p.yaml a.txt b.txt
expect_status 3
expect_json 'assert doc["documents"] == 2 and doc["failed"] == 1 and [s["id"] for s in doc["steps"]] == ["fx_words", "fx_fail"], doc' out/stats.json

t "a plugin writing what it does not provide fails the document"
printf 'version: 1\nsteps:\n  - plugin: fx_perm\n' >perm.yaml
tp run "${P[@]}" perm.yaml a.txt
expect_status 3
expect_err_line "tpipe: a.txt: step 'fx_perm': not permitted: it wrote 'doc:undeclared' without providing it; add \"doc:undeclared\" to the plugin descriptor's provides"
expect_records 'e = recs[0]["errors"][0]; assert e["step"] == "fx_perm" and e["message"].startswith("not permitted: it wrote") and "doc:undeclared" in e["message"], e'

t "document larger than --max-document-bytes fails alone"
head -c 5000 /dev/zero | tr '\0' 'x' >huge.txt
tp run "${P[@]}" --max-document-bytes 1000 p.yaml a.txt huge.txt c.txt
expect_status 3
expect_records '
assert [r["id"] for r in recs] == ["a.txt", "huge.txt", "c.txt"]
assert recs[1]["failed"] is True and recs[1]["errors"][0]["step"] is None
assert "1000" in recs[1]["errors"][0]["message"], recs[1]["errors"][0]["message"]
'

t "a plugin whose load() fails: exit 2, nothing processed"
printf 'version: 1\nsteps:\n  - plugin: fx_load\n    options: {lexicon: lex/words.txt}\n' >load.yaml
tp run "${P[@]}" load.yaml a.txt
expect_status 0
expect_records 'assert len(recs) == 1 and "failed" not in recs[0]'
tp run "${P[@]}" --set fx_load.fail=yes load.yaml a.txt
expect_status 2
expect_out_empty
expect_err_eq "tpipe: step 'fx_load' (plugin fx_load): load failed: cannot read lexicon $(pwd -P)/lex/words.txt"

# Documents that finish out of order (every fifth takes 0.1 s) still come
# out in input order, with failures in place, for any number of workers.
{ cat p.yaml; printf '  - plugin: fx_hang\n'; } >uneven.yaml
python3 -c '
import json
for i in range(60):
    t = ("SLOW " if i % 5 == 2 else "") + ("FAIL-ME" if i % 7 == 3 else "w %d" % i)
    print(json.dumps({"id": "u%02d" % i, "text": t}))
' >uneven.jsonl
t "uneven documents with -j 1"
tp run "${P[@]}" -j 1 -o out/u1.jsonl uneven.yaml uneven.jsonl
expect_status 3
for jobs in 3 8; do
    t "uneven documents with -j $jobs: input order, same bytes as -j 1"
    tp run "${P[@]}" -j "$jobs" -o "out/u$jobs.jsonl" uneven.yaml uneven.jsonl
    expect_status 3
    check cmp -s out/u1.jsonl "out/u$jobs.jsonl" "-j1 and -j$jobs outputs differ"
done
expect_records '
assert [r["id"] for r in recs] == ["u%02d" % i for i in range(60)]
assert [i for i, r in enumerate(recs) if r.get("failed")] == [i for i in range(60) if i % 7 == 3]
' out/u8.jsonl

# Ctrl-C: each document takes 0.1 s (fx_hang on SLOW), so the run is still
# going when SIGINT comes; what was written is kept as PATH.partial and the
# message says so.
printf 'version: 1\nsteps:\n  - plugin: fx_hang\n' >slow.yaml
python3 -c '
import json
for i in range(100):
    print(json.dumps({"id": "s%02d" % i, "text": "SLOW"}))
' >slow.jsonl
for jobs in 1 2; do
    t "Ctrl-C with -j $jobs: records kept in PATH.partial, no final file"
    rm -f out/int.jsonl out/int.jsonl.partial
    "$TPIPE" run "${P[@]}" -q -j "$jobs" -o out/int.jsonl slow.yaml slow.jsonl \
        >"$WORK/.out" 2>"$WORK/.err" </dev/null &
    TP_PID=$!
    sleep 1.5
    kill -INT "$TP_PID"
    wait "$TP_PID"; STATUS=$?
    LAST_ARGS="run -j $jobs -o out/int.jsonl slow.yaml slow.jsonl (SIGINT after 1.5 s)"
    expect_status 1
    check test ! -e out/int.jsonl "no final file after Ctrl-C"
    n=$(wc -l <out/int.jsonl.partial 2>/dev/null || echo 0)
    expect_err_line "tpipe: interrupted: $n records written (kept in out/int.jsonl.partial)"
    check test "$n" -ge 3 "the records done before Ctrl-C are kept (got $n)"
    check test "$n" -lt 100 "stopped before the end of the input (got $n)"
    expect_records "assert [r['id'] for r in recs] == ['s%02d' % i for i in range($n)]" \
        out/int.jsonl.partial
done

finish

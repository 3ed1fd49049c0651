#!/usr/bin/env bash
# cli_basic.sh - the tpipe command itself: help for every verb, the version,
# and usage errors (exit status 2 with a message saying what to do).
. "$(dirname "$0")/lib.sh" "$@"
write_pipeline

t "help"
tp --help
expect_status 0
expect_out_line "usage: tpipe <command> [options]"
expect_out_contains "  run PIPELINE [INPUT...]"
expect_out_contains "Exit status: 0 all documents ok, 1 fatal error, 2 usage or configuration error,"
expect_err_empty
tp -h
expect_status 0
expect_out_line "usage: tpipe <command> [options]"

t "no arguments"
tp
expect_status 2
expect_out_empty
expect_err_line "usage: tpipe <command> [options]"

t "version"
tp --version
expect_status 0
check grep -qxE 'tpipe [0-9]+\.[0-9]+\.[0-9]+ \(plugin ABI [0-9]+\.[0-9]+\)' "$WORK/.out" \
    "--version output: $(cat "$WORK/.out")"

t "unknown command"
tp frobnicate
expect_status 2
expect_err_eq "tpipe: unknown command 'frobnicate'; run 'tpipe --help' for the list"

for verb in run validate plugins; do
    t "$verb --help"
    tp "$verb" --help
    expect_status 0
    expect_out_contains "usage: tpipe $verb [options]"
    expect_err_empty
    tp "$verb" -h
    expect_status 0
    expect_out_contains "usage: tpipe $verb [options]"
    t "$verb unknown option"
    tp "$verb" --no-such-option p.yaml
    expect_status 2
    check grep -qF "unrecognized option '--no-such-option'" "$WORK/.err" "names the bad option"
    check grep -qF "usage: tpipe $verb" "$WORK/.err" "prints the usage"
done

t "run help documents every exit status"
tp run --help
expect_out_contains "3 finished but some documents failed"
expect_out_contains "--shard K/N"

t "run without a pipeline"
tp run
expect_status 2
expect_err_eq "tpipe: run: missing PIPELINE; e.g. tpipe run pipelines/news.yaml examples/articles"

t "validate without a pipeline"
tp validate
expect_status 2
expect_err_line "usage: tpipe validate [options] PIPELINE"

t "validate with two pipelines"
tp validate p.yaml p.yaml
expect_status 2

t "bad --jobs"
tp run -j 0 p.yaml x.txt
expect_status 2
expect_err_eq "tpipe: --jobs: '0' is not a number from 1 to 256"
tp run -j many p.yaml x.txt
expect_status 2
expect_err_eq "tpipe: --jobs: 'many' is not a number from 1 to 256"

t "bad --format"
tp run --format xml p.yaml x.txt
expect_status 2
expect_err_eq "tpipe: --format: 'xml' is not one of text, json, jsonl"

t "bad --shard"
for bad in 0/3 4/3 3 1/0 a/b 1/3x; do
    tp run --shard "$bad" p.yaml x.txt
    expect_status 2
    expect_err_eq "tpipe: --shard: '$bad' is not K/N with 1 <= K <= N"
done

t "bad --color and --width"
tp run --color sometimes p.yaml x.txt
expect_status 2
expect_err_eq "tpipe: --color: 'sometimes' is not one of auto, always, never"
tp run --width 5 p.yaml x.txt
expect_status 2
expect_err_eq "tpipe: --width: '5' is not a number from 20 to 1000"

t "bad --max-document-bytes"
tp run --max-document-bytes 0 p.yaml x.txt
expect_status 2
check grep -qF "tpipe: --max-document-bytes: '0' is not a size from 1 to" "$WORK/.err" "message"

finish

#!/usr/bin/env python3
"""Throughput of the quotes step beside the tokenizer's, single-threaded.

Builds a JSONL corpus of at least --mb megabytes (default 50) by repeating
the BBC articles in ../shared/data/bbc/articles, runs
`tpipe run pipelines/tokens.yaml` and `tpipe run pipelines/quotes.yaml` over
it with -j1 and --stats-json, and prints each step's MB/s (the time spent in
the step itself, from the core's per-step clock), the tokenizer+quotes MB/s
(the two steps together, without input parsing and output), the whole run's
MB/s, and the quotes step's time as a multiple of the tokenizer's.

Usage: bench/quotes/bench_quotes.py [--tpipe build/tpipe] [--mb 50]
       [--articles ../shared/data/bbc/articles] [--runs 3]
       [--plugin-path DIR] [--corpus FILE] [--keep-corpus FILE]
Run from the repository root. Python 3 standard library only.

--plugin-path DIR runs the plugins found in DIR first (e.g. a saved copy of
an older quotes.so beside the tokenizer.so, to compare two versions on one
machine); --corpus FILE reuses a corpus built before, --keep-corpus FILE
saves the one built. Timings on a busy machine vary a lot: compare versions
by alternating runs, or count instructions with
`valgrind --tool=callgrind` on `tpipe run pipelines/quotes.yaml CORPUS -j 1`.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile


def build_corpus(articles, mb, path):
    files = sorted(glob.glob(os.path.join(articles, "**", "*.txt"), recursive=True))
    if not files:
        return 0, 0
    texts = [open(f, encoding="utf-8").read() for f in files]
    size = docs = 0
    rnd = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < mb * 1e6:
            for f, t in zip(files, texts):
                out.write(json.dumps({"id": "%d/%s" % (rnd, os.path.relpath(f, articles)),
                                      "text": t}) + "\n")
                size += len(t.encode("utf-8"))
                docs += 1
            rnd += 1
    return size, docs


def run(tpipe, pipeline, corpus, stats, plugin_path=None):
    cmd = [tpipe, "run", pipeline, corpus, "-j", "1", "-q", "--format", "jsonl",
           "--stats-json", stats]
    if plugin_path:
        cmd += ["--plugin-path", plugin_path]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return json.load(open(stats))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tpipe", default="build/tpipe")
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--articles", default="../shared/data/bbc/articles")
    ap.add_argument("--runs", type=int, default=3, help="best of N runs")
    ap.add_argument("--plugin-path", help="search this folder for plugins first")
    ap.add_argument("--corpus", help="use this JSONL corpus instead of building one")
    ap.add_argument("--keep-corpus", help="save the corpus built to this file")
    args = ap.parse_args()
    if not args.corpus and not os.path.isdir(args.articles):
        print("bench_quotes: skipped: %s is absent" % args.articles)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            corpus = args.corpus
            size = docs = 0
            for line in open(corpus, encoding="utf-8"):
                size += len(json.loads(line)["text"].encode("utf-8"))
                docs += 1
        else:
            corpus = args.keep_corpus or os.path.join(tmp, "corpus.jsonl")
            size, docs = build_corpus(args.articles, args.mb, corpus)
        stats = os.path.join(tmp, "stats.json")
        best = {}
        for _ in range(args.runs):
            for name in ("tokens", "quotes"):
                s = run(args.tpipe, "pipelines/%s.yaml" % name, corpus, stats, args.plugin_path)
                steps = {st["id"]: st["seconds"] for st in s["steps"]}
                # Each figure is its own best: on a shared machine the run
                # with the best total rarely has the best step times.
                b = best.setdefault(name, {"seconds": s["seconds"], "steps": dict(steps)})
                b["seconds"] = min(b["seconds"], s["seconds"])
                for k, v in steps.items():
                    b["steps"][k] = min(b["steps"].get(k, v), v)
        q = best["quotes"]["steps"]
        tok = q.get("tokenizer")
        quo = q.get("quotes")
        mb = size / 1e6
        print("corpus: %d documents, %.1f MB (%s), 1 thread, best of %d"
              % (docs, mb, args.corpus or "BBC articles repeated", args.runs))
        print("tokenizer step:        %7.1f MB/s" % (mb / tok))
        print("quotes step:           %7.1f MB/s" % (mb / quo))
        print("tokenizer + quotes:    %7.1f MB/s  (quotes step: %.2fx the tokenizer's time)"
              % (mb / (tok + quo), quo / tok))
        print("whole run, tokens.yaml: %6.1f MB/s  quotes.yaml: %.1f MB/s (input, output incl.)"
              % (mb / best["tokens"]["seconds"], mb / best["quotes"]["seconds"]))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as e:
        sys.exit("bench_quotes: tpipe failed: %s" % e)

#!/usr/bin/env python3
"""Throughput and memory of tpipe pipelines on the BBC articles.

Builds a JSONL corpus by repeating ../shared/data/bbc/articles (each copy
with its own ids) to a target size, runs each pipeline with -j1 and -jN,
and reports MB/s, docs/s, peak RSS and the per-step split from --stats-json.
Also runs the news pipeline at 1x and 10x corpus size to show that peak RSS
does not grow with the collection.

usage: bench/bench.py [--tpipe build/tpipe] [--mb 100] [--quick]
"""
import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "bbc", "articles")


def load_articles():
    docs = []
    for topic in sorted(os.listdir(DATA)):
        folder = os.path.join(DATA, topic)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                docs.append((f"{topic}/{name}", f.read()))
    return docs


def build_corpus(path, docs, target_bytes):
    written = copy = count = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target_bytes:
            for doc_id, text in docs:
                out.write(json.dumps({"id": f"{copy}/{doc_id}", "text": text}) + "\n")
                written += len(text.encode("utf-8"))
                count += 1
            copy += 1
    return written, count


def run(tpipe, pipeline, corpus, jobs):
    """Runs one pipeline; returns (seconds, stats dict, peak RSS in MiB,
    CPU seconds: user + system of the run, to show how many cores it used)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as st:
        stats_path = st.name
    cmd = [tpipe, "run", pipeline, corpus, "-q", "-j", str(jobs), "-o", os.devnull,
           "--stats-json", stats_path]
    # A fresh process per run: ru_maxrss of the children is this run's peak.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    child = subprocess.run(cmd, stderr=subprocess.PIPE)
    seconds = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = after.ru_maxrss
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if child.returncode not in (0, 3):
        sys.exit(f"tpipe failed ({child.returncode}): {child.stderr.decode()}")
    with open(stats_path) as f:
        stats = json.load(f)
    os.unlink(stats_path)
    return seconds, stats, peak_kib / 1024.0, cpu


def rss_probe(tpipe, pipeline, corpus, jobs):
    """Peak RSS of one run measured in a separate Python, so that earlier
    runs' peaks do not mask it (RUSAGE_CHILDREN keeps the maximum)."""
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],check=False,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, tpipe, "run", pipeline, corpus, "-q",
                          "-j", str(jobs), "-o", os.devnull], capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tpipe", default=os.path.join(ROOT, "build", "tpipe"))
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size in MB")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--pipelines", default="tokens,quotes,sentiment,summary,news")
    ap.add_argument("--quick", action="store_true", help="10 MB, no 10x memory check")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        print(f"SKIP: {DATA} not found (the BBC articles live in ../shared/data)")
        return 0
    if args.quick:
        args.mb = 10.0
    docs = load_articles()
    tmp = tempfile.mkdtemp(prefix="tpipe-bench-")
    corpus = os.path.join(tmp, "corpus.jsonl")
    size, count = build_corpus(corpus, docs, int(args.mb * 1e6))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"corpus: {count} documents, {size / 1e6:.1f} MB of text "
          f"({len(docs)} BBC articles repeated)\n")
    print(f"{'pipeline':<10} {'jobs':>4} {'MB/s':>8} {'docs/s':>9} {'wall s':>7} {'cpu s':>6} "
          f"{'peak RSS':>9}  steps")
    results = {}
    for name in args.pipelines.split(","):
        pipeline = os.path.join(ROOT, "pipelines", f"{name}.yaml")
        if not os.path.exists(pipeline):
            continue
        for jobs in sorted({1, args.jobs}):
            seconds, stats, _, cpu = run(args.tpipe, pipeline, corpus, jobs)
            rss = rss_probe(args.tpipe, pipeline, corpus, jobs)
            mbs = stats["bytes"] / 1e6 / stats["seconds"]
            steps = ", ".join(f"{s['id']} {s['mb_per_s']:.0f}" for s in stats["steps"])
            print(f"{name:<10} {jobs:>4} {mbs:>8.1f} {stats['docs_per_s']:>9.0f} "
                  f"{stats['seconds']:>7.2f} {cpu:>6.2f} {rss:>7.1f}MB  {steps} (MB/s per step, one core)")
            results[(name, jobs)] = mbs
    if ("news", 1) in results and ("news", args.jobs) in results and args.jobs > 1:
        print(f"\nnews: -j{args.jobs} is {results[('news', args.jobs)] / results[('news', 1)]:.2f}x -j1")
    if not args.quick and os.path.exists(os.path.join(ROOT, "pipelines", "news.yaml")):
        big = os.path.join(tmp, "corpus10.jsonl")
        with open(big, "w") as out:
            for _ in range(10):
                with open(corpus) as f:
                    for line in f:
                        out.write(line)
        news = os.path.join(ROOT, "pipelines", "news.yaml")
        r1 = rss_probe(args.tpipe, news, corpus, args.jobs)
        r10 = rss_probe(args.tpipe, news, big, args.jobs)
        print(f"news peak RSS: {r1:.1f} MB at 1x ({size / 1e6:.0f} MB), "
              f"{r10:.1f} MB at 10x ({10 * size / 1e6:.0f} MB)")
        os.unlink(big)
    os.unlink(corpus)
    os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

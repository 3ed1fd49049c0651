#!/usr/bin/env python3
"""Builds a throughput corpus for the summary step: the BBC articles repeated
as JSONL records ({"id", "text"}) until about TARGET bytes of text.

Usage: make_corpus.py OUT.jsonl [TARGET_BYTES] [--data ../shared/data/bbc]
Then: build/tpipe run pipelines/summary.yaml OUT.jsonl -q -j 1 -o /dev/null --stats
"""
import argparse
import glob
import json
import os


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("target", nargs="?", type=int, default=20_000_000)
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data", "bbc"))
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "articles", "*", "*.txt")))
    if not files:
        raise SystemExit("no BBC articles under %s" % args.data)
    total = rep = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while total < args.target:
            for f in files:
                with open(f, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                out.write(json.dumps({"id": "%s#%d" % (f, rep), "text": text},
                                     ensure_ascii=False) + "\n")
                total += len(text.encode("utf-8"))
            rep += 1
    print("%d bytes of text, %d copies" % (total, rep))


if __name__ == "__main__":
    main()

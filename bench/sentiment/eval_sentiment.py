#!/usr/bin/env python3
"""Evaluate the sentiment plugin against the human ratings of Hutto & Gilbert
(ICWSM 2014): ../shared/data/sentiment/*_GroundTruth.txt, one item a line as
id<TAB>mean rating (-4..4)<TAB>text.

Reports, per file: Pearson r of the compound score with the mean rating, and
the 3-class macro-F1, where the gold class is positive when the mean rating
is >= 0.5, negative when <= -0.5, neutral otherwise, and the predicted class
is positive when compound >= 0.05, negative when <= -0.05 (the plugin's
default threshold), neutral otherwise.

It converts each file to JSONL ({"id", "text"}) and runs the real pipeline:
    build/tpipe run pipelines/sentiment.yaml ITEMS.jsonl --format jsonl

Usage (from the repository root):
    python3 bench/sentiment/eval_sentiment.py [--tpipe build/tpipe] [--set K=V ...]
e.g. --set sentiment.aggregate=sum to compare the aggregation rules.
Exit status 0 when both correlation targets are met. Python 3 stdlib only.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

FILES = [("tweets", "tweets_GroundTruth.txt", 0.86),
         ("movie snippets", "movieReviewSnippets_GroundTruth.txt", 0.46)]


def read_items(path):
    items = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line:
                continue
            parts = line.split("\t", 2)
            if len(parts) != 3:
                sys.exit(f"{path}:{n}: expected id<TAB>rating<TAB>text")
            items.append((parts[0], float(parts[1]), parts[2]))
    return items


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def klass(v, t):
    return 1 if v >= t else -1 if v <= -t else 0


def macro_f1(gold, pred):
    f1s = []
    for c in (-1, 0, 1):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 3


def run_tpipe(args, items, tmp):
    src = os.path.join(tmp, "items.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i, _, text in items:
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    cmd = [args.tpipe, "run", args.pipeline, src, "--format", "jsonl"]
    for s in args.set or []:
        cmd += ["--set", s]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 3):
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    scores = {}
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        sent = (rec.get("results") or {}).get("sentiment") or {}
        scores[str(rec["id"])] = float(sent.get("compound") or 0.0)
    return [scores.get(i, 0.0) for i, _, _ in items]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data/sentiment")
    ap.add_argument("--tpipe", default="build/tpipe")
    ap.add_argument("--pipeline", default="pipelines/sentiment.yaml")
    ap.add_argument("--set", action="append", help="passed to tpipe run --set")
    args = ap.parse_args()
    if not os.access(args.tpipe, os.X_OK):
        sys.exit(f"{args.tpipe} not found: build first (cmake --build build)")
    if not os.path.isdir(args.data):
        print(f"skipped: {args.data} is absent (the shared data folder)")
        return 0
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, fname, target in FILES:
            path = os.path.join(args.data, fname)
            items = read_items(path)
            pred = run_tpipe(args, items, tmp)
            if len(pred) != len(items):
                sys.exit(f"{name}: {len(pred)} scores for {len(items)} items")
            gold = [r for _, r, _ in items]
            r = pearson(pred, gold)
            f1 = macro_f1([klass(g, 0.5) for g in gold], [klass(p, 0.05) for p in pred])
            met = r >= target
            ok &= met
            print(f"{name:15s} n={len(items):5d}  pearson r={r:.3f} (target {target:.2f}, "
                  f"{'met' if met else 'NOT met'})  macro-F1={f1:.3f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

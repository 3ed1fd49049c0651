#!/usr/bin/env python3
"""ROUGE evaluation of the summary plugin on the BBC News Summary references.

Scores, as F1 x 100 averaged over articles (macro), with the definitions of
ROUGE-1.5.5 as reimplemented by Google's rouge-score: lower-case, every run of
characters other than [a-z0-9] separates tokens, Porter stemming of tokens
longer than three characters (bench/summary/porter.py, written from the
algorithm's description), no stop-word removal.
  ROUGE-1 / ROUGE-2: clipped unigram / bigram overlap.
  ROUGE-Lsum: summary-level LCS, the union LCS of each reference sentence
  against every candidate sentence.

Systems: the plugin (one run per configuration), lead-3 and a greedy oracle
(adds the article sentence that most raises R-1 + R-2 F1, up to three), all
from the same sentence split (the tokenizer's). As a check of lead bias it
also reports R-1/R-2 recall against each article's headline (a human-written
line, unlike the machine-selected references), and the mean summary length in
ROUGE tokens (recall grows with length: compare like with like).

Input comes from either runner:
  --driver build/bench/summarize_files     (harness driver, no CLI needed)
  --tpipe build/tpipe                      (tpipe run pipelines/summary.yaml)

Usage: eval_rouge.py (--driver PATH | --tpipe PATH) [--data ../shared/data/bbc]
                     [--limit N] [--only NAME | OPTION=VALUE,...] [--idf FILE]
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from porter import stem  # noqa: E402

# The default (position_weight 1) is meant for human-written highlights,
# which reward the lead; these references are machine-selected and reward
# centrality, so the centrality settings are scored beside it.
CONFIGS = [
    ("plugin default", []),
    ("textrank, position_weight 0.5", ["position_weight=0.5"]),
    ("textrank, no position prior", ["position_weight=0"]),
    ("lexrank, position_weight 0.5", ["method=lexrank", "position_weight=0.5"]),
    ("lexrank, no position prior", ["method=lexrank", "position_weight=0"]),
    ("plugin lead", ["method=lead"]),
]

_stem_cache = {}


def tokens(text):
    out = []
    for t in re.sub(r"[^a-z0-9]+", " ", text.lower()).split():
        if len(t) > 3:
            s = _stem_cache.get(t)
            if s is None:
                s = _stem_cache[t] = stem(t)
            t = s
        out.append(t)
    return out


def ngrams(toks, n):
    counts = {}
    for i in range(len(toks) - n + 1):
        g = tuple(toks[i:i + n])
        counts[g] = counts.get(g, 0) + 1
    return counts


def f1(overlap, cand, ref):
    if cand == 0 or ref == 0 or overlap == 0:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


def rouge_n(cand_toks, ref_toks, n):
    c, r = ngrams(cand_toks, n), ngrams(ref_toks, n)
    overlap = sum(min(v, r.get(g, 0)) for g, v in c.items())
    return overlap, sum(c.values()), sum(r.values())


def lcs_table(a, b):
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        ai = a[i - 1]
        row, prev = t[i], t[i - 1]
        for j in range(1, len(b) + 1):
            row[j] = prev[j - 1] + 1 if ai == b[j - 1] else max(prev[j], row[j - 1])
    return t


def lcs_positions(a, b):
    """Indexes into `a` (the reference sentence) of one LCS with `b`."""
    t = lcs_table(a, b)
    i, j, out = len(a), len(b), []
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(i - 1)
            i, j = i - 1, j - 1
        elif t[i - 1][j] >= t[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


def rouge_lsum(cand_sents, ref_sents):
    cand = [tokens(s) for s in cand_sents]
    ref = [tokens(s) for s in ref_sents]
    ref_total = sum(len(r) for r in ref)
    cand_total = sum(len(c) for c in cand)
    ref_counts, cand_counts = {}, {}
    for r in ref:
        for t in r:
            ref_counts[t] = ref_counts.get(t, 0) + 1
    for c in cand:
        for t in c:
            cand_counts[t] = cand_counts.get(t, 0) + 1
    hits = 0
    for r in ref:
        union = set()
        for c in cand:
            union.update(lcs_positions(r, c))
        for i in sorted(union):
            t = r[i]
            if ref_counts.get(t, 0) > 0 and cand_counts.get(t, 0) > 0:
                hits += 1
                ref_counts[t] -= 1
                cand_counts[t] -= 1
    return f1(hits, cand_total, ref_total)


def split_reference(summary, article_sents):
    """The BBC summary files concatenate sentences with no space: cut the
    text where an article sentence starts or ends inside it."""
    cuts = {0, len(summary)}
    for s in article_sents:
        s = s.strip()
        if len(s) < 8:
            continue
        at = summary.find(s)
        if at >= 0:
            cuts.add(at)
            cuts.add(at + len(s))
    # Remaining glued boundaries such as "paid.The".
    for m in re.finditer(r'[.!?]["\u201d]?(?=[A-Z"\u201c])', summary):
        cuts.add(m.end())
    cuts = sorted(cuts)
    parts = [summary[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    return [p for p in parts if p]


def scores(cand_sents, ref_text, ref_sents):
    c = tokens(" ".join(cand_sents))
    r = tokens(ref_text)
    r1 = f1(*rouge_n(c, r, 1))
    r2 = f1(*rouge_n(c, r, 2))
    rl = rouge_lsum(cand_sents, ref_sents)
    return r1, r2, rl


def recall_vs(cand_sents, line):
    c, r = tokens(" ".join(cand_sents)), tokens(line)
    o1, _, n1 = rouge_n(c, r, 1)
    o2, _, n2 = rouge_n(c, r, 2)
    return (o1 / n1 if n1 else 0.0), (o2 / n2 if n2 else 0.0)


def oracle(body, ref_toks, k=3):
    chosen, best = [], 0.0
    toks = [tokens(s) for s in body]
    for _ in range(k):
        pick = None
        for i in range(len(body)):
            if i in chosen:
                continue
            cand = sum((toks[j] for j in sorted(chosen + [i])), [])
            v = f1(*rouge_n(cand, ref_toks, 1)) + f1(*rouge_n(cand, ref_toks, 2))
            if v > best:
                best, pick = v, i
        if pick is None:
            break
        chosen.append(pick)
    return [body[i] for i in sorted(chosen)]


def run_records(args, sets):
    articles = os.path.join(args.data, "articles")
    if args.driver:
        cmd = [args.driver]
        for s in sets:
            cmd += ["-s", s]
        cmd.append(articles)
    else:
        pipeline = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "pipelines", "summary.yaml")
        cmd = [args.tpipe, "run", pipeline, articles, "--format", "jsonl", "-j", "1",
               "--set", "tokenizer.emit_sentences=true"]
        for s in sets:
            cmd += ["--set", "summary." + s]
    out = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if out.returncode not in (0, 3):
        sys.exit("runner failed (%d): %s" % (out.returncode, out.stderr[-2000:]))
    recs = []
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        summary = rec.get("summary") or rec.get("results", {}).get("summary", {})
        sents = [{"text": s["text"], "heading": bool(s.get("heading"))}
                 for s in rec.get("sentences", [])]
        recs.append({"id": rec["id"], "sentences": sents,
                     "picked": summary.get("sentences", [])})
    return recs


def reference_for(args, rec_id):
    rel = rec_id.split(os.sep + "articles" + os.sep, 1)[-1]
    with open(os.path.join(args.data, "summaries", rel), encoding="utf-8",
              errors="replace") as f:
        return f.read().strip()


def headline_of(rec):
    for s in rec["sentences"]:
        if s["heading"]:
            return s["text"]
        break
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--driver")
    g.add_argument("--tpipe")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data",
                                                   "bbc"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--only", help="evaluate one configuration: NAME or OPTION=VALUE,...")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--idf", help="also evaluate the default with this corpus idf file")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.data, "articles")):
        sys.exit("no BBC data at %s" % args.data)

    configs = list(CONFIGS)
    if args.idf:
        configs.append(("default, corpus idf", ["idf=" + os.path.abspath(args.idf)]))
    if args.only:
        named = [c for c in CONFIGS if c[0] == args.only]
        configs = named or [(args.only, args.only.split(","))]

    rows = []
    base = None
    for name, sets in configs:
        recs = run_records(args, sets)
        if args.limit:
            recs = recs[: args.limit]
        totals = [0.0] * 6
        for rec in recs:
            sents = [s["text"] for s in rec["sentences"]]
            ref = reference_for(args, rec["id"])
            ref_sents = split_reference(ref, sents)
            cand = [sents[i] for i in rec["picked"]]
            r = scores(cand, ref, ref_sents)
            h = recall_vs(cand, headline_of(rec))
            for i, v in enumerate(r + h + (len(tokens(" ".join(cand))) / 100.0,)):
                totals[i] += v
        n = max(len(recs), 1)
        rows.append((name, [100 * t / n for t in totals], len(recs)))
        if base is None:
            base = recs
    if not args.no_baselines and base:
        for name in ("lead-3", "oracle (greedy R-1+R-2)"):
            totals = [0.0] * 6
            for rec in base:
                body = [s["text"] for s in rec["sentences"] if not s["heading"]]
                ref = reference_for(args, rec["id"])
                ref_sents = split_reference(ref, [s["text"] for s in rec["sentences"]])
                if name == "lead-3":
                    cand = body[:3]
                else:
                    cand = oracle(body, tokens(ref))
                r = scores(cand, ref, ref_sents)
                h = recall_vs(cand, headline_of(rec))
                for i, v in enumerate(r + h + (len(tokens(" ".join(cand))) / 100.0,)):
                    totals[i] += v
            n = max(len(base), 1)
            rows.append((name, [100 * t / n for t in totals], len(base)))
    print("%-32s %6s %6s %7s | %8s %8s | %5s  (n)" % ("system", "R-1", "R-2", "R-Lsum",
                                                      "head-R1r", "head-R2r", "words"))
    for name, v, n in rows:
        print("%-32s %6.2f %6.2f %7.2f | %8.2f %8.2f | %5.1f  (%d)" % (name, *v, n))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Evaluate the quotes plugin against the hand-annotated gold set.

Runs `tpipe run pipelines/quotes.yaml <articles> --format jsonl`, then compares
predicted speech quotes with gold speech quotes (tests/data/quotes/gold.jsonl):

  exact match    same start and end
  lenient match  overlap >= 0.5 of the union (one-to-one, best overlap first)

and prints precision / recall / F1 of spans for both, speaker accuracy on the
lenient matches (names compared case- and space-insensitively; gold null and
predicted null agree), and kind accuracy over all gold quotes found.

Usage: bench/quotes/eval_quotes.py [--tpipe build/tpipe] [--gold FILE]
       [--pipeline pipelines/quotes.yaml] [--show] [--json]
Run from the repository root. Python 3 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys


def norm(name):
    if name is None:
        return None
    n = " ".join(name.replace("\u2019", "'").split()).lower()
    if n.startswith("the "):
        n = n[4:]
    return n


def overlap(a, b):
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union


def match(pred, gold, lenient):
    """One-to-one matching; returns a list of (pred_index, gold_index)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if lenient:
                o = overlap((p["start"], p["end"]), (g["start"], g["end"]))
                if o >= 0.5:
                    pairs.append((o, i, j))
            elif p["start"] == g["start"] and p["end"] == g["end"]:
                pairs.append((1.0, i, j))
    pairs.sort(key=lambda t: -t[0])
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def prf(tp, npred, ngold):
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tpipe", default="build/tpipe")
    ap.add_argument("--gold", default="tests/data/quotes/gold.jsonl")
    ap.add_argument("--pipeline", default="pipelines/quotes.yaml")
    ap.add_argument("--show", action="store_true", help="print every mismatch")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args()

    gold_dir = os.path.dirname(os.path.abspath(args.gold))
    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    paths = [os.path.join(gold_dir, g["article"]) for g in gold]
    cmd = [args.tpipe, "run", args.pipeline, *paths, "--format", "jsonl", "-j", "1"]
    proc = subprocess.run(cmd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 3):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("eval_quotes: tpipe failed with status %d" % proc.returncode)
    records = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            records[os.path.abspath(rec["id"])] = rec

    tot = dict(pred=0, gold=0, exact=0, lenient=0, spk_ok=0, spk_n=0,
               all_pred=0, all_gold=0, all_len=0, kind_ok=0)
    for g, path in zip(gold, paths):
        rec = records.get(os.path.abspath(path))
        if rec is None:
            sys.exit("eval_quotes: no output record for %s" % path)
        text = open(path, "rb").read()
        quotes = rec.get("spans", {}).get("quote", [])
        pred = [q for q in quotes if q.get("kind") == "speech"]
        gs = [q for q in g["quotes"] if q["kind"] == "speech"]
        tot["pred"] += len(pred)
        tot["gold"] += len(gs)
        tot["exact"] += len(match(pred, gs, False))
        lm = match(pred, gs, True)
        tot["lenient"] += len(lm)
        name = os.path.basename(path)
        for i, j in lm:
            tot["spk_n"] += 1
            if norm(pred[i].get("speaker")) == norm(gs[j]["speaker"]):
                tot["spk_ok"] += 1
            elif args.show:
                print("%s: speaker %r, gold %r: %s" % (name, pred[i].get("speaker"),
                      gs[j]["speaker"], gs[j]["text"][:70]))
        if args.show:
            mp = {i for i, _ in lm}
            mg = {j for _, j in lm}
            for j, q in enumerate(gs):
                if j not in mg:
                    print("%s: missed [%d,%d) %s" % (name, q["start"], q["end"], q["text"][:70]))
            for i, q in enumerate(pred):
                if i not in mp:
                    print("%s: extra  [%d,%d) %s" % (name, q["start"], q["end"],
                          text[q["start"]:q["end"]].decode("utf-8", "replace")[:70]))
        # Every quotation, any kind: spans and kinds.
        am = match(quotes, g["quotes"], True)
        tot["all_pred"] += len(quotes)
        tot["all_gold"] += len(g["quotes"])
        tot["all_len"] += len(am)
        for i, j in am:
            if quotes[i].get("kind") == g["quotes"][j]["kind"]:
                tot["kind_ok"] += 1
            elif args.show:
                print("%s: kind %s, gold %s: %s" % (name, quotes[i].get("kind"),
                      g["quotes"][j]["kind"], g["quotes"][j]["text"][:70]))

    ep, er, ef = prf(tot["exact"], tot["pred"], tot["gold"])
    lp, lr, lf = prf(tot["lenient"], tot["pred"], tot["gold"])
    ap_, ar, af = prf(tot["all_len"], tot["all_pred"], tot["all_gold"])
    spk = tot["spk_ok"] / tot["spk_n"] if tot["spk_n"] else 0.0
    kind = tot["kind_ok"] / tot["all_len"] if tot["all_len"] else 0.0
    out = {
        "articles": len(gold), "gold_speech": tot["gold"], "predicted_speech": tot["pred"],
        "exact": {"precision": ep, "recall": er, "f1": ef},
        "lenient": {"precision": lp, "recall": lr, "f1": lf},
        "speaker_accuracy": spk, "speaker_matched": tot["spk_n"],
        "all_quotes_lenient": {"precision": ap_, "recall": ar, "f1": af},
        "kind_accuracy": kind,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print("articles: %d  gold speech quotes: %d  predicted: %d"
          % (len(gold), tot["gold"], tot["pred"]))
    print("speech spans, exact:   P %.3f  R %.3f  F1 %.3f" % (ep, er, ef))
    print("speech spans, lenient: P %.3f  R %.3f  F1 %.3f" % (lp, lr, lf))
    print("speaker accuracy:      %.3f  (%d/%d lenient matches)"
          % (spk, tot["spk_ok"], tot["spk_n"]))
    print("all quotes, lenient:   P %.3f  R %.3f  F1 %.3f   kind accuracy %.3f"
          % (ap_, ar, af, kind))


if __name__ == "__main__":
    main()

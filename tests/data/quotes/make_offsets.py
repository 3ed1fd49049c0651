#!/usr/bin/env python3
"""Compute byte offsets for the hand-annotated quotation gold set.

Reads  gold_source.jsonl  (human-edited, one article per line):
    {"article": "articles/x.txt",
     "quotes": [{"text": "exact quoted words", "occurrence": 1,
                 "speaker": "Name" | null, "kind": "speech" | "other"}]}
`occurrence` (1-based, default 1) selects which occurrence of `text` in the
article's bytes is meant.  Paths are relative to this script's directory.

Writes gold.jsonl (same directory), one article per line:
    {"article": ..., "quotes": [{"start": B, "end": E, "text": ...,
                                 "speaker": ..., "kind": ...}]}
with quotes sorted by start.  start/end are BYTE offsets into the article's
UTF-8 bytes (end exclusive), so article_bytes[start:end] == text.encode().

Fails loudly (exit status 1, message on stderr, gold.jsonl not written) if a
text is not found, an occurrence is out of range, a kind is not
speech/other, an "other" quote has a speaker, spans overlap, or an
article is listed twice.

    python3 make_offsets.py            # write gold.jsonl
    python3 make_offsets.py --check    # also report quote marks not
                                       # adjacent to any annotated span
    python3 make_offsets.py --show     # print every quote for re-reading
    python3 make_offsets.py --set heldout   # heldout_source.jsonl -> heldout.jsonl

`--set NAME` reads NAME_source.jsonl and writes NAME.jsonl (default NAME:
gold), so every annotated set is checked and converted the same way.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "gold_source.jsonl")
OUT = os.path.join(HERE, "gold.jsonl")


def choose_set(argv):
    """Points SRC and OUT at the set `--set NAME` names (gold when absent)."""
    global SRC, OUT
    if "--set" not in argv:
        return
    k = argv.index("--set")
    if k + 1 >= len(argv) or not re.fullmatch(r"[A-Za-z0-9_-]+", argv[k + 1]):
        raise GoldError("--set needs a set name (letters, digits, _ or -)")
    SRC = os.path.join(HERE, argv[k + 1] + "_source.jsonl")
    OUT = os.path.join(HERE, argv[k + 1] + ".jsonl")
KINDS = ("speech", "other")

# Quote marks that can open/close a quotation in the articles.
DQ = ['"', "\u201c", "\u201d"]           # " “ ”
SQ = ["'", "\u2018", "\u2019"]           # ' ‘ ’


class GoldError(Exception):
    pass


def find_nth(hay, needle, n):
    pos = -1
    for _ in range(n):
        pos = hay.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def process(entry, lineno):
    art = entry.get("article")
    if not art:
        raise GoldError(f"line {lineno}: missing 'article'")
    path = os.path.join(HERE, art)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise GoldError(f"line {lineno}: cannot read {art}: {e}")
    out = []
    for qi, q in enumerate(entry.get("quotes", [])):
        where = f"line {lineno} ({art}) quote #{qi + 1}"
        text = q.get("text")
        if not isinstance(text, str) or not text:
            raise GoldError(f"{where}: missing or empty 'text'")
        if text != text.strip():
            raise GoldError(f"{where}: text has leading/trailing whitespace: {text!r}")
        kind = q.get("kind")
        if kind not in KINDS:
            raise GoldError(f"{where}: kind must be one of {KINDS}, got {kind!r}")
        if "speaker" not in q:
            raise GoldError(f"{where}: 'speaker' key is required (use null)")
        speaker = q["speaker"]
        if kind == "other" and speaker is not None:
            raise GoldError(f"{where}: kind 'other' must have speaker null")
        if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
            raise GoldError(f"{where}: speaker must be a non-empty string or null")
        occ = q.get("occurrence", 1)
        if not isinstance(occ, int) or occ < 1:
            raise GoldError(f"{where}: occurrence must be an integer >= 1")
        needle = text.encode("utf-8")
        start = find_nth(data, needle, occ)
        if start < 0:
            count = data.count(needle)
            raise GoldError(
                f"{where}: text not found (occurrence {occ}, found {count} "
                f"time(s)): {text[:80]!r}")
        out.append({"start": start, "end": start + len(needle), "text": text,
                    "speaker": speaker, "kind": kind})
    out.sort(key=lambda d: (d["start"], d["end"]))
    for a, b in zip(out, out[1:]):
        if b["start"] < a["end"]:
            raise GoldError(
                f"line {lineno} ({art}): overlapping spans {a['text'][:40]!r} "
                f"and {b['text'][:40]!r}")
        if a["start"] == b["start"]:
            raise GoldError(f"line {lineno} ({art}): duplicate span {a['text'][:40]!r}")
    return {"article": art, "quotes": out}, data


def check_marks(rec, data):
    """Warn about double quote marks not adjacent to an annotated span, and
    single quote marks that look like opening quotes (preceded by start of
    line/space/bracket) not adjacent to one.  Heuristic, for the annotator."""
    text = data.decode("utf-8")
    # character offset -> byte offset map via cumulative encoding
    b2c = {}
    bpos = 0
    for ci, ch in enumerate(text):
        b2c[bpos] = ci
        bpos += len(ch.encode("utf-8"))
    b2c[bpos] = len(text)
    covered = set()
    for q in rec["quotes"]:
        s, e = b2c[q["start"]], b2c[q["end"]]
        covered.add(s - 1)                    # opening mark
        covered.add(e)                        # closing mark
        # closing mark may follow trailing punctuation outside the span
        # (not BBC style, but allow one char of slack) and marks inside
        # the span (multi-paragraph re-opening marks, nested quotes)
        covered.add(e + 1)
        covered.update(range(s, e))
    warnings = []
    for q in rec["quotes"]:
        s, e = b2c[q["start"]], b2c[q["end"]]
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else "\n"
        if before not in DQ + SQ:
            print(f"  span {q['text'][:40]!r} is not preceded by a quote mark")
            warnings.append(None)
        if after not in DQ + SQ and after != "\n":
            print(f"  span {q['text'][:40]!r} is not followed by a quote mark "
                  f"or end of paragraph")
            warnings.append(None)
    for i, ch in enumerate(text):
        if ch in DQ and i not in covered:
            warnings.append((i, ch))
        elif ch in SQ and i not in covered:
            prev = text[i - 1] if i > 0 else "\n"
            nxt = text[i + 1] if i + 1 < len(text) else "\n"
            opening = (prev in " \n([" or prev in DQ) and nxt.isalnum()
            if opening:
                warnings.append((i, ch))
    for i, ch in [w for w in warnings if w]:
        ctx = text[max(0, i - 40): i + 40].replace("\n", "\\n")
        print(f"  unannotated mark {ch!r} at char {i}: ...{ctx}...")
    return len(warnings)


def main(argv):
    check = "--check" in argv
    show = "--show" in argv
    records = []
    seen = set()
    try:
        choose_set(argv)
        with open(SRC, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError as e:
                    raise GoldError(f"line {lineno}: bad JSON: {e}")
                if entry.get("article") in seen:
                    raise GoldError(f"line {lineno}: article {entry.get('article')} listed twice")
                seen.add(entry.get("article"))
                rec, data = process(entry, lineno)
                records.append((rec, data))
    except (GoldError, OSError) as e:
        print(f"make_offsets.py: ERROR: {e}", file=sys.stderr)
        return 1
    with open(OUT, "w", encoding="utf-8") as f:
        for rec, _ in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    nq = sum(len(r["quotes"]) for r, _ in records)
    print(f"wrote {OUT}: {len(records)} articles, {nq} quotes")
    total_warn = 0
    for rec, data in records:
        if show:
            print(f"== {rec['article']}")
            for q in rec["quotes"]:
                t = q["text"].replace("\n", "\\n")
                print(f"  [{q['start']}:{q['end']}] {q['kind']:6} "
                      f"{q['speaker'] if q['speaker'] else '-'} | {t}")
        if check:
            if not show:
                print(f"== {rec['article']}")
            total_warn += check_marks(rec, data)
    if check:
        print(f"{total_warn} unannotated-mark warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

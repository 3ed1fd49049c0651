#!/usr/bin/env python3
"""Validate the tpipe sentiment lexicon files in this folder.

Checks every *.txt file in this directory (not src/):
  - header/comment lines start with '#'; blank lines are not allowed
  - every data line has exactly one TAB: term<TAB>valence
  - term is non-empty, has no leading/trailing/double spaces
  - term is lower-case (except in emoticons.txt / emoji.txt, where case matters)
  - valence has one decimal place and lies in [-4.0, 4.0]
  - no term appears twice (within or across files)
Prints the number of entries per file and the total. Exit status 1 on any error.
"""
import os, re, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
VAL = re.compile(r"^-?\d\.\d$")
CASE_SENSITIVE = {"emoticons.txt", "emoji.txt"}

def main():
    errors = 0
    seen = {}
    counts = {}
    files = sorted(glob.glob(os.path.join(HERE, "*.txt")))
    if not files:
        print("no lexicon files found"); return 1
    for path in files:
        name = os.path.basename(path)
        n_entries = 0
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                def err(msg):
                    nonlocal errors
                    errors += 1
                    print(f"{name}:{n}: {msg}: {line!r}")
                if line.startswith("#"):
                    continue
                if not line.strip():
                    err("blank line"); continue
                if line.count("\t") != 1:
                    err("expected exactly one TAB"); continue
                term, val = line.split("\t")
                if not term or term != term.strip() or "  " in term:
                    err("bad spacing in term")
                if name not in CASE_SENSITIVE and term != term.lower():
                    err("term not lower-case")
                if not VAL.match(val):
                    err("valence must be a decimal with one decimal place"); continue
                v = float(val)
                if not -4.0 <= v <= 4.0:
                    err("valence out of [-4, 4]")
                if abs(v) < 0.3:
                    err("near-neutral valence (|v| < 0.3) should not be listed")
                if term in seen:
                    err(f"duplicate term (also in {seen[term]})")
                else:
                    seen[term] = f"{name}:{n}"
                n_entries += 1
        counts[name] = n_entries
    for name, c in counts.items():
        print(f"{name:18s} {c:6d}")
    print(f"{'TOTAL':18s} {sum(counts.values()):6d}")
    print("OK" if not errors else f"{errors} error(s)")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build the tpipe sentiment lexicon files from the hand-written drafts in src/.

Draft formats:
  src/idioms.draft          one entry per line: "multi word term VALUE" (last token = valence)
  every other src/*.draft   whitespace-separated pairs: "term VALUE term VALUE ..."
Lines starting with '#' are comments. Duplicates: the first claim wins, in the
priority order below (file order), then in line order within a file.
"""
import os, re, sys, glob
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
HEADER = """# tpipe sentiment lexicon -- {title}
# Format: term<TAB>valence   (exactly one TAB per line)
# valence: decimal with one decimal place in [-4.0, 4.0]
#   -4.0 = extremely negative, 0 = neutral, +4.0 = extremely positive
# Terms are lower-case, except emoticons (case matters, e.g. ":D", "XD").
# Multi-word idioms are written with single spaces between words.
# Negators, boosters/intensifiers and dampeners are NOT listed here (rules handle them).
# Written by the tpipe project team from their own judgement (see README.md).
"""
def parse(path):
    out = []
    idioms = os.path.basename(path) == "idioms.draft"
    keepcase = os.path.basename(path) in ("emoticons.draft", "emoji.draft")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            toks = s.split()
            if idioms:
                pairs = [(" ".join(toks[:-1]), toks[-1])]
            else:
                if len(toks) % 2:
                    sys.exit(f"{path}:{n}: odd token count: {s}")
                pairs = list(zip(toks[0::2], toks[1::2]))
            for t, v in pairs:
                try:
                    fv = float(v)
                except ValueError:
                    sys.exit(f"{path}:{n}: bad valence {v!r} for {t!r}")
                if not -4.0 <= fv <= 4.0:
                    sys.exit(f"{path}:{n}: out of range {fv} for {t!r}")
                if t.startswith('#'):
                    sys.exit(f"{path}:{n}: term may not start with '#': {t!r}")
                if not keepcase:
                    t = t.lower()
                out.append((t, fv, f"{os.path.basename(path)}:{n}"))
    return out

def main():
    order = ["emoticons.draft", "emoji.draft", "news.draft", "slang.draft", "idioms.draft"]
    wordfiles = sorted(p for p in glob.glob(os.path.join(SRC, "*.draft"))
                       if os.path.basename(p) not in order)
    seen = {}
    groups = {k: [] for k in ["emoticons.txt", "emoji.txt", "news.txt", "slang.txt",
                              "idioms.txt", "words_a_f.txt", "words_g_o.txt", "words_p_z.txt"]}
    dups = 0
    for name in order + [os.path.basename(p) for p in wordfiles]:
        p = os.path.join(SRC, name)
        if not os.path.exists(p):
            continue
        for t, v, where in parse(p):
            if abs(v) < 0.3:
                continue  # neutral: not listed
            if t in seen:
                dups += 1
                if os.environ.get("SHOWDUPS"):
                    print(f"dup {t!r} {where} (kept {seen[t][1]} from {seen[t][0]}; this {v})")
                continue
            if name in order:
                g = name.replace(".draft", ".txt")
            else:
                c = t[0]
                g = "words_a_f.txt" if c <= "f" else ("words_g_o.txt" if c <= "o" else "words_p_z.txt")
            seen[t] = (g, v)
            groups[g].append((t, v))
    titles = {"emoticons.txt": "ASCII emoticons", "emoji.txt": "Unicode emoji",
              "news.txt": "news / politics / conflict / economy vocabulary",
              "slang.txt": "social media and informal slang",
              "idioms.txt": "multi-word idioms and phrases",
              "words_a_f.txt": "general words a-f", "words_g_o.txt": "general words g-o",
              "words_p_z.txt": "general words p-z"}
    total = 0
    for g, items in groups.items():
        items.sort(key=lambda x: x[0])
        with open(os.path.join(HERE, g), "w", encoding="utf-8") as f:
            f.write(HEADER.format(title=titles[g]))
            for t, v in items:
                f.write(f"{t}\t{v:.1f}\n")
        print(f"{g:16s} {len(items):6d}")
        total += len(items)
    print(f"{'TOTAL':16s} {total:6d}   (duplicates dropped: {dups})")
main()

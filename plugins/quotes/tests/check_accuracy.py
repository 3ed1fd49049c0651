#!/usr/bin/env python3
"""Fails when the quotes plugin's accuracy on a hand-annotated set drops.

Runs bench/quotes/eval_quotes.py (--json) on every set in tests/data/quotes
and compares its speaker accuracy and exact span F1 with the floors below.
A floor sits two quotations' worth under the figure the set scored when it
was last raised, so a rule that trades one quotation for another passes and
a rule that loses more fails. Raise a floor when a set's figure rises; never
lower one to make a change pass without saying why in the commit.

The gold set's floors are also the issue's targets (span F1 >= 0.95,
speaker accuracy >= 0.90), whichever is higher.

Usage: check_accuracy.py TPIPE   (run from the repository root)
"""
import json
import os
import subprocess
import sys

# set: (speaker accuracy, exact span F1), the figures of session 9's end
# less two quotations (speaker) and 0.02 (spans).
FLOORS = {
    "gold": (210 / 221, 0.968),
    "heldout": (98 / 100, 0.980),
    "blind2": (83 / 89, 0.957),
    "blind3": (86 / 88, 0.974),
    "blind4": (86 / 88, 0.946),
    "blind5": (99 / 114, 0.958),
    "blind6": (89 / 98, 0.974),
    "blind7": (113 / 116, 0.967),
    "blind8": (90 / 96, 0.974),
    "blind9": (81 / 89, 0.925),
    "blind10": (59 / 62, 0.948),
    "blind11": (39 / 42, 0.933),
    "blind12": (46 / 53, 0.961),
}
TARGETS = {"gold": (0.90, 0.95)}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tpipe = sys.argv[1]
    failures = 0
    for name, (speaker_floor, f1_floor) in FLOORS.items():
        gold = os.path.join("tests", "data", "quotes", name + ".jsonl")
        out = subprocess.run(
            [sys.executable, "bench/quotes/eval_quotes.py", "--tpipe", tpipe, "--gold", gold,
             "--json"], capture_output=True, text=True)
        if out.returncode != 0:
            print("%s: eval_quotes.py failed:\n%s" % (name, out.stderr), file=sys.stderr)
            failures += 1
            continue
        got = json.loads(out.stdout)
        speaker, f1 = got["speaker_accuracy"], got["exact"]["f1"]
        target = TARGETS.get(name, (0.0, 0.0))
        speaker_floor, f1_floor = max(speaker_floor, target[0]), max(f1_floor, target[1])
        ok = speaker >= speaker_floor - 1e-9 and f1 >= f1_floor - 1e-9
        print("%-8s speaker %.3f (floor %.3f)  spans F1 %.3f (floor %.3f)  %s"
              % (name, speaker, speaker_floor, f1, f1_floor, "ok" if ok else "DROPPED"))
        failures += not ok
    if failures:
        print("%d set(s) below their floor: see `python3 bench/quotes/eval_quotes.py "
              "--gold tests/data/quotes/SET.jsonl --show`" % failures, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks a tpipe JSONL output file for the bad-input battery.

    records.py OUT [--ref REF] [--count N] [--ok ID] [--failed ID STEP TEXT]
                   [--warning ID TEXT] [--stat ID KEY VALUE] [--only-listed-failures]

OUT must be strict UTF-8 with one JSON object a line. --ref REF: every line
of REF (a run over the good documents alone) appears in OUT byte for byte and
in the same order, so a bad document changed nothing for the others. STEP
'-' stands for a null step (the input itself could not be read). Prints what
is wrong and exits 1, or prints a one-line summary.
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--ref")
    ap.add_argument("--count", type=int)
    ap.add_argument("--ok", action="append", default=[])
    ap.add_argument("--failed", nargs=3, action="append", default=[],
                    metavar=("ID", "STEP", "TEXT"))
    ap.add_argument("--warning", nargs=2, action="append", default=[], metavar=("ID", "TEXT"))
    ap.add_argument("--no-warnings", action="append", default=[], metavar="ID")
    ap.add_argument("--stat", nargs=3, action="append", default=[],
                    metavar=("ID", "KEY", "VALUE"))
    ap.add_argument("--only-listed-failures", action="store_true")
    a = ap.parse_args()

    problems = []
    with open(a.out, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit(f"{a.out}: output is not valid UTF-8: {e}")
    lines = text.splitlines()
    records = {}
    order = []
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            sys.exit(f"{a.out}:{n}: not a JSON record: {e}")
        if not isinstance(r, dict) or "id" not in r:
            sys.exit(f"{a.out}:{n}: a record must be an object with an id")
        if r["id"] in records:
            problems.append(f"id {r['id']!r} appears twice")
        records[r["id"]] = r
        order.append(r["id"])

    if a.count is not None and len(lines) != a.count:
        problems.append(f"{len(lines)} records, expected {a.count}")

    if a.ref:
        with open(a.ref, encoding="utf-8") as f:
            ref = f.read().splitlines()
        if not ref:
            problems.append(f"{a.ref}: the reference run wrote nothing")
        pos = {line: i for i, line in enumerate(lines)}
        last = -1
        for line in ref:
            rid = json.loads(line)["id"]
            i = pos.get(line)
            if i is None:
                got = records.get(rid)
                problems.append(f"record {rid!r} differs from the reference run" if got
                                else f"record {rid!r} is missing")
            elif i < last:
                problems.append(f"record {rid!r} is out of input order")
            else:
                last = i

    def get(rid):
        r = records.get(rid)
        if r is None:
            problems.append(f"no record for {rid!r} (have: {order[:8]}...)")
        return r

    for rid in a.ok:
        r = get(rid)
        if r and (r.get("failed") or "stats" not in r):
            problems.append(f"{rid!r} should have succeeded: {json.dumps(r)[:300]}")
    listed = set()
    for rid, step, msg in a.failed:
        listed.add(rid)
        r = get(rid)
        if not r:
            continue
        errs = r.get("errors") or [{}]
        if r.get("failed") is not True:
            problems.append(f"{rid!r} should have failed: {json.dumps(r)[:300]}")
        elif errs[0].get("step") != (None if step == "-" else step):
            problems.append(f"{rid!r}: failed in step {errs[0].get('step')!r}, expected {step!r}")
        elif msg not in errs[0].get("message", ""):
            problems.append(f"{rid!r}: message {errs[0].get('message')!r} lacks {msg!r}")
    for rid, msg in a.warning:
        r = get(rid)
        if r and not any(msg in w for w in r.get("warnings", [])):
            problems.append(f"{rid!r}: no warning containing {msg!r} in {r.get('warnings')}")
    for rid in a.no_warnings:
        r = get(rid)
        if r and r.get("warnings"):
            problems.append(f"{rid!r}: unexpected warnings {r['warnings']}")
    for rid, key, value in a.stat:
        r = get(rid)
        if r and str(r.get("stats", {}).get(key)) != value:
            problems.append(f"{rid!r}: stats.{key} = {r.get('stats', {}).get(key)}, expected {value}")
    if a.only_listed_failures:
        for rid in order:
            if records[rid].get("failed") and rid not in listed:
                problems.append(f"{rid!r} failed unexpectedly: {records[rid].get('errors')}")

    if problems:
        for p in problems:
            print(f"{a.out}: {p}", file=sys.stderr)
        sys.exit(1)
    failed = sum(1 for r in records.values() if r.get("failed"))
    print(f"{len(lines)} records ({failed} failed)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Asserts on tpipe's output records.

    check_record.py FILE.jsonl EXPR...

Each EXPR is a Python expression over `r` (the first record) and `records`
(all of them); the script fails, printing the expression and the record,
when one is false or raises.
"""
import json
import sys


def main():
    path, exprs = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if not records:
        sys.exit(f"FAIL: {path}: no records")
    r = records[0]
    for expr in exprs:
        try:
            ok = eval(expr, {}, {"r": r, "records": records})
        except Exception as e:  # noqa: BLE001 - any error is a failed check
            ok = False
            expr = f"{expr} ({type(e).__name__}: {e})"
        if not ok:
            excerpt = json.dumps(r.get("results"), ensure_ascii=False)[:2000]
            sys.exit(f"FAIL: {path}: {expr}\n  results: {excerpt}")


if __name__ == "__main__":
    main()

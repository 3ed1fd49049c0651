#!/usr/bin/env python3
"""measure.py STATS_FILE CMD [ARG...]: runs CMD (stdio inherited) and writes
"<peak RSS in KiB> <wall seconds>" to STATS_FILE; exits with CMD's status.
The peak RSS is getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest of the
children waited for, here the one command."""
import resource
import subprocess
import sys
import time

t0 = time.monotonic()
rc = subprocess.call(sys.argv[2:])
elapsed = time.monotonic() - t0
with open(sys.argv[1], "w") as f:
    f.write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {elapsed:.2f}\n")
sys.exit(rc if rc >= 0 else 128 - rc)

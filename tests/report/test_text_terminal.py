#!/usr/bin/env python3
"""The text format as people see it: tpipe run on a pseudo-terminal.

On a terminal the default format is text, coloured unless NO_COLOR is set
(and not empty), wrapped to the terminal's width (at most 120 columns);
piped, the default is jsonl and nothing is coloured; --color and --width
override. Exits 77 (skip) when no pseudo-terminal can be opened.

usage: test_text_terminal.py TPIPE SOURCE_DIR
"""
import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import unicodedata

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ARTICLE = "examples/articles/afp-hanoi-summit.txt"


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def columns(line):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def on_tty(cmd, cols, env):
    """Runs cmd with stdout on a pseudo-terminal `cols` wide; returns its output."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                         env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = p.stderr.read().decode()
    if p.wait() != 0:
        fail(f"{' '.join(cmd)}: exit {p.returncode}: {err}")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tpipe, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.chdir(root)
    try:
        os.close(os.openpty()[0])
    except OSError as e:
        print(f"SKIP: no pseudo-terminal: {e}")
        return 77
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    run = [tpipe, "run", "pipelines/news.yaml", ARTICLE, "-q"]

    # A terminal: text, coloured, wrapped to its width.
    for cols in (40, 60, 100):
        out = on_tty(run, cols, base)
        if "\x1b[" not in out:
            fail(f"no colour on a {cols}-column terminal")
        plain = ANSI.sub("", out)
        if "Quotes (" not in plain or not plain.startswith("North Korea disputes"):
            fail("not the text report on a terminal:\n" + plain[:300])
        widest = max(columns(line) for line in plain.split("\n"))
        if widest > cols or widest < cols - 10:
            fail(f"{cols}-column terminal: widest line has {widest} columns")
    # Wider terminals are read at 120 columns at most.
    plain = ANSI.sub("", on_tty(run, 200, base))
    widest = max(columns(line) for line in plain.split("\n"))
    if not 100 < widest <= 120:
        fail(f"200-column terminal: widest line has {widest} columns")

    # NO_COLOR: the same text without escapes; an empty NO_COLOR does not count.
    coloured = on_tty(run, 80, base)
    no_color = on_tty(run, 80, dict(base, NO_COLOR="1"))
    if "\x1b" in no_color:
        fail("NO_COLOR=1: escapes written")
    if no_color != ANSI.sub("", coloured):
        fail("NO_COLOR=1: the layout differs from the coloured report")
    if "\x1b[" not in on_tty(run, 80, dict(base, NO_COLOR="")):
        fail("NO_COLOR='' turned colour off")
    if "\x1b" in on_tty(run + ["--color", "never"], 80, base):
        fail("--color never: escapes written")

    # Piped: jsonl by default; text on request, plain unless --color always.
    piped = subprocess.run(run, capture_output=True, text=True, env=base, check=True).stdout
    if not piped.startswith('{"id":') or "\x1b" in piped:
        fail("piped output is not plain jsonl")
    text = subprocess.run(run + ["-f", "text", "--width", "50"], capture_output=True,
                          text=True, env=base, check=True).stdout
    if "\x1b" in text or max(columns(line) for line in text.split("\n")) > 50:
        fail("piped text is coloured or wider than --width 50")
    always = subprocess.run(run + ["-f", "text", "--color", "always"], capture_output=True,
                            text=True, env=dict(base, NO_COLOR="1"), check=True).stdout
    if "\x1b[" not in always:
        fail("--color always did not colour")
    print("ok: text format on terminals of 40, 60, 100 and 200 columns, NO_COLOR, pipes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

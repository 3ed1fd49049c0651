#!/usr/bin/env python3
"""tpipe report, end to end, in a real browser.

Runs the news pipeline on the example articles (plus a JSONL file with one
good document and one malformed line, and one article with emitted
sentences), builds the HTML report, renders it in headless Chromium, and
checks the rendered DOM (after the page's script ran): the overview counts,
the histogram, the speakers table, and one section per record, each with
every quote of its record highlighted. Saves the DOM and a screenshot in
OUT_DIR. Exits 77 (skip) when Chromium is not installed.

usage: test_report.py TPIPE SOURCE_DIR OUT_DIR
"""
import collections
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, tag=None, cls=None):
        return [n for n in self.walk()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def all_text(self):
        return "".join(t if isinstance(t, str) else t.all_text() for t in self.text)


class Tree(html.parser.HTMLParser):
    """The DOM that Chromium serialised, as a tree of Nodes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.by_id = {}

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        self.cur.text.append(node)
        if "id" in node.attrs:
            self.by_id[node.attrs["id"]] = node
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text.append(data)


def run(cmd, expect, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    check(p.returncode in expect,
          f"{' '.join(cmd)}: exit {p.returncode}, expected {expect}\n{p.stderr}")
    return p


def chromium(browser, args, timeout=180):
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--user-data-dir=" + profile] + args
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        check(p.returncode == 0, f"chromium failed ({p.returncode}): {p.stderr[-2000:]}")
        return p.stdout


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    tpipe, root, out = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium)")
        return SKIP
    os.makedirs(out, exist_ok=True)
    os.chdir(root)  # ids are paths relative to the repository, as the report reads them
    for name in ("records.jsonl", "sentences.jsonl", "report.html", "report.png"):
        if os.path.exists(os.path.join(out, name)):
            os.remove(os.path.join(out, name))

    # ---- the run: articles + a JSONL file with a failing line ---------------
    extra = os.path.join(out, "extra.jsonl")
    with open(extra, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "wire/1", "desk": "markets",
                            "text": "Markets rally\n\n\"We are delighted with the result,\" "
                                    "said Jane Doe. \"It is a terrible day,\" John Roe "
                                    "told reporters."}) + "\n")
        f.write('{"id": "wire/2", "text": \n')
    records = os.path.join(out, "records.jsonl")
    stats = os.path.join(out, "stats.json")
    run([tpipe, "run", "pipelines/news.yaml", "examples/articles", extra, "-q", "-j", "2",
         "-o", records, "--stats-json", stats], {3})
    sentences = os.path.join(out, "sentences.jsonl")
    run([tpipe, "run", "pipelines/news.yaml", "examples/articles/bbc-sport-303.txt", "-q",
         "--set", "tokenizer.emit_sentences=true", "-o", sentences], {0})

    recs = []
    for path in (records, sentences):
        with open(path, encoding="utf-8") as f:
            recs += [json.loads(line) for line in f if line.strip()]
    check(len(recs) == 8, f"expected 8 records, got {len(recs)}")
    failed = [r for r in recs if r.get("failed")]
    check(len(failed) == 1, "expected one failed record")

    # ---- the report -----------------------------------------------------------
    report = os.path.join(out, "report.html")
    run([tpipe, "report", records, sentences, "-o", report, "--stats", stats,
         "--title", "tpipe report test"], {0})
    raw = open(report, encoding="utf-8").read()
    # Self-contained: nothing is fetched from anywhere.
    check(not re.search(r'\b(src|href)\s*=\s*"(https?:|//)', raw), "report links out")
    check("<link" not in raw and "@import" not in raw and "url(" not in raw,
          "report loads a stylesheet, font or image")
    check(not re.search(r"<script[^>]*\bsrc=", raw), "report loads a script")

    # Command-line errors: bad lines are counted (exit 3), usage errors exit 2.
    bad = os.path.join(out, "bad.jsonl")
    with open(bad, "w") as f:
        f.write(open(records).readline() + "not json\n[1]\n")
    p = run([tpipe, "report", bad, "-o", os.path.join(out, "bad.html")], {3})
    check("bad.jsonl:2: not a tpipe record" in p.stderr, "bad line not named: " + p.stderr)
    run([tpipe, "report", records, "-o", os.path.join(out, "x.html"), "--group-by", "desk"], {2})
    run([tpipe, "report", os.path.join(out, "missing.jsonl"), "-o",
         os.path.join(out, "x.html")], {2})
    p = run([tpipe, "report", records, "-o", "-", "--group-by", "meta.desk"], {0})
    check("<td>markets</td>" in p.stdout and "<td>(none)</td>" in p.stdout,
          "--group-by meta.desk: groups missing")

    # ---- rendered in Chromium ---------------------------------------------------
    url = "file://" + os.path.abspath(report)
    dom = chromium(browser, ["--dump-dom", url])
    with open(os.path.join(out, "report.dom.html"), "w", encoding="utf-8") as f:
        f.write(dom)
    tree = Tree()
    tree.feed(dom)
    ids = tree.by_id

    def value(name):
        check(name in ids, f"no #{name} in the rendered page")
        return ids[name].attrs.get("data-value")

    ok = [r for r in recs if not r.get("failed")]
    spans = [s for r in ok for s in r.get("spans", {}).get("quote", [])]
    check(int(value("ov-documents")) == len(recs), "overview: document count")
    check(int(value("ov-failed")) == len(failed), "overview: failure count")
    check(int(value("ov-tokens")) == sum(r["stats"]["tokens"] for r in ok), "overview: tokens")
    check(int(value("ov-quotes")) == len(spans), "overview: quotes")
    check(int(value("ov-words")) > 1000, "overview: words")
    seconds = json.load(open(stats))["seconds"]
    check(abs(float(value("ov-time")) - seconds) < 0.001, "overview: time")
    check("failures-table" in ids and failed[0]["id"] in ids["failures-table"].all_text(),
          "overview: the failed document is not listed")

    # The histogram holds every document with a sentiment.
    bars = ids["histogram"].find_all("rect", "b")
    check(len(bars) == 20, "histogram: bins")
    scored = sum(1 for r in ok if "sentiment" in r.get("results", {}))
    check(sum(int(b.attrs["data-count"]) for b in bars) == scored, "histogram: counts")

    # The speakers table: most quoted first, counts as in the records.
    counts = collections.Counter(s["speaker"] for s in spans if s.get("speaker"))
    rows = ids["speakers-table"].find_all("tr")[1:]
    check(len(rows) == min(30, len(counts)), f"speakers: {len(rows)} rows for {len(counts)}")
    seen = []
    for tr in rows:
        cells = tr.find_all("td")
        name, quotes = cells[1].all_text(), int(cells[2].all_text())
        check(counts.get(name) == quotes, f"speakers: {name} has {quotes}, expected "
                                          f"{counts.get(name)}")
        seen.append(quotes)
    check(seen == sorted(seen, reverse=True), "speakers: not sorted by quotes")
    top = counts.most_common(1)[0]
    check(rows[0].find_all("td")[2].all_text() == str(top[1]), "speakers: wrong first row")

    # One section per record, linked from the index, with every quote marked.
    sections = [n for n in ids["doc-list"].children if n.tag == "details"]
    check(len(sections) == len(recs), f"{len(sections)} sections for {len(recs)} records")
    check(sorted(s.attrs["data-id"] for s in sections) == sorted(r["id"] for r in recs),
          "sections do not match the records' ids")
    links = {a.attrs["href"] for a in ids["index-table"].find_all("a")}
    for k, (sec, rec) in enumerate(zip(sections, recs), 1):
        check(sec.attrs["id"] == f"d{k}", f"section {k} has id {sec.attrs['id']}")
        check(f"#d{k}" in links, f"section {k} not linked from the document index")
        if rec.get("failed"):
            check("failed" in sec.classes() and sec.find_all("ul", "err"), "failed section")
            continue
        marked = {m.attrs["data-q"] for m in sec.find_all("mark", "q")}
        want = len(rec.get("spans", {}).get("quote", []))
        check(len(marked) == want, f"{rec['id']}: {len(marked)} quotes marked of {want}")
        summary = rec.get("results", {}).get("summary", {}).get("text")
        if summary:
            check(any(p.all_text() == summary for p in sec.find_all("p", "summary")),
                  f"{rec['id']}: summary missing")
    texts = sum(1 for s in sections if s.find_all("div", "text"))
    want = sum(1 for r in ok if "sentences" in r or os.path.isfile(r["id"]))
    check(texts == want == 6, f"{texts} sections show the text; expected {want} and 6")
    # The script ran: lists revealed, pagers shown.
    check(not tree.root.find_all(cls="js-wait"), "the page's script did not run")
    check(all("hidden" not in p.attrs for p in tree.root.find_all("div", "pager")),
          "pagers still hidden")

    shot = os.path.join(out, "report.png")
    chromium(browser, ["--screenshot=" + shot, "--window-size=1280,2000", url])
    check(os.path.getsize(shot) > 10000, "screenshot is empty")
    print(f"ok: {len(recs)} records, {len(rows)} speakers; report {report}, screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

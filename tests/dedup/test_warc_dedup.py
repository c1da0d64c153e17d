#!/usr/bin/env python3
"""test_warc_dedup.py - pith warc --signatures and --dedup on a generated archive.

  test_warc_dedup.py PITH

The archive holds HTML pages made from gen_corpus stories: copies of one
story on several sites (one on the wire's own site), unrelated stories.
Checks: --signatures writes one line per written page, in output order,
and clustering them equals clustering the pages' JSONL; --dedup writes
exactly what 'pith dedup --drop' keeps of the plain run, counts the others
as skipped "duplicate", and names each one's canonical page in --rejects.
"""
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "warc"))
import gen_corpus  # noqa: E402
import warcgen  # noqa: E402

PITH = sys.argv[1] if len(sys.argv) > 1 else "pith"
FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


def page(rec):
    paras = rec["text"].split("\n\n")
    date = rec.get("date", "")
    meta = '<meta property="article:published_time" content="%s">' % date if date else ""
    return ("<!DOCTYPE html><html><head><title>%s</title>%s</head><body><article><h1>%s</h1>%s</article>"
            "</body></html>" % (html.escape(paras[0][:60]), meta, html.escape(paras[0][:60]),
                                "".join("<p>%s</p>" % html.escape(p) for p in paras))).encode()


def main():
    tmp = tempfile.mkdtemp(prefix="pith-warc-dedup-")
    try:
        recs, _ = gen_corpus.make(40, seed=3, copies_max=4)
        data = b""
        for n, r in enumerate(recs):
            body = page(r)
            data += warcgen.warc_record("response", n, r["url"], "application/http; msgtype=response",
                                        warcgen.http_response(200, "text/html; charset=utf-8", body))
        arc = os.path.join(tmp, "a.warc")
        with open(arc, "wb") as f:
            f.write(data)
        out, sig = os.path.join(tmp, "out.jsonl"), os.path.join(tmp, "out.sig.zst")
        p = subprocess.run([PITH, "warc", "-j", "2", "--signatures", sig, "-o", out, arc], capture_output=True)
        check(p.returncode == 0, "pith warc --signatures exits 0 (%d)" % p.returncode)
        pages = [json.loads(l) for l in open(out)]
        check(len(pages) >= 0.9 * len(recs), "pages written: %d of %d" % (len(pages), len(recs)))
        d1 = subprocess.run([PITH, "dedup", out], capture_output=True).stdout
        d2 = subprocess.run([PITH, "dedup", "--signatures", sig], capture_output=True).stdout
        check(d1 == d2 and d1.count(b"\n") == len(pages),
              "clusters from warc's signatures = from its JSONL")
        check(b'"duplicate":true' in d1, "the archive has duplicates")
        drop = subprocess.run([PITH, "dedup", "--drop", out], capture_output=True).stdout
        dd, rej = os.path.join(tmp, "dd.jsonl"), os.path.join(tmp, "rej.jsonl")
        p = subprocess.run([PITH, "warc", "--dedup", "-o", dd, "--rejects", rej, arc], capture_output=True)
        check(p.returncode == 0, "pith warc --dedup exits 0 (%d)" % p.returncode)
        check(open(dd, "rb").read() == drop, "warc --dedup writes what dedup --drop keeps")
        summary = json.loads(p.stderr.decode().strip().splitlines()[-1])
        ndup = d1.count(b'"duplicate":true')
        check(summary.get("skipped_by_reason", {}).get("duplicate") == ndup,
              "the summary counts %d duplicates as skipped" % ndup)
        check(summary["records"] == summary["written"] + summary["skipped"], "records = written + skipped")
        clines = [json.loads(l) for l in d1.decode().splitlines()]
        want = {(c["id"], c["duplicate_of"]) for c in clines if c["duplicate"]}
        got = {(r["id"], r.get("detail")) for r in map(json.loads, open(rej)) if r["reason"] == "duplicate"}
        check(got == want, "each duplicate's reject names its canonical page")
        own = [c for c in clines if c["duplicate"] and "apnews.com" in pages[c["canonical"]]["url"]]
        check(len(own) > 0 or "apnews.com" not in open(out).read(), "a copy on apnews.com is canonical")
    finally:
        shutil.rmtree(tmp)
    if FAILS:
        print("%d checks failed" % len(FAILS))
        sys.exit(1)
    print("all warc dedup checks passed")


if __name__ == "__main__":
    main()

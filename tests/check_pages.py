#!/usr/bin/env python3
"""Check pith against the page fixtures in tests/pages/<name>/.

Each fixture directory holds:
  source.html (run through `pith extract`) or source.txt (run through `pith clean`)
  expected.txt   the exact article text pith must print (--format text)
  expected.json  fields that must match exactly in --format json output;
                 a value of null means the field must be absent
  args           optional: extra command-line options, one per line
  present.txt    optional: one string per line that must occur in the article text
  absent.txt     optional: one string per line that must not occur in the article text
                 (credit lines, copyright trailers: the text is not compared whole)
Every file but the source is optional; blank lines in present/absent.txt are ignored.
Usage: check_pages.py PITH PAGESDIR [NAME...]
Prints one line per failure with a diff, then "N passed, N failed".
"""
import difflib
import json
import os
import subprocess
import sys


def run(pith, mode, src, args):
    cmd = [pith, mode, "--format", "json"] + args + [src]
    p = subprocess.run(cmd, capture_output=True, timeout=60)
    if p.returncode not in (0, 1):
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                                   p.stderr.decode("utf-8", "replace")))
    return json.loads(p.stdout.decode("utf-8")) if p.stdout.strip() else {}


def read_lines(path):
    """The non-blank lines of an optional file ([] when it is missing)."""
    if not os.path.exists(path):
        return []
    return [l for l in open(path, encoding="utf-8").read().split("\n") if l.strip()]


def check(pith, d):
    errors = []
    src = os.path.join(d, "source.html")
    mode = "extract"
    if not os.path.exists(src):
        src = os.path.join(d, "source.txt")
        mode = "clean"
    args = []
    if os.path.exists(os.path.join(d, "args")):
        args = [a for a in open(os.path.join(d, "args")).read().split("\n") if a]
    out = run(pith, mode, src, args)
    exp_txt = os.path.join(d, "expected.txt")
    if os.path.exists(exp_txt):
        want = open(exp_txt, encoding="utf-8").read().rstrip("\n")
        got = (out.get("text") or "").rstrip("\n")
        if got != want:
            diff = difflib.unified_diff(want.split("\n"), got.split("\n"),
                                        "expected.txt", "pith", lineterm="", n=1)
            errors.append("text differs:\n    " + "\n    ".join(list(diff)[:40]))
    text = out.get("text") or ""
    for line in read_lines(os.path.join(d, "present.txt")):
        if line not in text:
            errors.append("text lacks %r" % line)
    for line in read_lines(os.path.join(d, "absent.txt")):
        if line in text:
            errors.append("text holds %r" % line)
    exp_json = os.path.join(d, "expected.json")
    if os.path.exists(exp_json):
        want = json.load(open(exp_json, encoding="utf-8"))
        for k, v in want.items():
            if k == "text":
                continue
            g = out.get(k)
            if v is None:
                if g not in (None, [], ""):
                    errors.append("%s: want absent, got %r" % (k, g))
            elif v == [] and g is None:
                pass  # an empty list is written only when asked for (--comments)
            elif g != v:
                errors.append("%s: want %r, got %r" % (k, v, g))
    return errors


def main():
    pith, pages = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or sorted(os.listdir(pages))
    passed = failed = 0
    for name in names:
        d = os.path.join(pages, name)
        if not os.path.isdir(d):
            continue
        try:
            errs = check(pith, d)
        except Exception as e:  # a crash or bad JSON is a failure, not an abort
            errs = ["error: %s" % e]
        if errs:
            failed += 1
            print("FAIL %s" % name)
            for e in errs:
                print("  " + e)
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())

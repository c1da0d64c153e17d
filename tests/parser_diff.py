#!/usr/bin/env python3
"""parser_diff.py PITH PAGESDIR... - the two HTML parser backends on every
HTML page fixture (tests/pages, tests/wirepages; see check_pages.py).

For each fixture with a source.html:
  - `pith extract` with no --parser and with --parser html5 print the same
    JSON (html5 is the default backend);
  - the fixture's expectations hold for the default parser (check_pages.py);
  - --parser libxml2 runs without a crash and finds an article whenever the
    default parser does (non-empty text), and none where it finds none.
Prints the word overlap of the two backends per page that differ, then
"N passed, N failed"; exits 1 when a page failed.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_pages  # noqa: E402


def fixture_args(d):
    p = os.path.join(d, "args")
    return [a for a in open(p).read().split("\n") if a] if os.path.exists(p) else []


def words(s):
    return re.findall(r"\w+", s or "")


def overlap(a, b):
    """Word multiset F1 of two texts (1.0 when both are empty)."""
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    ca = {}
    for w in wa:
        ca[w] = ca.get(w, 0) + 1
    common = 0
    for w in wb:
        if ca.get(w, 0) > 0:
            ca[w] -= 1
            common += 1
    return 2.0 * common / (len(wa) + len(wb))


def check(pith, d):
    errors = []
    args = fixture_args(d)
    src = os.path.join(d, "source.html")
    dflt = check_pages.run(pith, "extract", src, args)
    h5 = check_pages.run(pith, "extract", src, args + ["--parser", "html5"])
    lx = check_pages.run(pith, "extract", src, args + ["--parser", "libxml2"])
    if dflt != h5:
        errors.append("default output differs from --parser html5")
    errors += check_pages.check(pith, d)
    t5, tx = dflt.get("text") or "", lx.get("text") or ""
    if t5.strip() and not tx.strip():
        errors.append("--parser libxml2 found no text (html5: %d words)" % len(words(t5)))
    if tx.strip() and not t5.strip():
        errors.append("--parser html5 found no text (libxml2: %d words)" % len(words(tx)))
    return errors, overlap(t5, tx)


def main():
    pith = sys.argv[1]
    passed = failed = 0
    for pages in sys.argv[2:]:
        for name in sorted(os.listdir(pages)):
            d = os.path.join(pages, name)
            if not os.path.isfile(os.path.join(d, "source.html")):
                continue
            try:
                errs, f1 = check(pith, d)
            except Exception as e:  # a crash or bad JSON is a failure, not an abort
                errs, f1 = ["error: %s" % e], 0.0
            if f1 < 1.0:
                print("  %s: html5 vs libxml2 word F1 %.3f" % (name, f1))
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

#!/usr/bin/env python3
"""Regenerate the named character reference table into a temporary file
and check the committed src/html5/entities.inc matches it.

usage: check_entities.py GENERATOR ENTITIES_JSON COMMITTED_INC
Exit 77 when entities.json is absent (a clone without ../shared)."""
import os
import subprocess
import sys
import tempfile


def main(argv):
    gen, src, inc = argv[1:4]
    if not os.path.exists(src):
        print("%s absent: skipped" % src)
        return 77
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "entities.inc")
        subprocess.run([sys.executable, gen, src, out], check=True)
        with open(out, "rb") as a, open(inc, "rb") as b:
            fresh, committed = a.read(), b.read()
    if fresh != committed:
        print("%s is stale: run %s %s %s" % (inc, gen, src, inc))
        return 1
    print("entities.inc matches %s (%d lines)" % (src, fresh.count(b"\n")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

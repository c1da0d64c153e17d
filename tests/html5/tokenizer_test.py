#!/usr/bin/env python3
"""Run html5lib-tests' tokenizer/*.test through tok_harness.

usage: tokenizer_test.py HARNESS TESTS_DIR [KNOWN_FAILURES]

Every test runs once per initial state; adjacent Character tokens are
coalesced on both sides, parse errors are not compared. Fails when fewer
than 99% of cases pass or when a case fails that KNOWN_FAILURES (one
"file: description [state]" per line, '#' comments) does not list.
Exit 77 when the test directory is absent."""
import glob
import json
import os
import subprocess
import sys

STATES = {"Data state": 0, "RCDATA state": 1, "RAWTEXT state": 2,
          "Script data state": 3, "PLAINTEXT state": 4, "CDATA section state": 5}


def unescape(s):
    # doubleEscaped tests spell code points as \\uXXXX (lone surrogates too)
    return json.loads('"' + s.replace('"', '\\"') + '"', strict=False)


def deep_unescape(v):
    if isinstance(v, str):
        return unescape(v)
    if isinstance(v, list):
        return [deep_unescape(x) for x in v]
    if isinstance(v, dict):
        return {unescape(k): deep_unescape(x) for k, x in v.items()}
    return v


def coalesce(tokens):
    out = []
    for tok in tokens:
        if tok[0] == "Character" and out and out[-1][0] == "Character":
            out[-1] = ["Character", out[-1][1] + tok[1]]
        else:
            out.append(list(tok))
    return out


def normalise(tokens):
    out = []
    for tok in coalesce(tokens):
        if tok[0] == "StartTag" and len(tok) == 3:
            tok = tok + [False]
        out.append(tok)
    return out


class Harness:
    def __init__(self, path):
        self.p = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, state, last, data):
        last_b = last.encode("utf-8")
        data_b = data.encode("utf-8", "surrogatepass")
        self.p.stdin.write(b"%d %d %d\n" % (state, len(last_b), len(data_b)) + last_b + data_b)
        self.p.stdin.flush()
        toks = []
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("harness died")
            if line.startswith(b"#END"):
                return toks, line.split()[1:]
            toks.append(json.loads(line.decode("utf-8", "surrogatepass")))

    def close(self):
        self.p.stdin.close()
        return self.p.wait()


def main(argv):
    harness, tdir = argv[1], argv[2]
    known = set()
    if len(argv) > 3 and os.path.exists(argv[3]):
        for line in open(argv[3], encoding="utf-8"):
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                known.add(line.split("\t")[0])
    files = sorted(glob.glob(os.path.join(tdir, "*.test")))
    if not files:
        print("no html5lib tokenizer tests in %s: skipped" % tdir)
        return 77
    total = passed = 0
    failures = []
    for f in files:
        doc = json.load(open(f, encoding="utf-8"))
        h = Harness(harness)
        for test in doc.get("tests", []):
            if test.get("doubleEscaped"):
                test = dict(test, input=unescape(test["input"]),
                            output=deep_unescape(test["output"]))
            for st in test.get("initialStates", ["Data state"]):
                total += 1
                got, _ = h.run(STATES[st], test.get("lastStartTag", ""), test["input"])
                want = normalise(test["output"])
                if normalise(got) == want:
                    passed += 1
                else:
                    key = "%s: %s [%s]" % (os.path.basename(f), test["description"], st)
                    failures.append((key, want, got))
        if h.close() != 0:
            print("harness failed on %s" % f)
            return 1
    print("html5lib tokenizer: %d/%d passed (%.2f%%)" % (passed, total, 100.0 * passed / total))
    unexpected = 0
    for key, want, got in failures:
        tag = "known" if key in known else "FAIL"
        unexpected += key not in known
        print("%s %s\n  want %s\n  got  %s" % (tag, key, json.dumps(want), json.dumps(got)))
    if passed * 100 < total * 99:
        print("below 99%")
        return 1
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

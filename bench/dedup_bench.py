#!/usr/bin/env python3
"""dedup_bench.py - time and peak memory of `pith dedup` at 100 K and 1 M documents.

Not a test: it prints figures. Each size is a generated corpus of short news
stories (120-300 words from a 50,000-word generated vocabulary) of which
about 30% are copies of another story with 1-4% of the words changed,
a trim to the first 60-90% of the text, or an added editor's note. The
corpus is written once to --dir, then `pith dedup` runs on it (pinned to
CPUs 0-1 with taskset when available; pith dedup itself is one thread)
and is measured with /usr/bin/time -v (wall time, peak RSS) when present,
else with resource.getrusage.

  python3 bench/dedup_bench.py --pith build/pith [--sizes 100000,1000000]
                               [--dir build/bench-dedup] [--mode "" | "--containment 0.8"]
"""
import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time

SYL = ["ba", "ke", "ri", "mo", "tu", "sa", "ne", "lo", "vi", "da", "ge", "pu", "zo", "fi", "ha",
       "ju", "ka", "le", "mi", "no", "pe", "qu", "ro", "si", "te", "ul", "va", "wo", "xe", "yi",
       "an", "or", "es", "in", "ust", "ark", "eln", "omp", "ix", "rud"]
HOSTS = ["site%d.example" % i for i in range(200)] + ["apnews.com", "www.reuters.com"]


def corpus(path, n, seed=1):
    rng = random.Random(seed)
    vocab = set()
    while len(vocab) < 50000:
        vocab.add("".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))))
    vocab = sorted(vocab) + ["the", "of", "and", "to", "in", "a"] * 2000
    recent = []
    with open(path, "w") as f:
        for i in range(n):
            if recent and rng.random() < 0.3:
                ws = list(rng.choice(recent))
                kind = rng.random()
                if kind < 0.6:
                    p = rng.choice([0.01, 0.02, 0.04])
                    for k in rng.sample(range(len(ws)), max(1, int(p * len(ws)))):
                        ws[k] = rng.choice(vocab)
                elif kind < 0.8:
                    ws = ws[:int(len(ws) * rng.uniform(0.6, 0.9))]
                else:
                    ws = ["Editor's", "note:"] + rng.choices(vocab, k=15) + ws
            else:
                ws = rng.choices(vocab, k=rng.randint(120, 300))
                recent.append(ws)
                if len(recent) > 1000:
                    recent.pop(rng.randrange(len(recent)))
            rec = {"id": "d%d" % i, "url": "https://%s/a/%d" % (rng.choice(HOSTS), i),
                   "date": "2008-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                   "text": " ".join(ws)}
            f.write(json.dumps(rec) + "\n")


def measure(cmd):
    timev = shutil.which("time") and os.path.exists("/usr/bin/time")
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0,1"] + cmd
    t0 = time.time()
    if timev:
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        wall = time.time() - t0
        err = p.stderr.decode(errors="replace")
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
        summary = [l for l in err.splitlines() if l.startswith("{")]
    else:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.time() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if rss <= before:
            rss = before
        summary = [l for l in p.stderr.decode(errors="replace").splitlines() if l.startswith("{")]
    return p.returncode, wall, rss, summary[-1] if summary else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pith", default="build/pith")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--dir", default="build/bench-dedup")
    ap.add_argument("--mode", default="", help='extra pith dedup options, e.g. "--containment 0.8"')
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    rows = []
    for n in [int(x) for x in a.sizes.split(",")]:
        path = os.path.join(a.dir, "corpus-%d.jsonl" % n)
        if not os.path.exists(path):
            t = time.time()
            corpus(path, n)
            print("generated %d documents (%.0f MB) in %.0f s" % (n, os.path.getsize(path) / 1e6, time.time() - t),
                  file=sys.stderr)
        rc, wall, rss, summary = measure([a.pith, "dedup"] + a.mode.split() + ["-o", "/dev/null", path])
        rows.append((n, wall, rss, rc))
        print(json.dumps({"documents": n, "mb": round(os.path.getsize(path) / 1e6), "seconds": round(wall, 1),
                          "docs_per_sec": round(n / wall), "peak_rss_mb": round(rss / 1024), "exit": rc,
                          "mode": a.mode or "jaccard 0.8", "summary": summary}))
        sys.stdout.flush()
        if not a.keep:
            os.remove(path)
    if len(rows) >= 2:
        (n0, w0, r0, _), (n1, w1, r1, _) = rows[0], rows[-1]
        print("growth x%.0f documents: time x%.1f, peak RSS x%.1f" % (n1 / n0, w1 / w0, r1 / r0))


if __name__ == "__main__":
    main()

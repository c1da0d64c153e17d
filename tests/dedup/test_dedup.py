#!/usr/bin/env python3
"""test_dedup.py - pith dedup against exact set similarity on a generated corpus.

  test_dedup.py PITH

The corpus (gen_corpus.py) has known copies and unrelated stories. The exact
Jaccard similarity of every pair is computed from the 5-word shingle sets
(through an inverted index: a pair that shares no shingle has similarity 0
exactly, so this is the all-pairs brute force without the 0 pairs). Checks:

  * recall: >= 95% of the pairs with Jaccard >= 0.8 are in one cluster
  * precision: <= 1% of the reported pairs (same cluster) have Jaccard < 0.5
  * --containment 0.8: the trimmed copies (k of n paragraphs) are in their
    original's cluster, and few reported pairs have containment < 0.5
  * the canonical record of each cluster follows the documented rule
  * --drop writes exactly the canonical input records, unchanged
  * signatures of 10 shards (plain, .gz, .zst) merged = one run over all
  * the --report lines: one per cluster of 2+, the disagreements right
"""
import collections
import gzip
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402

PITH = sys.argv[1] if len(sys.argv) > 1 else "pith"
FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


def shingles(text):
    # pith's words: runs of ASCII letters/digits, lower-cased; numbers alone are not words
    ws = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if re.search(r"[a-z]", w)]
    return {tuple(ws[i:i + 5]) for i in range(len(ws) - 4)}


def exact_pairs(sets):
    """{(i, j): (jaccard, containment)} for every pair sharing a shingle."""
    index = collections.defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    inter = collections.Counter()
    for docs in index.values():
        for a, b in itertools.combinations(docs, 2):
            inter[(a, b)] += 1
    out = {}
    for (a, b), k in inter.items():
        na, nb = len(sets[a]), len(sets[b])
        out[(a, b)] = (k / (na + nb - k), k / min(na, nb))
    return out


def run(args, stdin=None):
    p = subprocess.run([PITH, "dedup"] + args, input=stdin, capture_output=True)
    if p.returncode != 0:
        print(p.stderr.decode(errors="replace"))
    return p


def lines(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else open(path_or_bytes, "rb").read()
    return [json.loads(l) for l in data.decode().splitlines() if l.strip()]


def clusters_of(out):
    by = collections.defaultdict(list)
    for r in out:
        by[r["cluster"]].append(r["n"])
    return by


def canonical_key(rec, n):
    """The documented rule, written from the README: wire's own site, earliest
    date, complete before truncated, longer first, input order."""
    host = re.match(r"https?://([^/]+)", rec.get("url", "")).group(1)
    wire = rec.get("wire")
    own_sites = {"AP": ["apnews.com"], "Reuters": ["reuters.com"], "AFP": ["afp.com"]}
    doms = own_sites.get(wire, []) if wire else sum(own_sites.values(), [])
    own = any(host == d or host.endswith("." + d) for d in doms)
    date = rec.get("date")
    return (0 if own else 1, 0 if date else 1, date or "", 1 if rec.get("truncated") else 0,
            -len(rec["text"].encode()), n)


def main():
    tmp = tempfile.mkdtemp(prefix="pith-dedup-test-")
    try:
        recs, truth = gen_corpus.make(450, seed=7)
        corpus = os.path.join(tmp, "corpus.jsonl")
        raw = "".join(json.dumps(r) + "\n" for r in recs)
        with open(corpus, "w") as f:
            f.write(raw)
        n = len(recs)
        sets = [shingles(r["text"]) for r in recs]
        pairs = exact_pairs(sets)
        print("corpus: %d records, %d pairs sharing a shingle" % (n, len(pairs)))

        # --- Jaccard mode (default threshold 0.8) ---
        p = run([corpus])
        check(p.returncode == 0, "pith dedup exits 0")
        out = lines(p.stdout)
        check(len(out) == n and [r["n"] for r in out] == list(range(n)), "one line per record, in order")
        cl = [r["cluster"] for r in out]
        high = [(a, b) for (a, b), (j, _) in pairs.items() if j >= 0.8]
        found = sum(cl[a] == cl[b] for a, b in high)
        check(len(high) >= 200, "the corpus has >= 200 pairs with Jaccard >= 0.8 (%d)" % len(high))
        recall = found / max(1, len(high))
        check(recall >= 0.95, "recall %.4f >= 0.95 over %d pairs with Jaccard >= 0.8" % (recall, len(high)))
        reported = [(a, b) for m in clusters_of(out).values() for a, b in itertools.combinations(sorted(m), 2)]
        low = sum(pairs.get((a, b), (0, 0))[0] < 0.5 for a, b in reported)
        check(len(reported) > 0 and low / len(reported) <= 0.01,
              "%d of %d reported pairs (%.4f) have Jaccard < 0.5 (<= 1%%)" % (low, len(reported), low / max(1, len(reported))))
        mid = [(a, b) for (a, b), (j, _) in pairs.items() if j < 0.5]
        check(sum(cl[a] == cl[b] for a, b in mid) <= 0.01 * max(1, len(reported)),
              "pairs below 0.5 stay apart")

        # --- canonical rule, duplicate_of ---
        bad = 0
        for c, members in clusters_of(out).items():
            want = min(members, key=lambda i: canonical_key(recs[i], i))
            for i in members:
                if out[i]["canonical"] != want:
                    bad += 1
                dup_of = out[i]["duplicate_of"]
                if (i == want) != (dup_of is None) or (i != want and dup_of != recs[want]["id"]):
                    bad += 1
                if out[i]["duplicate"] != (i != want):
                    bad += 1
        multi = [m for m in clusters_of(out).values() if len(m) > 1]
        own_won = sum(1 for m in multi if canonical_key(recs[out[m[0]]["canonical"]], 0)[0] == 0)
        check(bad == 0, "canonical, duplicate and duplicate_of follow the rule in every cluster (%d wrong)" % bad)
        check(own_won >= 5, "the wire's own site wins in some clusters (%d)" % own_won)

        # --- --threshold: higher threshold, never more joined pairs ---
        p9 = run(["--threshold", "0.95", corpus])
        out9 = lines(p9.stdout)
        c9 = [r["cluster"] for r in out9]
        rep9 = sum(1 for m in clusters_of(out9).values() for _ in itertools.combinations(m, 2))
        hi95 = [(a, b) for (a, b), (j, _) in pairs.items() if j >= 0.95]
        rec95 = sum(c9[a] == c9[b] for a, b in hi95) / max(1, len(hi95))
        low9 = sum(1 for m in clusters_of(out9).values() for a, b in itertools.combinations(sorted(m), 2)
                   if pairs.get((a, b), (0, 0))[0] < 0.8)
        check(rep9 < len(reported), "--threshold 0.95 joins fewer pairs (%d < %d)" % (rep9, len(reported)))
        check(rec95 >= 0.95, "--threshold 0.95: recall %.4f over %d pairs >= 0.95" % (rec95, len(hi95)))
        check(low9 <= 0.01 * max(1, rep9), "--threshold 0.95: %d reported pairs below 0.8" % low9)

        # --- containment ---
        pc = run(["--containment", "0.8", corpus])
        outc = lines(pc.stdout)
        cc = [r["cluster"] for r in outc]
        orig = {t["story"]: i for i, t in enumerate(truth) if t["edit"] == "orig"}
        trims = [(i, orig[t["story"]]) for i, t in enumerate(truth) if t["edit"] == "trim"]
        trims_found = sum(cc[i] == cc[o] for i, o in trims)
        trims_jac = sum(cl[i] == cl[o] for i, o in trims
                        if pairs[(min(i, o), max(i, o))][0] < 0.7)
        low_trims = sum(1 for i, o in trims if pairs[(min(i, o), max(i, o))][0] < 0.7)
        check(len(trims) >= 40, "the corpus has >= 40 trimmed copies (%d)" % len(trims))
        check(trims_found / max(1, len(trims)) >= 0.95,
              "--containment 0.8 finds %d of %d trimmed copies (>= 95%%)" % (trims_found, len(trims)))
        check(low_trims >= 10 and trims_jac < low_trims,
              "Jaccard mode does not find all %d trims with Jaccard < 0.7 (%d found)" % (low_trims, trims_jac))
        repc = [(a, b) for m in clusters_of(outc).values() for a, b in itertools.combinations(sorted(m), 2)]
        lowc = sum(pairs.get((a, b), (0, 0))[1] < 0.5 for a, b in repc)
        check(lowc <= 0.01 * len(repc), "containment: %d of %d reported pairs have containment < 0.5" % (lowc, len(repc)))
        highc = [(a, b) for (a, b), (j, c) in pairs.items() if c >= 0.9]
        recc = sum(cc[a] == cc[b] for a, b in highc) / max(1, len(highc))
        check(recc >= 0.95, "containment: recall %.4f over %d pairs with containment >= 0.9" % (recc, len(highc)))

        # --- --drop: the deduplicated corpus ---
        pd = run(["--drop", corpus])
        kept = pd.stdout.decode().splitlines()
        want = [l for i, l in enumerate(raw.splitlines()) if out[i]["canonical"] == i]
        check(kept == want, "--drop writes exactly the canonical records, whole (%d of %d)" % (len(kept), n))
        pd2 = run(["--drop", "-"], stdin=raw.encode())
        check(pd2.stdout.decode().splitlines() == want, "--drop from stdin gives the same")

        # --- signatures: 10 shards merged = one run ---
        sigs = []
        per = (n + 9) // 10
        for s in range(10):
            sh = os.path.join(tmp, "shard%d.jsonl" % s)
            with open(sh, "w") as f:
                f.write("".join(json.dumps(r) + "\n" for r in recs[s * per:(s + 1) * per]))
            ext = [".sig", ".sig.gz", ".sig.zst"][s % 3]
            sig = os.path.join(tmp, "shard%d%s" % (s, ext))
            ps = run(["--signatures-out", sig, "-o", os.devnull, sh])
            check(ps.returncode == 0, "signatures of shard %d (%s)" % (s, ext))
            sigs.append(sig)
        with open(sigs[1], "rb") as f:
            check(f.read(2) == b"\x1f\x8b", "a .gz signature file is gzip")
        first = gzip.open(sigs[1]).readline()
        check(json.loads(first).get("pith_signatures") == 1, "the signature file starts with its version")
        pm = run(["--signatures"] + sigs)
        outm = lines(pm.stdout)
        check(pm.returncode == 0 and outm == out, "signatures merged from 10 shards = one run over all records")
        pmc = run(["--signatures", "--containment", "0.8"] + sigs)
        check(lines(pmc.stdout) == outc, "the same in containment mode")

        # --- report ---
        rep = os.path.join(tmp, "report.jsonl")
        run(["--report", rep, "-o", os.devnull, corpus])
        rl = lines(rep)
        check(len(rl) == len(multi), "one report line per cluster of 2+ (%d, want %d)" % (len(rl), len(multi)))
        wrong = 0
        for r in rl:
            ms = [m["n"] for m in r["members"]]
            if sorted(ms) != sorted(clusters_of(out)[r["cluster"]]):
                wrong += 1
                continue
            wires = {(recs[i].get("wire") or "").lower() for i in ms}
            bys = {(recs[i].get("byline") or "").lower() for i in ms}
            days = {(recs[i].get("date") or "")[:10] for i in ms}
            want_dis = [k for k, v in (("wire", wires), ("byline", bys), ("date", days)) if len(v) > 1]
            if r["disagree"] != want_dis:
                wrong += 1
            for m in r["members"]:
                rec = recs[m["n"]]
                if m["id"] != rec["id"] or m["wire"] != rec.get("wire") or m["byline"] != rec.get("byline") \
                        or m["date"] != rec.get("date") or m["length"] != len(rec["text"].encode()) \
                        or m["site"] != re.match(r"https?://([^/]+)", rec["url"]).group(1):
                    wrong += 1
        check(wrong == 0, "report members and disagreements match the records (%d wrong)" % wrong)
        check(any("wire" in r["disagree"] for r in rl), "some cluster's copies disagree on the wire")
        prs = run(["--signatures", "--report", rep + "2", "-o", os.devnull] + sigs)
        check(prs.returncode == 0 and lines(rep + "2") == rl, "the report from signatures = from records")

        # --- refusals ---
        for args, what in ((["--drop", "--signatures"] + sigs[:1], "--drop with --signatures"),
                           (["--threshold", "0", corpus], "--threshold 0"),
                           (["--threshold", "1.5", corpus], "--threshold 1.5"),
                           (["--containment", "x", corpus], "--containment x")):
            pr = subprocess.run([PITH, "dedup"] + args, capture_output=True)
            check(pr.returncode == 2 and not pr.stdout, "%s is a usage error (exit %d)" % (what, pr.returncode))
        future = os.path.join(tmp, "future.sig")
        with open(future, "w") as f:
            f.write('{"pith_signatures":2,"k":256,"bits":8,"shingle":5}\n{"id":"x","sig":"AAAA","shingles":3}\n')
        pf = run(["--signatures", future])
        check(pf.returncode == 1 and b"version" in pf.stderr and not pf.stdout,
              "a signature file of another version is refused, not misread")
        broken = os.path.join(tmp, "broken.sig")
        with open(broken, "w") as f:
            rec = json.loads(open(sigs[0]).read().splitlines()[1])
            rec["sig"] = rec["sig"][:-8]  # a cut signature: not 256 bytes
            f.write(json.dumps(rec) + "\n")
        pb = run(["--signatures", broken])
        check(pb.returncode == 1 and b"not a signature line" in pb.stderr and len(lines(pb.stdout)) == 1,
              "a damaged signature line is reported and kept as a record of its own")
    finally:
        shutil.rmtree(tmp)
    if FAILS:
        print("%d checks failed" % len(FAILS))
        sys.exit(1)
    print("all dedup checks passed")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen_corpus.py - a corpus with known copies, for pith dedup's tests and benchmark.

Stories are made of pseudo-words drawn from a large generated vocabulary
(syllables joined at random, plus a few function words), so two unrelated
stories share practically no 5-word shingle. Each story may get copies with
edits of controlled size:

  sub     a fraction p of the words replaced by other words
  ins     words inserted at random places
  trim    only the first k of the n paragraphs kept (a syndicated cut)
  note    an editor's note added before or after the story
  exact   the same text

Every record carries what pith's canonical rule looks at: url (some on the
wire's own site), date, wire, byline, truncated. A "truth" sidecar names each
record's story and the edit applied.

  gen_corpus.py --stories 300 --seed 1 --out corpus.jsonl [--truth truth.jsonl]
"""
import argparse
import json
import random

FUNCTION = ["the", "of", "and", "to", "in", "a", "on", "for", "said", "was", "with", "at"]
SYL = ["ba", "ke", "ri", "mo", "tu", "sa", "ne", "lo", "vi", "da", "ge", "pu", "zo", "fi",
       "ha", "ju", "ka", "le", "mi", "no", "pe", "qu", "ro", "si", "te", "ul", "va", "wo",
       "xe", "yi", "an", "or", "es", "in", "ust", "ark", "eln", "omp", "ix", "rud"]
SITES = ["dailyherald.example", "citytimes.example", "valleypost.example", "morningstar.example",
         "thecourier.example", "metronews.example", "ledger.example", "gazette.example"]
WIRE_SITE = {"AP": "apnews.com", "Reuters": "www.reuters.com", "AFP": "www.afp.com"}


def vocabulary(rng, n):
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def word(rng, vocab):
    if rng.random() < 0.25:
        return rng.choice(FUNCTION)
    return rng.choice(vocab)


def story(rng, vocab, paras):
    out = []
    for _ in range(paras):
        n = rng.randint(25, 60)
        ws = [word(rng, vocab) for _ in range(n)]
        ws[0] = ws[0].capitalize()
        out.append(" ".join(ws) + ".")
    return out


def substitute(rng, vocab, paras, p):
    out = []
    for para in paras:
        ws = para.split(" ")
        for i in range(len(ws)):
            if rng.random() < p:
                ws[i] = word(rng, vocab)
        out.append(" ".join(ws))
    return out


def insert(rng, vocab, paras, p):
    out = []
    for para in paras:
        ws = []
        for w in para.split(" "):
            ws.append(w)
            if rng.random() < p:
                ws.append(word(rng, vocab))
        out.append(" ".join(ws))
    return out


def date(rng, day):
    return "2008-03-%02dT%02d:%02d:00Z" % (day, rng.randint(0, 23), rng.randint(0, 59))


def make(stories, seed, copies_max=5, vocab_n=40000):
    rng = random.Random(seed)
    vocab = vocabulary(rng, vocab_n)
    recs, truth = [], []
    for s in range(stories):
        paras = story(rng, vocab, rng.randint(8, 21))
        wire = rng.choice(["AP", "Reuters", "AFP", None, None])
        byline = rng.choice(["By JOHN DOE", "By Mary Roe", "Jane Smith", None])
        versions = [("orig", 0.0, paras)]
        for _ in range(rng.randint(0, copies_max)):
            kind = rng.choice(["sub", "sub", "sub", "ins", "trim", "note", "exact"])
            if kind == "sub":
                p = rng.choice([0.005, 0.01, 0.02, 0.03, 0.04, 0.06, 0.1])
                versions.append((kind, p, substitute(rng, vocab, paras, p)))
            elif kind == "ins":
                p = rng.choice([0.005, 0.01, 0.02, 0.04])
                versions.append((kind, p, insert(rng, vocab, paras, p)))
            elif kind == "trim":
                k = max(1, round(len(paras) * rng.uniform(0.55, 0.9)))
                versions.append((kind, k / len(paras), paras[:k]))
            elif kind == "note":
                note = ["Editor's note: " + " ".join(word(rng, vocab) for _ in range(rng.randint(12, 30))) + "."]
                versions.append((kind, 0.0, note + paras if rng.random() < 0.5 else paras + note))
            else:
                versions.append((kind, 0.0, list(paras)))
        for v, (kind, amount, ps) in enumerate(versions):
            own = wire is not None and rng.random() < 0.2
            host = WIRE_SITE[wire] if own else rng.choice(SITES)
            rec = {"id": "s%d-v%d" % (s, v), "url": "https://%s/news/%d-%d" % (host, s, v),
                   "text": "\n\n".join(ps)}
            if rng.random() < 0.85:
                rec["date"] = date(rng, rng.randint(1, 28))
            w = wire if rng.random() < 0.8 else None
            if w:
                rec["wire"] = w
            b = byline if rng.random() < 0.8 else rng.choice(["By Someone Else", None])
            if b:
                rec["byline"] = b
            if kind == "trim" and rng.random() < 0.5:
                rec["truncated"] = True
            recs.append(rec)
            truth.append({"id": rec["id"], "story": s, "edit": kind, "amount": amount})
    order = list(range(len(recs)))
    rng.shuffle(order)
    return [recs[i] for i in order], [truth[i] for i in order]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--copies-max", type=int, default=5)
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth")
    a = ap.parse_args()
    recs, truth = make(a.stories, a.seed, a.copies_max)
    with open(a.out, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    if a.truth:
        with open(a.truth, "w") as f:
            for t in truth:
                f.write(json.dumps(t) + "\n")


if __name__ == "__main__":
    main()

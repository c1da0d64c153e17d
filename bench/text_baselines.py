#!/usr/bin/env python3
"""Text mode on text-dev: pith clean against two baselines, scored in one run.

text-dev (../shared/bench/data/text-dev) holds the scrapinghub pages
flattened to plain text (every visible block, chrome included). Three
predictions are made and scored with ../shared/bench/score.py:

  keep-everything   the flattened page as it is
  c4-lines          the C4 line filter (Raffel et al. 2020, TFDS c4_utils):
                    keep lines that end in terminal punctuation (. ! ? ")
                    and not in an ellipsis, with at least N words (C4 uses
                    5; reported for 3 and 5), no word over 1000 chars; drop
                    lines containing "javascript" or a policy phrase
                    ("terms of use", "privacy policy", "cookie policy",
                    "uses cookies", "use of cookies", "use cookies"); drop
                    the whole page if it contains "lorem ipsum" or a curly
                    brace, or if fewer than 3 sentences remain
  pith              `pith clean --format jsonl` over all pages, one process

  bench/text_baselines.py                    (env PITH, PITH_SHARED, PITH_BENCH_OUT honoured)
  bench/text_baselines.py --pith build/pith --check
  bench/text_baselines.py --worst 10         also list pith's worst pages
  bench/text_baselines.py --throughput 60    also time `pith clean --jsonl` on ~60 MB of
                                             JSONL records of two shapes: the flattened
                                             text-dev pages (chrome and all) and their gold
                                             story texts (C4-shaped, already clean). Best
                                             CPU time of 3 runs: MB/s per core; peak RSS at
                                             the full size and at a tenth of it

--check exits 1 unless pith's shingle F1 >= 0.85 and beats both baselines
(and, with --throughput, unless both shapes run at >= 50 MB/s).
Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

END_MARKS = ('.', '?', '!', '"')
ELLIPSIS = '...'
POLICY = ('terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies',
          'use cookies')


def c4_filter(text, min_words=5, min_sentences=3):
    """The C4 'clean' heuristics on one page (badwords filter left out)."""
    low = text.lower()
    if 'lorem ipsum' in low or '{' in text:
        return ''
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        words = line.split()
        if any(len(w) > 1000 for w in words):
            continue
        if not line.endswith(END_MARKS) or line.endswith(ELLIPSIS):
            continue
        if len(words) < min_words:
            continue
        ll = line.lower()
        if 'javascript' in ll:
            continue
        if any(p in ll for p in POLICY):
            continue
        kept.append(line)
    out = '\n'.join(kept)
    # C4 counts sentences with a tokenizer; split on end marks followed by space
    sentences = [s for s in re.split(r'(?<=[.!?])\s+', out) if s.strip()]
    if len(sentences) < min_sentences:
        return ''
    return out


def write_jsonl(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def write_corpus(path, texts, target):
    """JSONL records of the given texts (repeated) up to about target bytes."""
    size = 0
    with open(path, 'w', encoding='utf-8') as f:
        k = 0
        while size < target:
            for i, t in texts.items():
                line = json.dumps({'text': t, 'id': f'{i}-{k}', 'url': 'https://example.org/' + i,
                                   'timestamp': '2019-11-20T00:00:00Z'}, ensure_ascii=False) + '\n'
                f.write(line)
                size += len(line.encode('utf-8'))
                if size >= target:
                    break
            k += 1
    return size


def run_measured(cmd):
    """Run cmd; its CPU seconds (user + system), peak RSS in MB, exit code.

    A child forked from Python inherits Python's resident set until it
    execs, and Linux counts that in its peak: GNU time (a small process)
    reports pith's own when it is installed; else the peak is not known."""
    gnu_time = '/usr/bin/time'
    if os.access(gnu_time, os.X_OK):
        r = subprocess.run([gnu_time, '-f', '%U %S %M'] + cmd, stderr=subprocess.PIPE)
        last = r.stderr.decode(errors='replace').strip().splitlines()[-1:]
        try:
            u, sy, m = last[0].split()
            return float(u) + float(sy), int(m) / 1024, r.returncode
        except (IndexError, ValueError):
            pass
    p = subprocess.Popen(cmd)
    _, status, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime, float('nan'), os.waitstatus_to_exitcode(status)


def score(score_py, truth, pred):
    p = subprocess.run([sys.executable, score_py, '--truth', truth, '--pred', pred, '--json'],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError('score.py failed: ' + p.stderr)
    last = [l for l in p.stdout.splitlines() if l.strip()][-1]
    return json.loads(last)


def metrics(summary):
    """shingle P/R/F1 and token F1 of the one dataset in score.py's JSON summary."""
    ds = next(iter(summary.get('datasets', {}).values()), {})
    sh, tok = ds.get('shingle', {}), ds.get('token', {})
    return {'shingle_p': sh.get('precision'), 'shingle_r': sh.get('recall'),
            'shingle_f1': sh.get('f1'), 'token_f1': tok.get('f1')}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pith', default=os.environ.get('PITH', os.path.join(ROOT, 'build', 'pith')))
    ap.add_argument('--shared', default=os.environ.get('PITH_SHARED',
                                                       os.path.join(os.path.dirname(ROOT), 'shared')))
    ap.add_argument('--out', default=os.environ.get('PITH_BENCH_OUT', '/tmp/pith-bench'))
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--worst', type=int, default=0)
    ap.add_argument('--json', action='store_true')
    ap.add_argument('--throughput', type=int, default=0, metavar='MB',
                    help='also measure --jsonl throughput on about MB megabytes')
    args = ap.parse_args()

    data = os.path.join(args.shared, 'bench', 'data', 'text-dev')
    score_py = os.path.join(args.shared, 'bench', 'score.py')
    truth = os.path.join(data, 'truth.jsonl')
    if not os.path.isfile(truth) or not os.path.isfile(score_py):
        print(f'text_baselines: no text-dev data under {args.shared}', file=sys.stderr)
        return 2
    if not (os.path.isfile(args.pith) and os.access(args.pith, os.X_OK)):
        print(f'text_baselines: pith not found at {args.pith}', file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    ids = [json.loads(l)['id'] for l in open(truth, encoding='utf-8') if l.strip()]
    files = [os.path.join(data, 'text', i + '.txt') for i in ids]
    texts = {i: open(f, encoding='utf-8', errors='replace').read() for i, f in zip(ids, files)}

    preds = {}
    p = os.path.join(args.out, 'text-keepall.jsonl')
    write_jsonl(p, ({'id': i, 'text': t} for i, t in texts.items()))
    preds['keep-everything'] = p
    for mw in (3, 5):
        p = os.path.join(args.out, f'text-c4-{mw}.jsonl')
        write_jsonl(p, ({'id': i, 'text': c4_filter(t, mw)} for i, t in texts.items()))
        preds[f'c4-lines (>= {mw} words)'] = p

    p = os.path.join(args.out, 'text-pith.jsonl')
    t0 = time.time()
    with open(p, 'wb') as f:
        r = subprocess.run([args.pith, 'clean', '--format', 'jsonl', '--quiet'] + files, stdout=f,
                           stderr=subprocess.PIPE)
    wall = time.time() - t0
    if r.returncode not in (0, 1):
        print(f'text_baselines: pith exited {r.returncode}: {r.stderr.decode(errors="replace")[:500]}',
              file=sys.stderr)
        return 1
    # pith's "id" is the input as named; the truth is keyed by the file's stem
    with open(p, encoding='utf-8') as f:
        lines = [json.loads(l) for l in f if l.strip()]
    with open(p, 'w', encoding='utf-8') as f:
        for o in lines:
            o['id'] = os.path.splitext(os.path.basename(o.get('id') or ''))[0]
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    preds['pith clean'] = p

    tp_ok = True
    if args.throughput:
        gold = {}
        for line in open(truth, encoding='utf-8'):
            if line.strip():
                r = json.loads(line)
                gold[r['id']] = r.get('text') or ''
        shapes = (('flattened pages', texts), ('C4-shaped (gold)', gold))
        print()
        for name, src in shapes:
            res = {}
            for scale in (1.0, 0.1):
                corpus = os.path.join(args.out, 'text-corpus.jsonl')
                size = write_corpus(corpus, src, args.throughput * 1e6 * scale)
                best = None
                for _ in range(3 if scale == 1.0 else 1):
                    cpu, rss, rc = run_measured([args.pith, 'clean', '--jsonl', '--quiet', corpus,
                                                 '-o', os.devnull])
                    if rc != 0:
                        print(f'text_baselines: pith clean --jsonl exited {rc}', file=sys.stderr)
                        return 1
                    best = cpu if best is None or cpu < best else best
                res[scale] = (size, best, rss)
                os.remove(corpus)
            size, cpu, rss = res[1.0]
            mbs = size / 1e6 / cpu if cpu > 0 else float('inf')
            tp_ok = tp_ok and mbs >= 50
            print(f'--jsonl throughput, {name:17s}: {size / 1e6:5.1f} MB in {cpu:.2f} s CPU: '
                  f'{mbs:5.1f} MB/s per core; peak RSS {rss:.1f} MB '
                  f'({res[0.1][0] / 1e6:.1f} MB input: {res[0.1][2]:.1f} MB)')

    results = {}
    print(f'text-dev: {len(ids)} pages, {sum(len(t.encode()) for t in texts.values()) / 1e6:.1f} MB; '
          f'pith clean took {wall:.2f}s')
    print(f'{"method":28s} {"P":>6s} {"R":>6s} {"F1":>6s} {"tokF1":>6s}')
    for name, path in preds.items():
        s = score(score_py, truth, path)
        res = metrics(s)
        results[name] = res
        fmt = lambda v: f'{v:6.3f}' if isinstance(v, (int, float)) else '     ?'
        print(f'{name:28s} {fmt(res["shingle_p"])} {fmt(res["shingle_r"])} {fmt(res["shingle_f1"])} '
              f'{fmt(res["token_f1"])}')

    if args.worst:
        pd = os.path.join(args.out, 'text-pith-perdoc.jsonl')
        subprocess.run([sys.executable, score_py, '--truth', truth, '--pred', preds['pith clean'],
                        '--per-doc', pd], capture_output=True)
        rows = [json.loads(l) for l in open(pd, encoding='utf-8') if l.strip()]

        def f1(r):
            p, q = r.get('shingle_p') or 0, r.get('shingle_r') or 0
            return 2 * p * q / (p + q) if p + q else 0.0
        rows.sort(key=f1)
        print('\nworst pages (shingle F1, P, R):')
        for r in rows[:args.worst]:
            print(f'  {f1(r):.3f} {r.get("shingle_p") or 0:.3f} {r.get("shingle_r") or 0:.3f}  {r.get("id")}')

    f1 = results['pith clean']['shingle_f1'] or 0
    others = [v['shingle_f1'] or 0 for k, v in results.items() if k != 'pith clean']
    ok = f1 >= 0.85 and all(f1 > o for o in others)
    print(f'\ntarget: shingle F1 {f1:.3f} (>= 0.85 and above every baseline): {"ok" if ok else "MISS"}')
    if args.throughput:
        print(f'target: --jsonl throughput >= 50 MB/s per core on both shapes: {"ok" if tp_ok else "MISS"}')
        ok = ok and tp_ok
    if args.json:
        print(json.dumps({'results': results, 'ok': ok, 'pith_seconds': wall}))
    return 1 if (args.check and not ok) else 0


if __name__ == '__main__':
    sys.exit(main())

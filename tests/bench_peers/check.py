#!/usr/bin/env python3
"""check.py OUT SETDIR - what run.sh's run of bench/peers/run_peers.py must have written.

OUT holds run/ (results.json, predictions, per-page scores) and docs/ (the
report); SETDIR is the bench set it ran on (html/ + truth.jsonl). Checks:
every asked-for system that is installed ran once over the first three pages
without a failure, trafilatura (not installed in the smoke venv) was left
out rather than failing the run, the predictions are keyed by the truth's
ids, pith's CLI and its library give the same text, the scores agree with
score.py's own on the same predictions, parse-only runs are timed but not
scored, and the report names every system. Last, worker.py on a page that
makes its extractor raise (an empty file: lxml refuses it) counts one
failure, writes an empty text with the error, and goes on to the next page.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile


def fail(msg):
    print(f'check.py: FAIL: {msg}')
    sys.exit(1)


def jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def main():
    out, setdir = sys.argv[1], sys.argv[2]
    res = json.load(open(os.path.join(out, 'run', 'results.json'), encoding='utf-8'))
    want = {'pith', 'pith-lib', 'html-text', 'libxml2-tree'}
    ran = {r['system'] for r in res['runs']}
    if ran != want:
        fail(f'systems run: {sorted(ran)}, expected {sorted(want)}')
    for r in res['runs']:
        if not r['ok'] or r['pages'] != 3 or r['failures'] != 0 or not r['cpu'] > 0:
            fail(f'run of {r["system"]}: {r}')
        if not r['rss_kb'] > 0:
            fail(f'{r["system"]}: no peak RSS')

    stems = sorted(f[:-5] for f in os.listdir(os.path.join(setdir, 'html')) if f.endswith('.html'))[:3]
    sdir = os.path.join(out, 'run', 'scrapinghub')
    preds = {}
    for name in ('pith', 'pith-lib', 'html-text'):
        rows = jsonl(os.path.join(sdir, f'{name}.jsonl'))
        ids = [r['id'] for r in rows]
        if sorted(ids) != stems:
            fail(f'{name}: ids {ids}, expected {stems}')
        if not all((r.get('text') or '').strip() for r in rows):
            fail(f'{name}: an empty text')
        preds[name] = {r['id']: r for r in rows}
    for i in stems:
        if preds["pith"][i]["text"] != preds["pith-lib"][i]["text"]:
            fail(f'{i}: pith extract and pith_extract in process disagree')
    for name in ('pith', 'pith-lib'):
        if any(r.get('author') != r.get('byline') for r in preds[name].values()):
            fail(f'{name}: "author" is not pith\'s byline')

    # the scores are score.py's own on these predictions and the first 3 pages' truth
    spec = importlib.util.spec_from_file_location(
        'score', os.path.join(os.path.dirname(os.path.dirname(setdir)), 'score.py'))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    truth = [t for t in jsonl(os.path.join(setdir, 'truth.jsonl')) if t['id'] in set(stems)]
    for name in ('pith', 'html-text'):
        want_f1 = score.score_dataset('x', truth, preds[name])['shingle']['f1']
        got = res['scores']['scrapinghub'][name]['F1']
        if abs(want_f1 - got) > 1e-9:
            fail(f'{name}: F1 {got} in results.json, score.py says {want_f1}')
    if 'libxml2-tree' in res['scores']['scrapinghub']:
        fail('a parse-only system was scored')

    md = open(os.path.join(out, 'docs', 'benchmarks.md'), encoding='utf-8').read()
    for name in sorted(want):
        if f'| {name} |' not in md and f'| **{name}** |' not in md:
            fail(f'benchmarks.md has no row for {name}')
    for needle in ('only the first 3 pages', 'smoke test', '| pith / peer |', 'pith-lib / peer'):
        if needle not in md:
            fail(f'benchmarks.md lacks {needle!r}')
    worst = open(os.path.join(out, 'docs', 'benchmarks-worst.md'), encoding='utf-8').read()
    if '## scrapinghub' not in worst or "pith's 3 lowest pages" not in worst:
        fail('benchmarks-worst.md lacks the scrapinghub tables')
    worker_failure(os.path.join(setdir, 'html', stems[0] + '.html'))
    print('check.py: ok (4 systems, 3 pages, scores as score.py, report written, a failing page counted)')


def worker_failure(page):
    here = os.path.dirname(os.path.abspath(__file__))
    worker = os.path.join(os.path.dirname(os.path.dirname(here)), 'bench', 'peers', 'worker.py')
    with tempfile.TemporaryDirectory() as d:
        empty = os.path.join(d, 'empty.html')
        open(empty, 'wb').close()
        out = os.path.join(d, 'out.jsonl')
        p = subprocess.run([sys.executable, worker, '--system', 'lxml-parse', '--out', out, empty, page],
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail(f'worker.py exited {p.returncode}: {p.stderr[-300:]}')
        st = json.loads(p.stdout.strip().splitlines()[-1])
        rows = jsonl(out)
        if st['pages'] != 2 or st['failures'] != 1:
            fail(f'worker.py figures {st}: expected 2 pages, 1 failure')
        if [r['id'] for r in rows] != ['empty', os.path.basename(page)[:-5]]:
            fail(f'worker.py ids {[r["id"] for r in rows]}')
        if not rows[0].get('error') or rows[0]['text'] != '' or rows[1].get('error'):
            fail(f'worker.py lines {rows}')


if __name__ == '__main__':
    main()

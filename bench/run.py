#!/usr/bin/env python3
"""Benchmark pith on ../shared/bench: main-text accuracy, metadata, speed, memory.

For each dataset (scrapinghub, readability-dev) this runs ONE
`pith extract --format jsonl FILE...` process over all its pages (best of
--runs for wall time; peak RSS from /usr/bin/time -v, else wait4's rusage),
times `--parse-only` too when `pith extract --help` offers it, scores the
output with ../shared/bench/score.py, writes per-page scores to
<out>/<set>-perdoc.jsonl and prints one table plus the worst pages by F1.

  bench/run.py                          both datasets, build/pith, 3 runs
  bench/run.py --set scrapinghub --runs 1
  bench/run.py --all                    also bench/text_baselines.py, bench/warc_bench.sh
  bench/run.py --check                  exit 1 when a target of issue 2 is missed

Exit status: 0 done (targets are only reported), 1 a run crashed/failed or
(with --check) a target was missed, 2 setup problem (no pith, no shared data).
Standard library only.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = ('scrapinghub', 'readability-dev')
META = ('title', 'byline', 'site_name', 'date', 'date_day')
TIME_BIN = '/usr/bin/time'

# Acceptance figures from issue 2 (shown as ok/MISS; never fatal unless --check).
TARGETS = {
    'scrapinghub': {'f1': 0.958, 'pages_s': 350.0, 'rss_mb': 64.0},
    'readability-dev': {'f1': 0.94, 'title': 0.90, 'byline': 0.75,
                        'site_name': 0.90, 'date_day': 0.90, 'rss_mb': 64.0},
}

_WORD = re.compile(r'\w+')


def die(msg, code=2):
    print(f'bench: {msg}', file=sys.stderr)
    sys.exit(code)


def warn(msg):
    print(f'bench: warning: {msg}', file=sys.stderr)


# ---------------------------------------------------------------------------
# running pith

def run_once(cmd, cwd, out_path, err_path, timeout):
    """Run cmd once; return dict(wall, rss_kb, rc, signal, timed_out)."""
    use_time = os.access(TIME_BIN, os.X_OK)
    tfile = None
    full = list(cmd)
    if use_time:
        fd, tfile = tempfile.mkstemp(prefix='pith-bench-time-')
        os.close(fd)
        full = [TIME_BIN, '-v', '-o', tfile] + full
    res = {'rc': None, 'signal': None, 'timed_out': False, 'rss_kb': None}
    try:
        with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(full, cwd=cwd, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=err, start_new_session=True)
            killer = None
            if timeout:
                def kill():
                    res['timed_out'] = True
                    try:  # the whole group: /usr/bin/time and pith under it
                        os.killpg(proc.pid, signal.SIGKILL)
                    except OSError:
                        pass
                killer = threading.Timer(timeout, kill)
                killer.start()
            try:
                # wait4 gives this child's own rusage (RUSAGE_CHILDREN would
                # mix in every child this script ever waited for).
                pid, status, ru = os.wait4(proc.pid, 0)
            finally:
                if killer:
                    killer.cancel()
                proc.returncode = 0  # reaped above; keep Popen from waiting again
            res['wall'] = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        res['rc'] = code
        res['rss_kb'] = ru.ru_maxrss  # KiB on Linux
        if use_time:
            with open(tfile, encoding='utf-8', errors='replace') as f:
                tv = f.read()
            m = re.search(r'Maximum resident set size \(kbytes\): (\d+)', tv)
            if m:
                res['rss_kb'] = int(m.group(1))
            m = re.search(r'Command terminated by signal (\d+)', tv)
            if m:
                res['signal'] = int(m.group(1))
            m = re.search(r'Exit status: (\d+)', tv)
            if m:
                res['rc'] = int(m.group(1))
        if code < 0:
            res['signal'] = -code
    finally:
        if tfile:
            os.unlink(tfile)
    return res


def pith_help(pith):
    try:
        p = subprocess.run([pith, 'extract', '--help'], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
        return p.stdout.decode('utf-8', 'replace')
    except (OSError, subprocess.SubprocessError):
        return ''


def stem_id(i):
    """A page's truth id from the path pith names it by: dir/x.html -> x."""
    b = os.path.basename(i)
    return b[:-5] if b.endswith('.html') else os.path.splitext(b)[0]


def read_jsonl(path):
    out, bad = [], 0
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                bad += 1
    return out, bad


def tail(path, n=8):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().splitlines()
    except OSError:
        return [], 0
    return lines[-n:], len(lines)


# ---------------------------------------------------------------------------
# one dataset

def bench_set(name, args, parse_only):
    data = os.path.join(args.shared, 'bench', 'data', name)
    html_dir = os.path.join(data, 'html')
    truth = os.path.join(data, 'truth.jsonl')
    if not os.path.isdir(html_dir) or not os.path.isfile(truth):
        warn(f'{name}: {html_dir} or {truth} missing; skipped')
        return None
    files = sorted(f for f in os.listdir(html_dir) if f.endswith('.html'))
    nbytes = sum(os.path.getsize(os.path.join(html_dir, f)) for f in files)
    out_path = os.path.join(args.out, f'{name}-out.jsonl')
    err_path = os.path.join(args.out, f'{name}-stderr.txt')
    r = {'set': name, 'pages': len(files), 'bytes': nbytes, 'ok': True, 'problems': []}

    # Bare file names with cwd = html dir: short argv, ids = file stems.
    cmd = [args.pith, 'extract', '--format', 'jsonl'] + args.pith_args + files
    runs = []
    for i in range(args.runs):
        res = run_once(cmd, html_dir, out_path, err_path, args.timeout)
        runs.append(res)
        if res['signal'] or res['timed_out']:
            break
    last = runs[-1]
    r['runs'] = [round(x['wall'], 4) for x in runs]
    r['wall'] = min(x['wall'] for x in runs)
    r['rss_mb'] = max((x['rss_kb'] or 0) for x in runs) / 1024.0
    r['exit'] = last['rc']
    r['pages_s'] = len(files) / r['wall'] if r['wall'] > 0 else 0.0
    r['mb_s'] = nbytes / 1e6 / r['wall'] if r['wall'] > 0 else 0.0
    errtail, nerr = tail(err_path)
    r['stderr_lines'] = nerr
    if last['timed_out']:
        r['problems'].append(f'timed out after {args.timeout} s')
    if last['signal']:
        r['problems'].append(f'pith killed by signal {last["signal"]}')
    elif last['rc']:
        r['problems'].append(f'pith exited with status {last["rc"]}')
    if last['signal'] or last['timed_out']:
        r['ok'] = False

    preds, bad = read_jsonl(out_path)
    # pith's "id" is the input as named (here "page.html"); the truth is
    # keyed by the page's name without ".html"
    for p in preds:
        if isinstance(p, dict) and isinstance(p.get('id'), str):
            p['id'] = stem_id(p['id'])
    with open(out_path, 'w', encoding='utf-8') as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + '\n')
    stems = {f[:-5] for f in files}
    ids = [p.get('id') for p in preds if isinstance(p, dict)]
    r['lines'] = len(preds)
    if bad:
        r['problems'].append(f'{bad} output lines are not JSON')
    if len(preds) != len(files):
        r['problems'].append(f'{len(preds)} output lines for {len(files)} files')
    unknown = [i for i in ids if i not in stems]
    if unknown:
        r['problems'].append(f'{len(unknown)} ids match no file name (e.g. {unknown[0]!r})')
    if r['problems']:
        r['stderr_tail'] = errtail

    if parse_only:
        pcmd = [args.pith, 'extract', '--parse-only', '--format', 'jsonl'] + args.pith_args + files
        pruns = []
        for _ in range(args.runs):
            res = run_once(pcmd, html_dir, os.devnull, os.devnull, args.timeout)
            pruns.append(res)
            if res['rc'] or res['signal'] or res['timed_out']:
                break
        if pruns[-1]['rc'] or pruns[-1]['signal'] or pruns[-1]['timed_out']:
            r['problems'].append('--parse-only run failed '
                                 f'(status {pruns[-1]["rc"]}, signal {pruns[-1]["signal"]})')
        else:
            r['parse_wall'] = min(x['wall'] for x in pruns)
            r['parse_share'] = r['parse_wall'] / r['wall'] if r['wall'] > 0 else None
            r['parse_rss_mb'] = max((x['rss_kb'] or 0) for x in pruns) / 1024.0

    # score
    perdoc = os.path.join(args.out, f'{name}-perdoc.jsonl')
    p = subprocess.run([sys.executable, args.score, '--truth', truth, '--pred', out_path,
                        '--json', '--per-doc', perdoc],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    summary = None
    if p.returncode == 0 and p.stdout.strip():
        try:
            summary = json.loads(p.stdout.strip().splitlines()[-1])
        except json.JSONDecodeError:
            summary = None
    if summary is None:
        r['ok'] = False
        r['problems'].append(f'score.py failed (status {p.returncode}): '
                             + (p.stderr.strip().splitlines() or ['no output'])[-1])
        return r
    ds = summary['datasets'].get(name) or next(iter(summary['datasets'].values()))
    sh = ds.get('shingle', {})
    r['P'], r['R'], r['F1'] = sh.get('precision'), sh.get('recall'), sh.get('f1')
    r['acc'] = sh.get('accuracy')
    r['tokF1'] = ds.get('token', {}).get('f1')
    r['missing_pred'] = ds.get('missing_pred')
    md = ds.get('metadata', {})
    r['meta'] = {m: md[m]['exact'] for m in META if m in md}
    r['meta_n'] = {m: md[m]['n'] for m in META if m in md}
    if 'snippets' in ds:
        r['snippets_f1'] = ds['snippets'].get('f1')
    r['worst'] = annotate_perdoc(perdoc, truth, preds, args.worst)
    return r


def doc_f1(d):
    """Per-page shingle F1 from score.py's per-doc P/R (None = that side empty)."""
    p, r = d.get('shingle_p'), d.get('shingle_r')
    if p is None and r is None:
        return 1.0
    p = p or 0.0
    r = 1.0 if r is None else r
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def annotate_perdoc(path, truth_path, preds, n):
    """Add shingle_f1 and word counts to the per-doc file; return the n worst."""
    docs, _ = read_jsonl(path)
    gold, _ = read_jsonl(truth_path)
    gold_words = {g['id']: len(_WORD.findall(g.get('text') or '')) for g in gold}
    pred_words = {p.get('id'): len(_WORD.findall(p.get('text') or ''))
                  for p in preds if isinstance(p, dict) and isinstance(p.get('text') or '', str)}
    for d in docs:
        if 'shingle_p' in d or 'shingle_r' in d:
            d['shingle_f1'] = doc_f1(d)
        d['gold_words'] = gold_words.get(d['id'])
        d['pred_words'] = pred_words.get(d['id'], 0)
    with open(path, 'w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + '\n')
    scored = [d for d in docs if 'shingle_f1' in d]
    scored.sort(key=lambda d: (d['shingle_f1'], d['id']))
    return scored[:n]


# ---------------------------------------------------------------------------
# report

def shortpath(p):
    rel = os.path.relpath(p)
    return p if rel.startswith('..') else rel


def f3(x):
    return '-' if x is None else f'{x:.3f}'


def print_report(results, args):
    cols = [('dataset', 16, 's'), ('pages', 5, 'd'), ('P', 6, 'f'), ('R', 6, 'f'),
            ('F1', 6, 'f'), ('tokF1', 6, 'f')] + [(m, 9 if m == 'site_name' else 6, 'f') for m in META] + \
           [('pages/s', 8, 'r'), ('MB/s', 6, 'r'), ('RSS MB', 7, 'r')]
    head = ' '.join((c.ljust(w) if k == 's' else c.rjust(w)) for c, w, k in cols)
    print(head)
    for r in results:
        meta = r.get('meta', {})
        cells = [r['set'].ljust(16), str(r['pages']).rjust(5)]
        cells += [f3(r.get(k)).rjust(6) for k in ('P', 'R', 'F1', 'tokF1')]
        cells += [f3(meta.get(m)).rjust(9 if m == 'site_name' else 6) for m in META]
        cells += [f'{r["pages_s"]:.1f}'.rjust(8), f'{r["mb_s"]:.2f}'.rjust(6),
                  f'{r["rss_mb"]:.1f}'.rjust(7)]
        print(' '.join(cells))
    print()
    for r in results:
        runs = ' '.join(f'{x:.3f}' for x in r['runs'])
        line = (f'{r["set"]}: {r["pages"]} pages, {r["bytes"] / 1e6:.1f} MB, wall {runs} s '
                f'(best {r["wall"]:.3f}), exit {r["exit"]}, {r["lines"]} lines out, '
                f'{r["stderr_lines"]} stderr lines')
        if r.get('meta_n'):
            line += '; metadata n: ' + ' '.join(f'{m}={n}' for m, n in r['meta_n'].items())
        print(line)
        if 'parse_wall' in r:
            print(f'  parse-only: {r["parse_wall"]:.3f} s = {100 * r["parse_share"]:.0f}% '
                  f'of the extract time ({r["pages"] / r["parse_wall"]:.0f} pages/s, '
                  f'RSS {r["parse_rss_mb"]:.1f} MB)')
        for prob in r['problems']:
            print(f'  PROBLEM: {prob}')
        for ln in r.get('stderr_tail', []):
            print(f'    stderr| {ln}')
        tl = target_line(r)
        if tl:
            print(f'  targets: {tl}')
    if args.parse_only_note:
        print(args.parse_only_note)
    for r in results:
        if not r.get('worst'):
            continue
        print(f'\nworst {len(r["worst"])} pages by shingle F1, {r["set"]} '
              f'(per-page scores: {shortpath(os.path.join(args.out, r["set"] + "-perdoc.jsonl"))})')
        print(f'  {"id":<66} {"P":>6} {"R":>6} {"F1":>6} {"tokF1":>6} {"words":>11}')
        for d in r['worst']:
            words = f'{d.get("pred_words", 0)}/{d.get("gold_words")}'
            print(f'  {d["id"]:<66} {f3(d.get("shingle_p")):>6} {f3(d.get("shingle_r")):>6} '
                  f'{f3(d["shingle_f1"]):>6} {f3(d.get("tok_f1")):>6} {words:>11}')
        print('  (words = predicted/gold \\w+ tokens; P "-" = empty prediction)')


def target_checks(r):
    t = TARGETS.get(r['set'], {})
    out = []
    if 'f1' in t and r.get('F1') is not None:
        out.append(('F1', r['F1'], t['f1'], r['F1'] >= t['f1']))
    for m in META:
        if m in t and m in r.get('meta', {}):
            out.append((m, r['meta'][m], t[m], r['meta'][m] >= t[m]))
    if 'pages_s' in t:
        out.append(('pages/s', r['pages_s'], t['pages_s'], r['pages_s'] >= t['pages_s']))
    if 'rss_mb' in t:
        out.append(('RSS MB', r['rss_mb'], t['rss_mb'], r['rss_mb'] <= t['rss_mb']))
    return out


def target_line(r):
    parts = []
    for name, val, want, ok in target_checks(r):
        op = '<=' if name == 'RSS MB' else '>='
        v = f'{val:.1f}' if name in ('pages/s', 'RSS MB') else f'{val:.3f}'
        parts.append(f'{name} {v} ({op} {want:g}) {"ok" if ok else "MISS"}')
    return ', '.join(parts)


# ---------------------------------------------------------------------------

def run_extras(args):
    """--all: the other benchmark scripts, configured through the environment."""
    env = dict(os.environ, PITH=args.pith, PITH_SHARED=args.shared, PITH_BENCH_OUT=args.out,
               PITH_ROOT=ROOT)
    ok = True
    for rel, launcher in (('bench/text_baselines.py', [sys.executable]),
                          ('bench/warc_bench.sh', ['bash'])):
        path = os.path.join(ROOT, rel)
        if not os.path.isfile(path):
            print(f'\n== {rel}: not present, skipped')
            continue
        print(f'\n== {rel}', flush=True)
        rc = subprocess.call(launcher + [path], cwd=ROOT, env=env, stdin=subprocess.DEVNULL)
        if rc:
            print(f'bench: {rel} exited with status {rc}', file=sys.stderr)
            ok = False
    return ok


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                 epilog='Writes <out>/<set>-out.jsonl, -perdoc.jsonl, -stderr.txt, summary.json.')
    ap.add_argument('--set', action='append', choices=SETS, dest='sets',
                    help='dataset to run (repeatable; default: all)')
    ap.add_argument('--runs', type=int, default=3, help='timed runs per dataset; the best counts (default 3)')
    ap.add_argument('--pith', default=os.path.join(ROOT, 'build', 'pith'), help='pith binary (default build/pith)')
    ap.add_argument('--pith-arg', action='append', default=[], dest='pith_args', metavar='ARG',
                    help='extra argument for pith extract (repeatable), e.g. --pith-arg=--parser=libxml2')
    ap.add_argument('--shared', default=os.environ.get('PITH_SHARED') or os.path.join(ROOT, '..', 'shared'),
                    help='shared data dir (default ../shared beside the repo)')
    ap.add_argument('--out', default=os.path.join(ROOT, 'build', 'bench'),
                    help='output dir (default build/bench)')
    ap.add_argument('--worst', type=int, default=10, help='worst pages to list per dataset (default 10)')
    ap.add_argument('--timeout', type=float, default=600, help='seconds per pith run (default 600)')
    ap.add_argument('--all', action='store_true', help='also run bench/text_baselines.py and bench/warc_bench.sh')
    ap.add_argument('--check', action='store_true', help='exit 1 when a target of issue 2 is missed')
    ap.add_argument('--json', action='store_true', help='print the summary as JSON on the last line')
    args = ap.parse_args(argv)

    args.runs = max(1, args.runs)
    args.shared = os.path.abspath(args.shared)
    args.out = os.path.abspath(args.out)
    args.pith = os.path.abspath(args.pith)
    args.score = os.path.join(args.shared, 'bench', 'score.py')
    if not os.path.isdir(os.path.join(args.shared, 'bench', 'data')) or not os.path.isfile(args.score):
        die(f'shared benchmark data not found under {args.shared} '
            '(expected bench/data/ and bench/score.py; give --shared DIR)')
    if not (os.path.isfile(args.pith) and os.access(args.pith, os.X_OK)):
        die(f'pith binary not found at {args.pith}: run `make` first, or give --pith PATH')
    os.makedirs(args.out, exist_ok=True)

    help_text = pith_help(args.pith)
    parse_only = '--parse-only' in help_text
    args.parse_only_note = None if parse_only else \
        '(parse share not measured: `pith extract --help` does not offer --parse-only)'

    results = []
    for name in args.sets or SETS:
        print(f'bench: {name} ...', file=sys.stderr, flush=True)
        r = bench_set(name, args, parse_only)
        if r is not None:
            results.append(r)
    if not results:
        die('no dataset could be run')
    print_report(results, args)

    ok = all(r['ok'] for r in results)
    missed = [(r['set'], c[0]) for r in results for c in target_checks(r) if not c[3]]
    if args.all:
        ok = run_extras(args) and ok

    summary = {'pith': args.pith, 'runs': args.runs, 'results': results, 'targets_missed': missed}
    with open(os.path.join(args.out, 'summary.json'), 'w', encoding='utf-8') as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write('\n')
    if args.json:
        print(json.dumps(summary, sort_keys=True))
    if not ok:
        return 1
    if args.check and missed:
        print('bench: targets missed: ' + ', '.join(f'{s} {m}' for s, m in missed), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""pith and its peers side by side, on every bench set, in one run (`make bench-peers`).

  run_peers.py [--rounds 3] [--sets a,b] [--systems x,y] [--limit N] [--report-dir docs]

Every (round, set, system) is one process of its own, so peak RSS is that
system's: pith's CLI over all the set's files, the in-process runners of C
(build/pith_lib, build/parse_libxml2) and of Python (worker.py in the venv of
requirements.txt). The order of the systems turns by one each round, so no
system always runs first (or after the slowest) on a shared machine; the
ratios of pith to each peer are taken round by round (same run, minutes
apart). Each runner loads its pages first and times only its loop (the CLI
is timed as the whole process: startup and file reading included).

Outputs are scored with ../shared/bench/score.py (shingle P/R/F1 as the
scrapinghub benchmark, metadata exact match); wcxb-dev also by page_type.
Everything lands in --out (results.json, per-set predictions and per-page
scores), then report.py writes docs/benchmarks.md, docs/benchmarks-worst.md
and docs/img/bench-*.png from it.

Exit status: 0 done, 1 a system failed to run at all, 2 setup problem.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import worker  # noqa: E402  (the Python systems' table; importing it imports no peer)

HTML_SETS = ('scrapinghub', 'readability-dev', 'wcxb-dev')
TEXT_SETS = ('text-dev',)

# name: (runner, role); runner 'cli' / 'lib' / 'libxml2' / 'py'. The order is
# the report's: pith first, then the peers, then the parse-only references.
HTML_SYSTEMS = {
    'pith': ('cli', 'extract'),
    'pith-lib': ('lib', 'extract'),
    'trafilatura': ('py', 'extract'),
    'trafilatura-precision': ('py', 'extract'),
    'resiliparse': ('py', 'extract'),
    'readability-lxml': ('py', 'extract'),
    'justext': ('py', 'extract'),
    'boilerpy3': ('py', 'extract'),
    'newspaper4k': ('py', 'extract'),
    'html-text': ('py', 'extract'),
    'pith-parse-only': ('lib', 'parse'),
    'libxml2-tree': ('libxml2', 'parse'),
    'libxml2-sax': ('libxml2', 'parse'),
    'lexbor-parse': ('py', 'parse'),
    'lxml-parse': ('py', 'parse'),
}
TEXT_SYSTEMS = {
    'pith-clean': ('cli', 'extract'),
    'pith-clean-lib': ('lib', 'extract'),
    'keep-everything': ('py', 'extract'),
    'c4-lines-5': ('py', 'extract'),
    'c4-lines-3': ('py', 'extract'),
    'justext-lines': ('py', 'extract'),
}
# The peers a round of which takes minutes: --slow-rounds applies to them.
SLOW = ('trafilatura', 'trafilatura-precision', 'newspaper4k', 'readability-lxml')
TIME_BIN = '/usr/bin/time'


RUNNING = [None]  # the process group of the system being timed, if any


def S_stop(signum, frame):
    """Ctrl-C / kill: the system being timed runs in a session of its own
    (so its group can be killed whole); take it down too."""
    if RUNNING[0]:
        try:
            os.killpg(RUNNING[0], signal.SIGKILL)
        except OSError:
            pass
    sys.exit(128 + signum)


def log(msg):
    print(f'bench-peers: {msg}', file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# running one system once

def measured(cmd, cwd, stdout_path, timeout):
    """Run cmd; its stdout to stdout_path. Returns dict(rc, wall, cpu, rss_kb,
    timed_out) for the whole process (GNU time when installed: a child
    forked from this Python would otherwise count the driver's own resident
    set in its peak)."""
    tfile = None
    full = list(cmd)
    if os.access(TIME_BIN, os.X_OK):
        fd, tfile = tempfile.mkstemp(prefix='bench-peers-time-')
        os.close(fd)
        full = [TIME_BIN, '-f', '%e %U %S %M', '-o', tfile] + full
    res = {'timed_out': False}
    with open(stdout_path, 'wb') as out, open(stdout_path + '.err', 'wb') as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        RUNNING[0] = proc.pid

        def kill():
            res['timed_out'] = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        killer = threading.Timer(timeout, kill)
        killer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
            RUNNING[0] = None
            proc.returncode = 0
        res['wall'] = time.perf_counter() - t0
    res['rc'] = os.waitstatus_to_exitcode(status)
    res['cpu'] = ru.ru_utime + ru.ru_stime
    res['rss_kb'] = ru.ru_maxrss
    if tfile:
        try:
            with open(tfile, encoding='utf-8', errors='replace') as f:
                last = f.read().strip().splitlines()
            # only the peak from GNU time: its times have 10 ms steps, while
            # wait4's rusage (time's and its child's, in microseconds) is exact
            res['rss_kb'] = int(last[-1].split()[3])
            if last and last[0].startswith('Command exited with non-zero status'):
                res['rc'] = int(last[0].split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        finally:
            os.unlink(tfile)
    return res


def stats_line(path):
    """The runner's JSON figures: the last line of its stdout."""
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = [ln for ln in f.read().splitlines() if ln.strip()]
        return json.loads(lines[-1]) if lines else None
    except (OSError, json.JSONDecodeError):
        return None


def normalise_pith(path, ids):
    """pith's lines: id -> page stem, byline -> author (kept too); count
    the pages pith refused (a status other than no_content) or left out."""
    rows, seen, failures = [], set(), 0
    with open(path, encoding='utf-8', errors='replace') as f:
        for ln in f:
            if not ln.strip():
                continue
            try:
                o = json.loads(ln)
            except json.JSONDecodeError:
                failures += 1
                continue
            o['id'] = worker.stem(o.get('id') or '')
            if o.get('byline') and not o.get('author'):
                o['author'] = o['byline']
            if o.get('status') not in (None, 'ok', 'no_content'):
                failures += 1
            seen.add(o['id'])
            rows.append(o)
    failures += sum(1 for i in ids if i not in seen)
    with open(path, 'w', encoding='utf-8') as f:
        for o in rows:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    return failures


def run_system(args, name, runner, mode, files, ids, out_jsonl, scratch):
    """One timed run. Returns a dict of figures (cpu/wall of the timed part)."""
    html_dir = os.path.dirname(files[0])
    stdout = os.path.join(scratch, 'stdout')
    if runner == 'cli':
        sub = 'clean' if mode == 'text' else 'extract'
        # bare names, cwd = the set's directory: short argv
        cmd = [args.pith, sub, '-q', '-f', 'jsonl', '-o', out_jsonl] + [os.path.basename(f) for f in files]
    elif runner == 'lib':
        flag = ['--clean'] if mode == 'text' else (['--parse-only'] if name == 'pith-parse-only' else [])
        cmd = [args.pith_lib] + flag + ['--cap', str(args.cap), out_jsonl] + files
    elif runner == 'libxml2':
        cmd = [args.libxml2] + (['--sax'] if name == 'libxml2-sax' else []) + [out_jsonl] + files
    else:
        cmd = [args.python, os.path.join(HERE, 'worker.py'), '--system', name, '--cap', str(args.cap),
               '--out', out_jsonl] + files
    res = measured(cmd, html_dir, stdout, args.run_timeout)
    r = {'rc': res['rc'], 'rss_kb': res['rss_kb'], 'proc_cpu': res['cpu'], 'proc_wall': res['wall'],
         'timed_out': res['timed_out']}
    if res['timed_out'] or (runner != 'cli' and res['rc'] != 0) or (runner == 'cli' and res['rc'] not in (0, 1)):
        try:
            with open(stdout + '.err', encoding='utf-8', errors='replace') as f:
                r['stderr'] = f.read()[-600:]
        except OSError:
            pass
        r['ok'] = False
        return r
    r['ok'] = True
    if runner == 'cli':
        # the whole process: startup, reading the files and writing the output
        r['cpu'], r['wall'] = res['cpu'], res['wall']
        r['failures'] = normalise_pith(out_jsonl, ids)
        r['rss_load_kb'] = None
    else:
        st = stats_line(stdout) or {}
        r['cpu'], r['wall'] = st.get('cpu'), st.get('wall')
        r['failures'] = st.get('failures')
        r['rss_load_kb'] = st.get('rss_load_kb')
        if runner == 'lib' and name != 'pith-parse-only':
            normalise_pith(out_jsonl, ids)
        if r['cpu'] is None:
            r['ok'] = False
    return r


# ---------------------------------------------------------------------------
# scoring

def score(args, truth, pred, perdoc):
    p = subprocess.run([sys.executable, args.score, '--truth', truth, '--pred', pred, '--json',
                        '--per-doc', perdoc], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if p.returncode != 0 or not p.stdout.strip():
        log(f'score.py failed on {pred}: {p.stderr.strip()[-300:]}')
        return None
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    ds = next(iter(summary['datasets'].values()))
    sh, md = ds.get('shingle', {}), ds.get('metadata', {})
    return {'P': sh.get('precision'), 'R': sh.get('recall'), 'F1': sh.get('f1'),
            'accuracy': sh.get('accuracy'), 'tokF1': ds.get('token', {}).get('f1'),
            'meta': {k: {'exact': v['exact'], 'n': v['n']} for k, v in md.items()},
            'snippets_f1': ds.get('snippets', {}).get('f1')}


def by_page_type(perdoc, types):
    """Shingle P/R/F1 per page type, aggregated as score.py does a dataset:
    mean per-page P over pages with one, mean R likewise, F1 of the means."""
    acc = {}
    with open(perdoc, encoding='utf-8') as f:
        for ln in f:
            d = json.loads(ln)
            t = types.get(d['id'])
            if t is None or ('shingle_p' not in d and 'shingle_r' not in d):
                continue
            a = acc.setdefault(t, [[], []])
            if d.get('shingle_p') is not None:
                a[0].append(d['shingle_p'])
            if d.get('shingle_r') is not None:
                a[1].append(d['shingle_r'])
    out = {}
    for t, (ps, rs) in sorted(acc.items()):
        p = sum(ps) / len(ps) if ps else 0.0
        r = sum(rs) / len(rs) if rs else 0.0
        out[t] = {'P': p, 'R': r, 'F1': 2 * p * r / (p + r) if p + r else 0.0, 'n': max(len(ps), len(rs))}
    return out


# ---------------------------------------------------------------------------
# the machine

def machine():
    m = {'nproc': os.cpu_count(), 'python': platform.python_version(), 'kernel': platform.release()}
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            mm = re.search(r'^model name\s*:\s*(.+)$', f.read(), re.M)
            m['cpu'] = mm.group(1).strip() if mm else platform.processor()
    except OSError:
        m['cpu'] = platform.processor()
    try:
        with open('/proc/meminfo', encoding='utf-8') as f:
            mm = re.search(r'^MemTotal:\s*(\d+) kB', f.read(), re.M)
            m['mem_gb'] = round(int(mm.group(1)) / 1024 / 1024, 1) if mm else None
    except OSError:
        m['mem_gb'] = None
    try:
        with open('/etc/os-release', encoding='utf-8') as f:
            mm = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', f.read(), re.M)
            m['os'] = mm.group(1) if mm else platform.platform()
    except OSError:
        m['os'] = platform.platform()

    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
    m['libxml2'] = out(['pkg-config', '--modversion', 'libxml-2.0'])
    m['cc'] = (out(['cc', '--version']) or '').splitlines()[:1]
    m['cc'] = m['cc'][0] if m['cc'] else None
    m['pith_commit'] = out(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'])
    if out(['git', '-C', ROOT, 'status', '--porcelain', '--untracked-files=no', '--', 'src', 'include']):
        m['pith_commit'] = (m['pith_commit'] or '?') + ' (src/ modified)'
    m['pith_version'] = out([ARGS.pith, '--version'])
    return m


# ---------------------------------------------------------------------------

def pick(all_names, wanted):
    if not wanted or wanted == 'all':
        return list(all_names)
    w = [x.strip() for x in wanted.split(',') if x.strip()]
    return [n for n in all_names if n in w]


def load_set(args, name):
    data = os.path.join(args.shared, 'bench', 'data', name)
    truth = os.path.join(data, 'truth.jsonl')
    if not os.path.isfile(truth):
        log(f'{name}: {truth} missing; skipped')
        return None
    gold = [json.loads(ln) for ln in open(truth, encoding='utf-8') if ln.strip()]
    if name in TEXT_SETS:
        files = [os.path.join(data, 'text', g['id'] + '.txt') for g in gold]
    else:
        files = sorted(os.path.join(data, 'html', f) for f in os.listdir(os.path.join(data, 'html'))
                       if f.endswith('.html'))
    files = [f for f in files if os.path.isfile(f)]
    if args.limit:
        files = files[:args.limit]
    ids = [worker.stem(f) for f in files]
    keep = set(ids)
    gold = [g for g in gold if g['id'] in keep]
    sdir = os.path.join(args.out, name)
    os.makedirs(sdir, exist_ok=True)
    tpath = os.path.join(sdir, 'truth.jsonl')
    with open(tpath, 'w', encoding='utf-8') as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + '\n')
    return {'name': name, 'files': files, 'ids': ids, 'truth': tpath, 'dir': sdir,
            'bytes': sum(os.path.getsize(f) for f in files),
            'types': {g['id']: g['page_type'] for g in gold if g.get('page_type')},
            'mode': 'text' if name in TEXT_SETS else 'html'}


ARGS = None


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pith', default=os.path.join(ROOT, 'build', 'pith'))
    ap.add_argument('--pith-lib', default=os.path.join(ROOT, 'build', 'pith_lib'))
    ap.add_argument('--libxml2', default=os.path.join(ROOT, 'build', 'parse_libxml2'))
    ap.add_argument('--python', default=sys.executable, help='the venv interpreter for the peers')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(ROOT), 'shared'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'build', 'bench-peers'))
    ap.add_argument('--report-dir', default=os.path.join(ROOT, 'docs'),
                    help='where benchmarks.md, benchmarks-worst.md and img/ go ("" = no report)')
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--slow-rounds', type=int, default=None,
                    help='rounds for ' + ', '.join(SLOW) + ' (default: --rounds)')
    ap.add_argument('--sets', default='all')
    ap.add_argument('--systems', default='all')
    ap.add_argument('--limit', type=int, default=0, help='only the first N pages of each set')
    ap.add_argument('--cap', type=float, default=30.0, help='seconds per page before it fails')
    ap.add_argument('--run-timeout', type=float, default=1800.0, help='seconds per process')
    ap.add_argument('--command', default=None, help='the command line to quote in the report')
    args = ap.parse_args()
    for k in ('pith', 'pith_lib', 'libxml2', 'shared', 'out'):
        setattr(args, k, os.path.abspath(getattr(args, k)))
    if os.sep in args.python:
        args.python = os.path.abspath(args.python)
    if args.report_dir:
        args.report_dir = os.path.abspath(args.report_dir)
    ARGS = args
    args.score = os.path.join(args.shared, 'bench', 'score.py')
    slow_rounds = args.rounds if args.slow_rounds is None else args.slow_rounds
    if not os.path.isfile(args.score):
        log(f'no {args.score}: the shared bench data is missing')
        return 2
    sets = [s for s in (load_set(args, n) for n in pick(HTML_SETS + TEXT_SETS, args.sets)) if s]
    if not sets:
        log('no set to run')
        return 2
    plan = {}
    for s in sets:
        table = TEXT_SYSTEMS if s['mode'] == 'text' else HTML_SYSTEMS
        plan[s['name']] = pick(table, args.systems)
    need = {r for s in sets for n in plan[s['name']]
            for r in [(TEXT_SYSTEMS if s['mode'] == 'text' else HTML_SYSTEMS)[n][0]]}
    for r, path in (('cli', args.pith), ('lib', args.pith_lib), ('libxml2', args.libxml2)):
        if r in need and not os.access(path, os.X_OK):
            log(f'{path} not built (make build)')
            return 2
    versions = {}
    if 'py' in need:
        p = subprocess.run([args.python, os.path.join(HERE, 'worker.py'), '--versions'],
                           capture_output=True, text=True)
        if p.returncode != 0:
            log(f'{args.python} cannot run worker.py: {p.stderr.strip()[-300:]}')
            return 2
        versions = json.loads(p.stdout)
        for s in sets:
            missing = [n for n in plan[s['name']] if n in versions and versions[n] is None]
            if missing:
                log(f'not installed in {args.python}: {", ".join(missing)}; left out')
            plan[s['name']] = [n for n in plan[s['name']] if versions.get(n, '') is not None]

    signal.signal(signal.SIGTERM, S_stop)
    signal.signal(signal.SIGINT, S_stop)
    started = datetime.datetime.now(datetime.timezone.utc)
    load0 = os.getloadavg()
    scratch = tempfile.mkdtemp(prefix='bench-peers-')
    runs = []  # one dict per (round, set, system)
    failed_any = False
    max_rounds = max(args.rounds, slow_rounds)
    for rnd in range(max_rounds):
        for s in sets:
            names = plan[s['name']]
            k = rnd % len(names) if names else 0
            order = names[k:] + names[:k]  # each round starts one system later
            for name in order:
                if rnd >= (slow_rounds if name in SLOW else args.rounds):
                    continue
                table = TEXT_SYSTEMS if s['mode'] == 'text' else HTML_SYSTEMS
                runner, role = table[name]
                out = os.path.join(s['dir'], f'{name}.jsonl' if rnd == 0 else f'{name}.round.jsonl')
                r = run_system(args, name, runner, s['mode'], s['files'], s['ids'], out, scratch)
                r.update(set=s['name'], system=name, round=rnd + 1, pages=len(s['files']), bytes=s['bytes'],
                         load1=os.getloadavg()[0])
                runs.append(r)
                if r['ok']:
                    log(f'round {rnd + 1} {s["name"]:<16} {name:<22} {len(s["files"]) / r["cpu"] if r["cpu"] else 0:9.1f} '
                        f'pages/s CPU, {r["wall"]:.2f} s wall, {r["rss_kb"] / 1024:.0f} MB, '
                        f'{r["failures"]} failed')
                else:
                    failed_any = True
                    log(f'round {rnd + 1} {s["name"]} {name}: FAILED (status {r["rc"]}'
                        f'{", timed out" if r["timed_out"] else ""}) {r.get("stderr", "")[-300:]}')
                if rnd > 0 and os.path.exists(out):
                    os.unlink(out)
    load1 = os.getloadavg()
    finished = datetime.datetime.now(datetime.timezone.utc)

    scores = {}
    for s in sets:
        table = TEXT_SYSTEMS if s['mode'] == 'text' else HTML_SYSTEMS
        for name in plan[s['name']]:
            if table[name][1] != 'extract':
                continue
            pred = os.path.join(s['dir'], f'{name}.jsonl')
            if not os.path.isfile(pred):
                continue
            sc = score(args, s['truth'], pred, os.path.join(s['dir'], f'{name}.perdoc.jsonl'))
            if sc and s['types']:
                sc['by_type'] = by_page_type(os.path.join(s['dir'], f'{name}.perdoc.jsonl'), s['types'])
            scores.setdefault(s['name'], {})[name] = sc

    argv = ' '.join(shlex.quote(a) for a in sys.argv)
    results = {
        'started': started.isoformat(timespec='seconds'), 'finished': finished.isoformat(timespec='seconds'),
        'loadavg_start': load0, 'loadavg_end': load1, 'machine': machine(), 'versions': versions,
        'command': args.command or argv, 'argv': argv, 'rounds': args.rounds, 'slow_rounds': slow_rounds,
        'slow': list(SLOW), 'cap': args.cap, 'limit': args.limit,
        'sets': [{k: s[k] for k in ('name', 'mode', 'bytes', 'truth', 'dir')} | {'pages': len(s['files']),
                  'types': s['types']} for s in sets],
        'plan': plan, 'roles': {n: v[1] for n, v in list(HTML_SYSTEMS.items()) + list(TEXT_SYSTEMS.items())},
        'runners': {n: v[0] for n, v in list(HTML_SYSTEMS.items()) + list(TEXT_SYSTEMS.items())},
        'runs': runs, 'scores': scores,
    }
    rpath = os.path.join(args.out, 'results.json')
    with open(rpath, 'w', encoding='utf-8') as f:
        json.dump(results, f, indent=1)
    log(f'results: {rpath}')
    if args.report_dir:
        rc = subprocess.run([args.python, os.path.join(HERE, 'report.py'), rpath, '--report-dir',
                             args.report_dir]).returncode
        if rc != 0:
            log('report.py failed')
            return 1
    return 1 if failed_any else 0


if __name__ == '__main__':
    sys.exit(main())

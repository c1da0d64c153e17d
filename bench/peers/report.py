#!/usr/bin/env python3
"""Write docs/benchmarks.md, docs/benchmarks-worst.md and docs/img/bench-*.png
from the results.json of run_peers.py (`make bench-peers` runs both).

  report.py build/bench-peers/results.json [--report-dir docs]

The plots need matplotlib (bench/peers/requirements.txt); without it the
Markdown is still written and says the plots are missing.
"""
import argparse
import datetime
import difflib
import json
import os
import re
import statistics
import sys

WORD = re.compile(r'\w+')
SET_TITLES = {
    'scrapinghub': 'scrapinghub (article-extraction-benchmark, 181 news pages)',
    'readability-dev': 'readability-dev (Mozilla Readability test pages)',
    'wcxb-dev': 'wcxb-dev (WCXB dev sample, 7 page types)',
    'text-dev': 'text-dev (text mode: scrapinghub pages flattened to text)',
}
PITHS = ('pith', 'pith-lib', 'pith-clean', 'pith-clean-lib')
NOTES = {
    'pith': '`pith extract -q -f jsonl FILE...`, one process (timed whole: startup and reading files included)',
    'pith-lib': 'libpith in process (bench/peers/pith_lib.c): `pith_extract` + `pith_render`',
    'trafilatura': '`bare_extraction(html, with_metadata=True)`',
    'trafilatura-precision': '`bare_extraction(..., favor_precision=True)`',
    'resiliparse': '`extract_plain_text(html, main_content=True)`',
    'readability-lxml': '`Document(html).summary()` turned into text by html-text',
    'justext': '`justext(html, English stoplist)`, non-boilerplate paragraphs',
    'boilerpy3': '`ArticleExtractor().get_doc(html)`',
    'newspaper4k': '`Article("").download(input_html=html); parse()` (no URL)',
    'html-text': '`extract_text(html)`: every visible text, the keep-all baseline',
    'pith-parse-only': 'libpith with `PITH_OPT_PARSE_ONLY` (decode + parse into pith\'s DOM)',
    'libxml2-tree': '`htmlReadMemory` with pith\'s parser options (bench/peers/parse_libxml2.c)',
    'libxml2-sax': 'libxml2\'s HTML parser with empty SAX callbacks (pith\'s parse stage without its DOM)',
    'lexbor-parse': 'selectolax `LexborHTMLParser(html)`',
    'lxml-parse': '`lxml.html.document_fromstring(bytes)`',
    'pith-clean': '`pith clean -q -f jsonl FILE...`, one process',
    'pith-clean-lib': 'libpith in process: `pith_clean_text`',
    'keep-everything': 'the flattened page as it is',
    'c4-lines-5': 'C4 line filter, >= 5 words (bench/text_baselines.py)',
    'c4-lines-3': 'C4 line filter, >= 3 words',
    'justext-lines': 'jusText over the lines (each line one paragraph)',
}


def med(xs):
    return statistics.median(xs) if xs else None


def f3(x):
    return '–' if x is None else f'{x:.3f}'


def fnum(x):
    if x is None:
        return '–'
    if x >= 100:
        return f'{x:,.0f}'
    if x >= 10:
        return f'{x:.1f}'
    return f'{x:.2f}'


def frange(xs):
    if not xs:
        return '–'
    m = med(xs)
    if len(xs) == 1:
        return fnum(m)
    return f'{fnum(m)} ({fnum(min(xs))}–{fnum(max(xs))})'


def doc_f1(d):
    """A page's shingle F1 from score.py's per-page P/R (None = that side empty)."""
    p, r = d.get('shingle_p'), d.get('shingle_r')
    if p is None and r is None:
        return None
    p = p or 0.0
    r = 1.0 if r is None else r
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


# ---------------------------------------------------------------------------
# aggregation

def aggregate(res):
    """{set: {system: figures}} over the rounds."""
    agg = {}
    for r in res['runs']:
        a = agg.setdefault(r['set'], {}).setdefault(r['system'], {
            'pps_cpu': [], 'pps_wall': [], 'mbs': [], 'rss': [], 'rss_load': [], 'failures': [],
            'rounds': 0, 'broken': 0, 'by_round': {}})
        a['rounds'] += 1
        if not r.get('ok') or not r.get('cpu'):
            a['broken'] += 1
            continue
        a['pps_cpu'].append(r['pages'] / r['cpu'])
        a['pps_wall'].append(r['pages'] / r['wall'] if r['wall'] else None)
        a['mbs'].append(r['bytes'] / 1e6 / r['cpu'])
        a['rss'].append(r['rss_kb'] / 1024)
        if r.get('rss_load_kb'):
            a['rss_load'].append(r['rss_load_kb'] / 1024)
        a['failures'].append(r.get('failures') or 0)
        a['by_round'][r['round']] = r['pages'] / r['cpu']
    for s in agg.values():
        for a in s.values():
            a['pps_wall'] = [x for x in a['pps_wall'] if x]
    return agg


def ratios(agg_set, pith, peer):
    """pith's pages/s over the peer's, round by round (same run)."""
    a, b = agg_set.get(pith), agg_set.get(peer)
    if not a or not b:
        return []
    return [a['by_round'][k] / b['by_round'][k] for k in a['by_round'] if k in b['by_round']]


def load_perdoc(setdir, system):
    path = os.path.join(setdir, f'{system}.perdoc.jsonl')
    if not os.path.isfile(path):
        return {}
    out = {}
    with open(path, encoding='utf-8') as f:
        for ln in f:
            d = json.loads(ln)
            out[d['id']] = d
    return out


def load_jsonl(path):
    out = {}
    if os.path.isfile(path):
        with open(path, encoding='utf-8', errors='replace') as f:
            for ln in f:
                if ln.strip():
                    o = json.loads(ln)
                    out[o.get('id')] = o
    return out


# ---------------------------------------------------------------------------
# plots

def plots(res, agg, imgdir):
    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    os.makedirs(imgdir, exist_ok=True)
    made = {}
    meta = {'Software': None}  # no matplotlib version in the PNG: reruns differ only by data
    sets = [s['name'] for s in res['sets']]
    roles = res['roles']
    scores = res['scores']

    # 1. F1 against pages/s (log x), one panel per set
    n = len(sets)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7 * cols, 5 * rows), squeeze=False)
    for ax, sname in zip(axes.flat, sets):
        sc = scores.get(sname, {})
        nth = 0  # labels alternate above and below their point: neighbours overlap less
        for sysname, a in agg.get(sname, {}).items():
            pps = med(a['pps_cpu'])
            if pps is None:
                continue
            if roles.get(sysname) == 'parse':
                ax.axvline(pps, color='0.7', ls='--', lw=1)
                ax.text(pps, 0.02, ' ' + sysname, rotation=90, fontsize=7, color='0.4',
                        va='bottom', transform=ax.get_xaxis_transform())
                continue
            f1 = (sc.get(sysname) or {}).get('F1')
            if f1 is None:
                continue
            lo, hi = min(a['pps_cpu']), max(a['pps_cpu'])
            is_pith = sysname in PITHS
            ax.errorbar([pps], [f1], xerr=[[pps - lo], [hi - pps]], fmt='o',
                        color='tab:red' if is_pith else 'tab:blue', ms=7 if is_pith else 5, capsize=2)
            ax.annotate(sysname, (pps, f1), textcoords='offset points',
                        xytext=(5, 4 if nth % 2 == 0 else -11), fontsize=8,
                        fontweight='bold' if is_pith else 'normal')
            nth += 1
        ax.set_xscale('log')
        ax.set_title(sname)
        ax.set_xlabel('pages/s per core (CPU time; median, bars = range of rounds)')
        ax.set_ylabel('shingle F1')
        ax.grid(True, which='both', alpha=0.3)
    for ax in list(axes.flat)[n:]:
        ax.axis('off')
    fig.suptitle('F1 against speed (dashed: parse-only references)')
    fig.tight_layout()
    p = os.path.join(imgdir, 'bench-f1-speed.png')
    fig.savefig(p, dpi=90, metadata=meta)
    plt.close(fig)
    made['f1-speed'] = p

    # 2. per-page F1 distribution per system
    fig, axes = plt.subplots(rows, cols, figsize=(7 * cols, 4.5 * rows), squeeze=False)
    for ax, s in zip(axes.flat, res['sets']):
        sname = s['name']
        names, data = [], []
        for sysname in res['plan'].get(sname, []):
            if roles.get(sysname) != 'extract':
                continue
            pd = load_perdoc(s['dir'], sysname)
            vals = [v for v in (doc_f1(d) for d in pd.values()) if v is not None]
            if vals:
                names.append(sysname)
                data.append(vals)
        if not data:
            ax.axis('off')
            continue
        bp = ax.boxplot(data, orientation='horizontal', patch_artist=True, widths=0.6, showmeans=True,
                        meanprops={'marker': 'D', 'markersize': 4, 'markerfacecolor': 'white'})
        for patch, nm in zip(bp['boxes'], names):
            patch.set_facecolor('tab:red' if nm in PITHS else 'lightsteelblue')
        ax.set_yticks(range(1, len(names) + 1))
        ax.set_yticklabels(names, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(-0.02, 1.02)
        ax.set_xlabel('per-page shingle F1 (diamond = mean)')
        ax.set_title(sname)
        ax.grid(True, axis='x', alpha=0.3)
    for ax in list(axes.flat)[n:]:
        ax.axis('off')
    fig.tight_layout()
    p = os.path.join(imgdir, 'bench-f1-pages.png')
    fig.savefig(p, dpi=90, metadata=meta)
    plt.close(fig)
    made['f1-pages'] = p

    # 3. F1 by wcxb page type: systems x types, as a heat map with the values
    typed = [s for s in res['sets'] if s.get('types')]
    for s in typed:
        sc = scores.get(s['name'], {})
        names = [x for x in res['plan'][s['name']] if (sc.get(x) or {}).get('by_type')]
        if not names:
            continue
        types = sorted({t for x in names for t in sc[x]['by_type']})
        grid = [[sc[x]['by_type'].get(t, {}).get('F1', float('nan')) for t in types] for x in names]
        fig, ax = plt.subplots(figsize=(1.1 * len(types) + 3, 0.42 * len(names) + 1.5))
        im = ax.imshow(grid, cmap='RdYlGn', vmin=0.3, vmax=1.0, aspect='auto')
        ax.set_xticks(range(len(types)))
        ax.set_xticklabels([f'{t}\n(n={sc[names[0]]["by_type"].get(t, {}).get("n", "?")})' for t in types],
                           fontsize=8)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels(names, fontsize=8)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                ax.text(j, i, f'{v:.2f}', ha='center', va='center', fontsize=7,
                        fontweight='bold' if names[i] in PITHS else 'normal')
        fig.colorbar(im, ax=ax, fraction=0.03)
        ax.set_title(f'{s["name"]}: shingle F1 by page type')
        fig.tight_layout()
        p = os.path.join(imgdir, f'bench-{s["name"]}-types.png')
        fig.savefig(p, dpi=90, metadata=meta)
        plt.close(fig)
        made['types'] = p
    return made


# ---------------------------------------------------------------------------
# the worst pages: a token-level diff of pith's text against the gold

def diff_words(gold, pred, n=15):
    """(extra, missed): the first n words pith kept that the gold lacks, the
    first n it missed, and the counts, over the \\w+ tokens (matched
    case-folded; difflib's longest-matching-blocks alignment)."""
    g = WORD.findall(gold or '')
    p = WORD.findall(pred or '')
    sm = difflib.SequenceMatcher(None, [x.lower() for x in g], [x.lower() for x in p], autojunk=False)
    extra, missed = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ('insert', 'replace'):
            extra.append(p[j1:j2])
        if op in ('delete', 'replace'):
            missed.append(g[i1:i2])

    def first(spans, chars=160):
        # at most n words and about `chars` characters (a \w+ token of
        # Japanese or Chinese can be a whole sentence)
        words, out, size = 0, [], 0
        for sp in spans:
            if words >= n or size >= chars:
                break
            take = sp[:n - words]
            text = ' '.join(take)
            cut = len(take) < len(sp)
            if size + len(text) > chars:
                text, cut = text[:max(chars - size, 20)], True
            out.append(text + (' …' if cut else ''))
            words += len(take)
            size += len(text)
        return ' ‖ '.join(out)
    return first(extra), sum(map(len, extra)), first(missed), sum(map(len, missed))


def md_cell(s):
    return (s or '').replace('|', '\\|').replace('\n', ' ')


def worst_report(res, path, n=12):
    lines = ['# Benchmarks: the pages where pith does worst', '',
             f'Generated by `{res["command"]}` together with [benchmarks.md](benchmarks.md) '
             f'({res["started"][:10]}). Do not edit by hand.', '',
             'Per page: shingle F1 (P/R) as score.py computes it, the words of pith\'s text / of the '
             'gold, then a token-level diff of the two (\\w+ tokens, matched case-folded, aligned '
             'by difflib): the first 15 words pith **kept that the gold lacks**, and the first 15 '
             'it **missed** (‖ separates runs of the diff; … a run cut short).', '']
    for s in res['sets']:
        sname = s['name']
        pith = 'pith-clean' if s['mode'] == 'text' else 'pith'
        pd = load_perdoc(s['dir'], pith)
        if not pd:
            continue
        gold = load_jsonl(s['truth'])
        pred = load_jsonl(os.path.join(s['dir'], f'{pith}.jsonl'))
        peers = [x for x in res['plan'][sname] if res['roles'].get(x) == 'extract' and x not in PITHS]
        peer_pd = {x: load_perdoc(s['dir'], x) for x in peers}
        rows = []
        for pid, d in pd.items():
            f = doc_f1(d)
            if f is None:
                continue
            best, bestf = None, None
            for x in peers:
                pf = doc_f1(peer_pd[x].get(pid, {}))
                if pf is not None and (bestf is None or pf > bestf):
                    best, bestf = x, pf
            rows.append((pid, f, d, best, bestf))
        out = [f'## {sname}', '']

        def table(sel, with_peer):
            hdr = '| page | F1 (P/R) | words pith/gold |' + (' best peer (F1) |' if with_peer else '') + \
                  ' kept, not in the gold | missed |'
            t = [hdr, '|' + '---|' * (hdr.count('|') - 1)]
            for pid, f, d, best, bestf in sel:
                g = (gold.get(pid) or {}).get('text') or ''
                p = (pred.get(pid) or {}).get('text') or ''
                ex, nex, mi, nmi = diff_words(g, p)
                label = pid if len(pid) <= 20 else pid[:12] + '…'
                pt = s['types'].get(pid)
                if pt:
                    label += f' ({pt})'
                cell = f'{f:.3f} ({f3(d.get("shingle_p"))}/{f3(d.get("shingle_r"))})'
                peer = f' {best} ({bestf:.3f}) |' if with_peer else ''
                t.append(f'| {label} | {cell} | {len(WORD.findall(p))}/{len(WORD.findall(g))} |{peer} '
                         f'{nex}: {md_cell(ex) or "–"} | {nmi}: {md_cell(mi) or "–"} |')
            return t
        low = sorted(rows, key=lambda r: (r[1], r[0]))[:n]
        out += [f'### pith\'s {len(low)} lowest pages', ''] + table(low, True) + ['']
        lose = sorted((r for r in rows if r[4] is not None and r[4] > r[1]),
                      key=lambda r: (r[1] - r[4], r[0]))[:n]
        out += [f'### the {len(lose)} pages where pith loses most to the best peer on that page', '']
        out += (table(lose, True) if lose else ['(none: pith is never behind)']) + ['']
        lines += out
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines).rstrip() + '\n')


# ---------------------------------------------------------------------------
# the main report

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('results')
    ap.add_argument('--report-dir', default='docs')
    opt = ap.parse_args()
    with open(opt.results, encoding='utf-8') as f:
        res = json.load(f)
    os.makedirs(opt.report_dir, exist_ok=True)
    agg = aggregate(res)
    made = plots(res, agg, os.path.join(opt.report_dir, 'img'))
    m = res['machine']
    sets = [s['name'] for s in res['sets']]
    setinfo = {s['name']: s for s in res['sets']}
    L = []
    w = L.append
    w('# Benchmarks: pith and the extractors users would pick instead')
    w('')
    t0 = datetime.datetime.fromisoformat(res['started'])
    t1 = datetime.datetime.fromisoformat(res['finished'])
    w(f'Generated by `{res["command"]}` — the whole file and the plots in `img/bench-*.png` are '
      f'that command\'s output; do not edit by hand. Run {res["started"]} → {res["finished"]} '
      f'({(t1 - t0).total_seconds() / 60:.0f} min).')
    w('')
    w('## Machine and method')
    w('')
    w(f'- Machine: {m.get("nproc")} CPUs, {m.get("cpu")}, {m.get("mem_gb")} GB RAM; {m.get("os")}, '
      f'Linux {m.get("kernel")}; '
      f'Python {m.get("python")}, libxml2 {m.get("libxml2")}, {m.get("cc")}.')
    w(f'- {m.get("pith_version") or "pith"} at commit {m.get("pith_commit")} (Release build).')
    loads = sorted(r['load1'] for r in res['runs'] if r.get('load1') is not None)
    during = (f', median {med(loads):.1f} and at most {loads[-1]:.1f} over the {len(loads)} runs'
              if loads else '')
    w(f'- **A shared machine**: other jobs ran beside this one (1-minute load average '
      f'{res["loadavg_start"][0]:.1f} at the start, {res["loadavg_end"][0]:.1f} at the end{during}, '
      f'on {m.get("nproc")} CPUs). Speeds are '
      f'therefore given in CPU time (per core; every system here runs on one thread), which other '
      f'jobs disturb less than wall time; wall-clock pages/s are listed too. Read the ranges, not '
      f'the third digit.')
    rounds = res['rounds']
    sr = res['slow_rounds']
    w(f'- Rounds: {rounds}' + (f' ({sr} for the slow peers: {", ".join(res["slow"])})' if sr != rounds else '') +
      '. Each round runs every system once over every set, each as a process of its own (so the peak '
      'RSS is that system\'s), and the order of the systems turns by one each round. Figures are the '
      'median of the rounds, with the range in brackets. The ratios of pith to a peer are taken '
      'round by round (the two ran minutes apart in the same round), then the median and range of '
      'those ratios are given.')
    w('- Each runner reads all the set\'s pages into memory first and times only its loop over them '
      '(the Python peers get the HTML decoded to `str` before the clock starts; every page is UTF-8). '
      'Exception: `pith` (the CLI) is timed as the whole process — startup, reading each file, '
      'writing JSONL — as a user runs it; `pith-lib` is libpith timed like the peers. No system '
      'is given the page\'s URL; every one runs with its defaults except where the table of '
      'systems says otherwise.')
    w(f'- A page that raises, or runs over {res["cap"]:g} s (SIGALRM in the Python runner, pith\'s own '
      'time budget in the C one), is a failure and scores as an empty text.')
    w('- Scores: `../shared/bench/score.py` — shingle (4-gram) P/R/F1 as the scrapinghub '
      'article-extraction-benchmark computes them (P and R are means over pages, F1 of the two '
      'means); metadata = exact match after normalisation (`date_day` compares the day only). '
      'By page type: the same aggregation over the pages of each type.')
    w('- MB/s = HTML bytes / CPU seconds. Peak RSS is the process\'s (GNU time), pages loaded '
      'included; "RSS loaded" is the peak before the loop started (pages + interpreter + modules), '
      'so the difference is what the extraction itself held.')
    if res.get('limit'):
        w(f'- **Quick run: only the first {res["limit"]} pages of each set.**')
    w('')

    # summary table
    html_sets = [s for s in sets if setinfo[s]['mode'] == 'html']
    if html_sets:
        w('## Summary: F1 and speed')
        w('')
        w('F1 = shingle F1; pages/s per core (CPU time), median of the rounds.')
        w('')
        hdr = '| system |' + ''.join(f' {s} F1 | {s} pages/s |' for s in html_sets)
        w(hdr)
        w('|---|' + '---:|' * (2 * len(html_sets)))
        names = []
        for s in html_sets:
            for x in res['plan'][s]:
                if x not in names:
                    names.append(x)
        for x in names:
            cells = []
            for s in html_sets:
                sc = (res['scores'].get(s) or {}).get(x) or {}
                a = agg.get(s, {}).get(x) or {}
                cells.append(f' {f3(sc.get("F1")) if res["roles"][x] == "extract" else "(parse only)"} | '
                             f'{fnum(med(a.get("pps_cpu", [])))} |')
            nm = f'**{x}**' if x in PITHS else x
            w(f'| {nm} |' + ''.join(cells))
        w('')

    # ratios
    w('## pith against each peer, same run')
    w('')
    w('pith\'s pages/s divided by the peer\'s (CPU time), per round, median (range). '
      '> 1: pith is faster.')
    w('')
    rs = [x for x in ('resiliparse',) if any(x in res['plan'].get(s, []) for s in sets)]
    for s in sets:
        for pith in (('pith-clean', 'pith-clean-lib') if setinfo[s]['mode'] == 'text' else ('pith', 'pith-lib')):
            for peer in rs:
                r = ratios(agg.get(s, {}), pith, peer)
                if r:
                    w(f'- **{pith} / {peer}** on {s}: **{frange(r)}×**')
    w('')
    for s in sets:
        piths = [p for p in ((('pith-clean', 'pith-clean-lib') if setinfo[s]['mode'] == 'text'
                              else ('pith', 'pith-lib'))) if p in agg.get(s, {})]
        peers = [x for x in res['plan'][s] if x not in PITHS]
        if not piths or not peers:
            continue
        w(f'{s}:')
        w('')
        w('| peer |' + ''.join(f' {p} / peer |' for p in piths))
        w('|---|' + '---:|' * len(piths))
        for x in peers:
            w(f'| {x} |' + ''.join(f' {frange(ratios(agg[s], p, x))} |' for p in piths))
        w('')

    # per set
    for s in sets:
        si = setinfo[s]
        w(f'## {SET_TITLES.get(s, s)}')
        w('')
        w(f'{si["pages"]} pages, {si["bytes"] / 1e6:.1f} MB of '
          f'{"text" if si["mode"] == "text" else "HTML"}.')
        w('')
        w('| system | F1 | P | R | pages/s (CPU) | pages/s (wall) | MB/s (CPU) | peak RSS MB | RSS loaded MB | failures | rounds |')
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
        for x in res['plan'][s]:
            sc = (res['scores'].get(s) or {}).get(x) or {}
            a = agg.get(s, {}).get(x)
            if not a:
                continue
            parse = res['roles'][x] == 'parse'
            fail = max(a['failures']) if a['failures'] else '–'
            if a['broken']:
                fail = f'{fail}; {a["broken"]} runs broke'
            nm = f'**{x}**' if x in PITHS else x
            w(f'| {nm} | {"parse only" if parse else f3(sc.get("F1"))} | {"" if parse else f3(sc.get("P"))} | '
              f'{"" if parse else f3(sc.get("R"))} | {frange(a["pps_cpu"])} | {frange(a["pps_wall"])} | '
              f'{frange(a["mbs"])} | {fnum(max(a["rss"])) if a["rss"] else "–"} | '
              f'{fnum(max(a["rss_load"])) if a["rss_load"] else "–"} | {fail} | {a["rounds"]} |')
        w('')
        metas = {}
        for x in res['plan'][s]:
            md = ((res['scores'].get(s) or {}).get(x) or {}).get('meta') or {}
            if md:
                metas[x] = md
        fields = [f for f in ('title', 'byline', 'date_day', 'site_name')
                  if any(f in md for md in metas.values())]
        if fields:
            ns = next(iter(metas.values()))
            w('Metadata, exact match (share of the pages whose gold has the field; n = '
              + ', '.join(f'{f} {ns[f]["n"]}' for f in fields if f in ns) + '):')
            w('')
            w('| system |' + ''.join(f' {f} |' for f in fields))
            w('|---|' + '---:|' * len(fields))
            for x, md in metas.items():
                nm = f'**{x}**' if x in PITHS else x
                w(f'| {nm} |' + ''.join(f' {f3((md.get(f) or {}).get("exact"))} |' for f in fields))
            w('')
            w('A system with no metadata output scores 0 (or the share of pages annotated as '
              'having none).')
            w('')
        typed = {x: ((res['scores'].get(s) or {}).get(x) or {}).get('by_type') for x in res['plan'][s]}
        typed = {x: v for x, v in typed.items() if v}
        if typed:
            types = sorted({t for v in typed.values() for t in v})
            first = next(iter(typed.values()))
            w('Shingle F1 by page type (n pages):')
            w('')
            w('| system |' + ''.join(f' {t} ({first.get(t, {}).get("n", "?")}) |' for t in types))
            w('|---|' + '---:|' * len(types))
            for x, v in typed.items():
                nm = f'**{x}**' if x in PITHS else x
                w(f'| {nm} |' + ''.join(f' {f3((v.get(t) or {}).get("F1"))} |' for t in types))
            w('')

    w('## Plots')
    w('')
    if made:
        rel = lambda p: os.path.relpath(p, opt.report_dir)
        w(f'![F1 against pages/s]({rel(made["f1-speed"])})')
        w('')
        w(f'![per-page F1 per system]({rel(made["f1-pages"])})')
        w('')
        if 'types' in made:
            w(f'![F1 by page type]({rel(made["types"])})')
            w('')
    else:
        w('(matplotlib was not importable: no plots this run.)')
        w('')
    w('The pages where pith scores lowest, and where it loses most to the best peer, with what it '
      'kept and missed: [benchmarks-worst.md](benchmarks-worst.md).')
    w('')
    w('## Systems and versions')
    w('')
    w('| system | version | what runs |')
    w('|---|---|---|')
    seen = []
    for s in sets:
        for x in res['plan'][s]:
            if x in seen:
                continue
            seen.append(x)
            if res['runners'].get(x) in ('cli', 'lib'):
                v = f'pith {m.get("pith_commit")}'
            elif res['runners'].get(x) == 'libxml2':
                v = f'libxml2 {m.get("libxml2")}'
            else:
                v = res['versions'].get(x) or '?'
            w(f'| {x} | {v} | {NOTES.get(x, "")} |')
    w('')
    w('Python peers from `bench/peers/requirements.txt` (pinned), installed by `make bench-peers` '
      'into a venv under the build directory. goose3 is not included (newspaper4k is). The '
      'Readability.js figures of issue 10 need Node and are not part of this run.')
    w('')
    w('Reproduce: `bash scripts/install-deps.sh && ' + res['command'] + '` (quick look: '
      '`make bench-peers ROUNDS=1 SETS=scrapinghub SYSTEMS=pith,resiliparse REPORT_DIR=/tmp/r`).')
    with open(os.path.join(opt.report_dir, 'benchmarks.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(L).rstrip() + '\n')
    worst_report(res, os.path.join(opt.report_dir, 'benchmarks-worst.md'))
    print(f'report: {os.path.join(opt.report_dir, "benchmarks.md")}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())

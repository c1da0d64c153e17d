#!/usr/bin/env python3
"""Run one Python extractor over a set of pages: the peers' side of `make bench-peers`.

  worker.py --system NAME --out OUT.jsonl [--cap SECONDS] FILE...
  worker.py --versions          JSON {system: version} of every system importable here

Loads every FILE (and the system's module) first, then times only the loop
that calls the extractor once per page: CPU time (time.process_time) and wall
(time.perf_counter). Afterwards writes one line per page,
{"id","text","title","author","date","site_name"} (id = the file's name
without .html/.txt, as truth.jsonl keys pages), and prints one JSON line of
figures on stdout: pages, bytes, cpu, wall, failures, rss_kb (peak, this
process), rss_load_kb (the peak once the pages and the module were loaded).

A page whose extractor raises, or runs past --cap seconds (SIGALRM; a C
extension is only interrupted when it returns to Python), is a failure: its
line has an empty text and an "error". Parse-only systems write empty texts:
their output is not scored, only timed.

Runs inside the venv of bench/peers/requirements.txt; the systems are
imported lazily, so --system html-text works with html-text alone installed.
"""
import argparse
import json
import os
import resource
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class PageTimeout(BaseException):
    """Raised by SIGALRM. A BaseException, so an extractor's own
    `except Exception` (trafilatura has several) cannot swallow it."""


def _alarm(signum, frame):
    raise PageTimeout()


def _s(v):
    """A metadata value as a plain string (None stays None)."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        v = '; '.join(str(x) for x in v if x)
    elif hasattr(v, 'isoformat'):
        v = v.isoformat()
    v = str(v).strip()
    return v or None


def _row(text, title=None, author=None, date=None, site_name=None):
    return {'text': text or '', 'title': _s(title), 'author': _s(author), 'date': _s(date),
            'site_name': _s(site_name)}


# ---------------------------------------------------------------------------
# systems: name -> (distribution for the version, input kind, factory). The
# factory imports and configures once (outside the clock) and returns
# f(page) -> row. Input kind: 'str' (decoded HTML), 'bytes' (raw HTML), 'text'
# (flattened text of text-dev). Role: 'extract', 'parse' (not scored), 'text'.

def _trafilatura(precision):
    def make():
        import trafilatura

        def run(html):
            d = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=precision)
            if d is None:
                return _row('')
            if not isinstance(d, dict):
                d = d.as_dict()
            return _row(d.get('text'), d.get('title'), d.get('author'), d.get('date'),
                        d.get('sitename'))
        return run
    return make


def _resiliparse():
    from resiliparse.extract.html2text import extract_plain_text

    def run(html):
        return _row(extract_plain_text(html, main_content=True))
    return run


def _readability():
    import html_text
    from readability import Document

    def run(html):
        doc = Document(html)
        # summary() is HTML; html_text turns it into text with block breaks
        # (lxml's text_content() would glue the words of adjacent paragraphs)
        return _row(html_text.extract_text(doc.summary(html_partial=True)), doc.short_title())
    return run


def _justext_paragraphs(paras):
    return '\n\n'.join(p.text for p in paras if not p.is_boilerplate)


def _justext():
    import justext
    stop = justext.get_stoplist('English')

    def run(html):
        return _row(_justext_paragraphs(justext.justext(html, stop)))
    return run


def _boilerpy3():
    from boilerpy3 import extractors
    ex = extractors.ArticleExtractor(raise_on_failure=False)

    def run(html):
        d = ex.get_doc(html)
        return _row(d.content, d.title)
    return run


def _newspaper():
    import warnings
    warnings.filterwarnings('ignore')
    import newspaper
    cfg = newspaper.Config()
    cfg.fetch_images = False

    def run(html):
        # no URL: with one, tldextract would try to fetch the suffix list
        a = newspaper.Article('', config=cfg)
        a.download(input_html=html)
        a.parse()
        return _row(a.text, a.title, a.authors, a.publish_date, getattr(a, 'meta_site_name', None))
    return run


def _html_text():
    import html_text

    def run(html):
        return _row(html_text.extract_text(html))
    return run


def _lexbor():
    from selectolax.lexbor import LexborHTMLParser

    def run(html):
        LexborHTMLParser(html)
        return _row('')
    return run


def _lxml():
    import lxml.html

    def run(raw):
        # bytes: lxml refuses a str that carries an encoding declaration
        lxml.html.document_fromstring(raw)
        return _row('')
    return run


# text mode (text-dev): the baselines of bench/text_baselines.py and jusText
def _keepall():
    return lambda t: _row(t)


def _c4(min_words):
    def make():
        sys.path.insert(0, os.path.dirname(HERE))
        from text_baselines import c4_filter
        return lambda t: _row(c4_filter(t, min_words))
    return make


def _justext_text():
    import html
    import justext
    stop = justext.get_stoplist('English')

    def run(text):
        # every line of the flattened page as a paragraph of its own
        body = ''.join('<p>%s</p>' % html.escape(ln) for ln in text.splitlines() if ln.strip())
        return _row(_justext_paragraphs(justext.justext('<html><body>%s</body></html>' % body, stop)))
    return run


SYSTEMS = {
    'trafilatura': ('trafilatura', 'str', 'extract', _trafilatura(False)),
    'trafilatura-precision': ('trafilatura', 'str', 'extract', _trafilatura(True)),
    'resiliparse': ('resiliparse', 'str', 'extract', _resiliparse),
    'readability-lxml': ('readability-lxml', 'str', 'extract', _readability),
    'justext': ('justext', 'str', 'extract', _justext),
    'boilerpy3': ('boilerpy3', 'str', 'extract', _boilerpy3),
    'newspaper4k': ('newspaper4k', 'str', 'extract', _newspaper),
    'html-text': ('html-text', 'str', 'extract', _html_text),
    'lexbor-parse': ('selectolax', 'str', 'parse', _lexbor),
    'lxml-parse': ('lxml', 'bytes', 'parse', _lxml),
    'keep-everything': (None, 'text', 'text', _keepall),
    'c4-lines-5': (None, 'text', 'text', _c4(5)),
    'c4-lines-3': (None, 'text', 'text', _c4(3)),
    'justext-lines': ('justext', 'text', 'text', _justext_text),
}


def stem(path):
    b = os.path.basename(path)
    for ext in ('.html', '.txt'):
        if b.endswith(ext):
            return b[:-len(ext)]
    return os.path.splitext(b)[0]


def versions():
    from importlib import metadata
    out = {}
    for name, (dist, _, _, _) in SYSTEMS.items():
        if dist is None:
            out[name] = 'bench/text_baselines.py' if name.startswith('c4') else '-'
            continue
        try:
            out[name] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--system', choices=sorted(SYSTEMS))
    ap.add_argument('--out')
    ap.add_argument('--cap', type=float, default=30.0, help='seconds per page (default 30)')
    ap.add_argument('--versions', action='store_true')
    ap.add_argument('files', nargs='*')
    a = ap.parse_args()
    if a.versions:
        print(json.dumps(versions()))
        return 0
    if not a.system or not a.out:
        ap.error('--system and --out are needed')
    _, kind, _, factory = SYSTEMS[a.system]

    pages, nbytes = [], 0
    for f in a.files:
        with open(f, 'rb') as fh:
            raw = fh.read()
        nbytes += len(raw)
        pages.append((stem(f), raw if kind == 'bytes' else raw.decode('utf-8', 'replace')))
    run = factory()
    rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    signal.signal(signal.SIGALRM, _alarm)
    rows, failures = [], 0
    c0, w0 = time.process_time(), time.perf_counter()
    for pid, page in pages:
        try:
            signal.setitimer(signal.ITIMER_REAL, a.cap)
            try:
                r = run(page)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except PageTimeout:
            r = {'text': '', 'error': f'over {a.cap:g} s'}
            failures += 1
        except Exception as e:  # any error of the extractor: that page fails
            r = {'text': '', 'error': f'{type(e).__name__}: {e}'[:200]}
            failures += 1
        rows.append((pid, r))
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0

    with open(a.out, 'w', encoding='utf-8') as f:
        for pid, r in rows:
            f.write(json.dumps(dict(id=pid, **r), ensure_ascii=False) + '\n')
    print(json.dumps({'pages': len(pages), 'bytes': nbytes, 'cpu': cpu, 'wall': wall,
                      'failures': failures,
                      'rss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      'rss_load_kb': rss_load}))
    return 0


if __name__ == '__main__':
    sys.exit(main())

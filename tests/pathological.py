#!/usr/bin/env python3
"""pathological.py PITH - the bad inputs of RELIABILITY.md section 4, run
through the pith command line (cmark's test/pathological_tests.py is the
model).

Every input is generated here, into a temporary directory, never stored.
Each case runs in a subprocess with its own time limit; it passes when the
exit status is one of the expected ones and stdout/stderr match the given
checks. Time limits are generous for a Debug/ASan build and still far below
what a quadratic algorithm would need on these sizes.

  tests/pathological.py build/pith            # all cases
  tests/pathological.py build/pith nested     # only cases whose name contains "nested"

Prints "N passed, N failed" and exits 1 when a case failed.
"""
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = float(os.environ.get('PITH_PATHO_TIMEOUT', '10'))
PARA = ('<p>The council voted on Tuesday to approve the harbor plan, which had been debated '
        'for more than two years by residents, shop owners and the fishing cooperative.</p>\n')
ARTICLE = ('<html><head><title>Harbor plan approved</title></head><body><article>'
           '<h1>Harbor plan approved</h1>' + PARA * 6 + '</article></body></html>')


class Ctx:
    def __init__(self, pith, tmp):
        self.pith = pith
        self.tmp = tmp
        self.asan = False

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, data):
        if isinstance(data, str):
            data = data.encode('utf-8')
        p = self.path(name)
        with open(p, 'wb') as f:
            f.write(data)
        return p


# ---- result checks ----------------------------------------------------------
def jsonl(out):
    """Every stdout line is one valid JSON object (valid UTF-8 included)."""
    objs = []
    text = out.decode('utf-8')  # raises on invalid UTF-8
    for line in text.split('\n'):
        if line:
            objs.append(json.loads(line))
    return objs


def stats(err):
    """The one-line JSON summary `pith warc` prints last on stderr."""
    for line in reversed(err.decode('utf-8', 'replace').strip().split('\n')):
        line = line.strip()
        i = line.find('{"files"')
        if i >= 0:
            return json.loads(line[i:])
    raise AssertionError('no stats line on stderr')


# ---- WARC / gzip builders ---------------------------------------------------
def http_resp(body, status=200, ctype='text/html; charset=utf-8', extra=b''):
    if isinstance(body, str):
        body = body.encode()
    return (b'HTTP/1.1 %d X\r\nContent-Type: %s\r\n' % (status, ctype.encode()) + extra +
            b'Content-Length: %d\r\n\r\n' % len(body) + body)


def record(rtype='response', uri='https://example.com/a', block=b'', clen=None, extra=b'',
           version=b'WARC/1.0', eol=b'\r\n', rid=None, ctype=None):
    if ctype is None:
        ctype = {'response': b'application/http; msgtype=response',
                 'request': b'application/http; msgtype=request',
                 'warcinfo': b'application/warc-fields'}.get(rtype, b'text/plain')
    rid = rid or ('<urn:uuid:%s>' % uri).encode()
    cl = str(len(block)).encode() if clen is None else clen
    lines = [version, b'WARC-Type: ' + rtype.encode(), b'WARC-Target-URI: ' + uri.encode(),
             b'WARC-Date: 2023-02-28T10:00:00Z', b'WARC-Record-ID: ' + rid,
             b'Content-Type: ' + ctype]
    if cl is not False:
        lines.append(b'Content-Length: ' + cl)
    head = eol.join(lines) + eol + extra + eol
    return head + block + eol + eol


def page_record(i, body=None, **kw):
    body = body if body is not None else ARTICLE.replace('Harbor plan', 'Story %d' % i)
    return record(uri='https://example.com/%d' % i, block=http_resp(body), **kw)


def good_records(n=5):
    return [page_record(i) for i in range(n)]


def gz_members(recs):
    return b''.join(gzip.compress(r, mtime=0) for r in recs)


# ---- the cases ---------------------------------------------------------------
CASES = []


def case(name, items, timeout=TIMEOUT):
    def deco(fn):
        CASES.append((name, items, timeout, fn))
        return fn
    return deco


def run(ctx, args, stdin=None, timeout=TIMEOUT):
    """Run pith; returns (exit, stdout, stderr, seconds)."""
    t0 = time.monotonic()
    p = subprocess.run([ctx.pith] + args, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout, preexec_fn=ctx.limits)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


# -- HTML ---------------------------------------------------------------------
@case('empty file', [1])
def _(ctx, T):
    p = ctx.write('empty.html', b'')
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(out == b'', 'printed %r' % out[:80])
    expect(b'empty' in err, 'not reported: %r' % err)
    rc, out, err, _ = run(ctx, ['extract', '-'], stdin=b'', timeout=T)
    expect(rc == 0 and out == b'', 'empty stdin: exit %d out %r' % (rc, out[:80]))
    rc, out, err, _ = run(ctx, ['clean', '-'], stdin=b'', timeout=T)
    expect(rc == 0 and out == b'', 'empty text: exit %d out %r' % (rc, out[:80]))


@case('input over --max-input, next file still read', [2])
def _(ctx, T):
    big = ctx.write('big.html', ARTICLE.encode() + b'<p>' + b'x' * (5 << 20) + b'</p>')
    good = ctx.write('good.html', ARTICLE)
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', '--max-input', '1M', big, good], timeout=T)
    expect(rc == 1, 'exit %d, want 1' % rc)
    expect(b'over the limit' in err and b'big' in err, 'not reported: %r' % err[:300])
    objs = jsonl(out)
    expect(any(o.get('id') == good and 'harbor plan' in o.get('text', '') for o in objs),
           'the next file was not extracted')


@case('endless stdin stops at --max-input', [2])
def _(ctx, T):
    p = subprocess.Popen([ctx.pith, 'extract', '--max-input', '1M', '-'], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=ctx.limits)
    sent = [0]

    def feed():
        chunk = b'<p>' + b'y' * 65533
        try:
            while sent[0] < (200 << 20):
                p.stdin.write(chunk)
                sent[0] += len(chunk)
            p.stdin.close()
        except (BrokenPipeError, OSError):
            pass
    res = {}

    def drain():
        res['out'] = p.stdout.read()
        res['err'] = p.stderr.read()
    th = threading.Thread(target=feed, daemon=True)
    th.start()
    th2 = threading.Thread(target=drain, daemon=True)
    th2.start()
    try:
        p.wait(timeout=T)
    except subprocess.TimeoutExpired:
        p.kill()
        raise AssertionError('still reading after %d MB' % (sent[0] >> 20))
    th2.join(T)
    err = res.get('err', b'')
    expect(p.returncode == 1, 'exit %d, want 1' % p.returncode)
    expect(b'limit' in err, 'not reported: %r' % err[:200])
    expect(sent[0] < (100 << 20), 'read %d MB before giving up' % (sent[0] >> 20))


def nested(tag, n, inner='DEEPTEXT at the bottom of the nesting, long enough to be prose.'):
    return ('<html><body><article>' + ('<%s>' % tag) * n + '<p>' + inner + '</p>' + PARA * 3 +
            ('</%s>' % tag) * n + '</article></body></html>')


@case('100 000 nested <div>', [3])
def _(ctx, T):
    p = ctx.write('divs.html', nested('div', 100000))
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'DEEPTEXT' in out, 'deep text lost')


@case('100 000 nested <blockquote>', [3])
def _(ctx, T):
    p = ctx.write('bq.html', nested('blockquote', 100000))
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'DEEPTEXT' in out, 'deep text lost')


@case('1 000 000 nested <div> (11 MB), unclosed', [3], timeout=max(TIMEOUT, 20))
def _(ctx, T):
    p = ctx.write('divs1m.html', '<html><body>' + '<div>' * 1000000 + '<p>DEEPTEXT ' + PARA)
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    expect(rc in (0, 1), 'exit %d' % rc)
    objs = jsonl(out)
    expect(objs and ('DEEPTEXT' in objs[0].get('text', '') or rc == 1),
           'deep text silently lost (status %s)' % (objs[0].get('status') if objs else None))


@case('nesting past --max-depth flattened, text kept', [3])
def _(ctx, T):
    p = ctx.write('depth.html', nested('div', 500))
    rc, out, err, _ = run(ctx, ['extract', '--max-depth', '50', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'DEEPTEXT' in out, 'deep text lost')


@case('1 000 000 sibling table rows', [4], timeout=max(TIMEOUT, 20))
def _(ctx, T):
    p = ctx.write('rows.html', '<html><body><table>' + '<tr><td>cell</td></tr>' * 1000000 +
                  '</table></body></html>')
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    expect(rc in (0, 1), 'exit %d' % rc)
    objs = jsonl(out)
    if rc == 1:
        expect(b'limit' in err, 'exit 1 without a limit report: %r' % err[:200])


@case('1 000 000 sibling <p> with --max-nodes 1000: limit reported', [4])
def _(ctx, T):
    p = ctx.write('sib.html', '<html><body>' + '<p>para</p>' * 1000000 + '</body></html>')
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', '--max-nodes', '1000', p], timeout=T)
    expect(rc == 1, 'exit %d, want 1' % rc)
    expect(b'node limit' in err, 'not reported: %r' % err[:200])


@case('colspan=9007199254740991 rowspan=65535', [5])
def _(ctx, T):
    body = ('<table><tr><td colspan="9007199254740991" rowspan="65535">A</td>'
            '<td colspan=99999999999999999999999>B</td><td rowspan=-5 colspan=0>C</td></tr>'
            '<tr><td colspan=1000000>D</td></tr></table>' + PARA * 3) * 100
    p = ctx.write('span.html', '<html><body><article>' + body + '</article></body></html>')
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(len(out) < 5 << 20, 'output of %d bytes from spans' % len(out))


@case('10 MB class and style attributes', [6])
def _(ctx, T):
    p = ctx.write('attr.html', '<html><body><article class="' + 'c ' * (5 << 20) + '" style="' +
                  'x:y;' * (2 << 20) + '">' + PARA * 5 + '</article></body></html>')
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'fishing cooperative' in out, 'text lost')


@case('1 000 000 attributes on one element', [6])
def _(ctx, T):
    attrs = ''.join(' a%d=1' % i for i in range(1000000))
    p = ctx.write('attrs.html', '<html><body><article' + attrs + '>' + PARA * 5 +
                  '</article></body></html>')
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'fishing cooperative' in out, 'text lost')


@case('<!-- x 300 000', [7])
def _(ctx, T):
    p = ctx.write('comments.html', '<html><body>' + PARA * 3 + '<!--' * 300000)
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    expect(b'fishing cooperative' in out, 'text before the comments lost')


@case('<!-- --> x 300 000 closed', [7])
def _(ctx, T):
    p = ctx.write('comments2.html', '<html><body>' + '<!-- c -->' * 300000 + PARA * 3)
    rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
    expect(rc == 0 and b'fishing cooperative' in out, 'exit %d / text lost' % rc)


for tag in ('script', 'textarea', 'plaintext', 'style', 'title', 'xmp', 'iframe', 'noscript'):
    def mk(tag):
        @case('unclosed <%s> to EOF (5 MB)' % tag, [7])
        def _(ctx, T):
            p = ctx.write('unclosed-%s.html' % tag, '<html><body>' + PARA * 3 + '<%s>' % tag +
                          ('a < b && c <d> </x' * 300000))
            rc, out, err, _ = run(ctx, ['extract', p], timeout=T)
            expect(rc == 0, 'exit %d' % rc)
            expect(b'fishing cooperative' in out, 'text before <%s> lost' % tag)
    mk(tag)


@case('NUL bytes, invalid UTF-8, bad character references', [8])
def _(ctx, T):
    html = (b'<html><head><meta charset="utf-8"><title>T\x00itle</title></head><body><article>'
            b'<p>nul:\x00: bad:\xff\xfe\xc3: surrogate:&#xD800;: big:&#x110000;: zero:&#0;: '
            b'padded:&#0000000000065;: long:&#99999999999999999999;: end of the test '
            b'paragraph, long enough to be kept as prose by the extractor.</p>' +
            PARA.encode() * 3 + b'</article></body></html>')
    p = ctx.write('nul.html', html)
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    o = jsonl(out)[0]
    t = o['text']
    expect('\x00' not in t and '\x00' not in o.get('title', ''), 'NUL in output')
    expect('padded:A:' in t, '&#0000000000065; is not "A": %r' % t[:200])
    expect('nul:\ufffd:' in t, 'NUL not replaced by U+FFFD: %r' % t[:120])
    for what in ('surrogate', 'big', 'zero'):
        expect('%s:\ufffd:' % what in t, '%s reference not U+FFFD: %r' % (what, t[:300]))


@case('charset precedence: BOM > HTTP > meta > sniff', [9])
def _(ctx, T):
    body = '<html><head><meta charset="koi8-r"><title>caf\u00e9</title></head><body>' \
        '<article>' + PARA * 3 + '</article></body></html>'
    p = ctx.write('bom.html', b'\xef\xbb\xbf' + body.encode('utf-8'))
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', '--content-type',
                                'text/html; charset=iso-8859-1', p], timeout=T)
    o = jsonl(out)[0]
    expect(o.get('title') == 'caf\u00e9', 'BOM lost: title %r' % o.get('title'))
    expect(o.get('provenance', {}).get('charset_from') == 'bom', 'charset_from %r' % o.get('provenance'))
    # HTTP beats meta
    p = ctx.write('http.html', body.replace('caf\u00e9', 'caf\u00e9').encode('iso-8859-1'))
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', '--content-type',
                                'text/html; charset=iso-8859-1', p], timeout=T)
    o = jsonl(out)[0]
    expect(o.get('title') == 'caf\u00e9', 'HTTP charset not used: %r' % o.get('title'))
    expect(o.get('provenance', {}).get('charset_from') == 'http', 'charset_from %r' % o.get('provenance'))
    # UTF-8 body labelled iso-8859-1 in <meta> (trafilatura#231)
    p = ctx.write('lying.html', body.replace('koi8-r', 'iso-8859-1').encode('utf-8'))
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    o = jsonl(out)[0]
    expect(o.get('title') == 'caf\u00e9', 'mojibake: %r' % o.get('title'))
    expect(o.get('provenance', {}).get('charset') == 'utf-8', 'charset %r' % o.get('provenance'))


@case('unknown and unsafe charset labels', [10])
def _(ctx, T):
    for label in ('utf-7', 'x-user-defined', 'garbage-\x01label', 'utf-16', 'replacement', '', 'csASCII'):
        html = ('<html><head><meta charset="%s"><title>T +AGEAYgBj-</title></head><body><article>'
                % label + PARA * 3 + '</article></body></html>').encode('utf-8', 'replace') + b'\xe9\x80'
        p = ctx.write('label.html', html)
        rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
        expect(rc == 0, '%r: exit %d' % (label, rc))
        o = jsonl(out)[0]
        expect(o.get('provenance', {}).get('charset') != 'utf-7', '%r decoded as utf-7' % label)
        expect('fishing cooperative' in o.get('text', ''), '%r: text lost' % label)


@case('JS-only SPA shell with 5 MB of inline style', [11])
def _(ctx, T):
    html = ('<html><head><title>App Title</title><meta property="og:title" content="OG Title">'
            '<style>' + '@font-face{font-family:x;src:url(data:font/woff2;base64,' + 'A' * (5 << 20) +
            ')}</style></head><body><div id="root"></div><script>' + 'var a=1;' * 100000 +
            '</script></body></html>')
    p = ctx.write('spa.html', html)
    rc, out, err, secs = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    o = jsonl(out)
    expect(not o or o[0].get('title') in ('OG Title', 'App Title'), 'metadata lost: %r' % o)
    expect(not o or not o[0].get('text'), 'text from a shell: %r' % o[0].get('text', '')[:100])


def ld(block):
    return ('<html><head><title>Dom Title</title><script type="application/ld+json">' + block +
            '</script><script type="application/ld+json">{"@type":"NewsArticle","author":'
            '{"@type":"Person","name":"Jane Roe"}}</script></head><body><article>' + PARA * 4 +
            '</article></body></html>')


@case('malformed JSON-LD: unterminated, 10 000-deep, 1e999999, @graph loop, 5 MB', [12])
def _(ctx, T):
    blocks = ['{"@type":"NewsArticle","headline":"unterminated',
              '[' * 10000 + ']' * 10000, '{' * 10000,
              '{"@type":"NewsArticle","headline":1e999999,"datePublished":-1e999999}',
              '{"@graph":[{"@id":"#a","@type":"NewsArticle","author":{"@id":"#a"},'
              '"isPartOf":{"@id":"#a"},"publisher":{"@id":"#a"}}]}',
              '{"@type":"NewsArticle","headline":"H","articleBody":"' + 'x' * (5 << 20) + '"}',
              '{"a":"\\ud800\\udfff\\u0000\\uZZZZ"}']
    for i, b in enumerate(blocks):
        p = ctx.write('ld%d.html' % i, ld(b))
        rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
        expect(rc == 0, 'block %d: exit %d' % (i, rc))
        o = jsonl(out)[0]
        # a block that cannot be used (syntax error, too deep, too big) is
        # ignored and the other block still counts
        if i in (0, 1, 2, 5):
            expect('Jane Roe' in (o.get('authors') or []), 'block %d: other JSON-LD block lost: %r'
                   % (i, o.get('authors')))
        expect(o.get('title'), 'block %d: no title' % i)
        expect('fishing cooperative' in o.get('text', ''), 'block %d: text lost' % i)


@case('1 MB of digits and slashes in <time>, URL and byline', [13])
def _(ctx, T):
    junk = '1/2/' * 250000
    html = ('<html><head><title>T</title><meta property="article:published_time" content="%s">'
            '<link rel="canonical" href="https://e.com/%s"></head><body><article>'
            '<time datetime="%s">%s</time><p class="byline">By %s</p>' % (junk, junk, junk, junk, junk) +
            PARA * 3 + '</article></body></html>')
    p = ctx.write('digits.html', html)
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', '-u', 'https://e.com/' + '9' * 1000, p],
                          timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    jsonl(out)


@case('implausible dates rejected', [14])
def _(ctx, T):
    for d in ('2023-13-45', '99999-01-01T00:00:00Z', '1677578400000000', '0000-00-00',
              '2023-02-30', '1850-01-01', '2999-01-01'):
        html = ('<html><head><title>T</title><meta property="article:published_time" content="%s">'
                '</head><body><article>' % d + PARA * 3 + '</article></body></html>')
        p = ctx.write('date.html', html)
        rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
        o = jsonl(out)[0]
        got = o.get('date')
        if got:
            y, m, dd = int(got[0:4]), int(got[5:7]), int(got[8:10])
            expect(1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= dd <= 31, '%r -> %r' % (d, got))
            expect(not d.startswith('2023-02-30') or got[5:10] != '02-30', 'Feb 30 accepted')


@case('byline pollution: ALL CAPS, publisher, name + date', [15])
def _(ctx, T):
    def one(byline, meta=''):
        html = ('<html><head><title>T</title>%s</head><body><article><p class="byline">%s</p>'
                % (meta, byline) + PARA * 3 + '</article></body></html>')
        p = ctx.write('by.html', html)
        rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
        return jsonl(out)[0]
    o = one('By ABBY GOODNOUGH')
    expect(o.get('authors') == ['Abby Goodnough'], 'authors %r' % o.get('authors'))
    o = one('Jane Roe Published 3:04 PM EST, Tue February 28, 2023')
    expect(o.get('authors') == ['Jane Roe'], 'authors %r' % o.get('authors'))
    o = one('By The Associated Press')
    expect(not o.get('authors') and o.get('wire') == 'AP', 'AP as author: %r' % o)


@case('text mode: 20 MB single line', [16])
def _(ctx, T):
    p = ctx.write('line.txt', ('word ' * (4 << 20)).encode())
    rc, out, err, _ = run(ctx, ['clean', '-f', 'jsonl', p], timeout=T)
    expect(rc in (0, 1), 'exit %d' % rc)
    o = jsonl(out)
    if rc == 1:
        expect(b'limit' in err or b'truncat' in err, 'exit 1 unexplained: %r' % err[:200])


@case('text mode: CR-only and U+2028 line breaks', [16])
def _(ctx, T):
    para = ('The council voted on Tuesday to approve the harbor plan, which had been debated for '
            'more than two years by residents, shop owners and the fishing cooperative.')
    for sep in ('\r\r', '\u2028\u2028', '\u2029', '\r\n\r\n'):
        p = ctx.write('cr.txt', sep.join(['Skip to content', 'By Jane Roe'] + [para] * 5).encode())
        rc, out, err, _ = run(ctx, ['clean', '-f', 'jsonl', p], timeout=T)
        expect(rc == 0, '%r: exit %d' % (sep, rc))
        o = jsonl(out)[0]
        expect('fishing cooperative' in o.get('text', ''), '%r: story lost' % sep)


@case('text mode: 10 M empty lines', [16])
def _(ctx, T):
    p = ctx.write('empty-lines.txt', b'\n' * 10000000 + b'A lonely last line of text.\n')
    rc, out, err, _ = run(ctx, ['clean', '-f', 'jsonl', p], timeout=T)
    expect(rc in (0, 1), 'exit %d' % rc)
    jsonl(out)


# -- WARC -----------------------------------------------------------------------
def warc_run(ctx, data, T, extra=(), name='in.warc', stdin=None):
    p = ctx.write(name, data) if data is not None else '-'
    rc, out, err, secs = run(ctx, ['warc', '-q'] + list(extra) + [p], stdin=stdin, timeout=T)
    objs = jsonl(out)
    return rc, objs, stats(err), err


def urls(objs):
    return [o.get('url') for o in objs]


@case('WARC: last gzip member truncated', [17])
def _(ctx, T):
    recs = good_records(5)
    data = gz_members(recs)
    last = len(gzip.compress(recs[-1], mtime=0))
    rc, objs, st, err = warc_run(ctx, data[:len(data) - last // 2], T, name='t.warc.gz')
    expect(rc == 1, 'exit %d, want 1' % rc)
    expect(len(objs) == 4, '%d records written, want 4' % len(objs))
    expect(st['errors'] >= 1, 'no error counted: %r' % st)
    expect(b'offset' in err or st['errors_by_kind'], 'no offset reported')


@case('WARC: bit flip in a middle member', [18])
def _(ctx, T):
    recs = good_records(5)
    ms = [gzip.compress(r, mtime=0) for r in recs]
    bad = bytearray(ms[2])
    bad[len(bad) // 2] ^= 0x10
    ms[2] = bytes(bad)
    rc, objs, st, err = warc_run(ctx, b''.join(ms), T, name='f.warc.gz')
    expect(rc == 1, 'exit %d' % rc)
    expect(urls(objs) == ['https://example.com/%d' % i for i in (0, 1, 3, 4)],
           'records: %r' % urls(objs))
    expect(st['errors'] >= 1, 'not counted')


@case('WARC: CRC32 / ISIZE trailer mismatch', [19])
def _(ctx, T):
    recs = good_records(3)
    ms = [bytearray(gzip.compress(r, mtime=0)) for r in recs]
    ms[1][-8] ^= 0xff  # CRC32
    ms[2][-1] ^= 0x01  # ISIZE
    rc, objs, st, err = warc_run(ctx, b''.join(bytes(m) for m in ms), T, name='c.warc.gz')
    expect(rc == 1, 'exit %d' % rc)
    expect(urls(objs) == ['https://example.com/0'], 'suspect records kept: %r' % urls(objs))
    expect(st['errors'] >= 2, 'not counted: %r' % st)


@case('WARC: whole file in one gzip member', [20])
def _(ctx, T):
    recs = good_records(5)
    rc, objs, st, err = warc_run(ctx, gzip.compress(b''.join(recs), mtime=0), T, name='w.warc.gz')
    expect(rc == 0, 'exit %d' % rc)
    expect(len(objs) == 5, '%d records' % len(objs))


@case('WARC: zero padding and garbage between members, trailing junk', [21])
def _(ctx, T):
    ms = [gzip.compress(r, mtime=0) for r in good_records(4)]
    data = ms[0] + b'\0' * 512 + ms[1] + b'garbage here \x1f\x8b' + ms[2] + ms[3] + b'junk at end'
    rc, objs, st, err = warc_run(ctx, data, T, name='g.warc.gz')
    expect(len(objs) == 4, '%d records, want 4' % len(objs))
    expect(rc in (0, 1), 'exit %d' % rc)
    expect(st['bytes_resynced'] > 0 or st['errors'] > 0 or st['warnings_by_kind'],
           'skipped bytes not counted: %r' % st)


@case('WARC: Content-Length larger than the rest of the file', [22])
def _(ctx, T):
    recs = good_records(3)
    last = page_record(9, clen=b'999999')
    rc, objs, st, err = warc_run(ctx, b''.join(recs) + last, T)
    expect(rc == 1, 'exit %d' % rc)
    expect(len(objs) == 3, '%d records' % len(objs))
    expect(st['errors'] >= 1, 'not reported')


@case('WARC: Content-Length too small / off by 2', [23])
def _(ctx, T):
    recs = good_records(5)
    r = page_record(2)
    blen = len(http_resp(ARTICLE.replace('Harbor plan', 'Story 2')))
    recs[2] = page_record(2, clen=str(blen - 2).encode())
    rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
    expect(set(urls(objs)) >= {'https://example.com/%d' % i for i in (0, 1, 3, 4)},
           'later records lost: %r' % urls(objs))
    expect(rc in (0, 1), 'exit %d' % rc)


@case('WARC: Content-Length missing, negative, non-numeric, 2^64-1', [24])
def _(ctx, T):
    for cl in (False, b'-1', b'abc', b'18446744073709551615', b'99999999999999999999999', b''):
        recs = good_records(3)
        recs.insert(1, page_record(7, clen=cl))
        rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
        expect(rc == 1, '%r: exit %d' % (cl, rc))
        got = urls(objs)
        expect(all('https://example.com/%d' % i in got for i in range(3)),
               '%r: good records lost: %r' % (cl, got))


@case('WARC: 1 MB header line, 100 000 header lines, header without colon', [25])
def _(ctx, T):
    for extra in (b'X-Long: ' + b'a' * (1 << 20) + b'\r\n', b'X-H: v\r\n' * 100000,
                  b'no colon here\r\n'):
        recs = good_records(3)
        recs.insert(1, page_record(7, extra=extra))
        rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
        got = urls(objs)
        expect(all('https://example.com/%d' % i in got for i in range(3)),
               'good records lost: %r' % got)
        expect(rc in (0, 1), 'exit %d' % rc)


@case('WARC: bare LF, control chars, WARC/0.18, WARC/1.1', [26])
def _(ctx, T):
    recs = [page_record(0, eol=b'\n'), page_record(1, version=b'WARC/0.18'),
            page_record(2, version=b'WARC/1.1'), page_record(3, extra=b'X-\x01Ctl: v\r\n')]
    rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
    expect(len(objs) == 4, '%d records: %r' % (len(objs), urls(objs)))
    expect(st['warnings_by_kind'], 'deviations not counted: %r' % st)


@case('WARC: not a WARC at all (PDF, random, HTML)', [27])
def _(ctx, T):
    for name, data in (('pdf', b'%PDF-1.4\n' + os.urandom(5000)), ('rand', os.urandom(20000)),
                       ('html', ARTICLE.encode())):
        rc, objs, st, err = warc_run(ctx, data, T, name='x.' + name)
        expect(rc in (1, 2), '%s: exit %d' % (name, rc))
        expect(objs == [], '%s: output %r' % (name, objs))
        expect(st['errors'] >= 1 or rc == 2, '%s: not reported' % name)


@case('WARC: WARC-Truncated: length payload', [28])
def _(ctx, T):
    body = ARTICLE[:len(ARTICLE) * 2 // 3]
    rec = record(uri='https://example.com/t', block=http_resp(body),
                 extra=b'WARC-Truncated: length\r\n')
    rc, objs, st, err = warc_run(ctx, rec, T)
    expect(rc == 0, 'exit %d' % rc)
    expect(len(objs) == 1 and objs[0].get('truncated') == 'length',
           'truncation not in the output: %r' % [{k: v for k, v in o.items() if k != 'text'}
                                                  for o in objs])
    expect(st['truncated_payloads'] == 1, 'not counted')


def chunked(b, n=100):
    return b''.join(b'%x\r\n' % len(b[i:i + n]) + b[i:i + n] + b'\r\n'
                    for i in range(0, len(b), n)) + b'0\r\n\r\n'


@case('WARC: broken chunked sizes, gzip/br content coding left in', [29])
def _(ctx, T):
    page = ARTICLE.encode()
    blocks = [
        b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n' +
        chunked(page).replace(b'\r\n64\r\n', b'\r\nzz\r\n', 1),
        b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n' +
        gzip.compress(page),
        b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n' +
        os.urandom(500),
        b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n'
        b'Transfer-Encoding: chunked\r\n\r\n' + chunked(gzip.compress(page), 7),
    ]
    recs = [record(uri='https://example.com/c%d' % i, block=b) for i, b in enumerate(blocks)]
    rc, objs, st, err = warc_run(ctx, b''.join(recs) + page_record(9), T)
    got = urls(objs)
    expect('https://example.com/c1' in got and 'https://example.com/c3' in got,
           'gzip bodies not decoded: %r' % got)
    expect('https://example.com/c2' not in got, 'brotli bytes extracted')
    expect('https://example.com/9' in got, 'next record lost')
    expect(st['skipped_by_reason'].get('http_decode', 0) >= 1, 'no http_decode skip: %r' % st)


@case('WARC: decompression bomb in a member and in an HTTP body', [30])
def _(ctx, T):
    bomb = gzip.compress(b'\0' * (300 << 20), compresslevel=9)  # ~300 KB -> 300 MB
    body = b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n' + bomb
    recs = [page_record(0), record(uri='https://example.com/bomb', block=body), page_record(1)]
    rc, objs, st, err = warc_run(ctx, gz_members(recs), T, extra=['--max-payload', '4M'],
                                 name='b.warc.gz')
    expect(urls(objs) == ['https://example.com/0', 'https://example.com/1'], 'records %r' % urls(objs))
    expect(st['skipped'] >= 1, 'bomb not counted')
    # a WARC member that is itself a bomb (a 300 MB block)
    big = record(uri='https://example.com/bigblock', block=b'HTTP/1.1 200 OK\r\n\r\n' + b'\0' * (300 << 20))
    data = gzip.compress(page_record(0), mtime=0) + gzip.compress(big, 1) + \
        gzip.compress(page_record(1), mtime=0)
    rc, objs, st, err = warc_run(ctx, data, max(T, 20), extra=['--max-payload', '4M'], name='b2.warc.gz')
    expect(urls(objs) == ['https://example.com/0', 'https://example.com/1'], 'records %r' % urls(objs))


@case('WARC: request/revisit/metadata/warcinfo/conversion, 3xx/4xx skipped and counted', [31])
def _(ctx, T):
    recs = [record('warcinfo', '', b'software: x\r\n'), record('request', block=b'GET / HTTP/1.1\r\n\r\n'),
            record('revisit', block=b''), record('metadata', block=b'a: b\r\n'),
            record('conversion', block=b'plain text'),
            record(uri='https://example.com/301', block=http_resp('', 301)),
            record(uri='https://example.com/404', block=http_resp(ARTICLE, 404)), page_record(0)]
    rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
    expect(rc == 0, 'exit %d' % rc)
    expect(urls(objs) == ['https://example.com/0'], 'records %r' % urls(objs))
    expect(st['records'] == 8 and st['written'] == 1 and st['skipped'] == 7, 'counts %r' % st)
    expect(st['errors'] == 0, 'skips counted as errors')


@case('WARC: text/html label on PDF / image / binary payloads', [32])
def _(ctx, T):
    recs = [record(uri='https://example.com/pdf', block=http_resp(b'%PDF-1.4\n' + os.urandom(3000))),
            record(uri='https://example.com/png', block=http_resp(b'\x89PNG\r\n\x1a\n' + os.urandom(3000))),
            record(uri='https://example.com/bin', block=http_resp(os.urandom(3000))), page_record(0)]
    rc, objs, st, err = warc_run(ctx, b''.join(recs), T)
    expect(urls(objs) == ['https://example.com/0'], 'records %r' % urls(objs))
    expect(st['skipped_by_reason'].get('not_html', 0) == 3, 'reasons %r' % st['skipped_by_reason'])


@case('WARC: only warcinfo; zero bytes', [33])
def _(ctx, T):
    rc, objs, st, err = warc_run(ctx, record('warcinfo', '', b'software: x\r\n'), T)
    expect(rc == 0 and objs == [] and st['records'] == 1, 'warcinfo only: exit %d %r' % (rc, st))
    rc, objs, st, err = warc_run(ctx, b'', T, name='zero.warc')
    # a 0-byte archive is reported (a cut download looks like this): exit 1
    expect(rc == 1 and objs == [] and st['records'] == 0 and st['files_failed'] == 1,
           'zero bytes: exit %d %r' % (rc, st))


@case('WARC: read error mid-file (EIO from a directory / vanished FIFO)', [34])
def _(ctx, T):
    # a directory gives EISDIR on read(): the run ends with a clear message, exit 1 or 2
    d = ctx.path('adir.warc')
    os.makedirs(d, exist_ok=True)
    good = ctx.write('good.warc', b''.join(good_records(2)))
    rc, out, err, _ = run(ctx, ['warc', good, d], timeout=T)
    expect(rc in (1, 2), 'exit %d' % rc)
    objs = jsonl(out)
    expect(len(objs) == 2, 'records of the good file: %d' % len(objs))
    expect(b'adir.warc' in err, 'bad file not named: %r' % err[:300])


# -- output, options --------------------------------------------------------------
@case('output pipe closed early', [35])
def _(ctx, T):
    data = gz_members(good_records(200))
    p = ctx.write('many.warc.gz', data)
    pr = subprocess.Popen([ctx.pith, 'warc', '-q', p], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=ctx.limits)
    first = pr.stdout.readline()
    pr.stdout.close()
    try:
        err = pr.stderr.read()
        pr.wait(timeout=T)
    except subprocess.TimeoutExpired:
        pr.kill()
        raise AssertionError('hangs after the pipe closed')
    expect(pr.returncode in (0, 4), 'exit %d (killed by a signal?)' % pr.returncode)
    json.loads(first)
    a = ctx.write('a.html', ARTICLE)
    pr = subprocess.Popen([ctx.pith, 'extract', '-f', 'jsonl'] + [a] * 2000, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=ctx.limits)
    pr.stdout.readline()
    pr.stdout.close()
    pr.stderr.read()
    pr.wait(timeout=T)
    expect(pr.returncode >= 0, 'extract killed by signal %d' % -pr.returncode)


@case('disk full (/dev/full)', [35])
def _(ctx, T):
    if not os.path.exists('/dev/full'):
        return
    a = ctx.write('a.html', ARTICLE)
    with open('/dev/full', 'wb') as full:
        p = subprocess.run([ctx.pith, 'extract', '-f', 'jsonl'] + [a] * 50, stdout=full,
                           stderr=subprocess.PIPE, timeout=T, preexec_fn=ctx.limits)
        expect(p.returncode == 4, 'extract: exit %d' % p.returncode)
        expect(b'No space' in p.stderr or b'write' in p.stderr, 'no message: %r' % p.stderr[:200])
        w = ctx.write('d.warc', b''.join(good_records(20)))
        p = subprocess.run([ctx.pith, 'warc', '-q', w], stdout=full, stderr=subprocess.PIPE,
                           timeout=T, preexec_fn=ctx.limits)
        expect(p.returncode == 4, 'warc: exit %d' % p.returncode)
        expect(b'No space' in p.stderr or b'write' in p.stderr, 'no message: %r' % p.stderr[:200])


@case('bad option values', [36])
def _(ctx, T):
    a = ctx.write('a.html', ARTICLE)
    w = ctx.write('a.warc', b''.join(good_records(1)))
    bad = [(['extract', '--max-input=32LB', a], '--max-input'),
           (['extract', '--max-input', '-5', a], '--max-input'),
           (['extract', '--max-input', '', a], '--max-input'),
           (['extract', '--max-input', '99999999999999999999G', a], '--max-input'),
           (['extract', '--max-nodes', 'abc', a], '--max-nodes'),
           (['extract', '--max-depth', '-1', a], '--max-depth'),
           (['extract', '--max-depth', '0', a], '--max-depth'),
           (['clean', '--max-input=1Q', a], '--max-input'),
           (['warc', '--jobs', '-1', w], '--jobs'),
           (['warc', '--jobs', 'x', w], '--jobs'),
           (['warc', '--timeout', '-1', w], '--timeout'),
           (['warc', '--timeout', 'nan', w], '--timeout'),
           (['warc', '--max-payload', '1X', w], '--max-payload'),
           (['warc', '--status', '999x', w], '--status'),
           (['warc', '--min-length', '-3', w], '--min-length'),
           (['warc', '--level', '99', '-o', ctx.path('o.jsonl.gz'), w], '--level')]
    for args, opt in bad:
        rc, out, err, _ = run(ctx, args, timeout=T)
        expect(rc == 2, '%s: exit %d, want 2' % (' '.join(args[:3]), rc))
        expect(opt.encode() in err, '%s: message does not name %s: %r' % (args[1], opt, err[:200]))
    # 0 has a documented meaning: --jobs 0 = one per CPU
    rc, out, err, _ = run(ctx, ['warc', '-q', '--jobs', '0', w], timeout=T)
    expect(rc == 0 and len(jsonl(out)) == 1, '--jobs 0: exit %d' % rc)


@case('differential: .warc vs .warc.gz vs whole-file gzip vs 1-byte pipe reads', [40])
def _(ctx, T):
    recs = good_records(6) + [record('request', block=b'GET / HTTP/1.1\r\n\r\n')]
    plain = b''.join(recs)
    outs = []
    for name, data in (('p.warc', plain), ('g.warc.gz', gz_members(recs)),
                       ('w.warc.gz', gzip.compress(plain, mtime=0))):
        p = ctx.write(name, data)
        rc, out, err, _ = run(ctx, ['warc', '-q', p], timeout=T)
        expect(rc == 0, '%s: exit %d' % (name, rc))
        outs.append((name, out))
    # stdin fed one byte per write
    pr = subprocess.Popen([ctx.pith, 'warc', '-q', '-'], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=ctx.limits)
    res = {}

    def reader():
        res['out'] = pr.stdout.read()
        res['err'] = pr.stderr.read()
    th = threading.Thread(target=reader)
    th.start()
    fd = pr.stdin.fileno()
    for i in range(len(plain)):
        os.write(fd, plain[i:i + 1])
    pr.stdin.close()
    pr.wait(timeout=T)
    th.join(T)
    outs.append(('1-byte stdin', res.get('out', b'')))
    ref = outs[0][1]
    expect(len(jsonl(ref)) == 6, '%d records' % len(jsonl(ref)))
    # every line names its file and offset; the rest must be byte-identical
    loc = re.compile(rb',"warc_file":"(?:[^"\\]|\\.)*","warc_offset":[0-9]+')
    for name, out in outs[1:]:
        expect(loc.sub(b'', out) == loc.sub(b'', ref), '%s differs from .warc output' % name)


@case('differential: --jobs 1 vs --jobs 2 vs --jobs 4', [40])
def _(ctx, T):
    recs = [page_record(i) for i in range(60)]
    p = ctx.write('j.warc.gz', gz_members(recs))
    outs = []
    for j in ('1', '2', '4'):
        rc, out, err, _ = run(ctx, ['warc', '-q', '--jobs', j, p], timeout=T)
        expect(rc == 0, 'jobs %s: exit %d' % (j, rc))
        outs.append(out)
    expect(len(jsonl(outs[0])) == 60, 'records')
    expect(outs[0] == outs[1] == outs[2], 'outputs differ between --jobs values')


@case('differential: extract twice in one process gives identical lines', [40])
def _(ctx, T):
    files = [ctx.write('d%d.html' % i, ARTICLE if i % 2 else nested('div', 3000)) for i in range(6)]
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl'] + files + files, timeout=T)
    lines = out.split(b'\n')
    expect(lines[:6] == lines[6:12], 'the same page gave different output on a reused extractor')


# -- dedup -----------------------------------------------------------------------
@case('dedup: tiny and punctuation-only documents', [38])
def _(ctx, T):
    import json as _json
    recs = [{'id': 'a', 'text': 'Too short.'}, {'id': 'b', 'text': 'Too short.'},
            {'id': 'c', 'text': '--- *** 12:30 $4.50 2024-11-27 ### ... !!! ???'},
            {'id': 'd', 'text': '--- *** 12:30 $4.50 2024-11-27 ### ... !!! ???'},
            {'id': 'e', 'text': ''}, {'id': 'f'}]
    p = ctx.write('tiny.jsonl', ''.join(_json.dumps(r) + '\n' for r in recs))
    rc, out, err, _ = run(ctx, ['dedup', p], timeout=T)
    expect(rc == 0, 'exit %d: %r' % (rc, err[-300:]))
    rows = [_json.loads(l) for l in out.splitlines()]
    expect(len(rows) == len(recs), '%d lines for %d records' % (len(rows), len(recs)))
    expect(all(r['cluster'] == r['n'] and r['cluster_size'] == 1 for r in rows),
           'a document without signature was clustered: %r' % rows)


@case('dedup: 300 000 copies of one text (one giant bucket)', [39])
def _(ctx, T):
    line = ('{"id":"x","text":"Subscribe to our newsletter for the latest local news, weather '
            'and sports delivered to your inbox every morning."}\n')
    p = ctx.write('copies.jsonl', line * 300000)
    rc, out, err, secs = run(ctx, ['dedup', p], timeout=T)
    expect(rc == 0, 'exit %d: %r' % (rc, err[-300:]))
    last = out.rstrip(b'\n').rsplit(b'\n', 1)[-1]
    expect(b'"cluster":0,"cluster_size":300000,"duplicate":true' in last, 'last line %r' % last)
    expect(b'"clusters":1' in err and b'"largest_cluster":300000' in err, 'summary %r' % err[-300:])


# -- regressions found by the fuzzers ------------------------------------------------
@case('fuzz regression: JSON-LD author name of 300 U+FFFD (byline cut mid-character)', [8, 12])
def _(ctx, T):
    name = 'Marisol Orteg' + '\x00' * 300
    html = ('<html><head><title>T</title><script type="application/ld+json">{"@type":"NewsArticle",'
            '"author":[{"@type":"Person","name":"%s"}]}</script></head><body><article>' % name +
            PARA * 3 + '</article></body></html>')
    p = ctx.write('fz-byline.html', html)
    rc, out, err, _ = run(ctx, ['extract', '-f', 'jsonl', p], timeout=T)
    expect(rc == 0, 'exit %d' % rc)
    jsonl(out)  # must be valid UTF-8


@case('fuzz regression: text-mode line of 300 separators (lines.c reads past its buffer)', [16])
def _(ctx, T):
    text = ('/' * 300 + '\n\n' + '-' * 300 + '\n\n' + '| ' * 150 + '\n\n' +
            'The council voted on Tuesday to approve the harbor plan, which had been debated for '
            'more than two years by residents, shop owners and the fishing cooperative.\n')
    p = ctx.write('fz-lines.txt', text)
    rc, out, err, _ = run(ctx, ['clean', '-f', 'jsonl', p], timeout=T)
    expect(rc == 0, 'exit %d: %r' % (rc, err[-300:]))
    jsonl(out)


# ---- driver ----------------------------------------------------------------------
def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pith = os.path.abspath(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else None
    with open(pith, 'rb') as f:
        blob = f.read()
    # sanitizer builds (gcc links libasan dynamically) run slower and reserve
    # terabytes of address space: no address-space cap for them
    sanitized = any(m in blob for m in (b'AddressSanitizer', b'__asan_init', b'libasan',
                                        b'__ubsan_handle', b'libubsan'))
    mem_cap = int(os.environ.get('PITH_PATHO_MEM_MB', '2048')) << 20
    capped = [not sanitized and not os.environ.get('PITH_PATHO_NO_MEMCAP')]

    def limits():
        if capped[0]:
            resource.setrlimit(resource.RLIMIT_AS, (mem_cap, mem_cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # if the binary cannot even start under the cap (valgrind, other
    # sanitizers), run without it
    if capped[0] and subprocess.run([pith, 'version'], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, preexec_fn=limits).returncode != 0:
        capped[0] = False
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='pith-patho-') as tmp:
        ctx = Ctx(pith, tmp)
        ctx.limits = limits
        scale = 3 if sanitized else 1
        for name, items, timeout, fn in CASES:
            if only and only not in name:
                continue
            t0 = time.monotonic()
            try:
                fn(ctx, timeout * scale)
                ok, why = True, ''
            except subprocess.TimeoutExpired:
                ok, why = False, 'timed out after %.0f s' % (timeout * scale)
            except (AssertionError, ValueError, KeyError, IndexError, TypeError) as e:
                ok, why = False, '%s: %s' % (type(e).__name__, e)
            dt = time.monotonic() - t0
            items_s = ','.join('#%d' % i for i in items)
            if ok:
                passed += 1
                print('PASS %-70s %-8s %6.2fs' % (name, items_s, dt))
            else:
                failed += 1
                print('FAIL %-70s %-8s %6.2fs  %s' % (name, items_s, dt, why[:400]))
            sys.stdout.flush()
            for f in os.listdir(tmp):  # keep the disk use of one case at a time
                fp = os.path.join(tmp, f)
                if os.path.isfile(fp):
                    os.unlink(fp)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""make_seeds.py OUTDIR - write the seed corpora of pith's fuzz targets.

Seeds come from the repository's fixtures (tests/pages/*/source.html,
tests/textpages/*/source.txt, examples/*.html) plus small generated inputs
(WARC files, gzip members, HTTP messages, dates, bylines). Every target's
seeds start with the option bytes its fuzz_*.c reads (all zero = defaults).
Nothing big is written: the corpora live in OUTDIR, not in the repository.
"""
import glob
import gzip
import hashlib
import io
import os
import re
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX = 200_000  # seed size cap


def rd(path):
    with open(path, 'rb') as f:
        return f.read()


def put(out, target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    data = data[:MAX]
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def pages():
    files = sorted(glob.glob(os.path.join(ROOT, 'tests/pages/*/source.html')))
    files += sorted(glob.glob(os.path.join(ROOT, 'examples/*.html')))
    return [rd(p) for p in files]


def texts():
    files = sorted(glob.glob(os.path.join(ROOT, 'tests/textpages/*/source.txt')))
    out = [rd(p) for p in files]
    # flattened versions of the HTML fixtures (crude: drop tags and scripts)
    for h in pages()[:12]:
        t = re.sub(rb'(?is)<(script|style)[^>]*>.*?</\1>', b'', h)
        t = re.sub(rb'(?i)</?(p|div|h[1-6]|li|tr|br|article|section|header|footer)[^>]*>', b'\n\n', t)
        t = re.sub(rb'<[^>]*>', b'', t)
        t = re.sub(rb'\n\s*\n+', b'\n\n', t)
        out.append(t.strip())
    out += [
        b'By ABBY GOODNOUGH\n\nPublished 3:04 PM EST, Tue February 28, 2023\n\nThe story begins here '
        b'and goes on for a while, long enough to be prose.\n\n(c) 2023 Example News. All rights reserved.',
        b'Skip to content\n\nShare on Facebook\n\nWASHINGTON (AP) \xe2\x80\x94 Lawmakers met on Tuesday '
        b'to discuss the budget, which has been delayed for months.\n\nTags: politics, budget, congress',
        b'line one\rline two\rline three\r',
        b'first\xe2\x80\xa8second\xe2\x80\xa9third',
    ]
    return out


def jsonld_blocks():
    out = []
    for h in pages():
        for m in re.finditer(rb'(?is)<script[^>]*ld\+json[^>]*>(.*?)</script>', h):
            out.append(m.group(1))
    out += [
        b'{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","author":'
        b'[{"@type":"Person","name":"Jane Roe"}],"datePublished":"2023-02-28T10:00:00Z"}',
        b'{"@graph":[{"@id":"#a","@type":"Article","author":{"@id":"#a"}}]}',
        b'[1e999999, -1e-999999, 0.5, "\\ud800", "\\u00e9", true, false, null,]',
        b'<!-- {"a": "b"} -->', b'<![CDATA[{"a":1}]]>', b'{"a":1}{"b":2};',
        b'[' * 200, b'{"a":"unterminated', b'{"x": "\x01raw\ncontrol"}',
    ]
    return out


DATES = [
    '2023-02-28', '2023-02-28T10:00:00Z', '2023-02-28T10:00:00.123+05:30', '20230228',
    'Tue, 28 Feb 2023 10:00:00 GMT', 'February 28, 2023', '28 February 2023',
    'Feb. 28, 2023 8:03 am ET', '2023/02/28', '28.02.2023', '02/28/2023', '28. Februar 2023',
    '28 février 2023', '28 de febrero de 2023', '2023年2月28日', '1677578400', '1677578400000',
    '2023-13-45', '99999-01-01', 'Published 3:04 PM EST, Tue February 28, 2023',
    'Updated 12:00 a.m. PT Mar 1, 2023', '1' * 300, '/' * 300,
]
BYLINES = [
    'By Simone McCarthy, CNN', 'By ABBY GOODNOUGH and JOHN DOE', 'Jane Roe | Reuters',
    'Von Anna Schmidt, dpa', 'Par Jean Dupont', 'Door Piet de Vries', 'Por María López',
    'Staff Report', 'Jane Roe\nPublished 3:04 PM EST, Tue February 28, 2023',
    'Jong, Michiel de', 'By The Associated Press', 'John Smith (@jsmith), Staff Writer',
    'By jane@example.com', 'By ' + 'A ' * 200,
]


def warc_record(rtype, uri, block, extra=b''):
    h = (b'WARC/1.0\r\nWARC-Type: ' + rtype + b'\r\nWARC-Target-URI: ' + uri +
         b'\r\nWARC-Date: 2023-02-28T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1234>\r\n' + extra +
         b'Content-Length: ' + str(len(block)).encode() + b'\r\n\r\n')
    return h + block + b'\r\n\r\n'


def http_response(body, extra=b''):
    return (b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n' + extra +
            b'Content-Length: ' + str(len(body)).encode() + b'\r\n\r\n' + body)


def chunked(b, n=100):
    out = b''
    for i in range(0, len(b), n):
        c = b[i:i + n]
        out += b'%x\r\n' % len(c) + c + b'\r\n'
    return out + b'0\r\n\r\n'


def warcs():
    ps = [p[:20000] for p in pages()[:4]] or [b'<html><body><p>x</p></body></html>']
    recs = [warc_record(b'warcinfo', b'', b'software: pith-seed\r\n',
                        b'Content-Type: application/warc-fields\r\n')]
    for i, p in enumerate(ps):
        uri = b'https://example.com/%d' % i
        recs.append(warc_record(b'request', uri, b'GET /%d HTTP/1.1\r\nHost: example.com\r\n\r\n' % i,
                                b'Content-Type: application/http; msgtype=request\r\n'))
        body = http_response(p) if i % 2 == 0 else (
            b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n'
            b'Transfer-Encoding: chunked\r\n\r\n' + chunked(gzip.compress(p)))
        recs.append(warc_record(b'response', uri, body,
                                b'Content-Type: application/http; msgtype=response\r\n'))
    recs.append(warc_record(b'response', b'https://example.com/t', http_response(b'<p>cut'),
                            b'WARC-Truncated: length\r\n'))
    plain = b''.join(recs)
    per = b''.join(gzip.compress(r) for r in recs)
    whole = gzip.compress(plain)
    return plain, per, whole, recs


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make_seeds.py OUTDIR')
    out = sys.argv[1]
    ps = pages()
    # fuzz_extract: [flags][la][lb][ct][url][mode][n][n] html
    for p in ps:
        put(out, 'extract', bytes(8) + p)
    for i, p in enumerate(ps[:6]):
        put(out, 'extract', bytes([0x04, 0x40 | i, 0x80 | i, i, 1, 2, 0, 0]) + p)
        put(out, 'extract', bytes([0x01, 0, 0, 0, 1, 1, 40 + i * 13, 0]) + p)
    for s in [b'', b'<div>' * 3000, b'<table>' + b'<tr><td colspan=9007199254740991>x' * 300,
              b'<!--' * 2000, b'<p>\x00\xff&#xD800;&#0000000000065;&#x110000;</p>',
              b'<meta charset=utf-7><p>+AGEAYgBj-</p>', b'<plaintext>' + b'a<b>' * 100]:
        put(out, 'extract', bytes(8) + s)
    # fuzz_clean: [flags][mode][n][n] text
    for t in texts():
        put(out, 'clean', bytes(4) + t)
        put(out, 'clean', bytes([0x04, 0x06, 0, 0]) + t)
    # fuzz_jsonld: [depth][size][mode] json
    for j in jsonld_blocks():
        put(out, 'jsonld', bytes([0, 0, 1]) + j)
        put(out, 'jsonld', bytes([3, 0x84, 3]) + j)
    # fuzz_date, fuzz_byline
    for d in DATES:
        put(out, 'date', d.encode())
    for h in ps:
        for m in re.finditer(rb'(?i)datetime="([^"]{1,60})"', h):
            put(out, 'date', m.group(1))
    for b in BYLINES:
        put(out, 'byline', bytes([200]) + b.encode())
        put(out, 'byline', bytes([8]) + b.encode())
    # fuzz_lines: one line or short block of text
    for t in texts():
        for blk in t.split(b'\n\n')[:40]:
            if 0 < len(blk) < 400:
                put(out, 'lines', blk)
    for b in BYLINES + DATES:
        put(out, 'lines', b.encode())
    for l in [b'Tags: politics, budget, harbor', b'Filed under: World', b'\xc2\xa9 2023 Example News. All rights reserved.',
              b'Jane Roe and John Doe contributed reporting.', b'WASHINGTON (AP) \xe2\x80\x94 The story', b'Welcome to Example News']:
        put(out, 'lines', l)
    # fuzz_charset: [ctlen] ct [capsel] bytes
    samples = [p[:4096] for p in ps[:8]] + [
        '\ufeffhéllo wörld'.encode('utf-8'), 'Привет мир'.encode('cp1251'),
        'こんにちは世界'.encode('shift_jis'), '你好世界'.encode('gb18030'),
        '\ufeffhello'.encode('utf-16'), b'<meta charset="iso-8859-1">caf\xc3\xa9',
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\xf0\xd2',
        b'a\x00b\x00', b'\xff\xfe\x00']
    cts = [b'', b'text/html; charset=utf-8', b'text/html; charset="windows-1252"',
           b'text/html;charset=utf-16le', b'text/html; charset=utf-7', b'x; charset=\\"a\\"']
    for i, s in enumerate(samples):
        ct = cts[i % len(cts)]
        put(out, 'charset', bytes([len(ct)]) + ct + bytes([0]) + s)
    # fuzz_gz: [mode][rchunk][outbuf][headlen][kind][pos][pos][parts] data
    plain, per, whole, recs = warcs()
    for raw in (per, whole, gzip.compress(b'a') + b'\0' * 16 + gzip.compress(b'b'),
                per[:len(per) // 2], gzip.compress(b'x' * 100000)):
        put(out, 'gz', bytes([1, 255, 0x80, 0, 0, 0, 0, 0]) + raw)
        put(out, 'gz', bytes([5, 7, 3, 0x85, 0, 0, 0, 0]) + raw)
    for k in range(7):
        put(out, 'gz', bytes([0, 64, 0x80, 0, k, 77, 1, 3]) + plain[:3000])
    # fuzz_http: [mode][cap][chunk][msgn] msg
    for p in ps[:4]:
        put(out, 'http', bytes([1, 0, 0, 79]) + http_response(p[:5000]))
        put(out, 'http', bytes([1, 0, 0, 79]) + b'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n'
            b'Transfer-Encoding: chunked\r\n\r\n' + chunked(gzip.compress(p[:5000])))
        for m in range(0, 16, 2):
            put(out, 'http', bytes([m, 0, 50, 79]) + p[:2000])
    for s in [b'HTTP/1.1 200\nContent-Type: text/html\n\n<p>bare lf', b'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
              b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
              b'HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n%PDF-1.4']:
        put(out, 'http', bytes([1, 0, 0, 79]) + s)
    # fuzz_warc: [mode][rchunk][...] warc (see fuzz_warc.c)
    for w in (plain, per, whole, per[:-20], plain.replace(b'\r\n', b'\n'),
              plain.replace(b'WARC/1.0', b'WARC/0.18'), b'\0' * 64 + per, b'%PDF-1.4\n' + b'x' * 100):
        put(out, 'warc', bytes(4) + w)
    for r in recs:
        put(out, 'warc', bytes(4) + r)
    return 0


if __name__ == '__main__':
    sys.exit(main())

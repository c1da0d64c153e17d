"""warcgen.py - write small WARC files for the pith warc tests.

Every file is built from the same list of records, so the tests know what
must come out of each: the pages (HTML 200 responses with a real article),
the records that must be skipped and why, and - for the damaged variants -
which record the damage hits and what kind of error it must be reported as.

    python3 warcgen.py OUTDIR      # writes the files and OUTDIR/manifest.json
"""
import gzip
import json
import os
import random
import sys
import zlib

WORDS = (
    "the council voted on tuesday to approve a new budget for the city after months of "
    "debate residents had asked for more money for schools parks and road repairs while "
    "officials warned that rising costs would force hard choices next year the mayor said "
    "the plan balanced those needs and promised regular reports on spending a group of "
    "local business owners welcomed the decision but said taxes should not go up again "
    "teachers praised the extra funding for classrooms and libraries critics argued that "
    "the timeline was too short and that public hearings had been rushed the finance "
    "director explained how reserves would cover shortfalls during the winter months"
).split()


def sentence(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def article_html(i, rng):
    title = "Story %d: %s" % (i, sentence(rng, 6)[:-1])
    paras = []
    for p in range(6):
        paras.append(" ".join(sentence(rng, rng.randint(12, 22)) for _ in range(4)))
    body = "\n".join("<p>%s</p>" % p for p in paras)
    html = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>%s</title><meta name=\"author\" content=\"Jane Roe\">"
        "<meta property=\"og:site_name\" content=\"Example Times\"></head>\n"
        "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> "
        "<a href=\"/sports\">Sports</a></nav>\n<article><h1>%s</h1>\n"
        "<p class=\"byline\">By Jane Roe</p>\n%s\n</article>\n"
        "<footer>Copyright Example Times. All rights reserved.</footer></body></html>\n"
        % (title, title, body)
    )
    return html.encode("utf-8")


def rid(n):
    return "<urn:uuid:%08x-0000-4000-8000-%012x>" % (0x51ce0000 + n, n)


def warc_record(wtype, n, uri, ctype, block, extra=()):
    h = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Record-ID: " + rid(n),
         "WARC-Date: 2024-05-%02dT10:%02d:00Z" % (1 + n % 28, n % 60)]
    if uri:
        h.append("WARC-Target-URI: " + uri)
    if ctype:
        h.append("Content-Type: " + ctype)
    h.extend(extra)
    h.append("Content-Length: %d" % len(block))
    return ("\r\n".join(h) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(status, ctype, body, headers=()):
    reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}.get(status, "X")
    h = ["HTTP/1.1 %d %s" % (status, reason)]
    if ctype:
        h.append("Content-Type: " + ctype)
    h.extend(headers)
    if not any(x.lower().startswith("transfer-encoding") for x in headers):
        h.append("Content-Length: %d" % len(body))
    return ("\r\n".join(h) + "\r\n\r\n").encode() + body


def gz_member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def chunked(data, size):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def build(npages=12, seed=1):
    """The record list: [(record bytes, info)], info = id, type, expect."""
    rng = random.Random(seed)
    recs = []
    n = 0

    def add(wtype, uri, ctype, block, expect, extra=()):
        nonlocal n
        recs.append((warc_record(wtype, n, uri, ctype, block, extra),
                     {"id": rid(n), "type": wtype, "expect": expect, "uri": uri}))
        n += 1

    add("warcinfo", None, "application/warc-fields",
        b"software: pith-test\r\nformat: WARC File Format 1.0\r\n", "warcinfo")
    for i in range(npages):
        uri = "http://news.example.com/story/%d.html" % i
        add("request", uri, "application/http; msgtype=request",
            ("GET /story/%d.html HTTP/1.1\r\nHost: news.example.com\r\n\r\n" % i).encode(),
            "request")
        html = article_html(i, rng)
        if i == 3:
            # chunked and gzip-encoded body
            body = chunked(gz_member(html), 700)
            block = http_response(200, "text/html; charset=utf-8", body,
                                  ("Transfer-Encoding: chunked", "Content-Encoding: gzip"))
        else:
            block = http_response(200, "text/html; charset=utf-8", html)
        extra = ()
        if i == 5:
            extra = ("WARC-Truncated: length",)
        add("response", uri, "application/http; msgtype=response", block, "page", extra)
        add("metadata", uri, "application/warc-fields", b"fetchTimeMs: 120\r\n", "metadata")
        if i == 2:
            add("response", "http://news.example.com/missing", "application/http; msgtype=response",
                http_response(404, "text/html", b"<html><body><h1>Not found</h1></body></html>"),
                "status")
            add("response", "http://news.example.com/logo.png", "application/http; msgtype=response",
                http_response(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
                "not_html")
            add("response", "http://news.example.com/report.pdf",
                "application/http; msgtype=response",
                http_response(200, "text/html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 900),
                "not_html")
            add("revisit", uri, "application/http; msgtype=response",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "revisit",
                ("WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",))
            add("response", "http://news.example.com/old", "application/http; msgtype=response",
                http_response(301, "text/html", b"", ("Location: /new",)), "status")
            add("resource", "http://news.example.com/static.html", "text/html",
                b"<html><body><p>a resource record</p></body></html>", "resource")
    return recs


def write_files(outdir, npages=12):
    os.makedirs(outdir, exist_ok=True)
    recs = build(npages)
    plain = b"".join(r for r, _ in recs)
    members = [gz_member(r) for r, _ in recs]
    gz = b"".join(members)
    info = [i for _, i in recs]
    pages = [i["id"] for i in info if i["expect"] == "page"]
    man = {"records": info, "files": {}}

    def put(name, data, **expect):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        e = {"records": len(recs), "pages": pages, "damaged": [], "errors": {}, "exit": 0}
        e.update(expect)
        man["files"][name] = e

    put("clean.warc", plain)
    put("clean.warc.gz", gz)
    put("clean-whole.warc.gz", gz_member(plain), warnings=["misaligned"])

    def idx_of(expect, k=0):
        return [j for j, i in enumerate(info) if i["expect"] == expect][k]

    p3 = idx_of("page", 3)
    p6 = idx_of("page", 6)
    last_page = idx_of("page", npages - 1)
    assert last_page == len(recs) - 2  # followed by its metadata record

    def gz_replace(k, member):
        return b"".join(members[:k]) + member + b"".join(members[k + 1:])

    off = [0]
    for m in members:
        off.append(off[-1] + len(m))

    # a corrupt member in the middle (deflate data smashed)
    m = bytearray(members[p6])
    for j in range(len(m) // 3, 2 * len(m) // 3):
        m[j] ^= 0x5A
    put("corrupt.warc.gz", gz_replace(p6, bytes(m)),
        pages=[x for x in pages if x != info[p6]["id"]], damaged=[info[p6]["id"]],
        errors={"gzip_corrupt|gzip_crc": 1}, exit=1, offsets=[off[p6]])
    # CRC mismatch
    m = bytearray(members[p3])
    m[-8] ^= 0x01
    put("crc.warc.gz", gz_replace(p3, bytes(m)),
        pages=[x for x in pages if x != info[p3]["id"]], damaged=[info[p3]["id"]],
        errors={"gzip_crc": 1}, exit=1, offsets=[off[p3]])
    # the file ends inside the last page's member
    cut = off[last_page] + len(members[last_page]) // 2
    put("truncated.warc.gz", gz[:cut], records=len(recs) - 1,
        pages=pages[:-1], damaged=[info[last_page]["id"]],
        errors={"gzip_truncated": 1}, exit=1, offsets=[off[last_page]])
    # garbage between members, zero padding elsewhere
    junk = b"\x00garbage between members\xff" * 3
    put("garbage.warc.gz",
        b"".join(members[:p3]) + junk + b"".join(members[p3:p6]) + b"\0" * 512
        + b"".join(members[p6:]),
        errors={"garbage": 1}, exit=1, offsets=[off[p3]], warnings=["padding"])
    # garbage between records, uncompressed
    poff = [0]
    for r, _ in recs:
        poff.append(poff[-1] + len(r))
    put("garbage.warc", plain[:poff[p3]] + b"some junk that is not a record\r\n" + plain[poff[p3]:],
        errors={"garbage": 1}, exit=1, offsets=[poff[p3]])

    # lying Content-Length (too long: swallows the next record's start)
    def with_cl(k, delta):
        r = recs[k][0]
        hdr_end = r.index(b"\r\n\r\n")
        hdr = r[:hdr_end].decode()
        lines = hdr.split("\r\n")
        for j, l in enumerate(lines):
            if l.startswith("Content-Length: "):
                lines[j] = "Content-Length: %d" % (int(l[16:]) + delta)
        return "\r\n".join(lines).encode() + r[hdr_end:]

    long_rec = with_cl(p3, 40)
    put("cl-long.warc", plain[:poff[p3]] + long_rec + plain[poff[p3 + 1]:],
        pages=[x for x in pages if x != info[p3]["id"]], damaged=[info[p3]["id"]],
        errors={"length": 1}, exit=1, offsets=[poff[p3]])
    put("cl-long.warc.gz", gz_replace(p3, gz_member(long_rec)),
        pages=[x for x in pages if x != info[p3]["id"]], damaged=[info[p3]["id"]],
        errors={"length": 1}, exit=1, offsets=[off[p3]])
    short_rec = with_cl(p6, -200)
    put("cl-short.warc", plain[:poff[p6]] + short_rec + plain[poff[p6 + 1]:],
        pages=[x for x in pages if x != info[p6]["id"]], damaged=[info[p6]["id"]],
        errors={"length": 1}, exit=1, offsets=[poff[p6]])
    # off by two, as in Common Crawl 2018-34: tolerated with a warning
    put("cl-short2.warc.gz", gz_replace(p6, gz_member(with_cl(p6, -2))), warnings=["length"])
    # uncompressed file cut inside the last page
    put("truncated.warc", plain[:poff[last_page] + len(recs[last_page][0]) // 2],
        records=len(recs) - 1, pages=pages[:-1], damaged=[info[last_page]["id"]],
        errors={"truncated": 1}, exit=1, offsets=[poff[last_page]])
    # not a WARC at all; an empty file; a file with only a warcinfo record
    put("notwarc.warc", b"<html><body><p>I am a web page, not an archive.</p></body></html>\n",
        records=0, pages=[], errors={"not_warc": 1}, exit=1)
    put("empty.warc", b"", records=0, pages=[], exit=1)  # reported: a 0-byte archive is a cut download
    put("info-only.warc.gz", members[0], records=1, pages=[], exit=0)
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(man, f, indent=1)
    return man


if __name__ == "__main__":
    write_files(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12)

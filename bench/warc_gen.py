"""warc_gen.py - build a synthetic Common-Crawl-like WARC.gz from HTML pages.

    python3 bench/warc_gen.py --pages DIR --out /tmp/pith-bench/synthetic.warc.gz --size 1G

Layout as Common Crawl publishes it: one gzip member per record, a
warcinfo record, then for every page a request, a response (HTTP 200,
text/html, the page as body) and a metadata record. Pages are taken from
DIR (*.html) round-robin until the file reaches --size; every record has its
own WARC-Record-ID, target URI and date, so the file is a real archive of
distinct records, not one record repeated.

Fast: each page body is deflated once; a record's member is the gzip header,
its own WARC header deflated up to a full flush, then the page's
precomputed raw deflate stream, then the CRC32 and length of the whole
record. Concatenating deflate streams like this is valid because a full
flush ends byte-aligned and the page stream never refers back past its own
start.
"""
import argparse
import os
import struct
import sys
import time
import uuid
import zlib

GZ_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"


def parse_size(s):
    m = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    s = s.strip().lower()
    if s and s[-1] in m:
        return int(float(s[:-1]) * m[s[-1]])
    return int(s)


def member(data, level=6):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return GZ_HEAD + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def warc_header(wtype, rid, uri, date, ctype, length, extra=""):
    return (
        "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
        "Content-Length: %d\r\nContent-Type: %s\r\n%sWARC-Target-URI: %s\r\n\r\n"
        % (wtype, date, rid, length, ctype, extra, uri)
    ).encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", required=True, help="directory of *.html pages")
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", default="1G", help="stop once the file is this big (default 1G)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    target = parse_size(a.size)
    names = sorted(f for f in os.listdir(a.pages) if f.endswith(".html"))
    if not names:
        sys.exit("warc_gen: no .html pages in %s" % a.pages)
    t0 = time.time()
    pages = []
    for n in names:
        with open(os.path.join(a.pages, n), "rb") as f:
            html = f.read()
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Server: bench\r\nContent-Length: %d\r\n\r\n" % len(html)
        )
        block = http + html
        tail = block + b"\r\n\r\n"
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        pages.append((n, len(block), c.compress(tail) + c.flush(), tail))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".part"
    rng = uuid.UUID(int=a.seed)
    count = 0
    written = 0
    raw = 0
    with open(tmp, "wb") as out:
        info = b"software: pith warc_gen.py\r\nformat: WARC File Format 1.0\r\nisPartOf: bench\r\n"
        rec = warc_header("warcinfo", str(uuid.UUID(int=1)), "bench.warc.gz",
                          "2024-05-18T00:00:00Z", "application/warc-fields", len(info)) + info + b"\r\n\r\n"
        m = member(rec)
        out.write(m)
        written += len(m)
        raw += len(rec)
        while written < target:
            name, blen, deflated, tail = pages[count % len(pages)]
            uri = "https://www.example-%d.com/news/%s/%d" % (count % 977, name[:16], count)
            date = "2024-05-%02dT%02d:%02d:%02dZ" % (1 + count % 28, count % 24, count % 60, (count // 60) % 60)
            rid = uuid.UUID(int=(rng.int + 3 * count + 2) % (1 << 128))
            req = (
                "GET /news/%s/%d HTTP/1.1\r\nHost: www.example-%d.com\r\nUser-Agent: bench\r\n"
                "Accept: text/html\r\n\r\n" % (name[:16], count, count % 977)
            ).encode()
            rec = warc_header("request", str(uuid.UUID(int=(rid.int + 1) % (1 << 128))), uri, date,
                              "application/http; msgtype=request", len(req)) + req + b"\r\n\r\n"
            m = member(rec)
            out.write(m)
            written += len(m)
            raw += len(rec)
            # the response: own header + the page's precomputed deflate stream
            head = warc_header("response", str(rid), uri, date, "application/http; msgtype=response",
                               blen, "WARC-Identified-Payload-Type: text/html\r\n")
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            hz = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
            crc = zlib.crc32(tail, zlib.crc32(head))
            size = (len(head) + len(tail)) & 0xFFFFFFFF
            m = GZ_HEAD + hz + deflated + struct.pack("<II", crc, size)
            out.write(m)
            written += len(m)
            raw += len(head) + len(tail)
            meta = ("fetchTimeMs: %d\r\ncharset-detected: UTF-8\r\n" % (100 + count % 900)).encode()
            rec = warc_header("metadata", str(uuid.UUID(int=(rid.int + 2) % (1 << 128))), uri, date,
                              "application/warc-fields", len(meta)) + meta + b"\r\n\r\n"
            m = member(rec)
            out.write(m)
            written += len(m)
            raw += len(rec)
            count += 1
    os.replace(tmp, a.out)
    print("warc_gen: %s: %d pages (%d records), %.1f MB gzip, %.1f MB uncompressed, %.1f s"
          % (a.out, count, 3 * count + 1, written / 1e6, raw / 1e6, time.time() - t0))


if __name__ == "__main__":
    main()

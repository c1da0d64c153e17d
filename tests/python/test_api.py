"""The pith package's API: extract/clean/Extractor, errors, threads, Dedup,
ArchiveIterator against the C reader (`pith warc --list`), iter_warc
against `pith warc`."""
import io
import json
import os
import subprocess
import threading

import pytest

import pith
from conftest import cli_warc_lines, warcgen

ARTICLE = warcgen.article_html(1, __import__("random").Random(7))


def test_extract_dict():
    d = pith.extract(ARTICLE, url="http://news.example.com/story/1.html", id="a1")
    assert d["id"] == "a1"
    assert d["source"] == "pith"
    assert d["title"].startswith("Story 1")
    assert d["authors"] == ["Jane Roe"]
    assert d["site_name"] == "Example Times"
    assert "Copyright Example Times" not in d["text"]
    assert len(d["text"]) > 200
    # str and bytes give the same record (but for where the charset came from)
    s = pith.extract(ARTICLE.decode(), url="http://news.example.com/story/1.html", id="a1")
    assert s.pop("provenance")["charset_from"] == "http"
    d.pop("provenance")
    assert s == d


def test_str_is_utf8_whatever_meta_says():
    html = ('<html><head><meta charset="windows-1252"></head><body><article><p>'
            + "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e is served here every single day. " * 4
            + "</p></article></body></html>")
    assert "Caf\u00e9 cr\u00e8me" in pith.extract(html)["text"]


def test_options():
    html = ("<html><body><article><p>" + "word " * 80 + "</p><table><tr><td>cellvalue"
            "</td><td>other</td></tr></table></article></body></html>")
    assert "cellvalue" in pith.extract(html)["text"]
    assert "cellvalue" not in pith.extract(html, no_tables=True)["text"]
    d = pith.extract(ARTICLE, explain=True)
    assert "keep\t" in d["explain"]
    with pytest.raises(TypeError):
        pith.extract(ARTICLE, no_such_option=True)
    with pytest.raises(TypeError):
        pith.Extractor("positional")


def test_errors_carry_status():
    with pytest.raises(pith.PithError) as e:
        pith.extract(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert e.value.status == pith.ERR_INPUT
    assert e.value.status_name
    assert "PNG" in e.value.message
    with pytest.raises(pith.PithError) as e:
        pith.extract(ARTICLE, max_input_bytes=100)
    assert e.value.status == pith.ERR_LIMIT
    with pytest.raises(pith.PithError) as e:
        pith.extract(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 64,
                     content_encoding="gzip")
    assert e.value.status == pith.ERR_INPUT


def test_no_content_is_a_record():
    d = pith.extract("<html><body></body></html>")
    assert d["text"] == ""


def test_content_encoding():
    import gzip
    assert (pith.extract(gzip.compress(ARTICLE), content_encoding="gzip")["text"]
            == pith.extract(ARTICLE)["text"])


def test_clean_matches_cli(pith_cli, tmp_path):
    text = ("Local council approves budget\n\nBy Jane Roe\n\n"
            + " ".join(warcgen.sentence(__import__("random").Random(3), 15) for _ in range(8))
            + "\n\nShare this article\n")
    p = tmp_path / "story.txt"
    p.write_text(text)
    cli = json.loads(subprocess.run([pith_cli, "clean", "-f", "jsonl", str(p)],
                                    stdout=subprocess.PIPE, check=True).stdout)
    assert pith.clean(text, id=str(p)) == cli
    assert pith.Extractor().clean(text.encode(), id=str(p)) == cli


def test_extractor_per_thread_in_parallel():
    pages = [warcgen.article_html(i, __import__("random").Random(i)) for i in range(24)]
    want = [pith.extract(p)["text"] for p in pages]
    got = [None] * len(pages)

    def work(k):
        x = pith.Extractor()
        for i in range(k, len(pages), 4):
            got[i] = x.extract(pages[i])["text"]

    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got == want


def test_extractor_shared_between_threads_is_refused_or_serial():
    # a shared extractor never corrupts results: a concurrent call is refused
    x = pith.Extractor()
    big = ARTICLE * 40
    errors, results = [], []

    def work():
        for _ in range(20):
            try:
                results.append(x.extract(big)["title"])
            except RuntimeError as e:
                errors.append(str(e))

    ts = [threading.Thread(target=work) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert results and all(r == results[0] for r in results)
    assert all("one per thread" in e for e in errors)


def test_extractor_pickles_as_its_options():
    import pickle
    x = pith.Extractor(no_tables=True)
    y = pickle.loads(pickle.dumps(x))
    assert y.options == {"no_tables": True}
    assert y.extract(ARTICLE) == x.extract(ARTICLE)


def test_dedup():
    rng = __import__("random").Random(5)
    story = " ".join(warcgen.sentence(rng, 18) for _ in range(12))
    other = " ".join(warcgen.sentence(rng, 18) for _ in range(12))
    d = pith.Dedup()
    assert d.add(story, "a") == 0
    d.add(other, "b")
    d.add(story + " Reported by the wire.", "c")
    d.add("too short", "d")
    assert len(d) == 4
    assert d.clusters() == [["a", "c"]]
    assert d.duplicate_of(2) == "a" and d.duplicate_of(1) is None
    assert d.cluster_size(0) == 2 and d.cluster_size(3) == 1
    with pytest.raises(IndexError):
        d.cluster_of(10)


def _list_items(pith_cli, path):
    r = subprocess.run([pith_cli, "warc", "--list", "-q", str(path)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    out = []
    for line in r.stdout.splitlines():
        j = json.loads(line)
        out.append((j["offset"], j.get("type", "damage"), j.get("id"), j.get("error"),
                    j.get("payload")))
    return out


def _iter_items(src, **kw):
    out = []
    for rec in pith.ArchiveIterator(src, yield_damage=True, **kw):
        if rec.is_damage:
            out.append((rec.offset, "damage", None, rec.error, None))
        else:
            out.append((rec.offset, rec.type, rec.record_id, rec.error, len(rec.payload)))
    return out


def test_archive_iterator_equals_c_reader(pith_cli, warc_dir):
    d, man = warc_dir
    for name, exp in man["files"].items():
        path = d / name
        want = _list_items(pith_cli, path)
        got = _iter_items(str(path))
        assert got == want, name
        assert sum(1 for g in got if g[1] != "damage") == exp["records"], name
        # the same bytes from memory and from a file object
        data = path.read_bytes()
        assert _iter_items(data) == want, name
        assert _iter_items(io.BytesIO(data)) == want, name
        with open(path, "rb") as f:
            assert _iter_items(f) == want, name


def test_archive_iterator_record(warc_dir):
    d, man = warc_dir
    recs = list(pith.ArchiveIterator(d / "clean.warc.gz", record_types={"response"},
                                     with_block=True))
    info = [i for i in man["records"] if i["type"] == "response"]
    assert [r.record_id for r in recs] == [i["id"] for i in info]
    page = recs[0]
    assert page.http_status == 200 and page.http_reason == "OK"
    assert page.http_header("content-type") == "text/html; charset=utf-8"
    assert page.header("WARC-Type") == "response"
    assert page.headers[0] == ("WARC-Type", "response")
    assert page.payload.startswith(b"<!DOCTYPE html>")
    assert page.block.startswith(b"HTTP/1.1 200 OK")
    assert page.page == "html" and page.skip_reason is None
    # the chunked + gzip body comes out decoded
    chunked = [r for r in recs if r.http_header("Transfer-Encoding") == "chunked"][0]
    assert chunked.payload.startswith(b"<!DOCTYPE html>")
    assert chunked.http_flags & 0x05 == 0x05  # dechunked, decoded
    reasons = {r.skip_reason for r in recs if r.page == "skip"}
    assert reasons == {"status", "not_html"}


def test_damage_reported_with_offsets(warc_dir):
    d, man = warc_dir
    for name, exp in man["files"].items():
        if not exp.get("offsets"):
            continue
        it = pith.ArchiveIterator(d / name, yield_damage=True)
        where = [r.offset for r in it if r.damaged]
        assert where == exp["offsets"], name
        assert sum(it.stats()["errors_by_kind"].values()) == len(exp["offsets"]), name


def test_file_object_errors_propagate():
    class Bad(io.RawIOBase):
        def readinto(self, b):
            raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"):
        list(pith.ArchiveIterator(Bad()))
    with pytest.raises(OSError):
        pith.ArchiveIterator("/nonexistent/x.warc.gz")
    with pytest.raises(TypeError):
        pith.ArchiveIterator(12.5)


def test_iter_warc_equals_cli(pith_cli, warc_dir):
    d, man = warc_dir
    for name, exp in man["files"].items():
        path = str(d / name)
        want = cli_warc_lines(pith_cli, path)
        s = pith.WarcSummary()
        got = list(pith.iter_warc_lines(path, summary=s))
        assert got == want, name
        assert [json.loads(l)["id"] for l in got] == exp["pages"], name
        assert s.records == s.written + s.skipped
        docs = list(pith.iter_warc(path))
        assert docs == [json.loads(l) for l in want]
    # options as the CLI's
    path = str(d / "corrupt.warc.gz")
    assert (list(pith.iter_warc_lines(path, keep_damaged=True, statuses=[2, 404],
                                      source_name="cc"))
            == cli_warc_lines(pith_cli, path, "--keep-damaged", "--status", "2xx,404",
                              "--source", "cc"))
    assert (list(pith.iter_warc_lines(path, min_length=1200, langs=["en"]))
            == cli_warc_lines(pith_cli, path, "--min-length", "1200", "--lang", "en"))


def _shared_warcs():
    from conftest import SHARED
    d = os.path.join(SHARED, "warc")
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d) if ".warc" in f or ".arc" in f)


@pytest.mark.parametrize("path", _shared_warcs() or [pytest.param(None, marks=pytest.mark.skip(
    reason="shared/bench/warc absent"))])
def test_iter_warc_equals_cli_on_real_archives(pith_cli, path):
    assert list(pith.iter_warc_lines(path)) == cli_warc_lines(pith_cli, path)
    want = _list_items(pith_cli, path)
    assert _iter_items(path) == want

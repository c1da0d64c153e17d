"""pith.datatrove.PithExtractor where datatrove's Trafilatura stands:
WarcReader -> PithExtractor -> JsonlWriter on LocalPipelineExecutor with 2
tasks over generated WARCs; the text of every page is what `pith warc`
extracts from it, pith's metadata in the document's metadata."""
import gzip
import json
import os

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.extractors.base import BaseExtractor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from conftest import cli_warc_lines, write_warc  # noqa: E402
from pith.datatrove import PithExtractor, PithWarcReader  # noqa: E402


def test_pith_extractor_pipeline(pith_cli, tmp_path):
    src = tmp_path / "warcs"
    src.mkdir()
    for i in range(4):
        write_warc(src / f"crawl-{i}.warc.gz", 6 + i, seed=10 + i)
    out = tmp_path / "out"
    step = PithExtractor(timeout=5)
    assert isinstance(step, BaseExtractor)
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(src), glob_pattern="*.warc.gz"), step,
                  JsonlWriter(str(out), output_filename="${rank}.jsonl.gz")],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()
    got = {}
    for f in sorted(os.listdir(out)):
        with gzip.open(out / f, "rt") as fh:
            for line in fh:
                j = json.loads(line)
                got[(j["metadata"]["url"], j["id"])] = j
    want = {}
    for i in range(4):
        for line in cli_warc_lines(pith_cli, src / f"crawl-{i}.warc.gz"):
            j = json.loads(line)
            want[(j["url"], j["id"])] = j
    assert want and set(got) == set(want)
    for k, w in want.items():
        g = got[k]
        assert g["text"] == w["text"], k
        meta = g["metadata"]
        assert meta["title"] == w["title"]
        assert meta["authors"] == w["authors"]
        assert meta["site_name"] == w["site_name"]
        # the crawl date stays; pith's published date does not hide it
        assert meta["date"].startswith("2024-05-")
        if "date" in w:
            assert meta["date_published"] == w["date"]


def test_pith_extractor_counts_errors():
    from datatrove.data import Document

    step = PithExtractor(max_input_bytes=2000)
    docs = [Document(text="<html><body><p>" + "x" * 3000 + "</p></body></html>", id="big"),
            Document(text="<html><body></body></html>", id="empty"),
            Document(text="<html><body><article><p>" + "Some words here. " * 40
                     + "</p></article></body></html>", id="ok")]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["ok"]
    assert step.stats["clean_error"].total == 1
    assert step.stats["dropped"].total == 1


def test_pith_warc_reader(pith_cli, tmp_path):
    src = tmp_path / "warcs"
    src.mkdir()
    for i in range(3):
        write_warc(src / f"c-{i}.warc.gz", 5 + i, seed=30 + i)
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[PithWarcReader(str(src), glob_pattern="*.warc.gz"),
                  JsonlWriter(str(out), output_filename="${rank}.jsonl.gz")],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    got = {}
    for f in sorted(os.listdir(out)):
        with gzip.open(out / f, "rt") as fh:
            for line in fh:
                j = json.loads(line)
                got[(j["metadata"]["file_path"].rsplit("/", 1)[-1], j["id"])] = j
    want = {}
    for i in range(3):
        for line in cli_warc_lines(pith_cli, src / f"c-{i}.warc.gz"):
            j = json.loads(line)
            want[(f"c-{i}.warc.gz", j["id"])] = j
    assert want and set(got) == set(want)
    for k, w in want.items():
        g = got[k]
        assert g["text"] == w["text"]
        for key in ("url", "warc_date", "title", "authors", "source"):
            assert g["metadata"][key] == w[key], key

"""pith as a datatrove pipeline step: PithExtractor stands where datatrove's
Trafilatura extractor stands in a FineWeb-style pipeline:

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from pith.datatrove import PithExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/", glob_pattern="*.warc.gz"),
        PithExtractor(),                      # was: Trafilatura(favour_precision=True)
        JsonlWriter("out/"),
    ], tasks=4).run()

The document's text becomes the article text; pith's metadata goes into
document.metadata (title, authors, byline, date_published, date_modified,
site_name, lang, canonical_url, description, image, section, tags, wire,
...). Keys the reader already set (url, date = the crawl date) are kept:
pith's "date" is stored as "date_published" so it never hides the crawl
date, and no other existing key is overwritten.

PithWarcReader does both steps at once, as `pith warc` does: it reads the
WARCs with pith's own reader (damage-tolerant; gzip, zstd or plain; no
warcio, cchardet or libmagic) and yields one Document per page, the
article as text and the record's fields as metadata:

    LocalPipelineExecutor(pipeline=[
        PithWarcReader("crawl/", glob_pattern="*.warc.gz"),
        JsonlWriter("out/"),
    ], tasks=4).run()

Unlike BaseExtractor.run, no sandbox process is started per task: pith
bounds its own time (timeout, per document) and memory (max_memory_bytes),
and the extraction runs in-process with the GIL released.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.utils.typeshelper import StatHints

import pith

# record keys that are not metadata
_NOT_META = {"id", "source", "text", "explain"}


class PithExtractor(BaseExtractor):
    """Extract the article of each document's HTML with pith.

    Args:
        timeout: time budget per document in seconds (pith's own: the page
            is abandoned, not the process); 0 = none.
        favour_precision / favour_recall: pith's --precision / --recall.
        comments: also extract reader comments (metadata "comments").
        no_tables: drop tables from the text.
        provenance: keep pith's "provenance" (where each field came from).
        metadata_prefix: put pith's fields under this prefix ("pith_").
        **options: other pith.Extractor options (max_nodes, ...).
    """

    name = "🪨 pith"
    _requires_dependencies = []

    def __init__(self, timeout: float = 1, favour_precision: bool = False,
                 favour_recall: bool = False, comments: bool = False, no_tables: bool = False,
                 provenance: bool = False, metadata_prefix: str = "", **options: Any) -> None:
        super().__init__(timeout)
        self.options = dict(options)
        if timeout:
            self.options["time_budget"] = float(timeout)
        if favour_precision:
            self.options["precision"] = True
        if favour_recall:
            self.options["recall"] = True
        if comments:
            self.options["comments"] = True
        if no_tables:
            self.options["no_tables"] = True
        self.provenance = provenance
        self.metadata_prefix = metadata_prefix
        self._x: Optional[pith.Extractor] = None

    def _extractor(self) -> pith.Extractor:
        # made lazily: a step is pickled to the executor's workers
        if self._x is None:
            self._x = pith.Extractor(**self.options)
        return self._x

    def __getstate__(self) -> Dict[str, Any]:
        d = dict(self.__dict__)
        d["_x"] = None
        return d

    def extract(self, text: str) -> str:
        """The article text of one page (BaseExtractor's contract)."""
        return self._extractor().extract(text)["text"]

    def extract_record(self, html: str, url: Optional[str] = None) -> Dict[str, Any]:
        """The whole pith record of one page."""
        return self._extractor().extract(html, url)

    def _merge(self, doc: Document, rec: Dict[str, Any]) -> None:
        meta = doc.metadata
        for k, v in rec.items():
            if k in _NOT_META or v is None or v == "" or v == []:
                continue
            if k == "provenance" and not self.provenance:
                continue
            key = self.metadata_prefix + ("date_published" if k == "date" else k)
            if key not in meta:
                meta[key] = v

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        x = self._extractor()
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    rec = x.extract(doc.text, doc.metadata.get("url"))
                except pith.PithError as e:
                    label = "timeout" if e.status == pith.ERR_TIMEOUT else "clean_error"
                    self.stat_update(label)
                    if not self._warned_error:
                        from datatrove.utils.logging import logger

                        logger.warning(f'pith: "{e}" while extracting {doc.id}: skipped '
                                       "(this message only appears once)")
                        self._warned_error = True
                    continue
                self.stat_update("extracted")
                doc.text = rec.get("text") or ""
                self._merge(doc, rec)
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)


class PithWarcReader(BaseDiskReader):
    """Read WARC files and extract their pages with pith: WarcReader and
    PithExtractor in one step. Documents: id = WARC-Record-ID, text = the
    article; metadata = url, warc_date, source and pith's fields (title,
    authors, date, lang, ...), as in `pith warc`'s lines. The pages are
    pith's (responses with an accepted status whose body is HTML; WET text
    records); the raw bytes go to pith, so the page's charset decides.

    Args: those of datatrove's readers (data_folder, paths_file, limit, skip,
    glob_pattern, ...), then pith's: statuses, keep_damaged,
    verify_digests, min_length, langs, source_name and Extractor options
    (timeout = time budget per page in seconds).
    """

    name = "🪨 pith WARC"
    _requires_dependencies = []

    def __init__(self, data_folder, paths_file=None, limit: int = -1, skip: int = 0,
                 file_progress: bool = False, doc_progress: bool = False, adapter=None,
                 text_key: str = "text", id_key: str = "id", default_metadata: dict = None,
                 recursive: bool = True, glob_pattern: Optional[str] = None,
                 shuffle_files: bool = False, timeout: float = 0, **pith_options: Any) -> None:
        super().__init__(data_folder, paths_file, limit, skip, file_progress, doc_progress,
                         adapter, text_key, id_key, default_metadata, recursive, glob_pattern,
                         shuffle_files)
        self.pith_options = dict(pith_options)
        if timeout:
            self.pith_options["time_budget"] = float(timeout)
        self.summaries: Dict[str, Dict[str, Any]] = {}

    def read_file(self, filepath: str):
        summary = pith.WarcSummary()
        with self.data_folder.open(filepath, "rb") as f:
            for i, rec in enumerate(pith.iter_warc(f, name=filepath, summary=summary,
                                                   **self.pith_options)):
                with self.track_time():
                    rec.pop("provenance", None)
                    document = self.get_document_from_dict(rec, filepath, i)
                if document:
                    yield document
        for reason, n in summary.skipped_by_reason.items():
            self.stat_update(f"skipped_{reason}", value=n)
        if summary.damage:
            self.stat_update("damage_reports", value=len(summary.damage))
        self.summaries[filepath] = summary.as_dict()

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

Unlike BaseExtractor.run, no sandbox process is started per task: pith
bounds its own time (timeout, per document) and memory (max_memory_bytes),
and the extraction runs in-process with the GIL released.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
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

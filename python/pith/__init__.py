"""pith: extract articles and their metadata from web pages and WARC archives.

The C library (libpith) through a CPython extension; the GIL is released
while C works, so threads extract in parallel (one Extractor per thread).

    >>> import pith
    >>> doc = pith.extract(html, url="https://example.com/a")
    >>> doc["title"], doc["text"]
    >>> for rec in pith.ArchiveIterator("crawl.warc.gz"):
    ...     if rec.http_status == 200: rec.payload
    >>> for doc in pith.iter_warc("crawl.warc.gz"):   # what `pith warc` writes
    ...     doc["id"], doc["url"], doc["text"]

A record dict has the keys of `pith extract -f json` (and `pith warc`):
the library's own JSON renderer writes it and json.loads reads it, so the
schema is the CLI's by construction.
"""

from __future__ import annotations

import json as _json
import threading as _threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _pith
from ._pith import PithError
from ._warc import ArchiveIterator, WarcRecord, iter_warc, iter_warc_lines, WarcSummary

__all__ = [
    "PithError",
    "Extractor",
    "extract",
    "clean",
    "ArchiveIterator",
    "WarcRecord",
    "iter_warc",
    "iter_warc_lines",
    "WarcSummary",
    "Dedup",
    "version",
    "__version__",
]

__version__ = _pith.version()

# pith_status numbers (PithError.status)
OK = _pith.OK
NO_CONTENT = _pith.NO_CONTENT
ERR_NOMEM = _pith.ERR_NOMEM
ERR_LIMIT = _pith.ERR_LIMIT
ERR_INPUT = _pith.ERR_INPUT
ERR_ARG = _pith.ERR_ARG
ERR_TIMEOUT = _pith.ERR_TIMEOUT
ERR_IO = _pith.ERR_IO
ERR_FORMAT = _pith.ERR_FORMAT
ERR_TRUNCATED = _pith.ERR_TRUNCATED
ERR_INTERNAL = _pith.ERR_INTERNAL


def version() -> str:
    """The C library's version string."""
    return _pith.version()


def _str_ctype(content_type: Optional[str]) -> str:
    """A str page is handed over as UTF-8: its Content-Type must say so, or a
    <meta charset> naming another one would decode the bytes wrongly."""
    mime = (content_type or "text/html").split(";", 1)[0].strip() or "text/html"
    return mime + "; charset=utf-8"


def _as_bytes(data: Union[str, bytes, bytearray, memoryview]) -> Union[bytes, bytearray, memoryview]:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    return data


class Extractor:
    """A reusable extractor: keeps its buffers between pages, so it is the
    fast way to extract many pages. Not shared between threads (a second
    thread calling it at the same time gets RuntimeError): make one per
    thread. Options (all keyword, as for `pith extract`): comments,
    no_tables, recall, precision, explain, no_meta, parse_only (bool);
    max_input_bytes, max_nodes, max_depth, max_attr_bytes, max_jsonld_bytes,
    max_jsonld_depth, max_output_bytes, max_memory_bytes (int, 0 = default);
    time_budget (seconds per page, float); parser ("html5", the default, or
    "libxml2")."""

    def __init__(self, **options: Any) -> None:
        self.options = dict(options)
        self._x = _pith.Extractor(**options)

    # pickled as its options (for multiprocessing, Dask, datatrove): the
    # copy is a fresh extractor with the same options
    def __getstate__(self) -> Dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__init__(**state["options"])

    def __repr__(self) -> str:
        return f"pith.Extractor({', '.join(f'{k}={v!r}' for k, v in self.options.items())})"

    def extract_json(self, html: Union[str, bytes], url: Optional[str] = None,
                     content_type: Optional[str] = None, *,
                     content_encoding: Optional[str] = None, id: Optional[str] = None,
                     source: Optional[str] = None) -> bytes:
        """The record as one JSON line (bytes), as `pith extract -f jsonl` writes it."""
        if isinstance(html, str):
            content_type, content_encoding = _str_ctype(content_type), None
        return self._x.extract_json(_as_bytes(html), url, content_type, content_encoding, id,
                                    source)[1]

    def extract(self, html: Union[str, bytes], url: Optional[str] = None,
                content_type: Optional[str] = None, *, content_encoding: Optional[str] = None,
                id: Optional[str] = None, source: Optional[str] = None) -> Dict[str, Any]:
        """Extract the article of an HTML page: bytes in any charset
        (content_type's charset, then the page's own <meta> decide), or str
        (handed over as UTF-8, whatever its <meta> says). Returns
        the record dict; a page without an article gives text "" (status
        NO_CONTENT is not an error). Raises PithError for input pith cannot
        read (binary data: ERR_INPUT), a limit hit with nothing extracted
        (ERR_LIMIT), ..."""
        if isinstance(html, str):
            content_type, content_encoding = _str_ctype(content_type), None
        st, line = self._x.extract_json(_as_bytes(html), url, content_type, content_encoding, id,
                                        source)
        return _json.loads(line)

    def clean_json(self, text: Union[str, bytes], *, id: Optional[str] = None,
                   source: Optional[str] = None) -> bytes:
        """clean() as one JSON line (bytes)."""
        return self._x.clean_json(_as_bytes(text), id, source)[1]

    def clean(self, text: Union[str, bytes], *, id: Optional[str] = None,
              source: Optional[str] = None) -> Dict[str, Any]:
        """Recover the story and its facts from already flattened text (a WET
        record, a scraped page's text), as `pith clean` does."""
        st, line = self._x.clean_json(_as_bytes(text), id, source)
        return _json.loads(line)


_local = _threading.local()


def _thread_extractor(options: Dict[str, Any]) -> Extractor:
    """One extractor per thread and option set."""
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    key = tuple(sorted(options.items()))
    x = cache.get(key)
    if x is None:
        if len(cache) > 16:
            cache.clear()
        x = cache[key] = Extractor(**options)
    return x


def extract(html: Union[str, bytes], url: Optional[str] = None,
            content_type: Optional[str] = None, **options: Any) -> Dict[str, Any]:
    """Extract the article of one HTML page: a dict with the keys of
    `pith extract -f json` ("text", "title", "authors", "date", ...).
    content_encoding=, id= and source= are passed through; other keyword
    arguments are Extractor options. Uses one Extractor per thread."""
    kw = {k: options.pop(k) for k in ("content_encoding", "id", "source") if k in options}
    return _thread_extractor(options).extract(html, url, content_type, **kw)


def clean(text: Union[str, bytes], **options: Any) -> Dict[str, Any]:
    """Recover the story from flattened text: the dict of `pith clean -f json`."""
    kw = {k: options.pop(k) for k in ("id", "source") if k in options}
    return _thread_extractor(options).clean(text, **kw)


class Dedup:
    """Near-duplicate clusters: MinHash over 5-word shingles with LSH, as
    `pith dedup` (documents about 70% alike or more share a cluster).

        d = pith.Dedup()
        for doc in docs: d.add(doc["text"], doc["id"])
        for cluster in d.clusters(): ...       # lists of ids, size > 1
    """

    def __init__(self) -> None:
        self._d = _pith.Dedup()
        self._ids: List[Any] = []

    def add(self, text: Union[str, bytes], id: Any = None) -> int:
        """Add a document; returns its index (0, 1, ...). id defaults to the index."""
        idx, _ = self._d.add(_as_bytes(text))
        self._ids.append(idx if id is None else id)
        return idx

    def __len__(self) -> int:
        return len(self._d)

    def cluster_of(self, index: int) -> int:
        """Index of the first document in index's cluster."""
        return self._d.cluster(index)

    def cluster_size(self, index: int) -> int:
        return self._d.cluster_size(index)

    def duplicate_of(self, index: int) -> Optional[Any]:
        """The id of the first document this one duplicates, or None."""
        root = self._d.cluster(index)
        return None if root == index else self._ids[root]

    def clusters(self, min_size: int = 2) -> List[List[Any]]:
        """Clusters of at least min_size documents, as lists of ids in the
        order added; clusters ordered by their first document."""
        groups: Dict[int, List[Any]] = {}
        for i, root in enumerate(self._d.roots()):
            groups.setdefault(root, []).append(self._ids[i])
        return [g for r, g in sorted(groups.items()) if len(g) >= min_size]

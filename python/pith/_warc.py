"""WARC archives: ArchiveIterator (records) and iter_warc (extracted pages)."""

from __future__ import annotations

import json
import os
from typing import (Any, BinaryIO, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple,
                    Union)

from . import _pith

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]

# pith_warc_record.flags
F_HTTP = 0x01
F_CAPPED = 0x02
F_BODY_CAPPED = 0x04
F_BODY_INCOMPLETE = 0x08
F_HTTP_BAD = 0x10
F_MISALIGNED = 0x20
F_LENGTH_SHORT = 0x40


class WarcRecord:
    """One item of a WARC file: a record (kind "record") or a damage report
    between records (kind "damage"). A snapshot: it stays valid after the
    iterator moves on.

    Attributes: kind, offset (in the file: the gzip member's start for gzip
    input, the record's start otherwise; the damaged bytes for a damage
    report), uoffset (in the decompressed stream), type ("response", ...,
    "other"), type_name (as written), version, record_id, target_uri, date,
    content_type, truncated (WARC-Truncated), content_length, headers (WARC
    headers as (name, value) pairs, in order), http_status (0 if none),
    http_reason, http_version, http_headers (pairs, latin-1 decoded; None
    without an HTTP head), http_content_type, payload (bytes: the decoded
    HTTP body - chunked and gzip/deflate/zstd/br undone - or the block),
    block (the block as stored, only with ArchiveIterator(with_block=True)),
    flags, http_flags, error (damage kind: "gzip_corrupt", "truncated",
    "length", ... or None), message, error_offset, skipped (bytes skipped
    to resynchronise), page ("html", "text" or "skip": what `pith warc`
    does with it) and skip_reason."""

    __slots__ = ("_d",)

    def __init__(self, d: Dict[str, Any]) -> None:
        self._d = d

    def __getattr__(self, name: str) -> Any:
        try:
            return self._d[name]
        except KeyError:
            if name in ("block",):
                return None
            if self._d.get("kind") == "damage":
                return None
            raise AttributeError(name) from None

    def header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """A WARC header by name (case-insensitive, first occurrence)."""
        low = name.lower()
        for k, v in self._d.get("headers") or ():
            if k.lower() == low:
                return v
        return default

    def http_header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """An HTTP header by name (case-insensitive, first occurrence)."""
        low = name.lower()
        for k, v in self._d.get("http_headers") or ():
            if k.lower() == low:
                return v
        return default

    @property
    def is_damage(self) -> bool:
        return self._d["kind"] == "damage"

    @property
    def damaged(self) -> bool:
        """A damage report, or a record spoilt by damage (error is set)."""
        return self._d.get("error") is not None

    def as_dict(self) -> Dict[str, Any]:
        return dict(self._d)

    def __repr__(self) -> str:
        d = self._d
        if d["kind"] == "damage":
            return f"<WarcRecord damage {d['error']} at {d['offset']}>"
        return (f"<WarcRecord {d['type']} {d.get('target_uri')!r} at {d['offset']}"
                f"{' status %d' % d['http_status'] if d.get('http_status') else ''}>")


def _reader(source: Source, name: Optional[str], **kw: Any) -> "_pith.WarcReader":
    if isinstance(source, (str, os.PathLike)):
        return _pith.WarcReader(os.fspath(source), name, **kw)
    return _pith.WarcReader(source, name, **kw)


class ArchiveIterator:
    """Iterate the records of a WARC file.

        for rec in pith.ArchiveIterator("x.warc.gz", record_types={"response"}):
            rec.target_uri, rec.http_status, rec.payload

    source: a path, a bytes-like object holding the archive, or a binary
    file object (read with readinto/read; gzip.open(...) or an fsspec file
    work). Uncompressed, gzip per record, whole-file gzip and zstd are
    sniffed from the bytes. Damage never stops the iteration: damaged
    records come with .error set, and damage between records is yielded as
    kind "damage" items when yield_damage=True (always counted in .stats()
    and listed in .damage).

    Options: record_types (a set of type names to yield, e.g.
    {"response"}; damage items are not filtered), parse_http (default
    True), decode_all (decode the HTTP bodies of requests/revisits too),
    max_block / max_payload (bytes kept per record / decoded body, default
    16 MiB), with_block (also keep the block as stored), statuses,
    keep_damaged, verify_digests (what .page says, as for iter_warc)."""

    def __init__(self, source: Source, *, record_types: Optional[Iterable[str]] = None,
                 yield_damage: bool = False, parse_http: bool = True, decode_all: bool = False,
                 max_block: int = 0, max_payload: int = 0, with_block: bool = False,
                 statuses: Optional[Sequence[int]] = None, keep_damaged: bool = False,
                 verify_digests: bool = True, name: Optional[str] = None) -> None:
        self._r = _reader(source, name, max_block=max_block, max_payload=max_payload,
                          decode_all=decode_all, parse_http=parse_http, statuses=statuses,
                          keep_damaged=keep_damaged, verify_digests=verify_digests)
        self._types = set(record_types) if record_types is not None else None
        self._yield_damage = yield_damage
        self._block = with_block
        self.damage: List[WarcRecord] = []

    def __iter__(self) -> "ArchiveIterator":
        return self

    def __next__(self) -> WarcRecord:
        while True:
            d = self._r.next_record(self._block)
            if d is None:
                raise StopIteration
            rec = WarcRecord(d)
            if d["kind"] == "damage":
                if len(self.damage) < 10000:
                    self.damage.append(rec)
                if self._yield_damage:
                    return rec
                continue
            if self._types is not None and d["type"] not in self._types:
                continue
            return rec

    def stats(self) -> Dict[str, Any]:
        """records, damaged, bytes_read, bytes_uncompressed, bytes_resynced,
        gzip, gzip_members, errors_by_kind, warnings_by_kind, records_by_type."""
        return self._r.stats()

    def close(self) -> None:
        self._r.close()

    def __enter__(self) -> "ArchiveIterator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class WarcSummary:
    """What iter_warc did, in `pith warc`'s summary terms: records = written
    + skipped; skipped_by_reason; errors (damage reports and failed
    records) by kind; reader counters in reader_stats."""

    def __init__(self) -> None:
        self.records = 0
        self.written = 0
        self.skipped = 0
        self.partial = 0
        self.skipped_by_reason: Dict[str, int] = {}
        self.damage: List[Dict[str, Any]] = []
        self.reader_stats: Dict[str, Any] = {}

    _FAILURES = ("damaged", "http_decode", "too_large", "extract_error")

    @property
    def failed(self) -> int:
        """Records that failed (damaged, undecodable, too large, extraction
        errors) plus damage reports between records."""
        return sum(self.skipped_by_reason.get(r, 0) for r in self._FAILURES) + len(self.damage)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "records": self.records,
            "written": self.written,
            "skipped": self.skipped,
            "partial": self.partial,
            "skipped_by_reason": dict(sorted(self.skipped_by_reason.items())),
            "failed": self.failed,
            "damage": self.damage[:100],
            "reader": self.reader_stats,
        }


def _lang_ok(langs: Sequence[str], lang: Optional[str]) -> bool:
    # as `pith warc --lang`: "en" matches "en-US"; "und" matches no language
    l = "und"
    if lang:
        l = lang.replace("_", "-").split("-", 1)[0].lower()[:15] or "und"
    return l in langs


def iter_warc_lines(source: Source, *, extractor: Optional[Any] = None,
                    summary: Optional[WarcSummary] = None, source_name: str = "pith",
                    statuses: Optional[Sequence[int]] = None, keep_damaged: bool = False,
                    verify_digests: bool = True, max_payload: int = 0,
                    min_length: int = 0, langs: Optional[Sequence[str]] = None,
                    name: Optional[str] = None, **options: Any) -> Iterator[bytes]:
    """The JSON lines `pith warc` writes for an archive (bytes, each ending
    in a newline), in archive order: one per HTML page (and WET text
    record). Options as iter_warc."""
    from . import Extractor  # late: the package imports this module

    x = extractor if extractor is not None else Extractor(**options)
    if isinstance(source, (str, os.PathLike)) and name is None:
        name = os.fspath(source)
    r = _reader(source, name, max_block=max_payload, max_payload=max_payload, statuses=statuses,
                keep_damaged=keep_damaged, verify_digests=verify_digests)
    s = summary if summary is not None else WarcSummary()
    langs = [l.lower() for l in langs] if langs else None
    try:
        while True:
            item = r.next_page(x._x, source_name)
            if item is None:
                break
            kind = item[0]
            if kind == "damage":
                s.damage.append({"error": item[1], "message": item[2], "offset": item[3]})
                continue
            s.records += 1
            if kind == "skip":
                s.skipped += 1
                s.skipped_by_reason[item[1]] = s.skipped_by_reason.get(item[1], 0) + 1
                continue
            line = item[1]
            if min_length or langs:
                d = json.loads(line)
                reason = None
                if min_length and len(d.get("text") or "") < min_length:
                    reason = "min_length"
                elif langs and not _lang_ok(langs, d.get("lang")):
                    reason = "lang"
                if reason:
                    s.skipped += 1
                    s.skipped_by_reason[reason] = s.skipped_by_reason.get(reason, 0) + 1
                    continue
            if item[3]:
                s.partial += 1
            s.written += 1
            yield line
        s.reader_stats = r.stats()
    finally:
        r.close()


def iter_warc(source: Source, *, extractor: Optional[Any] = None,
              summary: Optional[WarcSummary] = None, source_name: str = "pith",
              statuses: Optional[Sequence[int]] = None, keep_damaged: bool = False,
              verify_digests: bool = True, max_payload: int = 0, min_length: int = 0,
              langs: Optional[Sequence[str]] = None, name: Optional[str] = None,
              **options: Any) -> Iterator[Dict[str, Any]]:
    """Extract every HTML page of a WARC archive: yields the records `pith
    warc` writes (dicts with "id" = WARC-Record-ID, "source", "url",
    "warc_date", "text" and every metadata field), in archive order. The
    same decisions as the CLI: a page is a response with an accepted status
    (statuses, default [200]; 2 means 2xx) whose decoded body looks like
    HTML; WET conversion records go through text mode; damaged records
    (and sha1 digest mismatches, unless verify_digests=False) are skipped
    unless keep_damaged. min_length / langs filter as --min-length /
    --lang. summary (a WarcSummary) receives the counts. Other keyword
    arguments are Extractor options; extractor= reuses one."""
    for line in iter_warc_lines(source, extractor=extractor, summary=summary,
                                source_name=source_name, statuses=statuses,
                                keep_damaged=keep_damaged, verify_digests=verify_digests,
                                max_payload=max_payload, min_length=min_length, langs=langs,
                                name=name, **options):
        yield json.loads(line)

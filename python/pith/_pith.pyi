"""Type stubs for pith's C extension (use the pith package's wrappers)."""
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

_Buffer = Union[bytes, bytearray, memoryview]

OK: int
NO_CONTENT: int
ERR_NOMEM: int
ERR_LIMIT: int
ERR_INPUT: int
ERR_ARG: int
ERR_TIMEOUT: int
ERR_IO: int
ERR_FORMAT: int
ERR_TRUNCATED: int
ERR_INTERNAL: int

def version() -> str: ...

class PithError(Exception):
    """A pith call failed."""
    status: int
    status_name: str
    message: str

class Extractor:
    def __init__(self, **options: Any) -> None: ...
    def extract_json(self, html: _Buffer, url: Optional[str] = ..., content_type: Optional[str] = ...,
                     content_encoding: Optional[str] = ..., id: Optional[str] = ...,
                     source: Optional[str] = ...) -> Tuple[int, bytes]: ...
    def clean_json(self, text: _Buffer, id: Optional[str] = ...,
                   source: Optional[str] = ...) -> Tuple[int, bytes]: ...

class WarcReader:
    def __init__(self, source: Any, name: Optional[str] = ..., max_block: int = ...,
                 max_payload: int = ..., decode_all: bool = ..., parse_http: bool = ...,
                 statuses: Optional[Sequence[int]] = ..., keep_damaged: bool = ...,
                 verify_digests: bool = ...) -> None: ...
    def next_record(self, block: bool = ...) -> Optional[Dict[str, Any]]: ...
    def next_page(self, extractor: Extractor, source: Optional[str] = ...) -> Optional[Tuple[Any, ...]]: ...
    def stats(self) -> Dict[str, Any]: ...
    def close(self) -> None: ...

class Dedup:
    def __init__(self) -> None: ...
    def add(self, text: _Buffer) -> Tuple[int, bool]: ...
    def cluster(self, i: int) -> int: ...
    def cluster_size(self, i: int) -> int: ...
    def roots(self) -> List[int]: ...
    def __len__(self) -> int: ...

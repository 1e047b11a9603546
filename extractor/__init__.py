"""ofsted-extractor: news articles and Ofsted reports -> linked JSON records.

>>> from extractor import Extractor
>>> record = Extractor().extract(Path("article.txt"))
>>> record.ratings[0].rating
'inadequate'

Names are imported when first used, so commands and modules that need no
language model (loading a database, fetching) start without loading spaCy.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_HOMES = {
    "Extractor": "api", "extract": "api",
    "Document": "documents", "DocumentError": "documents", "Limits": "documents", "read_document": "documents",
    "FetchOptions": "fetcher", "FetchReport": "fetcher", "FetchResult": "fetcher", "fetch": "fetcher",
    "fetch_async": "fetcher",
    "Record": "records", "json_schema": "records",
}

__all__ = ["Document", "DocumentError", "Extractor", "FetchOptions", "FetchReport", "FetchResult", "Limits", "Record",
           "__version__", "extract", "fetch", "fetch_async", "json_schema", "read_document"]

if TYPE_CHECKING:
    from .api import Extractor, extract
    from .documents import Document, DocumentError, Limits, read_document
    from .fetcher import FetchOptions, FetchReport, FetchResult, fetch, fetch_async
    from .records import Record, json_schema


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])

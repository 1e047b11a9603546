"""Raw bytes or text -> a clean :class:`Document` (no NLP here).

Each input kind has its own reader module (``text.py``, ``html.py``,
``pdf.py``); this package only decides which one to use. The HTML and PDF
readers are imported when the first such document comes: their libraries
(trafilatura, lxml, pypdf) take longer to import than a text takes to read.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..article_folder import sidecar_for
from . import text as _text
from .base import Document, DocumentError, Limits, quiet_readers

KINDS = ("text", "html", "pdf")
_SUFFIX_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def sniff_kind(data: bytes | str, path: str | os.PathLike[str] | None = None) -> str:
    """Guess the kind from the file suffix, then from the first bytes."""
    if path is not None:
        suffix_kind = _SUFFIX_KINDS.get(Path(path).suffix.lower())
        if suffix_kind:
            return suffix_kind
    head = data[:512].lstrip() if isinstance(data, bytes) else data[:512].lstrip().encode("utf-8", "ignore")
    if head.startswith(b"%PDF-"):
        return "pdf"
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def _not_a_pdf(data: bytes) -> str | None:
    """What bytes taken for a PDF really are ("an HTML page"), or None if they
    are one: a "Report not found" page saved as .pdf deserves a clearer error
    than pypdf's. A PDF's header may follow up to 1 KB of junk."""
    if b"%PDF-" in data[:1024]:
        return None
    from .pdf import other_format

    return "an HTML page" if sniff_kind(data) == "html" else other_format(data)


def readable_suffixes() -> set[str]:
    """File suffixes that have a reader today (folders are walked for these)."""
    return {suffix for suffix, kind in _SUFFIX_KINDS.items() if kind in _READERS}


def read_document(
    data: bytes | str,
    *,
    url: str | None = None,
    kind: str | None = None,
    path: str | None = None,
    fetched_at: str | None = None,
    charset: str | None = None,
) -> Document:
    """Read one document from raw bytes or text, without running any NLP.

    ``kind`` is ``"text"``, ``"html"`` or ``"pdf"``; when omitted it is guessed
    from ``path``'s suffix and the data itself. ``charset`` is the one the
    server declared, tried first when decoding bytes.
    """
    kind = kind or sniff_kind(data, path)
    if kind not in KINDS:
        raise DocumentError(f"unknown document kind {kind!r} (expected one of {', '.join(KINDS)})", path=path)
    reader = _READERS.get(kind)
    if kind == "pdf" and isinstance(data, bytes):
        other = _not_a_pdf(data)
        if other:
            saved = f" saved as {Path(path).suffix}" if path and Path(path).suffix else ""
            raise DocumentError(f"{other}{saved}, not a PDF", path=path)
    if reader is None:
        raise DocumentError(f"{kind} documents are not supported yet; convert to plain text first", path=path)
    try:
        with quiet_readers():
            document = reader(data, charset)
    except DocumentError as error:
        raise DocumentError(error.reason, path=path) from None
    document.url = url or document.url  # the fetched URL, else the page's canonical one
    document.path, document.fetched_at = path, fetched_at
    return document


def read_path(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Document:
    """Read a document from a file, naming the file in any error. A file the
    fetcher saved is read with its sidecar's URL, fetch time, kind and charset.
    A file over ``max_bytes`` is refused before it is read."""
    name = str(path)
    data = read_bytes(path, max_bytes=max_bytes)
    sidecar = sidecar_for(path)
    if sidecar is None:
        return read_document(data, path=name)
    return read_document(data, path=name, url=sidecar.url, fetched_at=sidecar.fetched_at, kind=sidecar.kind,
                         charset=sidecar.charset)


def _read_text(data: bytes | str, charset: str | None = None) -> Document:
    raw = _text.decode(data, charset) if isinstance(data, bytes) else data
    layout = _text.parse(raw)
    return Document(text=layout.body, kind="text", title=layout.title, authors=layout.authors,
                    published=layout.published)


def _read_html(data: bytes | str, charset: str | None = None) -> Document:
    from .html import read_html

    return read_html(data, charset)


def _read_pdf(data: bytes | str, charset: str | None = None) -> Document:
    if isinstance(data, str):
        raise DocumentError("a PDF must be given as bytes")
    from .pdf import read_pdf

    return read_pdf(data)


_READERS = {"text": _read_text, "html": _read_html, "pdf": _read_pdf}

def read_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """A file's bytes, or a DocumentError naming the file: unreadable, or over
    ``max_bytes`` (checked before reading, so a huge file is never loaded)."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DocumentError(too_big(size, max_bytes), path=name)
        return Path(path).read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read file: {error.strerror or error}", path=name) from None


def too_big(size: int, max_bytes: int) -> str:
    """The error for a file over the size limit, naming the limit."""
    return (f"file is {size / 1e6:,.1f} MB, over the {max_bytes / 1e6:,g} MB limit "
            "(max_file_bytes; --max-file-mb on the command line)")


__all__ = ["Document", "DocumentError", "KINDS", "Limits", "read_bytes", "read_document", "read_path",
           "readable_suffixes", "sniff_kind"]

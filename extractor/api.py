"""The library front: :class:`Extractor` turns sources into :class:`Record` objects.

The CLI is a thin layer over the same calls. One Extractor loads the spaCy
pipeline once; reuse it for many documents (``extract_many`` streams them
through ``nlp.pipe``).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import build_record
from .documents import Document, DocumentError, read_document, read_path
from .pipeline import build_pipeline
from .records import ErrorInfo, Record, Source

Source_ = Union[Document, str, bytes, os.PathLike]


class Extractor:
    """Extracts records from articles and reports.

    ``source`` may be a :class:`Document`, a path (``pathlib.Path``), raw bytes
    (kind sniffed), or a ``str`` holding the article text itself.
    """

    def __init__(self, nlp: Language | None = None, *, config_path: str | os.PathLike | None = None,
                 batch_size: int = 16) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline(config_path)
        self.batch_size = batch_size

    def read(self, source: Source_) -> Document:
        """Turn a source into a Document without NLP (raises DocumentError)."""
        if isinstance(source, Document):
            return source
        if isinstance(source, os.PathLike):
            return read_path(source)
        if isinstance(source, (bytes, str)):
            return read_document(source)
        raise TypeError(f"cannot extract from {type(source).__name__}; pass a Document, Path, bytes or str")

    def extract(self, source: Source_) -> Record:
        """One record; a source that cannot be read raises DocumentError."""
        document = self.read(source)
        return build_record(document, [(offset, self.nlp(doc)) for offset, doc in self._make_docs(document)])

    def extract_many(self, sources: Iterable[Source_]) -> Iterator[Record]:
        """Records in input order. A source that cannot be read, or that fails
        in the pipeline, yields a record whose ``errors`` say why; the rest go on."""
        batch: list[tuple[Document | None, Record | None]] = []
        for source in sources:
            try:
                batch.append((self.read(source), None))
            except DocumentError as error:
                batch.append((None, error_record(error, source)))
            except Exception as error:  # a fault in a reader costs that document, never the batch
                reason = f"unexpected error while reading: {type(error).__name__}: {error}"
                batch.append((None, error_record(DocumentError(reason), source)))
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[tuple[Document | None, Record | None]]) -> Iterator[Record]:
        documents = [d for d, _ in batch if d is not None]
        try:
            parts = [(d, offset, doc) for d in documents for offset, doc in self._make_docs(d)]
            processed = iter(list(self.nlp.pipe(doc for _, _, doc in parts)))
            by_document: dict[int, list[tuple[int, Doc]]] = {}
            for document, offset, _ in parts:
                by_document.setdefault(id(document), []).append((offset, next(processed)))
            records = {id(d): build_record(d, by_document.get(id(d), [])) for d in documents}
        except Exception:  # one bad document must not sink the batch: redo one by one
            records = {id(d): self._safe(d) for d in documents}
        for document, failed in batch:
            yield failed if document is None else records[id(document)]

    def _safe(self, document: Document) -> Record:
        try:
            return build_record(document, [(offset, self.nlp(doc)) for offset, doc in self._make_docs(document)])
        except Exception as error:  # reported in the record, never raised
            return Record(id=_hash(document.url or document.path or document.text),
                          source=Source(url=document.url, path=document.path, kind=document.kind),
                          text=document.text, errors=[ErrorInfo(stage="extract", message=f"{type(error).__name__}: {error}",
                                                                path=document.path)])

    def _make_docs(self, document: Document) -> list[tuple[int, Doc]]:
        """One Doc per focus region (the whole text when there is no focus),
        with the region's offset into the document text."""
        regions = document.focus or [(0, len(document.text))]
        docs = []
        for start, end in regions:
            doc = self.nlp.make_doc(document.text[start:end])
            doc._.published = document.published
            doc._.authors = list(document.authors)
            doc._.title = document.title
            docs.append((start, doc))
        return docs


def error_record(error: DocumentError, source: object) -> Record:
    """The record written for a source that could not be read."""
    path = error.path or (str(source) if isinstance(source, os.PathLike) else None)
    return Record(id=_hash(path or repr(source)[:200]), source=Source(path=path, kind=_kind_of(path)),
                  errors=[ErrorInfo(stage="read", message=error.reason, path=path)])


def _kind_of(path: str | None) -> str:
    suffix = Path(path).suffix.lower() if path else ""
    return {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(suffix, "text")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_default: Extractor | None = None


def extract(source: Source_) -> Record:
    """Extract one record with a shared default :class:`Extractor`."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(source)

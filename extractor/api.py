"""The library front: :class:`Extractor` turns sources into :class:`Record` objects.

The CLI is a thin layer over the same calls. One Extractor loads the spaCy
pipeline once; reuse it for many documents (``extract_many`` streams them
through ``nlp.pipe``).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Union

from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from .assemble import build_record
from .documents import Document, DocumentError, Limits, read_document, read_path, too_big
from .pipeline import build_pipeline
from .records import ErrorInfo, Record, Source

Source_ = Union[Document, str, bytes, os.PathLike]
_BATCH_CHARS = 100_000  # text per model batch: the parser's working memory grows with it


class Extractor:
    """Extracts records from articles and reports.

    ``source`` may be a :class:`Document`, a path (``pathlib.Path``), raw bytes
    (kind sniffed), or a ``str`` holding the article text itself.
    """

    def __init__(self, nlp: Language | None = None, *, config_path: str | os.PathLike | None = None,
                 batch_size: int = 16, limits: Limits | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline(config_path)
        self.batch_size = batch_size
        self.limits = limits or Limits()

    def read(self, source: Source_) -> Document:
        """Turn a source into a Document without NLP (raises DocumentError,
        also for a source over one of ``limits``)."""
        if isinstance(source, Document):
            document = source
        elif isinstance(source, os.PathLike):
            document = read_path(source, max_bytes=self.limits.max_file_bytes)
        elif isinstance(source, (bytes, str)):
            if isinstance(source, bytes) and len(source) > self.limits.max_file_bytes:
                raise DocumentError(too_big(len(source), self.limits.max_file_bytes))
            document = read_document(source)
        else:
            raise TypeError(f"cannot extract from {type(source).__name__}; pass a Document, Path, bytes or str")
        if len(document.text) > self.limits.max_chars:
            raise DocumentError(f"text is {len(document.text):,} characters, over the {self.limits.max_chars:,}-character "
                                "limit (max_chars; --max-chars on the command line)", path=document.path)
        return document

    def extract(self, source: Source_) -> Record:
        """One record; a source that cannot be read raises DocumentError."""
        document = self.read(source)
        with self.nlp.memory_zone(), self._one_thread():  # the strings this text adds are freed with its Docs
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
        # a memory zone frees the strings the batch added to the vocabulary once its records are
        # built (records hold plain str), so a long run's memory stays flat however many new
        # names and words it meets
        with self.nlp.memory_zone(), self._one_thread():
            try:
                parts = [(d, offset, doc) for d in documents for offset, doc in self._make_docs(d)]
                by_document: dict[int, list[tuple[int, Doc]]] = {}
                for group in self._groups(parts):
                    for (document, offset, _), doc in zip(group, self.nlp.pipe(doc for _, _, doc in group)):
                        doc.tensor = doc.tensor[:0]  # the model's vectors: half a Doc's memory, and no record needs them
                        by_document.setdefault(id(document), []).append((offset, doc))
                records = {id(d): build_record(d, by_document.get(id(d), [])) for d in documents}
            except Exception:  # one bad document must not sink the batch: redo one by one
                records = {id(d): self._safe(d) for d in documents}
        for document, failed in batch:
            yield failed if document is None else records[id(document)]

    @staticmethod
    def _one_thread():
        """The model's matrices are small: BLAS threads on other cores only
        contend with the work there (more cores are for more workers), so the
        NLP runs with one, as it would with blis."""
        return _blas().limit(limits=1, user_api="blas")

    def _groups(self, parts: list[tuple[Document, int, Doc]]) -> Iterator[list[tuple[Document, int, Doc]]]:
        """Parts in model batches of at most ``batch_size`` Docs and about
        ``_BATCH_CHARS`` characters in all: the parser's working memory grows
        with the text in one batch, so a long document's sections go a few at a time."""
        group: list[tuple[Document, int, Doc]] = []
        chars = 0
        for part in parts:
            doc = part[2]
            length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
            if group and (len(group) >= self.batch_size or chars + length > _BATCH_CHARS):
                yield group
                group, chars = [], 0
            group.append(part)
            chars += length
        if group:
            yield group

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
        a long one cut into sections, with its offset into the document text."""
        regions = document.focus or [(0, len(document.text))]
        docs = []
        for start, end in (section for region in regions
                           for section in sections(document.text, *region, self.limits.section_chars)):
            doc = self.nlp.make_doc(document.text[start:end])
            doc._.published = document.published
            doc._.authors = list(document.authors)
            doc._.title = document.title
            docs.append((start, doc))
        return docs


def sections(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as consecutive ranges of at most ``size`` characters,
    each cut at the last paragraph break before the limit (else a line break,
    else a space), so no sentence is split where the text gives a better place."""
    out = []
    while end - start > size:
        window = text[start:start + size]
        cut = next((i + len(mark) for mark in ("\n\n", "\n", " ") if (i := window.rfind(mark)) > size // 2), size)
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The loaded BLAS libraries, found once (an Extractor stays picklable)."""
    return ThreadpoolController()


def error_record(error: DocumentError, source: object, stage: str = "read") -> Record:
    """The record written for a source that could not be read (or extracted)."""
    path = error.path or (str(source) if isinstance(source, os.PathLike) else None)
    return Record(id=_hash(path or repr(source)[:200]), source=Source(path=path, kind=_kind_of(path)),
                  errors=[ErrorInfo(stage=stage, message=error.reason, path=path)])


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

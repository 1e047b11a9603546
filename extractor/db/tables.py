"""The database's logical schema: one table per record field, the same on
SQLite and PostgreSQL, and the functions that turn a record into their rows.

Each child table is keyed by (document_id, position), so a document's rows
can be replaced as a unit and a second load of the same record lands on the
same keys. CSV export reads the same tables, so a spreadsheet and a database
hold the same columns.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import Record


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | int | real | json
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    indexes: tuple[str, ...] = ()  # columns with an index of their own
    doc: str = ""

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def _child(name: str, doc: str, *columns: Column, indexes: tuple[str, ...] = ()) -> Table:
    keys = (Column("document_id", "text", "the document it came from"), Column("position", "int", "order in the record"))
    return Table(name, keys + columns, indexes, doc)


_SPAN = (Column("start_char", "int", "offset of the text in documents.text"), Column("end_char", "int"))

DOCUMENTS = Table("documents", (
    Column("id", "text", "the record id: a hash of the source URL or of the text"),
    Column("url", "text"), Column("path", "text"), Column("kind", "text", "html, text or pdf"),
    Column("title", "text"), Column("published", "text", "ISO date"), Column("fetched_at", "text"),
    Column("schema_version", "int", "the record contract's version"),
    Column("text", "text", "the clean body text (left empty by load --no-text)"),
    Column("content_hash", "text", "digest of the record: an unchanged record is not rewritten"),
    Column("loaded_at", "text"),
), indexes=("path", "published"), doc="one row per document")

CHILDREN = (
    _child("authors", "the article's authors", Column("name", "text"), indexes=("name",)),
    _child("councils", "councils the document names", Column("name", "text", "canonical name"),
           Column("la_code", "text", "DfE code"), Column("gss_code", "text", "ONS code"), Column("nation", "text"),
           Column("mentions", "int", "how often it is named"), Column("spans", "json", "[[start, end], ...]"),
           indexes=("gss_code", "name")),
    _child("ratings", "Ofsted judgements the document reports", Column("subject", "text"), Column("gss_code", "text"),
           Column("service", "text"), Column("rating", "text"), Column("status", "text", "current or previous"),
           Column("year", "int"), Column("judgement", "text"), Column("inspection_type", "text"),
           Column("evidence", "text", "the sentence that states it"), Column("evidence_start", "int"),
           Column("evidence_end", "int"), indexes=("gss_code", "rating", "year", "subject")),
    _child("dates", "dates, with their role", Column("text", "text"), Column("value", "text", "ISO at the written granularity"),
           Column("end_value", "text"), Column("granularity", "text"), Column("role", "text"), *_SPAN, indexes=("value",)),
    _child("counts", "how many children, cases, workers…", Column("value", "real"), Column("item", "text"),
           Column("text", "text"), *_SPAN, indexes=("item",)),
    _child("money", "sums of money", Column("value", "real"), Column("currency", "text"), Column("text", "text"), *_SPAN),
    _child("officials", "people acting in a role", Column("name", "text"), Column("role", "text"),
           Column("organisation", "text"), Column("mentions", "int"), Column("spans", "json"), indexes=("name",)),
    _child("errors", "why a document could not be read or extracted", Column("stage", "text"),
           Column("message", "text"), Column("path", "text")),
)

TABLES = (DOCUMENTS, *CHILDREN)


def content_hash(record: Record) -> str:
    return hashlib.sha256(record.to_json().encode("utf-8")).hexdigest()[:32]


def document_row(record: Record, *, loaded_at: str, with_text: bool = True) -> tuple:
    source = record.source
    return (record.id, source.url, source.path, source.kind, record.title, record.published, source.fetched_at,
            record.schema_version, record.text if with_text else None, content_hash(record), loaded_at)


def child_rows(record: Record) -> Iterator[tuple[str, list[tuple]]]:
    """(table name, rows) for each child table, in CHILDREN's column order."""
    doc = record.id

    def spans(mentions) -> str:
        return json.dumps([[m.start, m.end] for m in mentions])

    yield "authors", [(doc, i, name) for i, name in enumerate(record.authors)]
    yield "councils", [(doc, i, c.name, c.la_code, c.gss_code, c.nation, len(c.mentions), spans(c.mentions))
                       for i, c in enumerate(record.councils)]
    yield "ratings", [(doc, i, r.subject, r.gss_code, r.service, r.rating, r.status, r.year, r.judgement,
                       r.inspection_type, r.evidence.text, r.evidence.start, r.evidence.end)
                      for i, r in enumerate(record.ratings)]
    yield "dates", [(doc, i, d.text, d.value, d.end_value, d.granularity, d.role, d.start, d.end)
                    for i, d in enumerate(record.dates)]
    yield "counts", [(doc, i, c.value, c.item, c.text, c.start, c.end) for i, c in enumerate(record.counts)]
    yield "money", [(doc, i, m.value, m.currency, m.text, m.start, m.end) for i, m in enumerate(record.money)]
    yield "officials", [(doc, i, o.name, o.role, o.organisation, len(o.mentions), spans(o.mentions))
                        for i, o in enumerate(record.officials)]
    yield "errors", [(doc, i, e.stage, e.message, e.path) for i, e in enumerate(record.errors)]

"""spaCy Doc -> Record: collect the components' spans into the record contract.

Repeated mentions of one fact (the same council, date, count or person) are
merged into a single entry whose ``mentions`` list every place it occurs.
"""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .documents import Document
from .records import Council, Count, DateFact, Mention, Money, Official, Rating, Record, Source


def record_id(document: Document) -> str:
    """Stable id: a hash of the source URL, else of the body text."""
    basis = document.url or document.text
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def build_record(document: Document, doc: Doc) -> Record:
    text = doc.text  # Doc.text joins every token: build it once
    return Record(
        id=record_id(document),
        source=Source(url=document.url, path=document.path, kind=document.kind, fetched_at=document.fetched_at),
        title=document.title,
        authors=list(document.authors),
        published=document.published,
        text=text,
        councils=_councils(doc, text),
        ratings=_ratings(doc),
        dates=_merged(doc, text, "dates", "date", lambda d: (d["value"], d["end_value"]), DateFact),
        counts=_merged(doc, text, "counts", "quantity", lambda q: (q["value"], q["item"]), Count),
        money=_merged(doc, text, "money", "quantity", lambda q: (q["value"], q["currency"]), Money),
        officials=_officials(doc, text),
    )


def _mention(text: str, start: int, end: int) -> Mention:
    return Mention(text=text[start:end], start=start, end=end)


def _councils(doc: Doc, text: str) -> list[Council]:
    linked = doc._.councils or {}
    found: dict[str, Council] = {}
    for span in doc.spans.get("councils", []):
        info = linked[span.kb_id_]
        council = found.get(span.kb_id_)
        if council is None:
            council = found[span.kb_id_] = Council(name=info["name"], la_code=info["la_code"],
                                                   gss_code=info["gss_code"], nation=info["nation"], mentions=[])
        council.mentions.append(_mention(text, span.start_char, span.end_char))
    return list(found.values())


def _ratings(doc: Doc) -> list[Rating]:
    seen: set[tuple] = set()
    out = []
    for span in doc.spans.get("ratings", []):
        for relation in span._.ratings or []:
            key = (relation["subject"], relation["rating"], relation["status"], relation["judgement"])
            if key in seen:
                continue
            seen.add(key)
            out.append(Rating(**{**relation, "evidence": Mention(**relation["evidence"])}))
    return out


def _merged(doc: Doc, text: str, key: str, attribute: str, identity, model) -> list:
    """One entry per distinct fact; later occurrences become extra mentions."""
    found: dict[tuple, object] = {}
    for span in doc.spans.get(key, []):
        fact = getattr(span._, attribute)
        if fact is None:
            continue
        ident = identity(fact)
        mention = _mention(text, fact["start"], fact["end"])
        if ident not in found:
            found[ident] = model(**fact, mentions=[mention])
        else:
            entry = found[ident]
            entry.mentions.append(mention)
            if getattr(entry, "role", None) is None and fact.get("role"):
                entry.role = fact["role"]
    return list(found.values())


def _officials(doc: Doc, text: str) -> list[Official]:
    found: dict[str, Official] = {}
    for span in doc.spans.get("officials", []):
        info = span._.official
        official = found.get(info["name"])
        if official is None:
            official = found[info["name"]] = Official(name=info["name"], role=info["role"],
                                                      organisation=info["organisation"], mentions=[])
        official.mentions.append(_mention(text, span.start_char, span.end_char))
    return list(found.values())

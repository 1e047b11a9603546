"""spaCy Docs -> Record: collect the components' spans into the record contract.

A document is read as one Doc, or as one Doc per focus region of a long report;
every offset is shifted by its region's start so that it indexes the
document's text. Repeated mentions of one fact (the same council, date, count
or person) are merged into a single entry whose ``mentions`` list every place
it occurs.
"""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .documents import Document
from .records import Council, Count, DateFact, Mention, Money, Official, Rating, Record, Source

Parts = list[tuple[int, Doc]]  # (offset of the region in the document text, its Doc)


def record_id(document: Document) -> str:
    """Stable id: a hash of the source URL, else of the body text."""
    basis = document.url or document.text
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def build_record(document: Document, parts: Parts) -> Record:
    text = document.text
    return Record(
        id=record_id(document),
        source=Source(url=document.url, path=document.path, kind=document.kind, fetched_at=document.fetched_at),
        title=document.title,
        authors=list(document.authors),
        published=document.published,
        text=text,
        councils=_councils(parts, text),
        ratings=_ratings(parts),
        dates=_merged(parts, text, "dates", "date", lambda d: (d["value"], d["end_value"]), DateFact),
        counts=_merged(parts, text, "counts", "quantity", lambda q: (q["value"], q["item"]), Count),
        money=_merged(parts, text, "money", "quantity", lambda q: (q["value"], q["currency"]), Money),
        officials=_officials(parts, text),
    )


def _mention(text: str, start: int, end: int) -> Mention:
    return Mention(text=text[start:end], start=start, end=end)


def _councils(parts: Parts, text: str) -> list[Council]:
    found: dict[str, Council] = {}
    for offset, doc in parts:
        linked = doc._.councils or {}
        for span in doc.spans.get("councils", []):
            info = linked[span.kb_id_]
            council = found.get(span.kb_id_)
            if council is None:
                council = found[span.kb_id_] = Council(name=info["name"], la_code=info["la_code"],
                                                       gss_code=info["gss_code"], nation=info["nation"], mentions=[])
            council.mentions.append(_mention(text, offset + span.start_char, offset + span.end_char))
    return list(found.values())


def _ratings(parts: Parts) -> list[Rating]:
    seen: set[tuple] = set()
    out = []
    for offset, doc in parts:
        for span in doc.spans.get("ratings", []):
            for relation in span._.ratings or []:
                key = (relation["subject"], relation["rating"], relation["status"], relation["judgement"])
                if key in seen:
                    continue
                seen.add(key)
                evidence = relation["evidence"]
                out.append(Rating(**{**relation, "evidence": Mention(
                    text=evidence["text"], start=offset + evidence["start"], end=offset + evidence["end"])}))
    return out


def _merged(parts: Parts, text: str, key: str, attribute: str, identity, model) -> list:
    """One entry per distinct fact; later occurrences become extra mentions."""
    found: dict[tuple, object] = {}
    for offset, doc in parts:
        for span in doc.spans.get(key, []):
            fact = getattr(span._, attribute)
            if fact is None or not fact.get("stated", True):
                continue  # a date the text does not state ("last year"): for the components only
            fact = {name: value for name, value in fact.items() if name in model.model_fields}
            start, end = offset + fact["start"], offset + fact["end"]
            mention = _mention(text, start, end)
            ident = identity(fact)
            if ident not in found:
                found[ident] = model(**{**fact, "start": start, "end": end}, mentions=[mention])
            else:
                entry = found[ident]
                entry.mentions.append(mention)
                if getattr(entry, "role", None) is None and fact.get("role"):
                    entry.role = fact["role"]
    return list(found.values())


def _officials(parts: Parts, text: str) -> list[Official]:
    found: dict[str, Official] = {}
    for offset, doc in parts:
        for span in doc.spans.get("officials", []):
            info = span._.official
            official = found.get(info["name"])
            if official is None:
                official = found[info["name"]] = Official(name=info["name"], role=info["role"],
                                                          organisation=info["organisation"], mentions=[])
            official.mentions.append(_mention(text, offset + span.start_char, offset + span.end_char))
    return list(found.values())

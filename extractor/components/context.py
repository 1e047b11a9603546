"""Document-level facts the components share, kept on the Doc.

``published``, ``authors`` and ``title`` are set by the caller before the
pipeline runs (they come from the document's header, not its body); ``councils`` is filled by the councils component so
that later components can resolve "the council" and link officials.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

_TEXT_KEY = ("ofsted_extractor", "text")
_TOKENS_KEY = ("ofsted_extractor", "tokens")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def register_extensions() -> None:
    """Register our Doc/Span attributes once per process."""
    for name, default in (("published", None), ("authors", None), ("title", None), ("councils", None),
                          ("title_councils", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("date", "quantity", "official", "ratings"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def verb_forms(lemmas: set[str]) -> set[str]:
    """Lemmas plus their regular inflections. The small model's lemmatiser
    gets some verbs wrong ("rated" -> "rat"), so components match the word
    form too and work in any pipeline."""
    forms = set(lemmas)
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma + "s", stem + "ed", stem + "ing", lemma + "d" if lemma.endswith("e") else lemma + "ed"})
    return forms


def has_lemma(token, lemmas: set[str], forms: set[str]) -> bool:
    return token.lemma_.lower() in lemmas or token.lower_ in forms


def publication_date(doc: Doc) -> date | None:
    value = doc._.published
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once: ``Doc.text`` rebuilds it from every token on
    each call, which the components would otherwise pay for many times."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, read once from the Doc's arrays (iterating a Doc
    builds a Token object for each)."""
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None:
        strings = doc.vocab.strings
        texts = doc.user_data[_TOKENS_KEY] = [strings[h] for h in doc.to_array("ORTH").tolist()]
    return texts


def reference_day(doc: Doc) -> str | None:
    """The day the text is about: its publication date, else mid-year of the
    latest year it states (so "Dorset" in an undated 2015 story is the county)."""
    published = publication_date(doc)
    if published:
        return published.isoformat()
    years = [int(y) for y in _YEAR.findall(doc_text(doc)) if int(y) <= date.today().year]
    return f"{max(years)}-06-30" if years else None


def council_before(doc: Doc, position: int, spans_key: str = "councils") -> Span | None:
    """The last council mention that starts before token ``position`` (English
    councils preferred), used to resolve "the council", "the authority"."""
    best = None
    for span in doc.spans.get(spans_key, []):
        if span.start >= position:
            break
        best = span
    if best is None:
        group = list(doc.spans.get(spans_key, []))
        best = group[0] if group else None
    return best


def phrase_tuples(nlp: Language, phrases: list[str]) -> list[tuple[str, ...]]:
    """Cue phrases as tuples of lowercase tokens, longest first, for matching
    against a window of a Doc's tokens."""
    return sorted({tuple(t.lower_ for t in nlp.make_doc(p)) for p in phrases}, key=len, reverse=True)

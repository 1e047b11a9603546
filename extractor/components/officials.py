"""Officials: named people acting in a role, with the role and organisation.

Candidate names come from ``official_names``, the role written around each
from ``official_roles`` (reading tokens with ``official_phrases``), and its
organisation from ``official_orgs``; this module joins the mentions of one
person and keeps those with a role, a title that states one ("Cllr") or an
employer written after the name ("of the DfE"). Byline authors and picture
credits are never officials. Word lists are in ``models/roles.json``
(``official_vocab``).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import council_before, register_extensions, token_texts
from .official_names import NameFinder
from .official_orgs import OrganisationSplitter
from .official_roles import RoleFinder
from .official_vocab import OfficialVocab


@Language.factory("ofsted_officials",
                  default_config={"spans_key": "officials", "councils_key": "councils", "vocab_path": None},
                  assigns=["doc.spans"], requires=["doc.ents", "token.dep", "token.pos"])
def make_officials(nlp: Language, name: str, spans_key: str, councils_key: str, vocab_path: str | None) -> "OfficialFinder":
    return OfficialFinder(spans_key=spans_key, councils_key=councils_key, vocab_path=vocab_path)


class OfficialFinder:
    """Writes one span per mention to ``doc.spans[spans_key]``; ``span._.official``
    holds the canonical name, role and organisation."""

    def __init__(self, *, spans_key: str = "officials", councils_key: str = "councils",
                 vocab_path: str | None = None) -> None:
        register_extensions()
        self.spans_key, self.councils_key = spans_key, councils_key
        self.vocab = OfficialVocab(vocab_path)
        self.names = NameFinder(self.vocab)
        self.roles = RoleFinder(self.vocab)
        self.organisations = OrganisationSplitter(self.vocab, councils_key)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built once: Doc.text joins every token
        credits = self.vocab.credits(text)
        authors = {_key(a) for a in doc._.authors or []}
        council_tokens = {i for s in doc.spans.get(self.councils_key, []) for i in range(s.start, s.end)}
        listed = self.names.listed(doc, text)
        people: dict[str, dict] = {}
        mentions: list[tuple[Span, str]] = []
        titled: dict[str, tuple[str, str | None] | None] = {}
        employers: dict[str, str | None] = {}
        past: set[str] = set()
        for name_span in self.names.candidates(doc, text, council_tokens, listed):
            if any(a <= name_span.start_char < b for a, b in credits):
                continue
            name = self.names.clean_name(name_span)
            if name is None or _key(name) in authors:
                continue
            key = self._same_person(_key(name), people)
            tokens = self.roles.role_tokens(name_span)
            role = self.organisations.split(tokens, name_span) if tokens else None
            person = people.setdefault(key, {"name": name, "role": None, "organisation": None})
            if len(name) > len(person["name"]):
                person["name"] = name
            if role and (person["role"] is None or key in past and not self.roles.is_past(tokens)):
                person["role"], person["organisation"] = role  # a current role replaces a past one
                past.discard(key)
                if self.roles.is_past(tokens):
                    past.add(key)
            titled.setdefault(key, self._title_role(name_span, listed))
            employers.setdefault(key, self.organisations.employer(name_span))
            mentions.append((name_span, key))
        for key, person in people.items():
            if person["role"] is None and titled.get(key):
                person["role"], person["organisation"] = titled[key]
            if person["organisation"] is None and employers.get(key):
                person["organisation"] = employers[key]  # "André Imich of the DfE": an official, role not written
        officials = {key: info for key, info in people.items() if info["role"] or employers.get(key)}
        group = []
        for span, key in mentions:
            if key in officials:
                group.append(self._mention(doc, span.start, span.end, officials[key]))
        group += self._surname_mentions(doc, officials, group, credits)
        doc.spans[self.spans_key] = sorted(group, key=lambda s: s.start)
        return doc

    def _title_role(self, name: Span, listed: dict[int, tuple[Span, str]]) -> tuple[str, str | None] | None:
        """The role a title states, when nothing else is written: "proposed by
        Cllr C Sutton" (or "Councillors C Sutton and G Taylor") is a councillor
        of the council the text is about."""
        if name.start == 0 or len([t for t in name if t.is_alpha]) < 2:
            return None  # "Cllr Bloggs" alone is a truncated name
        role = self.vocab.title_roles.get(name.doc[name.start - 1].text.rstrip("."))
        if role is None and name.start in listed and listed[name.start][0].end == name.end:
            role = listed[name.start][1]
        if role is None:
            return None
        council = council_before(name.doc, name.start, self.councils_key)
        return role, self.organisations.council_name(council) if council is not None else None

    @staticmethod
    def _same_person(key: str, people: dict[str, dict]) -> str:
        """"Tomlinson" or "Matthew Tomlinson" after "Cllr Matthew Tomlinson" is one person."""
        if key in people:
            return key
        surname = key.split()[-1]
        for known in people:
            if known.split()[-1] == surname and (len(key.split()) == 1 or known.endswith(key) or key.endswith(known)):
                return known
        return key

    @staticmethod
    def _mention(doc: Doc, start: int, end: int, info: dict) -> Span:
        span = Span(doc, start, end, label="OFFICIAL", kb_id=info["name"])
        span._.official = dict(info)
        return span

    def _surname_mentions(self, doc: Doc, officials: dict[str, dict], spans: list[Span],
                          credits: list[tuple[int, int]]) -> list[Span]:
        """"Mr Tomlinson said" and bare surnames after the full name."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        by_surname = {info["name"].split()[-1]: info for info in officials.values()}
        first_seen: dict[str, int] = {}
        for span in spans:
            first_seen.setdefault(span.kb_id_, span.start)
        extra = []
        for i, text in enumerate(token_texts(doc)):
            info = by_surname.get(text)
            if info is None or i in taken or i < first_seen.get(info["name"], len(doc)):
                continue
            if any(a <= doc[i].idx < b for a, b in credits):
                continue
            extra.append(self._mention(doc, i, i + 1, info))
        return extra


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()

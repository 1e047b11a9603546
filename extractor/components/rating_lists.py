"""Grades given to the councils a list names.

Aggregate stories name their councils in lists the parse rarely links to the
grade: "The authorities found to be inadequate were A, B and C", "have
excellent ratings: A; B; C", "Of the eight councils judged outstanding, five
had been good: A, B and C" (the five share both grades), and the sentence
after one that gives a grade: "The others are: A, B and C". A list is read on
the surface: council mentions joined only by commas, semicolons and "and",
opened by a colon, a copula or "include". A count of councils with no names
gives nothing. Vocabulary: ``models/rating_context.json``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import phrase_tuples
from .rating_subjects import Subject

_SEPARATORS = {",", ";", "and", "&", "the"}


class ListReader:
    def __init__(self, nlp: Language, context: dict, councils_key: str) -> None:
        self.councils_key = councils_key
        self.openers = set(context["list_openers"])
        self.continuations = phrase_tuples(nlp, context["list_continuations"])
        self.continuation_starts = {p[0] for p in self.continuations}

    def listed_after(self, grade: Span) -> list[Subject]:
        """The councils a list after the grade names, in the grade's sentence."""
        return self._list(grade.doc, grade.end, grade.sent.end)

    @staticmethod
    def partitive(grade: Span, earlier: list[Span]) -> Span | None:
        """"Of the eight councils judged outstanding this year, five ...": the
        grade of the opening "of" phrase, which the listed councils share."""
        sent = grade.sent
        doc = grade.doc
        if doc[sent.start].lower_ != "of":
            return None
        comma = next((t.i for t in doc[sent.start:grade.start] if t.text == ","), None)
        return next((g for g in earlier if comma is not None and sent.start < g.start < comma), None)

    def continued(self, sent: Span) -> list[Subject]:
        """"The others are: A, B and C" opening a sentence: the councils it lists."""
        doc = sent.doc
        if doc[sent.start].lower_ not in self.continuation_starts:
            return []
        words = [t.lower_ for t in sent[:4] if not t.is_space]
        if not any(tuple(words[:len(p)]) == p for p in self.continuations):
            return []
        return self._list(doc, sent.start, sent.end)

    def _list(self, doc: Doc, start: int, end: int) -> list[Subject]:
        mentions = sorted((s for s in doc.spans.get(self.councils_key, []) if start <= s.start < end),
                          key=lambda s: s.start)
        if not mentions:
            return []
        lead = [t.lower_ for t in doc[start:mentions[0].start] if not (t.is_space or t.lower_ == "the")]
        if not lead or lead[-1] not in self.openers:
            return []
        return self._subjects(doc, self._run(doc, mentions, mentions[0]))

    def extend(self, grade: Span, subjects: list[Subject]) -> list[Subject]:
        """The found council and the rest of the list it starts ("included
        Lancashire CC; Bolton; Hounslow"), which the parse often leaves out."""
        doc, sent = grade.doc, grade.sent
        mentions = sorted((s for s in doc.spans.get(self.councils_key, []) if sent.start <= s.start < sent.end),
                          key=lambda s: s.start)
        starts = {s.start for s in subjects if s.kind == "council"}
        first = next((m for m in mentions if m.start in starts), None)
        if first is None:
            return subjects
        known = {s.name for s in subjects}
        return subjects + [s for s in self._subjects(doc, self._run(doc, mentions, first)) if s.name not in known]

    @staticmethod
    def _run(doc: Doc, mentions: list[Span], first: Span) -> list[Span]:
        """The mentions joined to ``first`` by list punctuation only; in a list
        with semicolons an item may carry an aside ("Dudley, which had been rated
        requires improvement; Havering; and Bracknell Forest")."""
        members = [first]
        for mention in (m for m in mentions if m.start > first.start):
            gap = [t for t in doc[members[-1].end:mention.start] if not t.is_space]
            words = [t.lower_ for t in gap]
            if gap and all(w in _SEPARATORS for w in words) or words[-2:] in (["; ", "and"], [";", "and"]) \
                    or words[-1:] == [";"]:
                members.append(mention)
            elif not gap and mention.start == members[-1].start:
                members.append(mention)  # one mention standing for two councils
            else:
                break
        return members

    @staticmethod
    def _subjects(doc: Doc, members: list[Span]) -> list[Subject]:
        linked = doc._.councils or {}
        return [Subject(m.kb_id_, (linked.get(m.kb_id_) or {}).get("gss_code"), "council", m.start) for m in members
                if (linked.get(m.kb_id_) or {}).get("nation") == "England"]

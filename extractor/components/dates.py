"""Dates: calendar expressions and exact relative phrases, with a role.

Explicit forms and ranges come from :class:`~extractor.timex.TimexFinder`;
the model's DATE entities add the relative phrases ("last year", "yesterday",
"on Tuesday") that the publication date makes exact. Durations, ages and other
DATE entities that name no calendar date are dropped. A date the text does not
state (a relative phrase, or "in May" with no year in reach) keeps its span,
so that ratings can still be dated "rated good last year", but ``stated`` is
False and the record leaves it out. A date gets the role
``inspection`` when its sentence is about this inspection taking place, and
``publication`` when a label says it is the document's publication date.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..resources import load_json, resolve
from ..timex import Timex, TimexFinder
from .context import doc_text, publication_date, register_extensions

_PLURAL_NOUN = {"NNS", "NNPS"}
_DATELINE_REACH = 1500  # characters from the top of a text where a dateline can be
_DATELINE_WORDS = 4  # words besides the date on a dateline ("Headlines:", a weekday, a time)


@Language.factory("ofsted_dates", default_config={"spans_key": "dates", "vocab_path": None},
                  assigns=["doc.spans"], requires=["doc.ents", "token.tag"])
def make_dates(nlp: Language, name: str, spans_key: str, vocab_path: str | None) -> "DateFinder":
    return DateFinder(spans_key=spans_key, vocab_path=vocab_path)


class DateFinder:
    """Writes date spans to ``doc.spans[spans_key]``; ``span._.date`` holds
    value, end_value, granularity, role and stated."""

    def __init__(self, *, spans_key: str = "dates", vocab_path: str | None = None) -> None:
        register_extensions()
        self.spans_key = spans_key
        self.finder = TimexFinder(vocab_path)
        vocab = load_json(resolve(vocab_path, "dates.json"))
        self.future = set(vocab["future_cues"])
        self.inspection_cues = [c.lower() for c in vocab["inspection_cues"]]
        phrases = sorted(vocab["relative"], key=len, reverse=True)
        weekdays = "|".join(day for day in vocab["weekdays"] if len(day) > 4)  # full names, capitalised
        self.relative_phrase = re.compile(r"(?<!the )\b(?:" + "|".join(map(re.escape, phrases))  # "the next year" lasts
                                          + rf"|on (?-i:{weekdays}))\b", re.IGNORECASE)
        self.open_ends = set(vocab["open_end_prepositions"])
        self.since = set(vocab["since_prepositions"])
        self.not_this = set(vocab["not_this_inspection_cues"])
        self.other_events = set(vocab["other_event_lemmas"])
        self.year_cues = set(vocab["year_cues"])
        self.inspection_lemmas = set(vocab["inspection_lemmas"])
        labels = sorted(vocab["inspection_labels"], key=len, reverse=True)
        self.inspection_label = re.compile(r"(?:" + "|".join(map(re.escape, labels)) + r")\s*:?\s*$", re.IGNORECASE)
        labels = sorted(vocab["publication_labels"], key=len, reverse=True)
        self.publication_label = re.compile(r"(?:^|\n)\s*(?:" + "|".join(map(re.escape, labels)) + r")\s*:?\s*$",
                                            re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        base = publication_date(doc)
        text = doc_text(doc)
        found = []
        for timex in self.finder.find(text, base):
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and not self._is_count(span, timex):
                found.append((span, timex))
        sentences = [sent.start for sent in doc.sents]
        written = [(bisect_right(sentences, span.start), timex.start, int(timex.value)) for span, timex in found
                   if timex.granularity == "year" and not timex.end_value and not timex.inferred_year]
        spans = []
        for span, timex in found:
            stated = not timex.relative
            if timex.inferred_year and base:
                if timex.value[:len(base.isoformat())] > base.isoformat()[:len(timex.value)] and self._looks_back(span):
                    timex = self.finder.shift_years(timex, -1)  # "inspected on 14 December", published in January
            elif timex.inferred_year:
                year = self._nearby_year(bisect_right(sentences, span.start), timex.start, written)
                if year is None:
                    stated = False  # "In May" with no year in reach is not a date the text states
                else:
                    timex = self.finder.shift_years(timex, year - int((timex.end_value or timex.value)[:4]))
            spans.append((span, timex, stated))
        taken = {i for span, _, _ in spans for i in range(span.start, span.end)}
        # relative phrases: the model's DATE entities, then the phrases it missed ("only last year")
        candidates = [ent for ent in doc.ents if ent.label_ == "DATE"]
        candidates += [span for match in self.relative_phrase.finditer(text)
                       if (span := doc.char_span(match.start(), match.end(), alignment_mode="expand")) is not None]
        for candidate in candidates:
            if any(i in taken for i in range(candidate.start, candidate.end)):
                continue
            timex = self._relative(candidate, text, base)
            if timex:
                spans.append((candidate, timex, False))
                taken.update(range(candidate.start, candidate.end))
        group = []
        for span, timex, stated in sorted(spans, key=lambda triple: triple[0].start):
            date_span = Span(doc, span.start, span.end, label="DATE")
            date_span._.date = {"text": timex.text, "start": timex.start, "end": timex.end, "value": timex.value,
                                "end_value": timex.end_value, "granularity": timex.granularity,
                                "role": self._role(text, span, timex), "stated": stated}
            group.append(date_span)
        doc.spans[self.spans_key] = group
        return doc

    @staticmethod
    def _nearby_year(sentence: int, start: int, written: list[tuple[int, int, int]]) -> int | None:
        """The year a year-less date takes in an undated text: a year written on
        its own in the same sentence, else in the sentence before ("Early 2018.
        A re-inspection in February ..."), the nearest winning. A year that is
        part of another date ("June 2016") dates that event, not this one, and
        a year in the sentence after is too often another event's."""
        near = [(sentence - k, abs(at - start), year) for k, at, year in written if 0 <= sentence - k <= 1]
        return min(near)[2] if near else None

    def _looks_back(self, span: Span) -> bool:
        """A date later in the year than the publication day, told in the past
        tense or after "since", is last year's; "has been put in place until
        September" is not (the state it ends still holds)."""
        before = span.doc[span.start - 1].lower_ if span.start else ""
        if before in self.since:
            return True  # "grades awarded since November", in a text of February
        if self._tense(span) != "past":
            return False
        verb = self._verb(span)
        return before not in self.open_ends or verb is not None and verb.tag_ == "VBD"

    def _is_count(self, span: Span, timex: Timex) -> bool:
        """"2000 children" is a count, not a year."""
        if timex.granularity != "year" or timex.end_value or len(span) != 1:
            return False
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        before = span.doc[span.start - 1].lower_ if span.start else ""
        if before in self.year_cues:
            return False  # "in 2010 inspectors judged ...", "summer 2019", "the 2009 inspectors": a year
        return nxt is not None and nxt.tag_ in _PLURAL_NOUN and span[0].head == nxt

    def _relative(self, ent: Span, text: str, base) -> Timex | None:
        words = [t for t in ent if not t.is_space]
        if not words or base is None:
            return None
        phrase = " ".join(t.text for t in words)
        if re.match(r"(?:within |over |in |during )?the (?:next|last|past|coming|previous) ", phrase, re.IGNORECASE):
            return None  # "within the next year", "over the past month": durations
        resolved = self.finder.relative(phrase, base, future=self._tense(ent) == "future")
        if resolved is None:
            return None
        value, granularity = resolved
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        return Timex(start, end, text[start:end], value, None, granularity)

    def _tense(self, span: Span) -> str | None:
        """Past or future, from the verb the date hangs on ("was inspected on
        Monday", "will meet on Monday")."""
        if any(t.lower_ in self.future for t in span):
            return "future"
        verb = self._verb(span)
        if verb is None:
            return None
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & self.future or verb.lower_ in self.future:
            return "future"
        if verb.tag_ == "VBD" or verb.tag_ == "VBN" and auxiliaries & {"was", "were", "had", "has", "have"}:
            return "past"
        return None

    def _dateline(self, text: str, span: Span, timex: Timex) -> bool:
        """The page's dateline: the publication day on a line of its own near
        the top ("Tuesday, January 24, 2017", "Headlines: December 18th, 2008")."""
        published = span.doc._.published
        if timex.value != published or timex.start > _DATELINE_REACH:
            return False
        line_start = text.rfind("\n", 0, timex.start) + 1
        line_end = text.find("\n", timex.end)
        rest = text[line_start:timex.start] + " " + text[timex.end:line_end if line_end >= 0 else len(text)]
        return len(rest.split()) <= _DATELINE_WORDS

    @staticmethod
    def _verb(span: Span) -> Token | None:
        return next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None)

    def _role(self, text: str, span: Span, timex: Timex) -> str | None:
        before = text[max(0, timex.start - 40):timex.start]
        if self.inspection_label.search(before):
            return "inspection"
        if self.publication_label.search(before) or self._dateline(text, span, timex):
            return "publication"
        if timex.granularity == "year" and not timex.end_value:
            return None
        sentence = span.sent
        lowered = sentence.text.lower()
        if not any(cue in lowered for cue in self.inspection_cues):
            return None
        words = {t.lower_ for t in sentence}
        if words & self.not_this or self._dates_another_event(span):
            return None
        return "inspection"

    def _dates_another_event(self, span: Span) -> bool:
        """"published on Tuesday", "began on 10 November", "From 1 April, inspections
        will ...": the verb the date hangs from is another event."""
        token = span.root
        for _ in range(4):
            if token.head is token:
                return False
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                lemma = token.lemma_.lower()
                if lemma in self.inspection_lemmas:
                    return False  # "In March, inspectors visited ..."
                return lemma in self.other_events or (  # a fronted date set off by a comma
                    token.i > span.end and any(t.text == "," for t in span.doc[span.end:token.i]))
        return False

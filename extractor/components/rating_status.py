"""Current or previous: where a judgement sits in the text's own timeline.

A status is relative to the time of the text. The newest grade a text gives
for a subject is its current one, however old; a grade is previous when the
text says it was replaced ("downgraded from good", "previously rated",
"no longer inadequate") or gives the subject a newer grade: a later year, or
the text's own news (a headline, "has been rated", "now", "latest") beside a
grade told in the past ("rated inadequate in 2015", "had been judged
adequate", "a decade ago"). Cue words are data in ``models/rating_context.json``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Span, Token

from .context import doc_text, has_lemma, phrase_tuples, verb_forms
from .rating_subjects import SubjectFinder

_PERFECT = {"has", "have", "'s", "’s", "'ve", "’ve"}
_OVERALL = {None, "overall effectiveness"}
_CLAUSE_BREAKS = {",", ";", "but", "while", "whereas", "and"}


@dataclass(frozen=True)
class Timing:
    """How a grade's clause places it in time."""

    status: str  # "current" or "previous", as the clause itself says
    weak: bool = False  # an earlier grade only if the text gives a newer one ("last inspected", "had been", "years ago")
    stated: int | None = None  # the year stated in the grade's clause
    now: bool = False  # the text's own news: the headline, present or present perfect, a current cue
    cued: bool = False  # the clause has a status cue of its own


class StatusReader:
    def __init__(self, nlp: Language, context: dict, subjects: SubjectFinder, dates_key: str) -> None:
        self.subjects = subjects
        self.dates_key = dates_key
        self.previous_cues = phrase_tuples(nlp, context["previous_cues"])
        self.current_cues = phrase_tuples(nlp, context["current_cues"])
        self.weak_cues = phrase_tuples(nlp, context["weak_previous_cues"])
        self.trailing_previous = phrase_tuples(nlp, context["trailing_previous_cues"])
        self.from_words, self.to_words = set(context["from_words"]), set(context["to_words"])
        self.span_starts = set(context["span_start_words"])
        self.earlier_marks = set(context["earlier_clause_marks"])
        self.trailing_current = phrase_tuples(nlp, context["trailing_current_cues"])
        self.changes = set(context["change_lemmas"])
        self.change_forms = verb_forms(self.changes)

    def timing(self, grade: Span, window: Span) -> Timing:
        """The grade's status cue, tense and stated year."""
        cue = self._cue(grade, window)
        stated = self.stated_year(grade, window)
        tense = self._tense(grade)
        status = "previous" if cue == "previous" else "current"
        weak = cue == "weak" or tense == "pluperfect" or self._earlier_clause(grade) or (
            cue is None and self._last_inspected(grade, window))
        now = cue == "current" or cue is None and (tense in ("perfect", "present") or _headline(grade))
        return Timing(status=status, weak=weak, stated=stated, now=now and status == "current" and not weak,
                      cued=cue is not None)

    @staticmethod
    def joined(timing: Timing, earlier: Timing) -> Timing:
        """A grade coordinated with the one before ("judged good overall, but
        requires improvement for care leavers") shares its time, unless it has a
        cue of its own."""
        return timing if timing.cued else replace(earlier, stated=timing.stated or earlier.stated)

    # -- the clause ------------------------------------------------------------------

    def _cue(self, grade: Span, window: Span) -> str | None:
        """"previous", "current" or "weak" from the words leading up to the grade
        (the cue nearest it wins), else None."""
        doc = grade.doc
        lead = [t for t in doc[max(window.start, grade.start - 4):grade.start]
                if not (t.is_punct or t.is_space or t.pos_ == "DET")]
        before = [t.lower_ for t in lead]
        if lead and lead[-1].pos_ == "ADP":  # "from good to inadequate" (not "judged to require")
            if before[-1] in self.from_words:
                return "previous"
            if before[-1] in self.to_words:
                return "current"
        if len(lead) > 1 and before[-1] in self.to_words and has_lemma(lead[-2], self.changes, self.change_forms):
            return "current"  # "upped to 'requires improvement'", whatever the tagger made of "to"
        if before[-2:] == ["no", "longer"] or before[-1:] == ["longer"]:
            return "previous"
        in_dates = {i for d in doc.spans.get(self.dates_key, []) for i in range(d.start, d.end)}
        context = doc[window.start:min(window.end, grade.end + 3)]  # what leads up to the grade
        aside = _asides(context, grade)
        # "last April" is a date, not a cue; "Sunderland, once among the worst, has been rated good" is an aside
        words = [t.lower_ if t.i not in in_dates | aside else "" for t in context]
        found = []
        for phrases, status in ((self.current_cues, "current"), (self.previous_cues, "previous"),
                                (self.weak_cues, "weak")):
            for phrase in phrases:
                n = len(phrase)
                for k in range(len(words) - n + 1):
                    if tuple(words[k:k + n]) == phrase and not (
                            status == "previous" and _refers_elsewhere(context, phrase)):
                        found.append((abs(context.start + k - grade.start), status))
        if not found:
            after = []
            for token in doc[grade.end:window.end]:  # the rest of the grade's own clause
                if token.lower_ in _CLAUSE_BREAKS:
                    break
                after.append(token.lower_)
            trailing = any(tuple(after[k:k + len(p)]) == p for p in self.trailing_current for k in range(len(after)))
            return "current" if trailing else None  # "... to good in the latest inspection"
        distance, status = min(found)
        return "weak" if status == "previous" and _last_inspection_cue(context) else status

    def _last_inspected(self, grade: Span, window: Span) -> bool:
        """"rated good when it was last inspected in 2019": the grade of the last
        inspection, which is previous if the text gives a newer one."""
        after = [t.lower_ for t in grade.doc[grade.end:window.end]]
        return any(tuple(after[k:k + len(p)]) == p for p in self.trailing_previous for k in range(len(after) - len(p) + 1))

    def _earlier_clause(self, grade: Span) -> bool:
        """A grade in a clause that happened before the main one ("two years
        after the service was rated inadequate", "18 months after the council
        was given a notice following an inspection which judged it inadequate")."""
        return any(c.dep_ == "mark" and c.lower_ in self.earlier_marks
                   for token in (grade.root, *grade.root.ancestors) for c in token.children)

    def _tense(self, grade: Span) -> str | None:
        """The tense of the verb the grade hangs from: "perfect" ("has been
        rated"), "pluperfect", "present" ("require improvement"), "past"."""
        for token in self.subjects.predicates(grade):
            auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in _PERFECT for a in auxes):
                return "perfect"
            if any(a.lower_ == "had" for a in auxes):
                return "pluperfect"
            if any(a.lower_ in ("will", "would", "to") for a in auxes):
                return None
            tags = {a.tag_ for a in auxes} or {token.tag_}
            if tags & {"VBZ", "VBP"}:
                return "present"
            if "VBD" in tags:
                return "past"
        return None

    def stated_year(self, grade: Span, window: Span) -> int | None:
        """A year stated in the grade's own clause ("rated good in 2012"), not
        one that starts a span ("the first good rating since 2013")."""
        predicates = self.subjects.predicates(grade)
        # a coordinated clause has its own time: "graded inadequate in 2013, but ... graded it good"
        own = next((k for k, p in enumerate(predicates) if p.dep_ == "conj"), len(predicates))
        clause = {t.i for t in predicates[:own + 1]} | {grade.root.i}
        # "the last inspection, in 2019, when services were judged ...": the year the "when" refers to
        when = {t.i for p in predicates if any(c.lower_ == "when" for c in p.children)
                for t in p.head.subtree} - {t.i for p in predicates for t in p.subtree}
        # "rated good when it was last inspected in March 2019": the year of the "when" clause
        when |= {t.i for p in predicates for c in p.children
                 if c.dep_ == "advcl" and any(m.lower_ == "when" for m in c.children) for t in c.subtree}
        doc = grade.doc
        dates = []
        for span in doc.spans.get(self.dates_key, []):
            if not window.start <= span.start < window.end:
                continue
            own = _clause_of(span.root) in clause or grade.root in span.root.ancestors
            if own and span.start and doc[span.start - 1].lower_ in self.span_starts:
                continue  # "the first good rating since 2013"; but "since 2013, when it was rated good" dates it
            if own or span.root.i in when:
                dates.append(span)
        if not dates:
            return None
        nearest = min(dates, key=lambda d: abs(d.start - grade.start))
        return int(nearest._.date["value"][:4])

    # -- the text ---------------------------------------------------------------------

    @staticmethod
    def settle(relations: list[tuple[dict, Timing, bool]], published_year: int | None) -> None:
        """Make each subject's superseded grades previous. ``relations`` holds
        each rating with its timing and whether its year is the text's own
        (stated, or the inspection's) rather than the publication's."""
        latest: dict[tuple, int] = {}
        standing: dict[tuple, list[dict]] = {}  # (subject, service) -> current grades that are not weak
        news: dict[tuple, list[tuple[dict, Timing]]] = {}  # ... -> current grades that are the text's news
        for relation, timing, dated in relations:
            if relation["status"] != "current":
                continue
            key = (relation["subject"], relation["service"])  # a SEND outcome does not replace a social care grade
            if relation["year"] and dated:
                latest[key] = max(latest.get(key, 0), relation["year"])
            if not timing.weak:
                standing.setdefault(key, []).append(relation)
            if timing.now:
                news.setdefault(key, []).append((relation, timing))
        for relation, timing, dated in relations:
            key = (relation["subject"], relation["service"])
            if relation["status"] != "current":
                continue
            year = relation["year"] if dated else None
            replaced = (
                year and year < latest.get(key, 0)
                # "two years after it was rated inadequate": replaced by a different standing grade
                or timing.weak and any(_same_area(other, relation) and not _restates(other, relation)
                                       for other in standing.get(key, []))
                # a year told beside the text's undated news: "rated inadequate in 2015" under "has been rated good"
                or not timing.now and timing.stated and key in news and not any(
                    t.stated and t.stated <= timing.stated or _restates(n, relation) for n, t in news[key])
                and (published_year is None or timing.stated < published_year))
            if replaced:
                relation["status"] = "previous"


def _restates(news: dict, relation: dict) -> bool:
    """The same grade for the same area: the news told again, with its date."""
    return news["rating"] == relation["rating"] and _same_area(news, relation)


def _same_area(a: dict, b: dict) -> bool:
    return a["judgement"] == b["judgement"] or a["judgement"] in _OVERALL and b["judgement"] in _OVERALL


def _headline(grade: Span) -> bool:
    """Is the grade in the text's headline (its first sentence, when the
    document has a title)?"""
    doc = grade.doc
    title = doc._.title
    return bool(title) and grade.sent.start == 0 and doc_text(doc).lstrip().startswith(title)


def _last_inspection_cue(context: Span) -> bool:
    """"were last inspected in 2019, when they were rated good": the last
    inspection, whose grade stands unless the text gives a newer one."""
    words = [t.lower_ for t in context]
    return any(a == "last" and b in ("inspected", "inspection") for a, b in zip(words, words[1:]))


def _refers_elsewhere(window: Span, phrase: tuple[str, ...]) -> bool:
    """"last" in "last year" or "last week" dates the new rating, not an old one."""
    words = [t.lower_ for t in window]
    for k in range(len(words) - len(phrase) + 1):
        if tuple(words[k:k + len(phrase)]) == phrase:
            nxt = words[k + len(phrase)] if k + len(phrase) < len(words) else ""
            return phrase in (("last",), ("then",)) and nxt in ("year", "week", "month", "weeks", "months", ",", "")
    return False


def _clause_of(token: Token) -> int:
    """The verb (or rating noun's verb) a token's phrase attaches to."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.i
    return token.i


def _asides(context: Span, grade: Span) -> set[int]:
    """Tokens of comma-enclosed asides before the grade that do not hold it."""
    commas = [t.i for t in context if t.text == "," and t.i < grade.start]
    return {i for a, b in zip(commas, commas[1:]) for i in range(a + 1, b)}

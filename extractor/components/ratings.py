"""Ofsted judgements as relations: subject, grade, current/previous, year, area.

A grade phrase ("inadequate", "requires improvement to be good", "performs
poorly", a SEND outcome, a report-card grade) becomes a rating only when the
sentence states it as a judgement (``rating_judgement.py``): a rating verb or
noun governs it ("rated", "downgraded to", "an inadequate rating"), it is
quoted or a table cell, or it is predicated of a council or school in an
inspection context. Its subject is
the named council or institution the parse links it to, or the one an
anaphor ("the council", "it") refers to; a statistic with no named subject
("nine councils performed poorly") gives no rating. Vocabularies:
``models/grades.jsonl`` and ``models/rating_context.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import load_json, load_jsonl, resolve
from .context import publication_date, register_extensions, verb_forms
from .institutions import InstitutionFinder
from .rating_judgement import JudgementTest
from .rating_lists import ListReader
from .rating_status import StatusReader, Timing
from .rating_subjects import Subject, SubjectFinder
from .rating_tables import JudgementTable


@dataclass
class _Pass:
    """What one document's pass has found so far."""

    inspections: list[tuple[int, int]]
    published: date | None
    out: list[Span] = field(default_factory=list)
    # each rating with its timing and whether its year is the text's own (not the publication's)
    timed: list[tuple[dict, Timing, bool]] = field(default_factory=list)


@Language.factory("ofsted_ratings",
                  default_config={"spans_key": "ratings", "councils_key": "councils", "dates_key": "dates",
                                  "grades_path": None, "context_path": None},
                  assigns=["doc.spans"], requires=["doc.spans", "token.dep", "token.lemma"])
def make_ratings(nlp: Language, name: str, spans_key: str, councils_key: str, dates_key: str,
                 grades_path: str | None, context_path: str | None) -> "RatingFinder":
    return RatingFinder(nlp, spans_key=spans_key, councils_key=councils_key, dates_key=dates_key,
                        grades_path=grades_path, context_path=context_path)


class RatingFinder:
    """Writes grade spans to ``doc.spans[spans_key]``; each span's ``_.ratings``
    lists the judgements it states (one per subject)."""

    def __init__(self, nlp: Language, *, spans_key: str = "ratings", councils_key: str = "councils",
                 dates_key: str = "dates", grades_path: str | None = None, context_path: str | None = None) -> None:
        register_extensions()
        self.spans_key, self.councils_key, self.dates_key = spans_key, councils_key, dates_key
        self.grades: dict[int, dict] = {}
        self.matcher = Matcher(nlp.vocab)
        first_words: set[str] = set()
        self.window = 0  # tokens a grade phrase can span, with line breaks between its words
        for index, entry in enumerate(load_jsonl(resolve(grades_path, "grades.jsonl"))):
            key = f"grade_{index}"
            self.matcher.add(key, [_across_lines(entry["pattern"])])
            first_words |= _first_words(entry["pattern"][0])
            self.window = max(self.window, 2 * len(entry["pattern"]))
            self.grades[nlp.vocab.strings[key]] = entry
        self.first_words = numpy.array([nlp.vocab.strings.add(w) for w in first_words], dtype="uint64")
        ctx = load_json(resolve(context_path, "rating_context.json"))
        self.retain = set(ctx["retain_lemmas"])
        self.retain_forms = verb_forms(self.retain)
        self.institution_judgements = set(ctx["institution_judgements"])
        self.services: dict[str, str] = ctx["services"]
        self.send_grades = set(ctx["send_grades"])
        self.inspection_types: dict[str, list[str]] = ctx["inspection_types"]
        self.judgement_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for judgement, phrases in ctx["judgements"].items():
            self.judgement_matcher.add(judgement, [nlp.make_doc(p) for p in phrases])
        self.table = JudgementTable(ctx["table"], ctx["judgements"])
        self.subjects = SubjectFinder(nlp, ctx, councils_key)
        self.status = StatusReader(nlp, ctx, self.subjects, dates_key)
        self.institutions = InstitutionFinder(ctx, councils_key)
        self.judge = JudgementTest(nlp, ctx, self.grades, self.subjects, councils_key)
        self.lists = ListReader(nlp, ctx, councils_key)
        self.implied: dict[str, str] = ctx["implied_grades"]
        self.institution_kinds = set(ctx["institution_kinds"])
        self.again_words = set(ctx["again_words"])

    # -- pipeline ----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        grade_spans = sorted(filter_spans(self._grade_phrases(doc)), key=lambda s: s.start)
        if not grade_spans:
            doc.spans[self.spans_key] = []
            return doc
        institutions = self.institutions.find(doc)
        judgements = [Span(doc, s, e, label=m) for m, s, e in self.judgement_matcher(doc)]
        judgements = [j for j in filter_spans(judgements) if not self.judge.names_an_institution(j)]
        anaphors = self.subjects.anaphors(doc)
        state = _Pass(inspections=self._inspections(doc), published=publication_date(doc))
        by_char = [(doc[start].idx, year) for start, year in state.inspections]  # a table's grades: the inspection above it
        state.out, table_chars = self.table.read(doc, self.subjects.councils(doc), lambda offset: _default_year(
            "current", self._inspection_year(by_char, offset), state.published))
        state.timed = [(r, Timing("current"), True) for span in state.out for r in span._.ratings]
        table_spans = list(state.out)
        recent: tuple[int, str] | None = None  # where the last rated subject was, and its kind
        orphans: list[Span] = []  # judgements with no subject of their own ("Of the eight councils judged outstanding")
        by_sentence: dict[int, list[Span]] = {}  # grades per sentence start: most tests look only there
        for g in grade_spans:
            by_sentence.setdefault(g.sent.start, []).append(g)
        for grade in grade_spans:
            neighbours = by_sentence[grade.sent.start]
            if any(a <= grade.start_char < b for a, b in table_chars):
                continue  # read as a table row above
            entry = self.grades[grade.label]
            if entry.get("restates") and any(g is not grade for g in neighbours):
                continue  # "rated as performing poorly, the lowest rating"
            if not (self.judge.is_judgement(grade, entry, judgements) or self.judge.change_to(grade, grade_spans)) \
                    or self.judge.scale(grade, neighbours, institutions):
                continue
            window = self._window(grade, neighbours)
            if entry.get("needs_area") and not any(window.start <= j.start < window.end for j in judgements):
                continue  # "children's needs are met"
            areas = self._judgements(grade, window, judgements)
            # an area judged without a named subject continues the subject rated just before
            prefer = "institution" if set(areas) & self.institution_judgements else (
                recent[1] if recent and recent[0] >= _sentence_before(grade.sent) else None)
            subjects = self.subjects.find(grade, institutions, anaphors, judgements, prefer,
                                          table_cell=self.judge.table_cell(grade, judgements))
            listed = not subjects and self.lists.listed_after(grade)
            subjects = self.lists.extend(grade, subjects) if subjects else listed or []
            if entry.get("subjects"):  # report-card grades are given to schools and providers, not councils or homes
                subjects = [s for s in subjects if s.kind in entry["subjects"]]
            if not subjects:
                orphans.append(grade)
                continue
            if self.judge.restated(grade, entry, state.out) and not self.judge.has_trigger(grade):
                continue
            self._rate(state, grade, entry, subjects, window, areas)
            shared = listed and self.lists.partitive(grade, orphans)
            if shared:  # "Of the eight judged outstanding, five had been good: A, B and C": outstanding too
                window = self._window(shared, by_sentence[shared.sent.start])
                self._rate(state, shared, self.grades[shared.label], subjects, window,
                           self._judgements(shared, window, judgements))
            recent = (grade.sent.start, "council" if subjects[-1].kind == "council" else "institution")
        self._continue_lists(doc, state)
        self.status.settle(state.timed, state.published.year if state.published else None)
        _table_rules(state.out, len(table_spans))
        doc.spans[self.spans_key] = state.out
        return doc

    def _grade_phrases(self, doc: Doc) -> list[Span]:
        """Grade phrases, matched only in windows around the words that can begin
        one: over a whole Doc the Matcher costs more than all our other rules."""
        if not len(doc):
            return []
        lowers = doc.to_array("LOWER")
        starts = numpy.flatnonzero(numpy.isin(lowers, self.first_words))
        found = []
        window_start = window_end = -1
        for i in [*starts.tolist(), len(doc) + self.window]:
            if i > window_end:  # a new window: match the one before
                if window_end > window_start >= 0:
                    found += [Span(doc, window_start + a, window_start + b, label=m)
                              for m, a, b in self.matcher(doc[window_start:min(window_end, len(doc))])]
                window_start = i
            window_end = i + self.window
        return found

    def _rate(self, state: "_Pass", grade: Span, entry: dict, subjects: list[Subject], window: Span,
              areas: list[str]) -> None:
        """The grade's relations, one per subject, area and time, added to ``state``."""
        doc = grade.doc
        inspection_year = self._inspection_year(state.inspections, grade.start)
        timing = self.status.timing(grade, window)
        joined = self._joined_to(grade, state.out, state.timed)
        if joined is not None:
            timing = self.status.joined(timing, joined)
        year = timing.stated or _default_year(timing.status, inspection_year, state.published)
        dated = bool(timing.stated or inspection_year)
        shared = {"inspection_type": self._inspection_type(grade.sent), "evidence": _evidence(grade.sent)}
        # "kept its good rating": the same grade before (in the stated year) and now
        retained = timing.status == "current" and self.judge.has_trigger(grade, self.retain, self.retain_forms)
        states = [("previous", year, timing), ("current", _default_year("current", inspection_year, state.published),
                                                Timing("current", now=True))] if retained else [
            (timing.status, year, timing)]
        # "rated inadequate in 2013, then again in 2015": the same grade once more, in that year
        states += [(timing.status, again, Timing(timing.status, stated=again)) for again in self._again(grade, window)]
        span = Span(doc, grade.start, grade.end, label="RATING")
        span._.ratings = []
        for subject in subjects:
            for area in areas:
                # a safeguarding board is its own subject, not its council
                holder = self.institutions.board(subject) if area == "lscb" and subject.kind == "council" else subject
                # special measures is a category of inadequate: the school has both grades
                grades = [entry["grade"]] + ([self.implied[entry["grade"]]] if holder.kind in self.institution_kinds
                                             and entry["grade"] in self.implied else [])
                for rating in grades:
                    for status, when, when_timing in states:
                        relation = {"subject": holder.name, "gss_code": holder.gss_code, "rating": rating,
                                    "service": self._service(holder, entry, window), "status": status, "year": when,
                                    "judgement": area, **shared}
                        span._.ratings.append(relation)
                        state.timed.append((relation, when_timing, dated or when_timing.stated is not None))
        state.out.append(span)

    def _continue_lists(self, doc: Doc, state: "_Pass") -> None:
        """"... nine councils rated poor. The others are: A, B and C": a sentence
        that only lists councils takes the grades of the sentence before."""
        rated = None
        timings = {id(r): (t, d) for r, t, d in state.timed}
        for token in doc[1:]:
            if not token.is_sent_start or token.lower_ not in self.lists.continuation_starts:
                continue
            sent = token.sent
            subjects = self.lists.continued(sent)
            if not subjects:
                continue
            rated = rated if rated is not None else {span.sent.start for span in state.out}
            if sent.start in rated:
                continue
            before = doc[sent.start - 1].sent
            sources = [span for span in state.out if span.sent.start == before.start and span._.ratings]
            if not sources:
                continue
            span = Span(doc, sent.start, sent.end, label="RATING")
            source = sources[-1]._.ratings[0]
            span._.ratings = [{**source, "subject": s.name, "gss_code": s.gss_code, "evidence": _evidence(sent)}
                              for s in subjects]
            timing, dated = timings[id(source)]
            state.timed += [(r, timing, dated) for r in span._.ratings]
            state.out.append(span)

    # -- status, year, judgement --------------------------------------------------------

    def _window(self, grade: Span, neighbours: list[Span]) -> Span:
        """The part of the sentence that belongs to this grade: from after the
        previous grade to before the next one (``neighbours``: the sentence's grades)."""
        sent = grade.sent
        start, end = sent.start, sent.end
        for other in neighbours:
            if other is grade:
                continue
            if other.end <= grade.start:
                start = max(start, other.end)
            elif other.start >= grade.end:
                end = min(end, other.start)
        return grade.doc[start:end]

    @staticmethod
    def _joined_to(grade: Span, found: list[Span], timed: list[tuple[dict, Timing, bool]]) -> Timing | None:
        """The timing of the judgement just before this one when the two are
        coordinated ("judged to be good overall, but requires improvement in
        help and protection")."""
        if not found or not found[-1]._.ratings:
            return None
        last = found[-1]
        gap = [t.lower_ for t in grade.doc[last.end:grade.start] if not t.is_space]
        if last.sent.start != grade.sent.start or len(gap) > 4 or not set(gap) & {"but", "and", ","}:
            return None
        relation = last._.ratings[0]
        return next((timing for r, timing, _ in timed if r is relation), None)

    def _again(self, grade: Span, window: Span) -> list[int]:
        """Years of "then again in 2015", "and again in January this year" after
        the grade: the same judgement given once more."""
        doc = grade.doc
        years = []
        for span in doc.spans.get(self.dates_key, []):
            if grade.end <= span.start < window.end:
                lead = [t.lower_ for t in doc[max(grade.end, span.start - 3):span.start]]
                if set(lead) & self.again_words:
                    years.append(int(span._.date["value"][:4]))
        return years

    def _inspections(self, doc: Doc) -> list[tuple[int, int]]:
        """(token position, year) of each date the text gives as an inspection's."""
        return [(span.start, int((span._.date["end_value"] or span._.date["value"])[:4]))
                for span in doc.spans.get(self.dates_key, []) if span._.date["role"] == "inspection"]

    @staticmethod
    def _inspection_year(inspections: list[tuple[int, int]], position: int) -> int | None:
        """The year of the inspection described nearest before ``position`` (else
        the first one): an article may mention a monitoring visit and, later,
        the full inspection whose grades it reports."""
        before = [year for start, year in inspections if start <= position]
        return before[-1] if before else inspections[0][1] if inspections else None

    def _judgements(self, grade: Span, window: Span, judgements: list[Span]) -> list[str]:
        """The areas a grade is given for: "rated good for care leavers", "care
        leavers were judged good", a table row's label; a list of areas sharing
        one grade gives each. With no area named, the whole: overall effectiveness."""
        inside = [j for j in judgements if window.start <= j.start and j.end <= window.end]
        if not inside and self.judge.table_cell(grade, judgements):
            inside = [j for j in judgements if grade.sent.start - 30 <= j.start < grade.start][-1:]
        if not inside:
            return ["overall effectiveness"]
        doc = grade.doc
        after = [j for j in inside if j.start >= grade.end]
        if after and after[0].start - grade.end <= 3 and any(
                t.lower_ in ("for", "in", "on", "across") for t in doc[grade.end:after[0].start + 1]):
            chosen = [after[0]] + [j for prev, j in zip(after, after[1:]) if _listed(doc, prev, j)]
        else:
            before = [j for j in inside if j.end <= grade.start]
            if not before:
                return ["overall effectiveness"]
            chosen = [before[-1]]
            for j in reversed(before[:-1]):
                if not _listed(doc, j, chosen[0]):
                    break
                chosen.insert(0, j)
        return list(dict.fromkeys(doc.vocab.strings[j.label] for j in chosen))

    def _service(self, subject: Subject, entry: dict, window: Span) -> str:
        if subject.kind != "council":
            return subject.kind
        if entry["grade"] in self.send_grades:
            return "SEND"
        for cue, service in self.services.items():
            text = window.text if cue.isupper() else window.text.lower()  # "SEND", not "send in a commissioner"
            if cue in re.findall(r"[\w'’-]+", text) or f" {cue} " in f" {text} ":
                return service
        return "children's services"

    def _inspection_type(self, sent: Span) -> str | None:
        lowered = sent.text.lower()
        for name, cues in self.inspection_types.items():
            if any(cue in lowered for cue in cues):
                return name
        return None


def _first_words(token: dict) -> set[str]:
    """The lowercase words a pattern's first token matches."""
    value = token.get("LOWER", token.get("ORTH"))
    words = value["IN"] if isinstance(value, dict) else [value]
    return {w.lower() for w in words}


def _across_lines(pattern: list[dict]) -> list[dict]:
    """Let a multi-word grade wrap onto the next line ("require\nimprovement")."""
    out: list[dict] = []
    for index, token in enumerate(pattern):
        if index:
            out.append({"IS_SPACE": True, "OP": "?"})
        out.append(token)
    return out


def _sentence_before(sent: Span) -> int:
    """The start of the sentence before ``sent`` (or of ``sent`` itself, first in the text)."""
    return sent.doc[sent.start - 1].sent.start if sent.start else sent.start


def _default_year(status: str, inspection_year: int | None, published) -> int | None:
    """A current grade with no stated year is from this inspection, else from
    the year of publication; an earlier grade's year is unknown."""
    if status == "previous":
        return None
    return inspection_year or (published.year if published else None)


def _table_rules(spans: list[Span], rows: int) -> None:
    """A report's judgement table states its grades: prose further on ("the
    service is good at ...") adds no other current grade for an area it rates."""
    table = {(r["subject"], r["judgement"]) for span in spans[:rows] for r in span._.ratings}
    for span in spans[rows:]:
        span._.ratings = [r for r in span._.ratings if r["status"] != "current" or (r["subject"], r["judgement"]) not in table]


def _listed(doc: Doc, first: Span, second: Span) -> bool:
    """Two area phrases in one list: "help and protection, children in care and care leavers"."""
    gap = [t.lower_ for t in doc[first.end:second.start]]
    return len(gap) <= 4 and all(w in (",", "and", "for", "the", "its", "or", "in", "of") for w in gap) and bool(gap)


def _evidence(sent: Span) -> dict:
    text = sent.text
    stripped = text.strip()
    offset = text.find(stripped)
    start = sent.start_char + offset
    return {"text": stripped, "start": start, "end": start + len(stripped)}

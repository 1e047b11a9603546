"""Ofsted judgements as relations: subject, grade, current/previous, year, area.

A grade phrase ("inadequate", "requires improvement to be good", "performs
poorly", a SEND outcome, a report-card grade) becomes a rating only when the
sentence states it as a judgement: a rating verb or noun governs it ("rated",
"downgraded to", "an inadequate rating"), it is quoted or a table cell, or it
is predicated of a council or school in an inspection context. Its subject is
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
from .context import doc_text, has_lemma, phrase_tuples, publication_date, reference_day, register_extensions, verb_forms
from .institutions import InstitutionFinder
from .rating_lists import ListReader
from .rating_status import StatusReader, Timing
from .rating_subjects import SUBJECT_DEPS, Subject, SubjectFinder
from .rating_tables import JudgementTable

@dataclass
class _Pass:
    """What one document's pass has found so far."""

    inspections: list[tuple[int, int]]
    published: date | None
    out: list[Span] = field(default_factory=list)
    # each rating with its timing and whether its year is the text's own (not the publication's)
    timed: list[tuple[dict, Timing, bool]] = field(default_factory=list)


_QUOTES = {'"', "'", "“", "”", "‘", "’"}
_TABLE_LINE_TOKENS = 14
_HEAD_CHARS = 300  # the opening lines of a text, which name what the whole text is about
_SCALE_GAP = 4  # tokens between two grades of one listed scale ("outstanding, good, requires improvement or inadequate")


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
        self.triggers = set(ctx["trigger_lemmas"]) - {"be"}
        self.trigger_forms = verb_forms(self.triggers)
        self.retain = set(ctx["retain_lemmas"])
        self.retain_forms = verb_forms(self.retain)
        self.category_triggers = set(ctx["category_triggers"])
        self.category_forms = verb_forms(self.category_triggers)
        self.rating_nouns = set(ctx["rating_nouns"])
        self.subject_nouns = set(ctx["subject_nouns"])
        self.context_words = set(ctx["context_words"])
        self.other_inspectorates = ctx["other_inspectorates"]
        self.no_grade_visits = ctx["no_grade_visits"]
        self.finding_grades = set(ctx["finding_grades"])
        self.hypothetical = set(ctx["hypothetical_lemmas"])
        self.hypothetical_forms = verb_forms(self.hypothetical)
        self.hypothetical_nouns = set(ctx["hypothetical_nouns"])
        self.obligations = set(ctx["obligation_lemmas"])
        self.conditionals = set(ctx["conditional_marks"])
        self.real_heads = set(ctx["purpose_heads_real"])
        self.future_cues = ctx["future_cues"]
        self.negations = set(ctx["negations"])
        self.not_after = phrase_tuples(nlp, ctx["not_rating_after"])
        self.institution_judgements = set(ctx["institution_judgements"])
        self.services: dict[str, str] = ctx["services"]
        self.send_grades = set(ctx["send_grades"])
        self.send_cased = set(ctx["send_cues"]["cased"])
        self.send_words = ctx["send_cues"]["lowercase"]
        self.inspection_types: dict[str, list[str]] = ctx["inspection_types"]
        self.judgement_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for judgement, phrases in ctx["judgements"].items():
            self.judgement_matcher.add(judgement, [nlp.make_doc(p) for p in phrases])
        self.scale_min_grades = ctx["scale_min_grades"]
        self.table = JudgementTable(ctx["table"], ctx["judgements"])
        self.subjects = SubjectFinder(nlp, ctx, councils_key)
        self.status = StatusReader(nlp, ctx, self.subjects, dates_key)
        self.institutions = InstitutionFinder(ctx, councils_key)
        self.lists = ListReader(nlp, ctx, councils_key)
        self.institution_nouns = set(ctx["institution_nouns"])
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
        judgements = [j for j in filter_spans(judgements) if not self._names_an_institution(j)]
        anaphors = self.subjects.anaphors(doc)
        state = _Pass(inspections=self._inspections(doc), published=publication_date(doc))
        by_char = [(doc[start].idx, year) for start, year in state.inspections]  # a table's grades: the inspection above it
        state.out, table_chars = self.table.read(doc, self.subjects.councils(doc), lambda offset: _default_year(
            "current", self._inspection_year(by_char, offset), state.published))
        state.timed = [(r, Timing("current"), True) for span in state.out for r in span._.ratings]
        table_spans = list(state.out)
        recent: tuple[int, str] | None = None  # where the last rated subject was, and its kind
        orphans: list[Span] = []  # judgements with no subject of their own ("Of the eight councils judged outstanding")
        for grade in grade_spans:
            if any(a <= grade.start_char < b for a, b in table_chars):
                continue  # read as a table row above
            entry = self.grades[grade.label]
            if entry.get("restates") and any(g is not grade and g.sent.start == grade.sent.start for g in grade_spans):
                continue  # "rated as performing poorly, the lowest rating"
            if not (self._is_judgement(grade, entry, judgements) or self._change_to(grade, grade_spans)) \
                    or self._scale(grade, grade_spans, institutions):
                continue
            window = self._window(grade, grade_spans)
            if entry.get("needs_area") and not any(window.start <= j.start < window.end for j in judgements):
                continue  # "children's needs are met"
            areas = self._judgements(grade, window, judgements)
            # an area judged without a named subject continues the subject rated just before
            prefer = "institution" if set(areas) & self.institution_judgements else (
                recent[1] if recent and recent[0] >= _sentence_before(grade.sent) else None)
            subjects = self.subjects.find(grade, institutions, anaphors, judgements, prefer,
                                          table_cell=self._table_cell(grade, judgements))
            listed = not subjects and self.lists.listed_after(grade)
            subjects = self.lists.extend(grade, subjects) if subjects else listed or []
            if entry.get("subjects"):  # report-card grades are given to schools and providers, not councils or homes
                subjects = [s for s in subjects if s.kind in entry["subjects"]]
            if not subjects:
                orphans.append(grade)
                continue
            if self._restated(grade, entry, state.out) and not self._has_trigger(grade):
                continue
            self._rate(state, grade, entry, subjects, window, areas)
            shared = listed and self.lists.partitive(grade, orphans)
            if shared:  # "Of the eight judged outstanding, five had been good: A, B and C": outstanding too
                window = self._window(shared, grade_spans)
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
        retained = timing.status == "current" and self._has_trigger(grade, self.retain, self.retain_forms)
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

    # -- is this grade a judgement? ------------------------------------------------

    def _is_judgement(self, grade: Span, entry: dict, judgements: list[Span]) -> bool:
        """Does the sentence state this grade as an Ofsted judgement? Not for
        other inspectorates, focused-visit findings, hypotheticals, negations or
        adjectives on ordinary nouns ("good practice"); yes for table rows,
        rating verbs and nouns, quoted labels, and strong grades predicated in
        an inspection context."""
        sent = grade.sent
        lowered = sent.text.lower()
        if any(name in lowered for name in self.other_inspectorates) and "ofsted" not in lowered:
            return False
        era = entry.get("era")
        if era and not era[0] <= int((reference_day(grade.doc) or "0")[:4]) <= era[1]:
            return False  # "rated poor" is a grade of the 2009-12 annual ratings only
        if entry.get("context") == "SEND" and not self._about_send(grade):
            return False  # "significant weaknesses" in a council's social work is a finding
        if entry["grade"] in self.finding_grades and self._visit(grade) \
                and not self._has_trigger(grade, self.category_triggers, self.category_forms):
            return False  # a focused visit "found serious weaknesses": a finding, not a grade
        if entry.get("self_evident"):  # "must produce a written statement of action" is the outcome itself
            return not (self._hypothetical(grade, self.hypothetical - self.obligations) or self._negated(grade))
        if self._hypothetical(grade) or self._negated(grade):
            return False
        after = tuple(t.lower_ for t in grade.doc[grade.end:grade.end + 3] if not t.is_space)
        if entry.get("strength") == "weak" and (any(after[:len(p)] == p for p in self.not_after)
                                                or self._infinitive_follows(grade)):
            return False
        root = grade.root
        area_heads = {i for j in judgements for i in range(j.start, j.end)}
        if root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in area_heads \
                and root.head.lemma_.lower() not in self.rating_nouns | self.subject_nouns:
            return False
        context = self._has_context(sent)
        if self._table_cell(grade, judgements) or self._inline(grade):
            return True
        if self._has_trigger(grade):
            return True
        nearby = context or self._context_before(sent)
        if self._quoted(grade):
            return nearby
        strong = entry.get("strength") == "strong"
        if entry.get("verbal"):
            return context or strong and self._subject_is_named(grade)
        if self._copula(grade):
            return nearby
        return strong and root.dep_ in ("amod", "attr", "acomp", "conj", "appos", "pobj") and nearby

    def _scale(self, grade: Span, grades: list[Span], institutions: list[Subject]) -> bool:
        """A sentence naming the grades themselves ("a five-point scale, from
        'exceptional' to 'urgent improvement'", "a verdict of outstanding, good,
        requires improvement or inadequate"): a run of grades listed one after
        another, with nobody named to hold them."""
        sent = grade.sent
        in_sent = [g for g in grades if g.sent.start == sent.start]
        runs, run = [], []
        for g in in_sent:
            if run and g.start - run[-1].end > _SCALE_GAP:
                runs.append(run)
                run = []
            run.append(g)
        runs.append(run)
        listed = next(r for r in runs if any(g is grade for g in r))
        if len({self.grades[g.label]["grade"] for g in listed}) < self.scale_min_grades:
            return False
        named = self.subjects.councils(grade.doc) + institutions
        return not any(sent.start <= s.start < sent.end for s in named)

    def _visit(self, grade: Span) -> bool:
        """Is this about a focused or monitoring visit or a JTAI (which give no
        grade)? Judged from the sentence, the two before it and the title."""
        texts = [grade.sent.text, grade.doc._.title or ""]
        sent = grade.sent
        for _ in range(2):
            sent = _previous_sentence(sent)
            if sent is None:
                break
            texts.append(sent.text)
        lowered = " ".join(texts).lower()
        return any(visit in lowered for visit in self.no_grade_visits)

    @staticmethod
    def _change_to(grade: Span, grades: list[Span]) -> bool:
        """"moving up from requires improvement to good": the grade a change
        from another grade leads to is a judgement as that one is."""
        doc = grade.doc
        lead = [t.lower_ for t in doc[max(grade.sent.start, grade.start - 2):grade.start] if not t.is_punct]
        if not lead or lead[-1] not in ("to", "into"):
            return False
        return any(g.end <= grade.start and grade.start - g.end <= 3 and g.start and doc[g.start - 1].lower_ == "from"
                   for g in grades)

    def _names_an_institution(self, area: Span) -> bool:
        """"a sixth form college", "an early years provider": the words name the
        institution, not an area judged."""
        nxt = area.doc[area.end] if area.end < len(area.doc) else None
        return nxt is not None and nxt.lemma_.lower() in self.institution_nouns | {"provider", "college", "setting"}

    @staticmethod
    def _restated(grade: Span, entry: dict, found: list[Span]) -> bool:
        """"The 'inadequate' verdict will be discussed ...": a definite mention of
        a grade the text has already given, not a new one (unless a rating verb
        governs it: "kept the outstanding grades")."""
        root = grade.root
        head = root.head if root.dep_ in ("amod", "compound") else None
        if head is None or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return False
        return any(r["rating"] == entry["grade"] for span in found for r in span._.ratings)

    def _about_send(self, grade: Span) -> bool:
        """Is the grade's sentence, one of the two before it or the title about
        SEND? SEND-only phrases ("significant weaknesses", "inconsistent
        outcomes") are ordinary words elsewhere."""
        sents = [grade.sent]
        for _ in range(2):
            before = _previous_sentence(sents[-1])
            if before is None:
                break
            sents.append(before)
        title = (grade.doc._.title or "") + " " + doc_text(grade.doc)[:_HEAD_CHARS]  # a minutes page's item heading
        if any(t.text in self.send_cased for s in sents for t in s) or set(title.split()) & self.send_cased:
            return True
        lowered = " ".join([s.text for s in sents] + [title]).lower()
        return any(cue in lowered for cue in self.send_words)

    @staticmethod
    def _infinitive_follows(grade: Span) -> bool:
        """"good to see", "good at managing": an adjective, not a grade."""
        doc = grade.doc
        if grade.end + 1 >= len(doc):
            return False
        word, nxt = doc[grade.end].lower_, doc[grade.end + 1]
        return (word == "to" and nxt.tag_ == "VB" and nxt.lower_ != "be") or (word == "at" and nxt.tag_ == "VBG")

    def _has_context(self, sent: Span | None) -> bool:
        return sent is not None and any(t.lower_ in self.context_words for t in sent)

    def _context_before(self, sent: Span, sentences: int = 3) -> bool:
        """An inspection word in one of the few sentences before: a report's
        headline ("Children's services in X are outstanding") follows its
        "Inspection date:" and "Report published:" lines."""
        for _ in range(sentences):
            sent = _previous_sentence(sent)
            if sent is None:
                return False
            if self._has_context(sent):
                return True
        return False

    def _has_trigger(self, grade: Span, lemmas: set[str] | None = None, forms: set[str] | None = None) -> bool:
        """A rating verb or noun governs the grade ("rated", "downgraded to",
        "an inadequate rating", "its rating is good"); ``lemmas`` narrows the
        verbs that count."""
        lemmas, forms = (lemmas, forms) if lemmas else (self.triggers, self.trigger_forms)
        nouns = self.rating_nouns if lemmas is self.triggers else set()
        if any(t.lemma_.lower() in nouns for t in grade):
            return True  # "Ofsted's lowest rating"
        first_verb = True
        for token in list(grade.root.ancestors)[:6]:
            if token.lemma_.lower() in nouns:
                return True
            if token.pos_ in ("VERB", "AUX"):
                if has_lemma(token, lemmas, forms):
                    return True
                if first_verb and any(c.lemma_.lower() in nouns and c.dep_ in ("nsubj", "nsubjpass", "attr")
                                      for c in token.children):
                    return True
                first_verb = False
        return lemmas is self.triggers and self._trigger_before_name(grade)

    def _trigger_before_name(self, grade: Span) -> bool:
        """"Ofsted rated Essex County Council outstanding" when the parse is
        broken: a rating verb, then only a council's name, then the grade."""
        doc = grade.doc
        named = {i for s in doc.spans.get(self.councils_key, []) for i in range(s.start, s.end)}
        i = grade.start - 1
        while i >= grade.sent.start and (i in named or doc[i].pos_ in ("PROPN", "DET")):
            i -= 1
        return i < grade.start - 1 and i >= grade.sent.start and has_lemma(doc[i], self.triggers, self.trigger_forms) \
            and any(j in named for j in range(i + 1, grade.start))

    def _hypothetical(self, grade: Span, lemmas: set[str] | None = None) -> bool:
        """"hopes to be rated outstanding", "could be judged inadequate", "a plan
        to win back a good rating" (also for a grade deep in the clause: "could
        be rated X for one area and Y for another")."""
        lemmas = self.hypothetical if lemmas is None else lemmas
        after = " ".join(t.lower_ for t in grade.doc[grade.end:grade.sent.end])
        if any(f" {cue} " in f" {after} " for cue in self.future_cues):
            return True  # "to help it become good in the future"
        for token in dict.fromkeys([grade.root, *list(grade.root.ancestors)[:3], *self.subjects.predicates(grade)[:1]]):
            if token.i < grade.start and (token.pos_ in ("VERB", "AUX") and has_lemma(token, lemmas, self.hypothetical_forms)
                                          or token.pos_ == "NOUN" and token.lemma_.lower() in self.hypothetical_nouns):
                return True
            for child in token.children:
                if child.dep_ in ("aux", "mark", "advmod") and child.lower_ in lemmas:
                    return True
                if child.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in self.conditionals
                                                 for m in child.children):
                    return True  # "where inspectors have concerns, a written statement of action is issued"
        return self._purpose(grade)

    def _purpose(self, grade: Span) -> bool:
        """"work still to be done to achieve a good rating": an infinitive of
        purpose, not an event (but "judged to be good", "went on to become good")."""
        for token in self.subjects.predicates(grade)[:1]:
            head = token.head
            if not grade.start <= token.i < grade.end and head is not token and head.pos_ == "VERB" \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                    and not has_lemma(head, self.triggers, self.trigger_forms) \
                    and head.lemma_.lower() not in self.real_heads and not has_lemma(token, self.triggers, self.trigger_forms):
                return True
        return False

    def _negated(self, grade: Span) -> bool:
        """"was not judged inadequate" (but "no longer inadequate" is a previous grade)."""
        doc = grade.doc
        before = [t.lower_ for t in doc[max(grade.sent.start, grade.start - 3):grade.start]]
        if "longer" in before:
            return False  # "no longer inadequate" is a previous rating
        verb = next((a for a in grade.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        for token in [grade.root, grade.root.head, verb]:
            if token is not None and any(c.dep_ == "neg" for c in token.children):
                return True  # "do not receive consistently good services"
        if any(c.dep_ == "det" and c.lower_ == "no" for c in grade.root.children):
            return True  # "no significant weaknesses were identified"
        return "not" in before[-2:]

    @staticmethod
    def _quoted(grade: Span) -> bool:
        """'rated "inadequate"', "judged 'good',": quoted as a label."""
        doc = grade.doc
        return (grade.start > 0 and doc[grade.start - 1].text in _QUOTES
                and any(t.text in _QUOTES for t in doc[grade.end:grade.end + 2]))

    def _copula(self, grade: Span) -> bool:
        root = grade.root
        return root.dep_ in ("acomp", "attr") and root.head.lemma_ == "be"

    def _table_cell(self, grade: Span, judgements: list[Span]) -> bool:
        """A short line holding a judgement label and a grade: report tables and
        headings ("Overall effectiveness   Requires improvement to be good")."""
        sent = grade.sent
        words = [t for t in sent if not t.is_space and not t.is_punct]
        if len(words) > _TABLE_LINE_TOKENS or any(t.pos_ == "VERB" and t.i not in range(grade.start, grade.end)
                                                  and t.lemma_ not in ("need", "help") for t in words):
            return False
        return any(sent.start <= j.start < sent.end for j in judgements)

    def _inline(self, grade: Span) -> bool:
        """Round-up lists: "Kent (inadequate)", "Hackney: good"."""
        doc = grade.doc
        before = [t for t in doc[max(0, grade.start - 2):grade.start] if not t.is_space]
        councils = doc.spans.get(self.councils_key, [])
        return bool(before) and before[-1].text in ("(", ":", "–", "-", "—") and any(
            s.end in (before[-1].i, before[-1].i - 1) for s in councils)

    def _subject_is_named(self, grade: Span) -> bool:
        return any(c.dep_ in SUBJECT_DEPS for c in grade.root.children)

    # -- status, year, judgement --------------------------------------------------------

    def _window(self, grade: Span, grades: list[Span]) -> Span:
        """The part of the sentence that belongs to this grade: from after the
        previous grade to before the next one."""
        sent = grade.sent
        start, end = sent.start, sent.end
        for other in grades:
            if other.sent.start != sent.start or other is grade:
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
        if not inside and self._table_cell(grade, judgements):
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


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent.doc[sent.start - 1].sent

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


from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resources import load_json, load_jsonl, resolve
from .context import has_lemma, publication_date, register_extensions, verb_forms
from .rating_subjects import SUBJECT_DEPS, Subject, SubjectFinder
from .rating_tables import JudgementTable

_QUOTES = {'"', "'", "“", "”", "‘", "’"}
_TABLE_LINE_TOKENS = 14


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
        for index, entry in enumerate(load_jsonl(resolve(grades_path, "grades.jsonl"))):
            key = f"grade_{index}"
            self.matcher.add(key, [_across_lines(entry["pattern"])])
            self.grades[nlp.vocab.strings[key]] = entry
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
        self.previous_cues = _phrases(nlp, ctx["previous_cues"])
        self.current_cues = _phrases(nlp, ctx["current_cues"])
        self.trailing_previous = _phrases(nlp, ctx["trailing_previous_cues"])
        self.from_words, self.to_words = set(ctx["from_words"]), set(ctx["to_words"])
        self.hypothetical = set(ctx["hypothetical_lemmas"])
        self.hypothetical_forms = verb_forms(self.hypothetical)
        self.negations = set(ctx["negations"])
        self.not_after = _phrases(nlp, ctx["not_rating_after"])
        self.institution_judgements = set(ctx["institution_judgements"])
        self.services: dict[str, str] = ctx["services"]
        self.send_grades = set(ctx["send_grades"])
        self.inspection_types: dict[str, list[str]] = ctx["inspection_types"]
        self.judgement_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for judgement, phrases in ctx["judgements"].items():
            self.judgement_matcher.add(judgement, [nlp.make_doc(p) for p in phrases])
        self.scale_min_grades = ctx["scale_min_grades"]
        self.table = JudgementTable(ctx["table"], ctx["judgements"])
        self.subjects = SubjectFinder(nlp, ctx, councils_key)

    # -- pipeline ----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        grade_spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            grade_spans.append(span)
        grade_spans = sorted(filter_spans(grade_spans), key=lambda s: s.start)
        if not grade_spans:
            doc.spans[self.spans_key] = []
            return doc
        institutions = self.subjects.institutions(doc)
        judgements = [Span(doc, s, e, label=m) for m, s, e in self.judgement_matcher(doc)]
        judgements = filter_spans(judgements)
        anaphors = self.subjects.anaphors(doc)
        inspections = self._inspections(doc)
        published = publication_date(doc)
        by_char = [(doc[start].idx, year) for start, year in inspections]  # a table's grades: the inspection above it
        out, table_chars = self.table.read(doc, self.subjects.councils(doc), lambda offset: _default_year(
            "current", self._inspection_year(by_char, offset), published))
        dated: set[int] = {id(r) for span in out for r in span._.ratings}
        last: set[int] = set()  # grades of the last inspection, superseded by any newer one
        recent: tuple[int, str] | None = None  # where the last rated subject was, and its kind
        for grade in grade_spans:
            if any(a <= grade.start_char < b for a, b in table_chars):
                continue  # read as a table row above
            entry = self.grades[grade.label]
            if entry.get("restates") and any(g is not grade and g.sent.start == grade.sent.start for g in grade_spans):
                continue  # "rated as performing poorly, the lowest rating"
            if not self._is_judgement(grade, entry, judgements) or self._scale(grade, grade_spans, institutions):
                continue
            window = self._window(grade, grade_spans)
            areas = self._judgements(grade, window, judgements)
            # an area judged without a named subject continues the subject rated just before
            prefer = "institution" if set(areas) & self.institution_judgements else (
                recent[1] if recent and recent[0] >= _sentence_before(grade.sent) else None)
            subjects = self.subjects.find(grade, institutions, anaphors, judgements, prefer,
                                          table_cell=self._table_cell(grade, judgements))
            if not subjects:
                continue
            inspection_year = self._inspection_year(inspections, grade.start)
            status = self._status(grade, window)
            last_cue = status == "last"
            status = "current" if last_cue else status
            stated = self._stated_year(grade, window)
            joined = self._joined_to(grade, out)
            if joined is not None and status == "current" and not self._has_cue(grade, window):
                status, stated = joined["status"], stated or (joined["year"] if id(joined) in dated else None)
            year = stated or _default_year(status, inspection_year, published)
            shared = {"rating": entry["grade"], "inspection_type": self._inspection_type(grade.sent),
                      "evidence": _evidence(grade.sent)}
            # "kept its good rating": the same grade before (in the stated year) and now
            retained = status == "current" and self._has_trigger(grade, self.retain, self.retain_forms)
            states = [("previous", year), ("current", _default_year("current", inspection_year, published))] \
                if retained else [(status, year)]
            relations = [{"subject": subject.name, "gss_code": subject.gss_code,
                          "service": self._service(subject, entry, window), "status": state, "year": when,
                          "judgement": area, **shared}
                         for subject in subjects for area in areas for state, when in states]
            if stated or inspection_year:
                dated.update(id(r) for r in relations)
            if status == "current" and self._last_inspected(grade, window) or last_cue:
                last.update(id(r) for r in relations)
            span = Span(doc, grade.start, grade.end, label="RATING")
            span._.ratings = relations
            out.append(span)
            recent = (grade.sent.start, "council" if subjects[-1].kind == "council" else "institution")
        _settle_statuses(out, dated, last)
        doc.spans[self.spans_key] = out
        return doc

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
        if entry["grade"] in self.finding_grades and self._visit(grade) \
                and not self._has_trigger(grade, self.category_triggers, self.category_forms):
            return False  # a focused visit "found serious weaknesses": a finding, not a grade
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
        requires improvement or inadequate") with nobody named to hold them."""
        sent = grade.sent
        values = {self.grades[g.label]["grade"] for g in grades if g.sent.start == sent.start}
        if len(values) < self.scale_min_grades:
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

    def _hypothetical(self, grade: Span) -> bool:
        """"hopes to be rated outstanding", "could be judged inadequate" (also for
        a grade deep in the clause: "could be rated X for one area and Y for another")."""
        for token in dict.fromkeys([grade.root, *list(grade.root.ancestors)[:3], *self.subjects.predicates(grade)[:1]]):
            if has_lemma(token, self.hypothetical, self.hypothetical_forms) and token.pos_ in ("VERB", "AUX") \
                    and token.i < grade.start:
                return True
            for child in token.children:
                if child.dep_ in ("aux", "mark", "advmod") and child.lower_ in self.hypothetical:
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

    def _status(self, grade: Span, window: Span) -> str:
        doc = grade.doc
        lead = [t for t in doc[max(window.start, grade.start - 4):grade.start]
                if not (t.is_punct or t.is_space or t.pos_ == "DET")]
        before = [t.lower_ for t in lead]
        if lead and lead[-1].pos_ == "ADP":  # "from good to inadequate" (not "judged to require")
            if before[-1] in self.from_words:
                return "previous"
            if before[-1] in self.to_words:
                return "current"
        if before[-2:] == ["no", "longer"] or before[-1:] == ["longer"]:
            return "previous"
        in_dates = {i for d in doc.spans.get(self.dates_key, []) for i in range(d.start, d.end)}
        context = doc[window.start:min(window.end, grade.end + 3)]  # what leads up to the grade
        aside = _asides(context, grade)
        # "last April" is a date, not a cue; "Sunderland, once among the worst, has been rated good" is an aside
        words = [t.lower_ if t.i not in in_dates | aside else "" for t in context]
        found = []
        for phrases, status in ((self.current_cues, "current"), (self.previous_cues, "previous")):
            for phrase in phrases:
                n = len(phrase)
                for k in range(len(words) - n + 1):
                    if tuple(words[k:k + n]) == phrase and not (
                            status == "previous" and self._previous_refers_elsewhere(context, phrase)):
                        found.append((abs(context.start + k - grade.start), status))
        if found:
            distance, status = min(found)  # the cue nearest the grade
            return "last" if status == "previous" and self._last_inspection_cue(context) else status
        for token in [grade.root, *self.subjects.predicates(grade)[:1]]:
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in token.children):
                return "previous"  # "had been judged adequate"
        return "current"

    @staticmethod
    def _last_inspection_cue(context: Span) -> bool:
        """"were last inspected in 2019, when they were rated good": the last
        inspection, whose grade stands unless the text gives a newer one."""
        words = [t.lower_ for t in context]
        return any(a == "last" and b in ("inspected", "inspection") for a, b in zip(words, words[1:]))

    def _last_inspected(self, grade: Span, window: Span) -> bool:
        """"rated good when it was last inspected in 2019": the grade of the last
        inspection, which is previous if the text gives a newer one."""
        after = [t.lower_ for t in grade.doc[grade.end:window.end]]
        return any(tuple(after[k:k + len(p)]) == p for p in self.trailing_previous for k in range(len(after) - len(p) + 1))

    def _has_cue(self, grade: Span, window: Span) -> bool:
        words = [t.lower_ for t in grade.doc[window.start:grade.end]]
        return any(tuple(words[k:k + len(p)]) == p for cues in (self.current_cues, self.previous_cues)
                   for p in cues for k in range(len(words) - len(p) + 1))

    @staticmethod
    def _joined_to(grade: Span, found: list[Span]) -> dict | None:
        """The judgement just before this one when the two are coordinated
        ("judged to be good overall, but requires improvement in help and
        protection"): the second shares the first's time."""
        if not found:
            return None
        last = found[-1]
        gap = [t.lower_ for t in grade.doc[last.end:grade.start] if not t.is_space]
        if last.sent.start != grade.sent.start or len(gap) > 4 or not set(gap) & {"but", "and", ","}:
            return None
        return last._.ratings[-1] if last._.ratings else None

    @staticmethod
    def _previous_refers_elsewhere(window: Span, phrase: tuple[str, ...]) -> bool:
        """"last" in "last year" or "last week" dates the new rating, not an old one."""
        words = [t.lower_ for t in window]
        for k in range(len(words) - len(phrase) + 1):
            if tuple(words[k:k + len(phrase)]) == phrase:
                nxt = words[k + len(phrase)] if k + len(phrase) < len(words) else ""
                return phrase in (("last",), ("then",)) and nxt in ("year", "week", "month", "weeks", "months", ",", "")
        return False

    def _stated_year(self, grade: Span, window: Span) -> int | None:
        """A year stated in the grade's own clause ("rated good in 2012")."""
        predicates = self.subjects.predicates(grade)
        clause = {t.i for t in predicates} | {grade.root.i}
        # "the last inspection, in 2019, when services were judged ...": the year the "when" refers to
        when = {t.i for p in predicates if any(c.lower_ == "when" for c in p.children)
                for t in p.head.subtree} - {t.i for p in predicates for t in p.subtree}
        # "rated good when it was last inspected in March 2019": the year of the "when" clause
        when |= {t.i for p in predicates for c in p.children
                 if c.dep_ == "advcl" and any(m.lower_ == "when" for m in c.children) for t in c.subtree}
        dates = []
        for span in grade.doc.spans.get(self.dates_key, []):
            if not window.start <= span.start < window.end:
                continue
            if self._clause_of(span.root) in clause or grade.root in span.root.ancestors or span.root.i in when:
                dates.append(span)
        if not dates:
            return None
        nearest = min(dates, key=lambda d: abs(d.start - grade.start))
        return int(nearest._.date["value"][:4])

    @staticmethod
    def _clause_of(token: Token) -> int:
        """The verb (or rating noun's verb) a token's phrase attaches to."""
        for ancestor in token.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                return ancestor.i
        return token.i

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


def _asides(context: Span, grade: Span) -> set[int]:
    """Tokens of comma-enclosed asides before the grade that do not hold it."""
    commas = [t.i for t in context if t.text == "," and t.i < grade.start]
    return {i for a, b in zip(commas, commas[1:]) for i in range(a + 1, b)}


def _default_year(status: str, inspection_year: int | None, published) -> int | None:
    """A current grade with no stated year is from this inspection, else from
    the year of publication; an earlier grade's year is unknown."""
    if status == "previous":
        return None
    return inspection_year or (published.year if published else None)


def _settle_statuses(spans: list[Span], dated: set[int], last: set[int]) -> None:
    """The text's new judgement for a subject is its latest: grades it states
    for earlier years ("rated good in 2019" beside a 2023 inspection) are
    previous ones. Only years the text gives count as evidence. A grade "when
    it was last inspected" is previous whenever the text gives the subject
    another current grade."""
    latest: dict[str, int] = {}
    newer: set[str] = set()
    for span in spans:
        for relation in span._.ratings:
            if relation["status"] == "current" and relation["year"] and id(relation) in dated:
                latest[relation["subject"]] = max(latest.get(relation["subject"], 0), relation["year"])
            if relation["status"] == "current" and id(relation) not in last:
                newer.add(relation["subject"])
    for span in spans:
        for relation in span._.ratings:
            if relation["year"] and relation["year"] < latest.get(relation["subject"], 0) \
                    or id(relation) in last and relation["subject"] in newer:
                relation["status"] = "previous"


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


def _phrases(nlp: Language, phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(t.lower_ for t in nlp.make_doc(p)) for p in phrases}, key=len, reverse=True)

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

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resources import load_json, load_jsonl, resolve
from .context import council_before, has_lemma, publication_date, register_extensions, verb_forms

_QUOTES = {'"', "'", "“", "”", "‘", "’"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_TABLE_LINE_TOKENS = 14


@dataclass
class _Subject:
    name: str
    gss_code: str | None
    kind: str  # "council" or a service such as "school", "children's home"
    start: int


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
            self.matcher.add(key, [entry["pattern"]])
            self.grades[nlp.vocab.strings[key]] = entry
        ctx = load_json(resolve(context_path, "rating_context.json"))
        self.triggers = set(ctx["trigger_lemmas"]) - {"be"}
        self.trigger_forms = verb_forms(self.triggers)
        self.rating_nouns = set(ctx["rating_nouns"])
        self.subject_nouns = set(ctx["subject_nouns"])
        self.context_words = set(ctx["context_words"])
        self.other_inspectorates = ctx["other_inspectorates"]
        self.no_grade_visits = ctx["no_grade_visits"]
        self.finding_grades = set(ctx["finding_grades"])
        self.previous_cues = _phrases(nlp, ctx["previous_cues"])
        self.current_cues = _phrases(nlp, ctx["current_cues"])
        self.from_words, self.to_words = set(ctx["from_words"]), set(ctx["to_words"])
        self.hypothetical = set(ctx["hypothetical_lemmas"])
        self.negations = set(ctx["negations"])
        self.not_after = _phrases(nlp, ctx["not_rating_after"])
        self.agents = set(ctx["inspection_agents"])
        self.statistic_words = set(ctx["statistic_words"])
        self.institution_words: dict[str, str] = ctx["institution_words"]
        self.institution_name_words = set(ctx["institution_name_words"])
        self.services: dict[str, str] = ctx["services"]
        self.send_grades = set(ctx["send_grades"])
        self.inspection_types: dict[str, list[str]] = ctx["inspection_types"]
        self.judgement_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for judgement, phrases in ctx["judgements"].items():
            self.judgement_matcher.add(judgement, [nlp.make_doc(p) for p in phrases])
        self.anaphor_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.anaphor_matcher.add("council", [nlp.make_doc(p) for p in ctx["anaphors_council"]])
        self.anaphor_matcher.add("institution", [nlp.make_doc(p) for p in ctx["anaphors_institution"]])

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
        institutions = self._institutions(doc)
        judgements = [Span(doc, s, e, label=m) for m, s, e in self.judgement_matcher(doc)]
        judgements = filter_spans(judgements)
        anaphors = {s: doc.vocab.strings[m] for m, s, e in self.anaphor_matcher(doc)}
        inspection_year = self._inspection_year(doc)
        published = publication_date(doc)
        out: list[Span] = []
        for grade in grade_spans:
            entry = self.grades[grade.label]
            if not self._is_judgement(grade, entry, judgements):
                continue
            subjects = self._subjects(grade, institutions, anaphors, judgements)
            if not subjects:
                continue
            window = self._window(grade, grade_spans)
            status = self._status(grade, window)
            year = self._year(grade, window, status, inspection_year, published)
            judgement = self._judgement(grade, window, judgements)
            relations = []
            for subject in subjects:
                relations.append({
                    "subject": subject.name, "gss_code": subject.gss_code,
                    "service": self._service(subject, entry, window),
                    "rating": entry["grade"], "status": status, "year": year, "judgement": judgement,
                    "inspection_type": self._inspection_type(grade.sent),
                    "evidence": _evidence(grade.sent),
                })
            span = Span(doc, grade.start, grade.end, label="RATING")
            span._.ratings = relations
            out.append(span)
        _settle_statuses(out)
        doc.spans[self.spans_key] = out
        return doc

    # -- is this grade a judgement? ------------------------------------------------

    def _is_judgement(self, grade: Span, entry: dict, judgements: list[Span]) -> bool:
        sent = grade.sent
        lowered = sent.text.lower()
        if any(name in lowered for name in self.other_inspectorates) and "ofsted" not in lowered:
            return False
        if entry["grade"] in self.finding_grades and any(v in lowered for v in self.no_grade_visits) \
                and not self._has_trigger(grade):
            return False
        if self._hypothetical(grade) or self._negated(grade):
            return False
        after = tuple(t.lower_ for t in grade.doc[grade.end:grade.end + 3] if not t.is_space)
        if entry.get("strength") == "weak" and (any(after[:len(p)] == p for p in self.not_after)
                                                or self._infinitive_follows(grade)):
            return False
        root = grade.root
        if root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN") \
                and root.head.lemma_.lower() not in self.rating_nouns | self.subject_nouns:
            return False
        context = self._has_context(sent)
        if self._table_cell(grade, judgements) or self._inline(grade):
            return True
        if self._has_trigger(grade):
            return True
        if self._quoted(grade):
            return context or self._has_context(_previous_sentence(sent))
        strong = entry.get("strength") == "strong"
        if entry.get("verbal"):
            return context or strong and self._subject_is_named(grade)
        if self._copula(grade):
            return context if not strong else context or self._has_context(_previous_sentence(sent))
        if strong and root.dep_ in ("amod", "attr", "acomp", "conj", "appos", "pobj") and context:
            return True
        return False

    @staticmethod
    def _infinitive_follows(grade: Span) -> bool:
        """"good to see", "good to hear": an adjective, not a grade."""
        doc = grade.doc
        return (grade.end + 1 < len(doc) and doc[grade.end].lower_ == "to"
                and doc[grade.end + 1].tag_ == "VB" and doc[grade.end + 1].lower_ != "be")

    def _has_context(self, sent: Span | None) -> bool:
        return sent is not None and any(t.lower_ in self.context_words for t in sent)

    def _has_trigger(self, grade: Span) -> bool:
        token = grade.root
        for _ in range(4):
            if token.lemma_.lower() in self.rating_nouns and token is not grade.root:
                return True
            for child in token.children:
                if child.lemma_.lower() in self.rating_nouns and child.i not in range(grade.start, grade.end) \
                        and child.dep_ in ("nsubj", "nsubjpass", "attr", "pobj", "compound", "appos"):
                    return True
            if token.head is token:
                break
            token = token.head
            if has_lemma(token, self.triggers, self.trigger_forms) and token.pos_ in ("VERB", "AUX", "NOUN"):
                return True
        return False

    def _hypothetical(self, grade: Span) -> bool:
        for token in [grade.root, *list(grade.root.ancestors)[:3]]:
            if token.lemma_.lower() in self.hypothetical and token.pos_ in ("VERB", "AUX") and token.i < grade.start:
                return True
            for child in token.children:
                if child.dep_ in ("aux", "mark", "advmod") and child.lower_ in self.hypothetical:
                    return True
        return False

    def _negated(self, grade: Span) -> bool:
        doc = grade.doc
        before = [t.lower_ for t in doc[max(grade.sent.start, grade.start - 3):grade.start]]
        if "longer" in before:
            return False  # "no longer inadequate" is a previous rating
        for token in [grade.root, grade.root.head]:
            if any(c.dep_ == "neg" for c in token.children):
                return True
        return "not" in before[-2:] and "longer" not in before

    def _quoted(self, grade: Span) -> bool:
        doc = grade.doc
        return (grade.start > 0 and doc[grade.start - 1].text in _QUOTES
                and grade.end < len(doc) and doc[grade.end].text in _QUOTES | {",", "."} and
                (doc[grade.end].text in _QUOTES or doc[grade.end - 1].text in _QUOTES))

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
        return any(c.dep_ in _SUBJECT_DEPS for c in grade.root.children)

    # -- subjects --------------------------------------------------------------------

    def _subjects(self, grade: Span, institutions: list[_Subject], anaphors: dict[int, str],
                  judgements: list[Span]) -> list[_Subject]:
        doc = grade.doc
        sent = grade.sent
        candidates = [c for c in self._council_subjects(doc) + institutions if sent.start <= c.start < sent.end]
        predicate = self._predicate(grade)
        if predicate is not None:
            for dep_set in (_SUBJECT_DEPS, {"dobj"}):
                for child in predicate.children:
                    if child.dep_ not in dep_set:
                        continue
                    tokens = {t.i for t in child.subtree}
                    inside = [c for c in candidates if c.start in tokens]
                    if inside:
                        return _dedupe(inside)
                    if child.dep_ in _SUBJECT_DEPS and child.lower_ in ("which", "who", "that") \
                            and predicate.dep_ == "relcl":
                        head = {t.i for t in predicate.head.subtree} - {t.i for t in predicate.subtree}
                        inside = [c for c in candidates if c.start in head and c.start < grade.start]
                        if inside:
                            return _dedupe(inside[-1:])
                    resolved = self._anaphor(child, anaphors, institutions)
                    if resolved:
                        return resolved
                    if child.dep_ in _SUBJECT_DEPS and self._statistic(child):
                        return []
            if predicate.dep_ in ("acl", "relcl", "advcl") and predicate.head.pos_ in ("NOUN", "PROPN"):
                head_tokens = {t.i for t in predicate.head.subtree} - {t.i for t in predicate.subtree}
                inside = [c for c in candidates if c.start in head_tokens]
                if inside:
                    return _dedupe(inside[-1:])
        for token in grade.root.ancestors:
            if token.lemma_.lower() in self.rating_nouns:
                for child in token.children:
                    if child.dep_ in ("prep", "poss"):
                        tokens = {t.i for t in child.subtree}
                        inside = [c for c in candidates if c.start in tokens]
                        if inside:
                            return _dedupe(inside)
                break
        before = [c for c in candidates if c.start < grade.start]
        if before:
            return _dedupe([before[-1]] + [c for c in before[:-1] if self._coordinated(doc, c, before[-1])])
        if self._table_cell(grade, judgements) or any(s in anaphors for s in range(sent.start, grade.start)) or \
                self._agent_subject(predicate):
            return self._resolve("council", sent.start, doc, institutions) if not self._institution_context(sent) \
                else self._resolve("institution", sent.start, doc, institutions)
        after = [c for c in candidates if c.start >= grade.end]
        return after[:1] if after and grade.start - sent.start <= 2 else []

    def _council_subjects(self, doc: Doc) -> list[_Subject]:
        linked = doc._.councils or {}
        subjects = []
        for span in doc.spans.get(self.councils_key, []):
            info = linked.get(span.kb_id_)
            if info and info.get("nation") == "England":
                subjects.append(_Subject(span.kb_id_, info.get("gss_code"), "council", span.start))
        return subjects

    def _predicate(self, grade: Span) -> Token | None:
        token = grade.root
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            return token
        for _ in range(4):
            if token.head is token:
                return None
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return token
        return None

    def _anaphor(self, token: Token, anaphors: dict[int, str], institutions: list[_Subject]) -> list[_Subject]:
        for i in range(token.left_edge.i, token.i + 1):
            if i in anaphors:
                kind = anaphors[i]
                if token.lower_ in ("it", "they", "its", "their"):
                    kind = self._latest_kind(token.doc, token.i, institutions)
                return self._resolve(kind, token.i, token.doc, institutions)
        if token.lower_ in ("it", "they"):
            return self._resolve(self._latest_kind(token.doc, token.i, institutions), token.i, token.doc, institutions)
        return []

    def _latest_kind(self, doc: Doc, position: int, institutions: list[_Subject]) -> str:
        council = council_before(doc, position, self.councils_key)
        council_at = council.start if council is not None and council.start < position else -1
        inst_at = max((s.start for s in institutions if s.start < position), default=-1)
        return "institution" if inst_at > council_at else "council"

    def _resolve(self, kind: str, position: int, doc: Doc, institutions: list[_Subject]) -> list[_Subject]:
        if kind == "institution":
            before = [s for s in institutions if s.start < position]
            return before[-1:] if before else []
        subjects = [s for s in self._council_subjects(doc) if s.start < position]
        if not subjects:
            subjects = self._council_subjects(doc)[:1]
        return subjects[-1:] if subjects else []

    def _statistic(self, token: Token) -> bool:
        words = {t.lower_ for t in token.subtree}
        return token.tag_ in ("NNS", "CD") or bool(words & self.statistic_words) or token.like_num

    def _agent_subject(self, predicate: Token | None) -> bool:
        """"Inspectors judged ...", "the last inspection rated safeguarding as adequate"."""
        return predicate is not None and any(c.dep_ in _SUBJECT_DEPS and c.lower_ in self.agents
                                             for c in predicate.children)

    def _institution_context(self, sent: Span) -> bool:
        return any(t.text in self.institution_words or t.lower_ in ("school", "academy", "nursery", "home", "college")
                   for t in sent)

    @staticmethod
    def _coordinated(doc: Doc, a: _Subject, b: _Subject) -> bool:
        ta, tb = doc[a.start], doc[b.start]
        return ta.head.i == tb.i or tb.head.i == ta.i and ta.dep_ == "conj" or tb.dep_ == "conj" and tb.head.i == ta.i

    def _institutions(self, doc: Doc) -> list[_Subject]:
        """Named schools, homes and nurseries: title-case names ending in an
        institution word ("St Mary's Primary School", "Oakhurst House")."""
        found = []
        council_tokens = {i for s in doc.spans.get(self.councils_key, []) for i in range(s.start, s.end)}
        i = 0
        while i < len(doc):
            token = doc[i]
            kind = self.institution_words.get(token.text)
            if kind is None or i in council_tokens or token.is_sent_start:
                i += 1
                continue
            end = i + 1
            while end < len(doc) and doc[end].text in self.institution_words:
                end += 1
            start = i
            while start > 0 and (doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                                 or doc[start - 1].text in self.institution_name_words
                                 or doc[start - 1].text in ("'s", "’s", "-")) and not doc[start - 1].is_space \
                    and doc[start - 1].lower_ not in ("the", "a", "an") and (start - 1) not in council_tokens:
                start -= 1
            while start < i and doc[start].text in ("of", "and", "&", "'s", "’s", "-"):
                start += 1
            if start < i and any(t.is_title and t.text not in self.institution_name_words for t in doc[start:i]):
                name = doc[start:end].text
                found.append(_Subject(name, None, kind, start))
            i = end
        return found

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
        before = [t.lower_ for t in doc[max(window.start, grade.start - 3):grade.start] if not t.is_punct and not t.is_space]
        if before and before[-1] in self.from_words:
            return "previous"
        if before and before[-1] in self.to_words:
            return "current"
        if before[-2:] == ["no", "longer"] or before[-1:] == ["longer"]:
            return "previous"
        words = [t.lower_ for t in window]
        for phrases, status in ((self.current_cues, "current"), (self.previous_cues, "previous")):
            for phrase in phrases:
                n = len(phrase)
                if any(tuple(words[k:k + n]) == phrase for k in range(len(words) - n + 1)):
                    if status == "previous" and self._previous_refers_elsewhere(window, phrase):
                        continue
                    return status
        for token in [grade.root, *grade.root.ancestors]:
            if any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children):
                return "previous"
            if token.dep_ == "ROOT":
                break
        return "current"

    @staticmethod
    def _previous_refers_elsewhere(window: Span, phrase: tuple[str, ...]) -> bool:
        """"last" in "last year" or "last week" dates the new rating, not an old one."""
        words = [t.lower_ for t in window]
        for k in range(len(words) - len(phrase) + 1):
            if tuple(words[k:k + len(phrase)]) == phrase:
                nxt = words[k + len(phrase)] if k + len(phrase) < len(words) else ""
                return phrase in (("last",), ("then",)) and nxt in ("year", "week", "month", "weeks", "months", ",", "")
        return False

    def _year(self, grade: Span, window: Span, status: str, inspection_year: int | None, published) -> int | None:
        dates = [d for d in grade.doc.spans.get(self.dates_key, []) if window.start <= d.start < window.end]
        if dates:
            nearest = min(dates, key=lambda d: abs(d.start - grade.start))
            return int(nearest._.date["value"][:4])
        if status == "previous":
            return None
        if inspection_year:
            return inspection_year
        return published.year if published else None

    def _inspection_year(self, doc: Doc) -> int | None:
        for span in doc.spans.get(self.dates_key, []):
            if span._.date["role"] == "inspection":
                return int((span._.date["end_value"] or span._.date["value"])[:4])
        return None

    def _judgement(self, grade: Span, window: Span, judgements: list[Span]) -> str:
        inside = [j for j in judgements if window.start <= j.start and j.end <= window.end]
        if not inside and self._table_cell(grade, judgements):
            inside = [j for j in judgements if grade.sent.start - 30 <= j.start < grade.start]
            inside = inside[-1:]
        if not inside:
            return "overall effectiveness"
        doc = grade.doc
        after = [j for j in inside if j.start >= grade.end and j.start - grade.end <= 3
                 and any(t.lower_ in ("for", "in", "on", "across") for t in doc[grade.end:j.start + 1])]
        if after:
            return doc.vocab.strings[after[0].label]
        before = [j for j in inside if j.end <= grade.start]
        chosen = before[-1] if before else inside[0]
        return doc.vocab.strings[chosen.label]

    def _service(self, subject: _Subject, entry: dict, window: Span) -> str:
        if subject.kind != "council":
            return subject.kind
        if entry["grade"] in self.send_grades:
            return "SEND"
        lowered = window.text.lower()
        for cue, service in self.services.items():
            if cue in lowered.split() or f" {cue} " in f" {lowered} ":
                return service
        return "children's services"

    def _inspection_type(self, sent: Span) -> str | None:
        lowered = sent.text.lower()
        for name, cues in self.inspection_types.items():
            if any(cue in lowered for cue in cues):
                return name
        return None


def _settle_statuses(spans: list[Span]) -> None:
    """Where one subject has the same area graded in different years, the
    earlier judgements are previous ones."""
    groups: dict[tuple, list[dict]] = {}
    for span in spans:
        for relation in span._.ratings:
            groups.setdefault((relation["subject"], relation["judgement"]), []).append(relation)
    for relations in groups.values():
        years = [r["year"] for r in relations if r["year"] and r["status"] == "current"]
        if len(set(years)) > 1:
            latest = max(years)
            for relation in relations:
                if relation["year"] and relation["year"] < latest:
                    relation["status"] = "previous"


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


def _dedupe(subjects: list[_Subject]) -> list[_Subject]:
    seen, out = set(), []
    for subject in subjects:
        if subject.name not in seen:
            seen.add(subject.name)
            out.append(subject)
    return out


def _phrases(nlp: Language, phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(t.lower_ for t in nlp.make_doc(p)) for p in phrases}, key=len, reverse=True)

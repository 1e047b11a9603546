"""Is a grade phrase stated as an Ofsted judgement, or only used as a word?

"good practice", "hopes to be outstanding", "was not judged inadequate", a
focused visit's "serious weaknesses" and a sentence listing the grade scale
are not judgements; "rated good", 'judged "inadequate"', a report table's row
and "Kent (inadequate)" are. The cues are data in ``models/rating_context.json``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .context import doc_text, has_lemma, phrase_tuples, reference_day, verb_forms
from .rating_subjects import SUBJECT_DEPS, Subject, SubjectFinder

_QUOTES = {'"', "'", "“", "”", "‘", "’"}
_TABLE_LINE_TOKENS = 14
_HEAD_CHARS = 300  # the opening lines of a text, which name what the whole text is about
_SCALE_GAP = 4  # tokens between two grades of one listed scale ("outstanding, good, requires improvement or inadequate")


class JudgementTest:
    """The tests ``ofsted_ratings`` puts a grade phrase through before it
    becomes a rating; ``grades`` maps a Matcher label to its grades.jsonl entry."""

    def __init__(self, nlp: Language, ctx: dict, grades: dict[int, dict], subjects: SubjectFinder,
                 councils_key: str) -> None:
        self.grades, self.subjects, self.councils_key = grades, subjects, councils_key
        self.triggers = set(ctx["trigger_lemmas"]) - {"be"}
        self.trigger_forms = verb_forms(self.triggers)
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
        self.not_after = phrase_tuples(nlp, ctx["not_rating_after"])
        self.send_cased = set(ctx["send_cues"]["cased"])
        self.send_words = ctx["send_cues"]["lowercase"]
        self.scale_min_grades = ctx["scale_min_grades"]
        self.institution_nouns = set(ctx["institution_nouns"])

    def is_judgement(self, grade: Span, entry: dict, judgements: list[Span]) -> bool:
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
                and not self.has_trigger(grade, self.category_triggers, self.category_forms):
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
        if self.table_cell(grade, judgements) or self._inline(grade):
            return True
        if self.has_trigger(grade):
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

    def scale(self, grade: Span, neighbours: list[Span], institutions: list[Subject]) -> bool:
        """A sentence naming the grades themselves ("a five-point scale, from
        'exceptional' to 'urgent improvement'", "a verdict of outstanding, good,
        requires improvement or inadequate"): a run of grades listed one after
        another, with nobody named to hold them (``neighbours``: the grades of its sentence)."""
        sent = grade.sent
        runs, run = [], []
        for g in neighbours:
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
    def change_to(grade: Span, grades: list[Span]) -> bool:
        """"moving up from requires improvement to good": the grade a change
        from another grade leads to is a judgement as that one is."""
        doc = grade.doc
        lead = [t.lower_ for t in doc[max(grade.sent.start, grade.start - 2):grade.start] if not t.is_punct]
        if not lead or lead[-1] not in ("to", "into"):
            return False
        return any(g.end <= grade.start and grade.start - g.end <= 3 and g.start and doc[g.start - 1].lower_ == "from"
                   for g in grades)

    def names_an_institution(self, area: Span) -> bool:
        """"a sixth form college", "an early years provider": the words name the
        institution, not an area judged."""
        nxt = area.doc[area.end] if area.end < len(area.doc) else None
        return nxt is not None and nxt.lemma_.lower() in self.institution_nouns | {"provider", "college", "setting"}

    @staticmethod
    def restated(grade: Span, entry: dict, found: list[Span]) -> bool:
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

    def has_trigger(self, grade: Span, lemmas: set[str] | None = None, forms: set[str] | None = None) -> bool:
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

    def table_cell(self, grade: Span, judgements: list[Span]) -> bool:
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


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent.doc[sent.start - 1].sent

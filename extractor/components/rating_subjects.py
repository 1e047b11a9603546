"""Who a grade is for: the council or institution a rating sentence is about.

The parse links a grade to its predicate; the predicate's subject or object
names the council or school, or an anaphor ("the council", "it", "a village
primary school") refers back (or, in a lede, forward) to one. A statistic
("nine councils") has no named subject and gives no rating. Institutions come
from ``institutions.py``. Vocabulary: ``models/rating_context.json``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .context import council_before

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Subject:
    name: str
    gss_code: str | None
    kind: str  # "council" or a service such as "school", "children's home"
    start: int
    end: int | None = None  # a descriptive subject's phrase ends here ("children's home run by X Council")


class SubjectFinder:
    def __init__(self, nlp: Language, context: dict, councils_key: str) -> None:
        self.councils_key = councils_key
        self.rating_nouns = set(context["rating_nouns"])
        self.subject_nouns = set(context["subject_nouns"])
        self.agents = set(context["inspection_agents"])
        self.statistic_words = set(context["statistic_words"])
        self.institution_words: dict[str, str] = context["institution_words"]
        self.council_nouns = set(context["council_nouns"])
        self.institution_nouns = set(context["institution_nouns"])
        self.quantifiers = set(context["quantifying_determiners"])
        self.pronouns = set(context["subject_pronouns"])
        self.possessive_determiners = set(context["possessive_determiners"])
        self.anaphor_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.anaphor_matcher.add("council", [nlp.make_doc(p) for p in context["anaphors_council"]])
        self.anaphor_matcher.add("institution", [nlp.make_doc(p) for p in context["anaphors_institution"]])

    def anaphors(self, doc: Doc) -> dict[int, str]:
        """Token index -> "council" or "institution" for each anaphoric phrase."""
        return {s: doc.vocab.strings[m] for m, s, e in self.anaphor_matcher(doc)}

    def find(self, grade: Span, institutions: list[Subject], anaphors: dict[int, str],
             judgements: list[Span], prefer: str | None = None, table_cell: bool = False) -> list[Subject]:
        """Who the grade is for: the named subject the parse links it to, else
        the council or institution an anaphor or an area heading refers to."""
        doc = grade.doc
        sent = grade.sent
        candidates = [c for c in self.councils(doc) + institutions if sent.start <= c.start < sent.end]
        area_tokens = {i for j in judgements for i in range(j.start, j.end)}
        for child in grade.root.children:  # a small clause: "judged the council's homes good"
            if child.dep_ in SUBJECT_DEPS:
                inside = nested([c for c in candidates if c.start in _own_tokens(child)])
                if inside:
                    return _dedupe(inside)
        for predicate in self.predicates(grade):
            found = self._from_arguments(predicate, grade, candidates, anaphors, institutions, area_tokens, prefer)
            if found is not None:
                return found
        for token in grade.root.ancestors:
            if token.lemma_.lower() in self.rating_nouns:
                for child in token.children:
                    if child.dep_ in ("prep", "poss"):
                        inside = [c for c in candidates if c.start in {t.i for t in child.subtree}]
                        if inside:
                            return _dedupe(inside)
                break
        before = [c for c in candidates if c.start < grade.start]
        if before:
            return _dedupe([before[-1]] + [c for c in before[:-1] if self._coordinated(doc, c, before[-1])])
        predicates = self.predicates(grade)
        if table_cell or any(s in anaphors for s in range(sent.start, grade.start)) or \
                any(self.agent_subject(p) for p in predicates):
            kind = prefer or ("institution" if self._institution_context(sent) else "council")
            return self._resolve(kind, sent.start, doc, institutions)
        after = [c for c in candidates if c.start >= grade.end]
        return after[:1] if after and grade.start - sent.start <= 2 else []

    def predicates(self, grade: Span) -> list[Token]:
        """The verb governing the grade, then the verbs it hangs from through
        infinitives, conjunctions and clauses ("judged to require improvement",
        "was given ... and has now been rated inadequate")."""
        token = grade.root
        for _ in range(5):
            if token.pos_ in ("VERB", "AUX") and not (token is grade.root and token.dep_ == "amod"):
                break
            if token.head is token:
                return []
            token = token.head
        else:
            return []
        chain = [token]
        while len(chain) < 4:
            head = token.head
            if head is token:
                break
            if token.dep_ in ("xcomp", "ccomp", "oprd", "conj", "advcl", "pcomp", "acomp") and head.pos_ in ("VERB", "AUX"):
                token = head
            elif token.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ == "among":
                token = head.head.head  # "X were among the councils rated ..."
            elif token.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
                token = head.head
            else:
                break
            chain.append(token)
        return chain

    def _from_arguments(self, predicate: Token, grade: Span, candidates: list[Subject], anaphors: dict[int, str],
                        institutions: list[Subject], area_tokens: set[int],
                        prefer: str | None = None) -> list[Subject] | None:
        """Subjects from the predicate's subject or object; [] when the subject is
        a statistic ("nine councils"), None when the predicate says nothing."""
        for deps in (SUBJECT_DEPS, {"dobj"}):
            for child in predicate.children:
                if child.dep_ not in deps:
                    continue
                tokens = _own_tokens(child)
                inside = nested([c for c in candidates if c.start in tokens])
                if inside:
                    return _dedupe(inside)
                if predicate.dep_ == "relcl" and any(t.lower_ in ("which", "who", "that", "whose") for t in child.subtree):
                    head = {t.i for t in predicate.head.subtree} - {t.i for t in predicate.subtree}
                    inside = [c for c in candidates if c.start in head and c.start < grade.start]
                    if inside:
                        return _dedupe(inside[-1:])
                if self._negated_quantity(child):
                    return []  # "Not a single local authority has been judged outstanding"
                resolved = self._anaphor(child, anaphors, institutions, prefer)
                if resolved:
                    return resolved
                if tokens & area_tokens and not self._statistic(child):
                    # "The experiences and progress of care leavers were judged ..."
                    kind = prefer or self._latest_kind(grade.doc, grade.start, institutions)
                    return self._resolve(kind, grade.start, grade.doc, institutions)
                if self._statistic(child):
                    return []  # "nine councils were rated ...", "will grade each council ..."
        if predicate.dep_ in ("acl", "relcl") and predicate.head.pos_ in ("NOUN", "PROPN"):
            head_tokens = {t.i for t in predicate.head.subtree} - {t.i for t in predicate.subtree}
            inside = [c for c in candidates if c.start in head_tokens]
            if inside:
                return _dedupe(inside[-1:])
        return None

    def councils(self, doc: Doc) -> list[Subject]:
        """Councils in the text, in order; failing those, the one the title names
        (a report page read on its own)."""
        linked = doc._.councils or {}
        subjects = []
        for span in doc.spans.get(self.councils_key, []):
            info = linked.get(span.kb_id_)
            if info and info.get("nation") == "England":
                subjects.append(Subject(span.kb_id_, info.get("gss_code"), "council", span.start))
        if not subjects:
            subjects = [Subject(name, info.get("gss_code"), "council", -1)
                        for name, info in (doc._.title_councils or {}).items() if info.get("nation") == "England"][:1]
        return subjects

    def _anaphor(self, token: Token, anaphors: dict[int, str], institutions: list[Subject],
                 prefer: str | None = None) -> list[Subject]:
        """Resolve "the council", "it", "the 1,150-pupil secondary", "a village
        primary school" (a lede naming its subject in the next sentences)."""
        doc = token.doc
        kind = None
        for i in range(token.left_edge.i, token.i + 1):
            if i in anaphors:
                kind = anaphors[i]
                break
        lemma = token.lemma_.lower()
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        # "A children's home": the article belongs to the possessive in front
        determiners |= {t.lower_ for c in token.children if c.dep_ == "poss" for t in c.children if t.dep_ == "det"}
        if kind is None and lemma in self.council_nouns | self.institution_nouns and token.tag_ != "NNS":
            if determiners & {"a", "an"}:
                wanted = "institution" if lemma in self.institution_nouns else "council"
                return self._resolve_forward(wanted, token, institutions)
            if determiners & self.possessive_determiners:
                kind = "institution" if lemma in self.institution_nouns else "council"
        if kind is None and token.lower_ in self.pronouns:
            kind = "pronoun"  # also "this has been downgraded to inadequate": the rating just mentioned
        if kind is None:
            return []
        if kind == "pronoun" or token.lower_ in ("it", "they", "its", "their"):
            lede = self._indefinite_antecedent(token)
            if lede is not None:  # "A children's home ... closed after Ofsted rated it inadequate"
                return self._resolve_forward(lede, token, institutions)
            kind = prefer or self._latest_kind(doc, token.i, institutions)
        return self._resolve(kind, token.i, doc, institutions)

    def _indefinite_antecedent(self, token: Token) -> str | None:
        """The kind of an indefinite "a council" / "a children's home" that opens
        the pronoun's sentence and names nobody yet (a lede)."""
        for noun in token.sent:
            if noun.i >= token.i:
                break
            lemma = noun.lemma_.lower()
            if noun.dep_ in SUBJECT_DEPS and lemma in self.council_nouns | self.institution_nouns \
                    and any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in noun.subtree if t.i < noun.i):
                return "institution" if lemma in self.institution_nouns else "council"
        return None

    def _resolve_forward(self, kind: str, token: Token, institutions: list[Subject]) -> list[Subject]:
        """An indefinite lede ("A council has been rated ...") refers to the
        first subject of its kind named after it."""
        pool = institutions if kind == "institution" else self.councils(token.doc)
        after = [s for s in pool if s.start > token.i]
        return after[:1]

    def _latest_kind(self, doc: Doc, position: int, institutions: list[Subject]) -> str:
        council = council_before(doc, position, self.councils_key)
        council_at = council.start if council is not None and council.start < position else -1
        inst_at = max((s.start for s in institutions if s.start < position), default=-1)
        return "institution" if inst_at > council_at else "council"

    def _resolve(self, kind: str, position: int, doc: Doc, institutions: list[Subject]) -> list[Subject]:
        if kind == "institution":
            before = [s for s in institutions if s.start < position]
            return before[-1:] if before else []
        subjects = [s for s in self.councils(doc) if s.start < position]
        if not subjects:
            subjects = self.councils(doc)[:1]
        return subjects[-1:] if subjects else []

    @staticmethod
    def _negated_quantity(token: Token) -> bool:
        """"not a single authority", "no council": nobody in particular."""
        return any(c.dep_ in ("neg", "det") and c.lower_ in ("not", "no") for c in token.children)

    def _statistic(self, token: Token) -> bool:
        """"nine councils", "a third of authorities", "many schools", "each council":
        no named subject."""
        if token.like_num or any(c.dep_ == "det" and c.lower_ in self.quantifiers for c in token.children) \
                or self._negated_quantity(token):
            return True
        clauses = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        words = [t for t in token.subtree if t.i not in clauses]  # not "inspectors who visited on 19 October"
        if any(t.like_num or t.lower_ in self.statistic_words and t.dep_ in ("nummod", "det", "amod", "quantmod", "nsubj",
                                                                               "nsubjpass", "predet")
               for t in words if t.i != token.i or t.like_num):
            return token.tag_ in ("NNS", "CD") or token.lower_ in self.statistic_words
        return token.tag_ == "NNS" and token.lemma_.lower() in self.subject_nouns

    def agent_subject(self, predicate: Token | None) -> bool:
        """"Inspectors judged ...", "the last inspection rated safeguarding as adequate"."""
        return predicate is not None and any(c.dep_ in SUBJECT_DEPS and c.lower_ in self.agents
                                             for c in predicate.children)

    def _institution_context(self, sent: Span) -> bool:
        return any(t.text in self.institution_words or t.lower_ in ("school", "academy", "nursery", "home", "college")
                   for t in sent)

    @staticmethod
    def _coordinated(doc: Doc, a: Subject, b: Subject) -> bool:
        ta, tb = doc[a.start], doc[b.start]
        return ta.head.i == tb.i or tb.head.i == ta.i and ta.dep_ == "conj" or tb.dep_ == "conj" and tb.head.i == ta.i


def _dedupe(subjects: list[Subject]) -> list[Subject]:
    seen, out = set(), []
    for subject in subjects:
        if subject.name not in seen:
            seen.add(subject.name)
            out.append(subject)
    return out


def nested(subjects: list[Subject]) -> list[Subject]:
    """Drop a council inside a descriptive subject's phrase ("children's home
    run by X Council" is the subject, not X Council)."""
    spans = [(s.start, s.end) for s in subjects if s.end is not None]
    return [s for s in subjects if s.end is not None or not any(a <= s.start < b for a, b in spans)]


def _own_tokens(token: Token) -> set[int]:
    """A phrase's tokens without the clauses inside it ("Oakhurst House, which is
    run by X Council": X Council is not the subject)."""
    clauses = {t.i for d in token.subtree if d.dep_ in ("relcl", "acl") and d is not token for t in d.subtree}
    return {t.i for t in token.subtree} - clauses

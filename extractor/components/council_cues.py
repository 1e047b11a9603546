"""When a bare place name names the council: the context tests on one mention.

"Kent" is the council in "Kent's director", "children's services in Kent",
"Kent was rated inadequate", "the outcome for Kent was", "the latest of these
is Kent", and in a report's authority line above its title; it is a place in
"a school in Kent" and a different body in "Kent Police" or "West Kent". The
vocabularies are data in ``models/council_context.json``; tests that need the
other mentions of the text (lists, comparisons) live in ``council_lists.py``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import has_lemma, verb_forms

POSSESSIVE = {"'s", "’s", "'", "’"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_DASHES = {"–", "-", "—"}
_LIST_MARKS = {",", ";", "and", "&"}


class CouncilCues:
    """The cue lists of ``council_context.json`` and the tests that read them."""

    def __init__(self, nlp: Language, cues: dict) -> None:
        self.shared_heads = phrases(nlp, cues["shared_heads"])
        self.following = phrases(nlp, cues["following"]) + self.shared_heads
        self.preceding = phrases(nlp, cues["preceding"])
        self.not_before = phrases(nlp, cues["not_council_before"])
        self.qualifiers = set(cues["qualifiers"])
        self.report_titles = phrases(nlp, cues["report_title_starts"])
        self.area_inspections = phrases(nlp, cues["area_inspections"])
        self.comparisons = phrases(nlp, cues["comparisons"])
        self.possessive_nouns = set(cues["possessive_nouns"])
        self.rating_verbs = set(cues["rating_verbs"])
        self.subject_verbs = set(cues["subject_verbs"]) | self.rating_verbs
        self.object_verbs = set(cues["object_verbs"])
        self.copula_nouns = set(cues["copula_nouns"])
        self.among_nouns = set(cues["among_nouns"])
        self.subject_forms = verb_forms(self.subject_verbs)
        self.rating_forms = verb_forms(self.rating_verbs)
        self.object_forms = verb_forms(self.object_verbs | self.rating_verbs)
        self.not_next = set(cues["not_council_next"])
        self.grade_words = set(cues["grade_words"])
        self.list_heads = set(cues["list_heads"])
        self.list_words = set(cues["list_words"])
        self.inspectors = set(cues["inspectors"])
        self.institutions = set(cues["institutions"])
        self.rating_words = set(cues["rating_words"])
        self.location_words = set(cues["location_words"])

    # -- names that are not councils ------------------------------------------

    @staticmethod
    def person_names(doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the parser's PERSON names, less a final possessive or
        line break ("North Yorkshire's", "North Yorkshire\n" are no longer names)."""
        names = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                end = ent.end
                while end > ent.start and (doc[end - 1].is_space or doc[end - 1].lower_ in POSSESSIVE):
                    end -= 1
                names.append((ent.start, end))
        return names

    def is_other_name(self, span: Span, persons: list[tuple[int, int]]) -> bool:
        """"Harry Enfield", "Kent Police", "University of Kent", "West Cheshire" are not councils;
        "Devon" in "Staffordshire and Devon County Councils" is one, even read as a person's name."""
        doc = span.doc
        if any(starts(doc, i, self.shared_heads) for i in range(span.start + 1, span.end + 1)):
            return False  # "Devon County" + "Councils" too
        if any(start <= span.start and span.end <= end and end - start > len(span) for start, end in persons):
            return True
        if self.names_other_body(doc, span.end) or self.qualified(span):
            return True
        return ends(doc, span.start, self.not_before)

    def qualified(self, span: Span) -> bool:
        """"West Cheshire", "the Greater Manchester council" name a wider or another area."""
        before = span.start - 1
        while before >= 0 and span.doc[before].is_space:
            before -= 1
        return before >= 0 and span.doc[before].lower_ in self.qualifiers

    def names_other_body(self, doc: Doc, index: int) -> bool:
        """Does a name ending before token ``index`` go on into another body's name
        ("Kent Police", "Bristol (BNSSG) Integrated Care Board")?"""
        if index + 2 < len(doc) and doc[index].text == "(" and doc[index + 2].text == ")" and doc[index + 1].is_upper:
            index += 3  # a parenthesised initialism between name and noun
        if index >= len(doc):
            return False
        nxt = doc[index]
        return (nxt.is_title or nxt.is_upper) and nxt.lower_ in self.not_next and not starts(doc, index, self.following)

    # -- organisational context -------------------------------------------------

    def organisational(self, span: Span, strict: bool) -> bool:
        """Does the mention's own context name the council? ``strict`` (an
        ambiguous place such as "Reading") admits only the stronger cues."""
        doc = span.doc
        after = span.end
        if after < len(doc) and doc[after].lower_ in POSSESSIVE:
            if self._possessed(doc, after + 1):
                return True
            after += 1
        if starts(doc, after, self.following) or ends(doc, span.start, self.preceding):
            return True
        if self.graded_inline(span) or self.listed_as_council(span) or self.named_in_list(span):
            return True
        if self.title_line(span) or self.area_inspection(span):
            return True
        return self._clause_role(span, strict)

    def _possessed(self, doc: Doc, index: int) -> bool:
        """"Kent's director", "Kent's corporate director", "Calderdale's likely 2010 assessment"."""
        following = list(doc[index:index + 5])
        while len(following) > 1 and following[0].pos_ in ("ADJ", "NUM"):
            following = following[1:]
        nxt = following[0] if following else None
        return nxt is not None and (nxt.lower_ in self.possessive_nouns or nxt.lemma_.lower() in self.possessive_nouns)

    def _clause_role(self, span: Span, strict: bool) -> bool:
        """The mention's role in its clause: the subject of a verb a council does,
        the object of a rating verb, the answer of "the latest of these is ..."."""
        root = span.root
        verbs, forms = (self.rating_verbs, self.rating_forms) if strict else (self.subject_verbs, self.subject_forms)
        # "Wakefield, which was rated good in 2019"; "concerns were raised in Plymouth, where inspectors found";
        # but "Kent, where children were placed" is a place, and in "a nursery in Sutton, which was rated good"
        # or "a home in Devon, where inspectors found" the clause is about the nursery or the home
        located = self._located(root)
        for clause in root.children:
            if not located and clause.dep_ in ("relcl", "acl") and has_lemma(clause, self.rating_verbs, self.rating_forms) \
                    and (not any(w.lower_ == "where" for w in clause.children) or self._inspectors_did(clause)):
                return True
        verb = root.head.head
        if root.dep_ == "pobj" and root.head.lower_ == "in" and has_lemma(verb, self.rating_verbs, self.rating_forms) \
                and self._inspectors_did(verb) and not located:
            return True  # "in Staffordshire, inspectors found", not "Ofsted inspected a nursery in Sutton"
        if root.dep_ in _SUBJECT_DEPS:
            head = root.head
            if has_lemma(head, verbs, forms):
                return True
            if any(c.dep_ == "xcomp" and has_lemma(c, verbs, forms) for c in head.children):
                return True  # "Sandwell is to lose control", "Kent is expected to improve"
            if any(c.dep_ == "prep" and c.lower_ == "among" and any(g.lemma_.lower() in self.among_nouns
                                                                    for g in c.children) for c in head.children):
                return True  # "Kent and Essex were among the councils rated ..."
            if head.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in self.copula_nouns for c in head.children):
                return True
            if not strict and head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lower_ in self.grade_words
                                                          for c in head.children):
                return True
        if root.dep_ in ("attr", "acomp") and root.head.lemma_ == "be":
            be = root.head  # "the authorities found inadequate were Kent": the subject may hang on "found"
            subjects = [c for c in be.children if c.dep_ in _SUBJECT_DEPS] or \
                [c for c in be.head.children if c.dep_ in _SUBJECT_DEPS and be.dep_ in ("ccomp", "conj")]
            nouns = self.list_heads if strict else self.list_heads | self.copula_nouns | self.among_nouns
            if any(s.lemma_.lower() in nouns or s.lower_ in nouns for s in subjects):
                return True  # "the authorities found inadequate were Kent, ...", "the latest of these is Kent"
        if root.dep_ in ("dobj", "nsubj", "oprd", "nsubjpass") \
                and has_lemma(root.head, self.object_verbs | self.rating_verbs, self.object_forms) \
                and (root.dep_ != "nsubjpass" or self._done_by_a_body(root.head)):
            return True  # "Ofsted visited Devon", "Devon was visited by inspectors", not "... by tourists"
        # "Ofsted rated Luton inadequate", parsed as a compound of the grade
        return root.dep_ == "compound" and root.head.lower_ in self.grade_words \
            and has_lemma(root.head.head, self.rating_verbs, self.rating_forms)

    def _located(self, root) -> bool:
        """Is the place where something else is: "a home in Devon", "inspected a nursery in Sutton"?"""
        if root.dep_ != "pobj" or root.head.lower_ not in self.location_words:
            return False  # "a blow for Bournemouth, which was rated ..." is about Bournemouth
        owner = root.head.head
        return owner.pos_ in ("NOUN", "PROPN") or any(c.dep_ == "dobj" and c.lemma_.lower() in self.institutions
                                                      for c in owner.children)

    def _done_by_a_body(self, verb) -> bool:
        """A passive with no agent, or an inspectorate or named body as its agent."""
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return all(g.lemma_.lower() in self.inspectors or g.pos_ == "PROPN" for g in agents)

    def _inspectors_did(self, verb) -> bool:
        return any(c.dep_ in _SUBJECT_DEPS and c.lemma_.lower() in self.inspectors for c in verb.children)

    def graded_inline(self, span: Span) -> bool:
        """Round-up forms: "Kent (inadequate)", "Kent: good", "Kent – outstanding",
        "Leeds, judged good last year,"."""
        doc = span.doc
        window = [t for t in doc[span.end:span.end + 4] if not t.is_space]
        if len(window) >= 3 and window[0].text == "," and window[1].tag_ == "VBN" \
                and window[1].lemma_.lower() in self.rating_verbs and window[2].lower_ in self.grade_words \
                and (len(window) < 4 or window[3].pos_ not in ("NOUN", "PROPN")):  # not "found good work"
            return True
        if len(window) >= 2 and window[0].text in {"(", ":"} | _DASHES and window[1].lower_ in self.grade_words:
            return True
        return self._figure_row(span)

    @staticmethod
    def _figure_row(span: Span) -> bool:
        """A line of a league table: "Hartlepool – 176 per 10,000", "Sandwell: 1,020"."""
        doc = span.doc
        rest = _rest_of_line(doc, span.end)
        return _line_start(doc, span.start) and len(rest) >= 2 and rest[0].text in {":"} | _DASHES \
            and rest[1].like_num and len(rest) <= 6 and span.end + len(rest) <= len(doc)

    def title_line(self, span: Span) -> bool:
        """A report's authority line above its title: "Kent" alone on a line, then
        "Inspection of services for children in need of help and protection"."""
        doc = span.doc
        if not _line_start(doc, span.start) or _rest_of_line(doc, span.end):
            return False
        index = span.end
        while index < len(doc) and doc[index].is_space:
            index += 1
        return starts(doc, index, self.report_titles)

    def area_inspection(self, span: Span) -> bool:
        """The area an area inspection covers: "Joint targeted area inspection of the
        multi-agency response to child exploitation in Halton"."""
        doc = span.doc
        if span.start == 0 or doc[span.start - 1].lower_ != "in":
            return False
        sent = span.sent
        words = [t.lower_ for t in doc[sent.start:span.start]]
        return any(tuple(words[i:i + len(p)]) == p for p in self.area_inspections for i in range(len(words)))

    def listed_as_council(self, span: Span) -> bool:
        """A list of councils: "councils, including Leeds", "inadequate councils include
        Kent", "29 councils ... and 4, including Leeds," and "2, Sunderland and Wokingham,"."""
        root = span.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in self.list_words:
            owner = head.head
        elif root.dep_ == "dobj" and head.lower_ in self.list_words:
            owner = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
        elif root.dep_ in ("appos", "conj") and head.like_num:
            owner = head
        else:
            return False
        if owner is not None and owner.pos_ in ("VERB", "AUX"):  # "councils are rated good, including Leeds"
            owner = next((c for c in owner.children if c.dep_ in _SUBJECT_DEPS), None)
        if owner is None:
            return False
        if owner.lemma_.lower() in self.list_heads:
            return True
        # a number standing for councils counted earlier in the sentence or the one before
        sent = span.sent
        earlier = span.doc[span.doc[sent.start - 1].sent.start if sent.start else 0:owner.i]
        return owner.like_num and any(t.lemma_.lower() in self.list_heads for t in earlier)

    def named_in_list(self, span: Span) -> bool:
        """The first name of a list that a council noun introduces: "three authorities,
        Gateshead, York and ...", "ten councils have excellent ratings: Camden; ..."."""
        doc = span.doc
        root = span.root
        head = root.head
        if root.dep_ in ("appos", "conj") and head.lemma_.lower() in self.list_heads and head.i + 2 == span.start \
                and doc[head.i + 1].text == ",":
            return True
        before = span.start - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if before < 0 or doc[before].text != ":" or span.end >= len(doc) or doc[span.end].lower_ not in _LIST_MARKS:
            return False
        # the words before the colon, from the start of the sentence before
        sent = doc[before].sent
        first = doc[sent.start - 1].sent.start if sent.start else 0
        return any(t.lemma_.lower() in self.list_heads and t.pos_ in ("NOUN", "PROPN") for t in doc[first:before])


def phrases(nlp: Language, items: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(t.lower_ for t in nlp.make_doc(p)) for p in items}, key=len, reverse=True)


def starts(doc: Doc, index: int, items: list[tuple[str, ...]]) -> bool:
    """Do the tokens from ``index`` (skipping line breaks) begin with one of ``items``?"""
    words = [t.lower_ for t in doc[index:index + 8] if not t.is_space]
    return any(tuple(words[:len(p)]) == p for p in items)


def ends(doc: Doc, index: int, items: list[tuple[str, ...]]) -> bool:
    """Do the tokens before ``index`` end with one of ``items``?"""
    words = [t.lower_ for t in doc[max(0, index - 8):index] if not t.is_space]
    return any(len(words) >= len(p) and tuple(words[-len(p):]) == p for p in items)


def _line_start(doc: Doc, index: int) -> bool:
    return index == 0 or "\n" in doc[index - 1].text or "\n" in doc[index - 1].whitespace_


def _rest_of_line(doc: Doc, index: int) -> list:
    """The tokens from ``index`` to the end of its line (at most eight)."""
    rest = []
    if index > 0 and "\n" in doc[index - 1].whitespace_:
        return rest
    for token in doc[index:index + 8]:
        if "\n" in token.text:
            break
        rest.append(token)
        if "\n" in token.whitespace_:
            break
    return rest

"""Counts: how many of something a text says there are.

A number counts the noun it modifies ("three vulnerable children") or heads an
"of" phrase ("13 of those 16 cases"); a number whose noun is left out takes it
from the text around it ("Of 43 inspections, seven authorities ... with a
further 26 requiring improvement"). Numbers that are years, dates, ages,
percentages, money, ordinals, labels, measures or durations are not counts,
and "one" counts only when it states a quantity. Vocabulary:
``models/quantities.json``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..numbers import as_number, is_number_word, parse_number
from .context import token_texts
from .count_nouns import NOUNS, NounReader, of_phrase

_SINGULAR = {"NN", "NNP"}
_CONNECTORS = {"and", "or", "to", "-", "–", ","}


class CountFinder:
    """Finds count spans; each span's ``_.quantity`` holds value, item and offsets."""

    def __init__(self, vocab: dict) -> None:
        self.nouns = NounReader(vocab)
        self.not_items = self.nouns.not_items
        self.not_before = {tuple(p.split()) for p in vocab["not_count_before"]}
        self.rates = [tuple(p.split()) for p in vocab["rate_words"]]
        self.not_after = {tuple(p.split()) for p in vocab["not_count_after"]}
        self.elision_cues = set(vocab["elision_cues"])
        self.standalone_deps = set(vocab["standalone_dependencies"])
        self.mass_nouns = set(vocab["mass_nouns"])
        self.change_verbs = set(vocab["change_verbs"])
        self.change_prepositions = set(vocab["change_prepositions"])
        self.school_year_words = {(w,) for w in vocab["school_year_words"]}
        self.school_year_max = vocab["school_year_max"]
        self.year_words = set(vocab["year_determiners"])
        self.single_words = set(vocab["single_words"])
        self.one_cues = set(vocab["one_cues"])
        self.one_blockers = set(vocab["one_blockers"])
        self.ordinal_suffixes = tuple(vocab["ordinal_suffixes"])

    def find(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Count spans in text order; tokens in ``taken`` (money, dates) are not numbers here."""
        spans: list[Span] = []
        bare: list[tuple[Span, float]] = []
        runs = self._numbers(doc, taken)
        countable = [self._countable(doc, numbers) for numbers in runs]
        for k, numbers in enumerate(runs):
            value = parse_number([t.text for t in numbers])
            if value is None or value == 0 or not countable[k] or any(
                    not countable[j] and self._conjoined(doc, runs[min(j, k)], runs[max(j, k)])
                    for j in (k - 1, k + 1) if 0 <= j < len(runs)):
                continue  # "aged 15 and 16", "for 16 and 17-year-olds": the pair is one kind of number
            noun = self.nouns.counted_noun(numbers, value)
            if noun is not None and any(t.pos_ == "NOUN" and (t.lemma_.lower() in self.not_items or t.lower_ in self.not_items)
                                        for t in doc[numbers.end:noun.i]):
                continue  # "a two year period", "4 star status": a measure, not a count
            found = self.nouns.item(noun) if noun is not None else None
            if noun is not None and value > 1 and noun.tag_ in _SINGULAR and (found is None or found[1] == noun.i + 1) \
                    and noun.lower_ not in self.mass_nouns:
                noun = None  # "a further 26 requiring improvement": the number does not count that noun
            if noun is None and (self.nouns.out_of(numbers[-1]) or numbers.start >= 3 and doc[numbers.start - 3].like_num
                                 and [t.lower_ for t in doc[numbers.start - 2:numbers.start]] == ["out", "of"]):
                continue  # "scored 3 out of 4": a score; not "eight boards out of 101"
            if noun is None:
                bare.append((numbers, value))
            elif found is not None:
                item, end = found
                if self._rate_follows(doc, max(end, numbers.end)):
                    continue  # "217 children per 10,000": a rate
                spans.append(self._count_span(doc, numbers.start, max(end, numbers.end), value, item))
        spans = [s for s in spans if not self._is_one(s) or self._states_one(s, spans)]
        for numbers, value in bare:  # in text order, so "Three ... The remaining eight" chains
            span = self._elided(doc, numbers, value, sorted(spans, key=lambda s: s.start))
            if span is not None and (not self._is_one(span) or self._states_one(span, spans)):
                spans.append(span)
        return sorted(spans, key=lambda s: s.start)

    @staticmethod
    def _is_one(span: Span) -> bool:
        return len(span) >= 1 and span[0].lower_ in ("one", "1") and span._.quantity["value"] == 1

    def _states_one(self, span: Span, counts: list[Span]) -> bool:
        """"one" counts only when it states a quantity: after a word that makes
        it one ("only one council", "there had been one closure", "all but one
        area", "improved by one grade"), or as part of a tally of the same thing
        ("113 councils overspent ... One council did not submit"); not "One
        parent wrote", "in one home", "a permanent one", "one in five", "one of
        them", "at least one"."""
        doc = span.doc
        words = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
        before = doc[span.start - 1] if span.start else None
        after = [t.lower_ for t in doc[span.start + 1:span.start + 3]]
        if after[:1] in (["of"], ["another"], ["or"], ["out"]) or after[:1] == ["in"] and len(after) > 1 and (
                is_number_word(after[1]) or after[1] == "every"):
            return False  # "one of them", "one or two", "one in five"
        if before is not None and (before.lower_ in self.one_blockers or before.pos_ == "ADJ") or words[:1] == ["not"]:
            return False
        if len(span) == 1 and not self._stands_alone(span[0]):
            return False  # "a score of two, one lower than last year"
        if words[-1:] and words[-1] in self.one_cues or words == ["all", "but"]:
            return True
        if before is not None and before.lower_ == "by":
            return before.head.lemma_.lower() in self.change_verbs  # "improved by one grade", not "dazzled by one letter"
        if before is not None and before.pos_ in ("ADP", "CCONJ"):
            return False
        sentence = span.sent
        previous = doc[sentence.start - 1].sent if sentence.start else sentence
        item = span._.quantity["item"]
        return any(c is not span and c._.quantity["item"] == item and previous.start <= c.start < sentence.end
                   for c in counts)

    def _rate_follows(self, doc: Doc, i: int) -> bool:
        words = [t.lower_ for t in doc[i:i + 6] if not t.is_space]
        words = words[2:] if words[:2] == ["in", "care"] else words  # "children in care per 10,000"
        # "per 10,000" is a rate; "24 children per social worker" still counts children
        return any(tuple(words[:len(rate)]) == rate and len(words) > len(rate) and is_number_word(words[len(rate)])
                   for rate in self.rates)

    def _numbers(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Maximal runs of number tokens ("twenty - five", "1.5 million")."""
        texts = token_texts(doc)  # read as strings: most tokens are not numbers
        runs = []
        i = 0
        while i < len(texts):
            if i in taken or not is_number_word(texts[i]) or doc[i].pos_ == "PROPN" and not doc[i].like_num:
                i += 1
                continue
            end = i + 1
            while end < len(texts) and end not in taken and (
                    is_number_word(texts[end]) and not (texts[end - 1][:1].isdigit() and texts[end][:1].isdigit())
                    or texts[end] in ("-", "and") and end + 1 < len(texts) and is_number_word(texts[end + 1])
                    and not texts[end - 1][:1].isdigit() and not texts[end + 1][:1].isdigit()):
                end += 1  # "twenty - five", "one hundred and two", "1.5 million"; not "1 - 4" or "10 and 11"
            runs.append(doc[i:end])
            i = end
        return runs

    @staticmethod
    def _conjoined(doc: Doc, left: Span, right: Span) -> bool:
        return right.start == left.end + 1 and doc[left.end].lower_ in ("and", "or", "to")

    def _count_span(self, doc: Doc, start: int, end: int, value: float, item: str) -> Span:
        span = Span(doc, start, end, label="COUNT")
        span._.quantity = {"value": as_number(value), "item": item, "text": span.text, "start": span.start_char,
                           "end": span.end_char}
        return span

    def _elided(self, doc: Doc, numbers: Span, value: float, counts: list[Span]) -> Span | None:
        """A number whose noun is left out counts, in this order: what the
        subject of a verb of change counts ("referrals rose to 7,450", "the
        number of plans has climbed to 53,790"); what the count before it in its
        sentence counts ("Of 43 inspections, seven authorities ... with a further
        26 requiring improvement"), or a count just after it ("between 15 and 18
        children"); the noun of "the number of X" or of an opening "Of its
        schools, ..."; and, for a number standing alone as subject or object
        ("Three improved. The remaining eight ..."), the last count of the
        sentence before."""
        first, last = numbers[0], numbers[-1]
        if first.text.startswith("0") and len(first.text) > 1:
            return None
        before = doc[first.i - 1].lower_ if first.i > 0 else ""
        after = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
        cued = before in self.elision_cues or after in self.elision_cues
        if not cued and not self._stands_alone(last) or self._measure_of(last):
            return None
        sent = first.sent
        same = [c for c in counts if sent.start <= c.start < sent.end]
        earlier = [c for c in same if c.end <= first.i]
        later = [c for c in same if c.start > last.i and c.start - last.i <= 3
                 and all(t.lower_ in _CONNECTORS for t in doc[last.i + 1:c.start])]  # "between 15 and 18 children"
        verb = self._change_verb(self._role_token(last))
        item = None
        if verb is not None and not any(verb in c[-1].ancestors for c in earlier):  # not "from 24 children ... to 19"
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            item = self.nouns.noun_item(subject)
        if item is None and earlier:
            item = earlier[-1]._.quantity["item"]
        elif item is None and later:
            item = later[0]._.quantity["item"]
        if item is None:
            for token in doc[sent.start:first.i]:
                if token.lower_ in self.nouns.total_words and doc[token.i + 1].lower_ == "of" or token.i == sent.start \
                        and token.lower_ == "of":  # "the number of X ...", "Of its schools, three ..."
                    item = item or self.nouns.noun_item(next((c for c in of_phrase(token).children if c.dep_ == "pobj"), None))
        if item is None and sent.start > 0 and self._stands_alone(last):
            previous = doc[sent.start - 1].sent
            entities = [c for c in counts if previous.start <= c.start < previous.end
                        and not (c[-1].dep_ == "pobj" and c[-1].head.lower_ == "by" or self._role_token(c[-1]).head.lower_ == "by")]
            item = entities[-1]._.quantity["item"] if entities else None  # not "improved by two grades": a measure
        return self._count_span(doc, numbers.start, numbers.end, value, item) if item else None

    def _change_verb(self, token: Token) -> Token | None:
        """The verb of change a number is reached by ("rose to 7,450", "has reached 709")."""
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in self.change_prepositions:
            verb = head.head
        elif token.dep_ == "dobj":
            verb = head
        else:
            return None
        return verb if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in self.change_verbs else None

    @staticmethod
    def _role_token(number: Token) -> Token:
        """The token whose place a number takes: the noun it modifies when it
        cannot count it ("a further 26 requiring improvement"), else itself."""
        return number.head if number.dep_ in ("nummod", "quantmod") and number.head.pos_ in NOUNS else number

    def _stands_alone(self, number: Token) -> bool:
        """A number used as a noun phrase of its own ("four fell short", "with
        just 22", "findings issued for 83", "a further 26 requiring
        improvement"), not a label ("Item 7", "(1)"), an age ("Daniel, four,")
        or a score ("a score of two")."""
        doc = number.doc
        token = self._role_token(number)
        if token.pos_ == "PROPN" and not any(t.text == "(" for t in doc[number.i + 1:token.i]):
            return False  # "November 6", "PDF 74"
        if token.dep_ not in self.standalone_deps or token.head.pos_ == "PROPN" or number.i == 0:
            return False
        if doc[number.i - 1].text == "(" and number.i + 1 < len(doc) and doc[number.i + 1].text == ")":
            return False
        return not self._measure_of(token)

    def _measure_of(self, token: Token) -> bool:
        """"a score of two", "Item 7 of": the number is a value of a measure or a label."""
        head = token.head
        return token.dep_ == "pobj" and head.head.pos_ in NOUNS and (
            head.head.lemma_.lower() in self.not_items or head.head.pos_ == "PROPN")

    def _countable(self, doc: Doc, numbers: Span) -> bool:
        first, last = numbers[0], numbers[-1]
        if len(numbers) == 1 and first.lower_ in self.single_words:
            return False  # "one mother said", "one of the ...": not a count of anything
        if any(t.text.lower().endswith(self.ordinal_suffixes) and t.text[:1].isdigit() for t in numbers):
            return False
        before = tuple(t.lower_ for t in doc[max(0, first.i - 2):first.i] if not t.is_space)
        if any(before[-len(p):] == p for p in self.not_before if len(before) >= len(p)):
            return False
        after = tuple(t.lower_ for t in doc[last.i + 1:last.i + 4])
        if any(after[:len(p)] == p for p in self.not_after) and not self.nouns.out_of(last):
            return False
        if before[-1:] in self.school_year_words and (parse_number([first.text]) or 0) <= self.school_year_max \
                and not set(before[-2:-1]) & self.year_words:
            return False  # "pupils in Year 10"; not "this year 25 authorities"
        if first.i >= 2 and doc[first.i - 1].lower_ == "in" and doc[first.i - 2].like_num:
            return False  # "eight in ten": a proportion
        line_start = first.i == 0 or "\n" in doc[first.i - 1].text + doc[first.i - 1].whitespace_
        if line_start and (after[:1] == (".",) or re.fullmatch(r"\d+(?:\.\d+)+", first.text)):
            return False  # "4. Detail", "3.1 Ofsted ...": a numbered paragraph
        if after[:1] == ("-",) and last.whitespace_ == "":
            return False  # "a four-week inspection", "a 230-pupil school": describes, does not count
        if last.i + 1 < len(doc) and doc[last.i + 1].text in (":", ".") and last.i + 2 < len(doc) and doc[last.i + 2].like_num:
            return False  # times and decimals split oddly
        return True

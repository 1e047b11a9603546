"""Money and counts.

Money is matched on the raw text because the small model tokenises "£5m." and
"£1.2bn" unpredictably; counts are read from the parse: a number that modifies
a noun ("three vulnerable children") or heads an "of" phrase ("13 of those 16
cases"). Numbers that are years, dates, ages, percentages, money, ordinals,
section numbers or durations are not counts. Vocabulary: ``models/quantities.json``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..numbers import as_number, is_number_word, parse_number
from ..resources import load_json, resolve
from .context import register_extensions

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NOUNS = {"NOUN", "PROPN"}


@Language.factory("ofsted_quantities",
                  default_config={"counts_key": "counts", "money_key": "money", "vocab_path": None},
                  assigns=["doc.spans"], requires=["token.dep", "token.lemma", "token.pos"])
def make_quantities(nlp: Language, name: str, counts_key: str, money_key: str,
                    vocab_path: str | None) -> "QuantityFinder":
    return QuantityFinder(counts_key=counts_key, money_key=money_key, vocab_path=vocab_path)


class QuantityFinder:
    """Writes ``doc.spans[money_key]`` and ``doc.spans[counts_key]``; each span's
    ``_.quantity`` holds the value, the currency or item, and exact offsets."""

    def __init__(self, *, counts_key: str = "counts", money_key: str = "money", vocab_path: str | None = None) -> None:
        register_extensions()
        self.counts_key, self.money_key = counts_key, money_key
        vocab = load_json(resolve(vocab_path, "quantities.json"))
        self.symbols: dict[str, str] = vocab["currency_symbols"]
        self.currency_words: dict[str, str] = vocab["currency_words"]
        self.minor_units: dict[str, str] = vocab["minor_units"]
        self.multipliers: dict[str, int] = vocab["multipliers"]
        self.not_before = {tuple(p.split()) for p in vocab["not_count_before"]}
        self.rates = [tuple(p.split()) for p in vocab["rate_words"]]
        self.not_after = {tuple(p.split()) for p in vocab["not_count_after"]}
        self.not_items = set(vocab["not_items"])
        self.of_determiners = set(vocab["of_determiners"])
        phrases = [tuple(_join_possessives(m.split())) for m in vocab["multiword_items"]]
        prepositions = {"of", "for", "in", "on"}
        self.postmodified = sorted((p for p in phrases if set(p[1:2]) & prepositions), key=len, reverse=True)
        self.multiword = sorted((p for p in phrases if not set(p[1:2]) & prepositions), key=len, reverse=True)
        self.lemma_overrides: dict[str, str] = vocab["lemma_overrides"]
        self.classifiers = set(vocab["classifier_adjectives"])
        self.elision_cues = set(vocab["elision_cues"])
        self.single_words = set(vocab["single_words"])
        self.ordinal_suffixes = tuple(vocab["ordinal_suffixes"])
        symbols = "".join(re.escape(s) for s in self.symbols)
        mults = "|".join(sorted((re.escape(m) for m in self.multipliers), key=len, reverse=True))
        words = "|".join(sorted(self.currency_words, key=len, reverse=True))
        number_words = "|".join(sorted(vocab["number_words"], key=len, reverse=True) + list(vocab["scale_words"]))
        self._money = re.compile(
            rf"(?P<sym>[{symbols}])\s?(?P<num>{_NUM})(?:\s?(?P<mult>{mults})\b)?"
            rf"(?P<range>\s?(?:-|–|to)\s?(?P<num2>{_NUM})\s?(?P<mult2>{mults})\b)?"
            rf"|\b(?P<wnum>{_NUM}|(?:(?:{number_words})[\s-]+)+)\s?(?P<wmult>{mults})?\s(?P<word>{words})\b"
            rf"|\b(?P<pnum>\d+(?:\.\d+)?)p\b",
            re.IGNORECASE,
        )

    def __call__(self, doc: Doc) -> Doc:
        money = self._find_money(doc)
        taken = {i for span in money for i in range(span.start, span.end)}
        for key in ("dates",):
            for span in doc.spans.get(key, []):
                taken.update(range(span.start, span.end))
        doc.spans[self.money_key] = money
        doc.spans[self.counts_key] = self._find_counts(doc, taken)
        return doc

    # -- money -----------------------------------------------------------------

    def _find_money(self, doc: Doc) -> list[Span]:
        text = doc.text
        spans = []
        for m in self._money.finditer(text):
            g = m.groupdict()
            if g["sym"]:
                currency = self.symbols[g["sym"]]
                mult = g["mult"] or g["mult2"]
                first_end = m.end("mult") if g["mult"] else m.end("num")
                spans.append(self._money_span(doc, text, m.start(), first_end, float(g["num"].replace(",", "")), mult, currency))
                if g["range"]:
                    spans.append(self._money_span(doc, text, m.start("num2"), m.end(), float(g["num2"].replace(",", "")),
                                                  g["mult2"], currency))
            elif g["word"]:
                value = parse_number(re.split(r"[\s-]+", g["wnum"].strip()))
                if value is None:
                    continue
                unit = g["word"].lower()
                if unit in self.minor_units:
                    value /= 100
                spans.append(self._money_span(doc, text, m.start(), m.end(), value, g["wmult"], self.currency_words[unit]))
            else:
                spans.append(self._money_span(doc, text, m.start(), m.end(), float(g["pnum"]) / 100, None, self.minor_units["p"]))
        return [s for s in spans if s is not None]

    def _money_span(self, doc: Doc, text: str, start: int, end: int, value: float, mult: str | None,
                    currency: str) -> Span | None:
        if mult:
            value *= self.multipliers.get(mult, self.multipliers.get(mult.lower(), 1))
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        span = Span(doc, span.start, span.end, label="MONEY")
        span._.quantity = {"value": as_number(value), "currency": currency, "text": text[start:end],
                           "start": start, "end": end}
        return span

    # -- counts ----------------------------------------------------------------

    def _find_counts(self, doc: Doc, taken: set[int]) -> list[Span]:
        spans: list[Span] = []
        bare: list[tuple[Span, float]] = []
        for numbers in self._numbers(doc, taken):
            value = parse_number([t.text for t in numbers])
            if value is None or value == 0 or not self._countable(doc, numbers):
                continue
            noun = self._counted_noun(numbers)
            found = self._item(noun) if noun is not None else None
            if noun is None:
                bare.append((numbers, value))
            elif found is not None:
                item, end = found
                if self._rate_follows(doc, max(end, numbers.end)):
                    continue  # "217 children per 10,000": a rate
                spans.append(self._count_span(doc, numbers.start, max(end, numbers.end), value, item))
        spans += [s for s in (self._elided(doc, numbers, value, spans) for numbers, value in bare) if s is not None]
        return sorted(spans, key=lambda s: s.start)

    def _rate_follows(self, doc: Doc, i: int) -> bool:
        words = [t.lower_ for t in doc[i:i + 6] if not t.is_space]
        words = words[2:] if words[:2] == ["in", "care"] else words  # "children in care per 10,000"
        # "per 10,000" is a rate; "24 children per social worker" still counts children
        return any(tuple(words[:len(rate)]) == rate and len(words) > len(rate) and is_number_word(words[len(rate)])
                   for rate in self.rates)

    def _numbers(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Maximal runs of number tokens ("twenty - five", "1.5 million")."""
        runs = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in taken or not is_number_word(token.text) or token.pos_ == "PROPN" and not token.like_num:
                i += 1
                continue
            end = i + 1
            while end < len(doc) and end not in taken and (is_number_word(doc[end].text) or doc[end].text in ("-", "and")
                                                           and end + 1 < len(doc) and is_number_word(doc[end + 1].text)):
                end += 1
            runs.append(doc[i:end])
            i = end
        return runs

    def _count_span(self, doc: Doc, start: int, end: int, value: float, item: str) -> Span:
        span = Span(doc, start, end, label="COUNT")
        span._.quantity = {"value": as_number(value), "item": item, "text": span.text, "start": span.start_char,
                           "end": span.end_char}
        return span

    def _elided(self, doc: Doc, numbers: Span, value: float, counts: list[Span]) -> Span | None:
        """A number whose noun is left out ("rose to 1,020, up from 780"; "11
        were judged outstanding, 87 good") counts what a nearby count or "the
        number of X" in the same sentence counts."""
        first, last = numbers[0], numbers[-1]
        if first.text.startswith("0") and len(first.text) > 1:
            return None
        before = doc[first.i - 1].lower_ if first.i > 0 else ""
        after = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
        if before not in self.elision_cues and after not in self.elision_cues:
            return None
        sent = first.sent
        same = [c for c in counts if sent.start <= c.start < sent.end]
        earlier = [c for c in same if c.end <= first.i]
        later = [c for c in same if c.start > last.i and c.start - last.i <= 3]
        item = None
        if earlier:
            item = earlier[-1]._.quantity["item"]
        elif later:
            item = later[0]._.quantity["item"]
        else:
            for token in doc[sent.start:first.i]:
                if token.lower_ == "number" and token.i + 2 < first.i and doc[token.i + 1].lower_ == "of":
                    noun = self._phrase_head(doc[token.i + 2])
                    found = self._item(noun) if noun.pos_ in _NOUNS else None
                    item = found[0] if found else None
        return self._count_span(doc, numbers.start, numbers.end, value, item) if item else None

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
        if any(after[:len(p)] == p for p in self.not_after):
            return False
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

    def _counted_noun(self, numbers: Span) -> Token | None:
        """The noun a number counts: its head when it modifies one, else the
        object of a following "of" ("13 of those 16 cases")."""
        doc = numbers.doc
        last = numbers[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of":
            j = last.i + 2
            while j < len(doc) and (doc[j].lower_ in self.of_determiners or is_number_word(doc[j].text)
                                    or doc[j].like_num or doc[j].pos_ == "ADJ"
                                    or doc[j].pos_ in ("PROPN", "NOUN") and j + 1 < len(doc) and doc[j + 1].text in ("'s", "’s")
                                    or doc[j].text in ("'s", "’s")):
                j += 1  # "13 of those 16 cases", "five of Evergreen's seven homes", "31 of the council's 112 posts"
            if j < len(doc) and doc[j].pos_ in _NOUNS:
                return self._phrase_head(doc[j])
            return None
        head = last.head
        if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in _NOUNS and head.i > last.i:
            if head.dep_ == "poss" and head.head.pos_ in _NOUNS:  # "25 children's homes" counts homes
                return head.head
            return self._phrase_head(head)
        # parse failures: the noun right after the number (allowing adjectives)
        j = last.i + 1
        while j < len(doc) and j <= last.i + 3 and doc[j].pos_ in ("ADJ", "VERB") and doc[j].tag_ in ("JJ", "VBN", "VBG"):
            j += 1
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].tag_ == "NNS":
            return self._phrase_head(doc[j])
        return None

    @staticmethod
    def _phrase_head(token: Token) -> Token:
        """Walk right along a compound ("child protection plans" -> plans,
        "380 care leavers" -> leavers)."""
        doc = token.doc
        while token.tag_ != "NNS":  # a plural is the head ("14 of the 52 case files inspectors read")
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if token.dep_ in ("compound", "nmod") and token.head.i > token.i and token.head.pos_ in _NOUNS:
                token = token.head
            elif token.tag_ == "NN" and nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
                token = nxt
            else:
                return token
        return token

    def _item(self, noun: Token) -> tuple[str, int] | None:
        """The counted thing as a lowercase singular lemma, keeping the words
        that name it ("social worker", "area for priority action") and dropping
        plain adjectives ("three vulnerable children" -> child); with the
        index just past the words it was read from."""
        raw = noun.lemma_.lower() if noun.pos_ == "NOUN" or noun.tag_ == "NNS" else noun.lower_
        lemma = self.lemma_overrides.get(noun.lower_, self.lemma_overrides.get(raw, raw))
        if lemma in self.not_items or not lemma.replace("-", "").isalpha():
            return None
        doc = noun.doc
        following = doc[noun.i + 1:noun.i + 7]
        words = _join_possessives([t.lower_ for t in following])
        for phrase in self.postmodified:
            if phrase[0] == lemma and tuple(words[:len(phrase) - 1]) == phrase[1:]:
                consumed = len(phrase) - 1 + sum(1 for t in following[:len(phrase) + 2] if t.lower_ in ("'s", "’s"))
                return " ".join(phrase), noun.i + 1 + consumed
        for phrase in self.multiword:  # "310 care leavers" where the parse stopped at "care"
            rest = phrase[1:]
            if phrase[0] == lemma and rest and tuple(w.rstrip("s") for w in words[:len(rest)]) == tuple(
                    w.rstrip("s") for w in rest):
                return " ".join(phrase), noun.i + 1 + len(rest)
        preceding = _join_possessives([t.lower_ for t in doc[max(0, noun.i - 4):noun.i]])
        for phrase in self.multiword:
            modifiers = phrase[:-1]
            if phrase[-1] in (lemma, noun.lower_) and modifiers and tuple(preceding[-len(modifiers):]) == modifiers:
                return " ".join(modifiers + (lemma,)), noun.i + 1
        modifiers: list[str] = []
        for token in reversed(doc[max(0, noun.i - 3):noun.i]):
            if token.dep_ == "compound" and token.pos_ == "NOUN" and token.tag_ != "VBG" or token.lower_ in self.classifiers:
                modifiers.insert(0, token.lower_)
            else:
                break
        return " ".join(modifiers + [lemma]), noun.i + 1


def _join_possessives(words: list[str]) -> list[str]:
    """["children", "'s"] -> ["children's"] so possessive compounds compare as written."""
    out: list[str] = []
    for word in words:
        if word in ("'s", "’s") and out:
            out[-1] += "'s"
        else:
            out.append(word)
    return out

"""Money and counts.

Money is matched on the raw text because the small model tokenises "£5m." and
"£1.2bn" unpredictably; counts are read from the parse (see ``counts.py``).
Vocabulary: ``models/quantities.json``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..numbers import as_number, parse_number
from ..resources import load_json, resolve
from .context import doc_text, register_extensions
from .counts import CountFinder

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


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
        self.counts = CountFinder(vocab)
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
        doc.spans[self.counts_key] = self.counts.find(doc, taken)
        return doc

    # -- money -----------------------------------------------------------------

    def _find_money(self, doc: Doc) -> list[Span]:
        text = doc_text(doc)
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
        span._.quantity = {"value": as_number(round(value, 2)), "currency": currency, "text": text[start:end],  # to the penny
                           "start": start, "end": end}
        return span

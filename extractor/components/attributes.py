"""spaCy's attribute ruler with the same patterns and results, matched faster.

The base model's ``attribute_ruler`` maps every tag to its part of speech and
morphology with about 180 Matcher patterns of one or two tokens with no
operators ("TAG is NN", "LOWER is 'gon', then 'na'"). Run through the general
Matcher they cost a tenth of the whole model's time. Here each pattern is
looked up by one of its first token's values and its other tests are checked
on the Doc's arrays, which costs almost nothing. A pattern with operators or
other attributes still goes through a Matcher. Matches are applied exactly as
``AttributeRuler`` applies them (its own ``set_annotations``, in pattern
order), so the annotations are identical; ``tests/test_attributes.py`` checks
that against the model's own ruler.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler, attribute_ruler_score
from spacy.tokens import Doc
from spacy.vocab import Vocab

# attributes whose Doc array holds the hash of the string a pattern gives, most selective first
_STRING_ATTRS = ("LOWER", "ORTH", "TAG", "DEP")
# attributes a pattern gives as true or false, whose array holds 1 or 0
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER")


@dataclass(frozen=True)
class _Test:
    """One attribute test of one pattern token: the value is (not) in ``values``,
    or its string matches ``regex``."""

    attr: str
    values: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern | None = None

    def passes(self, value: int, strings: Any, seen: dict[tuple[int, int], bool]) -> bool:
        """``seen`` remembers regex results for one Doc, where words repeat."""
        if self.regex is None:
            return (value in self.values) != self.negated
        key = (id(self), value)
        if key not in seen:
            seen[key] = bool(self.regex.search(strings[value]))
        return seen[key]


@dataclass(frozen=True)
class _Rule:
    key: int  # the AttributeRuler's rule key
    tokens: tuple[tuple[_Test, ...], ...]  # the tests of each token in the pattern

    def fits(self, columns: dict[str, list[int]], start: int, strings: Any, seen: dict[tuple[int, int], bool],
             skip: _Test | None = None) -> bool:
        """Does the pattern match at ``start``? ``skip`` is a test already passed."""
        return start + len(self.tokens) <= len(columns[self.tokens[0][0].attr]) and all(
            test.passes(columns[test.attr][start + offset], strings, seen)
            for offset, tests in enumerate(self.tokens) for test in tests if test is not skip)


@Language.factory("ofsted_attribute_ruler", default_config={"validate": False},
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> "IndexedAttributeRuler":
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose plain patterns are looked up, not matched.

    It holds, serialises and reports its patterns as ``AttributeRuler`` does;
    ``pipeline.py`` hands it the base model's ruler, whose patterns it takes."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable | None = attribute_ruler_score) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._reset_index()

    def take_over(self, ruler: AttributeRuler) -> None:
        """Hold the patterns of the base model's ruler, which this replaces."""
        self.add_patterns(ruler.patterns)

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def _reset_index(self) -> None:
        # a lead attribute -> a value hash -> the rules whose first token needs it, with that test
        # (None when it is the rule's only test: the lookup alone is the match)
        self._lookup: dict[str, dict[int, list[tuple[_Rule, _Test | None]]]] = {}
        self._scanned: list[_Rule] = []  # rules with no value to look up (a regex, NOT_IN) in their first test
        self._used: set[str] = set()  # the attributes the indexed rules read
        self._complex = Matcher(self.vocab, validate=self.validate)

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        key = self.vocab.strings.add(str(len(self.attrs)))
        super().add(patterns, attrs, index)
        complex_patterns = []
        for pattern in patterns:
            tokens = [self._tests(token) for token in pattern]
            if not tokens or any(t is None for t in tokens):
                complex_patterns.append(pattern)
                continue
            rule = _Rule(key, tuple(tokens))
            self._used.update(test.attr for tests in rule.tokens for test in tests)
            lead = next((t for t in rule.tokens[0] if not t.negated and t.regex is None), None)
            if lead is None:
                self._scanned.append(rule)
                continue
            table = self._lookup.setdefault(lead.attr, {})
            only = len(rule.tokens) == 1 and len(rule.tokens[0]) == 1
            for value in lead.values:
                table.setdefault(value, []).append((rule, None if only else lead))
        if complex_patterns:
            self._complex.add(key, complex_patterns)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Every (rule, start, end) the Matcher would find, sorted as
        ``AttributeRuler.match`` sorts them so later rules win."""
        found = list(self._complex(doc, allow_missing=True, as_spans=False)) if len(self._complex) else []
        columns = {attr: doc.to_array(attr).tolist() for attr in self._used}
        strings, seen = self.vocab.strings, {}
        for attr, table in self._lookup.items():
            for i, value in enumerate(columns[attr]):
                for rule, lead in table.get(value, ()):
                    if lead is None or rule.fits(columns, i, strings, seen, skip=lead):
                        found.append((rule.key, i, i + len(rule.tokens)))
        for rule in self._scanned:  # its first test, tried once per distinct value, picks the places to try the rest
            lead = rule.tokens[0][0]
            column = columns[lead.attr]
            passing = {value for value in set(column) if lead.passes(value, strings, seen)}
            found += [(rule.key, i, i + len(rule.tokens)) for i, value in enumerate(column)
                      if value in passing and rule.fits(columns, i, strings, seen, skip=lead)]
        matches = [(int(strings[key]), key, start, end) for key, start, end in found]
        matches.sort()
        return matches

    def _tests(self, token: dict[str, Any]) -> tuple[_Test, ...] | None:
        """A pattern token's tests, or None when it needs the Matcher (an
        operator, or an attribute without an array of hashes or flags)."""
        tests = []
        for attr, value in token.items():
            attr = str(attr).upper()
            if attr in _FLAG_ATTRS and isinstance(value, bool):
                tests.append(_Test(attr, frozenset({int(value)})))
            elif attr not in _STRING_ATTRS:
                return None
            elif isinstance(value, str):
                tests.append(_Test(attr, frozenset({self.vocab.strings.add(value)})))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    tests.append(_Test(attr, frozenset(self.vocab.strings.add(v) for v in arg), negated=op == "NOT_IN"))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append(_Test(attr, regex=re.compile(arg)))
                else:
                    return None
            else:
                return None
        if not tests:
            return None
        order = _STRING_ATTRS + _FLAG_ATTRS
        return tuple(sorted(tests, key=lambda t: (t.negated or t.regex is not None, order.index(t.attr))))

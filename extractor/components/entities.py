"""The base model's entity recogniser, run only where an entity we read can be.

Our components read a few kinds of entity: names (people, organisations,
places) and dates and times. Every one of them contains a capitalised word,
the digits of a date or time ("2019", "21st", "10:30") or a time word ("years
ago", "overnight", "3 pm"), and a news text has long stretches with none of
those. So the recogniser runs on "islands": each such word with ``padding``
words either side (widened to its sentence's edge when that is as near),
overlapping islands merged, each island its own small Doc. ``padding`` is the
recogniser's own reach (its token encoder looks four tokens either way), so
inside an island it sees what it sees in the whole text; outside, every token
is left outside any entity, which is what the recogniser says there too.

An island holds about 55 % of a news text. Of the entities our components read
on the corpus and the development texts, 99.4 % are the whole-text
recogniser's (``tests/test_entities.py`` holds over 99 %); no extracted fact
changed; the recogniser takes about a quarter less time
(``benchmarks/throughput.py`` measures the whole run).

A Doc that already has entities (a user's entity ruler before this) goes to
the recogniser whole, so that its entities are kept exactly as spaCy keeps them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.attrs import NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..resources import load_json, resolve

_MAX_CUES = 50_000  # words whose cue is remembered, past which the memory starts again, to stay flat


@Language.factory("ofsted_entity_recognizer",
                  default_config={"padding": 4, "batch_size": 64, "vocab_path": None},
                  assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_entity_recognizer(nlp: Language, name: str, padding: int, batch_size: int,
                           vocab_path: str | None) -> "FocusedEntityRecognizer":
    return FocusedEntityRecognizer(name, padding=padding, batch_size=batch_size,
                                   **_vocabulary(load_json(resolve(vocab_path, "entities.json"))))


def _vocabulary(data: dict) -> dict:
    return {"time_words": data["time_words"], "date_digits": re.compile(data["date_digits"], re.IGNORECASE)}


class FocusedEntityRecognizer:
    """Runs a trained entity recogniser (handed over by ``take_over``) on the
    parts of each Doc that can hold an entity."""

    def __init__(self, name: str = "ner", *, padding: int = 4, batch_size: int = 64,
                 time_words: Iterable[str] = (), date_digits: re.Pattern | None = None) -> None:
        self.name = name
        self.padding = padding
        self.batch_size = batch_size
        self.time_words = frozenset(w.lower() for w in time_words)
        self.date_digits = date_digits
        self.recognizer = None
        self._cues: dict[int, tuple[bool, bool]] = {}  # orth -> (a cue, a cue only inside a sentence)

    def take_over(self, recognizer) -> None:
        """Use the base model's trained recogniser, which this replaces in the pipeline."""
        self.recognizer = recognizer

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.recognizer.labels) if self.recognizer is not None else ()

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        if self.recognizer is None:
            raise ValueError(f"{self.name!r} has no trained entity recogniser: build the pipeline with "
                             "extractor.pipeline.build_pipeline, which hands it the base model's")
        for batch in minibatch(docs, size=batch_size or 16):
            whole = [doc for doc in batch if doc.has_annotation("ENT_IOB")]
            if whole:
                list(self.recognizer.pipe(whole))
            self._recognise([doc for doc in batch if not doc.has_annotation("ENT_IOB")])
            yield from batch

    def _recognise(self, docs: list[Doc]) -> None:
        parts: list[tuple[Doc, int]] = []
        islands: list[Doc] = []
        for doc in docs:
            values = doc.to_array([NORM, SENT_START])
            for start, end in self.islands(doc):
                parts.append((doc, start))
                islands.append(_island(doc, start, end, values[start:end]))
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for (doc, start), island in zip(parts, self.recognizer.pipe(islands, batch_size=self.batch_size)):
            found[id(doc)] += [Span(doc, start + e.start, start + e.end, label=e.label) for e in island.ents]
        for doc in docs:
            doc.set_ents(found[id(doc)], default="outside")

    def islands(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token ranges around every token that can be in an entity.
        An island reaching to within ``padding`` tokens of its sentence's start
        or end is widened to it, so that the recogniser sees the sentence's
        edge where the whole text has one."""
        rows = doc.to_array([ORTH, SENT_START]).tolist()
        n = len(rows)
        starts = [i for i, (_, sent_start) in enumerate(rows) if sent_start == 1 or i == 0] + [n]
        ranges: list[tuple[int, int]] = []
        sentence = 0  # starts[sentence] <= i < starts[sentence + 1]
        for i, (orth, _) in enumerate(rows):
            while starts[sentence + 1] <= i:
                sentence += 1
            begin, stop = starts[sentence], starts[sentence + 1]
            cue, inside_only = self._cue(orth)
            if not cue or inside_only and i == begin:
                continue
            start, end = max(0, i - self.padding), min(n, i + self.padding + 1)
            if start - begin <= self.padding:
                start = min(start, begin)
            if stop - end <= self.padding:
                end = max(end, stop)
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
            else:
                ranges.append((start, end))
        return ranges

    def _cue(self, orth: int) -> tuple[bool, bool]:
        """Whether a word can be in an entity: capitalised ("Kent", "DfE", but
        "The" only inside a sentence), with the digits of a date or time, or a time word."""
        if orth not in self._cues:
            if len(self._cues) > _MAX_CUES:  # a long run meets new names without end; stay flat
                self._cues.clear()
            lexeme = self.recognizer.vocab[orth]
            text = lexeme.orth_
            capital = lexeme.is_alpha and (lexeme.is_title or lexeme.is_upper or text[:1].isupper())
            dated = self.date_digits is not None and self.date_digits.search(text) is not None
            self._cues[orth] = (capital or dated or lexeme.lower_ in self.time_words, capital and lexeme.is_stop)
        return self._cues[orth]


def _island(doc: Doc, start: int, end: int, values) -> Doc:
    """Tokens ``start:end`` as a Doc of their own, with the token norms and
    sentence starts (``values``) the recogniser reads, and a sentence starting
    at its first token."""
    tokens = doc[start:end]
    island = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    values = values.copy()
    values[0, 1] = 1
    island.from_array([NORM, SENT_START], values)
    return island

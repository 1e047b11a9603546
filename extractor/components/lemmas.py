"""The base model's lemmatizer, with each word's lemma worked out once.

spaCy's rule lemmatizer decides a token's lemma from its text, part of speech
and morphology, but repeats the work for every token: most words are base
forms, which it never caches. Here the lemma of each (word, part of speech,
morphology) is asked of the base lemmatizer once and remembered, and a Doc's
lemmas are written as one array. The lemmas are the base lemmatizer's own, so
they are identical (``tests/test_lemmas.py`` checks that against it).
"""
from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

_MAX_REMEMBERED = 50_000  # words met in a long run, past which the memory starts again, to stay flat


@Language.factory("ofsted_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> "RememberingLemmatizer":
    return RememberingLemmatizer(name)


class RememberingLemmatizer:
    """Gives each token the lemma the base lemmatizer (handed over by
    ``take_over``) gives its word, part of speech and morphology."""

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self.lemmatizer = None
        self._lemmas: dict[tuple[int, int, int], str] = {}

    def take_over(self, lemmatizer) -> None:
        """Use the base model's lemmatizer, which this replaces in the pipeline."""
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None:
            raise ValueError(f"{self.name!r} has no lemmatizer to ask: build the pipeline with "
                             "extractor.pipeline.build_pipeline, which hands it the base model's")
        base = self.lemmatizer
        if not base._validated:
            base._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings, lemmas = doc.vocab.strings, self._lemmas
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not base.overwrite:
                continue  # set before (by the attribute ruler): the base lemmatizer keeps it too
            key = (orth, pos, morph)
            text = lemmas.get(key)
            if text is None:
                if len(lemmas) >= _MAX_REMEMBERED:
                    lemmas.clear()
                    getattr(base, "cache", {}).clear()  # spaCy's own, which keeps every new inflected word
                text = lemmas[key] = base.lemmatize(doc[i])[0]
            rows[i, 3] = strings.add(text)  # added each time: a memory zone may have freed the string
        doc.from_array([LEMMA], rows[:, 3:4])
        return doc

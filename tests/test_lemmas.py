"""The remembering lemmatizer gives exactly the base lemmatizer's lemmas."""
from __future__ import annotations

import pytest
import spacy

from conftest import CORPUS, base_and_replaced
from extractor.components import lemmas
from extractor.components.lemmas import RememberingLemmatizer

SENTENCES = [
    "The councils' children's homes were visited twice; inspectors found the children better cared for.",
    "She has been leading the service since it was rated inadequate, and says it is improving.",
    "We're gonna get there, and we ain't stopping: the best is yet to come.",
]


@pytest.fixture(scope="module")
def pipelines():
    """The base model as shipped, and the same model with the remembering lemmatizer."""
    return base_and_replaced("lemmatizer", "ofsted_lemmatizer")


def test_same_lemmas_as_the_base_lemmatizer(pipelines):
    original, remembering = pipelines
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))[:20]]
    texts += texts  # the second time, every lemma comes from what it remembers
    for text, expected, got in zip(texts, original.pipe(texts), remembering.pipe(texts)):
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected], text[:60]


def test_a_lemma_set_before_is_kept(pipelines):
    _, remembering = pipelines
    doc = remembering("We're gonna win.")
    assert [t.lemma_ for t in doc if t.text in ("gon", "na")] == ["go", "to"]  # the attribute ruler's


def test_lemmas_survive_memory_zones(pipelines):
    """A lemma remembered in one memory zone, whose string was then freed, is
    still right in the next."""
    original, remembering = pipelines
    text = "The Zorbloxes were zorbloxing the frimbles."
    expected = [t.lemma_ for t in original(text)]
    assert "frimble" in expected
    for _ in range(2):
        with remembering.memory_zone():
            assert [t.lemma_ for t in remembering(text)] == expected
        assert "frimble" not in remembering.vocab.strings  # freed with the zone


def test_what_it_remembers_stays_bounded(pipelines, monkeypatch):
    _, remembering = pipelines
    lemmatizer = remembering.get_pipe("lemmatizer")
    monkeypatch.setattr(lemmas, "_MAX_REMEMBERED", 10)
    remembering(" ".join(f"walks{n}" for n in range(50)))
    assert len(lemmatizer._lemmas) <= 10


def test_without_a_base_lemmatizer_it_says_how_to_build_one():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="build_pipeline"):
        RememberingLemmatizer()(nlp("walks"))

"""The indexed attribute ruler gives exactly the base model's annotations."""
from __future__ import annotations

import pytest
import spacy

from conftest import CORPUS, base_and_replaced
from extractor.components.attributes import IndexedAttributeRuler
from extractor.pipeline import base_model_name

# forms the model's multi-token, regex and dependency patterns are written for, and plain prose
SENTENCES = [
    "We're gonna get there, y'all, and we ain't stopping; let's go. C'mon, there is nothin' left.",
    "It's a council that has been rated inadequate, and there were concerns which the director shared.",
    "Those children's homes  were\n\nvisited twice; each one had improved.",
    "Got ta say: the 12 social workers who were hired have made a difference.",
]


@pytest.fixture(scope="module")
def pipelines():
    """The base model as shipped, and the same model with the indexed ruler."""
    return base_and_replaced("attribute_ruler", "ofsted_attribute_ruler")


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_same_annotations_as_the_models_ruler(pipelines):
    original, indexed = pipelines
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))[:20]]
    for text, expected, got in zip(texts, original.pipe(texts), indexed.pipe(texts)):
        assert _annotations(got) == _annotations(expected), text[:60]


def test_special_patterns_fire(pipelines):
    _, indexed = pipelines
    doc = indexed("We're gonna win, and there is nothin' wrong.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"]) == ("go", "to")  # a two-token pattern sets both lemmas


def test_every_base_pattern_is_looked_up(pipelines):
    """The base model's patterns need no Matcher: that is where the time goes."""
    _, indexed = pipelines
    ruler = indexed.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert len(ruler._complex) == 0
    assert len(ruler.patterns) == len(spacy.load(base_model_name()).get_pipe("attribute_ruler").patterns)


def test_pattern_with_an_operator_uses_the_matcher():
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "GRADE"}, index=-1)
    ruler.add([[{"LOWER": "fine"}]], {"LEMMA": "FINE"})
    doc = ruler(nlp("very very good and fine, not good alone"))
    assert [t.lemma_ for t in doc if t.lemma_] == ["GRADE", "FINE"]
    assert len(ruler._complex) == 1


def test_later_rules_win_and_serialisation_reindexes():
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "good"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["good", "bad"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": {"REGEX": "^ok"}}]], {"LEMMA": "regex"})
    assert [t.lemma_ for t in ruler(nlp("good bad okay other"))] == ["second", "second", "regex", ""]
    copy = IndexedAttributeRuler(nlp.vocab).from_bytes(ruler.to_bytes())
    assert [t.lemma_ for t in copy(nlp("good okay"))] == ["second", "regex"]
    ruler.clear()
    assert [t.lemma_ for t in ruler(nlp("good"))] == [""]

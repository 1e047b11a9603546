"""The entity recogniser runs only near words that can be in an entity we read,
and finds what the base recogniser finds on the whole text."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from conftest import CORPUS
from extractor.components import entities
from extractor.components.entities import FocusedEntityRecognizer
from extractor.resources import load_json, resolve

READ = set(load_json(resolve(None, "roles.json"))["person_like_labels"]) | {"DATE", "TIME"}


def _before_ner(nlp, text: str):
    """The Doc as the recogniser gets it: tokenised, tagged and parsed."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "ner":
            return doc
        doc = component(doc)
    raise AssertionError("no ner in the pipeline")


def _island_texts(nlp, text: str) -> list[str]:
    doc = _before_ner(nlp, text)
    return [doc[start:end].text for start, end in nlp.get_pipe("ner").islands(doc)]


@pytest.mark.parametrize("text", [
    "The council said it would appoint more social workers and improve its work with families.",
    "It employs 45 social workers, spent £2.5m on agency staff and cut caseloads by 12%.",
    "they said that the service had improved and that the staff were settled.",
])
def test_no_island_where_no_entity_we_read_can_be(nlp, text):
    assert _island_texts(nlp, text) == []


@pytest.mark.parametrize("text, inside", [
    ("the service said that it was pleased with what inspectors had found in Sutton.", "Sutton"),
    ("the service was last inspected two years ago, and it said little had changed since.", "years ago"),
    ("the staff said the visit started at 3pm and the findings came out on the 21st.", "3pm"),
    ("the staff said the visit started at 3pm and the findings came out on the 21st.", "21st"),
    ("the findings, which the staff accepted after a long wait, were published in 2019.", "2019"),
    ("the council said that the judgement in its latest inspection was fair to DfE officials.", "DfE"),
])
def test_an_island_around_each_word_that_can_be_in_one(nlp, text, inside):
    assert any(inside in island for island in _island_texts(nlp, text))


def test_a_capitalised_word_starting_a_sentence_is_a_cue_unless_it_is_common(nlp):
    assert _island_texts(nlp, "Inspectors said that the staff were pleased with what they had found.")
    assert not _island_texts(nlp, "They said that the staff were pleased with what inspectors had found.")


def test_an_island_near_its_sentence_start_reaches_it(nlp):
    """The recogniser sees the sentence's edge where the text has one, not a cut
    a few words into it ("a recent speech" is no name)."""
    islands = _island_texts(nlp, "The report is out.\n\nIn a recent speech, the Secretary of State said so.")
    assert any(island.startswith("In a recent speech") for island in islands)


def test_names_and_dates_as_the_whole_text_recogniser_finds_them(nlp):
    text = ("Figures were published on Tuesday. In a statement, Jane Smith, the director of children's services at "
            "Kent County Council, said on 4 March 2024 that the service had improved over the last two years.")
    focused = nlp.get_pipe("ner")
    doc = focused(_before_ner(nlp, text))
    whole = focused.recognizer(_before_ner(nlp, text))
    assert {(e.text, e.label_) for e in doc.ents} == {(e.text, e.label_) for e in whole.ents}
    assert ("Jane Smith", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_entities_agree_with_the_whole_text_recogniser_on_the_corpus(nlp):
    _agreement_holds(nlp, sorted((CORPUS / "articles").glob("*.txt")))


def test_entities_agree_with_the_whole_text_recogniser_on_real_text(nlp, shared_dir):
    _agreement_holds(nlp, sorted((shared_dir / "data" / "news_dev" / "texts").glob("*.txt")))


def _agreement_holds(nlp, paths: list[Path]) -> None:
    """The entities our components read agree with the whole-text recogniser's
    (F1 over 0.99), while the recogniser reads at most 70% of the tokens."""
    focused = nlp.get_pipe("ner")
    docs = [_before_ner(nlp, path.read_text(encoding="utf-8")) for path in paths]
    tokens = sum(len(doc) for doc in docs)
    read = sum(end - start for doc in docs for start, end in focused.islands(doc))
    whole = list(focused.recognizer.pipe([doc.copy() for doc in docs]))
    ours = list(focused.pipe(docs))
    expected = {(k, e.start, e.end, e.label_) for k, doc in enumerate(whole) for e in doc.ents if e.label_ in READ}
    got = {(k, e.start, e.end, e.label_) for k, doc in enumerate(ours) for e in doc.ents if e.label_ in READ}
    assert 2 * len(expected & got) / (len(expected) + len(got)) > 0.99
    assert read / tokens < 0.7


def test_entities_set_before_are_kept(nlp):
    """A Doc that comes with entities (a user's entity ruler) is recognised
    whole, so its entities stay as spaCy keeps them."""
    doc = _before_ner(nlp, "The Widget Board met in Leeds, where Jane Smith spoke on Monday.")
    doc.ents = [Span(doc, 1, 3, label="COMMITTEE")]
    doc = nlp.get_pipe("ner")(doc)
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Widget Board", "COMMITTEE") in found
    assert ("Jane Smith", "PERSON") in found


def test_without_a_base_recogniser_it_says_how_to_build_one(nlp):
    doc = _before_ner(nlp, "Kent County Council")
    with pytest.raises(ValueError, match="build_pipeline"):
        FocusedEntityRecognizer()(doc)


def test_what_it_remembers_of_words_stays_bounded(nlp, monkeypatch):
    focused = nlp.get_pipe("ner")
    monkeypatch.setattr(entities, "_MAX_CUES", 20)
    focused._cues.clear()
    focused.islands(_before_ner(nlp, " ".join(f"Name{n} went home" for n in range(40))))
    assert len(focused._cues) <= 21
    focused._cues.clear()

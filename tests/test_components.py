"""Each extractor is a registered spaCy factory a user can add to their own pipeline."""
import spacy
from spacy.language import Language

from conftest import CORPUS
from extractor.components.context import register_extensions
from extractor.pipeline import base_model_name, build_pipeline

FACTORIES = ["ofsted_paragraphs", "ofsted_councils", "ofsted_dates", "ofsted_quantities", "ofsted_officials",
             "ofsted_ratings", "ofsted_attribute_ruler", "ofsted_lemmatizer", "ofsted_entity_recognizer"]


def test_factories_are_registered_through_the_entry_point():
    """A fresh interpreter that never imports extractor still finds the factories."""
    import subprocess
    import sys

    code = ("import spacy; nlp = spacy.blank('en'); "
            + "; ".join(f"nlp.add_pipe({name!r})" for name in ("ofsted_paragraphs", "ofsted_quantities")) +
            "; print(nlp.pipe_names)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ofsted_quantities" in result.stdout
    for name in FACTORIES:
        assert Language.has_factory(name), name


def test_components_in_a_users_own_pipeline():
    nlp = spacy.load(base_model_name())
    nlp.add_pipe("ofsted_councils")
    nlp.add_pipe("ofsted_dates")
    nlp.add_pipe("ofsted_quantities")
    nlp.add_pipe("ofsted_ratings")
    register_extensions()
    doc = nlp("Kent County Council was rated inadequate by Ofsted in March 2019 and spent £5m.")
    assert [s.kb_id_ for s in doc.spans["councils"]] == ["Kent County Council"]
    assert [s._.date["value"] for s in doc.spans["dates"]] == ["2019-03"]
    assert [s._.quantity["value"] for s in doc.spans["money"]] == [5000000]
    [rating] = doc.spans["ratings"]
    assert rating._.ratings[0]["rating"] == "inadequate"
    assert "ner" in nlp.pipe_names and any(e.label_ == "ORG" for e in doc.ents)  # the model's entities survive


def test_component_config_is_honoured():
    nlp = spacy.load(base_model_name())
    nlp.add_pipe("ofsted_councils", config={"spans_key": "las"})
    doc = nlp("Lambeth Council said no.")
    assert "las" in doc.spans and "councils" not in doc.spans
    assert nlp.get_pipe_config("ofsted_councils")["spans_key"] == "las"


def test_pipeline_order_comes_from_the_config_file():
    nlp = build_pipeline()
    names = nlp.pipe_names
    assert names.index("ofsted_paragraphs") < names.index("parser")
    assert names.index("ner") < names.index("ofsted_councils") < names.index("ofsted_ratings")
    # the base model's attribute ruler is swapped in place for the indexed one, with its patterns
    assert names.index("tagger") < names.index("attribute_ruler") < names.index("lemmatizer")
    assert nlp.get_pipe_meta("attribute_ruler").factory == "ofsted_attribute_ruler"
    assert len(nlp.get_pipe("attribute_ruler").patterns) > 100
    # so are the lemmatizer and the entity recogniser, each holding the base model's own
    assert nlp.get_pipe_meta("lemmatizer").factory == "ofsted_lemmatizer"
    assert nlp.get_pipe("lemmatizer").lemmatizer.mode == "rule"
    assert nlp.get_pipe_meta("ner").factory == "ofsted_entity_recognizer"
    assert "PERSON" in nlp.get_pipe("ner").labels


def test_line_breaks_start_sentences(nlp):
    doc = nlp("Overall effectiveness\nInadequate\n\nThe council said it was sorry and would improve its work with "
              "families across the\ncounty.")
    starts = [s.text.split()[0] for s in doc.sents if s.text.strip()]
    assert starts[:2] == ["Overall", "Inadequate"]
    assert any(s.text.rstrip().endswith("county.") and "sorry" in s.text for s in doc.sents)


def test_a_run_on_line_is_cut_into_sentences_at_its_commas(nlp):
    """A list pasted as one line, with no full stop, becomes sentences of at
    most ``max_sentence`` tokens, each ending after a comma."""
    row = "Kent County Council was rated inadequate in 2015, "
    doc = nlp(row * 120)  # about 1,300 tokens, one line
    sentences = list(doc.sents)
    assert len(sentences) > 4 and max(len(s) for s in sentences) <= 250
    assert all(s[-1].text == "," or s[-1].is_space or s.end == len(doc) for s in sentences)


def test_a_long_real_sentence_is_not_cut(nlp):
    sentence = ("The report, which looked at help and protection, children in care, care leavers and the "
                "experiences of disabled children across the county, found that " + "managers, " * 40
                + "and social workers knew their families well.")
    doc = nlp(sentence)
    assert len(doc) < 250 and len(list(doc.sents)) == 1


def test_the_base_model_multiplies_with_numpys_blas_and_gives_the_same_analysis(nlp):
    """``matrix_library = "numpy"`` in pipeline.cfg: every model layer uses
    numpy's BLAS, and tags, parses and entities are those of thinc's default."""
    from thinc.api import NumpyOps

    from extractor.pipeline import use_matrix_library

    layers = [node for _, c in nlp.pipeline if hasattr(c, "model") for node in c.model.walk()]
    layers += [node for node in nlp.get_pipe("ner").recognizer.model.walk()]
    assert layers and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)
    numpy_model, blis_model = spacy.load(base_model_name()), spacy.load(base_model_name())
    use_matrix_library(numpy_model, "numpy")
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))[:8]]
    for a, b in zip(numpy_model.pipe(texts), blis_model.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a] == \
               [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b]


def test_an_unknown_matrix_library_is_refused():
    import pytest

    from extractor.pipeline import use_matrix_library

    with pytest.raises(ValueError, match="numpy"):
        use_matrix_library(spacy.blank("en"), "mkl")


def test_the_base_model_keeps_the_tokenizer_it_was_saved_with():
    """load_base reads the model's own tokenizer once, not the language's
    defaults first: the same rules as spaCy's own load."""
    from extractor.pipeline import load_base

    ours, theirs = load_base(), spacy.load(base_model_name())
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    assert [t.text for t in ours("Kent's children's services, e.g. U.K.-wide")] == \
           [t.text for t in theirs("Kent's children's services, e.g. U.K.-wide")]


def test_a_model_saved_without_a_tokenizer_gets_the_languages_defaults(monkeypatch):
    """Had the model no tokenizer of its own, the unfilled one would split on
    spaces only: the language's rules are used instead."""
    from extractor import pipeline

    real_load = spacy.load

    def without_tokenizer(name, **kwargs):
        return real_load(name, exclude=["tokenizer"], **kwargs)

    monkeypatch.setattr(pipeline.spacy, "load", without_tokenizer)
    nlp = pipeline.load_base()
    assert [t.text for t in nlp("Kent's children.")] == ["Kent", "'s", "children", "."]

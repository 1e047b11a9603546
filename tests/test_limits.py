"""Size limits say which limit a document hit; long texts go through the
pipeline in sections with every offset still right."""
from __future__ import annotations

import pytest

from extractor import Document, DocumentError, Extractor, Limits
from extractor.api import sections
from offsets import assert_offsets


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(max_chars=0)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(extractor, tmp_path):
    small = Extractor(nlp=extractor.nlp, limits=Limits(max_file_bytes=1_000))
    path = tmp_path / "long.txt"
    path.write_text("Kent County Council was rated good. " * 100, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"over the 0\.001 MB limit \(max_file_bytes"):
        small.read(path)
    with pytest.raises(DocumentError, match="max_file_bytes"):
        small.read(path.read_bytes())
    assert extractor.read(path).text  # the default limit admits it
    (record,) = small.extract_many([path])
    assert "max_file_bytes" in record.errors[0].message and record.source.path == str(path)


def test_a_text_over_the_length_limit_names_the_limit(extractor):
    short = Extractor(nlp=extractor.nlp, limits=Limits(max_chars=50))
    with pytest.raises(DocumentError, match="over the 50-character limit"):
        short.extract("Kent County Council was rated good by Ofsted in 2019, the report says.")
    assert short.extract("Kent was rated good.").text


@pytest.mark.parametrize("text, size, cuts", [
    ("aaaaaaaa\n\nbb cc\n\ndddd", 12, [(0, 10), (10, 21)]),  # at a paragraph break
    ("aaaa\n\nbbbb cccc dddd", 12, [(0, 11), (11, 20)]),  # not one that leaves a scrap of a section
    ("aaaa bbbb\ncccc dddd", 12, [(0, 10), (10, 19)]),  # a line break when no paragraph break is near
    ("aaaa bbbb cccc dddd", 12, [(0, 10), (10, 19)]),  # else a space
    ("abcdefghijklmnopqrstu", 8, [(0, 8), (8, 16), (16, 21)]),  # else where the size ends
    ("short", 100, [(0, 5)]),
])
def test_sections(text, size, cuts):
    assert sections(text, 0, len(text), size) == cuts
    assert all(end - start <= size for start, end in cuts)


def test_a_long_text_read_in_sections_gives_the_same_facts_with_right_offsets(extractor):
    paragraphs = [
        "Kent County Council's children's services were rated inadequate by Ofsted in March 2019.",
        "The council said it would hire 40 social workers and spend £2m on the service.",
    ] + [f"Paragraph {i} of the committee's minutes records routine business." for i in range(40)] + [
        "Ofsted last rated Leeds City Council outstanding in 2018, and Kent County Council was discussed again.",
    ]
    text = "\n\n".join(paragraphs)
    sectioned = Extractor(nlp=extractor.nlp, limits=Limits(section_chars=500))
    assert len(sectioned._make_docs(Document(text=text))) > 4
    whole, parts = extractor.extract(text), sectioned.extract(text)
    assert_offsets(parts)
    kent = next(c for c in parts.councils if c.gss_code == "E10000016")
    assert len(kent.mentions) == 2 and kent.mentions[1].start > 2500  # one entry, mentions from two sections
    assert {(c.gss_code, len(c.mentions)) for c in parts.councils} == {(c.gss_code, len(c.mentions))
                                                                       for c in whole.councils}
    assert {(r.subject, r.rating, r.status) for r in parts.ratings} == {(r.subject, r.rating, r.status)
                                                                        for r in whole.ratings}
    assert {(m.value, m.start) for m in parts.money} == {(m.value, m.start) for m in whole.money}


def test_new_words_do_not_accumulate_in_the_vocabulary(extractor):
    """A long run meets endless new names; the strings each batch adds are
    freed once its records are built, so memory does not creep."""
    import random
    import string

    rng = random.Random(7)

    def article() -> str:
        names = " and ".join("".join(rng.choices(string.ascii_lowercase, k=9)).capitalize() for _ in range(60))
        return f"Croydon Council was rated inadequate by Ofsted in 2019. The panel heard from {names}.\n"

    strings = extractor.nlp.vocab.strings
    extractor.extract(article())  # the first call may add lasting strings (caches warming up)
    before = len(strings)
    records = list(extractor.extract_many(article() for _ in range(40)))
    records.append(extractor.extract(article()))
    assert all(r.ratings and r.ratings[0].subject == "London Borough of Croydon" for r in records)
    assert len(strings) - before < 50  # 2,460 new names went through

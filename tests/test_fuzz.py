"""Property tests: whatever bytes or text arrive, the readers either read a
document or raise DocumentError, and the pipeline gives a record whose every
offset is right and which validates against the schema.

The ``ci`` profile (``conftest.py``) keeps the suite short; a longer session runs with

    python -m pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
"""
from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import DocumentError, json_schema, read_document
from offsets import assert_offsets
from pdfs import ReportPDF

# words the components react to, so that generated text reaches their rules, not only the tokenizer
WORDS = ["Kent", "County", "Council", "Leeds", "City", "Ofsted", "rated", "judged", "inadequate", "good",
         "outstanding", "requires", "improvement", "to", "be", "previously", "in", "March", "2015", "14",
         "between", "and", "September", "£5m", "£2.5", "million", "42", "children", "social", "workers", "cases",
         "director", "of", "children's", "services", "said", "Jo", "Smith", "Cllr", "the", "school", "home",
         "special", "measures", "SEND", "widespread", "failings", ",", ".", ":", "(", ")", '"', "'s", "\n",
         "\n\n", "-", "–", "last", "year", "no", "longer", "from", "up", "again", "Of", "the", "eight", "had"]
words = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
prose = st.one_of(words, st.text(max_size=300), st.builds(lambda a, b: a + b, words, st.text(max_size=40)))
SCHEMA = json_schema()


def _reads_or_refuses(data: bytes, kind: str) -> None:
    try:
        document = read_document(data, kind=kind)
    except DocumentError as error:
        assert error.reason
        return
    assert isinstance(document.text, str) and document.text.strip()


@given(st.binary(max_size=2000))
def test_text_reader_on_any_bytes(data):
    _reads_or_refuses(data, "text")


@given(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b""]), st.binary(max_size=400))
def test_text_reader_behind_any_byte_order_mark(bom, data):
    _reads_or_refuses(bom + data, "text")


tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "</script>", "<br>", "<h1>",
                        "</h1>", "<table><tr><td>", "</td></tr></table>", "<!--", "-->", "<meta charset=latin-1>",
                        "&amp;", "&#0;", "&#x110000;", "<![CDATA[", "<?xml version='1.0'?>", "<!DOCTYPE html>"])
markup = st.lists(st.one_of(tags, words), max_size=120).map("".join)


@given(st.one_of(markup.map(lambda m: m.encode("utf-8")), st.binary(max_size=1500)))
def test_html_reader_on_any_markup(data):
    _reads_or_refuses(data, "html")


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    report = ReportPDF()
    report.add_page()
    report.lines("Inspection of Kent County Council children's services\nOverall effectiveness Good")
    return report.bytes()


@given(data=st.data())
def test_pdf_reader_on_damaged_pdfs(report_pdf, data):
    """A real PDF with bytes overwritten, cut or inserted anywhere."""
    size = len(report_pdf)
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, min(size, start + 200)))
    patch = data.draw(st.binary(max_size=60))
    _reads_or_refuses(report_pdf[:start] + patch + report_pdf[end:], "pdf")


@given(prose, st.sampled_from([None, "2019-06-01", "2012-01-31"]))
def test_pipeline_offsets_and_schema_hold_on_any_text(run, text, published):
    try:
        record = run(text, published=published)
    except DocumentError:
        return  # an empty text is refused, as it should be
    assert_offsets(record)
    jsonschema.validate(json.loads(record.to_json()), SCHEMA)

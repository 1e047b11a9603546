"""HTML articles: the main text without page furniture, and metadata from the page."""
from pathlib import Path

from extractor import read_document

PAGE = Path(__file__).parent / "fixtures" / "news_page.html"


def test_main_text_and_metadata():
    document = read_document(PAGE.read_bytes(), kind="html")
    assert document.kind == "html"
    assert document.title == "Croydon children’s services rated ‘inadequate’ by Ofsted"
    assert document.authors == ["Priya Okafor", "Tom Ashby"]
    assert document.published == "2017-10-06"
    assert document.url == "https://gazette.example/news/croydon-inadequate"
    text = document.text
    assert "serious and widespread failures" in text and "“We accept the findings in full" in text
    for furniture in ("cookies", "Related articles", "Register now", "All rights reserved", "Sport"):
        assert furniture not in text


def test_windows_1252_page_decodes_by_its_meta_charset():
    document = read_document(PAGE.read_bytes(), kind="html")
    assert "Croydon Council's children's services" in document.text
    assert "â€" not in document.text  # no mojibake from a wrong guess


def test_html_article_to_record(extractor):
    record = extractor.extract(read_document(PAGE.read_bytes(), kind="html", url="https://gazette.example/x"))
    assert record.source.kind == "html" and record.source.url == "https://gazette.example/x"
    assert {(r.subject, r.rating, r.status) for r in record.ratings} == {
        ("London Borough of Croydon", "inadequate", "current"), ("London Borough of Croydon", "adequate", "previous")}
    assert ("2017-07-17", "2017-08-10") in {(d.value, d.end_value) for d in record.dates}
    assert [(m.value, m.currency) for m in record.money] == [(5200000, "GBP")]
    assert {o.name for o in record.officials} == {"Alisa Flemming"}


def test_reading_the_same_page_twice_gives_the_same_text():
    """No cross-document de-duplication: a batch must not lose text it has seen before."""
    first = read_document(PAGE.read_bytes(), kind="html").text
    assert read_document(PAGE.read_bytes(), kind="html").text == first

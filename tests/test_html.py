"""HTML articles: the main text without page furniture, and metadata from the page."""
import json
from pathlib import Path

import pytest

from extractor import DocumentError, read_document
from extractor.documents.html import _prose_block, is_furniture
from extractor.evaluate import body_score

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


LAYOUTS = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))


@pytest.mark.parametrize("page", LAYOUTS, ids=[page.stem for page in LAYOUTS])
def test_layouts_give_the_article_and_its_metadata(page):
    """News sites, gov.uk, a council press release, a paywalled trade-press page
    and a 2010 table layout: the body without furniture, and the metadata."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    document = read_document(page.read_bytes(), kind="html", charset=expected["http_charset"])
    score = body_score(page.with_suffix(".txt").read_text(encoding="utf-8"), document.text)
    assert score.f1 >= 0.97, (score.precision, score.recall)
    for furniture in expected["boilerplate"]:
        assert furniture.lower() not in document.text.lower()
    assert (document.title, document.authors, document.published, document.url) == (
        expected["title"], expected["authors"], expected["published"], expected["url"])


def test_a_wrong_charset_guess_would_garble_the_legacy_page():
    page = Path(__file__).parent / "fixtures" / "html" / "legacy_cp1252.html"
    assert "’" in read_document(page.read_bytes(), kind="html", charset="windows-1252").text
    assert "’" in read_document(page.read_bytes(), kind="html").text  # detection, without the HTTP charset


def test_the_prose_run_is_kept_and_menus_around_it_dropped():
    menu = ["Home", "|", "News", "Sport", "Council’s plan for children’s services"]
    story = ["The council will spend £2m on children’s social care after the inspection.",
             "Short subhead",
             "Inspectors found that referrals had waited for weeks without a social worker."]
    tail = ["Print this story", "Email to a friend", "RSS", "Comments are moderated and may take a day to appear."]
    assert _prose_block(menu + story + tail) == story
    assert _prose_block(menu) == []


@pytest.mark.parametrize("line", [
    "READ MORE: Council to close three children's homes", "Read more", "(Image: Getty)", "Picture: Ian Cooper",
    "Image caption, The council's offices in Torquay", "Register now to continue reading",
    "Already have an account? Sign in", "Sign up to our free daily newsletter", "Follow BBC Devon on Facebook, X and Instagram.",
    "Send your story ideas to news@example.org.", "Share this article", "© 2024 Newsquest Media Group",
    "Copyright 2019 Local World. All rights reserved.", "Advertisement", "Story continues below advertisement",
    "Click here to read the full report", "Email the author"])
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Read the full report on the Ofsted website, the council said.", "Follow-up visits will take place in June.",
    "Pictures of the new children's home were shared by the council.", "Sharing information between agencies was poor.",
    "Inspectors said staff should sign up to the new training programme to continue improving.",
    "The council's image had suffered after the 2017 report, the leader admitted.",
    "Copyright of the photographs remains with the families, who asked for them to be used."])
def test_article_sentences_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("depth", [300, 300_000])
def test_a_page_nested_past_the_parsers_depth_says_so(depth):
    page = "<html><body>" + "<div>" * depth + "<p>" + "A story about Kent County Council. " * 10 + "</p>" \
        + "</div>" * depth + "</body></html>"
    with pytest.raises(DocumentError, match="nested more than 255 levels deep"):
        read_document(page.encode("utf-8"), kind="html")


def test_a_shallow_page_without_text_is_not_called_too_deep():
    page = "<html><body>" + "<br><img src=x.png>" * 400 + "<div><span></span></div>" * 400 + "</body></html>"
    with pytest.raises(DocumentError, match="no article text found"):
        read_document(page.encode("utf-8"), kind="html")
    nested = "<html><body>" + "<div>" * 100 + "<p>" + "A story about Kent County Council. " * 10 + "</p>" \
        + "</div>" * 100 + "</body></html>"
    assert "Kent County Council" in read_document(nested.encode("utf-8"), kind="html").text

"""Plain-text documents: header lines, page furniture, decoding and bad input."""
import pytest

from extractor import DocumentError, read_document
from extractor.documents import read_path, sniff_kind


def test_header_block_with_byline_and_date():
    doc = read_document("Council rated inadequate\n\nBy Jane Smith and Tom Brown\n12 March 2019\n\n"
                        "Kent County Council has been rated inadequate.\n")
    assert doc.title == "Council rated inadequate"
    assert doc.authors == ["Jane Smith", "Tom Brown"]
    assert doc.published == "2019-03-12"
    assert doc.text == "Council rated inadequate\n\n12 March 2019\n\nKent County Council has been rated inadequate."


@pytest.mark.parametrize("line, published", [
    ("Published: 3 May 2019", "2019-05-03"),
    ("Tuesday 4 June 2019 14:32 BST", "2019-06-04"),
    ("Friday, November 27, 2015", "2015-11-27"),
    ("12/03/2019", "2019-03-12"),
])
def test_date_line_forms(line, published):
    doc = read_document(f"A headline\n{line}\n\nBody text about children's services here.")
    assert doc.published == published


def test_updated_line_is_used_only_without_a_published_line():
    doc = read_document("Headline\nUpdated 5 April 2022\nPublished 1 April 2022\n\nBody text.")
    assert doc.published == "2022-04-01"
    doc = read_document("Headline\nUpdated 5 April 2022\n\nBody text.")
    assert doc.published == "2022-04-05"


@pytest.mark.parametrize("byline, authors", [
    ("Jane Smith, Local Democracy Reporter", ["Jane Smith"]),
    ("By Sam O'Neill | 14 May 2021", ["Sam O'Neill"]),
    ("By Priya Patel, political correspondent", ["Priya Patel"]),
    ("Daniel Forsyth, Social Affairs Editor, and Meera Chandran", ["Daniel Forsyth", "Meera Chandran"]),
    ("By Jane Smith and Tom Jones, Reporters", ["Jane Smith", "Tom Jones"]),
])
def test_byline_forms(byline, authors):
    doc = read_document(f"Headline here\n{byline}\n\nThe council said it would appeal against the decision.")
    assert doc.authors == authors
    assert not any(name in doc.text for name in authors)  # the byline leaves the text (a date beside it stays)


def test_headline_standfirst_and_dateline_are_text_and_the_byline_is_not():
    doc = read_document("Headline\nInspectors found widespread failings in the service.\nBy Ann Lee\n2 May 2020\n\nBody.")
    assert doc.text == "Headline\nInspectors found widespread failings in the service.\n2 May 2020\n\nBody."
    assert (doc.title, doc.authors, doc.published) == ("Headline", ["Ann Lee"], "2020-05-02")


def test_a_one_line_story_keeps_its_facts():
    doc = read_document("Hull City Council's children's services branded inadequate by Ofsted\n")
    assert doc.text == "Hull City Council's children's services branded inadequate by Ofsted"


def test_a_dateline_inside_a_paragraph_without_blank_lines_ends_the_header():
    """Pages stored without blank lines: the dateline is read, the story around it stays."""
    raw = ("Minister ends intervention at council\n"
           "The minister said the commissioner could stand down after progress at the council.\n"
           "10/08/22\n"
           "The Department for Education has withdrawn its intervention into the council's children's services "
           "after reviews by the commissioner found that it had made sustained progress over two years.\n")
    doc = read_document(raw)
    assert doc.published == "2022-08-10"
    assert doc.text.startswith("Minister ends intervention at council\nThe minister said")
    assert doc.text.endswith("sustained progress over two years.")


def test_a_date_prefix_is_the_publication_date_and_the_rest_of_the_line_is_text():
    doc = read_document(" date 2018-12-19 Leeds City Council's services have been rated outstanding.\n\nMore.")
    assert doc.published == "2018-12-19"
    assert doc.text.startswith("2018-12-19\nLeeds City Council's services have been rated outstanding.")
    # a date inside a sentence is not a prefix
    assert read_document("The date 2018-12-19 was set for the inspection.\n\nMore.").published is None


def test_a_byline_sharing_a_line_with_the_date_leaves_only_the_date():
    doc = read_document("Headline\nby Jane Smith on April 20, 2017 in News\nHannah Marsh | 17/08/2016\n\nBody about Kent.")
    assert doc.text == "Headline\nApril 20, 2017\n17/08/2016\n\nBody about Kent."
    assert doc.authors == ["Jane Smith", "Hannah Marsh"]


def test_a_label_dateline_gives_the_publication_date():
    assert read_document("Headlines: December 18th, 2008\n\nChildren's services were judged.").published == "2008-12-18"


def test_trailing_subscription_block_and_read_more_lines_are_dropped():
    raw = ("Headline\n\nFirst paragraph of the story.\n\nRead more: Another story\n\nLast paragraph.\n\n"
           "Digital membership\n\n  • Latest issues\n\nFrom £15 / month\n\nSubscribe")
    doc = read_document(raw)
    assert doc.text == "Headline\n\nFirst paragraph of the story.\n\nLast paragraph."


def test_a_long_subscription_pitch_is_part_of_the_trailer():
    pitch = ("Thank you for visiting our site and making use of our archive of more than 60,000 articles. Register now "
             "for free to read up to three articles a month, or subscribe from £12.50 a month for unlimited access.")
    raw = f"Headline\n\nFirst paragraph.\n\nLast paragraph.\n\nRegister now to continue reading\n\n{pitch}\n\nRegister"
    assert read_document(raw).text == "Headline\n\nFirst paragraph.\n\nLast paragraph."
    # a long closing paragraph of the story itself stays, even when it mentions subscriptions
    story = ("The council said families would be able to register for the new service from May, and that more than "
             "200 carers had already signed up to take part in the scheme this year.")
    assert read_document(f"Headline\n\nFirst paragraph.\n\n{story}").text.endswith(story)


def test_caption_pasted_twice_is_kept_once():
    raw = "Headline\n\nThe council was rated good. Picture: Ann Lee\nThe council was rated good. Picture: Ann Lee\n\nBody."
    assert read_document(raw).text.count("rated good") == 1


def test_decoding():
    assert read_document("Caf\u00e9 council story.".encode("utf-8")).text == "Café council story."
    assert read_document("Caf\u00e9 council story.".encode("cp1252")).text == "Café council story."
    assert read_document("\ufeffStory text.".encode("utf-8")).text == "Story text."


def test_byte_order_marks():
    assert read_document("Café story.".encode("utf-16")).text == "Café story."
    assert read_document("Café story.".encode("utf-32")).text == "Café story."
    assert read_document("Café story.".encode("utf-16-be").join([b"\xfe\xff", b""])).text == "Café story."


@pytest.mark.parametrize("data, encoding", [
    (b"\xff\xfe" + b"\x00\xd8\x41\x00" * 10, "UTF-16"),  # a lone surrogate after the mark
    (b"\xff\xfe\x00\x00" + b"\xff\xff\xff\x7f" * 4, "UTF-32"),  # code points beyond Unicode
])
def test_a_byte_order_mark_that_lies_is_an_error_not_a_crash(data, encoding):
    with pytest.raises(DocumentError, match=f"{encoding} byte-order mark but is not valid {encoding}"):
        read_document(data, kind="text")


def test_bad_input_gives_clear_errors(tmp_path):
    with pytest.raises(DocumentError, match="empty document"):
        read_document(b"  \n\n ")
    with pytest.raises(DocumentError, match="binary"):
        read_document(b"\x00\x01\x02text", kind="text")
    with pytest.raises(DocumentError, match="unknown document kind"):
        read_document(b"x", kind="docx")
    missing = tmp_path / "nope.txt"
    with pytest.raises(DocumentError) as info:
        read_path(missing)
    assert info.value.path == str(missing)


def test_kind_sniffing():
    assert sniff_kind(b"%PDF-1.7 ...") == "pdf"
    assert sniff_kind(b"<!DOCTYPE html><html>") == "html"
    assert sniff_kind(b"Plain words") == "text"
    assert sniff_kind(b"anything", "report.PDF") == "pdf"


@pytest.mark.parametrize("raw, title", [
    ("Agenda item\n\nOfsted inspection outcome\n\nThe committee received a report.", "Ofsted inspection outcome"),
    (" date 2018-06-12 Calderdale rated good by Ofsted\nMore text follows here.", "Calderdale rated good by Ofsted"),
    ("We use cookies to improve your experience. Accept all\nCouncil rated good\n\nBody text.", "Council rated good"),
])
def test_furniture_above_the_headline_is_not_the_title(raw, title):
    assert read_document(raw).title == title


def test_an_outlet_name_on_the_byline_line_is_not_an_author():
    doc = read_document("Headline\nHalifax Courier\nTuesday, June 12, 2018\n\nThe council was rated good.")
    assert doc.authors == [] and doc.published == "2018-06-12"


def test_a_reader_fault_costs_one_document_not_the_batch(extractor, tmp_path, monkeypatch):
    """An exception no reader anticipated becomes that document's error entry,
    with its type and message, and the documents around it are still read."""
    from extractor.documents import html

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html, "_tidy", broken)
    good, page = tmp_path / "good.txt", tmp_path / "page.html"
    good.write_text("Kent County Council was rated inadequate by Ofsted.", encoding="utf-8")
    page.write_text("<html><body><article><p>" + "Words of a story. " * 40 + "</p></article></body></html>",
                    encoding="utf-8")
    first, second, third = extractor.extract_many([good, page, good])
    assert second.errors and second.errors[0].stage == "read"
    assert "RecursionError: maximum recursion depth exceeded" in second.errors[0].message
    assert second.source.path == str(page)
    assert not first.errors and not third.errors and first.councils


def test_a_pipeline_fault_costs_one_document_not_the_batch(extractor, monkeypatch):
    """An exception inside a spaCy component for one document becomes that
    document's error entry (stage "extract"); its batch-mates are extracted."""
    from extractor.components.ratings import RatingFinder

    original = RatingFinder.__call__

    def fragile(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component fell over")
        return original(self, doc)

    monkeypatch.setattr(RatingFinder, "__call__", fragile)
    texts = ["Kent County Council was rated inadequate by Ofsted.", "BOOM: Leeds City Council was rated good.",
             "Ofsted rated Essex County Council outstanding."]
    first, second, third = extractor.extract_many(texts)
    assert second.errors and second.errors[0].stage == "extract"
    assert second.errors[0].message == "RuntimeError: component fell over"
    assert first.ratings and third.ratings and not first.errors and not third.errors


def test_mixed_encodings_are_decoded_line_by_line():
    data = ("Council spends £5m on children’s homes.\n".encode("utf-8") + "Café staff paid €200.\n".encode("cp1252")
            + "Kent’s director said.\n".encode("utf-8"))
    assert read_document(data).text == "Council spends £5m on children’s homes.\nCafé staff paid €200.\nKent’s director said."
    assert read_document("Café staff paid €200.\nThe café closed.\n".encode("cp1252")).text \
        == "Café staff paid €200.\nThe café closed."
    assert "\ufffd" in read_document(b"Undefined \x81 byte in cp1252 and \xff\n").text

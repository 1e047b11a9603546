"""Ofsted report PDFs: reading order, furniture removed, judgements, dates,
the lead inspector, and clear errors for PDFs that cannot be read."""
import pytest

from extractor import DocumentError, read_document
from extractor.components.rating_tables import JudgementTable
from extractor.documents import read_path
from extractor.resources import load_json, resolve
from offsets import assert_offsets
from pdfs import BOILERPLATE, FILLER, ILACS_ROWS, ReportPDF, ilacs_front, single_inspection_report

TITLE = "Inspection of Rutland County Council children's services"
DATES = "4 to 15 March 2024"


def ilacs_2024() -> bytes:
    pdf = ReportPDF(running=(TITLE, DATES))
    pdf.add_page()
    pdf.lines("Inspection of Rutland County Council", "children's services",
              f"Inspection dates: {DATES}",
              "Lead inspector: Amrit Dhaliwal, His Majesty's Inspector", "Judgement Grade")
    pdf.lines("The impact of leaders on social work", "practice with children and families", "Good",
              "The experiences and progress of", "children who need help and protection", "Good",
              "The experiences and progress of", "children in care", "Requires improvement", "to be good",
              "The experiences and progress of care", "leavers", "Outstanding",
              "Overall effectiveness Good")
    pdf.lines("Since the last inspection in 2019, when services were judged to require improvement to be good, "
              "leaders have strengthened the front door and children now receive timely help. " + FILLER)
    pdf.add_page()
    pdf.lines("What needs to improve?", "The timeliness of plans for children in care.", FILLER * 3)
    pdf.add_page()
    pdf.lines("The experiences and progress of children in care: requires improvement to be good", FILLER * 4)
    pdf.lines(*BOILERPLATE)
    return pdf.bytes()


@pytest.fixture(scope="module")
def ilacs(extractor):
    return extractor.extract(read_document(ilacs_2024(), path="rutland.pdf"))


def test_text_has_no_page_furniture(ilacs):
    assert ilacs.source.kind == "pdf"
    assert ilacs.title == "Inspection of Rutland County Council children's services"
    assert ilacs.text.count(DATES) == 1  # the running header is gone, the front page's line stays
    assert "If you would like a copy" not in ilacs.text and "Crown copyright" not in ilacs.text
    assert "\n2\n" not in ilacs.text and not ilacs.text.rstrip().endswith("3")
    assert_offsets(ilacs)


def test_council_and_inspection_dates(ilacs):
    assert [(c.name, c.la_code, c.gss_code) for c in ilacs.councils] == [
        ("Rutland County Council", "857", "E06000017")]
    [inspection] = [d for d in ilacs.dates if d.role == "inspection"]
    assert (inspection.value, inspection.end_value) == ("2024-03-04", "2024-03-15")


def test_table_rows_are_current_judgements(ilacs):
    current = {(r.judgement, r.rating) for r in ilacs.ratings if r.status == "current"}
    assert current == {("leadership", "good"), ("help and protection", "good"),
                       ("children in care", "requires improvement"), ("care leavers", "outstanding"),
                       ("overall effectiveness", "good")}
    assert all(r.subject == "Rutland County Council" and r.year == 2024 for r in ilacs.ratings if r.status == "current")


def test_previous_judgement_from_the_summary(ilacs):
    previous = [(r.rating, r.year) for r in ilacs.ratings if r.status == "previous"]
    assert previous == [("requires improvement", 2019)]


def test_lead_inspector(ilacs):
    assert [(o.name, o.role, o.organisation) for o in ilacs.officials] == [
        ("Amrit Dhaliwal", "His Majesty's Inspector", "Ofsted")]


def test_each_fact_once(ilacs):
    keys = [(r.subject, r.rating, r.status, r.judgement) for r in ilacs.ratings]
    assert len(keys) == len(set(keys))
    assert len(ilacs.councils) == 1


def test_after_april_2026_there_is_no_overall_grade(extractor):
    pdf = ReportPDF(running=("Inspection of Rutland County Council children's services", "8 to 19 June 2026"))
    pdf.add_page()
    pdf.lines("Inspection of Rutland County Council", "children's services", "Inspection dates: 8 to 19 June 2026",
              "Lead inspector: Amrit Dhaliwal, His Majesty's Inspector", "Judgement Grade",
              "The impact of leaders on social work", "practice with children and families", "Inadequate",
              "The experiences and progress of", "children who need help and protection", "Requires improvement",
              "to be good", "The experiences and progress of", "children in care", "Good",
              "The experiences and progress of care", "leavers", "Good", FILLER)
    record = extractor.extract(read_document(pdf.bytes(), kind="pdf"))
    assert {(r.judgement, r.rating) for r in record.ratings} == {
        ("leadership", "inadequate"), ("help and protection", "requires improvement"),
        ("children in care", "good"), ("care leavers", "good")}
    assert not record.errors


def test_single_inspection_framework_report(extractor):
    pdf = ReportPDF(running=("Stockport Metropolitan Borough Council", "Inspection report"))
    pdf.add_page()
    pdf.lines("Stockport Metropolitan Borough Council",
              "Inspection of services for children in need of help and",
              "protection, children looked after and care leavers", "and",
              "Review of the effectiveness of the Local Safeguarding Children", "Board",
              "Inspection date: 12 January 2015 - 5 February 2015", "Report published: 20 March 2015",
              "Children's services in Stockport require improvement to be", "good",
              "1. Children who need help and protection Requires improvement",
              "2. Children looked after and achieving", "permanence Good",
              "2.1 Adoption performance Good",
              "2.2 Experiences and progress of care leavers Requires improvement",
              "3. Leadership, management and governance Requires improvement")
    pdf.add_page()
    pdf.lines("Contents", "The local authority 3", FILLER * 4)
    pdf.add_page()
    pdf.lines(FILLER * 3, "The LSCB requires improvement because:", FILLER)
    pdf.lines("The inspection team", "Lead inspector: Harriet Okonjo", "Deputy lead inspector: Mark Tennant")
    pdf.lines(*BOILERPLATE)
    record = extractor.extract(read_document(pdf.bytes(), kind="pdf"))
    assert record.published == "2015-03-20"
    current = {(r.judgement, r.rating) for r in record.ratings if r.status == "current"}
    assert current == {("overall effectiveness", "requires improvement"), ("help and protection", "requires improvement"),
                       ("children in care", "good"), ("adoption", "good"), ("care leavers", "requires improvement"),
                       ("leadership", "requires improvement"), ("lscb", "requires improvement")}
    assert {(o.name, o.role) for o in record.officials} == {("Harriet Okonjo", "Lead inspector"),
                                                           ("Mark Tennant", "Deputy lead inspector")}
    assert ("2015-01-12", "2015-02-05") in {(d.value, d.end_value) for d in record.dates if d.role == "inspection"}
    assert_offsets(record)


def test_two_column_judgement_table(extractor):
    pdf = ReportPDF()
    pdf.add_page()
    pdf.lines("London Borough of Sutton", "Inspection of children's social care services",
              "Inspection dates: 9 July 2018 to 20 July 2018", "Lead inspector: Colm Baxter",
              "Her Majesty's Inspector", "Judgement Grade")
    pdf.two_columns([("The impact of leaders on social work practice with children and families", "Good"),
                     ("The experiences and progress of children who need help and protection",
                      "Requires improvement to be good"),
                     ("The experiences and progress of children in care and care leavers", "Good"),
                     ("Overall effectiveness", "Good")])
    pdf.lines(FILLER)
    record = extractor.extract(read_document(pdf.bytes(), kind="pdf"))
    assert {(r.judgement, r.rating) for r in record.ratings} == {
        ("leadership", "good"), ("help and protection", "requires improvement"), ("children in care", "good"),
        ("overall effectiveness", "good")}
    assert [(o.name, o.role) for o in record.officials] == [("Colm Baxter", "Her Majesty's Inspector")]


def test_focused_visit_letter_gives_no_grade(extractor):
    pdf = ReportPDF()
    pdf.add_page()
    pdf.lines("Focused visit to Rutland County Council children's services",
              "This letter summarises the findings of the focused visit on 3 and 4 October 2023.",
              "Inspectors found serious weaknesses in the help given to children at the front door.",
              "Yours sincerely", "Amrit Dhaliwal", "His Majesty's Inspector")
    record = extractor.extract(read_document(pdf.bytes(), kind="pdf"))
    assert record.ratings == []
    assert [c.name for c in record.councils] == ["Rutland County Council"]


def test_scanned_encrypted_and_broken_pdfs_give_clear_errors(tmp_path):
    scanned = ReportPDF()
    scanned.add_page()
    scanned.rect(20, 20, 100, 100, style="F")  # a page with a picture and no text
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(scanned.bytes(), kind="pdf")

    locked = ReportPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.lines("Confidential")
    with pytest.raises(DocumentError, match="encrypted"):
        read_document(locked.bytes(), kind="pdf")

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(DocumentError) as info:
        read_path(broken)
    assert info.value.path == str(broken) and "PDF" in info.value.reason


def test_a_truncated_pdf_says_it_was_cut_short():
    report = ReportPDF()
    report.add_page()
    report.lines("Inspection of Kent County Council children's services")
    whole = report.bytes()
    with pytest.raises(DocumentError, match="truncated PDF"):
        read_document(whole[:len(whole) // 2], kind="pdf")
    damaged = whole[:200] + b"\x00" * 300 + whole[500:]  # the end-of-file marker survives
    with pytest.raises(DocumentError) as info:
        read_document(damaged[:40] + b"garbage" * 50 + b"\n%%EOF\n", kind="pdf")
    assert "truncated" not in info.value.reason and "PDF" in info.value.reason
    assert read_document(whole, kind="pdf").text  # the whole file still reads


def test_send_area_report_gives_the_outcome_as_the_rating(extractor):
    pdf = ReportPDF(running=("Area SEND inspection of Sefton Local Area Partnership", "14 to 18 October 2024"))
    pdf.add_page()
    pdf.lines("Area SEND inspection of Sefton Local Area Partnership", "Inspection dates: 14 to 18 October 2024",
              "Lead inspector: Joanne Pell, His Majesty's Inspector",
              "The local area partnership's special educational needs and/or disabilities (SEND) arrangements "
              "typically lead to positive experiences and outcomes for children and young people with SEND. "
              "The local area partnership is taking action where improvements are needed.", FILLER)
    pdf.add_page()
    pdf.lines("What needs to improve?", FILLER * 3)
    record = extractor.extract(read_document(pdf.bytes(), kind="pdf"))
    assert [(r.subject, r.rating, r.service, r.status) for r in record.ratings] == [
        ("Sefton Metropolitan Borough Council", "positive experiences", "SEND", "current")]
    assert [(o.name, o.organisation) for o in record.officials] == [("Joanne Pell", "Ofsted")]


def current(record) -> set[tuple[str, str]]:
    return {(r.judgement, r.rating) for r in record.ratings if r.status == "current"}


@pytest.mark.parametrize("body, kind", [
    (b"<!DOCTYPE html>\n<html><head><title>Report not found</title></head><body>Not found</body></html>",
     "an HTML page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"Inspection of Rutland County Council children's services, as plain text", "a text file"),
    (b"", "an empty file"),
])
def test_a_pdf_that_is_something_else_says_what_it_is(tmp_path, body, kind):
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    with pytest.raises(DocumentError) as info:
        read_path(path)
    assert info.value.path == str(path) and info.value.reason == f"{kind} saved as .pdf, not a PDF"


def test_a_batch_goes_on_past_a_page_saved_as_pdf(extractor, tmp_path):
    page, report = tmp_path / "a.pdf", tmp_path / "b.pdf"
    page.write_bytes(b"<!DOCTYPE html><html><body>Report not found</body></html>")
    report.write_bytes(ilacs_2024())
    first, second = extractor.extract_many([page, report])
    assert "an HTML page saved as .pdf, not a PDF" in first.errors[0].message
    assert second.errors == [] and ("overall effectiveness", "good") in current(second)


@pytest.mark.parametrize("authority, council", [  # the small model takes "Bolton" on its own line for a person
    ("North Somerset", "North Somerset Council"), ("Bolton", "Bolton Metropolitan Borough Council"),
    ("Surrey", "Surrey County Council")])
def test_bare_authority_line_above_the_early_ilacs_title(extractor, authority, council):
    record = extractor.extract(read_document(ilacs_front(
        authority, "Inspection of children's social care services",
        "Inspection dates: 9 July 2018 to 20 July 2018", rows=ILACS_ROWS), kind="pdf"))
    assert [c.name for c in record.councils] == [council]
    assert current(record) == {("leadership", "good"), ("help and protection", "requires improvement"),
                               ("children in care", "good"), ("overall effectiveness", "good")}
    assert {r.subject for r in record.ratings} == {council}


def test_a_place_above_another_heading_is_no_council(extractor):
    pdf = ReportPDF()
    pdf.add_page()
    pdf.lines("North Somerset", "Inspection of the coastal footpath",
              "Walkers found the path in fair repair after the winter storms.")
    assert extractor.extract(read_document(pdf.bytes(), kind="pdf")).councils == []


def test_single_inspection_report_under_a_bare_authority_line(extractor):
    record = extractor.extract(read_document(single_inspection_report(
        ["Rutland"], ["Children's services in Rutland are", "inadequate"],
        ["1. Children who need help and protection Inadequate", "2. Children looked after and achieving",
         "permanence Not judged", "2.1 Adoption performance Not judged",
         "2.2 Experiences and progress of care leavers Not judged",
         "3. Leadership, management and governance Requires improvement"]), kind="pdf"))
    assert [c.name for c in record.councils] == ["Rutland County Council"]
    assert current(record) == {("overall effectiveness", "inadequate"), ("help and protection", "inadequate"),
                               ("leadership", "requires improvement")}
    assert {(o.name, o.role) for o in record.officials} == {("Harriet Okonjo", "Lead inspector")}
    assert_offsets(record)


def test_single_inspection_headline_stating_the_overall_judgement(extractor):
    record = extractor.extract(read_document(single_inspection_report(
        ["Telford and Wrekin Council"], ["The overall judgement is that children's services require", "improvement"],
        ["The judgements on areas of the service that contribute to overall effectiveness are:",
         "1. Children who need help and protection Good",
         "2. Children looked after and achieving permanence Requires improvement"]), kind="pdf"))
    assert current(record) == {("overall effectiveness", "requires improvement"), ("help and protection", "good"),
                               ("children in care", "requires improvement")}


@pytest.fixture(scope="module")
def table() -> JudgementTable:
    context = load_json(resolve(None, "rating_context.json"))
    return JudgementTable(context["table"], context["judgements"])


@pytest.mark.parametrize("text, grade", [
    ("Children's services in Luton require improvement.", "require improvement"),
    ("Children's services in the Isles of Scilly are good", "good"),
    ("Children's services in Darlington Borough Council are\ninadequate\nThere are widespread failures.",
     "inadequate"),
    ("Children's services in the Royal Borough of Kensington and\nChelsea are outstanding", "outstanding"),
    ("Children's services in Brighton & Hove are good.", "good"),
    ("Children's services in Bournemouth, Christchurch and Poole are inadequate", "inadequate"),
    ("Children's services in Stockport require improvement to be\ngood", "require improvement to be\ngood"),
    ("The overall judgement is requires improvement\nThere are no widespread failures.", "requires improvement"),
    ("The overall judgement is good.", "good"),
])
def test_headline_forms(table, text, grade):
    found = [m.group("grade") for m in (p.search(text) for p in table.headlines) if m]
    assert found == [grade]


@pytest.mark.parametrize("text", [
    "Children's services in Kent were rated good in 2019.",
    "Children's services in Kent are not good.",
    "Children's services in Kent are good, inspectors said.",
    "Children's services in Kent have improved and staff morale is good.",
    "Leaders said that children's services in Kent are good.",
])
def test_not_headlines(table, text):
    assert not any(p.search(text) for p in table.headlines)


def test_name_wrapped_over_the_title_lines(extractor):
    record = extractor.extract(read_document(ilacs_front(
        "Inspection of Redcar and", "Cleveland local authority children's services",
        "Inspection dates: 6 to 17 March 2023", rows=ILACS_ROWS), kind="pdf"))
    assert [c.name for c in record.councils] == ["Redcar and Cleveland Borough Council"]


@pytest.mark.parametrize("title", [("Inspection of Coventry City local", "authority children's services"),
                                   ("Inspection of Coventry", "City local authority children's services")])
def test_place_with_a_council_type_word_before_local_authority(extractor, title):
    record = extractor.extract(read_document(ilacs_front(
        *title, "Inspection dates: 6 to 17 July 2026", rows=ILACS_ROWS[:-1]), kind="pdf"))
    assert [c.name for c in record.councils] == ["Coventry City Council"]
    assert ("leadership", "good") in current(record)


def test_a_club_named_after_a_city_is_no_council(run):
    assert run("Coventry City beat Bristol City 2-0 on Saturday, with two late goals.").councils == []


def test_split_inspection_rates_the_table_in_the_later_year(extractor):
    record = extractor.extract(read_document(ilacs_front(
        "Inspection of Rutland County Council", "children's services",
        "Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023",
        rows=ILACS_ROWS[:-1] + ("Overall effectiveness Inadequate",
                                "Services for children have declined since the last inspection, when they were "
                                "judged to be good.")), kind="pdf"))
    rows = {(r.judgement, r.rating, r.year) for r in record.ratings if r.status == "current"}
    assert ("overall effectiveness", "inadequate", 2023) in rows and ("leadership", "good", 2023) in rows
    assert ("overall effectiveness", "good") not in current(record)


@pytest.mark.parametrize("lines, name", [
    (["Lead inspector: Mary Lloyd -Davies, His Majesty's Inspector"], "Mary Lloyd-Davies"),
    (["Lead inspector: Anna-marie Keating, His Majesty's Inspector"], "Anna-Marie Keating"),
    (["Lead inspector: Anna-marie", "Keating, His Majesty's Inspector"], "Anna-Marie Keating"),
    (["Lead inspector:", "Tom Scotland", "His Majesty's Inspector"], "Tom Scotland"),
    (["Lead inspector: Tom Scotland", "His Majesty's Inspector"], "Tom Scotland"),
    (["Lead inspector: Tom Scotland His Majesty's Inspector"], "Tom Scotland"),
    (["Lead inspector: Emmy Tomsett Her Majesty's Inspector"], "Emmy Tomsett"),
    (["Lead inspector: Maria de Souza, His Majesty's Inspector"], "Maria de Souza"),
    (["Lead inspector: Émile Laurent HMI"], "Émile Laurent"),
    (["Reporting inspector Helen Ashdown HMI"], "Helen Ashdown"),
])
def test_lead_inspector_names_as_pdf_text_gives_them(extractor, lines, name):
    record = extractor.extract(read_document(ilacs_front(
        "Inspection of Rutland County Council", "children's services", "Inspection dates: 4 to 15 March 2024",
        *lines, rows=ILACS_ROWS), kind="pdf"))
    assert name in {o.name for o in record.officials}
    assert not any(o.name.startswith(name) and o.name != name for o in record.officials)


def test_a_label_without_a_name_gives_no_official(extractor):
    pdf = ReportPDF()
    pdf.add_page()
    pdf.lines("Inspection of Rutland County Council children's services", "Inspection dates: 4 to 15 March 2024",
              "Lead inspector: details to follow", "Judgement Grade", *ILACS_ROWS, FILLER)
    assert extractor.extract(read_document(pdf.bytes(), kind="pdf")).officials == []


def test_the_table_states_the_grades_the_prose_only_describes(extractor):
    """Once a report's judgement table is read, a summary sentence adds no other
    current grade for an area the table rates, and "needs are met" is no grade."""
    record = extractor.extract(read_document(ilacs_front(
        "Inspection of Wigan Council children's services", "Inspection dates: 9 July 2018 to 20 July 2018",
        "Inspectors judged that the help and protection of children was good in most teams.",
        "Most children's needs are met quickly by the service.", rows=ILACS_ROWS), kind="pdf"))
    assert current(record) == {("leadership", "good"), ("help and protection", "requires improvement"),
                               ("children in care", "good"), ("overall effectiveness", "good")}

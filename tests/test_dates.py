"""Dates: explicit forms, ranges, year-less days, relative phrases, roles, and
the things that are not dates."""
from datetime import date

import pytest

from extractor.timex import TimexFinder, parse_calendar_date

BASE = date(2015, 11, 27)


@pytest.fixture(scope="module")
def finder():
    return TimexFinder()


def values(finder, text, base=BASE):
    return [(t.value, t.end_value, t.granularity) for t in finder.find(text, base)]


@pytest.mark.parametrize("text, expected", [
    ("between 14 September and 8 October", [("2015-09-14", "2015-10-08", "day")]),
    ("Inspection dates: 11 to 22 May 2026", [("2026-05-11", "2026-05-22", "day")]),
    ("from 28 February to 4 March 2022", [("2022-02-28", "2022-03-04", "day")]),
    ("29 October 2018 to 2 November 2018", [("2018-10-29", "2018-11-02", "day")]),
    ("3–14 October", [("2015-10-03", "2015-10-14", "day")]),
    ("December to February 2020", [("2019-12", "2020-02", "month")]),
    ("the 2015-16 financial year", [("2015", "2016", "year")]),
    ("its 2023/24 budget", [("2023", "2024", "year")]),
    ("between 2010 and 2015", [("2010", "2015", "year")]),
])
def test_ranges(finder, text, expected):
    assert values(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("published in March 2012, when", [("2012-03", None, "month")]),
    ("rated good in 2012.", [("2012", None, "year")]),
    ("on Friday, November 27, 2015", [("2015-11-27", None, "day")]),
    ("on 3rd March 2019", [("2019-03-03", None, "day")]),
    ("Report published: 12/03/2019", [("2019-03-12", None, "day")]),
    ("in late January the council", [("2015-01", None, "month")]),
    ("in March and April", [("2015-03", None, "month"), ("2015-04", None, "month")]),
])
def test_single_dates(finder, text, expected):
    assert values(finder, text) == expected


def test_year_less_dates_take_the_publication_year(finder):
    assert values(finder, "on 14 September", date(2015, 11, 27)) == [("2015-09-14", None, "day")]
    [timex] = finder.find("on 14 December", date(2016, 1, 10))
    assert (timex.value, timex.inferred_year) == ("2016-12-14", True)


def test_a_past_event_after_the_publication_day_is_last_years(run):
    past = run("The council was inspected on 14 December.", published="2016-01-10")
    future = run("The council will be inspected on 14 December.", published="2016-01-10")
    assert [(d.value, d.text) for d in past.dates] == [("2015-12-14", "14 December")]
    assert [d.value for d in future.dates] == ["2016-12-14"]


def test_year_less_dates_without_publication_date_use_nearest_stated_year(finder):
    assert values(finder, "In 2019 the council was inspected on 4 June.", None) == [
        ("2019", None, "year"), ("2019-06-04", None, "day")]
    assert values(finder, "It was inspected on 4 June.", None) == []


@pytest.mark.parametrize("text", [
    "Theresa May said", "It may be that", "under the Children Act 2004", "about 45% of cases",
    "at 10.30am", "Page 12 of 40",
])
def test_not_dates(finder, text):
    assert values(finder, text) == []


@pytest.mark.parametrize("phrase, expected", [
    ("yesterday", ("2015-11-26", "day")),
    ("last year", ("2014", "year")),
    ("this year", ("2015", "year")),
    ("last month", ("2015-10", "month")),
    ("on Tuesday", ("2015-11-24", "day")),
    ("last March", ("2015-03", "month")),
])
def test_relative_phrases(finder, phrase, expected):
    assert finder.relative(phrase, BASE) == expected


def test_relative_phrases_need_a_reference_date(finder):
    assert finder.relative("last year", None) is None
    assert finder.relative("recently", BASE) is None
    assert finder.relative("now", BASE) is None


def test_header_dates():
    assert parse_calendar_date("27 Nov 2015") == "2015-11-27"
    assert parse_calendar_date("Neil Puffett") is None
    assert parse_calendar_date("March 2015") is None  # a header date needs a day


def test_roles_and_durations_in_context(run):
    record = run("Ofsted inspectors visited the council between 3 and 14 October. The last inspection, in "
                 "March 2012, found it good. It has taken three years and six months. Inspection dates: 1 to 5 "
                 "June 2015. Last year the council spent more.", published="2015-11-27")
    found = {(d.value, d.end_value): d.role for d in record.dates}
    assert found[("2015-10-03", "2015-10-14")] == "inspection"
    assert found[("2012-03", None)] is None
    assert found[("2015-06-01", "2015-06-05")] == "inspection"
    assert len(found) == 3  # no date from "three years", "six months" or "Last year"


@pytest.mark.parametrize("text, role", [
    ("In March, inspectors visited the council and met social workers.", "inspection"),
    ("In their report, published on 4 May, inspectors judged the council's services good.", None),
    ("From 1 April, inspections will grade each council on a new scale.", None),
    ("Inspections of schools under the new system began on 10 November.", None),
    ("The council was inspected on 4 May by a team of six.", "inspection"),
])
def test_a_date_is_the_inspection_s_only_when_it_dates_the_inspection(run, text, role):
    [date] = run(text, published="2025-07-01").dates
    assert date.role == role


def dates_in_doc(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    return {(span._.date["value"], span._.date["stated"]) for span in nlp(doc).spans["dates"]}


def test_relative_phrases_stay_in_the_doc_but_not_in_the_record(nlp, run):
    text = ("It won a good rating only last year. The report, published on Wednesday, covers a problem "
            "that dates from the mid-1980s. It was inspected in March 2015.")
    # the ratings component dates grades from these spans ("rated good last year")
    assert dates_in_doc(nlp, text, "2016-07-13") == {("2015", False), ("2016-07-13", False), ("2015-03", True)}
    assert [d.value for d in run(text, published="2016-07-13").dates] == ["2015-03"]


@pytest.mark.parametrize("text", [
    "Inspectors visited yesterday.", "The report came out on Tuesday.", "Ofsted returned last month.",
    "A full inspection is expected next year.", "It was judged good this year.", "It was rated inadequate last March.",
    "The council was rated good in February last year.",
])
def test_relative_expressions_are_not_record_dates(run, text):
    assert run(text, published="2019-03-14").dates == []


def test_a_month_this_year_takes_the_publication_year(run):
    assert [d.value for d in run("The trust launched in January this year.", published="2018-06-22").dates] == ["2018-01"]


def test_durations_with_the_are_not_dates(run):
    record = run("A full inspection is expected within the next year. Over the past month it improved. "
                 "In 2010 inspectors judged it inadequate.", published="2023-07-13")
    assert sorted(d.value for d in record.dates) == ["2010"]


@pytest.mark.parametrize("text, expected", [
    ("In June, Leeds City Council said its results for 2016 had improved.", ["2016", "2016-06"]),
    ("Early 2019 brought a new framework. A re-inspection in May found Kent good.", ["2019", "2019-05"]),
    ("The council spent more in 2012. Inspectors visited on 4 June and judged it good.", ["2012", "2012-06-04"]),
])
def test_an_undated_text_gives_a_year_less_date_a_year_from_its_own_or_the_previous_sentence(run, text, expected):
    assert sorted(d.value for d in run(text).dates) == expected


@pytest.mark.parametrize("text, expected", [
    # the year is three sentences away
    ("Hull was rated inadequate in 2019. The trust took over. Staff left. In May, inspectors returned.", ["2019"]),
    # the year comes after: it dates something else
    ("Ofsted visited Torbay in March. It said Torbay performed poorly in 2011 and 2016.", ["2011", "2016"]),
    # a year inside another date dates that event
    ("Derby was judged inadequate in June 2016. The most recent visit, in March, found progress.", ["2016-06"]),
    # a financial year is a span, not the year of the month after it
    ("Funding rose in 2011/12 and in March, Ofsted judged Bury adequate.", ["2011"]),
])
def test_an_undated_text_gives_no_year_from_further_away(run, text, expected):
    assert sorted(d.value for d in run(text).dates) == expected


def test_a_dated_text_gives_its_year_to_year_less_dates(run):
    record = run("Inspectors visited Leeds in October. Leeds was rated good in 2015.", published="2018-12-19")
    assert sorted(d.value for d in record.dates) == ["2015", "2018-10"]


@pytest.mark.parametrize("text, published, expected", [
    ("A cap has been put in place by Ofsted until September.", "2024-06-27", "2024-09"),
    ("The restriction was in place until September.", "2024-06-27", "2023-09"),
    ("Most grades awarded since November were good.", "2026-02-09", "2025-11"),
    ("The council will be inspected in November.", "2026-02-09", "2026-11"),
])
def test_which_year_a_month_after_the_publication_day_falls_in(run, text, published, expected):
    assert [d.value for d in run(text, published=published).dates] == [expected]


def test_year_before_a_plural_noun_is_a_count(run):
    record = run("The council now has 2000 children in care, up from 1,500 in 2010.")
    assert [d.value for d in record.dates] == ["2010"]
    assert (2000, "child") in {(c.value, c.item) for c in record.counts}


@pytest.mark.parametrize("text, expected", [
    ("In summer 2019 inspectors returned to the council.", ["2019"]),
    ("Whether the 2009 inspectors read the 2006 report is unclear.", ["2006", "2009"]),
])
def test_a_year_before_a_plural_noun_after_a_time_word_is_a_year(run, text, expected):
    record = run(text)
    assert sorted(d.value for d in record.dates) == expected
    assert record.counts == []


def test_the_dateline_is_a_date_of_the_text(extractor):
    from extractor import read_document

    record = extractor.extract(read_document("Council rated inadequate\nJoe Lepper\nTuesday, January 24, 2017\n\n"
                                             "Kent County Council was inspected on 9 January 2017."))
    assert {(d.value, d.role) for d in record.dates} == {("2017-01-24", "publication"), ("2017-01-09", "inspection")}
    # the same day inside a sentence is not the dateline
    record = extractor.extract(read_document("Headline\n24 January 2017\n\nInspectors returned on 24 January 2017 "
                                             "and again in March 2017."))
    assert [d.role for d in record.dates if d.value == "2017-01-24"] == ["publication"]

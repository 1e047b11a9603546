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
    assert found[("2014", None)] is None
    assert len(found) == 4  # no date from "three years" or "six months"


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


def test_relative_phrases_the_model_misses_and_decades(run):
    record = run("It won a good rating only last year. The report, published on Wednesday, covers a problem "
                 "that dates from the mid-1980s.", published="2016-07-13")
    assert {(d.value, d.granularity) for d in record.dates} == {("2015", "year"), ("2016-07-13", "day")}


def test_durations_with_the_are_not_dates(run):
    record = run("A full inspection is expected within the next year. Over the past month it improved. "
                 "Next year it will change. In 2010 inspectors judged it inadequate.", published="2023-07-13")
    assert sorted(d.value for d in record.dates) == ["2010", "2024"]


def test_year_before_a_plural_noun_is_a_count(run):
    record = run("The council now has 2000 children in care, up from 1,500 in 2010.")
    assert [d.value for d in record.dates] == ["2010"]
    assert (2000, "child") in {(c.value, c.item) for c in record.counts}

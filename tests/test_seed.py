"""The article the project started from, read as the raw text file."""
import pytest


@pytest.fixture(scope="module")
def seed(extractor, shared_dir):
    path = shared_dir / "seeds" / "000_82d84abba590ebd9.txt"
    return extractor.extract(path)


def test_header(seed):
    assert seed.title == "Ofsted slams poor practice at council where three children died"
    assert seed.authors == ["Neil Puffett"]
    assert seed.published == "2015-11-27"
    assert "CYP Now Digital membership" not in seed.text
    assert "Subscribe" not in seed.text


def test_council(seed):
    assert [(c.name, c.la_code, c.gss_code) for c in seed.councils] == [
        ("Lancashire County Council", "888", "E10000017")]


def test_ratings(seed):
    found = {(r.subject, r.rating, r.status, r.year) for r in seed.ratings}
    assert ("Lancashire County Council", "inadequate", "current", 2015) in found
    assert ("Lancashire County Council", "good", "previous", 2012) in found
    assert len(seed.ratings) == 2


def test_dates(seed):
    found = {(d.value, d.end_value) for d in seed.dates}
    assert found == {("2015-09-14", "2015-10-08"), ("2012-03", None), ("2012", None), ("2015-11-27", None)}
    roles = {d.value: d.role for d in seed.dates}
    assert roles["2015-09-14"] == "inspection"
    assert roles["2015-11-27"] == "publication"  # the dateline under the byline


def test_counts_and_money(seed):
    assert {(c.value, c.item) for c in seed.counts} == {(3, "child"), (5, "case"), (11, "case"), (13, "case"),
                                                        (16, "case")}
    assert [(m.value, m.currency) for m in seed.money] == [(5000000, "GBP")]


def test_officials(seed):
    assert [(o.name, o.role, o.organisation) for o in seed.officials] == [
        ("Matthew Tomlinson", "lead member for children and young people", "Lancashire County Council")]


def test_offsets(seed):
    from offsets import assert_offsets

    assert_offsets(seed)

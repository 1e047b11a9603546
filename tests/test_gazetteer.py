"""The project's gazetteer (models/councils.csv) keeps the facts it was built from."""
import re
from collections import Counter

from extractor.gazetteer import Gazetteer

PREFIX = {"county council": "E10", "metropolitan borough": "E08", "London borough": "E09", "unitary authority": "E06"}


def test_counts_and_codes():
    gazetteer = Gazetteer()
    english = [c for c in gazetteer.councils.values() if c.nation == "England"]
    current = [c for c in english if c.status == "current"]
    assert len(current) == 153
    assert {c.status for c in english} == {"current", "former", "planned"}
    codes = Counter(c.la_code for c in current)
    assert max(codes.values()) == 1, "a DfE code used twice among current councils"
    for council in english:
        if council.gss_code:
            assert re.fullmatch(r"E(06|07|08|09|10)\d{6}", council.gss_code), council
            expected = PREFIX.get(council.type)
            assert expected is None or council.gss_code.startswith(expected), council
        if council.status == "former":
            assert council.valid_to, council
    assert {c.nation for c in gazetteer.councils.values()} == {"England", "Wales", "Scotland"}


def test_known_rows():
    gazetteer = Gazetteer()
    lancashire = gazetteer.get("Lancashire County Council")
    assert (lancashire.la_code, lancashire.gss_code) == ("888", "E10000017")
    assert gazetteer.get("London Borough of Tower Hamlets").la_code == "211"
    assert gazetteer.get("Council of the Isles of Scilly").la_code == "420"


def test_variants_resolve_by_date():
    gazetteer = Gazetteer()
    names = gazetteer.place_variants["Dorset"]
    assert [c.name for c in gazetteer.pick(names, "2015-01-01")] == ["Dorset County Council"]
    assert [c.name for c in gazetteer.pick(names, "2020-01-01")] == ["Dorset Council"]
    assert [c.name for c in gazetteer.pick(names, None)] == ["Dorset Council"]
    assert gazetteer.org_variants["dorset county council"] == ["Dorset County Council"]


def test_spellings_of_connected_place_names():
    gazetteer = Gazetteer()
    for spelling in ("Kingston upon Thames", "Kingston-upon-Thames", "Kingston-upon Thames", "Kingston upon-Thames"):
        assert gazetteer.place_variants[spelling] == ["Royal Borough of Kingston upon Thames"], spelling
    assert gazetteer.org_variants["stoke on trent city council"] == ["Stoke-on-Trent City Council"]
    assert "Bath-and-North-East-Somerset" not in gazetteer.place_variants  # "and" is not a connective


def test_initialled_council_types_and_apostrophes():
    gazetteer = Gazetteer()
    assert gazetteer.org_variants["calderdale mbc"] == ["Calderdale Metropolitan Borough Council"]
    assert gazetteer.org_variants["surrey cc"] == ["Surrey County Council"]
    assert "leeds cc" not in gazetteer.org_variants  # a city council is not initialled "CC" here
    assert gazetteer.org_variants["birmingham children’s trust"] == gazetteer.org_variants["birmingham children's trust"]


def test_ambiguous_bare_names():
    gazetteer = Gazetteer()
    assert {"Reading", "Bury", "Richmond", "Kingston", "Hereford"} <= gazetteer.ambiguous_places
    assert "Richmond upon Thames" not in gazetteer.ambiguous_places
    assert "Herefordshire" not in gazetteer.ambiguous_places


def test_a_neutral_name_is_shared_by_a_council_and_its_successor():
    gazetteer = Gazetteer()
    names = gazetteer.org_variants["somerset council"]
    assert [c.name for c in gazetteer.pick(names, "2016-06-01")] == ["Somerset County Council"]
    assert [c.name for c in gazetteer.pick(names, "2024-06-01")] == ["Somerset Council"]
    assert gazetteer.org_variants["somerset county council"] == ["Somerset County Council"]

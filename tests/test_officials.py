"""Officials: people in a role, with role and organisation; never the byline or
a picture credit."""
import pytest

from extractor import read_document


def officials(run, text):
    return {(o.name, o.role, o.organisation) for o in run(text).officials}


@pytest.mark.parametrize("text, expected", [
    ("Matthew Tomlinson, lead member for children and young people at Lancashire County Council, said: \"Sorry.\"",
     {("Matthew Tomlinson", "lead member for children and young people", "Lancashire County Council")}),
    ("Kent's director of children's services, Jane Smith, said the council accepted the findings.",
     {("Jane Smith", "director of children's services", "Kent County Council")}),
    ("The council's chief executive Angie Ridgwell said lessons would be learned.",
     {("Angie Ridgwell", "chief executive", None)}),
    ("Ofsted's chief inspector, Sir Martyn Oliver, said standards must rise.",
     {("Sir Martyn Oliver", "chief inspector", "Ofsted")}),
    ("Sir Martyn Oliver, His Majesty's Chief Inspector, said the findings were stark.",
     {("Sir Martyn Oliver", "His Majesty's Chief Inspector", "Ofsted")}),
    ("Children's minister Tim Loughton said he was concerned.",
     {("Tim Loughton", "Children's minister", None)}),
    ("Cllr Jo Bloggs, cabinet member for children at Croydon Council, said: \"We will improve.\"",
     {("Jo Bloggs", "cabinet member for children", "London Borough of Croydon")}),
    ("Lead inspector: Rebecca Quayle, His Majesty's Inspector",
     {("Rebecca Quayle", "His Majesty's Inspector", "Ofsted")}),
    ("Kent County Council was rated good. Helen Tranter, Director of Children's Services, said it was a milestone.",
     {("Helen Tranter", "director of children's services", "Kent County Council")}),
    ("It acted on the recommendation of the Department for Education's children's services commissioner, "
     "Elaine Radcliffe.", {("Elaine Radcliffe", "children's services commissioner", "Department for Education")}),
    ("Amanda Kirkby, Kent's corporate director of children and young people's service, said it was fairer.",
     {("Amanda Kirkby", "corporate director of children and young people's service", "Kent County Council")}),
    ("Kerry Ashworth, chair of Derbyshire Parent Carer Voice, said the report told parents nothing new.",
     {("Kerry Ashworth", "chair", "Derbyshire Parent Carer Voice")}),
    ("Ofsted rated Haringey Council inadequate. Ed Balls told it to remove Sharon Shoesmith, its director of "
     "children's services.", {("Sharon Shoesmith", "director of children's services", "London Borough of Haringey")}),
    ("Jane Smith, Director of Operations at Barnardo's, said the charity would help.",
     {("Jane Smith", "Director of Operations", "Barnardo's")}),
])
def test_roles(run, text, expected):
    assert officials(run, text) == expected


def test_people_without_a_role_are_not_officials(run):
    text = "\"It has been a nightmare,\" said Sarah Jones, whose son was in care. Ann Lee added that she agreed."
    assert officials(run, text) == set()


def test_later_mentions_join_the_official(run):
    record = run("Matthew Tomlinson, lead member for children at Lancashire County Council, spoke first. "
                 "Mr Tomlinson said more staff would be hired. Later, Tomlinson added a warning.")
    [official] = record.officials
    assert [m.text for m in official.mentions] == ["Matthew Tomlinson", "Tomlinson", "Tomlinson"]


def test_byline_and_picture_credit_are_nobody(extractor):
    document = read_document("Council told to improve\n\nNeil Puffett\n27 November 2015\n\n"
                             "The council was rated inadequate. Picture: Phil Adams\n\n"
                             "Neil Puffett, our social affairs editor, reports. Jane Smith, director of children's "
                             "services, said sorry.")
    record = extractor.extract(document)
    assert record.authors == ["Neil Puffett"]
    assert {o.name for o in record.officials} == {"Jane Smith"}

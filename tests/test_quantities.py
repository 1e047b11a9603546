"""Money and counts, with the numbers that are neither."""
import pytest


def money(run, text):
    return [(m.value, m.currency, m.text) for m in run(text).money]


def counts(run, text, published=None):
    return {(c.value, c.item) for c in run(text, published).counts}


@pytest.mark.parametrize("text, expected", [
    ("new investment in services of £5m.", [(5000000, "GBP", "£5m")]),
    ("a £1.2bn overspend", [(1200000000, "GBP", "£1.2bn")]),
    ("councils spent £8.303bn", [(8303000000, "GBP", "£8.303bn")]),  # no float residue
    ("a fee of 77p", [(0.77, "GBP", "77p")]),
    ("it cost £350,000 last year", [(350000, "GBP", "£350,000")]),
    ("an extra £5.2 million", [(5200000, "GBP", "£5.2 million")]),
    ("about 5 million pounds", [(5000000, "GBP", "5 million pounds")]),
    ("fees of £40k a year", [(40000, "GBP", "£40k")]),
    ("between £12,000 and £15,000 a week", [(12000, "GBP", "£12,000"), (15000, "GBP", "£15,000")]),
    ("£5-10m", [(5000000, "GBP", "£5"), (10000000, "GBP", "10m")]),
    ("a $2m grant and €300,000", [(2000000, "USD", "$2m"), (300000, "EUR", "€300,000")]),
])
def test_money(run, text, expected):
    assert money(run, text) == expected


def test_money_offsets_survive_odd_tokenisation(run):
    record = run("It promised £5m.And then more.")
    [fact] = record.money
    assert record.text[fact.start:fact.end] == "£5m"


@pytest.mark.parametrize("text, expected", [
    ("three vulnerable children who died", {(3, "child")}),
    ("Inspectors referred five cases back.", {(5, "case")}),
    ("In 13 of those 16 cases, concerns were upheld.", {(13, "case"), (16, "case")}),
    ("The council employs 1,200 social workers.", {(1200, "social worker")}),
    ("There are twenty-five children's homes in the county.", {(25, "children's home")}),
    ("It has 40 child protection plans open.", {(40, "child protection plan")}),
    ("Nine councils performed poorly.", {(9, "council")}),
    ("It supports 310 care leavers up to the age of 25.", {(310, "care leaver")}),
    ("Inspectors found 31 of the council's 112 social worker posts were vacant.", {(31, "social worker post"),
                                                                                 (112, "social worker post")}),
    ("Five of Evergreen's seven homes were inspected.", {(5, "home"), (7, "home")}),
    ("Social workers held an average of 24 children per social worker.", {(24, "child")}),
])
def test_counts(run, text, expected):
    assert counts(run, text) == expected


@pytest.mark.parametrize("text", [
    "The inspection lasted three weeks.",
    "A 15-year-old boy was placed out of area.",
    "Children aged 11 were interviewed.",
    "About 45 per cent of referrals were repeats.",
    "The council came third in the league table.",
    "Under section 47 of the Children Act 1989 inquiries must follow.",
    "It is one of the worst councils in England.",
    "The council spent £5m on agency staff.",
    "Staff met three times a week.",
    "It was rated grade 4 in 2008.",
    "Young people can get support up to the age of 25.",
    "Meadowbank, a three-bed home, and a 118-pupil school were inspected.",
    "Blackpool had 217 children in care for every 10,000 under-18s.",
    "The rate was 71 children per 10,000.",
    "Eight in ten councils struggled to recruit.",
    "3.1 Inspectors found the service had improved.",
    "In 2010 inspectors judged the service inadequate.",
])
def test_not_counts(run, text):
    assert counts(run, text) == set()


@pytest.mark.parametrize("text, expected", [
    # the noun is left out: the count before it in the sentence says what is counted
    ("Of 40 inspections, six councils were judged inadequate, with a further 19 requiring improvement.",
     {(40, "inspection"), (6, "council"), (19, "council")}),
    ("Some 62 councils reached the top band, having started with just 20.", {(62, "council"), (20, "council")}),
    ("Caseloads fell from an average of 22 children per worker to 17.", {(22, "child"), (17, "child")}),
    ("Kent had 640 approved fostering households, down from 700 in 2021.",
     {(640, "fostering household"), (700, "fostering household")}),
    # ... or the subject of a verb of change, or "the number of"
    ("Referrals to the service rose to 6,200 in the year.", {(6200, "referral")}),
    ("The number of care leavers it supports has climbed to 1,240.", {(1240, "care leaver")}),
    # ... or an opening "Of its X", or the count in the sentence before
    ("The trust runs 14 schools, teaching around 6,000 pupils. Of its schools, four are rated outstanding and "
     "eight good.", {(14, "school"), (6000, "pupil"), (4, "school"), (8, "school")}),
    ("Nine local authorities judged inadequate were inspected again. Four (Hull, Leeds and Kent among them) "
     "improved by two grades. The remaining five improved a little.",
     {(9, "local authority"), (4, "local authority"), (2, "grade"), (5, "local authority")}),
    ("Twelve councils were inspected in the spring. Three fell short of the standard.", {(12, "council"), (3, "council")}),
])
def test_counts_with_an_implied_noun(run, text, expected):
    assert counts(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Overall, 68 out of 150 councils overspent.", {(68, "council"), (150, "council")}),
    ("Only nine boards out of 120 reviewed were good.", {(9, "board"), (120, "board")}),
    ("The 150 English local authorities' children's services were inspected.", {(150, "local authority")}),
    ("It found 21 children's cases waiting.", {(21, "case")}),
    ("Inspectors visited 52 primaries and four special schools.", {(52, "primary school"), (4, "special school")}),
    ("Grades were given in all five categories.", {(5, "category")}),
    ("Some 700 grades have been awarded so far.", {(700, "grade")}),
])
def test_what_the_number_counts(run, text, expected):
    assert counts(run, text) == expected


@pytest.mark.parametrize("text", [
    "He thanked staff for an extremely challenging two year period.",
    "Only a few agencies have two or more consecutive outstanding judgements.",
    "The council was graded from 1 - 4 on each area.",
    "Pupils in Years 10 and 11 did well in mathematics.",
    "Teenagers aged 15 and 16 were never offered an interview.",
    "Services were weaker for 16 and 17-year-olds.",
    "Blackpool – 217 per 10,000",
    "Lily Smith, two, and Sam Jones, four, were harmed.",
    "The result gives us an overall score of two.",
    "Inspection outcome and plan pdf icon PDF 313 KB",
    "21 REPORT INTO THE COUNCIL'S HOME",
    "The council got the best outcome of (1) that children are safe.",
])
def test_more_numbers_that_are_not_counts(run, text):
    assert counts(run, text) == set()


def test_a_score_out_of_a_number_is_not_a_count_of_what_came_before(run):
    assert counts(run, "Ofsted inspected 12 councils. Kent scored 3 out of 4 on the test.") == {(12, "council")}


def test_a_number_that_modifies_a_measure_is_not_a_count(run):
    assert counts(run, "By 2009, 62 councils had achieved 4 star status.") == {(62, "council")}


@pytest.mark.parametrize("text, expected", [
    ("Of the 150 councils, 112 overspent and 37 underspent. One council sent no figures.",
     {(150, "council"), (112, "council"), (37, "council"), (1, "council")}),
    ("There had been one closure of a council-run home.", {(1, "closure")}),
    ("Hull improved by one grade.", {(1, "grade")}),
    ("The college was judged good in all but one area.", {(1, "area")}),
    ("The trust's six academies were inspected. One was judged inadequate, three require improvement and two "
     "are good.", {(6, "academy"), (1, "academy"), (3, "academy"), (2, "academy")}),
])
def test_one_counts_when_it_states_a_quantity(run, text, expected):
    assert counts(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("One parent wrote to the inspectors.", set()),
    ("In one home, inspectors found damp.", set()),
    ("Every agency worker replaced by a permanent one helps.", set()),
    ("Fewer than one in five staff are agency workers.", set()),
    ("Fourteen schools need attention in at least one area.", {(14, "school")}),
    ("It is a problem for the whole council, not just one department.", set()),
    ("Residents should not be dazzled by one good letter.", set()),
])
def test_one_that_states_no_quantity(run, text, expected):
    assert counts(run, text) == expected

"""Money and counts, with the numbers that are neither."""
import pytest


def money(run, text):
    return [(m.value, m.currency, m.text) for m in run(text).money]


def counts(run, text, published=None):
    return {(c.value, c.item) for c in run(text, published).counts}


@pytest.mark.parametrize("text, expected", [
    ("new investment in services of £5m.", [(5000000, "GBP", "£5m")]),
    ("a £1.2bn overspend", [(1200000000, "GBP", "£1.2bn")]),
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

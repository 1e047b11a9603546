"""Councils: organisational forms always count; bare place names only in an
organisational context; links carry the codes of the council of the time."""
import pytest


def councils(run, text, published=None):
    return [c.name for c in run(text, published).councils]


@pytest.mark.parametrize("text, expected", [
    ("Lancashire County Council's children's services department was rated good.", ["Lancashire County Council"]),
    ("Tower Hamlets council said it would appeal.", ["London Borough of Tower Hamlets"]),
    ("the London Borough of Tower Hamlets has responded", ["London Borough of Tower Hamlets"]),
    ("A spokesman for Birmingham Children's Trust said the report was fair.", ["Birmingham City Council"]),
    ("Kent was rated inadequate by Ofsted last year.", ["Kent County Council"]),
    ("Kent's director of children's services, Jane Smith, said sorry.", ["Kent County Council"]),
    ("Children's services in Lambeth were judged good.", ["London Borough of Lambeth"]),
    ("Ofsted rated Croydon inadequate in 2017.", ["London Borough of Croydon"]),
    ("Kent, Medway and Surrey councils have all bid for the funding.",
     ["Kent County Council", "Medway Council", "Surrey County Council"]),
    ("Several councils, including Birmingham, Sandwell and Doncaster, have set up trusts.",
     ["Birmingham City Council", "Sandwell Metropolitan Borough Council", "City of Doncaster Council"]),
    ("Sir Michael pointed to Leeds, judged good last year, as an example.", ["Leeds City Council"]),
    ("Inadequate councils include Sandwell and Doncaster.",
     ["Sandwell Metropolitan Borough Council", "City of Doncaster Council"]),
    ("Of these, 29 councils are rated good and 4, including Leeds and Kensington and Chelsea, are outstanding.",
     ["Leeds City Council", "Royal Borough of Kensington and Chelsea"]),
    ("Of the 23 councils rated inadequate, 14 have improved and 2, Sunderland and Wokingham, are now good.",
     ["Sunderland City Council", "Wokingham Borough Council"]),
])
def test_council_mentions(run, text, expected):
    assert sorted(councils(run, text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "A school in Kent was praised by parents.",
    "She grew up in Croydon before moving north.",
    "Although this is a small number relative to the population of Lancashire, it matters.",
    "The comedian Harry Enfield opened the fete.",
    "Kent Police said officers attended the home.",
    "He studied at the University of Kent.",
    "Ministers in Westminster have promised more money.",
    "It makes for grim Reading, he said.",
    "Visitors flock to areas including Cornwall and Devon every summer.",
    "She moved to Leeds, found good work and settled there.",
    "The band played 12 dates, including Leeds and Sheffield, on the tour.",
    "Of the 40 children, 2, from Sunderland and Wokingham, were placed far from home.",
])
def test_places_that_are_not_councils(run, text):
    assert councils(run, text) == []


def test_league_table_rows_name_councils(run):
    text = "Rates of children in care:\n\nHartlepool – 176 per 10,000\n\nMiddlesbrough – 169 per 10,000\n\n" \
           "She moved to Leeds – 20 years ago, and Kent – 5 miles away – is where she works."
    assert councils(run, text) == ["Hartlepool Borough Council", "Middlesbrough Council"]


def test_former_and_current_councils_resolve_by_date(run):
    assert councils(run, "Dorset was rated good by Ofsted, the council said.", "2015-06-01") == ["Dorset County Council"]
    assert councils(run, "Dorset was rated good by Ofsted, the council said.", "2022-06-01") == ["Dorset Council"]
    assert councils(run, "Northamptonshire County Council was rated inadequate.", "2023-01-01") == [
        "Northamptonshire County Council"]


def test_a_trust_serving_two_councils_links_both(run):
    found = councils(run, "Northamptonshire Children's Trust said it was disappointed.", "2023-05-01")
    assert sorted(found) == ["North Northamptonshire Council", "West Northamptonshire Council"]


def test_codes_and_mentions(run):
    record = run("Lancashire County Council's chief executive spoke. Lancashire County Council later apologised.")
    [council] = record.councils
    assert (council.la_code, council.gss_code) == ("888", "E10000017")
    assert [m.text for m in council.mentions] == ["Lancashire County Council's", "Lancashire County Council"]


def test_welsh_councils_are_recognised_without_ofsted_ratings(run):
    record = run("Cardiff Council was judged good by Care Inspectorate Wales, while Ofsted rated Kent County "
                 "Council inadequate.")
    names = {c.name: c for c in record.councils}
    assert names["City of Cardiff Council"].nation == "Wales"
    assert names["City of Cardiff Council"].la_code is None
    assert {r.subject for r in record.ratings} == {"Kent County Council"}


@pytest.mark.parametrize("text, expected", [
    ("Blackburn and Darwen council has appointed a new director.", ["Blackburn with Darwen Borough Council"]),
    ("Windsor & Maidenhead was rated good.", ["Royal Borough of Windsor and Maidenhead"]),
    ("The Corporation of London was praised by inspectors.", ["City of London Corporation"]),
    ("Kingston-upon-Thames was judged outstanding.", ["Royal Borough of Kingston upon Thames"]),
    ("Richmond-upon Thames was judged outstanding.", ["London Borough of Richmond upon Thames"]),
    # spellings that differ only in case or commas share one pattern, and each is still found
    ("Kingston Upon Thames was judged outstanding.", ["Royal Borough of Kingston upon Thames"]),
    ("KINGSTON UPON THAMES was judged outstanding.", ["Royal Borough of Kingston upon Thames"]),
    ("Rhondda, Cynon, Taff council was praised.", ["Rhondda Cynon Taf County Borough Council"]),
    ("Rhondda,Cynon,Taff council was praised.", ["Rhondda Cynon Taf County Borough Council"]),
    ("Calderdale MBC has achieved a good rating.", ["Calderdale Metropolitan Borough Council"]),
    ("Gloucestershire CC is making slow progress.", ["Gloucestershire County Council"]),
    ("Herts County Council said it was pleased.", ["Hertfordshire County Council"]),
    ("Brighton council was rated good.", ["Brighton and Hove City Council"]),
    ("Telford's children's services were praised.", ["Telford & Wrekin Council"]),
    ("The cabinet heard about the monitoring visit to Hereford's Children's Services.", ["Herefordshire Council"]),
    ("SOUTH Gloucestershire's ability to support disabled children was criticised.", ["South Gloucestershire Council"]),
    ("There were three possible outcomes, and the outcome for Trafford was inconsistent experiences.",
     ["Trafford Metropolitan Borough Council"]),
    ("Inspectors carried out a joint inspection of the local area of North Lincolnshire.",
     ["North Lincolnshire Council"]),
    ("A trust providing children's services in the London boroughs of Kingston and Richmond was praised.",
     ["London Borough of Richmond upon Thames", "Royal Borough of Kingston upon Thames"]),
    ("The latest of these is Kent.", ["Kent County Council"]),
    ("Calderdale's likely 2010 children's services assessment is limited.", ["Calderdale Metropolitan Borough Council"]),
    ("The DfE has appointed Islington as a partner in practice.", ["London Borough of Islington"]),
    ("The most serious concerns were raised in Plymouth, where inspectors found widespread failings.",
     ["Plymouth City Council"]),
    ("Joint targeted area inspection of the multi-agency response to child exploitation in Halton",
     ["Halton Borough Council"]),
])
def test_variant_and_council_sense_names(run, text, expected):
    assert sorted(councils(run, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Norfolk and Devon County Councils were both rated adequate.",
     ["Devon County Council", "Norfolk County Council"]),
    ("Leeds and Wakefield City Councils signed the agreement.",
     ["Leeds City Council", "Wakefield Metropolitan District Council"]),
    ("Bolton, Bury and Wigan Metropolitan Borough Councils will share one fostering service.",
     ["Bolton Metropolitan Borough Council", "Bury Metropolitan Borough Council", "Wigan Metropolitan Borough Council"]),
])
def test_a_plural_council_type_after_a_list_of_places_is_each_ones(run, text, expected):
    """The type is written once for all the places before it, so each is a
    council, even where the recogniser reads "Devon County Councils" as a person."""
    assert sorted(councils(run, text)) == expected


@pytest.mark.parametrize("text", [
    "The county councils of England asked for more money.",
    "Harry Enfield spoke at the county councils' conference.",
    "Derby County and Leeds City drew on Saturday.",
])
def test_a_plural_council_type_alone_names_no_council(run, text):
    assert councils(run, text) == []


@pytest.mark.parametrize("text", [
    "She grew up in Hereford and still lives there.",
    "Children living in Surrey enjoy good schools.",
    "It is a significant decline for the Greater Manchester council.",
    "He chairs West Cheshire Children's Trust.",
    "Directors of children's services in Manchester met at the annual conference.",
    "She moved to Kingston last year.",
    "Richmond was busy on market day.",
    "A children's home in Devon, where inspectors found poor care, has closed.",
    "Kent, where the children were placed, is far from London.",
    "He is reading the report now.",
    "SGC said the figures were wrong.",
    "Stoke City and Luton Town drew on Saturday.",
    "Brighton and Hove Albion were rated the best team in the league.",
])
def test_council_sense_near_misses(run, text):
    assert councils(run, text) == []


def test_report_authority_line_above_its_title(run):
    text = ("Kent\nInspection of services for children in need of help and protection, children looked after "
            "and care leavers\n\nInspectors found that children receive a good service.")
    assert councils(run, text) == ["Kent County Council"]
    assert councils(run, "Kent\nA county of orchards and hop gardens.\n\nThe season starts in May.") == []


def test_a_name_the_parser_reads_as_a_person_across_a_line_break(nlp):
    doc = nlp("Inspection report\nNorth Yorkshire\nInspection of local authority children's services\n"
              "Inspection dates: 1 to 5 May 2023")
    assert [s.kb_id_ for s in doc.spans["councils"]] == ["North Yorkshire Council"]


def test_a_name_wrapped_by_a_line_break(run):
    text = "Inspection of Bath and North East\nSomerset local authority children's services"
    assert councils(run, text) == ["Bath and North East Somerset Council"]


def test_initialisms_follow_a_named_council(run):
    record = run("South Gloucestershire Council was criticised by inspectors. SGC's cabinet has since changed.")
    [council] = record.councils
    assert [m.text for m in council.mentions] == ["South Gloucestershire Council", "SGC's"]
    record = run("Bath and North East Somerset Council (BNES) was rated good. BNES welcomed the report.")
    [council] = record.councils
    assert [m.text for m in council.mentions][-1] == "BNES"


def test_an_initialism_shared_by_two_named_councils_is_left_alone(run):
    record = run("Surrey County Council and Somerset County Council were both inspected. SCC said it was pleased.")
    assert all(m.text != "SCC" for c in record.councils for m in c.mentions)


@pytest.mark.parametrize("published, expected", [
    ("2016-06-28", ["Somerset County Council"]),
    ("2024-05-01", ["Somerset Council"]),
])
def test_shared_names_resolve_by_the_time_of_the_text(run, published, expected):
    assert councils(run, "Somerset was rated good.", published) == expected
    assert councils(run, "Somerset council was rated good.", published) == expected


def test_cumbria_and_its_successors_by_date(run):
    assert councils(run, "Cumbria was rated inadequate by Ofsted.", "2022-01-10") == ["Cumbria County Council"]
    assert councils(run, "Cumberland was rated inadequate by Ofsted.", "2024-01-10") == ["Cumberland Council"]


@pytest.mark.parametrize("text, expected", [
    ("LANCASHIRE'S children's services have improved.", ["Lancashire County Council"]),
    ("In Staffordshire, inspectors found that the partnership's arrangements were inconsistent.",
     ["Staffordshire County Council"]),
    ("Ofsted inspected a nursery in Sutton, which was rated good.", []),
    ("Ofsted inspected two children's homes in Lancashire and found them inadequate.", []),
    ("The verdict is a blow for Torbay, which was rated good last year.", ["Torbay Council"]),
])
def test_where_inspectors_found_things(run, text, expected):
    assert councils(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A spokesperson for Torbay said the council accepted the findings.", ["Torbay Council"]),
    ("The DfE issued Torbay with an improvement notice.", ["Torbay Council"]),
    ("Services for children and young people in Torbay were judged inadequate.", ["Torbay Council"]),
    ("Ofsted's monitoring visit to Medway found some progress.", ["Medway Council"]),
    ("Council bosses in Slough have apologised.", ["Slough Borough Council"]),
    ("Sandwell is to lose control of its children's services.", ["Sandwell Metropolitan Borough Council"]),
    ("The minister wrote to Sandwell demanding improvements.", ["Sandwell Metropolitan Borough Council"]),
    # near misses: places only
    ("Hundreds of children in Sandwell were left at risk.", []),
    ("Her first visit to Torbay was in 1990.", []),
    ("Services for children in care are stretched.", []),
])
def test_officials_letters_and_visits(run, text, expected):
    assert councils(run, text) == expected


def test_a_sentence_recalling_an_earlier_year_names_the_council_of_that_year(run):
    text = ("BCP Council was criticised by inspectors. Before the merger, Bournemouth's children's services had "
            "been rated good in 2017, while Poole's had been judged good the following year.")
    assert sorted(councils(run, text, "2019-12-10")) == [
        "Borough of Poole", "Bournemouth Borough Council", "Bournemouth, Christchurch and Poole Council"]
    assert councils(run, "Bournemouth was rated inadequate.", "2024-06-01") == [
        "Bournemouth, Christchurch and Poole Council"]
    assert sorted(councils(run, "Northamptonshire Children's Trust, set up in 2020, was praised.", "2023-05-01")) == [
        "North Northamptonshire Council", "West Northamptonshire Council"]


@pytest.mark.parametrize("text, expected", [
    ("Devon and Somerset have both been visited by inspectors this year.",
     ["Devon County Council", "Somerset County Council"]),
    ("Ofsted's annual report singled out Knowsley for praise.", ["Knowsley Metropolitan Borough Council"]),
    ("Cornwall is visited by millions of tourists every year.", []),
])
def test_passive_and_phrasal_objects(run, text, expected):
    assert sorted(councils(run, text, "2019-01-01")) == expected


def test_hyphenated_spellings_of_an_ambiguous_place_need_strong_context_too(run):
    assert councils(run, "Kingston-upon-Hull has a busy port.") == []
    assert councils(run, "Kingston-upon-Hull was rated good by Ofsted.") == ["Hull City Council"]

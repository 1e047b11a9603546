"""Ratings: the phrasings news uses, each with cases where it must not fire."""
import pytest


def ratings(run, text, published="2016-03-01"):
    return {(r.subject, r.rating, r.status) for r in run(text, published).ratings}


KENT = "Kent County Council"


@pytest.mark.parametrize("text, expected", [
    ("Kent County Council has been rated inadequate by Ofsted.", {(KENT, "inadequate", "current")}),
    ("Ofsted downgraded Kent County Council to inadequate.", {(KENT, "inadequate", "current")}),
    ("Kent County Council was downgraded from good to requires improvement by inspectors.",
     {(KENT, "good", "previous"), (KENT, "requires improvement", "current")}),
    ("Kent County Council has been upgraded to good by Ofsted.", {(KENT, "good", "current")}),
    ("Kent County Council is no longer inadequate, Ofsted has said.", {(KENT, "inadequate", "previous")}),
    ("Kent County Council was rated 'good' in 2012.", {(KENT, "good", "current")}),
    ("Inspectors judged Kent County Council to require improvement to be good.",
     {(KENT, "requires improvement", "current")}),
    ("Children's services in Kent require improvement to be good, Ofsted said.",
     {(KENT, "requires improvement", "current")}),
    ("Kent County Council was previously rated good by Ofsted.", {(KENT, "good", "previous")}),
    ("Kent County Council was given Ofsted's lowest rating.", {(KENT, "inadequate", "current")}),
    # the small model parses this one badly ("rated" as an adjective of "Council"); the words still say it
    ("In 2019 Ofsted rated Kent County Council outstanding, a grade it still holds.", {(KENT, "outstanding", "current")}),
])
def test_rating_phrasings(run, text, expected):
    assert ratings(run, text) == expected


def test_last_inspection_rated_an_area(run):
    record = run("Kent County Council has been rated inadequate by Ofsted. The last inspection, in 2012, rated "
                 "safeguarding as adequate.", "2016-03-01")
    found = {(r.rating, r.status, r.judgement, r.year) for r in record.ratings}
    assert ("adequate", "previous", "safeguarding", 2012) in found
    assert ("inadequate", "current", "overall effectiveness", 2016) in found


def test_anaphora_resolves_to_the_council_just_mentioned(run):
    text = ("Inspectors visited Hackney last month. The council was rated good. "
            "Lambeth Council also spoke to the press. The authority was judged inadequate.")
    assert ratings(run, text) == {("London Borough of Hackney", "good", "current"),
                                  ("London Borough of Lambeth", "inadequate", "current")}


def test_several_subjects_in_one_sentence(run):
    text = "Hackney and Sutton were judged good by Ofsted, while Bromley improved to outstanding."
    assert ratings(run, text) == {("London Borough of Hackney", "good", "current"),
                                  ("London Borough of Sutton", "good", "current"),
                                  ("London Borough of Bromley", "outstanding", "current")}


def test_areas_are_paired_with_their_grades(run):
    record = run("Kent County Council was rated good for care leavers but requires improvement for children in "
                 "care by Ofsted.")
    assert {(r.rating, r.judgement) for r in record.ratings} == {("good", "care leavers"),
                                                                ("requires improvement", "children in care")}


@pytest.mark.parametrize("text", [
    "Nine councils performed poorly in the annual assessment, Ofsted said.",
    "A third of councils are now rated inadequate by Ofsted.",
    "Kent County Council received a focused visit in May which found serious weaknesses.",
    "Kent County Council hopes to be rated outstanding at its next Ofsted inspection.",
    "Kent County Council could be rated inadequate if it fails to act, inspectors warned.",
    "Kent County Council said it was good to see progress, after an Ofsted visit.",
    "Kent County Council has published its plan to win back a good rating from Ofsted.",
    "The Ofsted report on Kent County Council found good practice in some teams.",
    "Kent County Council said the housing available was inadequate.",
    "Cardiff Council was rated good by Care Inspectorate Wales.",
    "The hospital trust serving Kent was rated outstanding by the CQC.",
    "From April, inspectors will grade each council in Kent's region on a new scale.",
    'Councils will be graded from "exceptional" to "urgent improvement", replacing outstanding, good, '
    'requires improvement and inadequate.',
    'A council could be rated "strong standard" for one area and "urgent improvement" for another.',
    "Ofsted rated every council in the region good or better, it said.",
    "Not a single local authority in the North has been judged outstanding since Kent County Council was inspected.",
])
def test_no_rating(run, text):
    assert ratings(run, text) == set()


def test_schools_and_homes_are_subjects(run):
    text = ("Ofsted has placed Harbour Lane Primary School in special measures. "
            "Meanwhile Oakhurst House, a children's home in Derby, was rated good.")
    # special measures is a category of inadequate, so the school has both grades
    assert ratings(run, text) == {("Harbour Lane Primary School", "special measures", "current"),
                                  ("Harbour Lane Primary School", "inadequate", "current"),
                                  ("Oakhurst House", "good", "current")}


def test_an_aside_between_commas_does_not_date_the_grade(run):
    text = "Children's social care in Sunderland, once among the worst in England, has been rated good by Ofsted."
    assert ratings(run, text, "2022-08-01") == {("Sunderland City Council", "good", "current")}


def test_a_grade_from_when_it_was_last_inspected_is_previous(run):
    record = run("Kent County Council has been rated inadequate. It was rated good when it was last inspected in "
                 "March 2019.", "2021-11-12")
    assert {(r.rating, r.status, r.year) for r in record.ratings} == {("inadequate", "current", 2021),
                                                                      ("good", "previous", 2019)}
    # with no newer grade in the text, the last inspection's grade is the current one
    record = run("A joint inspection found good work. Kent County Council was rated good when it was last "
                 "inspected in 2019.", "2023-05-01")
    assert {(r.rating, r.status, r.year) for r in record.ratings} == {("good", "current", 2019)}
    text = "Kent County Council's children's services were last inspected by Ofsted in 2019, when they were rated good."
    assert ratings(run, text, "2023-05-01") == {(KENT, "good", "current")}
    text = ("Kent County Council's children's services have been told they \"require improvement\" – no worse, "
            "council bosses say, than the \"adequate\" grade they were given last time.")
    assert ratings(run, text, "2014-03-05") == {(KENT, "requires improvement", "current"), (KENT, "adequate", "previous")}
    # the phrase belongs to the grade next to it, not to the new one
    assert ratings(run, "Kent County Council was rated good, up from inadequate at its last inspection.") == {
        (KENT, "good", "current"), (KENT, "inadequate", "previous")}


def test_the_verb_send_is_not_the_send_service(run):
    record = run("Inspectors found Kent County Council's services to be inadequate in 2015, prompting the minister "
                 "to send in a commissioner.", "2016-03-01")
    assert [r.service for r in record.ratings] == ["children's services"]


def test_a_lede_home_and_its_areas_stay_with_the_home(run):
    text = ("A children's home in Staffordshire has closed a month after Ofsted rated it inadequate. Brook Cottage, "
            "near Leek, was run by a private company. Two children had been placed there by Stoke-on-Trent City "
            "Council. Inspectors judged the home inadequate for how well children are helped and protected. The "
            "effectiveness of leaders and managers was judged to require improvement to be good.")
    record = run(text, "2024-02-01")
    assert {r.subject for r in record.ratings} == {"Brook Cottage"}
    assert ("requires improvement", "leadership") in {(r.rating, r.judgement) for r in record.ratings}


def test_three_grades_for_a_named_council_are_not_a_scale(run):
    text = "Kent County Council was rated good for leadership, requires improvement for help and protection " \
           "and inadequate for care leavers."
    assert ratings(run, text) == {(KENT, "good", "current"), (KENT, "requires improvement", "current"),
                                  (KENT, "inadequate", "current")}


def test_a_name_the_text_calls_a_home_is_a_subject(run):
    text = ("Inspectors who visited Meadowbank, a three-bed home in Skelmersdale, on 19 and 20 October rated it "
            "inadequate.")
    record = run(text, "2021-11-12")
    assert {(r.subject, r.rating, r.service) for r in record.ratings} == {("Meadowbank", "inadequate", "children's home")}
    # a person described in apposition is not an institution
    assert ratings(run, "Jane Hall, a social worker at Kent County Council, said the council was rated inadequate.") == {
        (KENT, "inadequate", "current")}


def test_send_outcome_statements(run):
    record = run("Ofsted and the CQC found that Sefton's SEND arrangements typically lead to positive experiences "
                 "and outcomes for children.", "2024-10-01")
    assert [(r.subject, r.rating, r.service) for r in record.ratings] == [
        ("Sefton Metropolitan Borough Council", "positive experiences", "SEND")]


def test_current_rating_year_comes_from_the_inspection(run):
    record = run("The inspection took place between 3 and 14 October. Kent County Council was rated inadequate "
                 "by Ofsted.", "2016-01-12")
    [rating] = record.ratings
    assert rating.year == 2015
    assert record.text[rating.evidence.start:rating.evidence.end] == rating.evidence.text


@pytest.mark.parametrize("text, expected", [
    # 2016-22 framework: a written statement of action means significant weaknesses were found
    ("Ofsted and the CQC told Wirral's SEND partnership to produce a written statement of action after the "
     "inspection.", {("Wirral Council", "significant weaknesses", "current")}),
    ("The local area inspection of Wirral Council's SEND provision found significant weaknesses in how needs are "
     "assessed.",
     {("Wirral Council", "significant weaknesses", "current")}),
    # 2023 framework outcomes keep their own words, also when paraphrased
    ("Inspectors said the SEND arrangements in Wirral lead to inconsistent outcomes for children.",
     {("Wirral Council", "inconsistent experiences", "current")}),
    ('The Ofsted and CQC report on Wirral Council\'s SEND services found "widespread and/or systemic failings".',
     {("Wirral Council", "widespread failings", "current")}),
])
def test_send_outcomes(run, text, expected):
    assert ratings(run, text, "2019-05-01") == expected


@pytest.mark.parametrize("text", [
    # not about SEND: a finding about social work, not an outcome
    "A monitoring visit found a range of significant weaknesses in Wirral Council's children's services.",
    "Inspectors said Wirral Council's social workers saw inconsistent outcomes from their assessments.",
    # the letter says there were none
    "The SEND inspection letter identified no significant weaknesses in Wirral and no written statement of action "
    "was issued.",
])
def test_no_send_outcome(run, text):
    assert ratings(run, text, "2019-05-01") == set()


@pytest.mark.parametrize("text, expected", [
    # the newest grade the text gives is current, however old
    ('Northamptonshire County Council\'s children\'s services had been rated "inadequate" by Ofsted.',
     {("Northamptonshire County Council", "inadequate", "current")}),
    # ... and an older one is previous once a newer one is given
    ("Kent County Council has been rated outstanding. A little over a decade ago, its children's services were "
     "found to be inadequate.", {(KENT, "outstanding", "current"), (KENT, "inadequate", "previous")}),
    ("Kent County Council's services, which were rated inadequate in 2015 and again in January 2018, are run by "
     "a trust.", {(KENT, "inadequate", "previous"), (KENT, "inadequate", "current")}),
    ("Kent County Council's children's services have been rated good for the first time since 2013.",
     {(KENT, "good", "current")}),
    ("Ofsted has rated Kent County Council good, two years after the service was damned with an inadequate rating.",
     {(KENT, "good", "current"), (KENT, "inadequate", "previous")}),
    ("Children's services at Kent County Council were rated inadequate in 2012. They have now been judged to "
     "require improvement.", {(KENT, "inadequate", "previous"), (KENT, "requires improvement", "current")}),
])
def test_status_follows_the_texts_timeline(run, text, expected):
    assert ratings(run, text, None) == expected


def test_a_send_outcome_does_not_replace_a_social_care_grade(run):
    text = ("Durham County Council's children's services are currently rated good, following an inspection in 2016. "
            "Its SEND partnership must now produce a written statement of action.")
    assert ratings(run, text, "2019-03-01") == {("Durham County Council", "good", "current"),
                                               ("Durham County Council", "significant weaknesses", "current")}


WAKEFIELD_HOME = "children's home run by Wakefield Metropolitan District Council"


@pytest.mark.parametrize("text, expected", [
    # an unnamed home a council runs is a subject of its own, not the council
    ("Three Wakefield Council-run children's homes have been given outstanding ratings by Ofsted.",
     {(WAKEFIELD_HOME, "outstanding", "current")}),
    ("A children's home run by Wakefield Council has been rated inadequate by Ofsted.",
     {(WAKEFIELD_HOME, "inadequate", "current")}),
    ("Wakefield Council said Ofsted had judged the county council's children's homes good.",
     {(WAKEFIELD_HOME, "good", "current")}),
    # a named home keeps its name, with the words after its institution word
    ("Oakhurst Residential Care Home for Children, which is run by Wakefield Council, was rated inadequate by Ofsted.",
     {("Oakhurst Residential Care Home for Children", "inadequate", "current")}),
    # a provider the text describes
    ("Next Stage for Fostering, an independent fostering agency, has been awarded an outstanding rating by Ofsted.",
     {("Next Stage for Fostering", "outstanding", "current")}),
    # a safeguarding board is judged apart from its council
    ("Ofsted rated Coventry City Council inadequate, and the effectiveness of the local safeguarding children board "
     "was also judged inadequate.", {("Coventry City Council", "inadequate", "current"),
                                     ("Coventry Local Safeguarding Children Board", "inadequate", "current")}),
    # "sixth form" names the college here, not an area judged
    ("Holy Cross College, a sixth form college, sank from outstanding to requires improvement at its inspection.",
     {("Holy Cross College", "outstanding", "previous"), ("Holy Cross College", "requires improvement", "current")}),
])
def test_institution_subjects(run, text, expected):
    assert ratings(run, text, "2024-05-01") == expected


@pytest.mark.parametrize("text", [
    # nobody named: a private home, and report-card words for a home
    "A children's home run by a private company in Wakefield has been rated inadequate by Ofsted.",
    "Inspectors said the care at Elm House children's home was exceptional.",
])
def test_no_institution_rating(run, text):
    assert ratings(run, text, "2026-01-15") == set()


def test_a_definite_mention_of_a_grade_restates_it(run):
    text = ("Oakhurst House, a children's home in Mansfield, was rated inadequate by Ofsted. The inadequate verdict "
            "will be discussed at a meeting of Nottinghamshire County Council next week.")
    assert ratings(run, text) == {("Oakhurst House", "inadequate", "current")}


def test_a_sentence_with_three_grades_is_not_a_scale_when_they_are_not_listed(run):
    text = ("Carterton Primary School is celebrating. The school was graded inadequate in December 2013, but at its "
            "most recent inspection inspectors graded it good, bypassing the requires improvement grade altogether.")
    assert ratings(run, text, None) == {("Carterton Primary School", "inadequate", "previous"),
                                        ("Carterton Primary School", "good", "current")}


@pytest.mark.parametrize("text, published, expected", [
    ("The authorities found to be inadequate by Ofsted were Cornwall, Warrington and Leeds.", "2010-11-23",
     {("Cornwall Council", "inadequate", "current"), ("Warrington Borough Council", "inadequate", "current"),
      ("Leeds City Council", "inadequate", "current")}),
    # the 2009-12 annual ratings called their grades "excellent" and "poor"; a sentence that only lists goes on
    ("Birmingham is among three local authorities rated poor by Ofsted. The others are: Cornwall and Essex.",
     "2009-12-09", {("Birmingham City Council", "performs poorly", "current"),
                    ("Cornwall Council", "performs poorly", "current"), ("Essex County Council", "performs poorly", "current")}),
    ("Four councils have excellent ratings: Camden; Lewisham; Tower Hamlets; Wandsworth.", "2009-12-09",
     {(f"London Borough of {name}", "performs excellently", "current") for name in ("Camden", "Lewisham",
                                                                                     "Tower Hamlets", "Wandsworth")}),
    # the councils listed after "five had been good" are also among the eight judged outstanding
    ("Of the eight councils judged outstanding this year, five had been good: Stockport, Camden and Leeds.",
     "2025-12-18", {(name, grade, status) for name in ("Stockport Metropolitan Borough Council",
                                                       "London Borough of Camden", "Leeds City Council")
                    for grade, status in (("outstanding", "current"), ("good", "previous"))}),
])
def test_councils_named_in_lists(run, text, published, expected):
    assert ratings(run, text, published) == expected


@pytest.mark.parametrize("text, published", [
    ("Nine councils were rated poor by Ofsted in its annual assessment.", "2009-12-09"),
    ("Birmingham City Council was rated inadequate. The others are based in the north of England.", None),
    ("Parents rated Kent County Council's new school transport poor, a survey found.", "2016-04-01"),
    ("Of the eight councils judged outstanding this year, five had been good.", "2025-12-18"),
])
def test_no_list_rating(run, text, published):
    found = ratings(run, text, published)
    assert not {r for r in found if r[0] != "Birmingham City Council"}


@pytest.mark.parametrize("text", [
    # an infinitive of purpose, a condition and a future are not grades
    'There was "a great deal of work still to be done" to achieve a good Ofsted rating for Kent County Council.',
    "Where inspectors have concerns about Kent County Council's SEND services, a written statement of action is "
    "issued.",
    "The latest report makes recommendations to help Kent County Council become good in the future.",
])
def test_aims_and_conditions_are_not_ratings(run, text):
    assert ratings(run, text) == set()


@pytest.mark.parametrize("text, expected", [
    ("Kent County Council went on to become outstanding in 2019.", {(KENT, "outstanding", "current")}),
    # "to" after a verb of change names the new grade; a cue after the grade dates it
    ('Kent County Council was ranked "inadequate" in 2012, which was upped to "requires improvement" in the latest '
     'inspection.', {(KENT, "inadequate", "previous"), (KENT, "requires improvement", "current")}),
    ("Kent County Council has been rated good, having been judged inadequate previously.",
     {(KENT, "good", "current"), (KENT, "inadequate", "previous")}),
])
def test_events_and_their_order(run, text, expected):
    assert ratings(run, text, None) == expected


@pytest.mark.parametrize("text, expected", [
    # the parse links the first council of a semicolon list; the rest share its grades
    ("Those moving up from requires improvement to good included Lancashire County Council; Bolton; Hounslow.",
     {(name, grade, status) for name in ("Lancashire County Council", "Bolton Metropolitan Borough Council",
                                         "London Borough of Hounslow")
      for grade, status in (("requires improvement", "previous"), ("good", "current"))}),
    # a list in dashes before the grade; "kept the outstanding grades" is a rating, not a mention of an earlier one
    ("Eight councils were judged outstanding this year. The other three - Essex County Council, Lincolnshire "
     "County Council and North Lincolnshire Council - kept the outstanding grades they were awarded before.",
     {(name, "outstanding", status) for name in ("Essex County Council", "Lincolnshire County Council",
                                                 "North Lincolnshire Council") for status in ("previous", "current")}),
])
def test_lists_around_the_grade(run, text, expected):
    assert ratings(run, text, "2025-12-18") == expected


def test_annual_performance_assessment_outcome_areas(run):
    record = run("Kent County Council's annual performance assessment rated staying safe as good and enjoying and "
                 "achieving as adequate.", "2008-12-01")
    assert {(r.rating, r.judgement) for r in record.ratings} == {("good", "staying safe"),
                                                                ("adequate", "enjoying and achieving")}


def test_a_grade_given_to_councils_sharing_one_plural_type_is_each_ones(run):
    assert ratings(run, "Surrey and Kent County Councils both received a rating of adequate for safeguarding.",
                   "2009-12-10") == {("Surrey County Council", "adequate", "current"),
                                     (KENT, "adequate", "current")}

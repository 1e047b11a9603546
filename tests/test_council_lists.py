"""Councils named in lists and comparisons: a list is a list of councils when one
member is, when it repeats councils named elsewhere, or when a council noun
introduces it; never when it runs on into another body's name."""
import pytest


def councils(run, text, published=None):
    return sorted(c.name for c in run(text, published).councils)


@pytest.mark.parametrize("text, expected", [
    ("As well as Sandwell, child protection was rated inadequate at Oldham, Rochdale and Wigan councils.",
     ["Oldham Metropolitan Borough Council", "Rochdale Metropolitan Borough Council",
      "Sandwell Metropolitan Borough Council", "Wigan Metropolitan Borough Council"]),
    ("Five councils were marked down this year. The others are: Luton, Medway, Swindon and Thurrock.",
     ["Luton Borough Council", "Medway Council", "Swindon Borough Council", "Thurrock Council"]),
    ("The authorities judged to be failing were Bexley, Croydon and Enfield.",
     ["London Borough of Bexley", "London Borough of Croydon", "London Borough of Enfield"]),
    ("Councils rated as performing poorly are Torbay, Slough and Peterborough.",
     ["Peterborough City Council", "Slough Borough Council", "Torbay Council"]),
    ("Four councils received the top mark: Camden; Hackney; Islington; Sutton.",
     ["London Borough of Camden", "London Borough of Hackney", "London Borough of Islington",
      "London Borough of Sutton"]),
    ("Fewer councils kept four stars, with Camden, Corporation of London, Harrow and Barnet still in that bracket.",
     ["City of London Corporation", "London Borough of Barnet", "London Borough of Camden",
      "London Borough of Harrow"]),
    ("Two authorities, Gateshead and York, were rated outstanding.",
     ["City of York Council", "Gateshead Metropolitan Borough Council"]),
    ("Wigan was rated inadequate on Monday, following Tameside last Tuesday and Oldham last Wednesday.",
     ["Oldham Metropolitan Borough Council", "Tameside Metropolitan Borough Council",
      "Wigan Metropolitan Borough Council"]),
    ("Blackpool had the highest rate, followed by Hartlepool (170) and Middlesbrough (165).",
     ["Blackpool Borough Council", "Hartlepool Borough Council", "Middlesbrough Council"]),
    ("Doncaster was rated good, as were Rotherham and Barnsley.",
     ["Barnsley Metropolitan Borough Council", "City of Doncaster Council", "Rotherham Metropolitan Borough Council"]),
    ("Hampshire's work with the Isle of Wight has been praised, as has Essex supporting Norfolk.",
     ["Essex County Council", "Hampshire County Council", "Isle of Wight Council", "Norfolk County Council"]),
])
def test_lists_and_comparisons_name_councils(run, text, expected):
    assert councils(run, text) == expected


def test_a_list_repeating_named_councils_is_a_list_of_councils(run):
    text = ("Ofsted judged children's services in Luton and Slough inadequate. "
            "It also found weaknesses in Barnet, Luton, Slough and Swindon.")
    assert councils(run, text) == ["London Borough of Barnet", "Luton Borough Council", "Slough Borough Council",
                                   "Swindon Borough Council"]


def test_one_repeated_council_does_not_make_a_list(run):
    text = "Ofsted rated Luton inadequate. Families travel from Luton and Bedford and Milton Keynes for the clinic."
    assert councils(run, text) == ["Luton Borough Council"]


@pytest.mark.parametrize("text, expected", [
    # the places name an NHS body, not councils
    ("Bristol City Council and the Bristol, North Somerset, South Gloucestershire (BNSSG) Integrated Care Board "
     "were inspected together.", ["Bristol City Council"]),
    ("Kent County Council and the Kent and Medway NHS trust signed the plan.", ["Kent County Council"]),
    # a town and its county: an address, not a list
    ("Inspectors found an unregistered home near Richmond, North Yorkshire, where children had been placed by "
     "North Yorkshire County Council.", ["North Yorkshire County Council"]),
    # places in a list with no council in it
    ("Visitors come from Cornwall, Devon and Dorset every summer.", []),
    ("She worked in Leeds, followed by a spell in Wakefield.", []),
    ("Like Cornwall, Devon is popular with tourists.", []),
    # a colon before a single name is a picture credit or a heading, not a list
    ("The council was praised. Picture: Warrington Weekly", []),
])
def test_lists_that_are_not_councils(run, text, expected):
    assert councils(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Fewer councils reached four stars this year, with Wandsworth, Bromley and Sutton still in that bracket.",
     ["London Borough of Bromley", "London Borough of Sutton", "London Borough of Wandsworth"]),
    ("Ofsted's verdicts on Bexley, Havering and Redbridge were published on Friday.",
     ["London Borough of Bexley", "London Borough of Havering", "London Borough of Redbridge"]),
    # introduced as locations, or with nothing about councils or ratings
    ("Schools in Kent, Essex and Surrey were rated good.", []),
    ("Holidaymakers love Cornwall, Devon and Dorset for their outstanding beaches.", []),
    ("The band played Leeds, Sheffield and York in May.", []),
])
def test_three_places_in_a_sentence_about_ratings(run, text, expected):
    assert councils(run, text) == expected

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


@pytest.mark.parametrize("text, expected", [
    # abbreviated titles are not part of the name
    ("Clr Anna Price, deputy leader of Shropshire Council, opened the meeting.",
     {("Anna Price", "deputy leader of Shropshire Council", "Shropshire Council")}),
    # "leader of", "Mayor of" and a committee or board keep their "of" phrase; an employer does not
    ("Ben Hall, chief executive of Leeds City Council, said the service had changed.",
     {("Ben Hall", "chief executive", "Leeds City Council")}),
    ("Coun Ruth Ainsley, chair of the LGA's Children and Young People Board, said councils were stretched.",
     {("Ruth Ainsley", "chair of the LGA's Children and Young People Board", "Local Government Association")}),
    ("Priya Shah, independent chair of Leeds Safeguarding Children Board, welcomed the report.",
     {("Priya Shah", "independent chair", "Leeds Safeguarding Children Board")}),
    ("President of the Association of Directors of Children's Services Mark Dunn said budgets were tight.",
     {("Mark Dunn", "President", "Association of Directors of Children's Services")}),
    ("Secretary of State for Education Ann Moss said the rules would change.",
     {("Ann Moss", "Secretary of State for Education", None)}),
    # a role before the name starts at the role word, not at an "of" before it or another name
    ("Under the Labour administration of Mayor Joe Platt the service declined.", {("Joe Platt", "Mayor", None)}),
    ("The trust is led by chair of the board Tom Hill and chief executive Sara Lowe.",
     {("Tom Hill", "chair of the board", None), ("Sara Lowe", "chief executive", None)}),
    # role words the tagger reads as verbs
    ("In a letter to headteacher Amy Rowe, inspectors set out their concerns.", {("Amy Rowe", "headteacher", None)}),
    ("Dev Mistry, managing director at Brightside Fostering, said staff were proud.",
     {("Dev Mistry", "managing director", "Brightside Fostering")}),
    # roles in brackets, with the body written straight after; a party and ward come before the role
    ("The panel heard from Joan Ives (Senior HMI Ofsted) and Mo Khan (Regulatory Inspection Manager Ofsted).",
     {("Joan Ives", "Senior HMI", "Ofsted"), ("Mo Khan", "Regulatory Inspection Manager", "Ofsted")}),
    ("Cllr Jo Bell (Lab, Hyde Park), cabinet member for schools, asked for more staff.",
     {("Jo Bell", "cabinet member for schools", None)}),
])
def test_role_as_written(run, text, expected):
    assert officials(run, text) == expected


def test_a_councillor_title_is_the_role_when_nothing_else_is_written(run):
    text = ("Dorset Council's cabinet met on Tuesday. The motion was proposed by Cllr R Patel and seconded by "
            "Cllr J Moss. Mr K Lane, a resident, objected.")
    assert officials(run, text) == {("R Patel", "councillor", "Dorset Council"), ("J Moss", "councillor", "Dorset Council")}


def test_a_written_role_beats_the_councillor_title(run):
    text = "Cllr Dee Ward spoke first. Later Cllr Ward, cabinet member for children at Wigan Council, replied."
    assert officials(run, text) == {("Dee Ward", "cabinet member for children", "Wigan Metropolitan Borough Council")}


def test_an_employer_after_the_name_makes_an_official_but_a_home_town_does_not(run):
    text = ("The meeting was told by Tom Brown of the DfE that change was slow. "
            "Chief Constable Lee Hart, of Durham Constabulary, agreed. Jane Smith, 42, of Leeds, disagreed.")
    assert officials(run, text) == {("Tom Brown", None, "Department for Education"),
                                    ("Lee Hart", "Chief Constable", "Durham Constabulary")}


def test_witness_lists_in_minutes_join_wrapped_names_and_roles(run):
    text = ("Kent County Council children's committee\nWitnesses:\n"
            "Sam Leigh, Corporate Director – Adults, Health\nand Wellbeing\n"
            "Kay\nMorton, Head of Service –\nFostering Services\n"
            "Ravi Dutt, Cabinet Member for Schools and\nSkills\n"
            "Key points raised in the discussion:\n")
    found = {(name, role) for name, role, _ in officials(run, text)}
    assert found == {("Sam Leigh", "corporate director – adults, health and wellbeing"),
                     ("Kay Morton", "Head of Service – Fostering Services"),
                     ("Ravi Dutt", "cabinet member for schools and skills")}


def test_a_dash_aside_is_not_part_of_the_role(run):
    text = "Jane Orme, director of children's services – who joined in May – said the plan was working."
    assert officials(run, text) == {("Jane Orme", "director of children's services", None)}


@pytest.mark.parametrize("text, expected", [
    ("The department has appointed Rhona Gill as commissioner to review the council's services.",
     {("Rhona Gill", "commissioner", None)}),
    ("Omar Haddad was made Torbay's director of children's services and a monitoring visit later found progress.",
     {("Omar Haddad", "director of children's services", "Torbay Council")}),
    # a current role beats a past one written next to it
    ("The DfE appointed Lena Park, a former director of children's services, as the council's improvement adviser.",
     {("Lena Park", "improvement adviser", None)}),
    ("The improvement board will be chaired by Colin Reyes, a former chief executive of a northern council.",
     {("Colin Reyes", "chair of the improvement board", None)}),
    # a past role alone is still the role written
    ("Gail Brooks, a former director of children's services, said the cuts went too far.",
     {("Gail Brooks", "former director of children's services", None)}),
    # "as" without a role word, and a review led by someone, give no role
    ("Paula Young was appointed to oversee the changes. It was as bad as Ken Doyle as a father could fear.", set()),
])
def test_roles_given_by_appointment(run, text, expected):
    assert officials(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    # family ties are not posts, however they are phrased; a partner in a firm is
    ("Tom Reed, the partner of the girl's mother, was jailed. Jo Ash, partner at Hale Law, said the case was rare.",
     {("Jo Ash", "partner at Hale Law", None)}),
    # a nation at the end of a role is not the start of the name after it
    ("Children's Commissioner for England Mara Quinn said the system was failing.",
     {("Mara Quinn", "Children's Commissioner for England", None)}),
    # a name in brackets after its role, inside quoted report text
    ("Inspectors wrote that \"the director of children's services [Lou Field] knew too little\".",
     {("Lou Field", "director of children's services", None)}),
    # a labelled line is a list only when names follow the label
    ("The Director: Children and Families submitted a report on the Written Statement of Action.", set()),
    ("In 2017 the then minister covering SEND, Ray Kemp, wrote to the council.",
     {("Ray Kemp", "minister covering SEND", None)}),
    ("We thank Ann Holt, recently retired Director, for her work.", {("Ann Holt", "retired Director", None)}),
    # the owner of a role is the whole body before the last possessive
    ("\"We are proud,\" Doncaster Children's Services Trust's chair Ola Bright said.",
     {("Ola Bright", "chair", "Doncaster Children's Services Trust")}),
])
def test_names_next_to_roles(run, text, expected):
    assert officials(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("According to Sam Price, head of policy at the NSPCC, the rise was alarming.",
     {("Sam Price", "head of policy", "NSPCC")}),
    ("Robin Tate MP, chair of the education select committee, called for action.",
     {("Robin Tate", "chair of the education select committee", None)}),
    ("Officers: Jane Dove (Head of Children's Social Care)", {("Jane Dove", "Head of Children's Social Care", None)}),
    ("Detective Inspector Sam Cole said the inquiry into the home was continuing.",
     {("Sam Cole", "Detective Inspector", None)}),
    ("Jo Bloggs, who became director of children's services in 2019, said it had been hard.",
     {("Jo Bloggs", "director of children's services", None)}),
    # a department after a role is not a second person
    ("Report author: Jane Dove, Service Manager, Quality Assurance", {("Jane Dove", "Service Manager", None)}),
])
def test_role_edges(run, text, expected):
    assert officials(run, text) == expected


def test_a_signature_gives_the_role_on_the_next_line_but_a_byline_does_not(run):
    letter = "The visit found weaknesses.\n\nYours sincerely\n\nJane Dove\nHis Majesty's Inspector\n"
    assert officials(run, letter) == {("Jane Dove", "His Majesty's Inspector", "Ofsted")}
    story = "Council to appeal\n\nAmy Cole\nChief Reporter\n\nThe council said it would appeal the ruling."
    assert officials(run, story) == set()


def test_a_plural_title_gives_each_listed_name_the_role(run):
    text = ("Leeds City Council children's scrutiny board.\n"
            "Present: Councillors A Smith (Chairman), B Jones and Carol Brown.\nThe Councillors present agreed.")
    assert officials(run, text) == {("A Smith", "Chairman", None), ("B Jones", "councillor", "Leeds City Council"),
                                    ("Carol Brown", "councillor", "Leeds City Council")}


@pytest.mark.parametrize("text, expected", [
    ("Deputy Chief Constable Rhys Bowen, of Gwent Police, said every case was reviewed.",
     {("Rhys Bowen", "Deputy Chief Constable", "Gwent Police")}),
    ("The education secretary, Ann Moss, and the schools minister, Ben Ward, visited the school.",
     {("Ann Moss", "education secretary", None), ("Ben Ward", "schools minister", None)}),
    ("The National Review of Family Courts, chaired by Lina Okoro, will report in May.",
     {("Lina Okoro", "chair", "National Review of Family Courts")}),
    ("Team inspectors: Susan Vale, Richard Omar", {("Susan Vale", "Team inspector", "Ofsted"),
                                                   ("Richard Omar", "Team inspector", "Ofsted")}),
    ("Cllr Jo Reid, Executive Member for Children and Young People, said it was a tribute to staff.",
     {("Jo Reid", "executive member for children and young people", None)}),
    ("Sarah Lee, Corporate Director for Children, Young People and Education, presented the report.",
     {("Sarah Lee", "corporate director for children, young people and education", None)}),
    ("Jane Orme, director of children's services, Tom Brown and Ann Lee said they agreed.",
     {("Jane Orme", "director of children's services", None)}),
    ("The home was praised. Picture: Phil Adams. The council's director, Jane Orme, said sorry.",
     {("Jane Orme", "director", None)}),
])
def test_more_role_forms(run, text, expected):
    assert officials(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inspectors, led by Karen Lee, found that children were left at risk.", {("Karen Lee", "lead inspector", "Ofsted")}),
    ("Oversight stays with three commissioners led by Mary Fenn.", {("Mary Fenn", "lead commissioner", None)}),
    ("Jo Bloggs, who chairs the safeguarding board, said so.", {("Jo Bloggs", "chair of the safeguarding board", None)}),
    ("Sam Hart, who leads on children's services, said more staff were needed.",
     {("Sam Hart", "lead on children's services", None)}),
    # a review someone leads is not a post
    ("The review was led by Dame Ruth Ames.", set()),
])
def test_roles_from_who_leads_what(run, text, expected):
    assert officials(run, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Schools minister Baroness Hale of Ely said councils would get support.",
     {("Baroness Hale of Ely", "Schools minister", None)}),
    ("Roger Smythe, chairman of Norfolk County Council's children's services committee, said the signs were there.",
     {("Roger Smythe", "chairman of Norfolk County Council's children's services committee", "Norfolk County Council")}),
])
def test_peers_and_committees(run, text, expected):
    assert officials(run, text) == expected


def test_a_partner_in_the_family_is_not_a_post(run):
    text = ("The girl's mother, Amy Tate, and her partner Leon Boyd were convicted. "
            "Evie's partner Sam Lowe was cleared. Jo Ash, a partner at Hale Law, said the case was rare.")
    assert {name for name, _, _ in officials(run, text)} == {"Jo Ash"}


def test_a_party_before_mp_is_not_a_listed_name(run):
    assert officials(run, "Labour MP for Leeds East Richard Burgon said the city deserved better.") == {
        ("Richard Burgon", "Labour MP for Leeds East", None)}


def test_picture_agencies_and_plural_remits(run):
    text = "Getty Images\nSchools Minister Jo Platt visited.\n\nIn response, vice-chair of governors Dee Hale said it would appeal."
    assert officials(run, text) == {("Jo Platt", "Schools Minister", None), ("Dee Hale", "vice-chair of governors", None)}


@pytest.mark.parametrize("text, expected", [
    ("Det Supt Jane Orr said the inquiry was complex.", {("Jane Orr", "Det Supt", None)}),
    ("Insp Ann Cole said patrols would increase near the home.", {("Ann Cole", "Insp", None)}),
    ("Matthew Tomlin, who was appointed lead member last year, said the council was on track.",
     {("Matthew Tomlin", "lead member", None)}),
])
def test_abbreviated_ranks_and_appointed_roles(run, text, expected):
    assert officials(run, text) == expected


def test_inspection_team_lists_in_reports(run):
    text = ("The inspection team\nLead inspector: Neil Penn, HMI\n"
            "Team inspectors: Sara Urwin HMI, Carol Spry HMI, Dr\nKen Jonas HMI, Rita Holt HMI Designate, "
            "Fiona Parr Associate Inspector, Chris Wills\nHMI and Dom Porter-Lee.\n"
            "Contact officer: Mark Petts, Head of Quality Assurance\n")
    assert {(name, role) for name, role, _ in officials(run, text)} == {
        ("Neil Penn", "Lead inspector"), ("Sara Urwin", "Team inspector"), ("Carol Spry", "Team inspector"),
        ("Ken Jonas", "Team inspector"), ("Rita Holt", "Team inspector"), ("Fiona Parr", "Team inspector"),
        ("Chris Wills", "Team inspector"), ("Dom Porter-Lee", "Team inspector"),
        ("Mark Petts", "Head of Quality Assurance")}

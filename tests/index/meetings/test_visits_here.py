"""Visits and talks told the newswire's way: a visit with no destination in a story filed from abroad goes to
the dateline's city ("begins a state visit on Tuesday", "the visit of X"), "the Saudi leader" is the king the
story named, "A and his counterpart B ... during talks in Bonn" met, a sentence may open on its place or month
("In Brasilia he ..."), a dateline may name a country after its city ("TAUPO, New Zealand, March 22 -"), and
"At meetings here this week, A pressed B" is a meeting of A and B ("At" naming no one)."""

from __future__ import annotations

import pytest

from index.meetings.facts import dateline_place, dateline_region
from tests.index.meetings.support import meeting, story

STATE_VISIT = ("King to visit\n\n"
               "LONDON, March 22 - King Tarek of Saudi Arabia begins a four-day state visit on Tuesday which will "
               "focus on trade.\n\n"
               "The Saudi leader will hold talks with Prime Minister Ellen Marsh during the visit.\n")
VISIT_OF = ("Trade demands\n\n"
            "PEKING, March 3 - The official newspaper published the demands to coincide with the visit of U.S. "
            "Secretary of State Paul Varga.\n")
DURING = ("Helicopter accord\n\n"
          "PARIS, March 22 - A ministry spokesman said French Defence Minister Andre Morel and his West German "
          "counterpart Karl Weber had agreed in principle on a common design during talks in Bonn on Friday.\n")
OPENING = ("Tour\n\n"
           "TOKYO, March 5 - Japanese Prime Minister Kenji Sato will visit Brazil on Monday, officials said.\n\n"
           "In Brasilia he is due to hold talks with President Jose Alves on Brazil's foreign debt.\n\n"
           "In March, West German Chancellor Otto Brandt will meet French President Louis Garnier.\n")
REGION = ("Trade talks\n\n"
          "TAUPO, New Zealand, March 22 - Trade ministers from 20 nations are meeting here to review world trade.\n")


@pytest.fixture(scope="module")
def state_visit(tmp_path_factory):
    return story(tmp_path_factory, STATE_VISIT, "1987-03-22")


def test_a_state_visit_with_no_destination_goes_to_the_datelines_city(state_visit):
    visit = [m for m in state_visit[1] if m.kind.value == "visit" and not m.counterparts]
    assert len(visit) == 1 and visit[0].place.value == "London"
    assert visit[0].when.date == "1987-03-24" and visit[0].status.value == "planned"  # "begins ... on Tuesday": ahead


def test_the_saudi_leader_is_the_king_the_story_named(state_visit):
    talks = meeting(state_visit[1], "Tarek", "Marsh")
    assert talks.status.value == "planned"
    assert not [p for m in state_visit[1] for p in m.people() if p.name is None]


def test_the_visit_of_someone_in_a_story_filed_from_a_city_abroad(tmp_path_factory):
    _, meetings = story(tmp_path_factory, VISIT_OF, "1987-03-03")
    assert [(m.participants[0].name, m.place.value) for m in meetings] == [("Paul Varga", "Peking")]


def test_a_coordinated_subject_met_during_talks(tmp_path_factory):
    _, meetings = story(tmp_path_factory, DURING, "1987-03-22")
    talks = meeting(meetings, "Morel", "Weber")
    assert talks.place.value == "Bonn" and talks.when.value == "Friday" and talks.status.value == "held"


def test_a_sentence_may_open_on_its_place_or_month(tmp_path_factory):
    _, meetings = story(tmp_path_factory, OPENING, "1987-03-05")
    assert meeting(meetings, "Sato", "Alves").place.value == "Brasilia"
    assert meeting(meetings, "Brandt", "Garnier").when.value == "March"


def test_a_dateline_may_name_a_country_after_its_city(tmp_path_factory):
    document, meetings = story(tmp_path_factory, REGION, "1987-03-22")
    assert dateline_place(document).value == "Taupo" and dateline_region(document) == "New Zealand"
    assert [m.place.value for m in meetings] == ["Taupo"]  # "meeting here": the dateline's city


def test_a_visit_without_destination_at_home_is_no_trip(tmp_path_factory):
    home = STATE_VISIT.replace("King Tarek of Saudi Arabia", "Prime Minister Ellen Marsh of Britain").replace(
        "The Saudi leader will hold talks with Prime Minister Ellen Marsh", "She will rest")
    _, meetings = story(tmp_path_factory, home, "1987-03-22")
    assert not [m for m in meetings if m.kind.value == "visit"]


def test_a_sentence_opening_on_meetings_here_met_its_subject_and_object(tmp_path_factory):
    text = ("Bank talks\n\nTOKYO, March 9 - At meetings here this week, British Treasury officials pressed their "
            "Japanese counterparts to change the rules.\n")
    _, meetings = story(tmp_path_factory, text, "1987-03-09")
    assert len(meetings) == 1 and meetings[0].place.value == "Tokyo" and meetings[0].when.value == "this week"
    assert meetings[0].participants[0].country == "United Kingdom" and meetings[0].counterparts[0].country == "Japan"
    assert not [p for m in meetings for p in m.people() if p.name == "At"]


def test_officials_from_a_hedged_list_of_states_meet(tmp_path_factory):
    text = ("Rubber talks\n\nSINGAPORE, April 9 - Officials from Indonesia, Malaysia, Singapore and, perhaps, Thailand will "
            "meet here tomorrow to discuss rubber prices.\n")
    _, meetings = story(tmp_path_factory, text, "1987-04-09")
    assert len(meetings) == 1 and meetings[0].place.value == "Singapore" and meetings[0].when.date == "1987-04-10"
    assert [p.country for p in meetings[0].people()] == ["Indonesia", "Malaysia", "Singapore", "Thailand"]


def test_talks_abroad_after_which_someone_came_home_were_held_there(tmp_path_factory):
    text = ("Premier back\n\nPARIS, April 2 - French Prime Minister Jacques Lemaire returned to Paris this morning after "
            "three days of talks in New York and Washington in which trade featured prominently.\n\nFrench Farm Minister "
            "Paul Roux spoke after talks in Lyon.\n")
    _, meetings = story(tmp_path_factory, text, "1987-04-02")
    assert [(m.participants[0].name, m.place.value, m.status.value) for m in meetings] == [
        ("Jacques Lemaire", "New York", "held")]  # talks at home are no trip


def test_he_is_the_named_person_before_him_rather_than_an_unnamed_official(tmp_path_factory):
    text = ("Trade row\n\nTOKYO, April 2 - The senior official sounded pessimistic about Prime Minister Kenji Sato "
            "defusing U.S. anger when he visits Washington on April 29.\n")
    _, meetings = story(tmp_path_factory, text, "1987-04-02")
    assert [(m.participants[0].name, m.place.value, m.when.date) for m in meetings] == [
        ("Kenji Sato", "Washington", "1987-04-29")]


G7_TODAY = ("Group issues statement\n\n"
            "WASHINGTON, April 9 - Following is the text of a statement issued after the meeting.\n\n"
            "1. The finance ministers and central bank governors of seven major industrial countries met today.\n")
G7_AHEAD = ("Yen seen rising\n\n"
            "NEW YORK, April 8 - The yen is likely to rise, analysts here said.\n\n"
            "Dealers squared positions ahead of Wednesday's meeting of the finance ministers and central bankers of "
            "the top seven industrialized nations in Washington.\n")


@pytest.mark.parametrize("text, published, body", [
    (G7_TODAY, "1987-04-09", "seven major industrial countries"),
    (G7_AHEAD, "1987-04-08", "top seven industrialized nations")])
def test_officials_of_seven_nations_named_by_common_nouns_meet(tmp_path_factory, text, published, body):
    _, meetings = story(tmp_path_factory, text, published)
    found = [m for m in meetings if any(body in (p.name or "") for p in m.participants)]
    assert len(found) == 1 and found[0].place.value == "Washington"


def test_meetings_that_took_place_between_three_people(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "Arms claim\n\nLONDON, March 25 - Labour spokesman Peter Walsh said the prime minister approved the sale.\n\n"
        "Walsh said the supply was discussed during two meetings which took place between Colonel Oliver North, "
        "William Crane and Prime Minister Ann Hale in 1986.\n"), "1987-03-25")
    people = {p.name for m in meetings for p in m.people()}
    assert {"Oliver North", "William Crane", "Ann Hale"} <= people and "Peter Walsh" not in people


def test_talks_by_and_a_reform_discussed_by_a_body_of_ministers(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "EC trade\n\nBRUSSELS, MARCH 15 - Trade relations are expected to dominate talks by EC foreign ministers here "
        "tomorrow.\n\nThe tax is part of a reform package, due to be discussed by EC farm ministers later this month.\n"),
        "1987-03-15")
    found = {m.participants[0].name: m for m in meetings}
    assert found["EC foreign ministers"].place.value == "Brussels"  # a dateline's month in capitals too
    assert found["EC foreign ministers"].when.date == "1987-03-16"
    assert found["EC farm ministers"].status.value == "planned" and found["EC farm ministers"].place is None


def test_someone_told_someone_in_a_city(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "Trade row\n\nTAIPEI, March 16 - Board of Foreign Trade director Vincent Siew said he told Japanese Trade "
        "Minister Hajime Tamura in Tokyo last week that talks would go on.\n\nSiew told reporters in Taipei that "
        "nothing was agreed.\n"), "1987-03-16")
    assert [(m.place.value, len(m.people())) for m in meetings] == [("Tokyo", 2)]


def test_an_envoy_posted_abroad_who_came_from_a_meeting(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "Moving towards talks\n\nANKARA, March 30 - Turkish Prime Minister Kemal Aydin said Turkey and Greece were "
        "moving towards talks.\n\nHe was speaking to reporters after talks with Turkish Ambassador to Athens Orhan "
        "Tan, who arrived last night from a meeting with Greek Premier Nikos Vlachos.\n"), "1987-03-30")
    talks = meeting(meetings, "Aydin", "Orhan Tan")
    assert talks.place.value == "Ankara"
    came_from = meeting(meetings, "Orhan Tan", "Vlachos")  # his meeting, not Aydin's, and not in Ankara
    assert came_from.place is None


def test_ministers_opened_a_meeting_in_the_datelines_city(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "Gulf ministers meet\n\nABU DHABI, March 17 - Finance and economy ministers of the Gulf Cooperation Council "
        "(GCC) opened a two- day meeting to discuss economic integration, officials said.\n"), "1987-03-17")
    assert [(m.place.value, m.status.value) for m in meetings] == [("Abu Dhabi", "under way")]
    assert "Gulf Cooperation Council" in meetings[0].participants[0].name


def test_someone_he_met_with_last_week(tmp_path_factory):
    _, meetings = story(tmp_path_factory, (
        "Bank head on moratorium\n\nWASHINGTON, March 5 - World Bank president Peter Lund said he believed that the "
        "moratorium would be temporary.\n\nHe said that he expected Brazilian Finance Minister Jorge Cardoso, who he "
        "met with last week to discuss the debt, to return for further talks.\n"), "1987-03-05")
    met = meeting(meetings, "Lund", "Cardoso")
    assert met.when.value == "last week" and met.status.value == "held"

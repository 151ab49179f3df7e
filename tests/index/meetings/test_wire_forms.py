"""Ways wire copy reports meetings: a body's representatives after a dateline, a council called to a meeting,
talks "between" two people far from the word "talks", a deal two leaders signed somewhere, a leader telling a
summit; and a question asking when two people met where theirs is still to come."""

from __future__ import annotations

import pytest

from index.answers.meetings import answer_from_meetings
from tests.index.meetings.support import meeting, story

WIRE = ("Talks ahead\n\n"
        "ROME, April 27 - Representatives of the Group of Seven will meet in the Sardinian resort of Porto Lido from "
        "April 30 to May 2, sources said.\n\n"
        "UNITED NATIONS, Oct 19 - The U.N. Security Council was called to a private meeting on Monday for "
        "consultations on the attack.\n\n"
        "The last of the talks leading up to the summit will be in Washington next Wednesday between U.S. Secretary "
        "of State Paul Varga and Foreign Minister Ken Tamura.\n")

DEAL = ("Oil deal\n\n"
        "Argentine President Luis Ortega and Venezuelan President Mario Salas signed the deal in Buenos Aires on "
        "Tuesday.\n\n"
        "Argentina signed a $240m agreement last April.\n\n"
        "President Tom Hale himself told the Asia Pacific Economic Co-operation (Apec) summit in Chile that the "
        "dollar would recover.\n\n"
        "\"Chile matters to us,\" Mr Hale told reporters after the talks.\n")


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return story(tmp_path_factory, WIRE, "1987-04-27")


@pytest.fixture(scope="module")
def deal(tmp_path_factory):
    return story(tmp_path_factory, DEAL)


def test_a_bodys_representatives_after_a_dateline_meet_where_the_story_says(wire):
    lido = [m for m in wire[1] if m.place and m.place.value == "Porto Lido"]
    assert len(lido) == 1 and "Group of Seven" in lido[0].participants[0].name


def test_a_council_called_to_a_meeting_meets(wire):
    council = [m for m in wire[1] if any("Security Council" in (p.name or "") for p in m.people())]
    assert len(council) == 1 and council[0].when.value == "Monday"


def test_talks_between_two_people_told_after_where_and_when(wire):
    talks = meeting(wire[1], "Varga", "Tamura")
    assert talks.place.value == "Washington" and talks.when.value == "next Wednesday"
    assert talks.status.value == "planned"


def test_two_leaders_signing_a_deal_somewhere_met_there(deal):
    signing = meeting(deal[1], "Ortega", "Salas")
    assert signing.place.value == "Buenos Aires" and signing.when.value == "Tuesday"
    assert not [m for m in deal[1] if m.counterparts == () and any(p.matches("Ortega") for p in m.participants)]


def test_a_leader_telling_a_summit_attended_it_and_telling_reporters_is_no_meeting(deal):
    hale = [m for m in deal[1] if any(p.matches("Hale") for p in m.people())]
    assert len(hale) == 1 and hale[0].place.value == "Chile" and hale[0].kind.value == "summit"


def test_when_did_two_people_meet_where_theirs_is_still_to_come(wire):
    doc, meetings = wire
    documents = {doc.doc_id: doc}
    tokyo = answer_from_meetings("When did Varga and Tamura meet in Tokyo?", meetings, documents)
    assert not tokyo.answered
    assert tokyo.answer.startswith("The articles report no meeting held between Paul Varga and Ken Tamura in Tokyo.")
    assert "Washington" in tokyo.answer and tokyo.citations
    met = answer_from_meetings("When did Varga and Tamura meet?", meetings, documents)
    assert not met.answered and "will meet" in met.answer
    assert answer_from_meetings("When will Varga and Tamura meet?", meetings, documents).answered


VISIT = ("Advice\n\n"
         "TOKYO, April 27 - Former Foreign Minister Ken Abe made the recommendation at a meeting with Prime Minister "
         "Taro Sato soon after returning from a U.S. visit.\n\n"
         "Abe met President Tom Hale and U.S. Congressional leaders during his visit.\n")


def test_a_meeting_during_a_visit_is_where_the_visit_was_not_at_the_dateline(tmp_path_factory):
    doc, meetings = story(tmp_path_factory, VISIT, "1987-04-27")
    assert meeting(meetings, "Abe", "Hale").place.value == "U.S."
    assert meeting(meetings, "Abe", "Sato").place.value == "Tokyo"
    documents = {doc.doc_id: doc}
    whom = answer_from_meetings("Whom did Ken Abe meet on his trip to the United States?", meetings, documents)
    assert whom.answered and "Tom Hale" in whom.answer and "Sato" not in whom.answer


BODIES = ("Dollar\n\n"
          "Meeting in Brussels, finance ministers of the 12 eurozone countries voiced their concern about the dollar.\n\n"
          "At their meeting in London, G7 finance ministers backed plans to write off debts.\n\n"
          "Opec members are next meeting to discuss production levels on 16 March.\n")


def test_a_bodys_meeting_told_before_its_name_and_one_still_to_come(tmp_path_factory):
    doc, meetings = story(tmp_path_factory, BODIES)
    by_place = {m.place.value if m.place else None: m for m in meetings}
    assert by_place["Brussels"].participants[0].label() == "eurozone finance ministers"
    documents = {doc.doc_id: doc}
    for body, place in (("eurozone", "Brussels"), ("G7", "London")):
        where = answer_from_meetings(f"Where did the {body} finance ministers meet?", meetings, documents)
        assert where.answered and place in where.answer and ({"Brussels", "London"} - {place}).pop() not in where.answer
    assert "G7" in by_place["London"].participants[0].label()
    opec = [m for m in meetings if "OPEC" in m.participants[0].label()]
    assert len(opec) == 1 and opec[0].status.value == "planned"


def test_two_days_of_talks_are_both_kept_and_the_date_is_the_first(tmp_path_factory):
    """'Two rounds of talks between President Hale and Tamura, scheduled for Thursday and Friday': both days."""
    doc, meetings = story(tmp_path_factory, "Talks\n\nTOKYO, April 27 - Two rounds of talks between President Tom "
                                           "Hale and Prime Minister Ken Tamura, scheduled for Thursday and Friday, "
                                           "come after the tariffs.\n", "1987-04-27")
    talks = meeting(meetings, "Hale", "Tamura")
    assert talks.when.value == "Thursday and Friday" and talks.when.date == "1987-04-30"
    answer = answer_from_meetings("On which days will Hale and Tamura talk?", meetings, {doc.doc_id: doc})
    assert answer.answered and "on Thursday (1987-04-30) and Friday" in answer.answer


def test_a_visit_here_by_a_foreign_minister_is_a_visit_to_the_dateline_city(tmp_path_factory):
    """'SEOUL, March 3 - ... a visit here this week by U.S. Commerce Secretary Tom Hale': Hale visited Seoul."""
    meetings = story(tmp_path_factory, "Shopping list\n\nSEOUL, March 3 - South Korea will buy more U.S. goods."
                                           "\n\nThe announcement follows a visit here this week by U.S. Commerce "
                                           "Secretary Tom Hale, who said Seoul should open its market.\n", "1987-03-03")[1]
    visit = [m for m in meetings if any(p.matches("Hale") for p in m.participants)]
    assert len(visit) == 1 and visit[0].place.value == "Seoul" and visit[0].kind.value == "visit"

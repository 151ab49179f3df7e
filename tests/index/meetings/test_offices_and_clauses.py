"""Offices of several portfolios ("Agriculture, Forestry and Fisheries Minister"), an agency's name before its
head's office, a second meeting in a sentence's next clause, a possessive or "the first since" time that is not the
meeting's, trips called off on the way to a meeting, and bodies gathering after "before"."""

from __future__ import annotations

import pytest

from index.answers.meetings import answer_from_meetings
from tests.index.meetings.support import meeting, person, story

STEEL = ("Steel talks\n\n"
         "MEXICO CITY, November 10 - Commerce and Industrial Development Minister Carlos Ruiz Ortega will fly to "
         "Washington on Sunday for talks with U.S. Commerce Secretary Anne Ward, ministry officials said.\n\n"
         "The Mexican minister telephoned U.S. Trade Representative Paul Dale last Thursday to seek his support, and a "
         "meeting between the two men has been set for November 17, they added.\n\n"
         "TOKYO, March 3 - Soviet Fisheries Minister Ivan Petrov is due to arrive in Tokyo on Monday for talks with "
         "Agriculture, Forestry and Fisheries Minister Ken Sato on this year's salmon catch, officials said.\n")

SPACE = ("Space station talks\n\n"
         "PARIS, October 27 - European Space Agency (ESA) Director General Hans Vogel is due to fly to Washington next "
         "week for talks with National Aeronautics and Space Administration (NASA) Administrator Tom Grant, officials "
         "said.\n\n"
         "The meeting between the two men, the first since negotiations stalled in September, is intended to clear "
         "the way for an agreement.\n\n"
         "Vogel is also to be received by Deputy Secretary of State John Wells, the officials said.\n\n"
         "The talks will come days before ESA ministers meet in The Hague on November 9.\n\n"
         "Officials said Vogel and Grant had spoken by telephone on Friday.\n")

FLU = ("Flu talks\n\n"
       "Health ministers from across the European Union are to meet in London next month, Health Secretary Jane "
       "Hart has announced.\n\n"
       "The head of the World Health Organization, Dr Lee Min-ho, flew to London on Tuesday for talks with Ms Hart. "
       "Dr Lee also paid a courtesy call on Tony Blair at Downing Street, and met separately with the government's "
       "chief medical officer, Sir Alan Reed.\n\n"
       "But China's health minister, Wu Bin, has scrapped a planned visit to London, where he had been invited to "
       "brief European ministers.\n")


@pytest.fixture(scope="module")
def steel(tmp_path_factory):
    return story(tmp_path_factory, STEEL, "1987-11-10")


@pytest.fixture(scope="module")
def space(tmp_path_factory):
    return story(tmp_path_factory, SPACE, "1987-10-27")


@pytest.fixture(scope="module")
def flu(tmp_path_factory):
    return story(tmp_path_factory, FLU)[1]


def test_an_office_of_several_portfolios_is_one_office(steel):
    _, meetings = steel
    assert person(meeting(meetings, "Ruiz Ortega", "Ward").participants, "Ruiz Ortega").office == \
        "Commerce and Industrial Development Minister"
    talks = meeting(meetings, "Petrov", "Sato")
    assert [p.name for p in talks.counterparts] == ["Ken Sato"]
    assert talks.when.value == "Monday"  # not "this year's" catch


def test_a_meeting_set_in_the_next_clause_is_its_own(steel):
    """'The Mexican minister' is the one minister of the story; his call is held, the meeting set is planned."""
    _, meetings = steel
    dale = [m for m in meetings if any(p.matches("Dale") for p in m.people())]
    assert {(m.status.value, m.format.value) for m in dale} == {("held", "telephone"), ("planned", "in person")}
    assert all(any(p.matches("Ruiz Ortega") for p in m.people()) for m in dale)
    assert next(m for m in dale if m.status.value == "planned").when.date == "1987-11-17"


def test_an_agencys_head_named_after_the_agency(space):
    _, meetings = space
    talks = [m for m in meetings if {"Hans Vogel", "Tom Grant"} <= {p.name for p in m.people()}]
    assert {(m.format.value, m.status.value, m.when.value) for m in talks} == {
        ("in person", "planned", "next week"), ("telephone", "held", "Friday")}  # not the September of "first since"
    assert meeting(space[1], "Wells", "Vogel").status.value == "planned"  # "is also to be received by"


def test_a_body_gathering_after_before(space):
    hague = [m for m in space[1] if m.place and m.place.value == "The Hague"]
    assert len(hague) == 1 and [p.name for p in hague[0].people()] == ["ESA ministers"]


def test_a_visit_a_meeting_and_a_trip_called_off(flu):
    assert any(m.place and m.place.value == "London" and "Health ministers" in (m.participants[0].name or "")
               for m in flu)
    assert meeting(flu, "Lee", "Hart").status.value == "held"  # "flew to London on Tuesday for talks"
    assert meeting(flu, "Lee", "Reed")  # "met separately with the government's chief medical officer, Sir Alan Reed"
    brief = [m for m in flu if any(p.matches("Wu Bin") for p in m.people())]
    assert len(brief) == 1 and brief[0].status.value == "cancelled"


def test_records_answers_for_lower_case_and_phone_questions(space):
    doc, meetings = space
    documents = {doc.doc_id: doc}
    seeing = answer_from_meetings("Who else is Vogel seeing in Washington?", meetings, documents)
    assert seeing.answered and "John Wells" in seeing.answer
    phone = answer_from_meetings("when did vogel and grant talk on the phone", meetings, documents)
    assert phone.answered and phone.answer.index("Friday") < phone.answer.index("next week")
    assert answer_from_meetings("when are the eu ministers meeting", meetings, documents) is None

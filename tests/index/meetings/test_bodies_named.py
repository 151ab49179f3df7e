"""Intergovernmental bodies known by name or acronym (the ICO, the OAU, the Paris Club, the Group of 10) and their
boards ("the International Coffee Organization executive board meeting will end tomorrow": under way), a name
followed by the office its holder has ("Kenneth Kaunda, current chairman of the OAU, met ..."), and a state
that stays the subject past a participle phrase (", buoyed by ... Paris Club debt rescheduling,")."""

from __future__ import annotations

import pytest

from index.text import gazetteer
from tests.index.meetings.support import meeting, story

WIRE = ("Coffee and truce\n\n"
        "LUSAKA, Sept 14 - Zambian President Paul Mwale, current chairman of the Organisation of African Unity, met "
        "Chad's Foreign Minister Ali Deby here today, officials said.\n\n"
        "Tanzania, buoyed by last week's Paris Club debt rescheduling, is likely to obtain aid at a meeting with "
        "donors beginning here tomorrow, a World Bank official said.\n\n"
        "Ugandan Agriculture Minister John Okello met the International Coffee Organization executive director in "
        "London on Monday.\n")


@pytest.mark.parametrize(("written", "body"), [
    ("International Coffee Organization", "ICO"), ("ICCO", "ICCO"), ("the Organisation of African Unity", "OAU"),
    ("Paris Club", "Paris Club"), ("Group of 10", "G10"), ("Asian Development Bank", "ADB"),
    ("Organisation for Economic Cooperation and Development", "OECD")])
def test_intergovernmental_bodies_are_known(written, body):
    assert gazetteer.country_of(written) == body and gazetteer.country(body) is None


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return story(tmp_path_factory, WIRE, "1987-09-14")[1]


def test_a_name_then_his_office_is_one_person(wire):
    talks = meeting(wire, "Paul Mwale", "Ali Deby")
    assert talks.place.value == "Lusaka" and talks.participants[0].name == "Paul Mwale"


def test_a_state_stays_the_subject_past_a_participle_phrase(wire):
    found = [m for m in wire if any("donors" in p.label() for p in m.counterparts)]
    assert len(found) == 1 and [p.country for p in found[0].participants] == ["Tanzania"]


def test_a_minister_meets_a_bodys_officer(wire):
    found = [m for m in wire if any(p.matches("John Okello") for p in m.participants)]
    assert len(found) == 1 and any(p.country == "ICO" for p in found[0].counterparts)


BOARD = ("Coffee board\n\n"
         "LONDON, April 1 - The International Coffee Organization executive board meeting will end tomorrow without "
         "any move to reopen the debate on export quotas, delegates said.\n\n"
         "Meantime, the executive board will meet May 12 to discuss a consultancy report, delegates said.\n\n"
         "The board is due to meet in Indonesia in June.\n")


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    return [m for m in story(tmp_path_factory, BOARD, "1987-04-01")[1]
            if any("executive board" in p.label() for p in m.people())]


def test_a_bodys_board_meeting_that_will_end_tomorrow_is_under_way_here(board):
    found = [m for m in board if m.status.value == "under way"]
    assert len(found) == 1 and found[0].place.value == "London"


def test_the_boards_later_sessions_are_each_their_own(board):
    planned = sorted((m.when.value, m.place.value if m.place else None) for m in board if m.status.value == "planned")
    assert planned == [("June", "Indonesia"), ("May 12", None)]


def test_a_bodys_acronym_is_no_town(tmp_path_factory):
    meetings = story(tmp_path_factory, "Coffee\n\nWASHINGTON, March 4 - At the ICO talks major consuming nations, led "
                                       "by the U.S., proposed a new quota formula.\n", "1987-03-04")[1]
    assert not gazetteer.is_place("ICO")
    assert not any(m.place and m.place.value == "ICO" or any("At the" in p.label() for p in m.people()) for m in meetings)


def test_two_states_negotiating_in_wire_capitals(tmp_path_factory):
    """Wire copy writes "The U.S. And Kuwait": "And" is no name the U.S. modifies."""
    meetings = story(tmp_path_factory, "Tankers\n\nKUWAIT, April 6 - Ships were hit.\n\nThe U.S. And Kuwait have been "
                                       "negotiating for over a month on protecting Kuwaiti ships.\n", "1987-04-06")[1]
    talks = [m for m in meetings if {p.country for p in m.people()} == {"United States", "Kuwait"}]
    assert len(talks) == 1 and talks[0].status.value == "under way"


def test_a_body_due_to_discuss_something_at_a_meeting(tmp_path_factory):
    meetings = story(tmp_path_factory, "Cocoa\n\nYAOUNDE, April 6 - Cocoa prices fell.\n\nThe International Cocoa "
                                       "Organisation is due to discuss the scheme at a meeting in June, sources said.\n",
                     "1987-04-06")[1]
    found = [m for m in meetings if any(p.country == "ICCO" for p in m.people())]
    assert len(found) == 1 and found[0].status.value == "planned"


def test_a_minister_chairing_a_meeting_of_ministers_meets_them(tmp_path_factory):
    meetings = story(tmp_path_factory, "Oils tax\n\nBRUSSELS, March 31 - The tax is hard to predict, Belgian agriculture "
                                       "minister Paul Claes told a news conference.\n\nClaes, who chaired a meeting of EC "
                                       "farm ministers which ended today, was asked about reports.\n", "1987-03-31")[1]
    labels = {p.label() for m in meetings for p in m.people()}
    assert any("EC farm ministers" in label for label in labels) and not any(label.startswith("of ") for label in labels)

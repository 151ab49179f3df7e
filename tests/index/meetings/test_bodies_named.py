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
         "any move to reopen the debate on export quotas, delegates said.\n")


def test_a_bodys_board_meeting_that_will_end_tomorrow_is_under_way_here(tmp_path_factory):
    found = [m for m in story(tmp_path_factory, BOARD, "1987-04-01")[1]
             if any("executive board" in p.label() for p in m.people())]
    assert len(found) == 1 and found[0].status.value == "under way" and found[0].place.value == "London"

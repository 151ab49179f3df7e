"""A group the question has someone meet ("the commercial bankers") that the passages never name, a building
asked for where a wire dateline ("WASHINGTON, Oct 19 -") names only the city, and a meeting over two days a
spokesman announces ("said that on Thursday and Friday")."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

BONN = ("Minister meets Richter\n\nBONN, March 3 - Brazilian Finance Minister Carlos Dantas met West German Finance "
        "Minister Klaus Richter for talks this evening on Brazil's debt.\n\nDantas was scheduled to travel to "
        "Switzerland tomorrow, officials added.\n")
MANILA = ("Philippine talks\n\nNEW YORK, March 12 - Philippine Finance Secretary Jose Cruz met the country's commercial "
          "bank creditors today to discuss the rescheduling of its debt.\n")
PRINCE = ("Crown prince meets Walker\n\nWASHINGTON, Oct 19 - Kuwait's Crown Prince Saad al-Ahmad met for an hour with "
          "Vice President George Walker on Monday after U.S. naval forces struck an oil platform in the Gulf.\n")
CHIPS = ("Chip talks next week\n\nWASHINGTON, April 3 - Japan and the United States will hold talks on chips next week, "
         "a trade office spokesman said.\n\nThe spokesman, Tom Reyes, said that on Thursday and Friday Deputy Trade "
         "Representative Alan Price would meet with trade vice minister Kenji Oda.\n")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"bonn.txt": BONN, "manila.txt": MANILA, "prince.txt": PRINCE,
                                             "chips.txt": CHIPS})


def test_a_group_the_passages_never_name_is_no_meeting(kb):
    answer = kb.ask("When did Dantas meet the commercial bankers in Bonn?")
    assert not answer.answered and "name no bankers" in answer.answer
    answer = kb.ask("When did Dantas meet Richter?")
    assert answer.answered and "this evening" in answer.answer


def test_bank_creditors_are_the_bankers_asked_for(kb):
    answer = kb.ask("When did Cruz meet the bankers?")
    assert answer.answered and "today" in answer.answer


def test_a_datelines_month_is_no_building(kb):
    answer = kb.ask("In which building did Walker and the crown prince meet?")
    assert not answer.answered and "no building" in answer.answer
    answer = kb.ask("Who did the crown prince meet in Washington?")
    assert answer.answered and "Walker" in answer.answer


def test_a_spokesman_announcing_two_days_gives_both(kb):
    answer = kb.ask("When will Price meet Oda?")
    assert answer.answered and "Thursday" in answer.answer and "Friday" in answer.answer

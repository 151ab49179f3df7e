"""'Where did he give his news conference?' answered by a quote that names no place: the reply adds the city
the story was filed from, cited; a quote that names a place of its own, or a story without a dateline, gets
nothing added."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

DEBTS = ("Debts beyond reach, says union chief\n\nLOME, Togo, June 16 - The chairman of the West African union, "
         "Kofi Mensah-Bonsu, said the region could no longer service its foreign debts.\n\n\"Even if our countries want "
         "to pay, they cannot,\" Mensah-Bonsu told a news conference at a meeting of creditor experts.\n\n\"Can we go on "
         "paying interest?\" Mensah-Bonsu asked.\n")
HARBOUR = ("Harbour deal signed\n\nACCRA, May 2 - Port authorities of Ghana and Benin agreed on shared harbour fees, "
           "officials said.\n\nThe transport ministers signed the harbour accord at a ceremony in Cotonou after three "
           "days of talks.\n")
TALKS = ("Chip talks ahead\n\nWASHINGTON, April 7 - Trade officials of Japan's Ministry of International Trade and "
         "Industry will hold technical talks with U.S. officials next month on semiconductors, a spokesman said.\n")
CANALS = ("Canal levies\n\nThe canal commission raised its transit levies for grain barges.\n\nIts chairwoman, "
          "Ingrid Halvorsen, announced the new levies at a briefing for shipowners.\n")


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"debts.txt": DEBTS, "harbour.txt": HARBOUR, "canals.txt": CANALS,
                                                      "talks.txt": TALKS})


def test_a_quote_naming_no_place_is_given_its_storys_city(story_kb):
    answer = story_kb.ask("Where did Mensah-Bonsu give his news conference?")
    assert answer.answered and "told a news conference at a meeting of creditor experts" in answer.answer
    assert answer.answer.endswith(f"(reported from Lome [{len(answer.citations)}])")
    assert answer.citations[-1].quote.startswith("LOME, Togo, June 16") and answer.details >= 1


def test_a_quoted_question_stays_whole_with_its_speaker(story_kb):
    answer = story_kb.ask("What did Mensah-Bonsu ask about paying interest?")
    assert any(c.quote == "\"Can we go on paying interest?\" Mensah-Bonsu asked." for c in answer.citations)


def test_a_quote_naming_its_own_place_gets_no_dateline(story_kb):
    answer = story_kb.ask("Where did the transport ministers sign the harbour accord?")
    assert answer.answered and "Cotonou" in answer.answer and "reported from" not in answer.answer


def test_a_story_without_a_dateline_gets_no_city(story_kb):
    answer = story_kb.ask("Where did Halvorsen announce the new canal levies?")
    assert "reported from" not in answer.answer


def test_talks_still_to_come_are_not_placed_where_the_story_was_filed(story_kb):
    answer = story_kb.ask("Where will the technical talks on semiconductors with U.S. officials be held?")
    assert not answer.answered and "do not say where it will be held" in answer.answer

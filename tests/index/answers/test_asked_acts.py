"""What a question takes for granted must be in the quote: "When did A and B sign the accord?" is not answered
by "A met B on September 29"; "Who chairs the committee?" is not answered by someone who only watched it; "How
much is it worth?" is not answered by "his one-week visit"."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

SOY = ("U.S. weighs steps in soy dispute\n\nWASHINGTON, Oct 19 - The U.S. is drafting trade options against Uruguay "
       "in a dispute over export taxes on soybeans.\n\nDeputy trade representative Alan Kemp met Agriculture "
       "Minister Raul Ferrer on September 29 and the Uruguayan officials said they could not narrow the tax gap.\n\n"
       "Talks with Brazil ended when Kemp and Trade Minister Paulo Rocha signed an accord in Brasilia on October 2.\n\n"
       "Ferrer said his government would prepare a farm package in time for his one-week visit to Washington "
       "starting November 9.\n")
DEBT = ("Uruguay may suspend payments\n\nMONTEVIDEO, Oct 20 - Uruguay could suspend payments on its foreign debt, a "
        "deputy said.\n\nJuan Ortiz, an observer at Uruguay's talks in New York with the steering committee of its "
        "creditor banks, said the banks were divided.\n\nThe committee is chaired by Citibank's Edward Hale, bankers "
        "said.\n")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"soy.txt": SOY, "debt.txt": DEBT})


def test_a_signing_asked_about_needs_one_reported(kb):
    answer = kb.ask("When did Alan Kemp and Raul Ferrer sign the soybean agreement?")
    assert not answer.answered and "no signing" in answer.answer
    answer = kb.ask("Where did Raul Ferrer sign the soybean accord?")
    assert not answer.answered and "no signing" in answer.answer
    answer = kb.ask("When did Kemp and Rocha sign the accord?")
    assert answer.answered and "October 2" in answer.answer


def test_who_chairs_needs_a_chair_named(kb):
    answer = kb.ask("Who chairs the steering committee of Uruguay's creditor banks?")
    assert "Ortiz" not in answer.answer.split("Related")[0]
    assert not answer.answered or "Hale" in answer.answer


def test_how_much_needs_an_amount_quoted(kb):
    answer = kb.ask("How much is the farm package Ferrer will take to Washington worth?")
    assert not answer.answered and "no amount" in answer.answer

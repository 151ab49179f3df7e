"""When the first answer falls short, asked of small invented newswire stories with the real model, index
and meeting records: a "where" the records could only repeat goes to the passages; a name the records'
quotes miss is looked for in the passages; a runner-up that names what the best misses is quoted first;
a dateline gives way so that the detail fits."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

PACT = """Reed and Baum agree to back currency pact

WASHINGTON, Oct 19 - U.S. Treasury Secretary Tom Reed met West German Finance Minister Karl Baum and Bundesbank President Otto Lenz today in West Germany and agreed to support the currency pact signed in Paris in February, the Treasury Department said in a statement.

The Treasury described the meeting as "a very positive, private meeting in Frankfurt, West Germany, which had been arranged last week."

The dollar rose against the mark after the statement.
"""

OIL = """Iranian oil minister in the Emirates

ABU DHABI, March 11 - Iranian Oil Minister Reza Karimi is in the United Arab Emirates (UAE) to discuss crude oil prices and the general market situation, Iranian officials accompanying him said.

He will meet UAE President Sheikh Khalid bin Saeed al-Mansouri and Oil Minister Salem Hamad al-Dhaheri.

Oil prices fell on Tuesday.
"""

CONSULTATIONS = """Canadian minister holds talks in Washington

WASHINGTON, April 6 - Canadian Foreign Secretary Joe Carter met Secretary of State George Stone in Washington today for talks on trade and acid rain.

The meetings, which end today with talks on Capitol Hill, are part of a routine U.S.-Canadian consultation.

Carter also met Vice President Dan Fuller.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"reed-baum.txt": PACT, "karimi-uae.txt": OIL,
                                             "carter-washington.txt": CONSULTATIONS})


@pytest.mark.slow
def test_a_name_the_records_miss_is_found_in_the_passages(story_kb):
    """The records put the meeting "in West Germany"; the question names Frankfurt, which the next
    paragraph holds: it is answered from there, not abstained for want of Frankfurt."""
    answer = story_kb.ask("When was the Frankfurt meeting between Reed and Baum arranged?")
    assert answer.answered and "last week" in answer.answer
    assert answer.citations[0].paragraph == 3


@pytest.mark.slow
def test_a_runner_up_naming_what_the_best_misses_is_quoted_first(story_kb):
    """The lead names Lenz and Reed and the pact, not Frankfurt; the sentence just behind it names Frankfurt,
    and the two do not fit in one answer: the runner-up is quoted first, the lead beside it."""
    answer = story_kb.ask("When was the Frankfurt meeting where Lenz and Reed agreed to support the pact arranged?")
    assert answer.answered and "last week" in answer.answer
    assert [c.paragraph for c in answer.citations][:1] == [3]


@pytest.mark.slow
def test_a_false_premise_the_runner_up_names_elsewhere_stays_abstained(story_kb):
    """Frankfurt is where they met, not where the dollar rose: no sentence names both, so it abstains."""
    answer = story_kb.ask("Why did the dollar rise against the mark in Frankfurt?")
    assert not answer.answered and "Frankfurt" in answer.answer


@pytest.mark.slow
def test_the_records_verdict_on_a_meeting_to_come_stands(story_kb):
    """The records hold Karimi's meeting with al-Mansouri as one to come: that answers "what did they agree"
    with an abstention saying so, which the passages do not overturn."""
    answer = story_kb.ask("What did Karimi and al-Mansouri agree at their meeting?")
    assert not answer.answered
    assert answer.answer.startswith("The articles report no meeting held between Reza Karimi and Khalid bin Saeed "
                                    "al-Mansouri. Related: Reza Karimi")
    assert "will meet" in answer.answer and answer.citations


@pytest.mark.slow
def test_where_in_a_place_the_question_names_is_read_in_the_passages(story_kb):
    """The records can only say "in Washington", which the question already says."""
    answer = story_kb.ask("Where were Carter's consultations in Washington due to wrap up?")
    assert answer.answered and "Capitol Hill" in answer.answer


@pytest.mark.slow
def test_the_dateline_gives_way_to_the_detail(story_kb):
    """The lead and the sentence naming whom he will meet fit in one answer once the dateline is left out."""
    answer = story_kb.ask("Whom is the Iranian oil minister, in the UAE to discuss the oil market, to meet?")
    assert answer.answered and "al-Dhaheri" in answer.answer and len(answer.answer) <= 300
    assert answer.citations[0].quote.startswith("Iranian Oil Minister Reza Karimi")
    assert [c.paragraph for c in answer.citations] == [2, 3]

"""Which sentence answers: a detail paragraph against the story's opening summary, asked of small invented
news stories with the real model and index."""

from __future__ import annotations

import pytest

from index.answers.kinds import counted_evidence, named_after
from tests.index.answers.stories import story_kb as build_story_kb

STORY = """Ministers put coastguards on standby

Fishing ministers have put coastguard crews on standby to patrol the North Atlantic mackerel grounds after the collapse of quota talks.

A squadron of 12 coastguard vessels is understood to have been put on standby. Norway's fisheries minister said the talks in Bergen had failed.

The ministers will meet again in the spring.
"""

VISIT = """Canadian energy minister in Portugal after Africa tour

LISBON, May 4 - Canadian Energy Minister Paul Martel arrived in Lisbon on Monday after a tour of North Africa.

Martel, who is scheduled to meet President Jorge Sampaio during his two-day visit, said on arrival he would discuss gas supplies.

Portugal is the last stop of a tour that has taken Martel to Algeria and Morocco.
"""

FARM = """Franco-German farm talks fail

BRUSSELS, June 29 - A specially convened Franco-German meeting on the sidelines of a summit of EC leaders failed to make any progress over a 1987-88 farm price package that has split the two allies, diplomats said.

The meeting was attended by the farm and foreign ministers of both countries.

One diplomat said the French prime minister was visibly angered during the hour-long meeting.
"""

SLUMS = """Minister tours Nairobi slums

Development Minister Clare Hollis has visited Kenya's biggest shantytown as she opened a week-long tour of East Africa.

Her aides say she wants to learn more about the Kenyan government's school policies, which include free primary education.

In the slums of Nairobi on Wednesday, she said clean water had to come first.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"mackerel-standby.txt": STORY, "energy-minister-lisbon.txt": VISIT,
                                             "farm-talks.txt": FARM, "nairobi-slums.txt": SLUMS})


@pytest.mark.slow
def test_how_many_is_answered_by_the_number_not_the_summary(story_kb):
    """"How many X" quotes the sentence that counts X, not the opening summary that repeats the question."""
    answer = story_kb.ask("How many coastguard vessels were put on standby to patrol the mackerel grounds?")
    assert answer.answered and "12 coastguard vessels" in answer.answer
    assert answer.citations[0].paragraph == 3


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("How many countries could benefit?", "Some 37 countries could benefit.", 1.0),
    ("How many British troops were put on standby?", "A company of 100-120 UK troops is on standby.", 1.0),
    ("How many days does the forum last?", "For five days, they will discuss trade.", 1.0),
    ("How many countries could benefit?", "Up to 100% of the debts of the poorest countries.", 0.0),
    ("How many Huguenots were killed?", "Catholics killed thousands of Huguenots.", 0.0),
    ("What did the ministers discuss?", "Some 37 countries could benefit.", 0.0),
    ("How long did the meeting last?", "He was angered during the hour-long meeting.", 1.0),
    ("How long will the visit last?", "The visit lasts three weeks.", 1.0),
    ("How long have the herders lived there?", "Herders have lived there for centuries.", 1.0),
    ("How long did the meeting last?", "The meeting failed over a 1987-88 farm price package.", 0.0),
])
def test_a_number_counts_what_the_question_counts(question, text, expected):
    """A number counts the thing a "how many" question asks about only when it stands beside it."""
    assert counted_evidence(question, text) == expected


@pytest.mark.slow
def test_how_long_and_on_what_day_are_answered_by_a_length_and_a_day(story_kb):
    """The opening summary speaks most of the question but gives no length ("1987-88" is none) and no day
    ("a week-long tour" is none): the sentence that does is quoted."""
    answer = story_kb.ask("How long did the Franco-German farm meeting last?")
    assert answer.answered and "hour-long" in answer.answer
    answer = story_kb.ask("On what day was Hollis in the Nairobi slums?")
    assert answer.answered and "Wednesday" in answer.answer


@pytest.mark.slow
def test_who_is_answered_by_the_name_after_the_asked_action(story_kb):
    """"Who is X due to meet?" quotes the sentence naming whom X meets, not only the lead naming X."""
    answer = story_kb.ask("Who is the Canadian energy minister due to meet in Portugal?")
    assert answer.answered and "Jorge Sampaio" in answer.answer
    assert 3 in [citation.paragraph for citation in answer.citations]


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("Who is the energy secretary due to meet?", "Herrington, who is scheduled to meet King Hassan, said.", 1.0),
    ("Who chairs the working party?", "The chairman of the working party, Ambassador Stefan Johannesson, said.", 1.0),
    ("Who is the energy secretary due to meet?", "Energy Secretary John Herrington arrived in Rabat.", 0.0),
    ("Who is the energy secretary due to meet?", "Herrington is due to meet officials next week.", 0.0),
    ("Who did Stoltenberg meet in Moscow?", "Sarkissian will meet NATO chief Jens Stoltenberg.", 0.0),
])
def test_a_name_fills_the_slot_the_question_asks_about(question, text, expected):
    """A name counts as the answer to "who" when it follows the question's action word, not an office."""
    assert named_after(question, text) == expected


GLIDER = """Veteran pilot wins the Coastal Cup

Tomas Alvarez became the oldest pilot ever to win the Coastal Cup at the age of 52, and the first to win it in two different gliders.

He is also the oldest pilot to fly in a Coastal Cup final, at 52. The record had belonged to Mara Lind, who flew in the 1998 final at the age of 49.
"""


@pytest.fixture(scope="module")
def glider_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"coastal-cup.txt": GLIDER})


@pytest.mark.slow
def test_a_passage_repeating_the_question_unbroken_is_lifted_by_how_much_it_repeats(glider_kb):
    """The paragraph repeating "the oldest pilot to fly in a Coastal Cup final" gains more than the one
    repeating only "the oldest pilot"; without the phrase weight neither gains."""
    from index.question import make_queries

    data = glider_kb.data
    query = make_queries(["Who was the oldest pilot to fly in a Coastal Cup final?"], glider_kb.embedder, "")[0]
    hits = glider_kb.searcher.search(data, query, k=5)
    answerer = glider_kb.answerer
    weight = answerer.weights.phrase
    try:
        with_phrase = {c.hit.chunk.paragraph: c.score for c in answerer.rank_sentences(data, query, hits, keep=9)}
        answerer.weights.phrase = 0.0
        without = {c.hit.chunk.paragraph: c.score for c in answerer.rank_sentences(data, query, hits, keep=9)}
    finally:
        answerer.weights.phrase = weight
    lift = {p: with_phrase[p] - without[p] for p in without}
    assert lift[3] > lift[2] > 0


ACCORD = """Ghana and Togo sign border accord

LOME, May 4 - Ghana and Togo have signed an accord on their disputed border, government sources said.

The border accord came after a similar accord with Benin this week and follows years of talks between Ghana and Togo.

The accord was signed here yesterday by Ghanaian Foreign Minister Kwame Addo and Togolese officials after talks with the border commission.
"""


@pytest.fixture(scope="module")
def accord_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"border-accord.txt": ACCORD})


@pytest.mark.slow
def test_who_is_answered_by_a_person_not_by_the_countries_of_the_lead(accord_kb):
    """"Who signed …?" quotes the sentence naming the signer: countries and a dateline's day name no one."""
    answer = accord_kb.ask("Who signed the border accord for Ghana in Lome?")
    assert answer.answered and "Kwame Addo" in answer.answer

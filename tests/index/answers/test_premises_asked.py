"""Premise checks as a user meets them: asked of a small news story with the real model and index."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

STORY = """Ministers hold talks in Vienna

VIENNA, March 3 - Austrian Foreign Minister Anna Keller met her Hungarian counterpart László Szabó on Tuesday to discuss the Danube shipping agreement.

The talks lasted two hours, officials said. Keller will meet the Slovak prime minister next week.

Szabó spoke by telephone with the Czech foreign minister Pavel Dvorak on Monday.

The Organisation for Security and Co-operation in Europe sent two observers to the talks.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"vienna-talks.txt": STORY})


@pytest.mark.slow
@pytest.mark.parametrize(("question", "words"), [
    ("What did Anna Keller and Laszlo Szabo discuss?", "Danube"),     # accents dropped
    ("What did Keler and Szabó discuss?", "Danube"),                   # a letter missing
    ("How many observers did the OSCE send to the talks?", "two"),     # an acronym written out
])
def test_a_term_written_otherwise_is_answered(story_kb, question, words):
    """A name without its accents, misspelt by a letter, or as an acronym still finds its answer."""
    answer = story_kb.ask(question)
    assert answer.answered and words in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "reason"), [
    ("When did Keller meet Szabó in Geneva?", "mentions Geneva"),
    ("What time did Keller meet Szabó?", "give no date or time"),
    ("Who did Keller not meet?", "do not say what did not happen"),
    ("What did Keller and the Slovak prime minister agree at their meeting?", "only as something to come"),
    ("Where did Szabó and Dvorak meet?", "telephone call"),
])
def test_a_false_premise_is_abstained_in_plain_words(story_kb, question, reason):
    """Another place, an hour the story does not give, a negated question, a meeting still to come and a
    telephone call asked about as a meeting are abstentions that say why."""
    answer = story_kb.ask(question)
    assert not answer.answered and reason in answer.answer

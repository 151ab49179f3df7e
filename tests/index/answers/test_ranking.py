"""Which sentence answers: a detail paragraph against the story's opening summary, asked of a small
invented news story with the real model and index."""

from __future__ import annotations

import warnings

import pytest

from index.answers.compose import counted_evidence

STORY = """Ministers put coastguards on standby

Fishing ministers have put coastguard crews on standby to patrol the North Atlantic mackerel grounds after the collapse of quota talks.

A squadron of 12 coastguard vessels is understood to have been put on standby. Norway's fisheries minister said the talks in Bergen had failed.

The ministers will meet again in the spring.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    from bot.cli import quiet_environment, shared_embedder
    from index.kb import KnowledgeBase

    quiet_environment()
    corpus = tmp_path_factory.mktemp("story")
    (corpus / "mackerel-standby.txt").write_text(STORY, encoding="utf-8")
    models = tmp_path_factory.mktemp("models")
    kb = KnowledgeBase(corpus, tmp_path_factory.mktemp("story-index") / "index",
                       embedder=shared_embedder(backend="onnx-int8", cache_dir=models))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        kb.ensure_index()
    return kb


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
])
def test_a_number_counts_what_the_question_counts(question, text, expected):
    """A number counts the thing a "how many" question asks about only when it stands beside it."""
    assert counted_evidence(question, text) == expected

"""Runs of a question's words repeated unbroken in a passage."""

from __future__ import annotations

import pytest

from index.text.tokens import longest_shared_runs, spaced_words, words

QUESTION = words("Who was the oldest pilot to fly in a Coastal Cup final?")


@pytest.mark.parametrize(("passage", "run"), [
    ("He is also the oldest pilot to fly in a Coastal Cup final, at 52.", 10),
    ("Alvarez became the oldest pilot ever to win the Coastal Cup.", 3),    # "the oldest pilot", "a coastal cup" no
    ("Oldest of all, the pilot would fly for the cup.", 0),                        # shared words, never three in a row
    ("THE OLDEST PILOT, to fly...", 5),                                     # case and punctuation aside
])
def test_the_longest_run_of_three_or_more_question_words(passage, run):
    assert longest_shared_runs(QUESTION, [spaced_words(passage)], shortest=3) == [run]


def test_a_run_is_whole_words():
    """"old" is not "oldest", "fly" is not "flying"."""
    question = words("the old pilot to fly")
    assert longest_shared_runs(question, [spaced_words("the oldest pilot to flying"), spaced_words("no")]) == [2, 0]

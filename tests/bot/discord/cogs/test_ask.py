"""The ask cog: what counts as a follow-up, mentions out of questions, and bounded follow-up memory."""

import pytest

from bot.discord.cogs.ask import Recent, is_follow_up, strip_mentions


@pytest.mark.parametrize(("question", "expected"), [
    ("and where will they meet him?", True), ("What about Lavrov?", True), ("Where is it?", True),
    ("Who is the Russian foreign minister?", False), ("How many civilians were killed?", False)])
def test_follow_up_questions_are_recognised(question, expected):
    """Questions with 'and', 'what about' or pronouns lean on the one before."""
    assert is_follow_up(question) is expected


def test_mentions_are_stripped_from_questions():
    """The bot's mention is not part of the question."""
    assert strip_mentions("<@123> who is meeting <@!456> Pompeo?") == "who is meeting Pompeo?"


def test_follow_up_memory_keeps_only_the_most_recent():
    """Past its size, the memory forgets the least recently written entry first."""
    recent = Recent(2)
    recent[1] = "first"
    recent[2] = "second"
    recent[1] = "first again"
    recent[3] = "third"
    assert dict(recent) == {1: "first again", 3: "third"}

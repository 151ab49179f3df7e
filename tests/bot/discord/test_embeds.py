"""Discord rendering: limits, escaping, pages; and what counts as a follow-up question."""

import discord
import pytest

from bot.discord.cogs.ask import is_follow_up, strip_mentions
from bot.discord.embeds import EMBED_TOTAL_LIMIT, _embeds_from_fields, escape, group_embeds, split_text


def test_split_text_respects_the_limit_and_keeps_every_word():
    """Long text is cut into pieces within the limit, at word ends, losing nothing."""
    text = " ".join(f"word{i}" for i in range(3000))
    pieces = split_text(text, 1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_many_long_fields_spread_over_embeds_within_limits():
    """60 fields of 1,500 characters become embeds of at most 25 fields and 6,000 characters."""
    embeds = _embeds_from_fields("t", "d" * 5000, [(f"field {i}", "x " * 750) for i in range(60)])
    for embed in embeds:
        assert len(embed.fields) <= 25 and len(embed) <= EMBED_TOTAL_LIMIT
        assert all(len(f.value) <= 1024 for f in embed.fields)
        assert len(embed.description or "") <= 4096
    for message in group_embeds(embeds):
        assert len(message) <= 10 and sum(len(e) for e in message) <= EMBED_TOTAL_LIMIT


def test_quotes_are_escaped():
    """Markdown and mentions inside quoted text are shown literally."""
    shown = escape("**bold** @everyone <@123> _x_")
    assert "\\*\\*bold\\*\\*" in shown and "@\u200beveryone" in shown and "\\_x\\_" in shown


@pytest.mark.parametrize(("question", "expected"), [
    ("and where will they meet him?", True), ("What about Lavrov?", True), ("Where is it?", True),
    ("Who is the Russian foreign minister?", False), ("How many civilians were killed?", False)])
def test_follow_up_questions_are_recognised(question, expected):
    """Questions with 'and', 'what about' or pronouns lean on the one before."""
    assert is_follow_up(question) is expected


def test_mentions_are_stripped_from_questions():
    """The bot's mention is not part of the question."""
    assert strip_mentions("<@123> who is meeting <@!456> Pompeo?") == "who is meeting Pompeo?"


def test_embed_colour_is_set():
    """Every embed built for answers has the project's colour."""
    embeds = _embeds_from_fields("title", "text", [])
    assert embeds[0].colour == discord.Colour.from_rgb(44, 95, 138)

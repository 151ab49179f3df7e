"""Discord embeds: within Discord's limits, with quotes escaped."""

from bot.discord.embeds import EMBED_TOTAL_LIMIT, answer_embeds, escape, group_embeds, split_text
from bot.prompts import Prompts
from index.answers.compose import Answer, Citation
from tests.conftest import ROOT

PROMPTS = Prompts(ROOT / "prompts")


def test_split_text_respects_the_limit_and_keeps_every_word():
    """Long text is cut into pieces within the limit, at word ends, losing nothing."""
    text = " ".join(f"word{i}" for i in range(3000))
    pieces = split_text(text, 1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_a_long_answer_spreads_over_embeds_within_limits():
    """An answer of 5,000 characters with 60 long quotes fits Discord: 25 fields and 6,000 characters an embed."""
    citations = tuple(Citation(n, "talks", "Talks in Geneva", 3, 0, 1500, "x " * 750, None) for n in range(1, 61))
    embeds = answer_embeds(Answer("where?", True, "d" * 5000, citations), PROMPTS)
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


def test_an_abstention_is_grey_and_its_quotes_are_headed_as_related():
    """An abstention does not look like an answer: grey, the engine's words, quotes marked as related."""
    import discord

    quote = Citation(1, "talks", "Talks in Geneva", 3, 0, 30, "The envoys met in Geneva.", None)
    embeds = answer_embeds(Answer("who met in Rome?", False, "Nothing the articles say about this mentions Rome.",
                                  (quote,)), PROMPTS)
    assert all(embed.colour == discord.Colour.light_grey() for embed in embeds)
    assert embeds[0].description.startswith("Nothing the articles say about this mentions Rome.")
    assert embeds[0].fields[0].name.startswith("Related passages (not an answer):")


def test_a_one_sentence_answer_shows_its_quote_once():
    """An answer that is its one quote is the embed's text; its field gives only the source."""
    quote = "“We agreed,” the minister said in Geneva on Monday."
    answer = Answer("who agreed?", True, f"{quote} [1]", (Citation(1, "talks", "Talks in Geneva", 3, 0, 52, quote, None),))
    [embed] = answer_embeds(answer, PROMPTS)
    assert "We agreed" in embed.description
    assert "We agreed" not in embed.fields[0].value and "paragraph 3" in embed.fields[0].value

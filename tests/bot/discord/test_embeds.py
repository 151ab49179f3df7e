"""Discord embeds: within Discord's limits, with quotes escaped."""

import re

from bot.discord.embeds import (
    EMBED_TOTAL_LIMIT,
    answer_embeds,
    document_embeds,
    escape,
    group_embeds,
    sources_pages,
    split_text,
)
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


ARTICLE_URL = "https://gov.example/statement"
EVIL_TITLE = "Summit [read more](https://evil.example) **urgent**"
EVIL_QUOTE = ("The ministers cited the [statement](https://gov.example/s) and [annex](https://evil.example/phish), "
              "see https://evil.example/more or <https://evil.example/x>, __underlined__ ||spoiler|| @everyone")


def shown_strings(embeds) -> list[str]:
    """Every string of the embeds that Discord renders as markdown."""
    out = []
    for embed in embeds:
        out += [embed.title or "", embed.description or ""]
        out += [text for field in embed.fields for text in (field.name, field.value)]
    return out


def live_markdown(text: str) -> list[str]:
    """What Discord would still read as links, formatting or mentions once backslash escapes are taken out."""
    bare = re.sub(r"\\.", "", text)
    bare = re.sub(rf"`summit`|<{re.escape(ARTICLE_URL)}>|\*\*¶\d+\*\*", "", bare)  # the bot's own formatting
    found = re.findall(r"\[[^\]]*\]\([^)]*\)|\*\*|__|\|\||~~|`|<[^>]*>|@everyone|@here", bare)
    return found + [url for url in re.findall(r"https?://\S+", bare) if url != ARTICLE_URL]


def test_article_text_and_titles_never_render_as_links_formatting_or_mentions():
    """Masked links (the second on a line too), bare addresses, emphasis and mentions in a quote, a title
    or a source line are shown literally; the only link is the article address the bot puts there."""
    from index.corpus.documents import Document, Paragraph

    citation = Citation(1, "summit", EVIL_TITLE, 2, 0, len(EVIL_QUOTE), EVIL_QUOTE, ARTICLE_URL)
    text = f"{EVIL_TITLE}\n\n{EVIL_QUOTE}\n"
    document = Document("summit", EVIL_TITLE, {"url": ARTICLE_URL, "outlet": "**Wire** [x](https://evil.example)"},
                        text, (Paragraph(1, 0, len(EVIL_TITLE)), Paragraph(2, len(EVIL_TITLE) + 2, len(text) - 1)),
                        (), "summit.txt", "hash")
    embeds = [*answer_embeds(Answer(EVIL_TITLE, True, EVIL_QUOTE, (citation,)), PROMPTS),
              *answer_embeds(Answer("who?", False, EVIL_QUOTE, (citation,)), PROMPTS),
              *sources_pages([document], {"summit": 1}), *document_embeds(document)]
    shown = shown_strings(embeds)
    assert [found for text in shown for found in live_markdown(text)] == []
    assert any(ARTICLE_URL in text for text in shown) and all(e.url in (None, ARTICLE_URL) for e in embeds)
    assert "Summit" in shown[0] and "annex" in "".join(shown)  # shown, not dropped


def test_a_one_sentence_answer_shows_its_quote_once():
    """An answer that is its one quote is the embed's text; its field gives only the source."""
    quote = "“We agreed,” the minister said in Geneva on Monday."
    answer = Answer("who agreed?", True, f"{quote} [1]", (Citation(1, "talks", "Talks in Geneva", 3, 0, 52, quote, None),))
    [embed] = answer_embeds(answer, PROMPTS)
    assert "We agreed" in embed.description
    assert "We agreed" not in embed.fields[0].value and "paragraph 3" in embed.fields[0].value

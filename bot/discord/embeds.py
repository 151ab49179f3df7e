"""Answers, passages and articles as Discord embeds, within Discord's limits, with quotes escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import discord

from bot.meeting_lines import evidence
from bot.prompts import Prompts
from bot.render import is_the_quote, meeting_line, no_answer_text, plural, quoted

if TYPE_CHECKING:
    from index.across import SourcedHit
    from index.answers.compose import Answer
    from index.corpus.documents import Document

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
COLOUR = discord.Colour.from_rgb(44, 95, 138)
OWN_COLLECTION = " · this server's articles"  # beside a quote, hit or article from the server's own collection


# What Discord markdown gives a meaning to: emphasis, code, spoilers, masked links and <...> mentions or
# links anywhere; headings, lists, subtext and quotes at a line's start; and the ":" of an address (a
# backslash there stops autolinking).
_MARKDOWN = re.compile(r"([\\*_~|`\[\]<])|(?<=[A-Za-z])(:)(?=//)|^(\s*)([#>-]|\d+\.)", re.MULTILINE)
_PLAIN_URL = re.compile(r"https?://[^\s<>()\[\]`*_~|\\]+", re.IGNORECASE)


def _escaped(match: re.Match) -> str:
    if match.group(4):  # a line start: "1. " becomes "1\. ", "# " becomes "\# "
        mark = match.group(4)
        return match.group(3) + (mark[:-1] + "\\." if mark.endswith(".") else "\\" + mark)
    return "\\" + (match.group(1) or match.group(2))


def escape(text: str) -> str:
    """Text from articles and users shown as written: never a link, formatting or a mention."""
    text = _MARKDOWN.sub(_escaped, text)
    return discord.utils.escape_mentions(text)


def link(url: str | None) -> str | None:
    """An article's address as the bot shows it: a plain http(s) address, else None (not shown as a link)."""
    return url if url and _PLAIN_URL.fullmatch(url) else None


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most limit characters, cut at a paragraph, line, sentence or word end where possible."""
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    pieces = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind(" "))
            cut = cut + 1 if cut >= limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def group_embeds(embeds: Sequence[discord.Embed]) -> list[list[discord.Embed]]:
    """Messages of at most 10 embeds and 6,000 characters each."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        if not messages or len(messages[-1]) >= EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_TOTAL_LIMIT:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += len(embed)
    return messages


def _embeds_from_fields(title: str, description: str, fields: Iterable[tuple[str, str]],
                        footer: str | None = None, url: str | None = None) -> list[discord.Embed]:
    """As many embeds as it takes: the description split at 4,096, 25 fields and 6,000 characters each."""
    embeds: list[discord.Embed] = []
    for n, piece in enumerate(split_text(description, DESCRIPTION_LIMIT) or [""]):
        embed = discord.Embed(title=clip(title, TITLE_LIMIT) if n == 0 else None, description=piece or None,
                              colour=COLOUR, url=url if n == 0 else None)
        embeds.append(embed)
    for name, value in fields:
        name = clip(name, FIELD_NAME_LIMIT)
        for part in split_text(value, FIELD_VALUE_LIMIT) or ["\u200b"]:
            embed = embeds[-1]
            if len(embed.fields) >= FIELDS_PER_EMBED or len(embed) + len(name) + len(part) > EMBED_TOTAL_LIMIT - 200:
                embed = discord.Embed(colour=COLOUR)
                embeds.append(embed)
            embed.add_field(name=name, value=part, inline=False)
    if footer:
        embeds[-1].set_footer(text=clip(footer, 2048))
    return embeds


def answer_embeds(answer: Answer, prompts: Prompts, urls: dict[str, str | None] | None = None
                  ) -> list[discord.Embed]:
    """The answer, then each numbered quote with the article's title, paragraph and link; an abstention
    in grey, its related quotes (if any) headed as not an answer. An answer that is its one quote shows
    the quote once, with its source below."""
    fields = []
    quote_once = answer.answered and is_the_quote(answer)
    collection = OWN_COLLECTION if getattr(answer, "own", False) else ""
    for citation in answer.citations:
        url = citation.url or (urls or {}).get(citation.doc_id)
        shown_url = link(url) or (escape(url) if url else "")
        source = prompts.render("discord_citation", title=escape(citation.title), paragraph=citation.paragraph,
                                doc_id=citation.doc_id, url=shown_url, collection=collection)
        fields.append((f"[{citation.n}] {escape(clip(citation.title, 200))}",
                       source if quote_once else f"{quoted(escape(citation.quote))}\n{source}"))
    title = escape(clip(answer.question, TITLE_LIMIT // 2))
    if not answer.answered:
        heading = prompts.render("related", citations="").strip()
        embeds = _embeds_from_fields(title, escape(no_answer_text(answer, prompts)),
                                     [(f"{heading} {name}", value) for name, value in fields])
        for embed in embeds:
            embed.colour = discord.Colour.light_grey()
        return embeds
    return _embeds_from_fields(title, escape(answer.answer), fields)


def hits_embeds(query: str, hits: Sequence[SourcedHit], prompts: Prompts) -> list[discord.Embed]:
    """The passages found, each with its article's title, paragraph and score (and whose they are)."""
    if not hits:
        return [discord.Embed(description=escape(prompts.render("no_hits", query=query)), colour=COLOUR)]
    fields = [((f"{rank}. {escape(clip(s.title, 150))} — ¶{s.hit.chunk.paragraph} (score {s.hit.score:.2f})"
                f"{OWN_COLLECTION if s.own else ''}"), escape(s.hit.chunk.text))
              for rank, s in enumerate(hits, start=1)]
    return _embeds_from_fields(f"Passages for “{escape(clip(query, 100))}”", "", fields)


def sources_pages(documents: Sequence[Document], chunk_counts: dict[str, int] | Sequence[int], per_page: int = 10,
                  own: frozenset[int] = frozenset()) -> list[discord.Embed]:
    """The indexed articles, a page of up to per_page articles each, numbered in the footer; `own` holds the
    positions of the server's own articles."""
    pages = []
    total = len(documents)
    for begin in range(0, max(total, 1), per_page):
        page = documents[begin:begin + per_page]
        fields = []
        for n, document in enumerate(page, start=begin):
            details = [f"`{document.doc_id}`"]
            if n in own:  # positions in documents of the server's own articles
                details.append(OWN_COLLECTION.removeprefix(" · "))
            if document.outlet:
                details.append(escape(document.outlet))
            if document.published:
                details.append(document.published)
            details.append(f"{plural(len(document.paragraphs), 'paragraph')}, "
                           f"{plural(_count(chunk_counts, n, document.doc_id), 'passage')}")
            if link(document.url):
                details.append(f"<{document.url}>")
            fields.append((escape(clip(document.title, FIELD_NAME_LIMIT // 2)), " · ".join(details)))
        embeds = _embeds_from_fields(f"Articles ({total})", "", fields)
        pages.append(embeds[0])
    for n, page in enumerate(pages, start=1):
        page.set_footer(text=f"page {n} of {len(pages)}")
    return pages


def _count(counts: dict[str, int] | Sequence[int], position: int, doc_id: str) -> int:
    """Passages of an article, from counts by id or by position in the list (ids may repeat across collections)."""
    return counts.get(doc_id, 0) if isinstance(counts, dict) else counts[position]


def document_embeds(document: Document, paragraph: int | None = None) -> list[discord.Embed]:
    """An article's paragraphs, verbatim and escaped, split over as many embeds as needed."""
    chosen = [p for p in document.paragraphs if paragraph is None or p.number == paragraph]
    text = "\n\n".join(f"**¶{p.number}** {escape(document.text[p.start:p.end])}" for p in chosen)
    footer = " · ".join(x for x in (document.doc_id, document.outlet, document.published) if x)
    return _embeds_from_fields(escape(clip(document.title, TITLE_LIMIT // 2)), text, [], footer=footer,
                               url=link(document.url))


def meeting_embeds(meetings: Sequence, documents: dict) -> list[discord.Embed]:
    """An embed (or more, when long) per meeting: the one-line summary, then each field with its quote."""
    embeds: list[discord.Embed] = []
    for meeting in meetings:
        title = documents[meeting.doc_id].title if meeting.doc_id in documents else meeting.doc_id
        fields = [(escape(clip(labels, 200)), f"{quoted(escape(clip(quote.text, 950)))} — ¶{quote.paragraph}")
                  for labels, quote in evidence(meeting)]  # each quote once, with the fields it supports
        url = link(documents[meeting.doc_id].url) if meeting.doc_id in documents else None
        embeds += _embeds_from_fields(escape(clip(meeting_line(meeting), TITLE_LIMIT - 16)), "", fields,
                                      footer=f"{title} · {meeting.doc_id}", url=url)
    return embeds


def text_embed(text: str, colour: discord.Colour = COLOUR) -> discord.Embed:
    return discord.Embed(description=clip(text, DESCRIPTION_LIMIT), colour=colour)

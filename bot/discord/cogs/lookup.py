"""Lookups for people who want to read for themselves: /search, /sources, /source, /meetings and /help.

In a server they read the shared collection and that server's own; in direct messages, the shared one.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.common import send_embeds
from bot.discord.embeds import document_embeds, escape, hits_embeds, meeting_embeds, sources_pages, text_embed
from bot.render import no_meetings_text, require_paragraph
from bot.timeline import DEFAULT_WEEKS, FILENAME, MAX_WEEKS, draw_timeline, timeline_text
from index.across import documents_across, find_document, meetings_across, search_across

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.collections import Source
    from index.corpus.documents import Document

AUTOCOMPLETE_CHOICES = 25
T = TypeVar("T")


def matching_choices(documents: Sequence[Document], current: str) -> list[app_commands.Choice[str]]:
    """The articles whose id or title holds what was typed, as autocomplete choices (each id once)."""
    wanted = current.lower()
    seen: dict[str, Document] = {}
    for d in documents:
        if (wanted in d.doc_id or wanted in d.title.lower()) and d.doc_id not in seen:
            seen[d.doc_id] = d
    return [app_commands.Choice(name=f"{d.doc_id} — {d.title}"[:100], value=d.doc_id)
            for d in sorted(seen.values(), key=lambda d: d.doc_id)[:AUTOCOMPLETE_CHOICES]]


async def read(bot: CommuniqueBot, guild_id: int | None, work: Callable[[list[Source]], T]) -> T:
    """work(sources) in a worker thread, over what a question in this server (or DM) may read."""
    def run() -> T:
        with bot.collections.reading(guild_id) as sources:
            return work(sources)

    return await bot.run_blocking(run)


async def doc_id_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Article ids of the shared collection and this server's own (never another server's)."""
    bot: CommuniqueBot = interaction.client
    documents = await read(bot, interaction.guild_id,
                           lambda sources: [s.document for s in documents_across(sources)])
    return matching_choices(documents, current)


class Lookup(commands.Cog):
    def __init__(self, bot: CommuniqueBot):
        self.bot = bot

    @app_commands.command(name="search")
    @app_commands.describe(query="Words or a question to look for", k="How many passages (1-10)")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 2, 300],
                     k: app_commands.Range[int, 1, 10] = 5) -> None:
        """The passages closest to your query, with their scores, to read for yourself."""
        await interaction.response.defer(thinking=True)
        hits = await read(self.bot, interaction.guild_id, lambda sources: search_across(sources, query, k))
        await send_embeds(interaction.followup.send, hits_embeds(query, hits, self.bot.prompts))

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """The articles I have: title, outlet, date, paragraphs and passages."""
        await interaction.response.defer(thinking=True)
        found = await read(self.bot, interaction.guild_id, documents_across)
        own = frozenset(n for n, s in enumerate(found) if s.own)
        pages = sources_pages([s.document for s in found], [s.passages for s in found], own=own)
        await send_embeds(interaction.followup.send, pages)

    @app_commands.command(name="source")
    @app_commands.describe(doc="The article's id", paragraph="One paragraph number (default: the whole article)")
    @app_commands.autocomplete(doc=doc_id_autocomplete)
    async def source(self, interaction: discord.Interaction, doc: str,
                     paragraph: app_commands.Range[int, 1, 10_000] | None = None) -> None:
        """An article's paragraphs, word for word."""
        document = (await read(self.bot, interaction.guild_id, lambda sources: find_document(sources, doc))).document
        if paragraph is not None:
            require_paragraph(document, paragraph)
        await send_embeds(_first_response(interaction), document_embeds(document, paragraph))

    @app_commands.command(name="meetings")
    @app_commands.describe(person="Only the meetings of this person (any name they go by)",
                           place="Only the meetings in this place (a city or a country)",
                           view="list: each meeting and its quotes (default); timeline: a picture of them by day",
                           weeks=f"timeline: the weeks up to the newest dated meeting (default {DEFAULT_WEEKS})")
    async def meetings(self, interaction: discord.Interaction, person: app_commands.Range[str, 2, 100] | None = None,
                       place: app_commands.Range[str, 2, 100] | None = None,
                       view: Literal["list", "timeline"] = "list",
                       weeks: app_commands.Range[int, 1, MAX_WEEKS] = DEFAULT_WEEKS) -> None:
        """Who meets whom, where and when, each fact quoted from the articles."""
        if view == "timeline":
            await self.send_timeline(interaction, person, place, weeks)
            return
        meetings, documents = await read(self.bot, interaction.guild_id,
                                         lambda sources: meetings_across(sources, person, place))
        if not meetings:
            text = escape(no_meetings_text(self.bot.prompts, person, place))
            await interaction.response.send_message(embed=text_embed(text),
                                                    allowed_mentions=discord.AllowedMentions.none())
            return
        await send_embeds(_first_response(interaction), meeting_embeds(meetings, documents))

    async def send_timeline(self, interaction: discord.Interaction, person: str | None, place: str | None,
                            weeks: int) -> None:
        """The meetings as a PNG by day, drawn in a worker thread, under a line saying what is left out."""
        await interaction.response.defer(thinking=True)
        meetings, _ = await read(self.bot, interaction.guild_id,
                                 lambda sources: meetings_across(sources, person, place))
        timeline = await self.bot.run_blocking(draw_timeline, meetings, weeks)
        embed = text_embed(escape(timeline_text(timeline, self.bot.prompts, person, place)))
        none = discord.AllowedMentions.none()
        if timeline.png is None:
            await interaction.followup.send(embed=embed, allowed_mentions=none)
            return
        embed.set_image(url=f"attachment://{FILENAME}")
        picture = discord.File(io.BytesIO(timeline.png), filename=FILENAME, description="The meetings by day")
        await interaction.followup.send(embed=embed, file=picture, allowed_mentions=none)

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """What I can do, and how to ask."""
        text = self.bot.prompts.render("discord_help")
        await interaction.response.send_message(embed=text_embed(text),
                                                ephemeral=True, allowed_mentions=discord.AllowedMentions.none())


def _first_response(interaction: discord.Interaction):
    """Send the first message as the interaction's response, the rest as follow-ups."""
    async def send(**kwargs):
        if interaction.response.is_done():
            return await interaction.followup.send(**kwargs)
        kwargs.pop("wait", None)
        await interaction.response.send_message(**kwargs)
        return None

    return send


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(Lookup(bot))

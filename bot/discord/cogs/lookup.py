"""Lookups for people who want to read for themselves: /search, /sources, /source and /help."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.common import send_embeds
from bot.discord.embeds import document_embeds, escape, hits_embeds, meeting_embeds, sources_pages, text_embed
from bot.render import no_meetings_text, require_paragraph

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot

AUTOCOMPLETE_CHOICES = 25


async def doc_id_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    bot: CommuniqueBot = interaction.client
    data = bot.kb.loaded_data
    if data is None:
        return []
    wanted = current.lower()
    matches = [d for d in sorted(data.documents.values(), key=lambda d: d.doc_id)
               if wanted in d.doc_id or wanted in d.title.lower()]
    return [app_commands.Choice(name=f"{d.doc_id} — {d.title}"[:100], value=d.doc_id)
            for d in matches[:AUTOCOMPLETE_CHOICES]]


class Lookup(commands.Cog):
    def __init__(self, bot: CommuniqueBot):
        self.bot = bot

    @app_commands.command(name="search")
    @app_commands.describe(query="Words or a question to look for", k="How many passages (1-10)")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 2, 300],
                     k: app_commands.Range[int, 1, 10] = 5) -> None:
        """The passages closest to your query, with their scores, to read for yourself."""
        await interaction.response.defer(thinking=True)
        hits = await self.bot.run_blocking(self.bot.kb.search, query, k)
        titles = {d.doc_id: d.title for d in self.bot.kb.data.documents.values()}
        await send_embeds(interaction.followup.send, hits_embeds(query, hits, self.bot.prompts, titles))

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """The articles I have: title, outlet, date, paragraphs and passages."""
        data = self.bot.kb.loaded_data
        if data is None:
            await interaction.response.defer(thinking=True)
            data = await self.bot.run_blocking(lambda: self.bot.kb.data)
        documents = sorted(data.documents.values(), key=lambda d: d.doc_id)
        counts = Counter(chunk.doc_id for chunk in data.chunks)
        send = interaction.followup.send if interaction.response.is_done() else _first_response(interaction)
        await send_embeds(send, sources_pages(documents, counts))

    @app_commands.command(name="source")
    @app_commands.describe(doc="The article's id", paragraph="One paragraph number (default: the whole article)")
    @app_commands.autocomplete(doc=doc_id_autocomplete)
    async def source(self, interaction: discord.Interaction, doc: str,
                     paragraph: app_commands.Range[int, 1, 10_000] | None = None) -> None:
        """An article's paragraphs, word for word."""
        document = self.bot.kb.source(doc)
        if paragraph is not None:
            require_paragraph(document, paragraph)
        await send_embeds(_first_response(interaction), document_embeds(document, paragraph))

    @app_commands.command(name="meetings")
    @app_commands.describe(person="Only the meetings of this person (any name they go by)",
                           place="Only the meetings in this place (a city or a country)")
    async def meetings(self, interaction: discord.Interaction, person: app_commands.Range[str, 2, 100] | None = None,
                       place: app_commands.Range[str, 2, 100] | None = None) -> None:
        """Who meets whom, where and when, each fact quoted from the articles."""
        meetings = await self.bot.run_blocking(self.bot.kb.meetings, person, place)
        if not meetings:
            text = escape(no_meetings_text(self.bot.prompts, person, place))
            await interaction.response.send_message(embed=text_embed(text),
                                                    allowed_mentions=discord.AllowedMentions.none())
            return
        await send_embeds(_first_response(interaction), meeting_embeds(meetings, self.bot.kb.data.documents))

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

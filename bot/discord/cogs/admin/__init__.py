"""Moderators change the articles: /index refresh, add, remove and status.

In a server, the commands change that server's own collection; `collection: shared` changes the shared
one, which only the application's owner, or a moderator of a server in ADMIN_GUILD_IDS (GUILD_ID by
default), may do. In direct messages there are no index commands. Every change, and every refused
attempt, goes to the audit log.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.cogs.admin.guard import ModeratorGroup
from bot.discord.cogs.admin.targets import COLLECTION_HELP, SERVER, collection_choices, status_text
from bot.discord.cogs.common import GroupCog
from bot.discord.cogs.lookup import matching_choices
from bot.discord.embeds import text_embed
from index.errors import CommuniqueError, UnknownDocumentError

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


async def target_doc_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The ids of the articles in the collection the command would change."""
    bot: CommuniqueBot = interaction.client
    if interaction.guild_id is None:
        return []
    scope = getattr(interaction.namespace, "collection", None) or SERVER
    if scope == SERVER and bot.collections.per_server:
        def own_documents():
            if not bot.collections.exists(interaction.guild_id):
                return []
            with bot.collections.server(interaction.guild_id) as kb:
                return list(kb.data.documents.values())
        documents = await bot.run_blocking(own_documents)
    else:
        data = bot.kb.loaded_data
        documents = list(data.documents.values()) if data else []
    return matching_choices(documents, current)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class IndexCommands(ModeratorGroup, name="index", description="Moderators: change the articles I answer from"):

    @app_commands.command(name="refresh")
    @app_commands.describe(collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    async def refresh(self, interaction: discord.Interaction, collection: str | None = None) -> None:
        """Re-read the articles of this server's collection (or the shared one) and swap in the new index."""
        target = await self.target(interaction, collection, None)
        if not target.shared and not self.bot.collections.exists(target.guild_id):
            raise CommuniqueError("this server has no articles of its own yet: add one with /index add")
        await self.change(interaction, target, None, f"Refreshing {target.label}…",
                           lambda kb, progress: (f"Done: refresh of {target.label}", kb.refresh(progress)))

    @app_commands.command(name="add")
    @app_commands.describe(file="A .txt or .md article (UTF-8); its first line is the title",
                           url="Or a news page's address (http or https)",
                           replace="Replace the article already there under the file's id",
                           collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    async def add(self, interaction: discord.Interaction, file: discord.Attachment | None = None,
                  url: app_commands.Range[str, 8, 2000] | None = None, replace: bool = False,
                  collection: str | None = None) -> None:
        """Add an article to the collection, from an attached file or a web page, and index it."""
        article = url or (file.filename if file else None)
        target = await self.target(interaction, collection, article)
        if (file is None) == (url is None):
            raise CommuniqueError("attach a .txt or .md file or give a url (one of the two)")
        if not replace:
            await self.check_room(target)
        if url is not None:
            policy = self.bot.settings.fetch_policy()

            def fetch_and_add(kb, progress):
                result, report = kb.add_url(url, policy, progress)
                if report is None:
                    return f"Already there as `{result.doc_id}`: nothing changed", None
                return f"Done: {result.status} `{result.doc_id}` from {url} in {target.label}", report

            await self.change(interaction, target, url, f"Fetching {url}…", fetch_and_add)
            return
        name = _SAFE_NAME.sub("-", file.filename).strip("-.") or "article.txt"
        if not name.lower().endswith((".txt", ".md")):
            raise CommuniqueError(f"{file.filename} is not a .txt or .md file")
        if file.size > MAX_ARTICLE_BYTES:
            raise CommuniqueError(f"{file.filename} is {file.size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,}")
        await interaction.response.defer(thinking=True)
        content = await file.read()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(content)
            await self.change(interaction, target, name, f"Adding {name} to {target.label}…",
                               lambda kb, progress: (f"Done: add {name} to {target.label}",
                                                     kb.add(path, progress, replace=replace)[1]))

    @app_commands.command(name="remove")
    @app_commands.describe(doc="The article's id",
                           collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    @app_commands.autocomplete(doc=target_doc_autocomplete)
    async def remove(self, interaction: discord.Interaction, doc: str, collection: str | None = None) -> None:
        """Remove an article from the collection and its index."""
        target = await self.target(interaction, collection, doc)
        collections = self.bot.collections

        def remove(kb, progress):
            if not target.shared and not collections.exists(target.guild_id):
                raise UnknownDocumentError(doc)
            if not target.shared and len(kb.data.documents) == 1 and doc in kb.data.documents:
                collections.empty(target.guild_id, doc)  # a server may remove its last article
                return f"Done: remove {doc}\nremoved: `{doc}`; this server has no articles of its own left", None
            return f"Done: remove {doc} from {target.label}", kb.remove(doc, progress)

        await self.change(interaction, target, doc, f"Removing {doc}…", remove)

    @app_commands.command(name="status")
    async def status(self, interaction: discord.Interaction) -> None:
        """What this server's collection and the shared one hold, and when each was built."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        text = await self.bot.run_blocking(status_text, self.bot, interaction.guild_id)
        await interaction.followup.send(embed=text_embed(text), ephemeral=True,
                                        allowed_mentions=discord.AllowedMentions.none())


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(GroupCog(bot, IndexCommands(bot)))

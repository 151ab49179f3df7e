"""Which collection an /index command changes, who may change it, and what /index status shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.errors import NotModeratorError, NotSharedAdminError
from bot.render import plural
from index.collections import SHARED, server_name
from index.errors import CommuniqueError, IndexCorruptError

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.kb import KnowledgeBase

SERVER = "server"
COLLECTION_HELP = "Which articles: this server's own (default) or the shared ones"


def collection_choices() -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name="this server's own articles", value=SERVER),
            app_commands.Choice(name="the shared articles (operator only)", value=SHARED)]


@dataclass(frozen=True)
class Target:
    """The collection a command changes: the shared one, or a server's own."""

    guild_id: int | None  # None: the shared collection

    @property
    def shared(self) -> bool:
        return self.guild_id is None

    @property
    def name(self) -> str:
        return SHARED if self.shared else server_name(self.guild_id)

    @property
    def label(self) -> str:
        return "the shared articles" if self.shared else "this server's articles"

    def refreshing(self, bot: CommuniqueBot) -> bool:
        if self.shared:
            return bot.kb.refreshing
        with bot.collections.server(self.guild_id) as kb:
            return kb.refreshing

    def run(self, bot: CommuniqueBot, work: Callable, progress: Callable):
        """work(kb, progress) on the target's knowledge base; called in a worker thread."""
        if self.shared:
            return work(bot.kb, progress)
        with bot.collections.server(self.guild_id) as kb:
            return work(kb, progress)


async def resolve_target(bot: CommuniqueBot, interaction: discord.Interaction, scope: str | None) -> Target:
    """The collection to change; NotSharedAdminError when the user may not change the shared one."""
    if scope not in (None, SERVER, SHARED):
        raise CommuniqueError(f"no collection {scope!r}: choose {SERVER} or {SHARED}")
    if scope == SHARED or not bot.collections.per_server:
        if await bot.may_change_shared(interaction):
            return Target(None)
        if scope != SHARED:  # a server's own articles were meant, and there are none here
            raise CommuniqueError("servers have no articles of their own here (SERVER_COLLECTIONS is off), "
                                  "and only the bot's operator changes the shared ones")
        raise NotSharedAdminError()
    if not bot.is_moderator(interaction.user):  # the application's owner is not this server's moderator
        raise NotModeratorError()
    return Target(interaction.guild_id)


def _describe(kb: KnowledgeBase, label: str) -> str:
    try:
        status = kb.status()
    except (CommuniqueError, IndexCorruptError) as error:
        return f"**{label}**: unusable ({error})"
    state = ("refresh running" if kb.refreshing else
             "the articles have changed since: run /index refresh" if status["stale"] else "up to date")
    return (f"**{label}**: {plural(status['documents'], 'article')}, {plural(status['chunks'], 'passage')}, "
            f"{plural(status['sentences'], 'sentence')}\nbuilt {status['built_at']}; {state}")


def status_text(bot: CommuniqueBot, guild_id: int) -> str:
    """This server's own collection, then the shared one (with the model); runs in a worker thread."""
    collections = bot.collections
    lines = []
    if not collections.per_server:
        lines.append("**this server's articles**: servers have no collections of their own here")
    elif not collections.exists(guild_id):
        lines.append("**this server's articles**: none yet (moderators: /index add)")
    else:
        with collections.server(guild_id) as own:
            lines.append(_describe(own, f"this server's articles ({server_name(guild_id)})"))
    lines.append(_describe(bot.kb, "shared articles"))
    status = bot.kb.status()
    lines.append(f"model: {status['model']} ({status['faiss']})")
    return "\n\n".join(lines)

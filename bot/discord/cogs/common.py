"""Sending within Discord's limits, and the cog that carries one slash command group, shared by the cogs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.embeds import group_embeds

Send = Callable[..., Awaitable[discord.Message | None]]


async def send_embeds(send: Send, embeds: Sequence[discord.Embed], **options) -> list[discord.Message]:
    """Send embeds over as many messages as Discord's per-message limits need; never pings anyone."""
    sent = []
    for n, group in enumerate(group_embeds(embeds)):
        extra = dict(options) if n == 0 else {k: v for k, v in options.items() if k in ("ephemeral", "wait")}
        message = await send(embeds=group, allowed_mentions=discord.AllowedMentions.none(), **extra)
        if message is not None:
            sent.append(message)
    return sent


class GroupCog(commands.Cog):
    """A cog whose one slash command group joins the bot's tree when loaded and leaves it when unloaded."""

    def __init__(self, bot: commands.Bot, group: app_commands.Group):
        self.bot = bot
        self.group = group
        self.__cog_name__ = group.name  # one cog per group: "index", "feeds", "watch"

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)

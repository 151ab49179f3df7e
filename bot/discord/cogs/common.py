"""Sending within Discord's limits, shared by the cogs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import discord

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

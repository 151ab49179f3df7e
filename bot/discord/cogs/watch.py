"""Members follow people: /watch add, list and remove. A new meeting of someone they watch, in the
articles the feeds bring, reaches them by direct message or as a mention-free line in a channel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import discord
from discord import app_commands

from bot.discord.cogs.common import GroupCog
from bot.discord.embeds import escape, text_embed
from index.feeds.alerts import AlertStore

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot

T = TypeVar("T")
DELIVERY_CHOICES = [app_commands.Choice(name="a direct message", value="dm"),
                    app_commands.Choice(name="a line in this channel (no ping)", value="channel")]


class WatchCommands(app_commands.Group, name="watch", description="Hear of new meetings of the people you follow"):
    def __init__(self, bot: CommuniqueBot):
        super().__init__()
        self.bot = bot

    async def _watches(self, work: Callable[[AlertStore], T]) -> T:
        """work(store) in a worker thread, where the database is opened: never on the event loop."""
        return await self.bot.run_blocking(lambda: work(self.bot.feeds.alert_store()))

    async def _reply(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(embed=text_embed(escape(text)), ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(name="add")
    @app_commands.describe(person="Whom to follow (any name they go by, e.g. Pompeo)",
                           delivery="How to hear of their new meetings (default: a direct message)")
    @app_commands.choices(delivery=DELIVERY_CHOICES)
    async def add(self, interaction: discord.Interaction, person: app_commands.Range[str, 2, 100],
                  delivery: str = "dm") -> None:
        """Follow a person: their new meetings in the followed feeds reach you."""
        if delivery == "channel" and interaction.guild_id is None:
            delivery = "dm"  # in direct messages, the channel is the DM itself
        watch = await self._watches(lambda store: store.watch(interaction.user.id, interaction.guild_id, person,
                                                              delivery, interaction.channel_id))
        where = "by direct message" if watch.delivery == "dm" else "as a line in this channel, without a ping"
        await self._reply(interaction, f"Watching {watch.person}: new meetings of theirs reach you {where}. "
                                       "/watch remove stops it.")

    @app_commands.command(name="list")
    async def list(self, interaction: discord.Interaction) -> None:
        """The people you follow here."""
        watches = await self._watches(lambda store: store.watches(interaction.user.id, interaction.guild_id))
        if not watches:
            await self._reply(interaction, "You watch nobody here. /watch add person: follows someone.")
            return
        lines = [f"• {escape(w.person)} — " + ("direct message" if w.delivery == "dm" else f"<#{w.channel_id}>")
                 for w in watches]
        await interaction.response.send_message(embed=text_embed("You watch:\n" + "\n".join(lines)),
                                                ephemeral=True, allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(name="remove")
    @app_commands.describe(person="Whom to stop following")
    async def remove(self, interaction: discord.Interaction, person: app_commands.Range[str, 2, 100]) -> None:
        """Stop following a person."""
        await self._watches(lambda store: store.unwatch(interaction.user.id, interaction.guild_id, person))
        await self._reply(interaction, f"You no longer watch {' '.join(person.split())}.")

    @remove.autocomplete("person")
    async def _watched(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        watches = await self._watches(lambda store: store.watches(interaction.user.id, interaction.guild_id))
        return [app_commands.Choice(name=w.person, value=w.person) for w in watches
                if current.casefold() in w.person.casefold()][:25]


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(GroupCog(bot, WatchCommands(bot)))

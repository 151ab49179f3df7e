"""One error handler for slash commands and messages: known errors get a short message, anything else
an apology and a log entry with its traceback."""

from __future__ import annotations

import logging
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.embeds import escape, text_embed
from bot.prompts import Prompts
from index.errors import CommuniqueError

log = logging.getLogger(__name__)

COOLDOWN_NOTICE_SECONDS = 10  # a cooldown notice in a channel deletes itself after this long
ERROR_COLOUR = discord.Colour.orange()


class NotModeratorError(app_commands.CheckFailure):
    pass


class DirectMessageError(app_commands.CheckFailure):
    """A server-only command (/index, /feeds) used in a direct message."""

    def __init__(self, group: str = "index") -> None:
        super().__init__(f"/{group} commands work in a server, on that server's articles; not in direct messages")


class NotSharedAdminError(NotModeratorError):
    """A moderator of a server that may not change the shared collection."""


class ErrorHandler:
    """What a user is told when a command or a question fails, and where it is sent."""

    def __init__(self, prompts: Prompts):
        self.prompts = prompts

    def text(self, error: BaseException, during: str = "a command") -> str:
        """The user's message for an error; an unexpected one is logged (during: what was being done)."""
        original = getattr(error, "original", error)
        if isinstance(original, app_commands.CommandOnCooldown | commands.CommandOnCooldown):
            limit = original.cooldown
            return self.prompts.render("cooldown", seconds=math.ceil(original.retry_after), burst=limit.rate,
                                       window=f"{limit.per:g}")
        if isinstance(original, NotSharedAdminError):
            return self.prompts.render("not_shared_admin")
        if isinstance(original, NotModeratorError | app_commands.MissingPermissions):
            return self.prompts.render("not_moderator")
        if isinstance(original, CommuniqueError | DirectMessageError):
            return self.prompts.render("discord_error", error=str(original))
        log.error("%s failed", during, exc_info=original)
        return self.prompts.render("internal_error")

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        """The command tree's handler: the message goes to the user alone (ephemeral)."""
        command = getattr(interaction.command, "qualified_name", "?")
        embed = text_embed(escape(self.text(error, f"command {command}")), ERROR_COLOUR)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(embed=embed, ephemeral=True)
            else:
                await interaction.response.send_message(embed=embed, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user about an error", exc_info=True)

    async def on_message_error(self, message: discord.Message, error: BaseException) -> None:
        """A question asked in a message failed: the message is a reply (a cooldown notice goes away)."""
        text = self.text(error, f"answering message {message.id}")
        delete_after = COOLDOWN_NOTICE_SECONDS if isinstance(error, app_commands.CommandOnCooldown) else None
        try:
            await message.reply(embed=text_embed(escape(text), ERROR_COLOUR), mention_author=False,
                                allowed_mentions=discord.AllowedMentions.none(), delete_after=delete_after)
        except discord.HTTPException:
            log.warning("could not reply to message %s", message.id, exc_info=True)

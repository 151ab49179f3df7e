"""What the moderators' command groups (/index, /feeds) share: who may use them, which collection they
change, the audit log of every change and refusal, and one change run in a worker thread with a
progress message."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.audit import AuditEntry
from bot.discord.cogs.admin.progress import ProgressMessage, report_lines
from bot.discord.cogs.admin.targets import SERVER, Target, resolve_target
from bot.discord.embeds import text_embed
from bot.discord.errors import DirectMessageError, NotModeratorError
from bot.render import plural
from index.errors import CommuniqueError, RefreshInProgressError

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.kb import KnowledgeBase
    from index.retrieval.build import BuildReport

log = logging.getLogger(__name__)

Work = Callable[["KnowledgeBase", Callable], tuple[str, "BuildReport | None"]]


class ModeratorGroup(app_commands.Group):
    """A command group for moderators only; refused in direct messages. Audit actions are the command
    names with `audit_prefix` before them ("feed-add")."""

    audit_prefix = ""

    def __init__(self, bot: CommuniqueBot):
        super().__init__()
        self.bot = bot

    def action(self, interaction: discord.Interaction) -> str:
        return self.audit_prefix + getattr(interaction.command, "name", "?")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        scope = getattr(interaction.namespace, "collection", None) or SERVER
        if interaction.guild is None:
            await self.audit(interaction, scope, None, "refused: direct message")
            raise DirectMessageError(self.name)
        if not self.bot.is_moderator(interaction.user) and not await self.bot.is_owner(interaction.user):
            log.info("refused /%s for %s (%s)", self.name, interaction.user, interaction.user.id)
            await self.audit(interaction, scope, None, "refused: not a moderator")
            raise NotModeratorError()
        return True

    async def target(self, interaction: discord.Interaction, scope: str | None, article: str | None) -> Target:
        """The collection the command changes; a refusal is audited."""
        try:
            return await resolve_target(self.bot, interaction, scope)
        except (CommuniqueError, NotModeratorError) as error:
            await self.refuse(interaction, scope or SERVER, article, str(error) or "may not change these articles")
            raise

    async def refuse(self, interaction: discord.Interaction, collection: str, article: str | None,
                     reason: str) -> None:
        await self.audit(interaction, collection, article, f"refused: {reason}")

    async def check_room(self, target: Target, adding: int = 1) -> None:
        """A server's collection holds at most SERVER_MAX_ARTICLES articles."""
        limit = self.bot.settings.server_max_articles
        if target.shared or adding < 1:
            return
        count = await self.bot.run_blocking(self.bot.collections.articles, target.guild_id)
        if count >= limit:
            raise CommuniqueError(f"this server already has {plural(limit, 'article')}, the most it may keep "
                                  "(SERVER_MAX_ARTICLES): remove one first")
        if count + adding > limit:
            raise CommuniqueError(f"this server has {plural(count, 'article')} of the {limit} it may keep "
                                  f"(SERVER_MAX_ARTICLES): add at most {limit - count} more")

    async def change(self, interaction: discord.Interaction, target: Target, article: str | None, title: str,
                     work: Work, failed: Callable[[str], str] | None = None) -> None:
        """Run one change of the target collection in a worker thread, editing one progress message.

        failed(reason) is what the moderator reads when it fails (default: the index was not changed)."""
        if target.refreshing(self.bot):
            await self.refuse(interaction, target.name, article, "a change is already running")
            raise RefreshInProgressError()
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        message = await interaction.followup.send(embed=text_embed(title), wait=True,
                                                  allowed_mentions=discord.AllowedMentions.none())
        who = f"{interaction.user} ({interaction.user.id})"
        action = self.action(interaction)
        log.info("%s %s on %s requested by %s", action, article or "", target.name, who)
        began = time.perf_counter()
        with ProgressMessage(message, title) as progress:
            try:
                headline, report = await self.bot.run_blocking(target.run, self.bot, work, progress.update)
            except RefreshInProgressError as error:
                await self.refuse(interaction, target.name, article, "a change is already running")
                await progress.finish(self.bot.errors.text(error), ok=False)
                return
            except Exception as error:  # the moderator is told; the log has the rest
                known = isinstance(error, CommuniqueError)
                reason = str(error) if known else type(error).__name__
                if not known:
                    log.exception("%s by %s failed", action, who)
                await self.audit(interaction, target.name, article, f"failed: {reason}")
                text = failed(reason) if failed else self.bot.prompts.render("refresh_failed", error=reason)
                await progress.finish(text, ok=False)
                return
        await self.audit(interaction, target.name, article, "done")
        if report is None:
            await progress.finish(headline)
            return
        log.info("%s on %s by %s done in %.1fs: added %s, removed %s, changed %s", action, target.name,
                 who, time.perf_counter() - began, report.added, report.removed, report.changed)
        await progress.finish(f"{headline}\n{report_lines(report)}")

    async def audit(self, interaction: discord.Interaction, collection: str, article: str | None,
                    outcome: str) -> None:
        await self.bot.run_blocking(self.bot.audit.record, audit_entry(
            interaction, self.action(interaction), collection, article, outcome))


def audit_entry(interaction: discord.Interaction, action: str, collection: str, article: str | None,
                outcome: str) -> AuditEntry:
    """Who did what, in which server, to which collection and article, and how it ended."""
    guild = interaction.guild
    return AuditEntry(server_id=interaction.guild_id, server=guild.name if guild else None,
                      user_id=interaction.user.id, user=str(interaction.user), action=action,
                      collection=collection, article=article, outcome=outcome)

"""Moderators change the articles: /index refresh, add, remove and status."""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.lookup import doc_id_autocomplete
from bot.discord.embeds import text_embed
from bot.discord.errors import NotModeratorError
from bot.render import plural
from index.errors import CommuniqueError, RefreshInProgressError

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.retrieval.build import BuildReport

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
PROGRESS_EVERY_SECONDS = 1.5
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def report_lines(report: BuildReport) -> str:
    lines = [(f"{plural(report.documents, 'article')}, {plural(report.chunks, 'passage')}, "
              f"{plural(report.meetings, 'meeting')} found "
              f"({report.embedded:,} embedded, {report.reused:,} reused) in {report.seconds:.1f}s")]
    for label, ids in (("added", report.added), ("removed", report.removed), ("changed", report.changed)):
        if ids:
            shown = ", ".join(f"`{i}`" for i in ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
            lines.append(f"{label}: {shown}")
    if not (report.added or report.removed or report.changed):
        lines.append("no article changed")
    lines += [f"⚠ {warning}" for warning in report.warnings[:5]]
    return "\n".join(lines)


class ProgressMessage:
    """One message edited while a refresh works: progress arrives from a worker thread."""

    def __init__(self, message: discord.Message | discord.WebhookMessage, title: str):
        self.message = message
        self.title = title
        self._latest = ""
        self._shown = ""
        self._task: asyncio.Task | None = None
        self._loop = asyncio.get_running_loop()

    def update(self, stage: str, done: int, total: int) -> None:  # called from the worker thread
        self._latest = f"{stage}: {done:,} of {total:,}" if total > 1 else f"{stage}…"

    async def _edit_loop(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_EVERY_SECONDS)
            if self._latest != self._shown:
                self._shown = self._latest
                await self._edit(f"{self.title}\n{self._shown}")

    async def _edit(self, text: str, colour: discord.Colour | None = None) -> None:
        colour = colour or discord.Colour.blurple()
        try:
            await self.message.edit(embed=text_embed(text, colour), allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException:
            log.warning("could not edit the progress message", exc_info=True)

    def __enter__(self) -> Self:
        self._task = self._loop.create_task(self._edit_loop())
        return self

    def __exit__(self, *exc) -> None:
        if self._task:
            self._task.cancel()

    async def finish(self, text: str, ok: bool = True) -> None:
        await self._edit(text, discord.Colour.green() if ok else discord.Colour.red())


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class IndexCommands(app_commands.Group, name="index", description="Moderators: change the articles I answer from"):
    def __init__(self, bot: CommuniqueBot):
        super().__init__()
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not self.bot.is_moderator(interaction.user):
            log.info("refused /index for %s (%s)", interaction.user, interaction.user.id)
            raise NotModeratorError()
        return True

    @app_commands.command(name="refresh")
    async def refresh(self, interaction: discord.Interaction) -> None:
        """Re-read the corpus directory and swap in the new index."""
        await self._change(interaction, "refresh", "Refreshing the index…",
                           lambda progress: ("Done: refresh", self.bot.kb.refresh(progress)))

    @app_commands.command(name="add")
    @app_commands.describe(file="A .txt or .md article (UTF-8); its first line is the title",
                           url="Or a news page's address (http or https)",
                           replace="Replace the article already there under the file's id")
    async def add(self, interaction: discord.Interaction, file: discord.Attachment | None = None,
                  url: app_commands.Range[str, 8, 2000] | None = None, replace: bool = False) -> None:
        """Add an article to the corpus, from an attached file or a web page, and index it."""
        if (file is None) == (url is None):
            raise CommuniqueError("attach a .txt or .md file or give a url (one of the two)")
        if self.bot.kb.refreshing:
            raise RefreshInProgressError()
        if url is not None:
            policy = self.bot.settings.fetch_policy()

            def fetch_and_add(progress):
                result, report = self.bot.kb.add_url(url, policy, progress)
                if report is None:
                    return f"Already there as `{result.doc_id}`: nothing changed", None
                return f"Done: {result.status} `{result.doc_id}` from {url}", report

            await self._change(interaction, f"add {url}", f"Fetching {url}…", fetch_and_add)
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
            await self._change(interaction, f"add {name}", f"Adding {name}…",
                               lambda progress: (f"Done: add {name}",
                                                 self.bot.kb.add(path, progress, replace=replace)[1]))

    @app_commands.command(name="remove")
    @app_commands.describe(doc="The article's id")
    @app_commands.autocomplete(doc=doc_id_autocomplete)
    async def remove(self, interaction: discord.Interaction, doc: str) -> None:
        """Remove an article from the corpus and the index."""
        self.bot.kb.source(doc)  # unknown ids fail here, before anything changes
        await self._change(interaction, f"remove {doc}", f"Removing {doc}…",
                           lambda progress: (f"Done: remove {doc}", self.bot.kb.remove(doc, progress)))

    @app_commands.command(name="status")
    async def status(self, interaction: discord.Interaction) -> None:
        """What the index holds and when it was built."""
        status = await self.bot.run_blocking(self.bot.kb.status)
        text = (f"{plural(status['documents'], 'article')}, {plural(status['chunks'], 'passage')}, "
                f"{plural(status['sentences'], 'sentence')}\nmodel: {status['model']} ({status['faiss']})\n"
                f"built: {status['built_at']}\n" + ("refresh running\n" if self.bot.kb.refreshing else "")
                + ("the corpus has changed since: run /index refresh" if status["stale"] else "up to date"))
        await interaction.response.send_message(embed=text_embed(text), ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())

    async def _change(self, interaction: discord.Interaction, action: str, title: str,
                      work: Callable[[Callable], tuple[str, BuildReport | None]]) -> None:
        """Run one index change in a worker thread, editing one progress message, then report."""
        if self.bot.kb.refreshing:
            raise RefreshInProgressError()
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        message = await interaction.followup.send(embed=text_embed(title), wait=True,
                                                  allowed_mentions=discord.AllowedMentions.none())
        who = f"{interaction.user} ({interaction.user.id})"
        log.info("index %s requested by %s", action, who)
        began = time.perf_counter()
        with ProgressMessage(message, title) as progress:
            try:
                headline, report = await self.bot.run_blocking(work, progress.update)
            except RefreshInProgressError as error:
                await progress.finish(self.bot.errors.text(error), ok=False)
                return
            except CommuniqueError as error:
                log.warning("index %s by %s failed: %s", action, who, error)
                await progress.finish(self.bot.prompts.render("refresh_failed", error=str(error)), ok=False)
                return
            except Exception as error:
                log.exception("index %s by %s failed", action, who)
                await progress.finish(self.bot.prompts.render("refresh_failed", error=type(error).__name__), ok=False)
                return
        if report is None:
            log.info("index %s by %s changed nothing", action, who)
            await progress.finish(headline)
            return
        log.info("index %s by %s done in %.1fs: %d documents, %d chunks, added %s, removed %s, changed %s",
                 action, who, time.perf_counter() - began, report.documents, report.chunks, report.added,
                 report.removed, report.changed)
        await progress.finish(f"{headline}\n{report_lines(report)}")


class Admin(commands.Cog):
    def __init__(self, bot: CommuniqueBot):
        self.bot = bot
        self.group = IndexCommands(bot)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(Admin(bot))

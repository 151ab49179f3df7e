"""How an index change shows its progress: one message edited while it runs, then its report."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Self

import discord

from bot.discord.embeds import text_embed
from bot.render import plural

if TYPE_CHECKING:
    from index.retrieval.build import BuildReport

log = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 1.5


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

"""Posting meeting alerts: the meeting to its feed's channel (an update as a reply to the first alert),
and to the members who watch one of its people, by direct message or a line in their channel. No pings."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.discord.cogs.common import send_embeds
from bot.discord.embeds import escape, link, meeting_embeds
from bot.meeting_lines import meeting_sentence
from index.feeds.alerts import NEW, Alert, Watch

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.corpus.documents import Document

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PendingAlert:
    alert: Alert
    document: Document | None  # the article the meeting is quoted from
    watchers: tuple[Watch, ...] | list[Watch]


def headline(alert: Alert) -> str:
    """'New meeting reported' or 'Update: planned → postponed'."""
    status = alert.meeting.status.value if alert.meeting.status else "reported again"
    if alert.kind == NEW:
        return "New meeting reported"
    return f"Update: {alert.previous_status or 'reported'} → {status}"


def watcher_line(pending: PendingAlert, watch: Watch, jump_url: str | None) -> str:
    """What a watcher reads: the person they follow, the meeting in one sentence, the article's address
    and, when given, the alert's (for a watcher who can see its channel)."""
    urls = [u for u in (link(pending.document.url) if pending.document else None, jump_url) if u]
    tail = "".join(f" {u}" for u in urls)
    return escape(f"{headline(pending.alert)} about {watch.person}: {meeting_sentence(pending.alert.meeting)}") + tail


class AlertPoster:
    def __init__(self, bot: CommuniqueBot):
        self.bot = bot

    async def post(self, pending: Sequence[PendingAlert]) -> None:
        first_message: dict[int, int] = {}  # alert id → message id, for updates claimed in the same round
        for item in pending:
            alert = item.alert
            try:
                message = await self._post_alert(item, first_message.get(alert.alert_id))
            except discord.HTTPException as error:
                log.warning("could not post the alert of meeting %s to channel %s: %s",
                            alert.meeting.meeting_id, alert.channel_id, error)
                message = None
            if message is not None and alert.kind == NEW:
                first_message[alert.alert_id] = message.id
                await self.bot.run_blocking(
                    lambda alert=alert, posted=message.id: self.bot.feeds.alert_store().posted(alert, posted))
            guild_id = getattr(message, "guild", None) and message.guild.id
            for watch in item.watchers:
                # the alert's own address only for a watcher of its server: others cannot open it
                same_server = message is not None and guild_id is not None and watch.guild_id == guild_id
                await self._tell_watcher(item, watch, message.jump_url if same_server else None)

    async def _post_alert(self, item: PendingAlert, reply_to: int | None) -> discord.Message | None:
        alert = item.alert
        if alert.channel_id is None:
            return None
        channel = self.bot.get_channel(alert.channel_id) or self.bot.get_partial_messageable(alert.channel_id)
        documents = {item.document.doc_id: item.document} if item.document else {}
        embeds = meeting_embeds([alert.meeting], documents)
        original = reply_to or alert.original_message_id
        options = {"content": f"**{headline(alert)}**"}
        if original is not None:
            options["reference"] = discord.MessageReference(message_id=original, channel_id=alert.channel_id,
                                                            fail_if_not_exists=False)
        sent = await send_embeds(channel.send, embeds, **options)
        return sent[0] if sent else None

    async def _tell_watcher(self, item: PendingAlert, watch: Watch, jump_url: str | None) -> None:
        text = watcher_line(item, watch, jump_url)
        try:
            if watch.delivery == "dm":
                user = self.bot.get_user(watch.user_id) or await self.bot.fetch_user(watch.user_id)
                await user.send(text, allowed_mentions=discord.AllowedMentions.none())
            elif watch.channel_id is not None:
                channel = self.bot.get_partial_messageable(watch.channel_id)
                await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:  # DMs closed, channel gone: the others still hear
            log.info("could not tell watcher %s of meeting %s: %s", watch.user_id, item.alert.meeting.meeting_id,
                     error)

"""The bot's feed schedule: every FEED_POLL_MINUTES, the feeds of the collections this process serves
are polled in a worker thread (never on the event loop), each collection's new articles in one refresh.

The shared collection's feeds are polled by the process that runs shard 0 (or the only process); a
server's, by the process whose shards include that server. New meetings in the articles a round added
are claimed as alerts in the same thread and then posted on the event loop (bot/discord/alerts.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.discord.alerts import AlertPoster, PendingAlert
from index.collections import parse_name
from index.errors import CommuniqueError
from index.feeds.alerts import AlertStore
from index.feeds.poll import FeedPoller, PollResult
from index.feeds.store import FeedStore

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot

log = logging.getLogger(__name__)


class FeedSchedule:
    """Polls the followed feeds on a schedule (FEED_POLL_MINUTES; 0 turns polling off)."""

    def __init__(self, bot: CommuniqueBot):
        self.bot = bot
        self._store: FeedStore | None = None
        self._alerts: AlertStore | None = None
        self.poster = AlertPoster(bot)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self.bot.settings.feed_poll_minutes > 0 and self._task is None:
            self._task = asyncio.create_task(self._forever(), name="communique-feeds")

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _forever(self) -> None:
        while True:
            try:
                _results, pending = await self.bot.run_blocking(self.poll_once)
                await self.poster.post(pending)
            except Exception:  # a failed round is tried again at the next one
                log.exception("polling the feeds failed")
            await asyncio.sleep(self.bot.settings.feed_poll_minutes * 60)

    def alert_store(self) -> AlertStore:
        """Alerts sent and members' watches (blocking: the database is opened the first time)."""
        if self._alerts is None:
            self._alerts = AlertStore(self.bot.settings.feeds_db)
        return self._alerts

    def poll_once(self) -> tuple[dict[str, PollResult], list[PendingAlert]]:
        """One round (blocking): each collection with feeds, polled as its backoff allows; the alerts its
        new meetings give, claimed (each once) and ready to post."""
        settings, results, pending = self.bot.settings, {}, []
        if self._store is None:
            if not settings.feeds_db.is_file():  # no feed was ever added: nothing to poll, nothing created
                return results, pending
            self._store = FeedStore(settings.feeds_db)
        store = self._store
        for name in sorted({feed.collection for feed in store.feeds()}):
            try:
                guild_id = parse_name(name)
            except CommuniqueError:
                log.warning("feeds of an unknown collection %r are not polled", name)
                continue
            if not self.bot.serves(guild_id):
                continue
            options = {"collection": name, "policy": settings.fetch_policy(), "max_new": settings.feed_max_new,
                       "max_per_day": settings.feed_max_per_day}
            if guild_id is None:
                results[name] = FeedPoller(store, self.bot.kb, **options).poll()
                pending += self._claim(name, guild_id, results[name], self.bot.kb)
            elif self.bot.collections.per_server:  # a server may follow feeds before it has articles
                with self.bot.collections.server(guild_id) as kb:
                    results[name] = FeedPoller(store, kb, max_articles=settings.server_max_articles,
                                               **options).poll()
                    pending += self._claim(name, guild_id, results[name], kb)
            else:
                continue
            for report in results[name].feeds:
                for line in report.lines():
                    log.info("feed poll of %s: %s", name, line)
        return results, pending

    def _claim(self, name: str, guild_id: int | None, result: PollResult, kb) -> list[PendingAlert]:
        """The alerts of the meetings in the articles this poll added, each claimed once."""
        if not result.added:
            return []
        channel_of: dict[str, int | None] = {}
        feeds = {feed.url: feed for feed in self._store.feeds(name)}
        for report in result.feeds:
            feed = feeds.get(report.url)
            channel = feed.channel_id if feed and feed.channel_id else (
                self.bot.settings.alerts_channel_id if guild_id is None else None)
            channel_of.update(dict.fromkeys(report.added, channel))
        data = kb.data
        meetings = [m for m in data.meetings if m.doc_id in channel_of]
        store = self.alert_store()
        readers = None if guild_id is None else [guild_id]
        return [PendingAlert(alert, data.documents.get(alert.meeting.doc_id), store.watchers(alert, readers))
                for alert in store.claim(name, meetings, channel_of)]


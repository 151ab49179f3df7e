"""The bot's feed schedule: every FEED_POLL_MINUTES, the feeds of the collections this process serves
are polled in a worker thread (never on the event loop), each collection's new articles in one refresh.

The shared collection's feeds are polled by the process that runs shard 0 (or the only process); a
server's, by the process whose shards include that server. Alerts are not posted yet.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from index.collections import parse_name
from index.errors import CommuniqueError
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
                await self.bot.run_blocking(self.poll_once)
            except Exception:  # a failed round is tried again at the next one
                log.exception("polling the feeds failed")
            await asyncio.sleep(self.bot.settings.feed_poll_minutes * 60)

    def poll_once(self) -> dict[str, PollResult]:
        """One round (blocking): each collection with feeds, polled as its backoff allows."""
        settings, results = self.bot.settings, {}
        if self._store is None:
            if not settings.feeds_db.is_file():  # no feed was ever added: nothing to poll, nothing created
                return results
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
            elif self.bot.collections.per_server:  # a server may follow feeds before it has articles
                with self.bot.collections.server(guild_id) as kb:
                    results[name] = FeedPoller(store, kb, **options).poll()
            else:
                continue
            for report in results[name].feeds:
                for line in report.lines():
                    log.info("feed poll of %s: %s", name, line)
        return results


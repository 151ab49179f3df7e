"""The bot polls the followed feeds on its schedule, off the event loop, and adds their new articles."""

from __future__ import annotations

import asyncio

import pytest

from index.corpus.fetch import FetchPolicy
from index.feeds.poll import FeedPoller
from index.feeds.store import FeedStore
from tests.e2e.test_bot import make_bot
from tests.index.feeds.conftest import FeedHandler, feed_site, fresh_feed_state, rss  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def test_the_bot_polls_the_shared_feeds_on_its_schedule(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A feed followed from the command line is polled by the bot: its new entry is added once."""
    database = tmp_path / "feeds.sqlite3"
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", None)])
    FeedPoller(FeedStore(database), kb, policy=FetchPolicy(timeout=3, allow_private=True)).add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", None), ("old", f"{feed_site}/tbilisi", None)])
    before = len(kb.documents())

    async def scenario():
        bot = make_bot(fake_discord, kb, feeds_db=database, feed_poll_minutes=0.005, web_allow_private=True)
        async with fake_discord.run_client(bot):
            await fake_discord.wait_until(lambda: len(kb.documents()) > before, 30, "the feed's article")
            polls = len(FeedHandler.state["feed_requests"])
            await fake_discord.wait_until(lambda: len(FeedHandler.state["feed_requests"]) >= polls + 2, 15,
                                          "two more polls")
            await asyncio.sleep(0)

    run(scenario())
    titles = [document.title for document in kb.documents()]
    assert len(titles) == before + 1
    assert any("Geneva" in title for title in titles) and not any("Tbilisi" in title for title in titles)


def test_no_feeds_database_is_created_when_none_is_followed(fake_discord, run, kb, tmp_path):
    """A bot whose operator never added a feed polls nothing and writes no feeds database."""
    database = tmp_path / "feeds.sqlite3"

    async def scenario():
        bot = make_bot(fake_discord, kb, feeds_db=database, feed_poll_minutes=0.002)
        async with fake_discord.run_client(bot):
            await asyncio.sleep(0.5)

    run(scenario())
    assert not database.exists()

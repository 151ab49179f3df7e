"""Meeting alerts end to end: a loopback news site whose feed changes between polls, the bot polling it
against the loopback Discord stand-in, members watching people."""

from __future__ import annotations

import asyncio

import pytest

from index.corpus.fetch import FetchPolicy
from index.feeds.poll import FeedPoller
from index.feeds.store import FeedStore
from tests.e2e.fake_discord import GENERAL_CHANNEL_ID, GUILD_ID, MEMBER, MODERATOR, OFF_TOPIC_CHANNEL_ID
from tests.e2e.test_bot import embed_text, make_bot, never_pings, responses_text
from tests.e2e.test_feed_commands import feeds
from tests.index.feeds.conftest import FeedHandler, feed_site, fresh_feed_state, rss  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def page(title: str, date: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><title>{title}</title><meta property="article:published_time" '
            f'content="{date}"></head><body><article><h1>{title}</h1>{body}</article></body></html>').encode()


PLANNED = page(
    "Lavrov and Blinken to meet in Geneva", "2026-03-02",
    "Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of State Antony Blinken in Geneva on "
    "Friday, the Russian foreign ministry said on Monday in a statement published on its website.",
    "The two ministers are expected to discuss arms control and the war in Ukraine, officials in both "
    "capitals said, adding that the delegations would be small and the talks would last a few hours.",
    "Swiss officials said they were ready to host the meeting and would provide whatever support the two "
    "delegations needed, as they had done for earlier rounds of talks in the city.")
POSTPONED = page(
    "Lavrov-Blinken meeting postponed", "2026-03-04",
    "The meeting between Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State Antony Blinken "
    "in Geneva has been postponed, the State Department said on Wednesday without giving a reason.",
    "No new date was given for the talks, which had been expected to focus on arms control, and officials "
    "in Moscow declined to comment on the decision when asked by reporters on Wednesday evening.",
    "Swiss officials said the offer to host the ministers in Geneva remained open whenever the two sides "
    "were ready to meet, and that preparations made so far would not go to waste.")


def polls() -> int:
    return len(FeedHandler.state.get("feed_requests", []))


def bot_messages(fake, channel_id: int) -> list[dict]:
    return fake.sent_messages(channel_id)


def test_new_meetings_are_alerted_once_watchers_hear_and_a_restart_repeats_nothing(
        fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    database = tmp_path / "feeds.sqlite3"
    site = feed_site
    FeedHandler.state["pages"] = {"/planned": PLANNED, "/postponed": POSTPONED}
    FeedHandler.state["feed"] = rss([("old", f"{site}/tbilisi", None)])
    # the shared articles' feed, added from the command line: it names no channel, ALERTS_CHANNEL_ID does
    FeedPoller(FeedStore(database), kb, policy=FetchPolicy(timeout=3, allow_private=True)).add(f"{site}/feed")
    documents = len(kb.documents())
    options = {"feeds_db": database, "feed_poll_minutes": 0.005, "web_allow_private": True,
               "alerts_channel_id": GENERAL_CHANNEL_ID}

    async def wait_polls(n: int) -> None:
        target = polls() + n
        await fake_discord.wait_until(lambda: polls() >= target, 20, f"{n} more polls")

    async def first_run():
        async with fake_discord.run_client(make_bot(fake_discord, kb, **options)):
            dm = await fake_discord.send_interaction("watch", {"person": "Lavrov"}, subcommand="add", user=MEMBER)
            line = await fake_discord.send_interaction(
                "watch", {"person": "Antony Blinken", "delivery": "channel"}, subcommand="add", user=MODERATOR,
                channel_id=OFF_TOPIC_CHANNEL_ID)
            await fake_discord.wait_until(lambda: "Watching" in responses_text(fake_discord, dm)
                                          and "Watching" in responses_text(fake_discord, line), 15, "the watches")
            await wait_polls(2)
            quiet = (len(kb.documents()), bot_messages(fake_discord, GENERAL_CHANNEL_ID))

            FeedHandler.state["feed"] = rss([("planned", f"{site}/planned", None), ("old", f"{site}/tbilisi", None)])
            first = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=60)
            dm_channel = fake_discord.dm_channel(MEMBER)
            await fake_discord.wait_until(lambda: bot_messages(fake_discord, dm_channel)
                                          and bot_messages(fake_discord, OFF_TOPIC_CHANNEL_ID), 15, "the watchers")

            FeedHandler.state["feed"] = rss([("postponed", f"{site}/postponed", None),
                                             ("planned", f"{site}/planned", None), ("old", f"{site}/tbilisi", None)])
            await fake_discord.wait_until(lambda: len(bot_messages(fake_discord, GENERAL_CHANNEL_ID)) >= 2, 60,
                                          "the update")
            await fake_discord.wait_until(lambda: len(bot_messages(fake_discord, dm_channel)) >= 2, 15, "the DM")
            await wait_polls(2)
            return quiet, first, dm_channel

    (quiet_documents, quiet_messages), first, dm_channel = run(first_run(), timeout=180)
    assert quiet_documents == documents and quiet_messages == []  # no backfill: the first polls add nothing

    alerts = bot_messages(fake_discord, GENERAL_CHANNEL_ID)
    assert len(alerts) == 2
    new, update = alerts
    assert first["id"] == new["id"]
    assert "New meeting reported" in new["content"]
    assert "Lavrov" in embed_text(new) and "Blinken" in embed_text(new) and "Geneva" in embed_text(new)
    assert "Lavrov will meet U.S. Secretary of State Antony Blinken in Geneva on Friday" in embed_text(new)  # quoted
    assert any(e.get("url", "").startswith(site) for e in new["embeds"])  # the article's link
    assert "planned → postponed" in update["content"]
    assert str(update["message_reference"]["message_id"]) == str(new["id"])  # an update of the same meeting
    for message in alerts:
        never_pings(message)

    dms = bot_messages(fake_discord, dm_channel)
    assert len(dms) == 2 and "Lavrov" in dms[0]["content"] and "postponed" in dms[1]["content"]
    assert f"{site}/planned" in dms[0]["content"]  # the article's address
    assert f"/channels/{GUILD_ID}/{GENERAL_CHANNEL_ID}/{new['id']}" in dms[0]["content"]  # the alert's
    lines = bot_messages(fake_discord, OFF_TOPIC_CHANNEL_ID)
    assert len(lines) == 2 and all("Antony Blinken" in m["content"] for m in lines)
    for message in dms + lines:
        never_pings(message)

    sent = len(fake_discord.sent_messages())

    async def after_restart():
        async with fake_discord.run_client(make_bot(fake_discord, kb, **options)):
            await wait_polls(3)
            await asyncio.sleep(0.5)

    run(after_restart())
    assert len(fake_discord.sent_messages()) == sent


def test_a_servers_feed_alerts_its_channel_and_its_own_watchers(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A feed a moderator followed with /feeds add: its new meeting goes to the channel named there, and
    to the members who watch one of its people in that server, not to a watch made elsewhere."""
    site = feed_site
    FeedHandler.state["pages"] = {"/planned": PLANNED, "/postponed": POSTPONED}
    FeedHandler.state["feed"] = rss([("old", f"{site}/tbilisi", None)])
    options = {"feeds_db": tmp_path / "feeds.sqlite3", "feed_poll_minutes": 0.005, "web_allow_private": True}

    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb, **options)):
            followed = await feeds(fake_discord, "add", {"url": f"{site}/feed", "channel": OFF_TOPIC_CHANNEL_ID})
            here = await fake_discord.send_interaction("watch", {"person": "Blinken"}, subcommand="add", user=MEMBER)
            elsewhere = await fake_discord.send_interaction("watch", {"person": "Blinken"}, subcommand="add",
                                                            user=MODERATOR, channel_id=fake_discord.dm_channel(MODERATOR))
            await fake_discord.wait_until(lambda: "Watching" in responses_text(fake_discord, here)
                                          and "Watching" in responses_text(fake_discord, elsewhere), 15, "the watches")
            FeedHandler.state["feed"] = rss([("planned", f"{site}/planned", None), ("old", f"{site}/tbilisi", None)])
            alert = await fake_discord.wait_for_message(OFF_TOPIC_CHANNEL_ID, timeout=60)
            await fake_discord.wait_until(lambda: fake_discord.sent_messages(fake_discord.dm_channel(MEMBER)), 15,
                                          "the watcher's DM")
            await asyncio.sleep(1)
            return followed, alert

    followed, alert = run(scenario(), timeout=120)
    assert "Following" in followed
    assert "New meeting reported" in alert["content"] and "Blinken" in embed_text(alert)
    assert fake_discord.sent_messages(GENERAL_CHANNEL_ID) == []
    assert fake_discord.sent_messages(fake_discord.dm_channel(MODERATOR)) == []  # a DM watch: shared feeds only
    assert (kb.index_dir.parent / "collections" / str(GUILD_ID) / "corpus").is_dir()

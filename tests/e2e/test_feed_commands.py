"""Moderators follow feeds with /feeds add, list, remove and test, through the loopback Discord stand-in and a
loopback news site whose feed changes between tests."""

from __future__ import annotations

import json

import pytest

from index.feeds.store import FeedStore
from tests.e2e.fake_discord import (
    BOT_ROLE_ID,
    GENERAL_CHANNEL_ID,
    GUILD_ID,
    MEMBER,
    MODERATOR,
    OFF_TOPIC_CHANNEL_ID,
    SECOND_CHANNEL_ID,
    SECOND_MODERATOR,
    SEND_MESSAGES,
    FakeDiscord,
)
from tests.e2e.test_bot import make_bot, responses_text
from tests.e2e.test_tenants import tenant_bot
from tests.index.feeds.conftest import FeedHandler, feed_site, fresh_feed_state, rss  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

QUIET_CHANNEL_ID = 1200000000000000013
ENDINGS = ("Following", "Not following", "Sorry", "Only", "Nothing was written", "No longer following",
           "not in direct messages")


def feeds_bot(fake: FakeDiscord, kb, tmp_path, tenants: bool = False, **settings):
    options = {"feeds_db": tmp_path / "feeds.sqlite3", "web_allow_private": True, "feed_poll_minutes": 0, **settings}
    return tenant_bot(fake, kb, **options) if tenants else make_bot(fake, kb, **options)


async def feeds(fake: FakeDiscord, command: str, options: dict, user=MODERATOR, channel_id=GENERAL_CHANNEL_ID) -> str:
    """The text of /feeds <command> once it is finished (its last message is not a progress message)."""
    iid = await fake.send_interaction("feeds", options, subcommand=command, user=user, channel_id=channel_id)

    def finished():
        text = responses_text(fake, iid)
        return text if any(word in text for word in ENDINGS) or (command == "list" and "follows" in text) else None

    return await fake.wait_until(finished, 30, f"/feeds {command} to finish")


def followed(tmp_path, collection: str = f"guild-{GUILD_ID}") -> list:
    path = tmp_path / "feeds.sqlite3"
    return FeedStore(path).feeds(collection) if path.is_file() else []


def own_corpus(kb, guild_id: int = GUILD_ID):
    return kb.index_dir.parent / "collections" / str(guild_id) / "corpus"


def audit(kb) -> list[dict]:
    path = kb.index_dir.parent / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def add_two_entry_feed(fake_discord, run, kb, site, tmp_path, **options) -> tuple[str, str, list[str]]:
    """/feeds add of a feed with two entries (Geneva, Tbilisi): its address, the reply, and the shared
    collection's files before."""
    url = f"{site}/feed"
    FeedHandler.state["feed"] = rss([("a", f"{site}/geneva", None), ("b", f"{site}/tbilisi", None)])
    shared_before = sorted(p.name for p in kb.corpus_dir.iterdir())

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            return await feeds(fake_discord, "add", {"url": url, **options})

    return url, run(scenario()), shared_before


def test_a_feed_is_followed_without_adding_what_is_there(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """/feeds add follows the feed into this server's collection, its alerts in this channel, adding nothing."""
    url, text, shared_before = add_two_entry_feed(fake_discord, run, kb, feed_site, tmp_path)
    assert f"Following {url} in <#{GENERAL_CHANNEL_ID}>: 2 entries there now, not added (use backfill:" in text
    [feed] = followed(tmp_path)
    assert feed.url == url and feed.channel_id == GENERAL_CHANNEL_ID
    assert not own_corpus(kb).exists() or not any(own_corpus(kb).iterdir())
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == shared_before
    assert {"action": "feed-add", "collection": f"guild-{GUILD_ID}", "article": url,
            "outcome": "done"}.items() <= audit(kb)[-1].items()


def test_backfill_adds_the_newest_article_to_the_servers_own(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """backfill: 1 indexes the feed's newest article into this server's collection, not the shared one."""
    url, text, shared_before = add_two_entry_feed(fake_discord, run, kb, feed_site, tmp_path,
                                                  backfill=1, channel=OFF_TOPIC_CHANNEL_ID)
    assert f"Following {url} in <#{OFF_TOPIC_CHANNEL_ID}>: 1 article added from its newest 1 entry; 1 older entry not added" in text
    assert "added: `" in text
    articles = [p for p in own_corpus(kb).iterdir() if p.suffix == ".txt"]
    assert len(articles) == 1 and "Geneva" in articles[0].read_text(encoding="utf-8")
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == shared_before
    assert followed(tmp_path)[0].channel_id == OFF_TOPIC_CHANNEL_ID
    assert any(e["action"] == "add" and e["outcome"] == f"done: from the feed {url}" for e in audit(kb))


def test_members_and_plain_server_moderators_are_refused(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A member may not follow a feed; another server's moderator may not follow one into the shared articles;
    no one may in a direct message; the refusals are audited and no feed is followed."""
    url = f"{feed_site}/feed"
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None)])

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path, tenants=True)):
            member = await feeds(fake_discord, "add", {"url": url}, user=MEMBER)
            shared = await feeds(fake_discord, "add", {"url": url, "collection": "shared"}, user=SECOND_MODERATOR,
                                 channel_id=SECOND_CHANNEL_ID)
            direct = await feeds(fake_discord, "add", {"url": url}, channel_id=fake_discord.dm_channel(MODERATOR))
            return member, shared, direct

    member, shared, direct = run(scenario())
    assert "Only moderators" in member
    assert "/feeds commands work in a server" in direct.replace("\\", "")
    assert "Only the bot's operator can change the shared articles" in shared
    assert followed(tmp_path) == [] and followed(tmp_path, "shared") == []
    refusals = [(e["user_id"], e["collection"], e["outcome"]) for e in audit(kb) if e["action"] == "feed-add"]
    assert refusals[0] == (MEMBER.id, "server", "refused: not a moderator")
    assert refusals[1][:2] == (SECOND_MODERATOR.id, "shared") and refusals[1][2].startswith("refused")
    assert refusals[2] == (MODERATOR.id, "server", "refused: direct message") and len(refusals) == 3


def test_list_autocomplete_and_remove(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A followed feed is listed with its channel, offered by remove's autocomplete (to moderators only), and
    removed."""
    url = f"{feed_site}/feed"
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None)])

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            empty = await feeds(fake_discord, "list", {})
            await feeds(fake_discord, "add", {"url": url})
            listed = await feeds(fake_discord, "list", {})
            typed = await fake_discord.send_autocomplete("feeds", {"url": "feed"}, focused="url", subcommand="remove",
                                                         user=MODERATOR)
            choices = (await fake_discord.wait_for_response(typed, "callback", timeout=15))["choices"]
            peeked = await fake_discord.send_autocomplete("feeds", {"url": "feed"}, focused="url", subcommand="remove",
                                                          user=MEMBER)
            assert (await fake_discord.wait_for_response(peeked, "callback", timeout=15))["choices"] == []
            removed = await feeds(fake_discord, "remove", {"url": url})
            after = await feeds(fake_discord, "list", {})
            return empty, listed, choices, removed, after

    empty, listed, choices, removed, after = run(scenario())
    assert "This server** follows no feeds: add one with /feeds add" in empty
    assert f"{url} → <#{GENERAL_CHANNEL_ID}>: not polled yet" in listed
    assert "The shared collection** follows no feeds" in listed  # this moderator may change the shared articles
    assert [c["value"] for c in choices] == [url]
    assert f"No longer following {url}" in removed
    assert "This server** follows no feeds" in after and followed(tmp_path) == []


def test_test_shows_what_would_be_added_and_writes_nothing(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """/feeds test reads the feed and its pages now: each entry's title or why it would be refused; no
    feeds database is created and no article is added."""
    url = f"{feed_site}/feed"
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None), ("b", f"{feed_site}/no-article", None)])
    shared_before = sorted(p.name for p in kb.corpus_dir.iterdir())

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            return await feeds(fake_discord, "test", {"url": url, "backfill": 1})

    text = run(scenario())
    assert "2 entries in the feed" in text and "with backfill: 1 would add 1 entry now" in text
    assert f"✓ Foreign ministers agree to resume border talks in Geneva — {feed_site}/geneva" in text
    assert f"✗ {feed_site}/no-article — no article text found on the page" in text
    assert "Nothing was written" in text
    assert not (tmp_path / "feeds.sqlite3").exists() and not own_corpus(kb).exists()
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == shared_before


def test_each_bad_feed_is_one_line_and_follows_nothing(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """An HTML page, a 404, malformed XML, and feeds whose entries are refused or have no article text are
    each refused in one line; no feed is followed, no article added."""
    cases = [  # the feed's address, its one entry's link, what the moderator reads
        (f"{feed_site}/geneva", None, "the address is a web page, not a feed"),
        (f"{feed_site}/missing", None, "the server answered 404"),
        (f"{feed_site}/malformed-feed", None, "XML is malformed"),
        (f"{feed_site}/feed", "ftp://files.example/article.txt", "only http and https addresses can be added"),
        (f"{feed_site}/feed", f"{feed_site}/no-article", "no article text found on the page"),
    ]

    async def scenario():
        texts = []
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            for url, entry, _message in cases:
                if entry:
                    FeedHandler.state["feed"] = rss([("bad", entry, None)])
                texts.append(await feeds(fake_discord, "add", {"url": url, "backfill": 1}))
        return texts

    texts = run(scenario(), timeout=90)
    for (url, _entry, message), text in zip(cases, texts, strict=True):
        line = text.splitlines()[-1]
        assert line.startswith(f"Not following {url}: ") and message in line, line
    assert followed(tmp_path) == []
    assert not own_corpus(kb).exists() or not any(own_corpus(kb).iterdir())


def test_a_huge_feed_is_followed_up_to_the_cap(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A feed of 10,000 items is followed, read up to the cap, and says so; nothing is added."""
    url = f"{feed_site}/big-feed"

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            return await feeds(fake_discord, "add", {"url": url})

    text = run(scenario())
    assert "200 entries there now, not added" in text
    assert "the feed lists 10000 entries; only the newest 200 are looked at" in text
    assert [feed.url for feed in followed(tmp_path)] == [url]


def test_the_alerts_channel_must_take_the_bots_messages(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A channel the bot may not post in is refused in one line, and no feed is followed."""
    quiet = fake_discord.add_channel(QUIET_CHANNEL_ID, "announcements")
    quiet["permission_overwrites"] = [{"id": str(BOT_ROLE_ID), "type": 0, "allow": "0", "deny": str(SEND_MESSAGES)}]
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None)])

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path)):
            return await feeds(fake_discord, "add", {"url": f"{feed_site}/feed", "channel": QUIET_CHANNEL_ID})

    text = run(scenario())
    assert "I cannot post in #announcements: I lack Send Messages there" in text
    assert followed(tmp_path) == []


def test_a_server_follows_at_most_feeds_per_server(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """With FEEDS_PER_SERVER=1, a second feed is refused with the limit named."""
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None)])

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path, feeds_per_server=1)):
            await feeds(fake_discord, "add", {"url": f"{feed_site}/feed"})
            return await feeds(fake_discord, "add", {"url": f"{feed_site}/big-feed"})

    text = run(scenario())
    assert "this server already follows 1 feed, the most it may (FEEDS_PER_SERVER)" in text.replace("\\", "")
    assert [feed.url for feed in followed(tmp_path)] == [f"{feed_site}/feed"]


def test_the_bot_polls_a_new_servers_feed_into_its_own_articles(fake_discord, run, kb, feed_site, tmp_path):  # noqa: F811
    """A server with no articles of its own follows a feed; the entry that appears next is added to its
    collection on the bot's schedule, the one there before is not."""
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", None)])

    async def scenario():
        async with fake_discord.run_client(feeds_bot(fake_discord, kb, tmp_path, feed_poll_minutes=0.005)):
            await feeds(fake_discord, "add", {"url": f"{feed_site}/feed"})
            FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", None), ("old", f"{feed_site}/tbilisi", None)])
            await fake_discord.wait_until(lambda: own_corpus(kb).is_dir() and any(own_corpus(kb).glob("*.txt")), 30,
                                          "the new entry's article")

    run(scenario(), timeout=60)
    [article] = own_corpus(kb).glob("*.txt")
    assert "Geneva" in article.read_text(encoding="utf-8")

"""Following feeds: no backfill by default, new entries indexed once, bad feeds refused writing nothing."""

from __future__ import annotations

import pytest

from index.errors import CommuniqueError, WebError
from index.feeds.poll import FeedPoller
from index.feeds.store import FeedStore
from tests.index.corpus.conftest import GENEVA_PARAGRAPHS, snapshot
from tests.index.feeds.conftest import FeedHandler, rss

MONDAY = "Mon, 01 Jul 2024 08:00:00 GMT"


@pytest.fixture
def poller(store, hashing_kb, policy) -> FeedPoller:
    return FeedPoller(store, hashing_kb, policy=policy)


def test_a_new_feed_ingests_nothing_then_a_new_entry_once(poller, feed_site, hashing_kb):
    """Entries present when a feed is added are not indexed; a new one is, once, in one refresh."""
    before = snapshot(hashing_kb.corpus_dir)
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", MONDAY)])
    _feed, added = poller.add(f"{feed_site}/feed")
    assert added.added == [] and added.build is None
    assert poller.poll().added == []
    assert snapshot(hashing_kb.corpus_dir) == before

    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", MONDAY), ("old", f"{feed_site}/tbilisi", MONDAY)])
    result = poller.poll()
    assert len(result.added) == 1 and result.build is not None
    text = hashing_kb.source(result.added[0]).text
    assert all(paragraph in text for paragraph in GENEVA_PARAGRAPHS)
    assert "two-day summit in Tbilisi" not in "".join(d.text for d in hashing_kb.documents())

    after = snapshot(hashing_kb.corpus_dir)
    again = poller.poll()
    assert again.added == [] and again.build is None
    assert snapshot(hashing_kb.corpus_dir) == after


def test_a_poll_sends_the_validators_and_a_304_reads_nothing(poller, feed_site):
    """The second poll of an unchanged feed is a conditional GET answered 304."""
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", MONDAY)])
    poller.add(f"{feed_site}/feed")
    poller.poll()  # the first poll keeps the ETag
    result = poller.poll()
    assert result.feeds[0].not_modified
    last = FeedHandler.state["feed_requests"][-1]
    assert last.get("If-None-Match", "").startswith('"') and "If-Modified-Since" in last


def test_backfill_adds_the_newest_entries(poller, feed_site, hashing_kb):
    """backfill N indexes the feed's N newest entries when it is added, and only those."""
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", MONDAY), ("b", f"{feed_site}/tbilisi", MONDAY)])
    _feed, result = poller.add(f"{feed_site}/feed", backfill=1)
    assert len(result.added) == 1
    assert "Geneva" in hashing_kb.source(result.added[0]).title
    assert poller.poll().added == []


def test_the_feeds_date_stands_in_when_the_page_has_none(poller, feed_site, hashing_kb):
    """An article whose page gives no date takes the entry's date from the feed."""
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("v", f"{feed_site}/undated", "Tue, 02 Jul 2024 09:30:00 GMT")])
    [doc_id] = poller.poll().added
    assert hashing_kb.source(doc_id).meta.get("published") == "2024-07-02"


def test_state_survives_a_restart(store, hashing_kb, policy, feed_site):
    """A new poller on the same database sees the feeds and entries of the old one: nothing twice."""
    FeedHandler.state["feed"] = rss([])
    FeedPoller(store, hashing_kb, policy=policy).add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", MONDAY)])
    assert len(FeedPoller(store, hashing_kb, policy=policy).poll().added) == 1
    restarted = FeedPoller(FeedStore(store.path), hashing_kb, policy=policy)
    assert restarted.poll(force=True).added == []


@pytest.mark.parametrize(("route", "message"), [
    ("/geneva", "is a web page, not a feed"),
    ("/missing", "the server answered 404"),
    ("/malformed-feed", "XML is malformed"),
])
def test_a_bad_feed_is_refused_and_nothing_is_written(poller, feed_site, store, hashing_kb, route, message):
    """An HTML page, a 404 and malformed XML each give one clear line and follow nothing."""
    before = snapshot(hashing_kb.corpus_dir)
    with pytest.raises(WebError, match=message) as info:
        poller.add(feed_site + route)
    assert "\n" not in str(info.value)
    assert store.feeds() == [] and snapshot(hashing_kb.corpus_dir) == before


def test_a_huge_feed_is_capped(store, hashing_kb, policy, feed_site):
    """A feed of 10,000 items is read up to the cap, says so, and adds nothing without backfill."""
    poller = FeedPoller(store, hashing_kb, policy=policy, max_entries=50)
    before = snapshot(hashing_kb.corpus_dir)
    _feed, result = poller.add(f"{feed_site}/big-feed")
    assert result.feeds[0].problems == ["the feed lists 10000 entries; only the newest 50 are looked at"]
    assert result.added == [] and snapshot(hashing_kb.corpus_dir) == before


@pytest.mark.parametrize(("link", "message"), [
    ("ftp://files.example/article.txt", "only http and https addresses can be added"),
    ("{site}/no-article", "article"),
    ("{site}/report.pdf", "not a web page"),
])
def test_a_bad_entry_is_one_line_and_writes_nothing(poller, feed_site, store, hashing_kb, link, message):
    """An entry whose page is refused or has no article is reported, written nowhere, and not retried."""
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    before = snapshot(hashing_kb.corpus_dir)
    url = link.format(site=feed_site)
    FeedHandler.state["feed"] = rss([("bad", url, MONDAY)])
    result = poller.poll()
    [problem] = result.feeds[0].problems
    assert problem.startswith(f"{url}: ") and message in problem and "\n" not in problem
    assert result.added == [] and result.build is None and snapshot(hashing_kb.corpus_dir) == before
    assert poller.poll(force=True).feeds[0].problems == []  # refused once, not fetched again


def test_a_failing_feed_rests_before_the_next_try(store, hashing_kb, policy, feed_site):
    """A feed that fails is not polled again until its backoff has passed."""
    now = [1_000_000.0]
    poller = FeedPoller(store, hashing_kb, policy=policy, clock=lambda: now[0])
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = "<html><body>maintenance</body></html>"
    assert "not a feed" in poller.poll().feeds[0].problems[0]
    assert poller.poll().feeds[0].skipped
    now[0] += 15 * 60
    assert not poller.poll().feeds[0].skipped
    [feed] = store.feeds()
    assert feed.errors == 2 and feed.retry_after == now[0] + 30 * 60


def test_a_feed_is_followed_once_and_removed(poller, feed_site, store):
    """Adding the same feed twice is refused; removing it forgets it and its entries."""
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", MONDAY)])
    poller.add(f"{feed_site}/feed")
    with pytest.raises(CommuniqueError, match="already follows"):
        poller.add(f"{feed_site}/feed")
    poller.remove(f"{feed_site}/feed")
    assert store.feeds() == []
    with pytest.raises(CommuniqueError, match="does not follow"):
        poller.remove(f"{feed_site}/feed")


def test_a_failed_refresh_leaves_the_entry_for_the_next_poll(poller, feed_site, hashing_kb, monkeypatch):
    """When the one refresh fails, nothing is marked seen and no validator kept: the next poll adds it."""
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", MONDAY)])

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(hashing_kb, "add_articles", broken)
        with pytest.raises(OSError):
            poller.poll()
    assert len(poller.poll().added) == 1


def test_caps_per_poll_and_per_day(store, hashing_kb, policy, feed_site):
    """At most max_new entries of a feed per poll, and max_per_day articles a day; the rest wait."""
    now = [2_000_000.0]
    poller = FeedPoller(store, hashing_kb, policy=policy, max_new=1, max_per_day=2, clock=lambda: now[0])
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", MONDAY), ("b", f"{feed_site}/tbilisi", MONDAY),
                                     ("c", f"{feed_site}/undated", MONDAY)])
    assert len(poller.poll().added) == 1  # max_new: one per poll, though three are new
    assert len(poller.poll().added) == 1
    capped = poller.poll()
    assert capped.added == []
    assert capped.feeds[0].problems == ["the daily cap of 2 articles from feeds is reached; 1 new entries wait"]
    now[0] += 24 * 3600
    assert len(poller.poll().added) == 1


def test_a_collection_full_of_articles_takes_no_more_from_its_feeds(store, hashing_kb, policy, feed_site):
    """A server's collection at its article limit: the feed's new entries wait, and the poll says why."""
    held = len(hashing_kb.documents())
    poller = FeedPoller(store, hashing_kb, policy=policy, max_articles=held + 1)
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", MONDAY), ("b", f"{feed_site}/tbilisi", MONDAY)])
    result = poller.poll()
    assert len(result.added) == 1 and len(hashing_kb.documents()) == held + 1
    assert result.feeds[0].problems == [f"the limit of {held + 1} articles is reached; 1 new entries wait"]
    assert poller.poll().added == []


def test_an_entry_whose_server_fails_is_tried_again(poller, feed_site, hashing_kb):
    """A 500 from an entry's page is reported and retried on the next poll, though the feed is unchanged."""
    FeedHandler.state["feed"] = rss([])
    poller.add(f"{feed_site}/feed")
    before = snapshot(hashing_kb.corpus_dir)
    FeedHandler.state["feed"] = rss([("down", f"{feed_site}/broken", MONDAY)])
    for _ in range(2):
        result = poller.poll()
        assert not result.feeds[0].not_modified
        assert [line.split(": ", 1)[1] for line in result.feeds[0].problems] == ["the server answered 500 Internal Server Error"]
    assert snapshot(hashing_kb.corpus_dir) == before


@pytest.mark.parametrize(("link", "message"), [
    ("ftp://files.example/article.txt", "only http and https addresses can be added"),
    ("{site}/no-article", "no article text"),
])
def test_a_feed_whose_entries_give_no_article_is_refused(poller, feed_site, store, hashing_kb, link, message):
    """A feed whose newest entries the address rules refuse, or whose pages have no article, is not followed."""
    before = snapshot(hashing_kb.corpus_dir)
    url = link.format(site=feed_site)
    FeedHandler.state["feed"] = rss([("bad", url, MONDAY)])
    with pytest.raises(WebError, match=message) as info:
        poller.add(f"{feed_site}/feed", backfill=1)
    assert str(info.value).startswith("none of the feed's newest entries gives an article (1 read): ")
    assert "\n" not in str(info.value) and url in str(info.value)
    assert store.feeds() == [] and snapshot(hashing_kb.corpus_dir) == before


def test_one_readable_entry_is_enough_and_backfill_reports_progress(poller, feed_site, hashing_kb):
    """A bad entry among good ones is one problem line; the backfill reports each entry it reads."""
    FeedHandler.state["feed"] = rss([("bad", f"{feed_site}/no-article", MONDAY), ("a", f"{feed_site}/geneva", MONDAY)])
    stages = []
    _feed, result = poller.add(f"{feed_site}/feed", backfill=2, progress=lambda *step: stages.append(step))
    assert len(result.added) == 1 and result.feeds[0].listed == 2
    [problem] = result.feeds[0].problems
    assert problem.startswith(f"{feed_site}/no-article: ")
    assert ("reading the newest entries", 0, 2) in stages and ("reading the newest entries", 1, 2) in stages
    assert poller.poll(force=True).feeds[0].problems == []  # the refused entry is not tried again

"""A feed's preview: what following it or its next poll would add, written nowhere."""

from __future__ import annotations

import pytest

from index.errors import WebError
from index.feeds.poll import FeedPoller
from index.feeds.preview import preview_feed
from tests.index.corpus.conftest import snapshot
from tests.index.feeds.conftest import FeedHandler, rss


@pytest.fixture
def poller(store, hashing_kb, policy) -> FeedPoller:
    return FeedPoller(store, hashing_kb, policy=policy)


def test_a_new_feed_shows_its_newest_entries_and_writes_nothing(poller, feed_site, store, hashing_kb):
    """Each checked entry shows the title it would be indexed under or why it would be refused."""
    before = snapshot(hashing_kb.corpus_dir)
    FeedHandler.state["feed"] = rss([("a", f"{feed_site}/geneva", None), ("b", f"{feed_site}/missing", None),
                                     ("c", "ftp://files.example/x", None)])
    preview = preview_feed(poller, f"{feed_site}/feed", backfill=1)
    assert not preview.followed and preview.listed == 3 and [e.key for e in preview.would_add] == ["a"]
    geneva, missing, ftp = preview.checked
    assert "Geneva" in geneva.title and geneva.problem is None
    assert missing.title is None and "404" in missing.problem
    assert "only http and https" in ftp.problem
    assert store.feeds() == [] and snapshot(hashing_kb.corpus_dir) == before


def test_a_followed_feed_shows_what_the_next_poll_would_add(poller, feed_site, store):
    """For a followed feed only its unseen entries count; the preview marks none of them seen."""
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", None)])
    poller.add(f"{feed_site}/feed")
    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", None), ("old", f"{feed_site}/tbilisi", None)])
    preview = preview_feed(poller, f"{feed_site}/feed")
    assert preview.followed and [e.key for e in preview.would_add] == ["new"]
    assert [check.entry.key for check in preview.checked] == ["new"]
    assert len(poller.poll().added) == 1  # still unseen after the preview


def test_a_bad_feed_preview_is_one_error(poller, feed_site, store):
    """An HTML page is no feed: one line, and nothing written."""
    with pytest.raises(WebError, match="a web page, not a feed"):
        preview_feed(poller, f"{feed_site}/geneva")
    assert store.feeds() == []

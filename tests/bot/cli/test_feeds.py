"""`communique feeds add|list|remove|poll` against a loopback news site whose feed changes between polls."""

from __future__ import annotations

import shutil

import pytest

from tests.bot.cli.test_commands import assert_one_error_line
from tests.index.feeds.conftest import FeedHandler, feed_site, fresh_feed_state, rss  # noqa: F401 - fixtures


@pytest.fixture
def paths(seed_kb, tmp_path, monkeypatch) -> list:
    """A copy of the seed corpus and its index, a feeds database in tmp_path, loopback pages allowed."""
    monkeypatch.setenv("WEB_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("FEEDS_DB", str(tmp_path / "feeds.sqlite3"))
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index", symlinks=True)
    return ["--corpus", tmp_path / "corpus", "--index", tmp_path / "index"]


def test_feeds_add_poll_list_remove(cli, paths, feed_site, tmp_path):  # noqa: F811
    """A feed's old entries are not added, a new one is added once by poll, and remove forgets the feed."""
    url = f"{feed_site}/feed"
    FeedHandler.state["feed"] = rss([("old", f"{feed_site}/tbilisi", None)])
    added = cli("feeds", "add", url, *paths)
    assert added.code == 0, added.err
    assert added.out.startswith(f"shared follows {url}")
    files = sorted(p.name for p in (tmp_path / "corpus").iterdir())

    FeedHandler.state["feed"] = rss([("new", f"{feed_site}/geneva", None), ("old", f"{feed_site}/tbilisi", None)])
    polled = cli("feeds", "poll", *paths)
    assert polled.code == 0, polled.err
    assert f"{url}: 1 new article" in polled.out
    new_files = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    assert len(new_files) == len(files) + 2  # the article and its sidecar
    assert cli("index", "status", "--json", *paths).json()["documents"] == 2

    again = cli("feeds", "poll", *paths)
    assert again.code == 0 and again.out == f"{url}: not modified\n"  # a conditional GET, answered 304
    FeedHandler.state["feed"] += " "  # the feed changes (another ETag), its entries do not
    third = cli("feeds", "poll", *paths)
    assert third.code == 0 and third.out == f"{url}: 0 new articles\n"
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == new_files

    listed = cli("feeds", "list", "--json", *paths)
    assert [feed["url"] for feed in listed.json_lines()] == [url]
    assert cli("feeds", "remove", url, *paths).code == 0
    assert "follows no feeds" in cli("feeds", "list", *paths).out


def test_feeds_add_of_a_web_page_is_one_error_line(cli, paths, feed_site):  # noqa: F811
    """Adding an HTML page as a feed exits 2 with one line, and follows nothing."""
    result = cli("feeds", "add", f"{feed_site}/geneva", *paths)
    assert_one_error_line(result, "a web page, not a feed")
    assert "follows no feeds" in cli("feeds", "list", *paths).out


def test_feeds_add_refuses_loopback_without_the_setting(cli, paths, feed_site, monkeypatch):  # noqa: F811
    """Without WEB_ALLOW_PRIVATE the feed's loopback address is refused by the address rules."""
    monkeypatch.setenv("WEB_ALLOW_PRIVATE", "false")
    assert_one_error_line(cli("feeds", "add", f"{feed_site}/feed", *paths), "loopback address")

"""A loopback news site with feeds that change between polls, serving the corpus tests' article pages."""

from __future__ import annotations

from email.utils import formatdate
from typing import ClassVar

import pytest

from index.corpus.fetch import FetchPolicy
from index.feeds.store import FeedStore
from tests.index.corpus.conftest import FAST, Handler, serving

UNDATED = """<!doctype html><html><head><title>Ministers agree to meet in Vienna</title></head><body>
<article><h1>Ministers agree to meet in Vienna</h1>
<p>The foreign ministers of Armenia and Azerbaijan will meet in Vienna to continue the talks on the
border commissions, their spokesmen said in a joint statement that was released in both capitals.</p>
<p>Ararat Mirzoyan and Jeyhun Bayramov are expected to discuss the delimitation of the border and the
opening of transport links, officials familiar with the preparations told reporters on condition of
anonymity because they were not authorised to speak publicly.</p>
<p>The Austrian foreign ministry said it was ready to host the meeting at the Hofburg palace and would
provide all the support the delegations needed for the talks to succeed.</p>
</article></body></html>"""


def rss(items: list[tuple[str, str, str | None]], broken: bool = False) -> str:
    """An RSS 2.0 feed of (guid, link, RFC 822 date or None) items, newest first."""
    body = "".join(
        f"<item><title>Item {guid}</title><link>{link}</link><guid>{guid}</guid>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>" for guid, link, date in items)
    end = "" if broken else "</channel></rss>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>{body}{end}'


class FeedHandler(Handler):
    """The corpus tests' site plus /feed (whatever state["feed"] holds, with an ETag), broken feeds, and
    the pages a test puts in state["pages"] (path → HTML bytes)."""

    state: ClassVar[dict] = {}

    def do_GET(self) -> None:
        path = self.path
        if path == "/feed":
            self.state.setdefault("feed_requests", []).append(dict(self.headers))
            feed = self.state["feed"]
            etag = f'"{abs(hash(feed))}"'
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", None, {"ETag": etag})
                return
            self.send(200, feed.encode("utf-8"), "application/rss+xml",
                      {"ETag": etag, "Last-Modified": formatdate(usegmt=True)})
        elif path in self.state.get("pages", {}):  # pages a test serves for itself
            self.send(200, self.state["pages"][path])
        elif path == "/undated":
            self.send(200, UNDATED.encode("utf-8"))
        elif path == "/malformed-feed":
            self.send(200, rss([("a", "http://x.example/a", None)], broken=True).encode("utf-8"), "text/xml")
        elif path == "/big-feed":
            port = self.server.server_address[1]
            items = [(f"n{i}", f"http://127.0.0.1:{port}/geneva", None) for i in range(10_000)]
            self.send(200, rss(items).encode("utf-8"), "application/rss+xml")
        else:
            super().do_GET()


@pytest.fixture(scope="module")
def feed_site():
    """A web server on 127.0.0.1 for this file; yields its base address."""
    with serving(FeedHandler) as base:
        yield base


@pytest.fixture(autouse=True)
def fresh_feed_state():
    FeedHandler.state = {}
    yield


@pytest.fixture
def policy() -> FetchPolicy:
    return FetchPolicy(timeout=FAST, allow_private=True)


@pytest.fixture
def store(tmp_path) -> FeedStore:
    return FeedStore(tmp_path / "data" / "feeds.sqlite3")

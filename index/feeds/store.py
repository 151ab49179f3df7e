"""The feeds a collection follows and the entries already seen, in one SQLite file (standard library).

Every method opens its own connection, so the store may be used from any thread; a write is one
transaction, so two processes polling the same file never record an entry twice.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from index.errors import CommuniqueError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT NOT NULL,
    collection TEXT NOT NULL,
    channel_id INTEGER,
    etag TEXT,
    last_modified TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    retry_after REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    last_polled REAL,
    added_at REAL NOT NULL,
    PRIMARY KEY (collection, url)
);
CREATE TABLE IF NOT EXISTS seen (
    collection TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    entry TEXT NOT NULL,
    seen_at REAL NOT NULL,
    outcome TEXT,
    PRIMARY KEY (collection, feed_url, entry)
);
"""
BACKOFF_BASE_SECONDS = 15 * 60
BACKOFF_MAX_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    collection: str
    channel_id: int | None
    etag: str | None
    last_modified: str | None
    errors: int  # failed polls in a row
    retry_after: float  # epoch seconds: not polled before then (after errors)
    last_error: str | None
    last_polled: float | None
    added_at: float

    def due(self, now: float) -> bool:
        return now >= self.retry_after

    def to_json(self) -> dict:
        return {"url": self.url, "collection": self.collection, "channel_id": self.channel_id,
                "errors": self.errors, "last_error": self.last_error, "last_polled": self.last_polled}


def backoff_seconds(errors: int) -> float:
    """How long a feed rests after this many failed polls in a row: 15 min, 30 min, 1 h, ... up to a day."""
    if errors <= 0:
        return 0.0
    return float(min(BACKOFF_BASE_SECONDS * 2 ** (errors - 1), BACKOFF_MAX_SECONDS))


class FeedStore:
    """Feeds and seen entries in the SQLite file at path (created with its directory when missing)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise ValueError(f"the feeds database must be a file, got the directory {self.path}")
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                db.row_factory = sqlite3.Row
                with db:  # one transaction: committed on success, rolled back on an exception
                    yield db
        except sqlite3.Error as exc:
            raise CommuniqueError(f"cannot use the feeds database {self.path}: {exc}") from exc

    # ------------------------------------------------------------ feeds

    def add(self, url: str, collection: str, channel_id: int | None, seen: Iterable[str],
            now: float | None = None) -> Feed:
        """Follow a feed, its current entries already seen; CommuniqueError when it is followed already."""
        now = time.time() if now is None else now
        with self._connect() as db:
            if db.execute("SELECT 1 FROM feeds WHERE collection=? AND url=?", (collection, url)).fetchone():
                raise CommuniqueError(f"{collection} already follows {url}")
            db.execute("INSERT INTO feeds (url, collection, channel_id, added_at) VALUES (?, ?, ?, ?)",
                       (url, collection, channel_id, now))
            db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?, ?)",
                           [(collection, url, entry, now, "present when added") for entry in seen])
        return self.get(url, collection)

    def get(self, url: str, collection: str) -> Feed:
        with self._connect() as db:
            row = db.execute("SELECT * FROM feeds WHERE collection=? AND url=?", (collection, url)).fetchone()
        if row is None:
            raise CommuniqueError(f"{collection} does not follow {url} (see `feeds list`)")
        return Feed(**dict(row))

    def feeds(self, collection: str | None = None) -> list[Feed]:
        with self._connect() as db:
            if collection is None:
                rows = db.execute("SELECT * FROM feeds ORDER BY collection, added_at").fetchall()
            else:
                rows = db.execute("SELECT * FROM feeds WHERE collection=? ORDER BY added_at",
                                  (collection,)).fetchall()
        return [Feed(**dict(row)) for row in rows]

    def remove(self, url: str, collection: str) -> None:
        with self._connect() as db:
            gone = db.execute("DELETE FROM feeds WHERE collection=? AND url=?", (collection, url)).rowcount
            db.execute("DELETE FROM seen WHERE collection=? AND feed_url=?", (collection, url))
        if not gone:
            raise CommuniqueError(f"{collection} does not follow {url} (see `feeds list`)")

    def polled(self, feed: Feed, etag: str | None, last_modified: str | None, now: float | None = None) -> None:
        """A successful poll: the new validators kept, the error count reset."""
        now = time.time() if now is None else now
        with self._connect() as db:
            db.execute("UPDATE feeds SET etag=?, last_modified=?, errors=0, retry_after=0, last_error=NULL, "
                       "last_polled=? WHERE collection=? AND url=?",
                       (etag, last_modified, now, feed.collection, feed.url))

    def failed(self, feed: Feed, error: str, now: float | None = None) -> Feed:
        """A failed poll: one more error, and the feed rests (backoff) before the next try."""
        now = time.time() if now is None else now
        errors = feed.errors + 1
        with self._connect() as db:
            db.execute("UPDATE feeds SET errors=?, retry_after=?, last_error=?, last_polled=? "
                       "WHERE collection=? AND url=?",
                       (errors, now + backoff_seconds(errors), error, now, feed.collection, feed.url))
        return self.get(feed.url, feed.collection)

    # ------------------------------------------------------------ entries

    def unseen(self, feed: Feed, entries: Iterable[str]) -> list[str]:
        """The entries (in the order given) not yet seen for this feed."""
        entries = list(entries)
        with self._connect() as db:
            seen = {row[0] for row in db.execute("SELECT entry FROM seen WHERE collection=? AND feed_url=?",
                                                 (feed.collection, feed.url))}
        return [entry for entry in entries if entry not in seen]

    def mark_seen(self, feed: Feed, outcomes: dict[str, str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._connect() as db:
            db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?, ?)",
                           [(feed.collection, feed.url, entry, now, outcome) for entry, outcome in outcomes.items()])

    def added_since(self, collection: str, since: float) -> int:
        """How many entries of the collection's feeds gave an article saved into it since then."""
        with self._connect() as db:
            row = db.execute("SELECT COUNT(*) FROM seen WHERE collection=? AND seen_at>? AND "
                             "(outcome LIKE 'added %' OR outcome LIKE 'replaced %')", (collection, since)).fetchone()
        return int(row[0])

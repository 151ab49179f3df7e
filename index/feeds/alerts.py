"""Meeting alerts and watches, kept in the feeds database (SQLite, standard library).

A meeting is alerted once: its record is claimed in one transaction before anything is posted, so a
restart or a second shard process never posts it again. Articles that report the same meeting (the
same people, dates within MATCH_DAYS) share one alert; a later report with another status (planned →
postponed) is an update of it, not a new alert.
"""

from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.meetings.records import Meeting, Person

_SCHEMA = """
CREATE TABLE IF NOT EXISTS alerts (
    alert_id INTEGER PRIMARY KEY AUTOINCREMENT,
    collection TEXT NOT NULL,
    people TEXT NOT NULL,
    day TEXT,
    status TEXT,
    channel_id INTEGER,
    message_id INTEGER,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS alerted (
    collection TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    alert_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (collection, meeting_id)
);
CREATE TABLE IF NOT EXISTS watches (
    user_id INTEGER NOT NULL,
    guild_id INTEGER NOT NULL,
    person TEXT NOT NULL,
    key TEXT NOT NULL,
    delivery TEXT NOT NULL,
    channel_id INTEGER,
    created_at REAL NOT NULL,
    PRIMARY KEY (user_id, guild_id, key)
);
"""
MATCH_DAYS = 31  # two reports of the same people's meeting this far apart (or undated) are one meeting
MAX_WATCHES = 25  # per member and server
DELIVERIES = ("dm", "channel")
NEW, UPDATE = "new", "update"
NO_GUILD = 0  # watches made in direct messages (the shared articles only)


@dataclass(frozen=True, slots=True)
class Alert:
    """One meeting to post: a new one, or an update (another status) of one alerted before."""

    alert_id: int
    collection: str
    meeting: Meeting
    kind: str  # NEW or UPDATE
    channel_id: int | None
    previous_status: str | None = None
    original_message_id: int | None = None  # the first alert's message, an update replies to it


@dataclass(frozen=True, slots=True)
class Watch:
    user_id: int
    guild_id: int  # NO_GUILD for a watch made in direct messages
    person: str  # as the member typed it
    delivery: str  # "dm" or "channel"
    channel_id: int | None  # where a "channel" delivery goes

    def to_json(self) -> dict:
        return {"person": self.person, "delivery": self.delivery, "channel_id": self.channel_id}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def person_key(person: Person) -> str:
    """Who a person is across articles: the surname when named ('pompeo'), else office and country."""
    if person.name:
        return _fold(person.name).split()[-1] if _fold(person.name) else ""
    return _fold(f"{person.office or ''} {person.country or ''}")


def people_key(meeting: Meeting) -> str:
    return "|".join(sorted({k for k in map(person_key, meeting.people()) if k}))


def _day(meeting: Meeting) -> str | None:
    return meeting.when.date if meeting.when and meeting.when.date else None


def _near(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= MATCH_DAYS
    except ValueError:
        return a == b


class AlertStore:
    """Alerts sent and members' watches, in the SQLite file at path (shared with the feeds)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        with self._connect(transaction=False) as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self, transaction: bool = True) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as db:
                db.row_factory = sqlite3.Row
                if not transaction:
                    yield db
                    return
                db.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise CommuniqueError(f"cannot use the alerts database {self.path}: {exc}") from exc

    # ------------------------------------------------------------ alerts

    def claim(self, collection: str, meetings: Iterable[Meeting], channel_of: dict[str, int | None],
              now: float | None = None) -> list[Alert]:
        """The alerts to post for these meeting records (channel_of: doc_id → channel), each claimed once.

        A record claimed before gives nothing; one of a meeting alerted before gives an update when its
        status changed and nothing otherwise."""
        now = time.time() if now is None else now
        alerts: list[Alert] = []
        with self._connect() as db:
            for meeting in meetings:
                people = people_key(meeting)
                if "|" not in people or db.execute(
                        "SELECT 1 FROM alerted WHERE collection=? AND meeting_id=?",
                        (collection, meeting.meeting_id)).fetchone():
                    continue  # fewer than two parties named, or alerted already
                status = meeting.status.value if meeting.status else None
                known = next((row for row in db.execute(
                    "SELECT * FROM alerts WHERE collection=? AND people=? ORDER BY alert_id DESC",
                    (collection, people)) if _near(row["day"], _day(meeting))), None)
                if known is None:
                    channel = channel_of.get(meeting.doc_id)
                    alert_id = db.execute(
                        "INSERT INTO alerts (collection, people, day, status, channel_id, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (collection, people, _day(meeting), status, channel, now)
                    ).lastrowid
                    kind = NEW
                    alerts.append(Alert(alert_id, collection, meeting, kind, channel))
                elif status and status != known["status"]:
                    alert_id, kind = known["alert_id"], UPDATE
                    db.execute("UPDATE alerts SET status=?, day=COALESCE(?, day) WHERE alert_id=?",
                               (status, _day(meeting), alert_id))
                    alerts.append(Alert(alert_id, collection, meeting, kind, known["channel_id"],
                                        known["status"], known["message_id"]))
                else:
                    alert_id, kind = known["alert_id"], "same"  # the same meeting reported again: nothing to post
                db.execute("INSERT INTO alerted VALUES (?, ?, ?, ?, ?)",
                           (collection, meeting.meeting_id, alert_id, kind, now))
        return alerts

    def posted(self, alert: Alert, message_id: int) -> None:
        """The message a new alert was posted as (updates reply to it)."""
        if alert.kind == NEW:
            with self._connect() as db:
                db.execute("UPDATE alerts SET message_id=? WHERE alert_id=?", (message_id, alert.alert_id))

    # ------------------------------------------------------------ watches

    def watch(self, user_id: int, guild_id: int | None, person: str, delivery: str,
              channel_id: int | None) -> Watch:
        person = " ".join(person.split())
        key = _fold(person)
        if not key:
            raise CommuniqueError("name a person to watch, e.g. Pompeo")
        if delivery not in DELIVERIES:
            raise CommuniqueError(f"delivery must be one of {', '.join(DELIVERIES)}")
        guild = guild_id or NO_GUILD
        with self._connect() as db:
            count = db.execute("SELECT COUNT(*) FROM watches WHERE user_id=? AND guild_id=? AND key!=?",
                               (user_id, guild, key)).fetchone()[0]
            if count >= MAX_WATCHES:
                raise CommuniqueError(f"you watch {MAX_WATCHES} people already here: remove one first")
            db.execute("INSERT OR REPLACE INTO watches VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (user_id, guild, person, key, delivery, channel_id, time.time()))
        return Watch(user_id, guild, person, delivery, channel_id)

    def unwatch(self, user_id: int, guild_id: int | None, person: str) -> None:
        with self._connect() as db:
            gone = db.execute("DELETE FROM watches WHERE user_id=? AND guild_id=? AND key=?",
                              (user_id, guild_id or NO_GUILD, _fold(person))).rowcount
        if not gone:
            raise CommuniqueError(f"you do not watch {person} here (see /watch list)")

    def watches(self, user_id: int | None = None, guild_id: int | None = None) -> list[Watch]:
        query, args = "SELECT * FROM watches", []
        if user_id is not None:
            query, args = query + " WHERE user_id=? AND guild_id=?", [user_id, guild_id or NO_GUILD]
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY created_at", args).fetchall()
        return [Watch(r["user_id"], r["guild_id"], r["person"], r["delivery"], r["channel_id"]) for r in rows]

    def watchers(self, alert: Alert, guild_ids: Iterable[int] | None) -> list[Watch]:
        """The watches an alert reaches: of a person in the meeting, made where its collection is read
        (guild_ids: the servers that read it; None: every server and direct messages)."""
        allowed = None if guild_ids is None else set(guild_ids)
        return [w for w in self.watches() if (allowed is None or w.guild_id in allowed)
                and alert.meeting.involves(w.person)]

"""Votes on answers (👍 / 👎 on Discord), kept with the question, the answer, the cited passages and the
server; one vote per member per answer, changeable. Exported as an evaluation question file.

The store is one SQLite file (FEEDBACK_DB). Each call opens its own connection, so worker threads can
use one store; the Discord layer calls it through `run_blocking`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer

UP, DOWN = "up", "down"
VERDICTS = {UP: 1, DOWN: -1}
SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered INTEGER NOT NULL,
    citations TEXT NOT NULL,      -- JSON: [{"n", "doc_id", "paragraph", "start", "end", "quote", "collection"}]
    guild_id INTEGER,             -- the server; NULL in a direct message
    channel_id INTEGER,
    asked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS votes (
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
"""
_MARKER = re.compile(r"\[\d+\]")


class FeedbackError(CommuniqueError):
    """A vote that cannot be stored, or a feedback file that cannot be read."""


@dataclass(frozen=True)
class RatedAnswer:
    """An answer with the votes it got."""

    answer_id: int
    question: str
    answer: str
    answered: bool
    citations: list[dict]
    guild_id: int | None
    asked_at: str
    up: int
    down: int

    @property
    def verdict(self) -> str:
        """UP when more members liked it than not, else DOWN (a tie is a case to look at)."""
        return UP if self.up > self.down else DOWN

    def to_json(self) -> dict:
        return {"id": self.answer_id, "question": self.question, "answer": self.answer,
                "answered": self.answered, "citations": self.citations, "guild_id": self.guild_id,
                "asked_at": self.asked_at, "up": self.up, "down": self.down}

    def as_case(self) -> dict:
        """A case of a question file (`communique eval`): an approved answer as a regression case, an
        approved abstention as unanswerable, a rejected answer as a case to fix (answer_any and
        evidence left for a moderator to fill in)."""
        case: dict = {"id": f"feedback-{self.answer_id}", "question": self.question}
        cited = self.citations[0]["doc_id"] if self.citations else None
        collection = self.citations[0].get("collection", "shared") if self.citations else "shared"
        if collection != "shared":  # a server's own article: `communique eval FILE --collection NAME`
            case["collection"] = collection
        if self.verdict == UP and not self.answered:
            case["unanswerable"] = True
        elif self.verdict == UP:
            case["doc"] = cited
            # each stretch of the approved answer between its [n] markers must come back
            case["answer_any"] = [[piece] for piece in (p.strip(" .,;:") for p in _MARKER.split(self.answer))
                                  if len(piece) >= 3]
            case["evidence"] = sorted({c["paragraph"] for c in self.citations if c["doc_id"] == cited})
        else:
            case.update({"answer_any": [], "evidence": [], "to_fix": "members rejected this answer: "
                         "write the right answer_any and evidence, or mark it unanswerable"})
            if cited:
                case["doc"] = cited
        case["feedback"] = {"up": self.up, "down": self.down, "answer": self.answer,
                            "citations": self.citations, "guild_id": self.guild_id}
        return case


class FeedbackStore:
    """The answers the bot gave and the votes they got, in one SQLite file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._ready = False

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=10)) as connection, connection:
                if not self._ready:
                    connection.executescript(SCHEMA)
                    self._ready = True
                yield connection
        except (sqlite3.Error, OSError) as error:
            raise FeedbackError(f"cannot use the feedback file {self.path}: {error}") from None

    def record_answer(self, answer: Answer, guild_id: int | None, channel_id: int | None) -> int:
        """Keep an answer the bot sent (its question, text, cited passages and server); its id."""
        collection = getattr(answer, "collection", "shared")  # a server's own articles answer too
        citations = [{"n": c.n, "doc_id": c.doc_id, "paragraph": c.paragraph, "start": c.start, "end": c.end,
                      "quote": c.quote, "collection": collection} for c in answer.citations]
        with self._connection() as db:
            cursor = db.execute(
                "INSERT INTO answers (question, answer, answered, citations, guild_id, channel_id, asked_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer.question, answer.answer, int(answer.answered), json.dumps(citations, ensure_ascii=False),
                 guild_id, channel_id, _now()))
            return int(cursor.lastrowid)

    def vote(self, answer_id: int, user_id: int, verdict: str) -> tuple[int, int]:
        """Record (or change) one member's vote on an answer; the answer's 👍 and 👎 counts after it."""
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {sorted(VERDICTS)}, got {verdict!r}")
        with self._connection() as db:
            if db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is None:
                raise FeedbackError(f"answer {answer_id} is not in the feedback file {self.path}")
            db.execute("INSERT INTO votes (answer_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, "
                       "voted_at = excluded.voted_at", (answer_id, user_id, VERDICTS[verdict], _now()))
            up, down = db.execute("SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM votes "
                                  "WHERE answer_id = ?", (answer_id,)).fetchone()
        return int(up), int(down)

    def rated(self, verdict: str | None = None, guild_id: int | None = None) -> list[RatedAnswer]:
        """The answers that got at least one vote, oldest first; only UP or DOWN ones, one server's."""
        if not self.path.exists():
            return []
        query = ("SELECT a.id, a.question, a.answer, a.answered, a.citations, a.guild_id, a.asked_at, "
                 "SUM(v.vote = 1), SUM(v.vote = -1) FROM answers a JOIN votes v ON v.answer_id = a.id "
                 + ("WHERE a.guild_id = ? " if guild_id is not None else "") + "GROUP BY a.id ORDER BY a.id")
        with self._connection() as db:
            rows = db.execute(query, (guild_id,) if guild_id is not None else ()).fetchall()
        rated = [RatedAnswer(row[0], row[1], row[2], bool(row[3]), json.loads(row[4]), row[5], row[6],
                             int(row[7]), int(row[8])) for row in rows]
        return [r for r in rated if verdict is None or r.verdict == verdict]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

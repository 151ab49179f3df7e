"""Collections of articles: the operator's shared one and one per Discord server, each its own knowledge base.

The shared collection is the corpus directory. A server's collection lives in ROOT/<server id>/corpus
and ROOT/<server id>/index; it is loaded on first use and unloaded after `idle_seconds` unused. Every
collection uses the shared one's embedder, searcher and answerer, so the model is loaded once. Each
knowledge base has its own locks: a refresh of one never waits for, or blocks, another.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from index.corpus.documents import SUFFIXES
from index.errors import CommuniqueError, RefreshInProgressError
from index.kb import KnowledgeBase
from index.retrieval.store import current_build
from index.retrieval.writer import index_writer

log = logging.getLogger(__name__)

SHARED = "shared"
SERVER_PREFIX = "guild-"
LEFT_MARKER = "left"  # in a server's directory: when the bot left that server (ISO time)


def server_name(guild_id: int) -> str:
    return f"{SERVER_PREFIX}{guild_id}"


def parse_name(name: str) -> int | None:
    """The server id a collection name stands for ('guild-123' or '123'); None for the shared one."""
    text = name.strip().lower()
    if text == SHARED:
        return None
    digits = text.removeprefix(SERVER_PREFIX)
    if not digits.isdigit():
        raise CommuniqueError(f"no collection named {name!r}: use '{SHARED}' or '{SERVER_PREFIX}<server id>'")
    return int(digits)


def has_articles(corpus_dir: Path) -> bool:
    """Whether a corpus directory holds at least one article file (cheap: stops at the first)."""
    try:
        return any(p.suffix.lower() in SUFFIXES and not p.name.startswith(".") for p in corpus_dir.iterdir())
    except OSError:
        return False


@dataclass(frozen=True)
class Source:
    """One collection a question may read: its name, its knowledge base, and whether it is the server's own."""

    name: str
    kb: KnowledgeBase
    own: bool = False


@dataclass(frozen=True)
class CollectionInfo:
    name: str
    guild_id: int | None
    corpus_dir: Path
    index_dir: Path
    articles: int
    build: str | None
    loaded: bool
    left_at: str | None

    def to_json(self) -> dict:
        return {"name": self.name, "guild_id": self.guild_id, "corpus": str(self.corpus_dir),
                "index": str(self.index_dir), "articles": self.articles, "build": self.build,
                "loaded": self.loaded, "left_at": self.left_at}


@dataclass
class _Loaded:
    kb: KnowledgeBase
    last_used: float
    users: int = 0


class Collections:
    """The shared collection and the servers' own, loaded lazily and unloaded when idle. Thread-safe."""

    def __init__(self, shared: KnowledgeBase, root: Path, *, per_server: bool = True,
                 idle_seconds: float = 900.0, clock: Callable[[], float] = time.monotonic):
        if idle_seconds < 0:
            raise ValueError(f"idle_seconds must not be negative, got {idle_seconds}")
        self.shared = shared
        self.root = Path(root).absolute()
        self.per_server = per_server
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._loaded: dict[int, _Loaded] = {}
        self._lock = threading.Lock()

    # --- where a server's collection lives ---------------------------------------------------------

    def directory(self, guild_id: int) -> Path:
        return self.root / str(int(guild_id))

    def corpus_dir(self, guild_id: int) -> Path:
        return self.directory(guild_id) / "corpus"

    def index_dir(self, guild_id: int) -> Path:
        return self.directory(guild_id) / "index"

    def articles(self, guild_id: int) -> int:
        """How many article files the server's collection holds."""
        return _count_articles(self.corpus_dir(guild_id))

    def exists(self, guild_id: int) -> bool:
        """Whether the server has articles of its own."""
        return self.per_server and has_articles(self.corpus_dir(guild_id))

    # --- loading and unloading ------------------------------------------------------------------------

    def _make(self, guild_id: int) -> KnowledgeBase:
        shared = self.shared
        return KnowledgeBase(self.corpus_dir(guild_id), self.index_dir(guild_id), embedder=shared.embedder,
                             searcher=shared.searcher, answerer=shared.answerer, chunker=shared.chunker,
                             max_question_chars=shared.max_question_chars, max_file_bytes=shared.max_file_bytes)

    def _checkout(self, guild_id: int) -> KnowledgeBase:
        with self._lock:
            entry = self._loaded.get(guild_id)
            if entry is None:
                entry = self._loaded[guild_id] = _Loaded(self._make(guild_id), self.clock())
            entry.users += 1
            entry.last_used = self.clock()
            return entry.kb

    def _checkin(self, guild_id: int) -> None:
        with self._lock:
            entry = self._loaded.get(guild_id)
            if entry is not None:
                entry.users -= 1
                entry.last_used = self.clock()

    @contextmanager
    def server(self, guild_id: int) -> Iterator[KnowledgeBase]:
        """The server's own knowledge base (not unloaded while in use); its index loads on first use."""
        if not self.per_server:
            raise CommuniqueError("servers have no collections of their own here (SERVER_COLLECTIONS is off)")
        kb = self._checkout(guild_id)
        try:
            yield kb
        finally:
            self._checkin(guild_id)

    @contextmanager
    def reading(self, guild_id: int | None) -> Iterator[list[Source]]:
        """What a question asked in a server reads: the shared collection, then the server's own if it has
        one; in a direct message (guild_id None), the shared collection alone. Each follows its
        CURRENT pointer, so a build swapped in by another process is used."""
        self.shared.follow_shared_index()
        if guild_id is None or not self.exists(guild_id):
            yield [Source(SHARED, self.shared)]
            return
        with self.server(guild_id) as own:
            own.follow_shared_index()
            yield [Source(SHARED, self.shared), Source(server_name(guild_id), own, own=True)]

    def unload_idle(self) -> list[int]:
        """Drop the servers' knowledge bases unused for idle_seconds (never one in use or refreshing)."""
        now = self.clock()
        with self._lock:
            idle = [g for g, e in self._loaded.items()
                    if e.users == 0 and not e.kb.refreshing and now - e.last_used >= self.idle_seconds]
            for guild_id in idle:
                del self._loaded[guild_id]
        if idle:
            log.info("unloaded %d idle server collection(s)", len(idle))
        return idle

    def loaded(self) -> list[int]:
        """The servers whose knowledge base is in memory."""
        with self._lock:
            return sorted(g for g, e in self._loaded.items() if e.kb.loaded_data is not None)

    # --- the operator's view ---------------------------------------------------------------------------

    def guild_ids(self) -> list[int]:
        if not self.root.is_dir():
            return []
        return sorted(int(p.name) for p in self.root.iterdir() if p.is_dir() and p.name.isdigit())

    def info(self, guild_id: int | None) -> CollectionInfo:
        if guild_id is None:
            kb = self.shared
            return CollectionInfo(SHARED, None, kb.corpus_dir, kb.index_dir, _count_articles(kb.corpus_dir),
                                  current_build(kb.index_dir), kb.loaded_data is not None, None)
        if guild_id not in self.guild_ids():
            raise CommuniqueError(f"no collection named {server_name(guild_id)!r} in {self.root}")
        with self._lock:
            loaded = guild_id in self._loaded and self._loaded[guild_id].kb.loaded_data is not None
        return CollectionInfo(server_name(guild_id), guild_id, self.corpus_dir(guild_id), self.index_dir(guild_id),
                              _count_articles(self.corpus_dir(guild_id)), current_build(self.index_dir(guild_id)),
                              loaded, self.left_at(guild_id))

    def all(self) -> list[CollectionInfo]:
        return [self.info(None)] + [self.info(g) for g in self.guild_ids()]

    def remove(self, guild_id: int) -> None:
        """Delete a server's collection (articles and index); refused while it is being changed."""
        directory = self.directory(guild_id)
        if not directory.is_dir():
            raise CommuniqueError(f"no collection named {server_name(guild_id)!r} in {self.root}")
        with self._lock:
            entry = self._loaded.get(guild_id)
            if entry is not None and (entry.users or entry.kb.refreshing):
                raise RefreshInProgressError()
            self._loaded.pop(guild_id, None)
        with index_writer(self.index_dir(guild_id)):  # waits for another process's change to end
            shutil.rmtree(self.corpus_dir(guild_id), ignore_errors=True)
        shutil.rmtree(directory, ignore_errors=True)
        log.info("removed the collection of server %s", guild_id)

    def empty(self, guild_id: int, doc_id: str) -> None:
        """Remove a server's last article: its collection is left with no articles and no index."""
        with self.server(guild_id) as kb:
            kb.source(doc_id)  # an unknown id fails here
            if kb.refreshing:
                raise RefreshInProgressError()
            with index_writer(kb.index_dir):
                for path in self.corpus_dir(guild_id).iterdir():
                    if path.is_file():
                        path.unlink()
        with self._lock:
            self._loaded.pop(guild_id, None)
        shutil.rmtree(self.index_dir(guild_id), ignore_errors=True)

    # --- servers the bot has left -------------------------------------------------------------------------

    def left_at(self, guild_id: int) -> str | None:
        try:
            return (self.directory(guild_id) / LEFT_MARKER).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def mark_left(self, guild_id: int, when: datetime | None = None) -> bool:
        """Note that the bot left the server (its data is kept); False when it has no collection."""
        directory = self.directory(guild_id)
        if not directory.is_dir():
            return False
        stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        (directory / LEFT_MARKER).write_text(stamp + "\n", encoding="utf-8")
        with self._lock:
            entry = self._loaded.get(guild_id)
            if entry is not None and entry.users == 0 and not entry.kb.refreshing:
                del self._loaded[guild_id]
        return True

    def mark_joined(self, guild_id: int) -> None:
        (self.directory(guild_id) / LEFT_MARKER).unlink(missing_ok=True)

    def expire(self, days: float, now: datetime | None = None) -> list[int]:
        """Delete the collections of servers the bot left more than `days` days ago."""
        now = now or datetime.now(UTC)
        expired = []
        for guild_id in self.guild_ids():
            left = self.left_at(guild_id)
            try:
                gone = left is not None and now - datetime.fromisoformat(left) >= timedelta(days=days)
            except ValueError:
                log.warning("collection %s: unreadable departure time %r; kept", guild_id, left)
                continue
            if gone:
                self.remove(guild_id)
                expired.append(guild_id)
        return expired


def _count_articles(corpus_dir: Path) -> int:
    try:
        return sum(1 for p in corpus_dir.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
    except OSError:
        return 0

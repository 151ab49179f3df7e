"""The collections: the shared one and one per server, loaded on first use, unloaded when idle, followed
across processes, and removed after the bot has left a server."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from index.across import ask_across, documents_across, search_across
from index.collections import SHARED, Collections, parse_name
from index.errors import CommuniqueError
from index.kb import KnowledgeBase

GENEVA = ("Water talks in Geneva\n\nSwiss Foreign Minister Ignazio Cassis will meet Egyptian Foreign Minister "
          "Sameh Shoukry in Geneva on Monday to discuss the Nile basin dispute.\n")
OSLO = ("Fisheries talks in Oslo\n\nNorwegian Foreign Minister Espen Barth Eide received the Icelandic "
        "fisheries delegation in Oslo on Tuesday.\n")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def shared(seed_kb, tmp_path) -> KnowledgeBase:
    """A copy of the seed collection with its built index, on the session's real model."""
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index")
    return KnowledgeBase(tmp_path / "corpus", tmp_path / "index", embedder=seed_kb.embedder)


def with_article(collections: Collections, guild_id: int, name: str, text: str) -> None:
    corpus = collections.corpus_dir(guild_id)
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / name).write_text(text, encoding="utf-8")


def test_names_of_collections():
    """'shared' is the shared collection; 'guild-ID' or 'ID' a server's; anything else is one clear error."""
    assert parse_name("shared") is None and parse_name("guild-12") == 12 and parse_name("12") == 12
    with pytest.raises(CommuniqueError, match="no collection named 'guild-x'"):
        parse_name("guild-x")


def test_a_server_reads_shared_and_its_own_a_dm_only_shared(shared, tmp_path):
    """A server with articles reads both collections; one without, and a direct message, the shared one."""
    collections = Collections(shared, tmp_path / "collections")
    with_article(collections, 1, "geneva.txt", GENEVA)
    with collections.reading(1) as sources:
        assert [(s.name, s.own) for s in sources] == [(SHARED, False), ("guild-1", True)]
    for guild_id in (2, None):
        with collections.reading(guild_id) as sources:
            assert [s.name for s in sources] == [SHARED]


def test_loaded_on_first_use_and_unloaded_when_idle(shared, tmp_path):
    """A server's index is loaded by its first question, kept while in use, and dropped after idle_seconds."""
    clock = Clock()
    collections = Collections(shared, tmp_path / "collections", idle_seconds=60, clock=clock)
    with_article(collections, 1, "geneva.txt", GENEVA)
    assert collections.loaded() == []
    with collections.reading(1) as sources:
        [answer] = ask_across(sources, ["Who will Ignazio Cassis meet in Geneva?"])
        clock.now = 1000
        assert collections.unload_idle() == []  # in use
    assert answer.own and "Shoukry" in answer.answer
    assert collections.loaded() == [1]
    clock.now = 1030
    assert collections.unload_idle() == []
    clock.now = 1061
    assert collections.unload_idle() == [1] and collections.loaded() == []


def test_answers_and_hits_never_come_from_another_server(shared, tmp_path):
    """Server 2 asking about server 1's article gets no quote from it; server 1 gets its own, marked own."""
    collections = Collections(shared, tmp_path / "collections")
    with_article(collections, 1, "geneva.txt", GENEVA)
    with_article(collections, 2, "oslo.txt", OSLO)
    question = "Who will Ignazio Cassis meet in Geneva?"
    with collections.reading(2) as sources:
        [answer] = ask_across(sources, [question])
        hits = search_across(sources, "Cassis Shoukry Geneva Nile", k=20)
        documents = {(d.collection, d.document.doc_id) for d in documents_across(sources)}
    assert "Shoukry" not in answer.answer and all(c.doc_id != "geneva" for c in answer.citations)
    assert {h.hit.chunk.doc_id for h in hits} <= {"karabakh-diplomacy", "oslo"}
    assert documents == {(SHARED, "karabakh-diplomacy"), ("guild-2", "oslo")}
    with collections.reading(1) as sources:
        hits = search_across(sources, "Cassis Shoukry Geneva Nile", k=3)
    assert hits[0].hit.chunk.doc_id == "geneva" and hits[0].own and hits[0].collection == "guild-1"
    assert [h.hit.score for h in hits] == sorted((h.hit.score for h in hits), reverse=True)


def test_another_process_sees_a_server_change_through_current(shared, tmp_path):
    """Two processes sharing the collections directory: a change made by one is read by the other."""
    first = Collections(shared, tmp_path / "collections")
    other_shared = KnowledgeBase(shared.corpus_dir, shared.index_dir, embedder=shared.embedder)
    second = Collections(other_shared, tmp_path / "collections")
    with_article(first, 1, "geneva.txt", GENEVA)
    with second.reading(1) as sources:
        assert {d.document.doc_id for d in documents_across(sources)} == {"karabakh-diplomacy", "geneva"}
    oslo = tmp_path / "oslo.txt"
    oslo.write_text(OSLO, encoding="utf-8")
    with first.server(1) as kb:
        kb.add(oslo)
    with second.reading(1) as sources:
        assert {d.document.doc_id for d in documents_across(sources)} == {"karabakh-diplomacy", "geneva", "oslo"}


def test_a_refresh_of_one_server_does_not_hold_up_another(shared, tmp_path, monkeypatch):
    """While server 1's collection is being rebuilt, server 2's questions are answered at once."""
    collections = Collections(shared, tmp_path / "collections")
    with_article(collections, 1, "geneva.txt", GENEVA)
    with_article(collections, 2, "oslo.txt", OSLO)
    for guild_id in (1, 2):
        with collections.reading(guild_id) as sources:
            ask_across(sources, ["Who is Lavrov?"])
    started, release = threading.Event(), threading.Event()
    encode = shared.embedder.encode

    def held(texts, *args, **kwargs):
        if any("Vienna" in t for t in texts):
            started.set()
            release.wait(20)
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(shared.embedder, "encode", held)
    (collections.corpus_dir(1) / "vienna.txt").write_text("Talks in Vienna\n\nThe envoys met in Vienna.\n")

    def refresh():
        with collections.server(1) as kb:
            kb.refresh()

    worker = threading.Thread(target=refresh)
    worker.start()
    try:
        assert started.wait(20)
        began = time.perf_counter()
        with collections.reading(2) as sources:
            [answer] = ask_across(sources, ["Who received the Icelandic fisheries delegation?"])
        waited = time.perf_counter() - began
        with collections.reading(1) as sources:  # server 1 itself: its old index answers meanwhile
            [own] = ask_across(sources, ["Who will Ignazio Cassis meet in Geneva?"])
        assert not release.is_set()
    finally:
        release.set()
        worker.join(30)
    assert "Espen Barth Eide" in answer.answer and waited < 10
    assert "Shoukry" in own.answer


def test_left_servers_are_kept_then_expired(shared, tmp_path):
    """A server the bot left keeps its articles; expire(days) deletes only those left longer ago."""
    collections = Collections(shared, tmp_path / "collections")
    now = datetime(2026, 12, 2, tzinfo=UTC)
    for guild_id in (1, 2, 3):
        with_article(collections, guild_id, "oslo.txt", OSLO)
    assert collections.mark_left(1, now - timedelta(days=31))
    assert collections.mark_left(2, now - timedelta(days=2))
    assert not collections.mark_left(9)  # no collection: nothing to keep
    assert collections.expire(30, now=now) == [1]
    assert collections.guild_ids() == [2, 3] and collections.info(2).left_at.startswith("2026-11-30")
    collections.mark_joined(2)
    assert collections.info(2).left_at is None

"""Fixtures for end-to-end tests against the Discord stand-in, without pytest-asyncio.

Each test gets its own event loop: `fake_discord` is a started FakeDiscord living on that loop, and
`run(coro)` runs a coroutine on the same loop (with a timeout), so the stand-in, the discord.py client and
the test body share one loop:

    def test_something(fake_discord, run):
        async def scenario():
            async with fake_discord.run_client(make_client()) as client:
                await fake_discord.send_message("hi")
                ...
        run(scenario())

At teardown the fixture stops the server, cancels leftover tasks and fails the test if the loop reported
an error such as "Unclosed client session" or a task exception that was never retrieved.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest

from index.kb import KnowledgeBase
from tests.e2e.fake_discord import FakeDiscord

RUN_TIMEOUT = 30.0


@pytest.fixture
def event_loop_for_e2e() -> Iterator[tuple[asyncio.AbstractEventLoop, list[dict[str, Any]]]]:
    """A fresh event loop plus the list of contexts its exception handler received."""
    loop = asyncio.new_event_loop()
    problems: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: problems.append(context))
    try:
        yield loop, problems
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        gc.collect()  # unclosed aiohttp sessions and connectors report themselves from __del__
        loop.close()
        messages = [str(c.get("message")) + (f": {c['exception']!r}" if c.get("exception") else "")
                    for c in problems]
        assert not messages, f"the event loop reported problems: {messages}"


@pytest.fixture
def run(event_loop_for_e2e) -> Callable[..., Any]:
    """run(coro, timeout=30): run a coroutine on the test's loop and return its result."""
    loop, _ = event_loop_for_e2e

    def _run(coro: Coroutine[Any, Any, Any], timeout: float = RUN_TIMEOUT) -> Any:
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))

    return _run


@pytest.fixture
def fake_discord(event_loop_for_e2e) -> Iterator[FakeDiscord]:
    """A started FakeDiscord on the test's loop (use the `run` fixture to drive it)."""
    loop, _ = event_loop_for_e2e
    fake = FakeDiscord()
    loop.run_until_complete(asyncio.wait_for(fake.start(), 10))
    try:
        yield fake
    finally:
        loop.run_until_complete(asyncio.wait_for(fake.stop(), 10))


@pytest.fixture
def kb(seed_kb, tmp_path) -> KnowledgeBase:
    """A knowledge base of its own (articles may change), starting from the session's built seed index."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(seed_kb.corpus_dir, corpus)
    shutil.copytree(seed_kb.index_dir, index)
    kb = KnowledgeBase(corpus, index, embedder=seed_kb.embedder)
    assert kb.ensure_index() is None  # loaded, not rebuilt
    return kb

"""Questions that arrive together are embedded and answered as one batch, in a worker thread."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.collections import Collections
    from index.kb import KnowledgeBase

Item = tuple[str, str | None, int | None]  # question, the question it follows up, the server it was asked in


class QuestionBatcher:
    """Questions that arrive together are embedded and answered as one batch in a worker thread.

    With collections, a question asked in a server reads the shared collection and that server's own
    (in a direct message, the shared one alone); without, every question reads kb.
    """

    def __init__(self, kb: KnowledgeBase, max_batch: int = 32, window_seconds: float = 0.005,
                 collections: Collections | None = None):
        if max_batch < 1 or window_seconds < 0:
            raise ValueError(f"bad batching settings: max_batch={max_batch}, window_seconds={window_seconds}")
        self.kb = kb
        self.collections = collections
        self.max_batch = max_batch
        self.window_seconds = window_seconds
        self._pending: list[tuple[Item, asyncio.Future]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task] = set()

    async def ask(self, question: str, context: str | None = None, guild_id: int | None = None) -> Answer:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._pending.append(((question, context, guild_id), future))
        if len(self._pending) >= self.max_batch:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.window_seconds, self._flush)
        return await future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        by_server: dict[int | None, list[tuple[Item, asyncio.Future]]] = {}
        for entry in batch:  # one worker thread per server: one server's slow load never holds up another's
            by_server.setdefault(entry[0][2], []).append(entry)
        for group in by_server.values():
            task = asyncio.get_running_loop().create_task(self._answer(group))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _answer(self, batch: list[tuple[Item, asyncio.Future]]) -> None:
        try:
            outcomes = await asyncio.to_thread(self._answer_all, [item for item, _ in batch])
        except Exception as error:  # noqa: BLE001 - every waiting question gets the failure
            outcomes = [error] * len(batch)
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():
                continue
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)

    def _answer_all(self, items: list[Item]) -> list[Answer | Exception]:
        outcomes: list[Answer | Exception | None] = [None] * len(items)
        groups: dict[tuple[int | None, str | None], list[int]] = {}
        for position, (_, context, guild_id) in enumerate(items):
            groups.setdefault((guild_id, context), []).append(position)
        for (guild_id, context), positions in groups.items():
            try:
                answers = self._ask_many(guild_id, [items[p][0] for p in positions], context)
            except CommuniqueError:  # one bad question: answer the others one by one
                answers = []
                for p in positions:
                    try:
                        answers += self._ask_many(guild_id, [items[p][0]], context)
                    except CommuniqueError as error:
                        answers.append(error)
            for p, answer in zip(positions, answers, strict=True):
                outcomes[p] = answer
        return outcomes

    def _ask_many(self, guild_id: int | None, questions: list[str], context: str | None) -> list[Answer]:
        if self.collections is None:
            self.kb.follow_shared_index()
            return self.kb.ask_many(questions, context=context)
        from index.across import ask_across

        with self.collections.reading(guild_id) as sources:
            if len(sources) == 1:  # the shared collection alone: a direct message, or a server with none
                return sources[0].kb.ask_many(questions, context=context)
            return ask_across(sources, questions, context)

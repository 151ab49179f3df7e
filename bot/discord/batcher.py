"""Questions that arrive together are embedded and answered as one batch, in a worker thread."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.kb import KnowledgeBase


class QuestionBatcher:
    """Questions that arrive together are embedded and answered as one batch in a worker thread."""

    def __init__(self, kb: KnowledgeBase, max_batch: int = 32, window_seconds: float = 0.005):
        if max_batch < 1 or window_seconds < 0:
            raise ValueError(f"bad batching settings: max_batch={max_batch}, window_seconds={window_seconds}")
        self.kb = kb
        self.max_batch = max_batch
        self.window_seconds = window_seconds
        self._pending: list[tuple[str, str | None, asyncio.Future]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task] = set()

    async def ask(self, question: str, context: str | None = None) -> Answer:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._pending.append((question, context, future))
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
        if batch:
            task = asyncio.get_running_loop().create_task(self._answer(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _answer(self, batch: list[tuple[str, str | None, asyncio.Future]]) -> None:
        try:
            outcomes = await asyncio.to_thread(self._answer_all, [(q, c) for q, c, _ in batch])
        except Exception as error:  # noqa: BLE001 - every waiting question gets the failure
            outcomes = [error] * len(batch)
        for (_, _, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():
                continue
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)

    def _answer_all(self, items: list[tuple[str, str | None]]) -> list[Answer | Exception]:
        self.kb.follow_shared_index()
        outcomes: list[Answer | Exception | None] = [None] * len(items)
        groups: dict[str | None, list[int]] = {}
        for position, (_, context) in enumerate(items):
            groups.setdefault(context, []).append(position)
        for context, positions in groups.items():
            try:
                answers = self.kb.ask_many([items[p][0] for p in positions], context=context)
            except CommuniqueError:  # one bad question: answer the others one by one
                answers = []
                for p in positions:
                    try:
                        answers.append(self.kb.ask(items[p][0], context=context))
                    except CommuniqueError as error:
                        answers.append(error)
            for p, answer in zip(positions, answers, strict=True):
                outcomes[p] = answer
        return outcomes

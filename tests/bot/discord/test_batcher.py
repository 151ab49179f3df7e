"""Questions that arrive together are answered in one batch."""

import asyncio
import threading
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from bot.discord.batcher import QuestionBatcher
from index.answers.compose import Answer
from index.errors import BadQuestionError


class RecordingKb:
    def __init__(self):
        self.batches = []

    def ask_many(self, questions, context=None):
        self.batches.append((list(questions), context))
        if any(not q.strip() for q in questions):
            raise BadQuestionError("the question is empty")
        return [Answer(q, True, f"answer to {q}") for q in questions]

    def follow_shared_index(self):
        return False

    def ask(self, question, context=None):
        return self.ask_many([question], context)[0]


def test_questions_arriving_together_share_one_batch():
    """Ten questions asked at once reach the knowledge base as one batch, each getting its own answer."""
    kb = RecordingKb()

    async def scenario():
        batcher = QuestionBatcher(kb)
        return await asyncio.gather(*(batcher.ask(f"q{i}") for i in range(10)))

    answers = asyncio.run(scenario())
    assert [a.question for a in answers] == [f"q{i}" for i in range(10)]
    assert kb.batches == [([f"q{i}" for i in range(10)], None)]


def test_a_bad_question_fails_alone():
    """An empty question in a batch gets its error; the others are still answered."""
    kb = RecordingKb()

    async def scenario():
        batcher = QuestionBatcher(kb)
        return await asyncio.gather(batcher.ask("good"), batcher.ask("  "), batcher.ask("fine"),
                                    return_exceptions=True)

    good, bad, fine = asyncio.run(scenario())
    assert good.answer == "answer to good" and fine.answer == "answer to fine"
    assert isinstance(bad, BadQuestionError)


def test_follow_ups_are_batched_with_their_context():
    """Questions with different earlier questions are answered in separate groups."""
    kb = RecordingKb()

    async def scenario():
        batcher = QuestionBatcher(kb)
        await asyncio.gather(batcher.ask("a"), batcher.ask("b", context="earlier"), batcher.ask("c"))

    asyncio.run(scenario())
    assert sorted(kb.batches, key=str) == sorted([(["a", "c"], None), (["b"], "earlier")], key=str)


def test_batch_settings_are_checked():
    """A batch size below one is refused with the bad value."""
    with pytest.raises(ValueError, match="max_batch=0"):
        QuestionBatcher(RecordingKb(), max_batch=0)


def test_one_servers_slow_questions_do_not_hold_up_anothers():
    """Questions of two servers arriving together are answered in separate worker threads: server 2 is
    answered while server 1's collection is still loading."""
    release = threading.Event()

    class SlowKb(RecordingKb):
        def ask_many(self, questions, context=None):
            release.wait(10)
            return super().ask_many(questions, context)

    kbs = {1: SlowKb(), 2: RecordingKb()}

    class TwoServers:
        @contextmanager
        def reading(self, guild_id):
            yield [SimpleNamespace(kb=kbs[guild_id])]

    async def scenario():
        batcher = QuestionBatcher(RecordingKb(), collections=TwoServers())
        slow = asyncio.ensure_future(batcher.ask("q1", guild_id=1))
        fast = await asyncio.wait_for(batcher.ask("q2", guild_id=2), 5)
        held = not slow.done()
        release.set()
        return fast, held, await slow

    fast, held, slow = asyncio.run(scenario())
    assert fast.question == "q2" and held and slow.question == "q1"

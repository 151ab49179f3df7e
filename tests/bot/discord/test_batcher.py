"""Questions that arrive together are answered in one batch, off the event loop."""

import asyncio

import pytest

from bot.discord.bot import QuestionBatcher
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


def test_shard_settings_reach_the_bot(tmp_path):
    """SHARD_COUNT and SHARD_IDS make the bot run just those shards."""
    from bot.discord.bot import CommuniqueBot
    from bot.render import Prompts
    from bot.settings import Settings

    settings = Settings(_env_file=None, shard_count=4, shard_ids="1,3")
    bot = CommuniqueBot(settings, RecordingKb(), Prompts(tmp_path))
    assert bot.shard_count == 4 and bot.shard_ids == [1, 3]


def test_shard_ids_need_a_count(tmp_path):
    """SHARD_IDS without SHARD_COUNT is a clear error."""
    from bot.discord.bot import CommuniqueBot
    from bot.render import Prompts
    from bot.settings import Settings
    from index.errors import CommuniqueError

    with pytest.raises(CommuniqueError, match="SHARD_COUNT"):
        CommuniqueBot(Settings(_env_file=None, shard_ids="1"), RecordingKb(), Prompts(tmp_path))

"""The Bot subclass: what its settings make of it."""

import pytest

from bot.discord.bot import CommuniqueBot
from bot.prompts import Prompts
from bot.settings import Settings
from index.errors import CommuniqueError


class UnusedKb:
    """Stands in for a knowledge base the bot is never asked to use here."""


def test_shard_settings_reach_the_bot(tmp_path):
    """SHARD_COUNT and SHARD_IDS make the bot run just those shards."""
    settings = Settings(_env_file=None, shard_count=4, shard_ids="1,3")
    bot = CommuniqueBot(settings, UnusedKb(), Prompts(tmp_path))
    assert bot.shard_count == 4 and bot.shard_ids == [1, 3]


def test_shard_ids_need_a_count(tmp_path):
    """SHARD_IDS without SHARD_COUNT is a clear error."""
    with pytest.raises(CommuniqueError, match="SHARD_COUNT"):
        CommuniqueBot(Settings(_env_file=None, shard_ids="1"), UnusedKb(), Prompts(tmp_path))

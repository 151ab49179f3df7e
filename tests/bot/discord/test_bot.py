"""The Bot subclass: what its settings make of it."""

import logging

import discord
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


def test_only_the_message_content_privilege_is_asked_for(tmp_path):
    """The bot asks for Message Content (questions without a mention) but not Server Members or Presences."""
    bot = CommuniqueBot(Settings(_env_file=None), UnusedKb(), Prompts(tmp_path))
    assert bot.intents.message_content and bot.intents.guild_messages
    assert not bot.intents.members and not bot.intents.presences


def test_no_voice_warnings_at_start(tmp_path, monkeypatch, caplog):
    """Making the bot logs nothing about PyNaCl or voice: it never joins a voice channel."""
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True)
    with caplog.at_level(logging.INFO):
        CommuniqueBot(Settings(_env_file=None), UnusedKb(), Prompts(tmp_path))
    assert [r.getMessage() for r in caplog.records] == []

"""Settings from the environment and an env file."""

from __future__ import annotations

import re

import pytest

from bot.settings import Settings, SettingsError, load_settings
from tests.conftest import ROOT


def test_settings_load_from_an_env_file(tmp_path, monkeypatch):
    """Values in a test env file are read, typed, and relative paths start at the current directory."""
    monkeypatch.chdir(tmp_path)
    env = tmp_path / "test.env"
    env.write_text("DISCORD_TOKEN=secret-token\nGUILD_ID=1234\nANSWER_CHANNELS=11, 22,33\n"
                   "CORPUS_DIR=articles\nQUESTION_BURST=5\nLOG_LEVEL=debug\n", encoding="utf-8")
    settings = load_settings(env)
    assert settings.token == "secret-token"
    assert settings.guild_id == 1234
    assert settings.answer_channels == [11, 22, 33]
    assert settings.corpus_dir == tmp_path / "articles"
    assert settings.question_burst == 5
    assert settings.log_level == "DEBUG"


def test_defaults_without_an_env_file(tmp_path, monkeypatch):
    """With no env file and no environment, every setting has its documented default and no token."""
    monkeypatch.chdir(tmp_path)
    settings = load_settings(tmp_path / "absent.env")
    assert settings.discord_token is None
    assert settings.discord_api_base == "https://discord.com/api/v10"
    assert settings.index_dir == tmp_path / "var" / "index"
    assert settings.max_question_chars == 1000
    assert settings.answer_channels == []


def test_environment_overrides_the_env_file(tmp_path, monkeypatch):
    """An environment variable wins over the same setting in the env file."""
    env = tmp_path / "test.env"
    env.write_text("GUILD_ID=1\n", encoding="utf-8")
    monkeypatch.setenv("GUILD_ID", "2")
    assert load_settings(env).guild_id == 2


def test_token_is_not_shown_in_repr(tmp_path):
    """The token never appears when settings are printed or logged."""
    env = tmp_path / "test.env"
    env.write_text("DISCORD_TOKEN=secret-token\n", encoding="utf-8")
    assert "secret-token" not in repr(load_settings(env))


def test_bad_value_names_the_setting(tmp_path):
    """An unusable value raises SettingsError naming the setting, on one line."""
    env = tmp_path / "test.env"
    env.write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="LOG_LEVEL") as error:
        load_settings(env)
    assert "\n" not in str(error.value)


def test_env_example_lists_every_setting():
    """.env.example mentions every setting and loads without error."""
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?\s*([A-Z_]+)=", example, re.MULTILINE))
    assert named == {name.upper() for name in Settings.model_fields}
    assert load_settings(ROOT / ".env.example").discord_token is None

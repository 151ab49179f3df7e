"""A start that Discord refuses ends in one line that says what to fix, never a traceback."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys

import pytest

from bot.discord.bot import run_bot
from bot.discord.startup import StartupError
from bot.prompts import Prompts
from bot.settings import Settings
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def communique(args: list[str], env: dict[str, str], timeout: float = 90) -> tuple[int, str]:
    """Run `communique ARGS` as its own process; its exit code and stderr."""
    async def main():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", *args, env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        _, err = await asyncio.wait_for(process.communicate(), timeout)
        return process.returncode, err.decode()

    return asyncio.run(main())


def bot_env(seed_kb, tmp_path, **values: str) -> dict[str, str]:
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index")
    return {**os.environ, "CORPUS_DIR": str(tmp_path / "corpus"), "INDEX_DIR": str(tmp_path / "index"),
            "MODEL_CACHE_DIR": seed_kb.embedder.cache_dir, "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
            "COLLECTIONS_DIR": str(tmp_path / "collections"), "AUDIT_LOG": str(tmp_path / "audit.jsonl"),
            "COMMUNIQUE_ENV_FILE": os.devnull, "GUILD_ID": "",
            **values}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_wrong_token_is_one_line_naming_where_to_reset_it(fake_discord, run, seed_kb, tmp_path):
    """`communique run` with a token Discord refuses exits 2 with one line: reset the token on the Bot page."""
    env = bot_env(seed_kb, tmp_path, DISCORD_TOKEN="not-the-token", DISCORD_API_BASE=fake_discord.api_base)
    code, err = run(asyncio.to_thread(communique, ["run"], env), timeout=120)
    assert code == 2, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("communique: error: Discord refused the token in DISCORD_TOKEN")
    assert "Reset Token" in last and "not-the-token" not in err


def test_unreachable_discord_is_retried_then_one_line(seed_kb, tmp_path):
    """With nothing listening at DISCORD_API_BASE the bot tries again after 1 s, then stops with one line."""
    base = f"http://127.0.0.1:{free_port()}/api/v10"
    env = bot_env(seed_kb, tmp_path, DISCORD_TOKEN="some-token", DISCORD_API_BASE=base,
                  DISCORD_CONNECT_RETRIES="1", LOG_FORMAT="text")
    code, err = communique(["run"], env)
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert any("trying again in 1s" in line for line in lines)
    assert lines[-1].startswith(f"communique: error: cannot reach Discord at {base}")
    assert "after 2 tries" in lines[-1] and "DISCORD_API_BASE" in lines[-1]


def test_sync_with_a_wrong_token_is_one_line(fake_discord, run, seed_kb, tmp_path):
    """`communique sync` explains a refused token the same way."""
    env = bot_env(seed_kb, tmp_path, DISCORD_TOKEN="not-the-token", DISCORD_API_BASE=fake_discord.api_base)
    code, err = run(asyncio.to_thread(communique, ["sync"], env), timeout=120)
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("communique: error: Discord refused the token")


def test_message_content_intent_switched_off_names_it_and_where(fake_discord, run, seed_kb):
    """When the Developer Portal has Message Content off, the start fails with where to switch it on."""
    fake_discord.privileged_intents_enabled = False
    settings = Settings(_env_file=None, discord_token=fake_discord.token, discord_api_base=fake_discord.api_base)

    async def start():
        with fake_discord.patch_discord():
            await run_bot(settings, seed_kb, Prompts(ROOT / "prompts"))

    with pytest.raises(StartupError) as refused:
        run(start())
    message = str(refused.value)
    assert "Message Content Intent" in message and "Privileged Gateway Intents" in message
    assert "\n" not in message

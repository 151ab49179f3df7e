"""`communique run` as its own process, against the loopback Discord stand-in."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys

import pytest

from tests.e2e.fake_discord import BOT, GENERAL_CHANNEL_ID, GUILD_ID

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_run_connects_answers_and_stops_cleanly(fake_discord, run, seed_kb, tmp_path, stop_signal):
    """The bot finds the gateway through DISCORD_API_BASE, answers, logs JSON without its token, and exits 0."""
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index")
    env = {**os.environ, "DISCORD_TOKEN": fake_discord.token, "DISCORD_API_BASE": fake_discord.api_base,
           "GUILD_ID": str(GUILD_ID), "CORPUS_DIR": str(tmp_path / "corpus"), "INDEX_DIR": str(tmp_path / "index"),
           "COMMUNIQUE_ENV_FILE": os.devnull, "LOG_LEVEL": "INFO", "QUESTION_BURST": "0",
           "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"),
           "COLLECTIONS_DIR": str(tmp_path / "collections"), "AUDIT_LOG": str(tmp_path / "audit.jsonl")}

    async def scenario():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            await fake_discord.wait_until(lambda: fake_discord.synced_commands(GUILD_ID), 60, "the command sync")
            await fake_discord.wait_identified(timeout=30)
            await asyncio.sleep(2.5)  # discord.py waits for guilds before it is ready
            await fake_discord.send_message(f"{BOT.mention} Who did Putin talk to on the telephone?")
            reply = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=30)
            process.send_signal(stop_signal)
            code = await asyncio.wait_for(process.wait(), 20)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        return reply, code, (await process.stderr.read()).decode()

    reply, code, logs = run(scenario(), timeout=120)
    assert "Macron" in json.dumps(reply["embeds"])
    assert code == 0, logs[-2000:]
    entries = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    assert entries, logs[-2000:]
    assert all(entry["level"] and entry["logger"] for entry in entries)
    assert any("shutting down" in entry["message"] for entry in entries)
    assert fake_discord.token not in logs


def test_sync_registers_the_slash_commands_globally(fake_discord, run, seed_kb, tmp_path):
    """`communique sync` logs in, registers every slash command globally and exits 0."""
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index")
    env = {**os.environ, "DISCORD_TOKEN": fake_discord.token, "DISCORD_API_BASE": fake_discord.api_base,
           "GUILD_ID": "", "CORPUS_DIR": str(tmp_path / "corpus"), "INDEX_DIR": str(tmp_path / "index"),
           "COMMUNIQUE_ENV_FILE": os.devnull}

    async def scenario():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "sync", env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 90)
        return process.returncode, out.decode(), err.decode()

    code, out, err = run(scenario(), timeout=120)
    assert code == 0, err[-2000:]
    names = {command["name"] for command in fake_discord.synced_commands(None)}
    assert {"ask", "search", "meetings", "index"} <= names
    assert "synced" in out

"""The examples in README.md and docs/ are the program's real output (docs/generate_examples.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

spec = importlib.util.spec_from_file_location("generate_examples", ROOT / "docs" / "generate_examples.py")
generate_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate_examples)
steady = generate_examples.steady

@pytest.mark.parametrize("name", generate_examples.DOCUMENTS)
def test_examples_match_what_the_program_prints(name, seed_kb, tmp_path):
    """Every `$ communique ...` example shows what that command prints today (run the script to update)."""
    markdown = (ROOT / name).read_text(encoding="utf-8")
    workspace = generate_examples.Workspace(tmp_path, index=seed_kb.index_dir)
    assert steady(generate_examples.regenerate(markdown, workspace)) == steady(markdown), (
        f"{name} is stale: run .venv/bin/python docs/generate_examples.py")


def test_the_readme_shows_its_first_question_and_no_answer():
    """The README's first examples are generated ones: a question and an unanswerable one."""
    commands = [line for block in generate_examples.BLOCK.findall((ROOT / "README.md").read_text("utf-8"))
                for line in block.splitlines() if generate_examples.COMMAND.match(line)]
    assert any("who is meeting Pompeo?" in line for line in commands)
    assert any("capital of Australia" in line for line in commands)


def test_discord_setup_shows_the_lines_the_bot_really_prints():
    """docs/discord.md quotes the start-up failure lines and log lines as the program writes them."""
    import logging

    import discord

    from bot.discord.startup import explain_start_failure
    from bot.logs import JsonFormatter, TextFormatter

    text = (ROOT / "docs" / "discord.md").read_text(encoding="utf-8")
    intents = explain_start_failure(discord.PrivilegedIntentsRequired(0), "https://discord.com/api/v10")
    assert f"communique: error: {intents}" in text
    token = str(explain_start_failure(discord.LoginFailure("Improper token has been passed."), ""))
    assert token.startswith("Discord refused the token in DISCORD_TOKEN:") and "Bot → Reset Token" in token
    assert "`communique: error: Discord refused the token in DISCORD_TOKEN: … Bot → Reset Token …`" in text
    record = logging.LogRecord("discord.client", logging.INFO, __file__, 1, "logging in using static token",
                               None, None)
    endings = ("logging in using static token", '"message": "logging in using static token"}')
    shown = [line for line in text.splitlines() if line.endswith(endings)]
    plain, structured = TextFormatter().format(record), JsonFormatter().format(record)
    assert [line.split(" ", 1)[1] for line in shown[:1]] == [plain.split(" ", 1)[1]]
    assert [steady(line) for line in shown[1:]] == [steady(structured)]


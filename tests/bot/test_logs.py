"""The bot's logs: readable on a terminal, JSON when asked or when not a terminal, the token never shown."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logs import configure_bot_logging

TOKEN = "MTIzNDU2Nzg5.secret-token-value"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def log_a_failure() -> None:
    try:
        raise RuntimeError(f"request with Authorization: Bot {TOKEN} failed")
    except RuntimeError:
        logging.getLogger("bot.discord.bot").exception("start failed for %s", TOKEN)


def test_a_terminal_gets_readable_lines(restore_logging):
    """On a terminal (LOG_FORMAT=auto) a line reads `HH:MM:SS level logger: message`, not JSON."""
    stream = Terminal()
    configure_bot_logging("INFO", TOKEN, stream)
    logging.getLogger("bot.discord.bot").info("ready as communique in %d guild(s)", 2)
    line = stream.getvalue().splitlines()[0]
    assert not line.startswith("{")
    assert line.split(" ", 1)[1] == "info    bot.discord.bot: ready as communique in 2 guild(s)"


@pytest.mark.parametrize(("stream", "log_format"), [(io.StringIO(), "auto"), (Terminal(), "json")])
def test_json_when_not_a_terminal_or_when_asked(restore_logging, stream, log_format):
    """Piped or collected (auto), or with LOG_FORMAT=json, each line is one JSON object."""
    configure_bot_logging("INFO", TOKEN, stream, log_format)
    logging.getLogger("discord.client").info("logging in using static token")
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert entry["level"] == "info" and entry["logger"] == "discord.client"
    assert entry["message"] == "logging in using static token"


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_token_is_redacted_in_messages_and_tracebacks(restore_logging, log_format):
    """The token never appears, neither in the message nor in the exception text of a traceback."""
    stream = io.StringIO()
    configure_bot_logging("INFO", TOKEN, stream, log_format)
    log_a_failure()
    text = stream.getvalue()
    assert "RuntimeError" in text and "[token]" in text
    assert TOKEN not in text

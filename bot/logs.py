"""Logging setup: the bot logs readable lines on a terminal and one JSON object per line elsewhere (the
token never written out); the command line writes plain `communique: level: message` lines."""

from __future__ import annotations

import json
import logging
import time
import warnings
from typing import Any, TextIO

REDACTED = "[token]"
NOISY_LOGGERS = ("bm25s", "sentence_transformers", "transformers", "httpx", "httpcore", "huggingface_hub",
                 "urllib3", "filelock", "faiss", "torch")
PAGE_READERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """For a person at a terminal: `09:46:57 info    bot.discord.bot: ready as communique#0001`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname_lower)-7s %(name)s: %(message)s", datefmt="%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        record.levelname_lower = record.levelname.lower()
        return super().format(record)


class RedactingFormatter(logging.Formatter):
    """Another formatter's output with the secrets replaced, exception text and tracebacks included."""

    def __init__(self, inner: logging.Formatter, *secrets: str | None):
        super().__init__()
        self.inner = inner
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def wants_json(log_format: str, stream: TextIO) -> bool:
    """LOG_FORMAT=json or text as asked; auto: text on a terminal, JSON lines for a file or a collector."""
    if log_format == "auto":
        return not isatty(stream)
    return log_format == "json"


def configure_bot_logging(level: str, token: str | None, stream: TextIO, log_format: str = "auto") -> None:
    """The bot's logs on stream at level, the token never written; discord.py's chatter from INFO up."""
    handler = logging.StreamHandler(stream)
    inner = JsonFormatter() if wants_json(log_format, stream) else TextFormatter()
    handler.setFormatter(RedactingFormatter(inner, token))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.getLevelName(level))
    for name in ("discord.http", "discord.gateway"):
        logging.getLogger(name).setLevel(max(logging.getLevelName(level), logging.INFO))
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.getLevelName(level), logging.WARNING))


class _CliFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"communique: {record.levelname.lower()}: {record.getMessage()}"


def configure_cli_logging(level: int, stream: TextIO) -> None:
    """Plain `communique: level: message` lines on stream; third-party chatter only from WARNING up."""
    root = logging.getLogger()
    if not root.handlers:  # leave a host's logging (pytest, an embedding app) alone
        handler = logging.StreamHandler(stream)
        handler.setFormatter(_CliFormatter())
        handler.setLevel(level)  # some libraries set their own loggers to DEBUG
        root.addHandler(handler)
        root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    # the page readers' complaints are not the user's error: the CLI says what failed in its own line
    for name in PAGE_READERS:
        logging.getLogger(name).setLevel(level if level <= logging.DEBUG else logging.CRITICAL)
    # the CLI prints the skipped files of a build itself
    for name in ("index.corpus.documents", "index.corpus.metadata"):
        logging.getLogger(name).setLevel(max(level, logging.ERROR))
    if level > logging.DEBUG:
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)

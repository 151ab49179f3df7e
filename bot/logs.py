"""Logging setup: the bot logs one JSON object per line (the token never written out); the command
line writes plain `communique: level: message` lines."""

from __future__ import annotations

import json
import logging
import time
import warnings
from typing import TextIO

REDACTED = "[token]"
NOISY_LOGGERS = ("bm25s", "sentence_transformers", "transformers", "httpx", "httpcore", "huggingface_hub",
                 "urllib3", "filelock", "faiss", "torch")
PAGE_READERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


class JsonFormatter(logging.Formatter):
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


class RedactSecrets(logging.Filter):
    """Replaces the given secrets wherever they would appear in a log line."""

    def __init__(self, *secrets: str | None):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        text = message
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        if text != message:
            record.msg, record.args = text, None
        return True


def configure_bot_logging(level: str, token: str | None, stream: TextIO) -> None:
    """JSON lines on stream at level; discord.py's own chatter from INFO up."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecrets(token))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.getLevelName(level))
    for name in ("discord.http", "discord.gateway", "bm25s", "sentence_transformers", "transformers", "httpx",
                 "urllib3", "filelock", "huggingface_hub"):
        logging.getLogger(name).setLevel(max(logging.getLevelName(level), logging.INFO))


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

"""The bot's logs: one JSON object per line, with the token never written out."""

from __future__ import annotations

import json
import logging
import time
from typing import TextIO

REDACTED = "[token]"


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

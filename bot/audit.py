"""The audit log: one JSON line per change to the articles, and per refused attempt, saying where
(server), who (user), what (action, collection, article) and how it ended (outcome)."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditEntry:
    server_id: int | None      # None: the command line or a direct message
    server: str | None         # the server's name when known
    user_id: int | None
    user: str                  # a Discord user's name, or the operating-system user on the command line
    action: str                # add, remove, refresh, collection-remove
    collection: str            # shared or guild-<id>
    article: str | None        # the doc id or the file or address added
    outcome: str               # done, failed: <why>, refused: <why>
    time: str = ""


class AuditLog:
    """Appends entries to a JSON-lines file (AUDIT_LOG); safe to call from several threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def record(self, entry: AuditEntry) -> AuditEntry:
        stamped = AuditEntry(**{**asdict(entry), "time": datetime.now(UTC).isoformat(timespec="seconds")})
        line = json.dumps(asdict(stamped), ensure_ascii=False)
        log.info("audit: %s", line)
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
        except OSError as error:  # the change itself stands; the log line above keeps the record
            log.warning("cannot write the audit log %s: %s", self.path, error.strerror or error)
        return stamped

    def entries(self, collection: str | None = None) -> list[AuditEntry]:
        """The recorded entries, oldest first (those of one collection when given); bad lines skipped."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        out = []
        for line in lines:
            try:
                entry = AuditEntry(**json.loads(line))
            except (ValueError, TypeError):
                continue
            if collection is None or entry.collection == collection:
                out.append(entry)
        return out

"""One writer at a time per index directory, across processes: a `filelock` lock file in it.

Several processes may share an index directory (the bot's shards, a moderator's CLI). Whoever changes
the corpus or rebuilds the index holds the lock for the whole change, so builds never race and every
change that reports success is in the build that follows it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from index.errors import IndexWriteError

log = logging.getLogger(__name__)

LOCK_NAME = ".writer.lock"
NOTICE_AFTER_SECONDS = 0.5


@contextmanager
def index_writer(index_root: Path) -> Iterator[None]:
    """Held while the corpus changes and the index is rebuilt; another process waits for its turn.

    IndexWriteError when the index directory cannot hold the lock file (not a directory, read-only).
    """
    index_root = Path(index_root)
    if index_root.exists() and not index_root.is_dir():
        raise IndexWriteError(index_root, "it is a file, not a directory")
    try:
        index_root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(index_root / LOCK_NAME)
        try:
            lock.acquire(timeout=NOTICE_AFTER_SECONDS)
        except Timeout:
            log.warning("waiting for another process that is changing the index in %s", index_root)
            lock.acquire()
    except OSError as error:
        raise IndexWriteError(index_root, error) from error
    try:
        yield
    finally:
        lock.release()

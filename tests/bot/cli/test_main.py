"""`communique` itself: the parser, --help without the engine, and one error line for a user's mistake."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED_CORPUS, SEED_DOC

HEAVY_MODULES = ("torch", "sentence_transformers", "faiss", "matplotlib")


def run_python(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COMMUNIQUE_ENV_FILE=os.devnull)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.mark.parametrize("argv", [["--help"], ["ask", "--help"], ["index", "build", "--help"]])
def test_help_does_not_import_the_engine(argv):
    """`communique --help` (and a command's --help) prints usage without torch, ST, FAISS or matplotlib."""
    result = run_python(
        "-c",
        "import sys\n"
        "from bot.cli import main\n"
        f"code = main({argv!r})\n"
        f"loaded = [m for m in {HEAVY_MODULES!r} if m in sys.modules]\n"
        "assert code == 0, code\n"
        "assert not loaded, loaded\n")
    assert result.returncode == 0, result.stderr
    assert "usage: communique" in result.stdout


def test_empty_question_is_one_error_line_without_loading_the_model(tmp_path):
    """An empty question exits 2 with one stderr line, before any index is built or model loaded."""
    result = run_python("-m", "bot.cli", "ask", "", "--corpus", str(SEED_CORPUS), "--index", str(tmp_path / "i"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["communique: error: the question is empty"]
    assert not (tmp_path / "i").exists()


def test_usage_error_exits_2(cli):
    """An unknown command is a usage error: exit 2, no traceback."""
    result = cli("frobnicate")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_bad_setting_is_one_error_line(cli, monkeypatch, tmp_path):
    """A setting with an unusable value exits 2 with one line naming the setting."""
    monkeypatch.setenv("GUILD_ID", "not-a-number")
    result = cli("source", SEED_DOC, "--corpus", SEED_CORPUS, "--index", tmp_path / "index")
    assert result.code == 2
    [line] = result.err_lines
    assert line.startswith("communique: error: invalid setting GUILD_ID")


def test_python_dash_m_runs_the_command_line():
    """`python -m bot.cli --version` prints the program's name and version."""
    result = run_python("-m", "bot.cli", "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("communique ")

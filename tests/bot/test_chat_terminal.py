"""The chat at a real terminal (a pseudo-terminal): line editing, history, Ctrl-L, folding."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

from bot.chat import PROMPT
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


class Terminal:
    """`communique ARGS` (chat by default) on a pseudo-terminal of 60 columns: type keys, read the
    screen's bytes."""

    def __init__(self, seed_kb, home, *args: str):
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 60, 0, 0))
        env = {**os.environ, "HOME": str(home), "TERM": "xterm", "COLUMNS": "60", "LINES": "40",
               "COMMUNIQUE_ENV_FILE": os.devnull, "MODEL_CACHE_DIR": seed_kb.embedder.cache_dir}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", *(args or ["chat"]), "--corpus", str(seed_kb.corpus_dir),
             "--index", str(seed_kb.index_dir)], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
            start_new_session=True)
        os.close(slave)
        self.screen = b""

    def read_until(self, text: bytes, timeout: float = 60) -> bytes:
        deadline = time.monotonic() + timeout
        start = len(self.screen)
        while text not in self.screen[start:]:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} never appeared in {self.screen[-500:]!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                self.screen += os.read(self.master, 65536)
        return self.screen[start:]

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> int:
        self.type(b"\x04")  # Ctrl-D
        try:
            return self.process.wait(20)
        finally:
            os.close(self.master)


@pytest.fixture
def terminal(seed_kb, tmp_path):
    session = Terminal(seed_kb, tmp_path)
    yield session
    if session.process.poll() is None:
        session.process.kill()
        session.process.wait()


def test_up_arrow_brings_back_the_last_question_and_history_is_kept(terminal, tmp_path):
    """Up-arrow recalls the previous question (no ^[[A printed); the history file keeps it for next time."""
    prompt = PROMPT.encode()
    terminal.read_until(prompt)
    terminal.type(b"who is meeting Pompeo?\r")
    first = terminal.read_until(prompt)
    assert b"[1]" in first
    terminal.type(b"\x1b[A\r")
    again = terminal.read_until(prompt)
    assert b"^[[A" not in again and b"who is meeting Pompeo?" in again and b"[1]" in again
    assert terminal.close() == 0
    assert "who is meeting Pompeo?" in (tmp_path / ".communique_history").read_text(encoding="utf-8")


def test_ctrl_l_clears_the_screen_and_lines_fit_the_width(terminal):
    """Ctrl-L sends the terminal's clear-screen sequence; answers are folded at its 60 columns."""
    prompt = PROMPT.encode()
    terminal.read_until(prompt)
    terminal.type(b"who is meeting Pompeo?\r")
    answer = terminal.read_until(prompt).decode("utf-8", "replace")
    lines = [line for line in answer.replace("\r", "").split("\n") if PROMPT not in line]
    assert lines and max(len(line) for line in lines) <= 60
    terminal.type(b"\x0c")
    assert b"\x1b[2J" in terminal.read_until(b"\x1b[2J", timeout=10)
    assert terminal.close() == 0


def test_ask_at_a_terminal_is_folded_at_its_width(seed_kb, tmp_path):
    """`communique ask` on a 60-column terminal prints no line longer than 60 characters."""
    session = Terminal(seed_kb, tmp_path, "ask", "who is meeting Pompeo?")
    try:
        session.read_until(b"paragraph 8", timeout=60)
        assert session.process.wait(20) == 0
    finally:
        os.close(session.master)
    lines = session.screen.decode("utf-8", "replace").replace("\r", "").split("\n")
    assert any("[1]" in line for line in lines)
    assert max(len(line) for line in lines) <= 60

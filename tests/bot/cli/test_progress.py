"""Progress of a build on stderr."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from bot.cli.progress import StageProgress


def test_without_a_terminal_each_stage_starts_and_ends_on_its_own_line():
    """Piped stderr gets a heading, then a start line and a done line per stage."""
    stream = StringIO()
    progress = StageProgress(stream, Path("/elsewhere/articles"), tty=False)
    progress("reading", 0, 2)
    progress("reading", 2, 2)
    progress("embedding", 0, 40)
    progress("embedding", 40, 40)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "building the index for /elsewhere/articles/ (2 articles)…"
    assert lines[1] == "  reading (2)…"
    assert lines[2].startswith("  reading done in ")
    assert lines[3] == "  embedding (40)…"
    assert lines[4].startswith("  embedding done in ")
    assert len(lines) == 5

"""The terminal chat loop: questions, /commands, errors, and the ways out."""

from __future__ import annotations

from io import StringIO

import pytest

from bot.chat import PROMPT, Chat
from bot.prompts import Prompts
from tests.conftest import ROOT, SEED_DOC

PROMPTS = Prompts(ROOT / "prompts")


def chat(kb, text: str, interactive: bool = False, **size) -> tuple[int, str]:
    out = StringIO()
    code = Chat(kb, PROMPTS, StringIO(text), out, interactive=interactive, **size).run()
    return code, out.getvalue()


class NoKnowledge:
    """Stands in for a KnowledgeBase in tests that never reach it."""

    def __getattr__(self, name):
        raise AssertionError(f"the chat should not have used kb.{name}")


@pytest.mark.slow
def test_plain_line_is_answered(seed_kb):
    """A line that is not a command is asked as a question and answered with numbered quotes."""
    code, out = chat(seed_kb, "who is meeting Pompeo?\n")
    assert code == 0
    assert "[1]" in out
    assert "paragraph" in out


def test_help_lists_the_commands():
    """/help prints the help template, naming every command."""
    _, out = chat(NoKnowledge(), "/help\n")
    for command in ("/ask", "/search", "/sources", "/source", "/help", "/quit"):
        assert command in out


@pytest.mark.slow
def test_sources_lists_the_articles(seed_kb):
    """/sources lists each article's id and title."""
    _, out = chat(seed_kb, "/sources\n")
    assert SEED_DOC in out
    assert "Karabakh Conflict" in out


@pytest.mark.slow
def test_source_with_paragraph_prints_that_paragraph(seed_kb):
    """/source DOC N prints paragraph N of the article."""
    _, out = chat(seed_kb, f"/source {SEED_DOC} 8\n")
    assert "The pair will also meet Secretary Pompeo" in out
    assert "Moscow–" not in out


@pytest.mark.slow
def test_search_prints_passages(seed_kb):
    """/search QUERY prints numbered passages."""
    _, out = chat(seed_kb, "/search Lavrov\n")
    assert out.startswith("1. ")
    assert "Lavrov" in out


def test_quit_stops_reading():
    """/quit ends the chat; later lines are not read."""
    code, out = chat(NoKnowledge(), "/quit\nwho is meeting Pompeo?\n")
    assert code == 0
    assert out == ""


@pytest.mark.slow
def test_errors_print_one_line_and_the_chat_goes_on(seed_kb):
    """An unknown article prints one error line; the next question is still answered."""
    _, out = chat(seed_kb, "/source no-such-article\n/sources\n")
    lines = out.splitlines()
    assert lines[0].startswith("error: no article with id 'no-such-article'")
    assert any(SEED_DOC in line for line in lines[1:])


def test_unknown_command_is_explained():
    """An unknown /command says so and points at /help."""
    _, out = chat(NoKnowledge(), "/frobnicate\n")
    assert out.strip() == "unknown command /frobnicate; /help lists the commands"


def test_end_of_input_exits_cleanly():
    """End of input ends the chat with exit code 0; interactive mode shows the prompt."""
    code, out = chat(NoKnowledge(), "", interactive=True)
    assert code == 0
    assert out.startswith(PROMPT)


def test_ctrl_c_exits_cleanly():
    """Ctrl-C (KeyboardInterrupt while reading) ends the chat with exit code 0."""

    class Interrupted(StringIO):
        def readline(self, *args):
            raise KeyboardInterrupt

    out = StringIO()
    assert Chat(NoKnowledge(), PROMPTS, Interrupted(), out).run() == 0


@pytest.mark.slow
def test_replies_are_folded_at_the_terminal_width(seed_kb):
    """With a 60-column terminal no line of an answer is longer than 60 characters; quotes stay whole."""
    _, out = chat(seed_kb, "who is meeting Pompeo?\n", width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "Karabakh Conflict: Diplomatic" in out
    _, unfolded = chat(seed_kb, "who is meeting Pompeo?\n")
    assert " ".join(out.split()) == " ".join(unfolded.split())


@pytest.mark.slow
def test_source_shows_a_page_then_more(seed_kb):
    """/source DOC shows the first paragraphs and how to go on; /more shows the next ones, to the end."""
    document = seed_kb.source(SEED_DOC)
    last = document.paragraphs[-1]
    _, out = chat(seed_kb, f"/source {SEED_DOC}\n")
    assert "[1] " in out and f"[{last.number}] " not in out
    assert f"of {len(document.paragraphs)}; /more for the next ones" in out
    _, out = chat(seed_kb, f"/source {SEED_DOC}\n" + "/more\n" * len(document.paragraphs))
    assert f"[{last.number}] {document.text[last.start:last.end]}" in out
    assert "nothing more to show" in out


@pytest.mark.slow
def test_source_pages_fit_the_terminal_height(seed_kb):
    """On a 24-line terminal a /source page (with its hint) fits on the screen."""
    _, out = chat(seed_kb, f"/source {SEED_DOC}\n", width=80, height=24)
    assert len(out.rstrip("\n").splitlines()) <= 24
    assert "/more for the next ones" in out


def test_end_of_input_is_reported():
    """A chat ended by end of input says so through at_end_of_input; /quit does not."""
    ended = Chat(NoKnowledge(), PROMPTS, StringIO(""), StringIO())
    ended.run()
    quit_ = Chat(NoKnowledge(), PROMPTS, StringIO("/quit\n"), StringIO())
    quit_.run()
    assert ended.at_end_of_input and not quit_.at_end_of_input

"""The terminal rendering of answers and meeting records."""

from __future__ import annotations

import pytest

from bot import render
from bot.prompts import Prompts
from index.answers.compose import Answer, Citation
from tests.conftest import ROOT

PROMPTS = Prompts(ROOT / "prompts")


def citation(n: int = 1, url: str | None = None) -> Citation:
    return Citation(n, "talks", "Talks in Geneva", 3, 10, 40, "The envoys met in Geneva on Monday.", url)


def test_unanswered_shows_the_engine_text_with_the_search_hint():
    """An unanswered question shows what the engine says the articles lack, then the hint to /search."""
    answer = Answer("when did Pompeo meet Putin?", False, "The articles report no meeting between Pompeo and Putin.")
    text = render.answer_text(answer, PROMPTS)
    assert text.startswith("The articles report no meeting between Pompeo and Putin.")
    assert "/search" in text


def test_unanswered_json_carries_the_engine_text():
    """answer_data keeps the engine's plain-words text in "answer" when the question was not answered."""
    answer = Answer("q", False, "The articles do not answer this question.")
    assert render.answer_data(answer)["answer"] == "The articles do not answer this question."


def test_answer_lists_quotes_with_title_and_paragraph():
    """An answer renders its text, then each quote numbered with title and paragraph."""
    answer = Answer("where?", True, "In Geneva [1].", (citation(),), 0.9)
    text = render.answer_text(answer, PROMPTS)
    assert text.startswith("In Geneva [1].\n")
    assert "[1] “The envoys met in Geneva on Monday.”" in text
    assert "Talks in Geneva, paragraph 3" in text


def test_citation_url_is_shown_only_when_present():
    """A citation's url gets its own line when there is one, and no empty line when there is not."""
    linked = citation(url="https://example.org/a")
    with_url = render.answer_text(Answer("q", True, "a [1]", (linked,)), PROMPTS)
    without = render.answer_text(Answer("q", True, "a [1]", (citation(),)), PROMPTS)
    assert "https://example.org/a" in with_url
    assert len(with_url.splitlines()) == len(without.splitlines()) + 1


@pytest.fixture(scope="module")
def pompeo_meeting():
    from index.corpus.documents import load_document
    from index.meetings.extract import extract_meetings

    meetings = extract_meetings(load_document(ROOT / "corpus" / "karabakh-diplomacy.txt"))
    [meeting] = [m for m in meetings if any(p.matches("Pompeo") for p in m.counterparts)]
    return meeting


def test_meeting_line_reads_as_one_sentence(pompeo_meeting):
    """A meeting's line is one English sentence: who will meet whom, where, when, how; notes after it."""
    line = render.meeting_line(pompeo_meeting)
    assert "\n" not in line
    assert line == ("Armenian Foreign Minister Zohrab Mnatsakanyan and Azerbaijani Foreign Minister Jeyhun Bayramov "
                    "will meet US Secretary of State Mike Pompeo in Washington on Friday (2020-10-23), in separate "
                    "meetings; trilateral meeting ruled out.")


def test_meeting_text_gives_each_quote_once(pompeo_meeting):
    """The terminal lists each quoted sentence once, with every field it supports."""
    text = render.meeting_text(pompeo_meeting, {})
    quotes = [line for line in text.splitlines() if "“" in line]
    assert len(quotes) == len({q.split(": “", 1)[1] for q in quotes})
    assert any("place" in q.split(": “")[0] and "," in q.split(": “")[0] for q in quotes)


def test_no_meetings_names_the_person_and_place():
    """With no record found, the no_meetings template names what was asked for."""
    assert render.meetings_text([], {}, PROMPTS, "Pompeo", "Moscow") == "No meetings found for Pompeo in Moscow."
    assert render.meetings_text([], {}, PROMPTS) == "No meetings found."


def test_an_abstention_lists_its_quotes_as_related_not_as_an_answer():
    """Related quotes of an abstention come under a heading that says they are not an answer."""
    answer = Answer("who met in Rome?", False, "Nothing the articles say about this mentions Rome. Related: x [1]",
                    (citation(),))
    text = render.answer_text(answer, PROMPTS)
    assert "Related passages (not an answer):" in text and "The envoys met in Geneva on Monday." in text
    assert text.index("Nothing the articles say") < text.index("Related passages")


def test_a_one_sentence_answer_shows_its_quote_once():
    """An answer that is its one quote is printed once, then its source, without the quote again."""
    quote = "“We agreed,” the minister said in Geneva on Monday."
    answer = Answer("who agreed?", True, f"{quote} [1]",
                    (Citation(1, "talks", "Talks in Geneva", 3, 10, 60, quote, None),), 0.9)
    text = render.answer_text(answer, PROMPTS)
    assert text.count("We agreed") == 1
    assert "[1] — Talks in Geneva, paragraph 3" in text


def test_a_quote_opening_with_a_quotation_mark_is_not_quoted_twice():
    """A quote that opens with “ is shown as it is, never as ““…”."""
    quoted = Citation(2, "talks", "Talks in Geneva", 4, 0, 30, "“Talks resume,” the envoy said.", None)
    answer = Answer("q", True, "The envoys met in Geneva on Monday [1]. Talks resume [2].",
                    (citation(), quoted), 0.9)
    text = render.answer_text(answer, PROMPTS)
    assert "[2] “Talks resume,” the envoy said." in text and "““" not in text
    assert "[1] “The envoys met in Geneva on Monday.”" in text


def test_wrap_keeps_quotes_and_sources_aligned():
    """Folded lines go on under the quote's first word, and an address is never broken."""
    url = "https://example.com/" + "a" * 70
    text = "[12] “" + "word " * 30 + "”\n    — Talks in Geneva, paragraph 3\n    " + url
    lines = render.wrap(text, 40).splitlines()
    assert all(len(line) <= 40 for line in lines if url not in line)
    assert lines[1].startswith("     word") and url in lines[-1]


def test_trips_calls_and_called_off_meetings_read_as_sentences(tmp_path):
    """A cancelled trip, a call and a ruled-out body's meeting each read as one plain sentence."""
    from index.meetings.extract import extract_meetings
    from tests.index.meetings.support import write

    doc = write(tmp_path, "News\n\nOSLO, May 2 - Foreign Minister Ola Berg has called off a trip tomorrow to Canada, "
                          "officials said.\n\nPresident Ana Ruiz spoke by telephone with Italian Prime Minister Carlo "
                          "Neri on Tuesday.\n\nThe minister said there were no plans for an emergency OPEC meeting.\n",
                "2024-05-02")
    lines = [render.meeting_line(m) for m in extract_meetings(doc)]
    assert "Foreign Minister Ola Berg's visit to Canada tomorrow (2024-05-03) was cancelled." in lines
    assert any(line.startswith("President Ana Ruiz spoke by telephone with Italian Prime Minister Carlo Neri")
               for line in lines)
    assert "A meeting of OPEC was ruled out." in lines

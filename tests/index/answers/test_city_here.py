"""'In which city …?' answered by "a meeting here": the city is the dateline's, named and cited beside the
quote; without a dateline, no city."""

from __future__ import annotations

import pytest

from index.answers.compose import Answer, Citation
from index.answers.datelines import here_named
from index.corpus.documents import load_document
from index.meetings.facts import dateline_place
from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

CREDITS = ("Wine and credits\n\nPARIS, March 31 - Wine exports rose sharply last year, the growers' federation said."
           "\n\nMembers of the export credit group agreed new rules on subsidised loans, officials said.\n\n"
           "Some governments had linked their approval to other credit issues which would be discussed at a meeting "
           "here in mid-April, they added.\n")
FISHING = ("Fishing quotas\n\nNorthern fishing nations set new cod quotas for the coming season.\n\nThe fisheries "
           "ministers will review the cod quotas at a meeting here in May, a spokeswoman said.\n")


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"credits.txt": CREDITS, "fishing.txt": FISHING})


def test_a_meeting_here_is_in_the_datelines_city(story_kb):
    answer = story_kb.ask("In which city will the mid-April export credit meeting be held?")
    assert answer.answered and "meeting here in mid-April" in answer.answer
    assert "PARIS" in answer.answer.upper() and any(c.quote.startswith("PARIS, March 31") for c in answer.citations)


def test_a_reply_quoting_here_names_the_datelines_city_beside_it(tmp_path):
    """Where the quotes say only "here", the reply adds the dateline's city, cited."""
    path = tmp_path / "credits.txt"
    path.write_text(CREDITS, encoding="utf-8")
    document = load_document(path)
    paragraph = document.paragraphs[-1]
    quote = document.text[paragraph.start:paragraph.end].strip()
    cited = Citation(1, document.doc_id, document.title, paragraph.number, paragraph.start,
                     paragraph.start + len(quote), quote, None)
    answer = Answer("Where will the credit issues be discussed?", True, f"{quote} [1]", (cited,), 0.9)
    named = here_named(answer, dateline_place(document), {document.doc_id: document})
    assert named.answer == f"{quote} [1] (“here”: Paris [2])"
    assert named.citations[1].quote.startswith("PARIS, March 31") and named.principal == (cited,)


def test_a_meeting_here_without_a_dateline_names_no_city(story_kb):
    answer = story_kb.ask("In which city will the fisheries ministers review the cod quotas?")
    assert not answer.answered and answer.answer.startswith("The passages that speak of this name no city.")

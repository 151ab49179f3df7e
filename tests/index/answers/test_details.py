"""A second sentence quoted beside the answer as detail, asked of two small invented news stories with the real
model and index: it may hold what the question asks for, but what the question takes for granted must be
held by the answer itself."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

TOUR = """Chancellor opens Africa tour in Kenya

NAIROBI, March 2 - Finance Minister Anna Holt has opened a week-long tour of Africa with a visit to a school in Nairobi, promising more aid for education.

Ms Holt will see a clinic in Uganda and a farming co-operative in Malawi before chairing a meeting of the Africa Aid Commission in Durban.

Her aides say she wants to learn how the region's governments pay for free primary schooling.
"""

REFORM = """Chancellor calls for budget rule reform

BERLIN, Jan 17 - German Chancellor Karl Weiss has called for reform of the EU's budget rules to give governments more room to borrow in hard times.

Writing in the Frankfurter Rundschau, Mr Weiss said finance ministers should judge each country's deficit case by case.

The rules were agreed in 1997 to protect the euro. French ministers have asked for the same reform.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"holt-africa-tour.txt": TOUR, "weiss-budget-rules.txt": REFORM})


@pytest.mark.slow
def test_the_detail_beside_the_summary_holds_the_answer(story_kb):
    """The opening summary speaks most of the question; the paragraph after it names the newspaper, and is
    quoted beside it, cited to its own paragraph."""
    answer = story_kb.ask("In which newspaper did Weiss set out his call for reform of the budget rules?")
    assert answer.answered and "Frankfurter Rundschau" in answer.answer
    assert [c.paragraph for c in answer.citations] == [2, 3]
    assert len(answer.answer) <= 300
    assert "details" not in answer.to_json()


@pytest.mark.slow
def test_a_premise_only_the_detail_holds_is_not_supported(story_kb):
    """Uganda is named only in the sentence quoted as detail, not in the one answering "what did she
    promise": the reply abstains, says that only the detail names Uganda (not that nothing does: the
    detail is shown) and shows both as related passages."""
    answer = story_kb.ask("What did Holt promise when she visited Uganda?")
    assert not answer.answered
    assert answer.answer.startswith("The passages that best answer this do not mention Uganda; only [2]")
    assert "promising more aid" in answer.answer and answer.citations


@pytest.mark.slow
def test_an_office_holder_the_article_names_is_the_one_quoted(story_kb):
    """"The German chancellor" is Karl Weiss, as the article's opening calls him: a quote saying "Mr Weiss"
    holds him. Nobody the article calls the French president is quoted."""
    answer = story_kb.ask("How should finance ministers judge deficits, according to the German chancellor?")
    assert answer.answered and "case by case" in answer.answer
    assert answer.citations[0].quote.startswith("Writing in the Frankfurter Rundschau")
    answer = story_kb.ask("How should finance ministers judge deficits, according to the French president?")
    assert not answer.answered and "French" in answer.answer

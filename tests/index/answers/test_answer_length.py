"""An answer fits the 300 characters a user reads first, and what is cut is cut cleanly: an earlier sentence
quoted for who "he" is takes the room left, or is left out when too little is left; a quote starts before a
newswire dateline or after it, never inside it."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

LONG_LEAD = """Finance minister tours the northern provinces

KANO, May 4 - Nigerian Finance Minister Adebayo Okonkwo-Bello, who took office in January after a reshuffle that also replaced the ministers of trade, agriculture and petroleum resources, arrived in the northern city of Kano on Monday at the start of a ten-day tour of the region's farming cooperatives and grain markets.

He will open a new grain exchange in Kaduna on Thursday, where traders have waited three years for a covered market hall, cold storage for perishable produce, a weighing station certified by the standards agency and an office of the federal farm credit bank.

Grain prices rose in the region last month.
"""

SHORT_LEAD = """Minister visits port

LAGOS, May 5 - Transport Minister Ngozi Eze visited Apapa port on Tuesday.

She said the new container terminal would open in June, after a delay of two years caused by a dispute over dredging contracts.
"""


QUOTAS = """Fishing quota talks stall

BRUSSELS, June 29 - A specially convened Franco-Italian meeting on the sidelines of a summit of EU leaders failed to make any progress over a 2019-20 fishing quota package that has deeply split the two neighbours, diplomats said.

EU fisheries ministers are due to resume negotiations on the quota package, which should have been agreed by a May 1 deadline, tomorrow.
"""

SUMMIT = """Prime minister at Brussels summit

Prime Minister Ann Cole is at a summit in Brussels, where trade and migration plans are on the agenda of the two-day meeting of the bloc's leaders, who are also expected to discuss the budget.

BRUSSELS, June 17 - European leaders meeting here on Thursday failed to agree on a common approach to the asylum rules that have split the bloc's northern and southern members for more than two years, officials said.
"""


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"okonkwo-tour.txt": LONG_LEAD, "eze-port.txt": SHORT_LEAD,
                                             "quota-talks.txt": QUOTAS, "brussels-summit.txt": SUMMIT})


@pytest.mark.slow
def test_an_answer_leaning_on_a_long_earlier_sentence_fits_300_characters(story_kb):
    answer = story_kb.ask("Where will the grain exchange be opened?")
    assert answer.answered and "Kaduna" in answer.answer
    assert len(answer.answer) <= 300


@pytest.mark.slow
def test_a_short_earlier_sentence_is_still_quoted_for_who_she_is(story_kb):
    answer = story_kb.ask("When will the new container terminal open?")
    assert answer.answered and "June" in answer.answer
    assert "Ngozi Eze" in answer.answer and len(answer.answer) <= 300


@pytest.mark.slow
def test_a_quote_cut_from_a_dateline_story_starts_after_the_dateline(story_kb):
    answer = story_kb.ask("When will the fishing quota package negotiations resume?")
    assert answer.answered and "tomorrow" in answer.answer
    assert len(answer.citations) == 2 and len(answer.answer) <= 300
    assert not any(c.quote.startswith(("June", "29")) for c in answer.citations)


@pytest.mark.slow
def test_a_second_quote_cut_to_a_scrap_is_left_out(story_kb):
    """Little room is left beside a long answer: a dateline alone ("BRUSSELS, June 29 -") is no quote."""
    answer = story_kb.ask("What is on the agenda of the Brussels summit?")
    assert answer.answered and "trade and migration plans" in answer.answer
    assert all(len(c.quote) >= 20 for c in answer.citations)


def test_a_quote_cut_inside_its_sentence_shows_where_it_was_cut():
    from index.answers.quotes import shown

    text = ("Talks fail\n\nThe drafting of options follows the failure of high-level talks to resolve the case, "
            "officials said.\n\nA decision is likely soon")
    cut_at_word = text.index(" high-level")
    assert shown(text, text.index("The drafting"), cut_at_word) == "The drafting of options follows the failure of…"
    assert shown(text, text.index("The drafting"), text.index(",")).endswith("the case…")
    assert shown(text, text.index("The drafting"), text.index("\n\nA decision")) == text[
        text.index("The drafting"):text.index("\n\nA decision")]  # the whole sentence
    assert shown(text, text.index("A decision"), len(text)) == "A decision is likely soon"  # the paragraph's end

"""An answer that leans on an earlier sentence for who "he" is still fits the 300 characters a user reads
first: the earlier sentence is cut to the room left, or left out when too little is left."""

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


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"okonkwo-tour.txt": LONG_LEAD, "eze-port.txt": SHORT_LEAD})


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

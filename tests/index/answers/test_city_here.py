"""'In which city …?' answered by "a meeting here": the city is the dateline's; without a dateline, no city."""

from __future__ import annotations

import pytest

from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

CREDITS = ("Export credit deal\n\nPARIS, March 31 - Members of the export credit group agreed new rules on "
           "subsidised loans, officials said.\n\nSome governments had linked their approval to other credit issues "
           "which would be discussed at a meeting here in mid-April, they added.\n")
FISHING = ("Fishing quotas\n\nNorthern fishing nations set new cod quotas for the coming season.\n\nThe fisheries "
           "ministers will review the cod quotas at a meeting here in May, a spokeswoman said.\n")


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"credits.txt": CREDITS, "fishing.txt": FISHING})


def test_a_meeting_here_is_in_the_datelines_city(story_kb):
    answer = story_kb.ask("In which city will the mid-April export credit meeting be held?")
    assert answer.answered and "meeting here in mid-April" in answer.answer


def test_a_meeting_here_without_a_dateline_names_no_city(story_kb):
    answer = story_kb.ask("In which city will the fisheries ministers review the cod quotas?")
    assert not answer.answered and answer.answer.startswith("The passages that speak of this name no city.")

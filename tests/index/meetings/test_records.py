"""Meeting records as data: JSON round trip, finding meetings by person or place."""

from __future__ import annotations

import json

import pytest

from index.corpus.documents import load_document
from index.meetings.extract import extract_meetings
from index.meetings.records import Meeting, find_meetings
from tests.index.meetings.support import SEED, meeting


@pytest.fixture(scope="module")
def meetings() -> list[Meeting]:
    return extract_meetings(load_document(SEED))


def test_meetings_round_trip_through_json(meetings):
    """to_json / from_json give back equal meetings, through real JSON text."""
    again = [Meeting.from_json(json.loads(json.dumps(m.to_json()))) for m in meetings]
    assert again == meetings


def test_find_meetings_by_person_and_place(meetings):
    """find_meetings filters by any alias and by city or country, case-insensitively."""
    assert len(find_meetings(meetings, person="bayramov")) == 2
    assert len(find_meetings(meetings, place="washington")) == 1
    assert len(find_meetings(meetings, place="Russia")) == 2  # Moscow twice
    assert find_meetings(meetings, person="Pompeo", place="Moscow") == []
    assert find_meetings(meetings) == meetings


def test_a_person_matches_by_country_words(meetings):
    """'US Secretary of State' and 'American' find Pompeo; 'French' does not."""
    pompeo = meeting(meetings, "Bayramov", "Pompeo").counterparts[0]
    assert pompeo.matches("US Secretary of State") and pompeo.matches("American Pompeo")
    assert not pompeo.matches("French Pompeo")

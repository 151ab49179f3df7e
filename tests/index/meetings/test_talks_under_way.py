"""Talks reported as going on ("Talks are under way between ...", "currently held between"), a state named after an
epithet, a state a speaker says will meet a body, and a meeting worded in ways no trigger reads: two parties
and a meeting word in one sentence, but not a list of topics nor a speaker and his own state."""

from __future__ import annotations

import pytest

from tests.index.meetings.support import meeting, story

WIRE = ("Debt and fish\n\n"
        "NAIROBI, May 4 - Talks are under way between debt-laden Kenya and the International Monetary Fund on a new "
        "loan, bankers said.\n\n"
        "Talks between President Daniel Okello and Prime Minister Hans Weber are under way, officials said.\n\n"
        "The ministry said the ban would harm fishing negotiations currently held between Canada and France.\n\n"
        "Central bank governor Tomas Ferreira said Brazil was likely to meet again with the 12-bank advisory "
        "committee once it had a plan.\n\n"
        "After several rounds of talks, Chile and Peru have made no progress on their border row.\n\n"
        "Kenya and the World Bank ended a week of consultations in Nairobi on Friday.\n\n"
        "Talks also centred on the economies of China, India, Japan and Brazil.\n\n"
        "Brazilian Finance Minister Pedro Alves said Brazil would rely on bilateral negotiations.\n")


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return story(tmp_path_factory, WIRE, "1987-05-04")[1]


def _sides(meetings, *countries):
    return [m for m in meetings if set(countries) <= {p.country for p in m.people()}]


def test_talks_under_way_between_a_troubled_state_and_a_body(wire):
    talks = _sides(wire, "Kenya", "IMF")
    assert len(talks) == 1 and talks[0].status.value == "under way"


def test_talks_between_two_leaders_are_under_way(wire):
    assert meeting(wire, "Daniel Okello", "Hans Weber").status.value == "under way"


def test_negotiations_currently_held_between_two_states(wire):
    talks = _sides(wire, "Canada", "France")
    assert len(talks) == 1 and talks[0].status.value == "under way"


def test_a_state_a_speaker_says_will_meet_a_committee(wire):
    found = [m for m in _sides(wire, "Brazil") if any("advisory committee" in p.label() for p in m.counterparts)]
    assert len(found) == 1 and found[0].status.value == "planned"


def test_two_states_after_several_rounds_of_talks(wire):
    assert _sides(wire, "Chile", "Peru")


def test_a_state_and_a_body_ending_consultations(wire):
    found = _sides(wire, "Kenya", "World Bank")
    assert len(found) == 1 and found[0].place.value == "Nairobi" and found[0].status.value == "held"


def test_states_listed_as_a_topic_or_a_speakers_own_state_meet_nobody(wire):
    assert not _sides(wire, "China") and not _sides(wire, "India")
    assert not [m for m in wire if any(p.matches("Pedro Alves") for p in m.people())]

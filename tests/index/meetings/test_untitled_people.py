"""People a story names without a title the first time ("..., Gordon Hale has said") and calls "Mr Hale"
later are people, and "the chancellor" of the next sentence is their office; trips told as being somewhere
("is currently in Dublin", "spent two days in Tanzania") or to a place inside a country ("Aceh in Indonesia,
as well as Sri Lanka")."""

from __future__ import annotations

import pytest

from tests.index.meetings.support import story

TOUR = ("No apology for the past\n\n"
        "The days of apologising for the past are over, Gordon Hale has said.\n\n"
        "The chancellor, speaking during a week-long tour of Africa, said it was time to talk about values. Mr Hale "
        "has signed a debt deal. Mr Hale, on a week-long tour of Africa, spent two days in Tanzania before heading "
        "to Mozambique.\n\n"
        "US Treasury Secretary Tom Frost said a strong dollar was in America's interest. Mr Frost who is currently "
        "in Dublin at the start of a four-nation EU visit, has applauded Ireland's low taxes.\n\n"
        "Development Secretary Hilary Dunn will also visit Aceh in Indonesia, as well as Sri Lanka. Mr Frost "
        "visited Kenya in December.\n")


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    return story(tmp_path_factory, TOUR)[1]


def visits(meetings, surname):
    return {m.place.value: m for m in meetings
            if m.place and any((p.name or "").endswith(surname) for p in m.participants)}


def test_someone_called_mr_later_is_a_person_and_the_next_office_is_theirs(tour):
    hale = visits(tour, "Hale")
    assert "Tanzania" in hale
    assert hale["Tanzania"].participants[0].name == "Gordon Hale"
    assert hale["Tanzania"].participants[0].office == "Chancellor"


def test_being_somewhere_abroad_is_a_visit(tour):
    assert "Dublin" in visits(tour, "Frost")


def test_a_place_inside_a_country_is_abroad_and_a_list_goes_on_after_it(tour):
    dunn = visits(tour, "Dunn")
    assert list(dunn) == ["Aceh in Indonesia, as well as Sri Lanka"]
    assert dunn["Aceh in Indonesia, as well as Sri Lanka"].status.value == "planned"
    assert "Kenya" in visits(tour, "Frost")  # "in December" is when, not where

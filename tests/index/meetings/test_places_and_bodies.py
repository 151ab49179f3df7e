"""Where a meeting was when the sentence does not say (a trip in a story with no dateline, a trip "heading for" a
city, the meeting told just before), and a body or group of officials meeting on its own ("As EC budget ministers
ended six hours of talks in Luxembourg")."""

from __future__ import annotations

import json

import pytest

from index.corpus.documents import load_document
from index.meetings.extract import extract_meetings
from tests.index.meetings.support import meeting, story

ENVOY = ("Envoy in Tripoli\n\n"
         "Foreign Office minister Baroness Grey has arrived in Tripoli to see how far Libya has gone in giving up "
         "its weapons.\n\n"
         "Lady Grey held talks with the Libyan foreign minister, Ali Mansour, on her first day.\n")
WIRE = ("Minister abroad\n\n"
        "BUENOS AIRES, April 5 - Economy Minister Pablo Ortiz was heading for Washington for talks with creditor "
        "banks on the debt.\n\n"
        "Finance Minister Ken Sato held talks with Chinese Finance Minister Wang Lei in Beijing on Sunday.\n\n"
        "Mr Sato also met the governor of China's central bank.\n")
BODIES = ("Budget crisis\n\n"
          "LUXEMBOURG, June 2 - The Community faced a budget crisis, diplomats said.\n\n"
          "As EC budget ministers ended six hours of talks in Luxembourg, diplomats said there was little basis for "
          "an accord.\n\n"
          "EU foreign ministers are expected to return to the subject when they meet in Brussels on Monday.\n\n"
          "U.S. officials have been optimistic about the possibility of progress at the talks.\n")


def _with_outlet(tmp_path_factory, text: str, outlet: str | None):
    folder = tmp_path_factory.mktemp("outlet")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    if outlet:
        (folder / "a.meta.json").write_text(json.dumps({"source": outlet}), encoding="utf-8")
    return extract_meetings(load_document(folder / "a.txt"))


def test_a_british_outlets_minister_arriving_abroad_meets_there(tmp_path_factory):
    talks = meeting(_with_outlet(tmp_path_factory, ENVOY, "BBC News"), "Grey", "Ali Mansour")
    assert talks.place is not None and talks.place.value == "Tripoli"


def test_without_a_known_outlet_the_city_stays_unsaid(tmp_path_factory):
    talks = meeting(_with_outlet(tmp_path_factory, ENVOY, None), "Grey", "Ali Mansour")
    assert talks.place is None


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return story(tmp_path_factory, WIRE, "1987-04-05")[1]


def test_heading_for_a_city_for_talks(wire):
    talks = [m for m in wire if any(p.matches("Pablo Ortiz") for p in m.people())]
    assert len(talks) == 1 and talks[0].place.value == "Washington"
    assert any("creditor banks" in p.label() for p in talks[0].counterparts)


def test_also_met_takes_the_place_of_the_talks_told_before(wire):
    found = [m for m in wire if any(p.matches("Ken Sato") for p in m.people())
             and not any(p.matches("Wang Lei") for p in m.people())]
    assert len(found) == 1 and found[0].place.value == "Beijing" and found[0].status.value == "held"


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    return story(tmp_path_factory, BODIES, "1987-06-02")[1]


def _of(meetings, label):
    return [m for m in meetings if any(label in p.label() for p in m.people())]


def test_a_group_of_ministers_ending_talks(bodies):
    found = _of(bodies, "budget ministers")
    assert len(found) == 1 and found[0].place.value == "Luxembourg" and found[0].status.value == "held"


def test_a_group_that_will_meet_when_they_meet(bodies):
    found = _of(bodies, "foreign ministers")
    assert len(found) == 1 and found[0].place.value == "Brussels" and found[0].status.value == "planned"


def test_officials_hopeful_about_talks_are_not_meeting(bodies):
    assert not _of(bodies, "officials")

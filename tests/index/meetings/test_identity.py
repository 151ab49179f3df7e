"""Who is who: one person however the article names them (office, surname, pronoun, pair, institution)."""

from __future__ import annotations

from index.meetings.records import find_meetings
from tests.index.meetings.support import load, meeting, person


def test_his_armenian_counterpart_is_mnatsakanyan(seed):
    """'His Armenian counterpart, Zohrab Mnatsakanyan' is the Armenian foreign minister, office taken from Bayramov."""
    _, meetings = seed
    mnatsakanyan = meeting(meetings, "Mnatsakanyan", "Lavrov").participants[0]
    assert any(a.startswith("His Armenian counterpart") for a in mnatsakanyan.aliases)
    assert (mnatsakanyan.office, mnatsakanyan.country) == ("Foreign Minister", "Armenia")


def test_pompeo_aliases_are_one_person(seed):
    """'Pompeo', 'Secretary Pompeo', 'Mike Pompeo' and 'pompeo' all find the same person and meeting."""
    _, meetings = seed
    found = {q: find_meetings(meetings, person=q) for q in ("Pompeo", "Secretary Pompeo", "Mike Pompeo", "pompeo",
                                                             "US Secretary of State Mike Pompeo")}
    assert all(len(v) == 1 and v[0] == found["Pompeo"][0] for v in found.values())
    pompeo = person(found["Pompeo"][0].counterparts, "Pompeo")
    assert {"Pompeo", "Secretary Pompeo", "Mike Pompeo", "US Secretary of State Mike Pompeo"} <= set(pompeo.aliases)


def test_the_pair_and_the_two_diplomats_are_the_ministers(seed):
    """'The pair' and 'the two diplomats' are the Armenian and Azerbaijani foreign ministers."""
    _, meetings = seed
    pompeo = meeting(meetings, "Mnatsakanyan", "Pompeo")
    assert {p.country for p in pompeo.participants} == {"Armenia", "Azerbaijan"}
    assert any("The pair" in q.text for q in pompeo.quotes)
    lavrov = meeting(meetings, "Mnatsakanyan", "Lavrov")
    assert any("the two diplomats" in n.quote.text for n in lavrov.notes)


def test_the_kremlin_is_the_named_russian_president(seed):
    """'The Kremlin' is Putin when the article names the Russian president."""
    _, meetings = seed
    (call,) = find_meetings(meetings, person="the Kremlin")
    putin = call.participants[0]
    assert putin.name == "Vladimir Putin" and "the Kremlin" in putin.aliases


def test_kremlin_without_a_named_president_is_the_presidency():
    """Without a named Russian president, 'the Kremlin' is the Russian presidency itself."""
    _, meetings = load("moscow-kremlin")
    m = meeting(meetings, "the Kremlin", "Chinese side")
    host = m.participants[0]
    assert (host.name, host.office, host.country) == (None, "Presidency", "Russia")
    assert host.label() == "Russian Presidency"
    assert m.place.value == "Moscow" and m.when.value == "next week" and m.when.date is None
    assert m.status.value == "planned"


def test_official_named_by_office_first_then_by_name():
    """'Japan's prime minister' and later 'Prime Minister Fumio Kishida' / 'Kishida' are one person."""
    _, meetings = load("washington-kishida")
    assert len(meetings) == 2
    talks = meeting(meetings, "Kishida", "Biden")
    kishida = talks.participants[0]
    assert (kishida.name, kishida.office, kishida.country) == ("Fumio Kishida", "Prime Minister", "Japan")
    assert "Japan's prime minister" in kishida.aliases
    assert talks.counterparts[0].label() == "Joe Biden, US President"
    assert (talks.place.value, talks.status.value, talks.when.date) == ("Washington", "under way", "2023-01-11")
    harris = meeting(meetings, "Kishida", "Kamala Harris")
    assert (harris.status.value, harris.when.date, harris.place.value) == ("planned", "2023-01-12", "Washington")
    assert harris.participants[0] == kishida

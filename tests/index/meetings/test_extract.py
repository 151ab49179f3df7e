"""Meeting records from articles: participants, counterparts, place, time, format, status, topic, each with
verbatim quotes."""

from __future__ import annotations

import pytest

from index.corpus.documents import load_document
from index.meetings.extract import extract_meetings
from tests.index.meetings.support import (
    ALL_ARTICLES,
    SEED,
    all_quotes,
    load,
    meeting,
    person,
    supported,
    verbatim,
    write,
)

# ---------------------------------------------------------------- the seed article


def test_seed_has_exactly_the_five_meetings(seed):
    """The seed yields five meetings: Moscow consultations, Lavrov, Pompeo, Putin–Macron, Brussels."""
    _, meetings = seed
    assert len(meetings) == 5
    meeting(meetings, "Bayramov", "Russian side")
    meeting(meetings, "Mnatsakanyan", "Lavrov")
    meeting(meetings, "Bayramov", "Pompeo")
    meeting(meetings, "Putin", "Macron")
    meeting(meetings, "Sarkissian", "Stoltenberg")


def test_seed_bayramov_consultations_with_the_russian_side(seed):
    """Bayramov's consultations in Moscow with the Russian side are under way."""
    _, meetings = seed
    m = meeting(meetings, "Bayramov", "Russian side")
    bayramov = person(m.participants, "Bayramov")
    assert (bayramov.name, bayramov.office, bayramov.country) == ("Jeyhun Bayramov", "Foreign Minister", "Azerbaijan")
    assert bayramov.label() == "Jeyhun Bayramov, Azerbaijani Foreign Minister"
    side = person(m.counterparts, "Russian side")
    assert (side.name, side.office, side.country) == (None, None, "Russia")
    assert m.place.value == "Moscow" and supported(m.place, "arrived in Moscow", "consultations")
    assert m.status.value == "under way" and supported(m.status, "arrived in Moscow")
    assert m.format.value == "in person"


def test_seed_mnatsakanyan_to_meet_lavrov_in_moscow(seed):
    """Mnatsakanyan is set to meet Lavrov in Moscow; jointly or separately is unclear."""
    _, meetings = seed
    m = meeting(meetings, "Mnatsakanyan", "Lavrov")
    mnatsakanyan, lavrov = m.participants[0], m.counterparts[0]
    assert (mnatsakanyan.name, mnatsakanyan.office, mnatsakanyan.country) == (
        "Zohrab Mnatsakanyan", "Foreign Minister", "Armenia")
    assert (lavrov.name, lavrov.office, lavrov.country) == ("Sergei Lavrov", "Foreign Minister", "Russia")
    assert m.place.value == "Moscow" and supported(m.place, "Moscow")
    assert m.status.value == "planned" and supported(m.status, "was set to meet with")
    assert m.topic.value == "the situation in Karabakh and the implementation of a ceasefire agreement"
    assert supported(m.topic, m.topic.value)
    assert [n.value for n in m.notes] == ["joint or separate: unclear"]
    assert supported(m.notes[0], "jointly or separately")


def test_seed_both_ministers_meet_pompeo_separately_on_friday(seed):
    """Bayramov and Mnatsakanyan each meet Pompeo in Washington on Friday 23 October; no trilateral."""
    _, meetings = seed
    m = meeting(meetings, "Bayramov", "Pompeo")
    assert {p.name for p in m.participants} == {"Jeyhun Bayramov", "Zohrab Mnatsakanyan"}
    pompeo = person(m.counterparts, "Pompeo")
    assert (pompeo.name, pompeo.office, pompeo.country) == ("Mike Pompeo", "Secretary of State", "United States")
    assert pompeo.label() == "Mike Pompeo, US Secretary of State"
    assert m.place.value == "Washington" and supported(m.place, "Washington")
    assert (m.when.value, m.when.date) == ("Friday", "2020-10-23") and supported(m.when, "on Friday")
    assert m.format.value == "separate meetings" and supported(m.format, "separate meetings")
    assert m.status.value == "planned"
    assert [n.value for n in m.notes] == ["trilateral meeting ruled out"]
    assert supported(m.notes[0], "ruled out a trilateral meeting")
    assert len({q.paragraph for q in m.quotes}) >= 2  # the lead paragraph and the "pair" paragraph merged


def test_seed_putin_macron_telephone_conversation(seed):
    """Putin discussed the conflict with Macron by telephone: held, no place."""
    _, meetings = seed
    m = meeting(meetings, "Putin", "Macron")
    putin, macron = m.participants[0], m.counterparts[0]
    assert (putin.name, putin.office, putin.country) == ("Vladimir Putin", "President", "Russia")
    assert (macron.name, macron.office, macron.country) == ("Emmanuel Macron", "President", "France")
    assert m.format.value == "telephone" and supported(m.format, "telephone conversation")
    assert m.status.value == "held"
    assert m.place is None


def test_seed_sarkissian_meets_nato_and_eu_leaders_in_brussels(seed):
    """Sarkissian will meet Stoltenberg, Borrell and Michel in Brussels."""
    _, meetings = seed
    m = meeting(meetings, "Sarkissian", "Stoltenberg")
    sarkissian = m.participants[0]
    assert (sarkissian.name, sarkissian.office, sarkissian.country) == ("Armen Sarkissian", "President", "Armenia")
    assert [(p.name, p.office, p.country) for p in m.counterparts] == [
        ("Jens Stoltenberg", "Secretary General", "NATO"),
        ("Josep Borrell", "Foreign Policy Chief", "European Union"),
        ("Charles Michel", "President", "European Council")]
    assert m.counterparts[0].label() == "Jens Stoltenberg, NATO Secretary General"
    assert m.place.value == "Brussels" and supported(m.place, "for Brussels")
    assert m.status.value == "planned"
    assert m.when is None or m.when.value == "Wednesday"


def test_seed_no_meeting_from_fighting_or_statements(seed):
    """Ceasefires, fighting, casualties and 'no statement on the meeting' yield no meeting."""
    doc, meetings = seed
    used = {q.paragraph for m in meetings for q in m.quotes}
    for phrase in ("keep exchanging fire", "brokered two humanitarian", "called for the war to end",
                   "has not made a statement", "civilians were killed", "disarmed almost"):
        para = next(p for p in doc.paragraphs if phrase in doc.text[p.start:p.end])
        assert para.number not in used, phrase


# ---------------------------------------------------------------- made-up articles


def test_past_weekday_resolves_backward_and_counterpart_takes_the_office():
    """Wang met his Brazilian counterpart in Beijing 'on Monday': the day before publication."""
    _, meetings = load("beijing-brazil")
    assert len(meetings) == 2
    m = meeting(meetings, "Wang Yi", "Vieira")
    vieira = m.counterparts[0]
    assert (vieira.name, vieira.office, vieira.country) == ("Mauro Vieira", "Foreign Minister", "Brazil")
    assert m.participants[0].country == "China"
    assert (m.place.value, m.when.value, m.when.date) == ("Beijing", "Monday", "2023-04-17")
    assert (m.status.value, m.format.value) == ("held", "in person")
    assert m.topic.value == "trade and the war in Ukraine"  # from "The two ministers discussed ..."
    assert m.involves("wang") and m.at("beijing") and m.at("China")


def test_planned_weekday_resolves_forward_and_dateline_gives_the_place():
    """'Vieira is due to meet ... on Thursday': planned, the Thursday after publication, in the dateline city."""
    _, meetings = load("beijing-brazil")
    m = meeting(meetings, "Vieira", "Han Zheng")
    assert (m.counterparts[0].office, m.counterparts[0].country) == ("Vice President", "China")
    assert (m.status.value, m.when.date) == ("planned", "2023-04-20")
    assert m.place.value == "Beijing" and m.place.quote.text.startswith("BEIJING (Reuters)")


def test_video_call_between_prime_ministers():
    """A video call between two prime ministers: format video, held, no place."""
    _, meetings = load("kyiv-video-call")
    assert len(meetings) == 1
    m = meetings[0]
    assert m.participants[0].label() == "Denys Shmyhal, Ukrainian Prime Minister"
    assert m.counterparts[0].label() == "Justin Trudeau, Canadian Prime Minister"
    assert (m.format.value, m.status.value, m.place) == ("video", "held", None)
    assert (m.when.value, m.when.date) == ("Tuesday", "2024-02-13")
    assert m.topic.value == "support for Ukraine's energy grid"


def test_summit_next_tuesday_with_three_leaders():
    """A host and two guests at a Geneva summit 'next Tuesday'."""
    _, meetings = load("geneva-summit")
    assert len(meetings) == 1
    m = meetings[0]
    assert m.participants[0].label() == "Alain Berset, Swiss President"
    assert [p.label() for p in m.counterparts] == ["Emmanuel Macron, French President",
                                                   "Olaf Scholz, German Chancellor"]
    assert (m.place.value, m.when.value, m.when.date) == ("Geneva", "next Tuesday", "2023-03-07")
    assert (m.status.value, m.topic.value) == ("planned", "energy security")


def test_postponed_meeting():
    """'A meeting between ... planned for Thursday in Warsaw, has been postponed' is postponed."""
    _, meetings = load("berlin-postponed")
    assert len(meetings) == 1
    m = meetings[0]
    assert m.participants[0].label() == "Annalena Baerbock, German Foreign Minister"
    assert m.counterparts[0].label() == "Radosław Sikorski, Polish Foreign Minister"
    assert (m.place.value, m.when.date, m.status.value) == ("Warsaw", "2024-03-07", "postponed")
    assert supported(m.status, "has been postponed")


def test_the_two_leaders_held_talks_merges_into_the_visit():
    """'The two leaders held talks on ...' adds the topic to the meeting just reported, not a new one."""
    _, meetings = load("ankara-two-leaders")
    assert len(meetings) == 2
    m = meeting(meetings, "Erdogan", "Pezeshkian")
    assert m.participants[0].name == "Recep Tayyip Erdogan" and m.counterparts[0].country == "Iran"
    assert (m.place.value, m.when.date, m.status.value) == ("Ankara", "2024-08-06", "held")
    assert m.topic.value == "trade and regional security" and supported(m.topic, "The two leaders held talks")
    later = meeting(meetings, "Pezeshkian", "Kurtulmus")
    assert later.counterparts[0].label() == "Numan Kurtulmus, Turkish Parliament Speaker"
    assert later.place.value == "Ankara"  # not Istanbul, where he flies afterwards


def test_phone_call_then_agreement_to_meet():
    """A phone call (held) and the pair's agreement to meet in New Delhi next month are two meetings."""
    _, meetings = load("london-phone-call")
    assert len(meetings) == 2
    call, visit = meetings
    assert call.participants[0].label() == "David Lammy, British Foreign Secretary"
    assert call.counterparts[0].label() == "Subrahmanyam Jaishankar, Indian External Affairs Minister"
    assert (call.format.value, call.status.value, call.when.date, call.place) == (
        "telephone", "held", "2024-07-25", None)
    assert {p.name for p in visit.people()} == {p.name for p in call.people()}
    assert (visit.place.value, visit.when.value, visit.when.date, visit.status.value) == (
        "New Delhi", "next month", None, "planned")


def test_two_ministers_met_without_an_object():
    """'Lavrov and Wang Yi met in Moscow' is one meeting between the two."""
    _, meetings = load("moscow-kremlin")
    m = meeting(meetings, "Lavrov", "Wang Yi")
    assert (m.place.value, m.status.value, m.when.value) == ("Moscow", "held", "Last week")


@pytest.mark.parametrize("name", ["market-report", "court-ruling"])
def test_article_without_meetings_yields_none(name):
    """A market report and a court ruling mention 'meeting' and 'talks' but report no meeting."""
    _, meetings = load(name)
    assert meetings == []


# ---------------------------------------------------------------- dates, quotes, ids, hard input


@pytest.mark.parametrize(("sentence", "value", "date"), [
    ("will meet Chinese Foreign Minister Wang Yi tomorrow", "tomorrow", "2024-05-09"),
    ("met Chinese Foreign Minister Wang Yi yesterday", "yesterday", "2024-05-07"),
    ("met Chinese Foreign Minister Wang Yi on Tuesday", "Tuesday", "2024-05-07"),
    ("will meet Chinese Foreign Minister Wang Yi on Tuesday", "Tuesday", "2024-05-14"),
    ("will meet Chinese Foreign Minister Wang Yi next week", "next week", None),
    ("will meet Chinese Foreign Minister Wang Yi on May 20", "May 20", "2024-05-20"),
    ("met Chinese Foreign Minister Wang Yi on 2 May", "2 May", "2024-05-02"),
])
def test_dates_resolve_from_the_publication_date(tmp_path, sentence, value, date):
    """Weekdays forward for planned and backward for past meetings; tomorrow, yesterday, month days."""
    doc = write(tmp_path, f"Talks\n\nFrench Foreign Minister Jean Dupont {sentence}.\n", "2024-05-08")
    (m,) = extract_meetings(doc)
    assert (m.when.value, m.when.date) == (value, date)


def test_without_a_publication_date_the_words_stay(tmp_path):
    """With no publication date, 'on Friday' is kept as written and gets no ISO date."""
    doc = write(tmp_path, "Talks\n\nFrench Foreign Minister Jean Dupont will meet Chinese Foreign Minister "
                          "Wang Yi in Paris on Friday.\n")
    (m,) = extract_meetings(doc)
    assert (m.when.value, m.when.date, m.place.value, m.status.value) == ("Friday", None, "Paris", "planned")


def test_negated_and_non_person_meetings_are_ignored(tmp_path):
    """'did not meet', 'met with criticism', someone's decision, capitals, sides or football clubs: no meeting."""
    doc = write(tmp_path, "Report\n\nFrench Foreign Minister Jean Dupont did not meet Chinese Foreign Minister "
                          "Wang Yi in Paris.\n\nThe plan met with criticism from rights groups.\n\nTrade talks "
                          "between Washington and Beijing resumed.\n\nThe EU and NATO met in Brussels.\n\n"
                          "Dupont welcomed Wang's decision, and Wang called Dupont a friend.\n\nThe two ministers "
                          "have ruled out a meeting.\n\nManchester United hosted Liverpool at Old Trafford.\n",
                "2024-05-08")
    assert extract_meetings(doc) == []


@pytest.mark.parametrize("path", [SEED, *ALL_ARTICLES], ids=lambda p: p.stem)
def test_every_quote_is_verbatim(path):
    """Every quote of every record and person is the document's text at its offsets, inside its paragraph."""
    doc = load_document(path)
    for m in extract_meetings(doc):
        for q in all_quotes(m):
            assert verbatim(doc, q), q
        assert m.doc_id == doc.doc_id


def test_meeting_ids_are_stable_and_distinct(seed):
    """The same article gives the same ids every time; no two meetings share one."""
    doc, meetings = seed
    assert [m.meeting_id for m in extract_meetings(doc)] == [m.meeting_id for m in meetings]
    assert len({m.meeting_id for m in meetings}) == len(meetings)


def test_a_long_run_on_paragraph_still_yields_its_meeting(tmp_path):
    """Hundreds of capitalised names and office words before the meeting do not hide it."""
    clutter = ", ".join(f"Deputy Minister Alpha{n} Beta{n} of the Central Bank" for n in range(300))
    doc = write(tmp_path, f"Talks\n\nAmong the guests were {clutter}. French Foreign Minister Jean Dupont "
                          "will meet Chinese Foreign Minister Wang Yi in Paris on Friday.\n", "2024-05-08")
    m = meeting(extract_meetings(doc), "Dupont", "Wang Yi")
    assert (m.place.value, m.when.date, m.status.value) == ("Paris", "2024-05-10", "planned")


def test_one_meeting_told_three_ways_is_one_record(tmp_path):
    """'X and Y met today', 'X went into a meeting with Y and Soviet negotiators' and 'Y met X with a handshake'
    are one meeting, with each person once."""
    doc = write(tmp_path, "Talks\n\nMOSCOW, April 13 - U.S. Secretary of State George Shultz and Soviet Foreign "
                          "Minister Eduard Shevardnadze met today in Moscow.\n\nShultz went straight into a closed-door "
                          "meeting with Shevardnadze and Soviet negotiators, which will end on Wednesday.\n\n"
                          "Shevardnadze met Shultz with a handshake at the door.\n", "1987-04-13")
    (m,) = extract_meetings(doc)
    assert [p.name for p in m.participants] == ["George Shultz"]
    assert m.counterparts[0].name == "Eduard Shevardnadze" and m.place.value == "Moscow"

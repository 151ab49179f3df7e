"""Meeting records: participants, counterparts, place, time, format, status, topic, each with verbatim quotes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from index.corpus.documents import Document, load_document
from index.meetings.mentions import country_of
from index.meetings.extract import Fact, Meeting, Person, Quote, extract_meetings, find_meetings, people

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "karabakh-diplomacy.txt"
ARTICLES = Path(__file__).resolve().parent / "meeting_articles"
ALL_ARTICLES = sorted(ARTICLES.glob("*.txt"))


def load(name: str) -> tuple[Document, list[Meeting]]:
    doc = load_document(ARTICLES / f"{name}.txt")
    return doc, extract_meetings(doc)


def write(tmp_path: Path, text: str, published: str | None = None) -> Document:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    if published:
        (tmp_path / "article.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return load_document(path)


def meeting(meetings: list[Meeting], participant: str, counterpart: str) -> Meeting:
    """The one meeting where `participant` is among the participants and `counterpart` among the counterparts."""
    found = [m for m in meetings if any(p.matches(participant) for p in m.participants)
             and any(p.matches(counterpart) for p in m.counterparts)]
    assert len(found) == 1, [[q.text for q in m.quotes[:1]] for m in meetings]
    return found[0]


def person(people_: tuple[Person, ...], name: str) -> Person:
    found = [p for p in people_ if p.matches(name)]
    assert len(found) == 1, [p.label() for p in people_]
    return found[0]


def verbatim(doc: Document, quote: Quote) -> bool:
    para = doc.paragraph(quote.paragraph)
    return (quote.doc_id == doc.doc_id and quote.text == doc.text[quote.start:quote.end] and para is not None
            and para.start <= quote.start < quote.end <= para.end)


def all_quotes(m: Meeting) -> list[Quote]:
    facts = [f for f in (m.place, m.when, m.format, m.status, m.topic, *m.notes) if f]
    return [*m.quotes, *(f.quote for f in facts), *(p.quote for p in m.people())]


def supported(fact: Fact | None, *words: str) -> bool:
    """The fact's quote is one of the meeting's sentences and contains the words that support it."""
    return fact is not None and all(w in fact.quote.text for w in words)


@pytest.fixture(scope="module")
def seed() -> tuple[Document, list[Meeting]]:
    doc = load_document(SEED)
    return doc, extract_meetings(doc)


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


def test_seed_pompeo_aliases_are_one_person(seed):
    """'Pompeo', 'Secretary Pompeo', 'Mike Pompeo' and 'pompeo' all find the same person and meeting."""
    _, meetings = seed
    found = {q: find_meetings(meetings, person=q) for q in ("Pompeo", "Secretary Pompeo", "Mike Pompeo", "pompeo",
                                                             "US Secretary of State Mike Pompeo")}
    assert all(len(v) == 1 and v[0] == found["Pompeo"][0] for v in found.values())
    pompeo = person(found["Pompeo"][0].counterparts, "Pompeo")
    assert {"Pompeo", "Secretary Pompeo", "Mike Pompeo", "US Secretary of State Mike Pompeo"} <= set(pompeo.aliases)


def test_seed_his_armenian_counterpart_is_mnatsakanyan(seed):
    """'His Armenian counterpart' resolves to Mnatsakanyan, with the office of the minister he counterparts."""
    doc, _ = seed
    found = people(doc).resolve("his Armenian counterpart")
    assert found is not None and found.name == "Zohrab Mnatsakanyan" and found.office == "Foreign Minister"


def test_seed_the_pair_and_the_two_diplomats_are_the_ministers(seed):
    """'The pair' and 'the two diplomats' are the Armenian and Azerbaijani foreign ministers."""
    _, meetings = seed
    pompeo = meeting(meetings, "Mnatsakanyan", "Pompeo")
    assert {p.country for p in pompeo.participants} == {"Armenia", "Azerbaijan"}
    assert any("The pair" in q.text for q in pompeo.quotes)
    lavrov = meeting(meetings, "Mnatsakanyan", "Lavrov")
    assert any("the two diplomats" in n.quote.text for n in lavrov.notes)


def test_country_aliases_and_capitals():
    """'Azeri', 'Azerbaijani' and 'Baku' are Azerbaijan; 'Yerevan' is Armenia; 'US' the United States."""
    assert {country_of(w) for w in ("Azeri", "Azerbaijani", "Baku", "azerbaijan")} == {"Azerbaijan"}
    assert country_of("Yerevan") == "Armenia"
    assert country_of("US") == country_of("U.S.") == "United States"
    assert country_of("the Kremlin") == "Russia"
    assert country_of("Atlantis") is None


def test_seed_kremlin_is_the_russian_presidency(seed):
    """'The Kremlin' is Putin when the article names the Russian president."""
    doc, _ = seed
    kremlin = people(doc).resolve("the Kremlin")
    assert kremlin is not None and kremlin.name == "Vladimir Putin" and kremlin.country == "Russia"


def test_kremlin_without_a_named_president_is_the_presidency():
    """Without a named Russian president, 'the Kremlin' is the Russian presidency itself."""
    _, meetings = load("moscow-kremlin")
    m = meeting(meetings, "the Kremlin", "Chinese side")
    host = m.participants[0]
    assert (host.name, host.office, host.country) == (None, "Presidency", "Russia")
    assert host.label() == "Russian Presidency"
    assert m.place.value == "Moscow" and m.when.value == "next week" and m.when.date is None
    assert m.status.value == "planned"


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


# ---------------------------------------------------------------- dates, quotes, storage, speed


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


def test_meetings_round_trip_through_json(seed):
    """to_json / from_json give back equal meetings, through real JSON text."""
    _, meetings = seed
    again = [Meeting.from_json(json.loads(json.dumps(m.to_json()))) for m in meetings]
    assert again == meetings


def test_meeting_ids_are_stable_and_distinct(seed):
    """The same article gives the same ids every time; no two meetings share one."""
    doc, meetings = seed
    assert [m.meeting_id for m in extract_meetings(doc)] == [m.meeting_id for m in meetings]
    assert len({m.meeting_id for m in meetings}) == len(meetings)


def test_find_meetings_by_person_and_place(seed):
    """find_meetings filters by any alias and by city or country, case-insensitively."""
    _, meetings = seed
    assert len(find_meetings(meetings, person="bayramov")) == 2
    assert len(find_meetings(meetings, place="washington")) == 1
    assert len(find_meetings(meetings, place="Russia")) == 2  # Moscow twice
    assert find_meetings(meetings, person="Pompeo", place="Moscow") == []
    assert find_meetings(meetings) == meetings


def test_extraction_is_fast():
    """Extraction takes well under 50 ms per article."""
    docs = [load_document(p) for p in (SEED, *ALL_ARTICLES)]
    for doc in docs:
        best = min(_timed(doc) for _ in range(3))
        assert best < 0.05, (doc.doc_id, best)


def _timed(doc: Document) -> float:
    start = time.perf_counter()
    extract_meetings(doc)
    return time.perf_counter() - start

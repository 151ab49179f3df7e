"""Meeting questions are answered from the meeting records: every participant, place and day, cited."""

import json

import pytest

pytestmark = pytest.mark.slow


def verbatim(answer, kb) -> bool:
    return all(c.quote == kb.source(c.doc_id).text[c.start:c.end] for c in answer.citations)


def test_who_is_meeting_pompeo(seed_kb):
    """Both ministers by name, Washington and Friday, each backed by a citation."""
    answer = seed_kb.ask("who is meeting Pompeo?")
    for fact in ("Zohrab Mnatsakanyan", "Jeyhun Bayramov", "Washington", "Friday", "separate meetings"):
        assert fact in answer.answer
    assert {3, 8} <= {c.paragraph for c in answer.citations}
    assert verbatim(answer, seed_kb) and len(answer.answer) <= 500


def test_who_will_sarkissian_meet(seed_kb):
    """Sarkissian's three counterparts and Brussels."""
    answer = seed_kb.ask("who will Sarkissian meet?")
    for fact in ("Stoltenberg", "Borrell", "Charles Michel", "Brussels"):
        assert fact in answer.answer
    assert verbatim(answer, seed_kb)


def test_did_putin_talk_to_macron(seed_kb):
    """A yes/no meeting question is answered yes, by telephone, citing paragraph 12."""
    answer = seed_kb.ask("did Putin talk to Macron?")
    assert answer.answer.startswith("Yes") and "telephone" in answer.answer and "Macron" in answer.answer
    assert 12 in {c.paragraph for c in answer.citations}


def test_where_will_bayramov_go_on_friday(seed_kb):
    """The meeting on the day asked about comes first: Washington."""
    answer = seed_kb.ask("where will Bayramov go on Friday?")
    assert answer.answer.index("Washington") < answer.answer.find("Moscow") or "Moscow" not in answer.answer


def test_non_meeting_questions_use_the_passages(seed_kb):
    """A question naming a person but not about a meeting is answered from the sentences."""
    answer = seed_kb.ask("Who is the US Secretary of State?")
    assert "Pompeo" in answer.answer and "will meet" not in answer.answer


def test_meetings_are_stored_in_the_index_directory(seed_kb):
    """The index directory holds meetings.json; the manifest counts them."""
    build = seed_kb.data.directory
    records = json.loads((build / "meetings.json").read_text(encoding="utf-8"))
    assert len(records) == len(seed_kb.meetings()) >= 5
    assert seed_kb.data.manifest["meetings"] == len(records)


def test_meetings_filter_by_person_and_place(seed_kb):
    """Person filters accept any alias; place filters accept a city or its country."""
    assert len(seed_kb.meetings(person="Secretary Pompeo")) == 1
    assert {m.place.value for m in seed_kb.meetings(place="Russia")} == {"Moscow"}
    assert seed_kb.meetings(person="Pompeo", place="Brussels") == []


def test_an_arrival_day_is_not_a_meeting_day(tmp_path_factory):
    """'What day did he arrive?' is not answered by the day of a meeting the records hold; his trip's day is."""
    from index.answers.meetings import answer_from_meetings
    from tests.index.meetings.support import story

    doc, meetings = story(tmp_path_factory, "Banker in Jakarta\n\nJAKARTA, March 23 - World Bank President Barber "
                          "Cole will meet President Hadi Wirjo in Jakarta tomorrow, officials said.\n", "1987-03-23")
    assert meetings and meetings[0].when.value == "tomorrow"
    found = answer_from_meetings("What day did Barber Cole arrive in Jakarta?", meetings, {doc.doc_id: doc})
    assert found is None or "tomorrow" not in found.answer
    found = answer_from_meetings("When will Barber Cole meet Hadi Wirjo?", meetings, {doc.doc_id: doc})
    assert found is not None and "tomorrow" in found.answer

"""Answers from meeting records that are not one person meeting another: a called-off trip, a titled name, a
person the articles name in no meeting, a question about something other than whether they met."""

from __future__ import annotations

import pytest

from index.answers.meetings import answer_from_meetings, is_meeting_question
from index.corpus.documents import load_document
from index.meetings.extract import extract_meetings
from tests.index.meetings.support import story

TEXT = ("News\n\nOSLO, May 2 - Foreign Minister Ola Berg has called off a trip tomorrow to Canada, officials said.\n\n"
        "Iranian Oil Minister Reza Karimi will meet Qatari Emir Sheikh Khalid bin Hamad al-Thani on Sunday.\n\n"
        "Shadow foreign secretary Mark Dale said the cuts were a mistake.\n\n"
        "The Harbour Cup regatta was held in Bergen, where Dale went to sail.\n\n"
        "Berg met Danish Foreign Minister Lars Holm in Denmark last week.\n\n"
        "Karimi met Saudi Oil Minister Fahd Nasser in Riyadh, but declined to say what was discussed.\n")


def records_of(tmp_path_factory, text: str):
    doc, meetings = story(tmp_path_factory, text, "2024-05-02")
    return meetings, {doc.doc_id: doc}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    return records_of(tmp_path_factory, TEXT)


def ask(news, question):
    meetings, documents = news
    return answer_from_meetings(question, meetings, documents)


def test_a_called_off_visit_is_not_still_on(news):
    """'Is Berg's visit still on?' answers No, with the cancellation and its day quoted."""
    answer = ask(news, "Is Berg's visit still on?")
    assert answer.answered and answer.answer.startswith("No:") and "cancelled" in answer.answer
    assert "2024-05-03" in answer.answer and answer.citations


def test_a_titled_name_finds_the_meeting(news):
    """'Who is meeting Sheikh Khalid?' names Karimi."""
    answer = ask(news, "Who is meeting Sheikh Khalid?")
    assert answer.answered and "Reza Karimi" in answer.answer


def test_a_person_in_no_meeting_record(news):
    """A person the articles name but in no meeting: the answer says the articles report no meeting for him."""
    answer = ask(news, "Who did Dale meet?")
    assert not answer.answered and answer.answer == "The articles report no meeting for Dale."


def test_no_meeting_is_said_only_of_a_person_met(news):
    """A thing held ("the Harbour Cup") is no person; a trip ("go to Bergen") is not a meeting the records
    must hold: both are left to the passages, while "whom did Dale meet" still gets the records' answer."""
    assert ask(news, "Where was the Harbour Cup held?") is None
    assert ask(news, "When did Dale go to Bergen?") is None
    assert ask(news, "Who did Dale talk to?").answer == "The articles report no meeting for Dale."


def test_a_country_does_not_answer_which_city(news):
    """The records put Berg's meeting with Holm in Denmark: that answers "where", not "in which city"."""
    assert "Denmark" in ask(news, "Where did Berg meet Holm?").answer
    assert ask(news, "In which city did Berg meet Holm?") is None


def test_a_yes_no_question_about_something_else_is_left_to_the_passages(news):
    """'Did Karimi reveal what was discussed?' is not 'did they meet': the records do not answer it."""
    assert ask(news, "Did Karimi reveal what he and Nasser discussed?") is None
    assert ask(news, "Did Karimi meet Nasser?").answer.startswith("Yes")


def test_who_questions_about_something_else_or_elsewhere_are_left_to_the_passages(news):
    """'Who accompanied Karimi on his visit?' and a meeting put in a place no record holds are not answered from
    the records; 'who did Karimi meet?' is."""
    assert ask(news, "Who accompanied Karimi on his visit?") is None
    assert ask(news, "Who did Karimi meet in Tokyo?") is None
    assert "Fahd Nasser" in ask(news, "Who did Karimi meet?").answer


def test_a_meeting_named_as_the_time_of_something_else_is_left_to_the_passages(news):
    """'Where had Karimi flown in from before the talks?' asks where he came from, and 'In which country will
    Berg visit a fish market?' about a place seen, not about whom they met: the records do not answer them."""
    assert ask(news, "Where had Karimi flown in from before the talks?") is None
    assert ask(news, "What did Karimi say after the talks?") is None
    assert ask(news, "In which country will Berg visit a fish market?") is None
    assert "Riyadh" in ask(news, "Where did Karimi meet Nasser?").answer


def test_a_surname_means_everyone_the_records_give_it(tmp_path):
    """One article names "Tony Blair", another only "Blair": "Musharraf and Blair" still finds their meeting."""
    (tmp_path / "talks.txt").write_text(
        "Leaders meet\n\nLONDON, May 2 - Pakistani President Pervez Musharraf met Prime Minister Tony Blair in "
        "Downing Street on Monday.\n", encoding="utf-8")
    (tmp_path / "summit.txt").write_text(
        "Summit\n\nPARIS, May 3 - Blair and French President Jacques Chirac will hold a summit in Paris on Friday, "
        "officials said.\n", encoding="utf-8")
    documents = {d.doc_id: d for d in (load_document(tmp_path / "talks.txt"), load_document(tmp_path / "summit.txt"))}
    meetings = [m for d in documents.values() for m in extract_meetings(d)]
    answer = answer_from_meetings("Where did Musharraf and Blair meet?", meetings, documents)
    assert answer.answered and "Downing Street" in answer.answer and "Paris" not in answer.answer


JOINT = ("Trade\n\nGENEVA, May 2 - European Trade Commissioner Anna Lind had been due to brief Economy Minister Paul "
         "Roche in Brussels on Monday, but the meeting was put off until next week, a spokeswoman said.\n\n"
         "Lind held talks with Japanese Trade Minister Ken Sato in Geneva yesterday.\n\n"
         "Officials said a meeting between Lind and Treasury Secretary John Hale was being sought but had not been "
         "confirmed.\n\n"
         "Science minister Lord Grey told MPs last month that the proposals would be looked at.\n")


@pytest.fixture(scope="module")
def joint(tmp_path_factory):
    return records_of(tmp_path_factory, JOINT)


@pytest.mark.parametrize("question, verdict", [
    ("What did Lind tell Roche in Brussels on Monday?", "Anna Lind and Paul Roche in Brussels"),
    ("what did lind and hale agree", "Anna Lind and John Hale"),
    ("what did lind and sato agree in brussels", "Anna Lind and Ken Sato in Brussels")])
def test_what_two_people_agreed_at_a_meeting_not_yet_held_is_abstained(joint, question, verdict):
    """A meeting put off, one only sought, or talks held elsewhere: what was said there is not reported."""
    answer = ask(joint, question)
    assert not answer.answered
    assert answer.answer.startswith(f"The articles report no meeting held between {verdict}. Related:")
    assert answer.citations


def test_what_two_people_agreed_with_someone_in_no_record_is_abstained(joint):
    """Lord Grey is in the story but meets nobody: "what did lind and lord grey discuss?" says so."""
    answer = ask(joint, "what did lind and lord grey discuss?")
    assert not answer.answered and answer.answer.startswith("The articles report no meeting between Anna Lind and Grey.")


def test_what_two_people_agreed_at_talks_they_held_is_left_to_the_passages(joint):
    """Lind and Sato held talks: what they agreed is for the passages to say, not an abstention."""
    assert ask(joint, "What did Lind and Sato agree in Geneva?") is None


def test_a_meeting_only_sought_is_not_confirmed(joint):
    """'Is Lind meeting Hale?': a meeting "being sought" is neither yes nor no."""
    answer = ask(joint, "is lind meeting hale?")
    assert answer.answered and answer.answer.startswith("Not confirmed: ") and "John Hale" in answer.answer


def test_a_yes_no_question_naming_someone_in_no_record_is_left_to_the_passages(joint):
    """'will lind meet lord grey?': Grey meets nobody in the records, so Lind's talks with Sato are no answer."""
    assert ask(joint, "will lind meet lord grey?") is None


@pytest.mark.parametrize("question", ["When did Dale meet Karimi?", "Where did Karimi hold talks with Mark Dale?"])
def test_a_meeting_with_someone_never_named_beside_them_is_abstained(news, question):
    """Dale is in the story and meets nobody; no paragraph names him beside Karimi: no meeting between them."""
    answer = ask(news, question)
    assert not answer.answered
    assert answer.answer.startswith("The articles report no meeting between ") and "Reza Karimi" in answer.answer
    assert "Dale" in answer.answer.split(". Related")[0]


@pytest.mark.parametrize(("question", "expected"), [
    ("Where did Karimi go to feed the pigeons?", False), ("Who called their system the Karimi Engine?", False),
    ("When will Karimi go to Riyadh?", True), ("who did Berg sit down with?", True), ("where did karimi go", True),
    ("Where does Karimi go after Riyadh?", True), ("Who did Karimi see after his talks with Nasser?", True),
    ("where did karimi speak after meeting nasser", False), ("Who did Karimi speak to in Riyadh?", True)])
def test_go_and_call_ask_about_a_meeting_unless_they_name_a_purpose_or_a_name(question, expected):
    """And "speak" asks about one only with someone to speak to."""
    assert is_meeting_question(question) is expected


def test_a_city_asked_about_is_only_itself_and_a_country_holds_its_cities(news):
    """Karimi met Nasser in Riyadh: a question about Jeddah is not about that meeting; one about Saudi Arabia is."""
    riyadh = next(m for m in news[0] if m.place and m.place.value == "Riyadh")
    assert riyadh.at("Riyadh") and riyadh.at("Saudi Arabia") and not riyadh.at("Jeddah")

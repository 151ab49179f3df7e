"""Meetings told the way agency copy tells them: "here" for the dateline's city, a day or a place between
"held talks" and "with", a title such as Director-General, a surname of two words, a topic after the
person met, a meeting "put back"."""

from __future__ import annotations

import pytest

from index.answers.compose import Answer, Citation
from index.answers.meetings import answer_from_meetings
from index.answers.premises import checked
from index.meetings.extract import extract_meetings
from tests.index.meetings import support
from tests.index.meetings.support import all_quotes, meeting, person, supported, verbatim, write

STORY = (
    "TRADE TALKS\n\n"
    "GENEVA, Sept 21 - WTO Director-General Anna Keller said the negotiating groups should be left to do their "
    "work, officials said.\n\n"
    "Keller is due to meet Brazilian Trade Minister Paulo Souza here on Thursday, officials said.\n\n"
    "Norwegian Trade Minister Tom Reid is due to hold talks in Oslo on Friday with Danish Trade Minister Lars "
    "Berg, his office said.\n\n"
    "Chilean Energy Minister Luis Garcia Moreno criticised the plan. Garcia Moreno is due to visit Peru next "
    "month, officials said.\n\n"
    "OPEC oil ministers are scheduled to gather in Vienna on October 25 to review output.\n\n"
    "Reid will travel to Washington next week for talks with U.S. Trade Representative Clara Hill on farm "
    "subsidies in Europe, officials said.\n\n"
    "Chancellor of the Exchequer John Marsh spoke by telephone yesterday with French Finance Minister Paul "
    "Martin about exchange rates, officials said.\n\n"
    "A meeting of NATO defence ministers, originally set for next Tuesday in Munich, has been put back until "
    "November, a spokesman said.\n")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return support.story(tmp_path_factory, STORY, "1987-09-21")


def test_here_is_the_datelines_city(story):
    """'Keller is due to meet Souza here': the meeting is in Geneva, the dateline quoted for it; her title,
    Director-General, makes her a person of the story."""
    doc, meetings = story
    m = meeting(meetings, "Keller", "Souza")
    assert person(m.participants, "Keller").name == "Anna Keller"
    assert m.place.value == "Geneva" and supported(m.place, "GENEVA")
    assert m.when.value == "Thursday" and m.status.value == "planned"
    assert all(verbatim(doc, q) for q in all_quotes(m))


def test_place_and_day_between_talks_and_with(story):
    """'hold talks in Oslo on Friday with Berg': Reid meets Berg in Oslo on Friday."""
    _, meetings = story
    m = meeting(meetings, "Reid", "Berg")
    assert m.place.value == "Oslo" and m.when.value == "Friday" and m.kind.value == "talks"


def test_a_surname_of_two_words_is_the_person_named_before(story):
    """'Garcia Moreno is due to visit Peru': the minister named in full before."""
    _, meetings = story
    visits = [m for m in meetings if any(p.matches("Garcia Moreno") for p in m.participants)]
    assert len(visits) == 1 and visits[0].place.value == "Peru"
    assert person(visits[0].participants, "Garcia Moreno").name == "Luis Garcia Moreno"


def test_a_body_is_named_without_its_verb(story):
    """'OPEC oil ministers are scheduled to gather': the body is 'OPEC oil ministers', not '... are scheduled'."""
    _, meetings = story
    found = [m for m in meetings if m.place and m.place.value == "Vienna"]
    assert len(found) == 1
    assert not any("scheduled" in p.label() for p in found[0].people())


def test_a_topic_after_the_person_met_is_no_place(story):
    """'talks with Hill on farm subsidies in Europe': the talks are in Washington, about farm subsidies."""
    _, meetings = story
    m = meeting(meetings, "Reid", "Hill")
    assert m.place.value == "Washington"
    assert m.topic.value == "farm subsidies in Europe"


def test_a_call_with_its_day_before_with(story):
    """'spoke by telephone yesterday with Martin about exchange rates': a call by the Chancellor of the
    Exchequer, John Marsh, about exchange rates."""
    _, meetings = story
    m = meeting(meetings, "Marsh", "Martin")
    assert person(m.participants, "Marsh").name == "John Marsh"
    assert m.kind.value == "phone call" and m.place is None
    assert m.topic.value == "exchange rates" and m.when.value == "yesterday"


def test_put_back_is_postponed(story):
    """'has been put back until November': the ministers' meeting is postponed."""
    _, meetings = story
    found = [m for m in meetings if m.place and m.place.value == "Munich"]
    assert len(found) == 1 and found[0].status.value == "postponed"


def test_the_topic_answers_what_is_on_the_agenda(story):
    """'... and what will be on the agenda?' is answered with the topic, quoted; without that question the
    record's answer leaves it out."""
    doc, meetings = story
    asked = answer_from_meetings("Where will Reid meet Hill, and what will be on the agenda?", meetings,
                                 {doc.doc_id: doc})
    assert asked.answered and "Washington" in asked.answer and "farm subsidies in Europe" in asked.answer
    plain = answer_from_meetings("Where will Reid meet Hill?", meetings, {doc.doc_id: doc})
    assert plain.answered and "farm subsidies" not in plain.answer


def test_an_exact_date_is_not_next_week(story):
    """'On what exact date will Reid meet Hill?': the records say only "next week", and the reply says so
    with the record as a related passage; 'When ...?' they answer."""
    doc, meetings = story
    documents = {doc.doc_id: doc}
    exact = answer_from_meetings("On what exact date will Reid meet Hill?", meetings, documents)
    assert not exact.answered and "no date" in exact.answer and "next week" in exact.answer and exact.citations
    when = answer_from_meetings("When will Reid meet Hill?", meetings, documents)
    assert when.answered and "next week" in when.answer


def answered_from(doc, number: int, question: str) -> bool:
    """Whether the premise check lets stand an answer quoting paragraph `number` of doc whole."""
    paragraph = doc.paragraph(number)
    quote = doc.text[paragraph.start:paragraph.end]
    cited = Citation(1, doc.doc_id, doc.title, number, paragraph.start, paragraph.end, quote, None)
    return checked(Answer(question, True, quote, (cited,), 0.9), {}, {doc.doc_id: doc}).answered


def test_a_datelines_day_is_not_the_day_asked_for(tmp_path):
    """A quote opening "LONDON, March 24 -" gives the day the story ran: "On what exact date will Martin
    visit London?" is abstained when the story says only "next month"."""
    doc = write(tmp_path, "Visit\n\nLONDON, March 24 - French Finance Minister Paul Martin is expected to visit "
                          "London next month for talks on exchange rates, officials said.\n", "1987-03-24")
    assert not answered_from(doc, 2, "On what exact date will Martin visit London?")
    assert answered_from(doc, 2, "In which month will Martin visit London?")


def test_a_datelines_place_holds_for_the_whole_story(tmp_path):
    """'What did Keller sign while in Vienna?': the quote answering it does not say Vienna, the story's
    dateline does; 'while in Prague' is still a premise the articles do not support."""
    doc = write(tmp_path, "Visit\n\nVIENNA, June 11 - Austrian Chancellor Franz Huber held talks with Czech Foreign "
                          "Minister Eva Keller today on trade, officials said.\n\nKeller, who arrived on Tuesday, "
                          "signed a credit agreement for a power station yesterday.\n", "1987-06-11")
    assert answered_from(doc, 3, "What did Keller sign while in Vienna?")
    assert not answered_from(doc, 3, "What did Keller sign while in Prague?")


TOUR = (
    "TOUR\n\n"
    "LIMA, Nov 4 - Italian Prime Minister Marco Bellini held talks with Peruvian President Luis Ortega today, "
    "officials said.\n\n"
    "Italian Foreign Minister Carla Ferri, who is travelling with Bellini, held separate talks with her "
    "Peruvian counterpart Pedro Quispe.\n\n"
    "Bellini will fly to Quito on Friday for talks with President Rafael Mena and is expected to end his tour "
    "in Bogota early next week with a meeting with President Ana de la Vega, Italian officials said.\n")


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    return support.story(tmp_path_factory, TOUR, "1987-11-04")


def test_who_travels_with_him_is_not_who_holds_the_talks(tour):
    """'Ferri, who is travelling with Bellini, held separate talks with Quispe': Ferri's talks, not Bellini's."""
    _, meetings = tour
    m = meeting(meetings, "Ferri", "Quispe")
    assert not any(p.matches("Bellini") for p in m.people())


def test_two_legs_of_a_tour_in_one_sentence(tour):
    """'... to Quito on Friday for talks with Mena and is expected to end his tour in Bogota early next week
    with a meeting with President Ana de la Vega': Quito on Friday for one, Bogota next week for the other,
    and her name whole."""
    _, meetings = tour
    quito = meeting(meetings, "Bellini", "Mena")
    assert (quito.place.value, quito.when.value) == ("Quito", "Friday")
    bogota = meeting(meetings, "Bellini", "de la Vega")
    assert person(bogota.counterparts, "de la Vega").name == "Ana de la Vega"
    assert bogota.place.value == "Bogota" and "next week" in bogota.when.value


def test_joining_others_for_a_meeting_is_a_meeting(tmp_path):
    """'are due to join Reid and Berg in Madrid on June 16 for a four-nation meeting': a meeting in Madrid
    with Reid and Berg; 'Spain joined the European Community' is none."""
    doc = write(tmp_path, "Fighter\n\nBONN, May 22 - Norwegian Defence Minister Tom Reid and Danish Defence Minister "
                          "Lars Berg held talks here yesterday, officials said.\n\nThe Italian and Spanish defence "
                          "ministers are due to join Reid and Berg in Madrid on June 16 for a four-nation meeting, "
                          "officials said.\n\nSpain joined the European Community in January 1986.\n", "1987-05-22")
    meetings = extract_meetings(doc)
    madrid = [m for m in meetings if m.place and m.place.value == "Madrid"]
    assert len(madrid) == 1 and madrid[0].when.value == "June 16"
    assert {p.name for p in madrid[0].counterparts} >= {"Tom Reid", "Lars Berg"}
    assert not any("Community" in p.label() for m in meetings for p in m.people())


BBC_STORY = (
    "EU offers Moldova closer ties\n\n"
    "Moldova could be granted easier visas within months, the EU's external relations commissioner has said "
    "during a visit to Chisinau.\n\n"
    "Anna Lindqvist held talks with Moldova's new prime minister, Ion Rusu, on Thursday.\n\n"
    "She later met President Petru Ceban. The regional forum had called on the government to act.\n")


def test_a_story_that_names_its_subject_after_the_lead(tmp_path):
    """'the EU's external relations commissioner has said during a visit to Chisinau' / 'Anna Lindqvist held
    talks with Moldova's new prime minister, Ion Rusu': her talks, and those after, are in Chisinau."""
    doc = write(tmp_path, BBC_STORY)
    meetings = extract_meetings(doc)
    rusu = meeting(meetings, "Lindqvist", "Rusu")
    assert rusu.place.value == "Chisinau" and rusu.when.value == "Thursday"
    assert person(rusu.counterparts, "Rusu").office == "Prime Minister"
    assert meeting(meetings, "Lindqvist", "Ceban").place.value == "Chisinau"
    assert not any(p.matches("government") for m in meetings for p in m.people())  # "called on ... to act"


AGENCY_STORY = (
    "TALKS\n\n"
    "ANKARA, April 29 - British Foreign Secretary John Hale held talks here today with Turkish Foreign Minister "
    "Emre Kaya, officials said. Hale arrived last night on the first visit to Turkey by a British foreign secretary "
    "in years.\n\n"
    "Australian Foreign Minister Bill Hayden arrived on Monday. Hayden, who met Hale in London last year, held two "
    "rounds of talks with Kaya yesterday and today on trade.\n\n"
    "Hale will call on President Ali Demir tomorrow morning. He is due to be received by Prime Minister Can Aydin "
    "on Friday.\n")


def test_agency_ways_of_meeting(tmp_path):
    """'held talks here today with', 'held two rounds of talks with', 'will call on President Demir', 'is due
    to be received by Prime Minister Aydin': four meetings, in Ankara; Hayden, a town's name too, is the
    minister; a call on someone has no topic."""
    doc = write(tmp_path, AGENCY_STORY, "1987-04-29")
    meetings = extract_meetings(doc)
    assert meeting(meetings, "Hale", "Kaya").place.value == "Ankara"
    assert meeting(meetings, "Hayden", "Kaya").when.value == "yesterday"
    demir = meeting(meetings, "Hale", "Demir")
    assert demir.place.value == "Ankara" and demir.topic is None
    aydin = [m for m in meetings if {"Hale", "Aydin"} <= {p.name.split()[-1] for p in m.people() if p.name}]
    assert len(aydin) == 1 and aydin[0].when.value == "Friday"


def test_a_dateline_holds_no_place_for_a_quote_that_goes_elsewhere(tmp_path):
    """'... before flying to Athens for talks with Papoulias' in a story from ANKARA: talks 'in Ankara' are
    not what it says."""
    doc = write(tmp_path, "Tour\n\nANKARA, April 29 - British Foreign Secretary John Hale held talks today with Turkish "
                          "Foreign Minister Emre Kaya, officials said.\n\nHale will fly to Athens tomorrow for talks "
                          "with Greek Foreign Minister Karolos Papoulias.\n", "1987-04-29")
    assert not answered_from(doc, 3, "When will Hale and Papoulias hold talks in Ankara?")


def test_the_ministers_of_a_datelined_story_are_the_hosts(tmp_path):
    """'DHAKA, March 18 - ... Conable held talks yesterday with the finance minister': Bangladesh's, in Dhaka."""
    doc = write(tmp_path, "Aid\n\nDHAKA, March 18 - World Bank President Barber Conable met President Hossain Ershad "
                          "today, officials said.\n\nConable held talks yesterday with the finance minister on "
                          "the country's food plans, the spokesman said.\n", "1987-03-18")
    talks = [m for m in extract_meetings(doc) if m.when and m.when.value == "yesterday"]
    assert len(talks) == 1
    minister = talks[0].counterparts[0]
    assert (minister.office, minister.country) == ("Finance Minister", "Bangladesh")
    assert talks[0].place.value == "Dhaka"  # the hosts' talks of yesterday: in the dateline's city


def test_a_first_name_that_is_a_months_short_form(tmp_path):
    """'his Norwegian counterpart, Jan Petersen,': Jan is his name, not January."""
    doc = write(tmp_path, "Talks\n\nRussian Foreign Minister Sergei Lavrov held talks with his Norwegian counterpart, "
                          "Jan Petersen, in Oslo on Monday.\n")
    talks = meeting(extract_meetings(doc), "Lavrov", "Petersen")
    assert person(talks.counterparts, "Petersen").name == "Jan Petersen" and talks.place.value == "Oslo"


def test_a_king_and_a_president_who_share_a_name(tmp_path):
    """'Jordan's King Hussein' on the telephone, then 'President Saddam Hussein' sending a message: the call
    was with the king."""
    doc = write(tmp_path, "Call\n\nCAIRO, June 9 - President Hosni Mubarak and Jordan's King Hussein discussed the "
                          "peace conference in a telephone call last night.\n\nMubarak also received an envoy who "
                          "brought a message from President Saddam Hussein on the Gulf war.\n", "1987-06-09")
    call = meeting(extract_meetings(doc), "Mubarak", "Hussein")
    assert person(call.counterparts, "Hussein").name == "Hussein"


def test_talks_with_a_secretary_of_state_are_no_body_meeting(tmp_path):
    """'for talks with Secretary of State George Shultz': one meeting, with Shultz, no body named 'State ...'."""
    doc = write(tmp_path, "Visit\n\nEgyptian Foreign Minister Esmat Abdel-Meguid is due to visit Washington next "
                          "month for talks with Secretary of State George Shultz, a spokesman said.\n", "1987-06-09")
    meetings = extract_meetings(doc)
    assert len(meetings) == 1
    assert person(meeting(meetings, "Abdel-Meguid", "Shultz").counterparts, "Shultz").office == "Secretary of State"


def test_the_place_a_where_clause_hangs_on(tmp_path):
    """'arrived last night from Montevideo, where he met Sanguinetti on Monday': they met in Montevideo."""
    doc = write(tmp_path, "Tour\n\nBUENOS AIRES, Nov 4 - Spanish Prime Minister Felipe Gonzalez arrived last night "
                          "from Montevideo, where he met Uruguayan President Julio Maria Sanguinetti on Monday.\n",
                "1987-11-04")
    talks = meeting(extract_meetings(doc), "Gonzalez", "Sanguinetti")
    assert talks.place.value == "Montevideo" and talks.when.value == "Monday"


def test_what_he_did_after_the_meeting_holds_no_place_of_it(tmp_path):
    """'met Zheng Tuobin yesterday and signed an agreement ... for a power station in Shandong province': the
    meeting was not in Shandong; nor is a 'joint venture' plant a joint meeting."""
    doc = write(tmp_path, "Visit\n\nWest German Economics Minister Martin Bangemann met Trade Minister Zheng Tuobin "
                          "yesterday and signed an agreement on a credit for a power station in Shandong province."
                          "\n\nHe is due to meet Vice Premier Li Peng tomorrow before touring a joint venture car "
                          "plant.\n", "1987-06-11")
    meetings = extract_meetings(doc)
    assert meeting(meetings, "Bangemann", "Zheng").place is None
    assert meeting(meetings, "Bangemann", "Li Peng").format.value == "in person"

"""Wire forms of coming and meeting: a minister who "said at the end of a brief visit here"; "At a meeting in
Rome last May French and Soviet trade ministers said"; "Chile will ..., deputy Trade Minister X said" makes X
Chile's, so his arrival in the dateline's capital is a trip; an association's demonym is its officer's country;
"A World Bank mission was due here soon", "Two World Bank review teams are in Peru"; "he had given that message to
Brazilian officials when they met"; "a two-day ministerial meeting" or "The ministers were meeting" after the
ministers were named is their meeting, and whoever "said after hosting a one-day session" met them "at this
coastal resort", the dateline's city; "A and the head of the central bank of Mexico, B, met"; "He said that based
on discussions with Peruvian officials here last week" is his meeting with them."""

from __future__ import annotations

import pytest

from index.meetings.extract import extract_meetings
from tests.index.meetings.support import write


def _visits(meetings):
    return [m for m in meetings if m.kind and m.kind.value == "visit"]


def test_said_at_the_end_of_a_visit_here(tmp_path):
    doc = write(tmp_path, "Minister upbeat\n\nMADRID, May 4 - Polish deputy prime minister Jan Kowal said at the end "
                          "of a brief visit here his country wanted more trade with Spain.\n")
    (m,) = _visits(extract_meetings(doc))
    assert m.participants[0].name == "Jan Kowal" and m.place.value == "Madrid"


def test_said_during_a_visit_names_the_speaker(tmp_path):
    doc = write(tmp_path, "Ties good\n\nWARSAW, May 4 - Czech Foreign Minister Petr Dvorak said during a visit to "
                          "Vienna that ties were good.\n")
    (m,) = _visits(extract_meetings(doc))
    assert m.participants[0].name == "Petr Dvorak" and m.place.value == "Vienna"


def test_a_meeting_of_two_states_ministers_named_after_it(tmp_path):
    doc = write(tmp_path, "Trade gap\n\nMADRID, May 4 - Spain wants more trade.\n\nAt a meeting in Rome last May "
                          "French and Soviet trade ministers said they would cut the deficit.\n")
    (m,) = [m for m in extract_meetings(doc) if m.kind.value != "visit"]
    assert m.place.value == "Rome" and m.when.value == "last May"
    assert {m.participants[0].country, m.counterparts[0].country} == {"France", "Soviet Union"}


def test_a_state_opening_the_sentence_is_its_speakers(tmp_path):
    doc = write(tmp_path, "Chile seeks oil\n\nLIMA, May 4 - Chile will ask Peru to lend it crude oil, deputy Energy "
                          "Minister Pablo Rojas said.\n\nRojas, who arrived in Lima last night to discuss the loan, "
                          "did not say how much.\n")
    (m,) = _visits(extract_meetings(doc))
    assert m.participants[0].name == "Pablo Rojas" and m.participants[0].country == "Chile"
    assert m.place.value == "Lima"


def test_the_demonym_of_an_association_is_its_officers_country(tmp_path):
    doc = write(tmp_path, "Farm lobby\n\nPARIS, May 4 - The tax is unfair, farmers said.\n\nCanadian Wheat Growers "
                          "Association (CWGA) president John Reid said it would be rejected.\n\nReid, who is leading a "
                          "lobbying tour, will also visit Paris on Thursday.\n", "1987-05-04")
    (m,) = _visits(extract_meetings(doc))
    assert m.participants[0].name == "John Reid" and m.participants[0].country == "Canada"
    assert m.place.value == "Paris" and m.when.value == "Thursday"


@pytest.mark.parametrize(("text", "place"), [
    (("MANILA, May 4 - The Philippines will seek new loans, the finance minister said.\n\nA World Bank mission was "
      "due here soon to study the damage, officials said."), "Manila"),
    ("LIMA, May 4 - Two World Bank review teams are in Peru to assess requests for loans, bank officials said.", "Peru")])
def test_a_body_mission_coming(tmp_path, text, place):
    doc = write(tmp_path, f"Loans\n\n{text}\n")
    (m,) = _visits(extract_meetings(doc))
    assert "World Bank" in (m.participants[0].country, m.participants[0].name) and m.place.value == place


def test_they_met_after_a_person_and_the_people_he_addressed(tmp_path):
    doc = write(tmp_path, "Plan needed\n\nWASHINGTON, May 4 - Treasury Secretary John Hale said Peru needs a new "
                          "plan.\n\nHale said that he had given that message to Peruvian officials earlier this month "
                          "when they met for talks in Washington.\n")
    (m,) = extract_meetings(doc)
    assert m.participants[0].name == "John Hale" and m.counterparts[0].country == "Peru"
    assert m.place.value == "Washington" and m.status.value == "held"


@pytest.mark.parametrize(("text", "body"), [
    (("Foreign Ministers of the Association of South-east Asian Nations (ASEAN) said they expect closer ties with "
     "Japan.\n\nA communique issued at the end of a two-day ministerial meeting said trade should grow."), "ASEAN"),
    (("European Community (EC) industry ministers today declared a need for steel plant closures.\n\nThe ministers "
     "were meeting to discuss a plan drawn up by the industry."), "European Community"),
    ("West German farm ministers declared a need for cuts.\n\nThe ministers were meeting to discuss a plan.", "West Germany")])
def test_a_meeting_of_the_ministers_named_before(tmp_path, text, body):
    doc = write(tmp_path, f"Ministers meet\n\nJAKARTA, June 16 - {text}\n")
    (m,) = extract_meetings(doc)
    assert m.participants[0].country == body and m.place.value == "Jakarta"


def test_two_met_the_second_named_after_his_office(tmp_path):
    doc = write(tmp_path, "Silver\n\nLIMA, June 1 - Peru will work with Mexico on silver, officials said.\n\nThe paper "
                          "added that Peruvian central bank president Luis Vela and the head of the central bank of "
                          "Mexico, Jorge Ruiz Soto, met in Mexico City yesterday to discuss prices.\n")
    (m,) = extract_meetings(doc)
    assert (m.participants[0].name, m.counterparts[0].name) == ("Luis Vela", "Jorge Ruiz Soto")
    assert m.place.value == "Mexico City"


def test_the_host_of_a_session_met_the_ministers_named_before(tmp_path):
    doc = write(tmp_path, "EC agrees\n\nOSTEND, Belgium, April 5 - European Community finance ministers and central "
                          "bankers agreed on closer cooperation, officials said.\n\n\"There was a general will,\" "
                          "Belgian Finance Minister Jan Peeters said after hosting a one-day session of informal talks "
                          "at this Belgian coastal resort.\n")
    (m,) = [m for m in extract_meetings(doc) if m.counterparts]
    assert m.participants[0].name == "Jan Peeters" and "Ministers" in m.counterparts[0].office
    assert m.place.value == "Ostend"


def test_a_speaker_based_on_discussions_with_others_met_them(tmp_path):
    doc = write(tmp_path, "Debt deal seen\n\nWASHINGTON, March 6 - Treasury Secretary John Hale said Peru will reach "
                          "a deal with its banks.\n\nHe said that based on discussions with Peruvian officials here last "
                          "week, he believed Peru's approach was sound.\n", "1987-03-06")
    (m,) = extract_meetings(doc)
    assert m.participants[0].name == "John Hale" and m.counterparts[0].country == "Peru"
    assert m.place.value == "Washington" and m.when.value == "last week"

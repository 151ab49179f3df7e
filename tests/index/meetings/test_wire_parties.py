"""Parties wire copy names in passing: the one "with" a meeting before ", said", "his talks with", "her",
a banker named by firm and role, a deputy in a list, states and bodies holding talks, gatherings of ministers
or of a body's board, and a state that is only urged or courted."""

from __future__ import annotations

import pytest

from tests.index.meetings.support import meeting, story

PEOPLE = ("Talks in Manila\n\n"
          "MANILA, June 29 - U.S. Defence Secretary Paul Varga said the alliance was strong.\n\n"
          "In his talks with Philippine Defence Minister Rafael Ortiz, he said, he offered more training.\n\n"
          "Finance Secretary Jaime Ramos, briefing reporters after a separate meeting with Varga, said the talks "
          "went well.\n\n"
          "Prime Minister Helen Marsh arrived on Sunday. President Carlos Reyes, who had nine hours of talks with "
          "her yesterday, called them useful.\n")

BANKERS = ("Debt talks\n\n"
           "NEW YORK, Feb 26 - Brazilian debt negotiator Antonio Padua de Souza said he was hopeful.\n\n"
           "Souza, who met again this morning with senior Citibank executive William Rhodes, told the banks "
           "that a telex was ready.\n\n"
           "Export-Import Bank president Takashi Mori told Brazil the bank would help. In a 30-minute meeting, "
           "Mori told Brazilian Finance Minister Dilson Prado the bank would consider a new credit.\n\n"
           "Japanese trade negotiator Makoto Kato flew to Washington. A trade team is there preparing for talks between Kato and Deputy U.S. Trade Representative "
           "Michael Stone.\n")

STATES = ("Debt and trade\n\n"
          "LUSAKA, April 9 - Zambia held talks with the International Monetary Fund last week.\n\n"
          "Egypt will hold talks with the Soviet Union in Moscow next month on its military debt.\n\n"
          "Top-level talks last week between the European Community and the United States failed to resolve "
          "the dispute.\n\n"
          "BANGKOK, June 17 - High Commissioner Jean-Luc Favre urged Thailand today to stop turning back boats, "
          "after talks with Foreign Minister Siddhi Thanom.\n")

GATHERINGS = ("Ministers meet\n\n"
              "ABU DHABI, March 2 - Deputy oil ministers from six Gulf Arab states will meet in Bahrain today to "
              "discuss marketing.\n\n"
              "The International Coffee Organization executive board is to meet in London between March 31 and "
              "April 2.\n\n"
              "EC finance and farm ministers held an unprecedented joint session in Luxembourg today to end the "
              "stalemate.\n\n"
              "NEW YORK, March 18 - Latin American coffee producers will meet this weekend in Managua, traders "
              "said.\n\n"
              "KUALA LUMPUR, June 3 - Tin closed higher today as fresh buying by Japanese consumers met thin "
              "offerings from local smelters, dealers said.\n")


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    return story(tmp_path_factory, PEOPLE, "1987-06-29")


@pytest.fixture(scope="module")
def bankers(tmp_path_factory):
    return story(tmp_path_factory, BANKERS, "1987-02-26")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    return story(tmp_path_factory, STATES, "1987-04-09")


@pytest.fixture(scope="module")
def gatherings(tmp_path_factory):
    return story(tmp_path_factory, GATHERINGS, "1987-03-02")


def test_his_talks_with_a_minister_are_the_talks_of_the_one_he_stands_for(people):
    meeting(people[1], "Paul Varga", "Rafael Ortiz")


def test_the_one_met_before_said_is_not_the_speaker(people):
    meeting(people[1], "Jaime Ramos", "Varga")


def test_her_after_talks_with_is_the_woman_the_story_follows(people):
    talks = meeting(people[1], "Carlos Reyes", "Helen Marsh")
    assert talks.when and talks.when.value == "yesterday"


def test_a_banker_named_by_firm_and_role_is_the_one_met(bankers):
    meeting(bankers[1], "Souza", "William Rhodes")


def test_in_a_meeting_one_told_the_other(bankers):
    meeting(bankers[1], "Takashi Mori", "Dilson Prado")


def test_a_deputy_in_a_list_after_between_is_a_party(bankers):
    meeting(bankers[1], "Kato", "Michael Stone")


def _sides(meetings, *countries):
    return [m for m in meetings if {c for c in countries} <= {p.country for p in m.people()}]


def test_a_state_holds_talks_with_a_body_or_another_state(states):
    zambia = _sides(states[1], "Zambia", "IMF")
    egypt = _sides(states[1], "Egypt", "Soviet Union")
    assert len(zambia) == 1 and zambia[0].status.value == "held"
    assert len(egypt) == 1 and egypt[0].place.value == "Moscow" and egypt[0].status.value == "planned"


def test_talks_between_two_blocs_name_both_and_no_adjective_is_a_party(states):
    assert _sides(states[1], "European Community", "United States")
    assert not [p for m in states[1] for p in m.people() if p.label().startswith("Top")]


def test_a_state_that_is_only_urged_is_no_party_to_the_talks(states):
    meeting(states[1], "Jean-Luc Favre", "Siddhi Thanom")
    assert not _sides(states[1], "Thailand")


@pytest.mark.parametrize(("party", "place"), [("Deputy oil ministers", "Bahrain"),
                                               ("International Coffee Organization executive board", "London"),
                                               ("EC finance and farm ministers", "Luxembourg"),
                                               ("Latin American coffee producers", "Managua")])
def test_ministers_or_a_board_gather_in_a_place(gatherings, party, place):
    found = [m for m in gatherings[1] if any(party.lower() in p.label().lower() for p in m.people())]
    assert len(found) == 1 and found[0].place.value == place


TOUR = ("Minister extends tour\n\n"
        "BRASILIA, March 5 - Finance Minister Carlos Vidal will fly to Tokyo on Sunday, after having completed a "
        "week-long trip to France and Italy.\n\n"
        "In Tokyo, however, he is due to meet private bankers, the sources said.\n\n"
        "Central bank governor Paulo Rocha will meet senior commercial bankers here today. Rocha will meet "
        "representatives of Citibank as well.\n\n"
        "The commission was agreed during talks between Foreign Trade Minister Michel Blanc and Yugoslavian "
        "minister without portfolio Egon Pavlic.\n\n"
        "Prime Minister Brian Hale said he held \"frank\" discussions with the provincial premiers on the pace "
        "of free trade talks with the United States.\n\n"
        "Trade Minister Kenji Sato said he has no plans to start rice talks with the United States.\n")


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    return story(tmp_path_factory, TOUR, "1987-03-05")


def test_a_trip_completed_before_the_next_is_held_and_the_next_meeting_is_where_the_sentence_opens(tour):
    trips = [m for m in tour[1] if m.place and "France" in m.place.value]
    assert len(trips) == 1 and trips[0].status.value == "held" and trips[0].when is None
    bankers = [m for m in tour[1] if any("private bankers" in p.label() for p in m.counterparts)]
    assert len(bankers) == 1 and bankers[0].place.value == "Tokyo"


def test_two_unnamed_groups_met_by_one_man_are_both_kept(tour):
    met = {p.label() for m in tour[1] if any(p.matches("Paulo Rocha") for p in m.participants) for p in m.counterparts}
    assert {"senior commercial bankers", "representatives of Citibank"} <= met


def test_a_minister_without_portfolio_is_the_one_met_and_his_country_no_person(tour):
    talks = meeting(tour[1], "Michel Blanc", "Egon Pavlic")
    assert talks.counterparts[0].office == "Minister Without Portfolio"
    assert talks.counterparts[0].country == "Yugoslavia"


def test_a_meeting_over_days_keeps_both_ends(gatherings):
    board = [m for m in gatherings[1] if m.place and m.place.value == "London"]
    assert len(board) == 1 and board[0].when.value == "March 31 and April 2"


def test_frank_discussions_with_premiers_but_not_the_talks_they_discussed(tour):
    hale = [m for m in tour[1] if any(p.matches("Brian Hale") for p in m.participants)]
    assert [[p.label() for p in m.counterparts] for m in hale] == [["provincial premiers"]]


def test_no_plans_to_hold_talks_is_no_meeting(tour):
    assert not [m for m in tour[1] if any(p.matches("Kenji Sato") for p in m.people())]


def test_buyers_meeting_offers_in_a_market_are_no_meeting(gatherings):
    assert not [m for m in gatherings[1] if any("consumers" in p.label() for p in m.people())]


def test_in_the_capital_named_after_a_comma_is_the_place(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Minister in hostage talks\n\nForeign Office minister Chris Mallon has flown "
                          "to Nigeria for talks.\n\nMr Mallon was received by President Olu Adebayo in the capital, "
                          "Abuja, on Thursday.\n")
    assert meeting(meetings, "Olu Adebayo", "Chris Mallon").place.value == "Abuja"


def test_a_surname_opening_the_sentence_meets_a_titled_person(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Budget row\n\nTOKYO, March 18 - Party executives said the budget was late.\n\n"
                        "Kurimoto hopes to meet President Reagan to prepare for the summit, they added.\n", "1987-03-18")
    meeting(meetings, "Kurimoto", "Reagan")

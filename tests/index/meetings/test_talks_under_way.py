"""Talks reported as going on ("Talks are under way between ...", "currently held between"), a state named after an
epithet, a state a speaker says will meet a body, and a meeting worded in ways no trigger reads: two parties
and a meeting word in one sentence, but not a list of topics nor a speaker and his own state."""

from __future__ import annotations

import pytest

from tests.index.meetings.support import meeting, story

WIRE = ("Debt and fish\n\n"
        "NAIROBI, May 4 - Talks are under way between debt-laden Kenya and the International Monetary Fund on a new "
        "loan, bankers said.\n\n"
        "Talks between President Daniel Okello and Prime Minister Hans Weber are under way, officials said.\n\n"
        "The ministry said the ban would harm fishing negotiations currently held between Canada and France.\n\n"
        "Central bank governor Tomas Ferreira said Brazil was likely to meet again with the 12-bank advisory "
        "committee once it had a plan.\n\n"
        "After several rounds of talks, Chile and Peru have made no progress on their border row.\n\n"
        "Kenya and the World Bank ended a week of consultations in Nairobi on Friday.\n\n"
        "Talks also centred on the economies of China, India, Japan and Brazil.\n\n"
        "Brazilian Finance Minister Pedro Alves said Brazil would rely on bilateral negotiations.\n")


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    return story(tmp_path_factory, WIRE, "1987-05-04")[1]


def _sides(meetings, *countries):
    return [m for m in meetings if set(countries) <= {p.country for p in m.people()}]


def test_talks_under_way_between_a_troubled_state_and_a_body(wire):
    talks = _sides(wire, "Kenya", "IMF")
    assert len(talks) == 1 and talks[0].status.value == "under way"


def test_talks_between_two_leaders_are_under_way(wire):
    assert meeting(wire, "Daniel Okello", "Hans Weber").status.value == "under way"


def test_negotiations_currently_held_between_two_states(wire):
    talks = _sides(wire, "Canada", "France")
    assert len(talks) == 1 and talks[0].status.value == "under way"


def test_a_state_a_speaker_says_will_meet_a_committee(wire):
    found = [m for m in _sides(wire, "Brazil") if any("advisory committee" in p.label() for p in m.counterparts)]
    assert len(found) == 1 and found[0].status.value == "planned"


def test_two_states_after_several_rounds_of_talks(wire):
    assert _sides(wire, "Chile", "Peru")


def test_a_state_and_a_body_ending_consultations(wire):
    found = _sides(wire, "Kenya", "World Bank")
    assert len(found) == 1 and found[0].place.value == "Nairobi" and found[0].status.value == "held"


def test_states_listed_as_a_topic_or_a_speakers_own_state_meet_nobody(wire):
    assert not _sides(wire, "China") and not _sides(wire, "India")
    assert not [m for m in wire if any(p.matches("Pedro Alves") for p in m.people())]


MISSIONS = ("Missions and committees\n\n"
            "LUSAKA, March 3 - A World Bank team led by senior economist Anna Berg arrived in Zambia for talks on a "
            "recovery program.\n\n"
            "An International Monetary Fund (IMF) team is due here over the same period, a bank official said.\n\n"
            "An agreement in the debt talks between Peru and its commercial bank advisory committee seems close.\n")


@pytest.fixture(scope="module")
def missions(tmp_path_factory):
    return story(tmp_path_factory, MISSIONS, "1987-03-03")[1]


def test_a_team_led_by_someone_arrives_and_another_is_due(missions):
    bank = _sides(missions, "World Bank")
    assert len(bank) == 1 and bank[0].place.value == "Zambia"
    fund = [m for m in _sides(missions, "IMF") if m.place and m.place.value == "Lusaka"]
    assert len(fund) == 1 and fund[0].place.value == "Lusaka" and fund[0].status.value == "planned"


def test_talks_between_a_state_and_its_bank_committee(missions):
    found = [m for m in _sides(missions, "Peru") if any("advisory committee" in p.label() for p in m.counterparts)]
    assert len(found) == 1


def test_a_bodys_name_stops_before_what_it_was_asked_for(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Rates\n\nNor was there enthusiasm at last week's meetings of the IMF and the "
                        "World Bank for higher U.S. Interest rates as the best way to help.\n", "1987-04-13")
    assert meetings and not [p for m in meetings for p in m.people() if "rates" in p.label()]


PLANS = ("Plans and teams\n\n"
         "BANGKOK, April 8 - The Thai Finance Ministry said it plans to hold formal financial talks with Canada on "
         "April 20 in Bangkok.\n\n"
         "Officials said it was no accident that the row came only a week before a scheduled Tokyo visit by Foreign "
         "Minister Park Jin-ho.\n\n"
         "Exporters pinned their hopes on a Thai team that left for Washington today.\n\n"
         "Thailand will seek two billion dlrs at a donors' meeting in Paris later this month, the officials said.\n")


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    return story(tmp_path_factory, PLANS, "1987-04-08")[1]


def test_a_ministry_says_it_plans_talks_with_a_state(plans):
    talks = _sides(plans, "Thailand", "Canada")
    assert len(talks) == 1 and talks[0].place.value == "Bangkok" and talks[0].when.value == "April 20"


def test_a_scheduled_city_visit_by_a_minister(plans):
    visit = [m for m in plans if any(p.matches("Park Jin-ho") for p in m.participants)]
    assert len(visit) == 1 and visit[0].place.value == "Tokyo" and visit[0].status.value == "planned"


def test_a_team_that_left_for_a_capital_is_on_its_way(plans):
    team = [m for m in plans if m.place and m.place.value == "Washington"]
    assert len(team) == 1 and team[0].status.value == "under way"


def test_a_state_seeking_money_at_a_donors_meeting_meets_the_donors(plans):
    found = [m for m in plans if m.place and m.place.value == "Paris"]
    assert len(found) == 1 and [p.label() for p in found[0].counterparts] == ["donors"]
    assert found[0].status.value == "planned"


def test_a_blocs_ministers_who_agreed_or_issued_a_statement_met(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Aid agreed\n\nBRUSSELS, March 17 - European Community (EC) foreign ministers "
                        "have agreed on an aid package for the Mediterranean.\n\nEC farm ministers issued a statement on "
                        "prices.\n\nThe ministers said the talks were useful.\n", "1987-03-17")
    found = [m for m in meetings if any("ministers" in p.label() for p in m.participants)]
    assert len(found) == 2 and all(m.place.value == "Brussels" and m.status.value == "held" for m in found)


def test_a_reception_held_for_a_visitor_by_a_president(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Visit\n\nLIMA, March 16 - Austrian President Karl Weiss began a visit.\n\n"
                        "Weiss, speaking at a reception held for him by President Juan Ortega, said the debt was a "
                        "burden.\n", "1987-03-16")
    assert meeting(meetings, "Juan Ortega", "Karl Weiss").status.value == "held"


def test_the_chancellor_is_the_chancellor_of_the_exchequer_named_before(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Debt talks\n\nLONDON, March 2 - U.K. Chancellor of the Exchequer Alan Reed has "
                        "told Brazil's Finance Minister Carlos Dantas that debt talks are for the banks, a Treasury "
                        "spokesman said.\n\nThe spokesman said the Chancellor had emphasised in talks this morning with "
                        "Dantas the need for a convincing program.\n", "1987-03-02")
    talks = meeting(meetings, "Alan Reed", "Carlos Dantas")
    assert talks.when.value == "this morning" and talks.status.value == "held"


def test_a_meeting_proposed_in_a_letter_is_planned_and_placed_nowhere(tmp_path_factory):
    _, meetings = story(tmp_path_factory, "Premier offers talks\n\nVALLETTA, March 17 - Maltese Prime Minister Carmelo Vella "
                        "proposed in a letter to his Libyan counterpart Omar Sahli that they meet to discuss fishing.\n",
                        "1987-03-17")
    proposed = meeting(meetings, "Carmelo Vella", "Omar Sahli")
    assert proposed.status.value == "planned" and proposed.place is None

"""Answers on wire copy: a meeting asked of two people needs a quote reporting it that names both; someone
asked for by office ("the French foreign minister") is found in the records; a person in no record but named
beside a meeting is left to the passages, not told "no meeting"; "put off any decisions" calls nothing off;
"which Chinese leader" needs one named; a dateline's country supports a question naming it; "where does he go"
is answered by a trip first; a meeting the quotes put elsewhere ("a meeting ... here" in a Brussels story,
"talks in London") is not the one asked about "in Paris"; a rate asked for needs a rate; a city is not its
state's demonym ("Brasilia" is not "Brazilian"), though a city the lead names frames the story."""

from __future__ import annotations

import pytest

from index.answers.fit import fits
from index.answers.premises import unsupported
from index.answers.venue import city_fits
from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

TRIP = ("Premier back from talks\n\nPARIS, April 2 - Prime Minister Jacques Lemaire returned to Paris this morning "
        "after three days of talks in New York and Washington in which trade featured prominently.\n\n"
        "Officials said Lemaire planned to urge Commission president Pieter Smit to send a team of experts to "
        "Washington.\n\nIn Rome on Monday, Italian Foreign Minister Carlo Neri met Spanish Foreign Minister Luis Ortega "
        "to discuss fishing.\n")
GULF = ("Minister expects accord\n\nABU DHABI, March 22 - French Foreign Minister Jean Moreau predicted a successful "
        "end to the petrochemical negotiations.\n\nMoreau, due here tomorrow from Oman for his first official visit to "
        "the United Arab Emirates (UAE), told a local daily he was confident.\n")
BANK = ("Bank delays decision\n\nMIAMI, March 22 - Latin nations agreed to set aside their differences over control of "
        "the development bank.\n\nThe bank's board of governors, meeting here ahead of this week's annual meetings, put "
        "off any decisions when the differences proved too great.\n\nThe U.S. strategy is expected to be repeated by "
        "Treasury Secretary Frank Dorsey in a speech to the bank's annual meeting on Monday.\n")
EDITORIAL = ("China calls for trade deal\n\nPEKING, March 3 - China called on the United States to remove curbs on its "
             "exports.\n\nThe official Business Daily newspaper today published the demands to coincide with the visit "
             "of U.S. Secretary of State Paul Varga.\n")
TAUPO = ("Trade round must succeed\n\nTAUPO, New Zealand, March 22 - Trade ministers were told the next round of "
         "negotiations would be the last this century.\n\nThe meeting is being attended by 25 overseas delegations "
         "including representatives of the EC.\n")

TOUR = ("Minister in talks\n\nPEKING, June 11 - West German Economics Minister Hans Keller held talks with Chinese "
        "Premier Li Wen today.\n\nKeller met Trade Minister Zhou Bo yesterday and signed a credit agreement.\n\n"
        "Keller will fly to Hong Kong on Sunday at the end of the visit, officials said.\n")

BRUSSELS = ("Bonn serious about pact\n\nBRUSSELS, March 9 - West German officials said Bonn took the Paris currency "
            "accord very seriously.\n\nTalking to journalists before a meeting of European Community finance ministers "
            "here, State Secretary Hans Vogel declined to say whether the February Paris accord included secret "
            "agreements.\n")
COFFEE = ("Uganda disappointed\n\nKAMPALA, March 9 - Uganda was disappointed by the stalemate in recent coffee talks "
          "in London, the chairman of the state coffee board said.\n\nUganda had sought to raise its export quota to 3.0 "
          "mln bags.\n\nFor several years Uganda had been unable to meet its export quota as rebel activity disrupted "
          "the coffee industry.\n")
LOAN = ("Bank makes no new commitment\n\nTOKYO, March 9 - Export-Import Bank of Japan president Kenji Mori told Brazil "
        "the bank would continue to cooperate with it.\n\nIn a 30-minute meeting, Mori told Brazilian Finance Minister "
        "Paulo Reis the bank would consider his request for a 300 mln dlr credit.\n\nThe Paris Club rescheduled the "
        "debt last week, officials said.\n")

COD = ("Cod talks postponed\n\nOTTAWA, March 16 - Talks between Canada and France on cod quotas, due to open in Paris "
       "on Thursday, have been postponed until next month, Canadian officials said.\n\nFisheries Minister Tom Hale had "
       "been due to lead the Canadian delegation and to meet French Overseas Minister Bernard Roux on the opening "
       "day.\n")


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"trip.txt": TRIP, "gulf.txt": GULF, "bank.txt": BANK,
                                             "editorial.txt": EDITORIAL, "taupo.txt": TAUPO,
                                             "tour.txt": TOUR, "brussels.txt": BRUSSELS, "coffee.txt": COFFEE,
                                             "loan.txt": LOAN, "cod.txt": COD})


def test_two_people_named_apart_from_the_talks_did_not_meet(story_kb):
    answer = story_kb.ask("When did Lemaire meet Smit in Washington?")
    assert not answer.answered


def test_two_people_a_quote_reports_meeting_did(story_kb):
    answer = story_kb.ask("When did Neri meet Ortega?")
    assert answer.answered and "Monday" in answer.answer


def test_someone_asked_for_by_office_is_found_in_the_records(story_kb):
    answer = story_kb.ask("When is the French foreign minister due in the UAE?")
    assert answer.answered and "tomorrow" in answer.answer and "Moreau" in answer.answer


def test_someone_in_no_record_named_beside_a_meeting_is_answered_from_the_passages(story_kb):
    answer = story_kb.ask("On which day is Dorsey expected to address the bank's annual meeting?")
    assert answer.answered and "Monday" in answer.answer


def test_decisions_put_off_do_not_call_the_meeting_off(story_kb):
    answer = story_kb.ask("Where did the bank's board of governors meet?")
    assert answer.answered and "meeting here" in answer.answer and "Miami" in answer.answer


def test_which_chinese_leader_needs_one_named(story_kb):
    answer = story_kb.ask("Which Chinese leaders did Varga meet during his visit?")
    assert not answer.answered and "Chinese leaders" in answer.answer


def test_a_datelines_country_supports_a_question_naming_it(story_kb):
    answer = story_kb.ask("How many overseas delegations are attending the meeting in New Zealand?")
    assert answer.answered and "25 overseas delegations" in answer.answer


def test_where_someone_goes_is_a_trip_first(story_kb):
    answer = story_kb.ask("Where does Keller go when his China visit is over?")
    assert answer.answered and "will visit Hong Kong" in answer.answer.split(". ")[0]


def test_a_meeting_here_in_a_brussels_story_is_not_in_paris(story_kb):
    answer = story_kb.ask("What did Vogel tell the EC finance ministers at their meeting in Paris?")
    assert not answer.answered and answer.answer.startswith("The articles report it in Brussels, not Paris.")


def test_talks_in_london_are_not_in_kampala(story_kb):
    answer = story_kb.ask("Who chaired the coffee talks in Kampala?")
    assert not answer.answered and answer.answer.startswith("The articles report it in London, not Kampala.")


def test_a_rate_asked_for_needs_a_rate(story_kb):
    answer = story_kb.ask("What interest rate did the Paris Club set on the rescheduled debt?")
    assert not answer.answered


def test_a_quota_unmet_is_no_meeting_to_come(story_kb):
    answer = story_kb.ask("What export quota was Uganda seeking at the talks?")
    assert answer.answered and "3.0" in answer.answer


def test_a_city_is_not_its_states_demonym():
    assert unsupported(["Brasilia"], "Mori told Brazilian Finance Minister Paulo Reis") == ["Brasilia"]
    assert unsupported(["Brasilia", "Brazil"], "Reis met Mori in Brasilia, the Brazilian capital") == []


def test_a_city_the_lead_names_frames_the_story(story_kb):
    answer = story_kb.ask("who was hale supposed to meet in paris")
    assert answer.answered and "Bernard Roux" in answer.answer


def test_a_capitalised_word_after_a_dateline_names_no_hotel():
    quote = "SINGAPORE, April 9 - Officials from Indonesia and Malaysia will meet here tomorrow to discuss rubber."
    assert not city_fits("Which hotel is hosting the rubber meeting in Singapore?", quote)
    assert city_fits("Which hotel is hosting the rubber meeting?", quote + " They meet at the Raffles hotel.")


def test_a_time_ago_is_not_how_long_a_meeting_lasted():
    question = "How long did the meeting at the Treasury last?"
    assert not fits(question, "They discussed the plan Baker outlined 18 months ago.")
    assert fits(question, "In a communique issued after a four-hour meeting at the Treasury, the ministers said")

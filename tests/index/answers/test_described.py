"""A question asking which ones, or whose name, is not answered by a sentence that speaks of them only by
description ("their Korean counterparts", "the Chilean mining minister, whose government ...", "the chairman of
the club"), and is answered by one that names them beside the description."""

from __future__ import annotations

import pytest

from index.answers.described import asked_ones, only_described
from tests.index.answers.stories import story_kb as build_story_kb


@pytest.mark.parametrize(("question", "text", "description"), [
    ("Which Korean officials did the Bundesbank team meet in Seoul?",
     "At meetings here this week, Bundesbank officials pressed their Korean counterparts to open the bond market.",
     "Bundesbank officials"),
    ("What is the name of the Chilean mining minister Alvarez intends to see in Santiago?",
     ("He said he would also travel to Santiago next month to meet the Chilean mining minister, whose government "
     "wants a larger quota."), "the Chilean mining minister"),
    ("What is the name of the Peruvian ambassador whom Moreau summoned?",
     ("Foreign Minister Claire Moreau summoned Peru's ambassador yesterday to ask about the safety of detained "
     "Senator Tomas Quispe and his aides."), "Peru's ambassador"),
    ("Who chairs the Vienna Group that Ortega is going to see?",
     "She will then go to Vienna on Friday for talks with the chairman of the Vienna Group of lenders.", "the chairman"),
    ("which countries did Lenz and Varga visit on their tour",
     "Lenz said that during their ten-day tour of several countries, he and Varga warned lenders about rates.",
     "several countries"),
    ("which banks is Ferreira meeting in New York",
     "Ferreira left for New York on Monday for talks with several banks.", "several banks"),
    ("Which Foreign Office official is going to Lima?",
     ("A visit here next week by Peruvian trade officials and a visit to Lima by a senior Foreign Office official "
     "will do little to end the row."), "a senior Foreign Office official"),  # the trade officials are others
    ("What is the name of the post and telecommunications minister Lane met?",
     "\"I put it to the (post and telecommunications) minister that he did not want a trade war,\" Lane said.",
     "minister"),
    ("Which high-level Thai official will be sent to Ottawa?",
     "Thailand is expected to send a high-level official to Ottawa early next month.", "a high-level official"),
])
def test_a_description_alone_names_none(question, text, description):
    assert only_described(question, text) == description


@pytest.mark.parametrize(("question", "text"), [
    ("Which Korean officials did the team meet?",
     "The team met Korean officials, including Deputy Finance Minister Park Jae-won, on Monday."),
    ("What is the name of the Chilean mining minister Alvarez met?",
     "Alvarez met Hernan Soto, the Chilean mining minister, in Santiago."),
    ("Which minister did Alvarez meet?", "Alvarez met Mining Minister Hernan Soto in Santiago."),
    ("Which banks is Ferreira meeting?", "Ferreira will meet creditor banks such as Citibank and Chase."),
    ("Which countries did Lenz visit?", "Lenz visited four countries, Brazil, Chile, Peru and Mexico."),
    ("Which officials did Lenz meet?", "Lenz met Varga and other Hungarian officials in Budapest."),
    ("Which U.S. arms negotiator is Hale summoning home?",
     "Hale said he was summoning Ambassador Max Kessler and the other top U.S. arms negotiators home this week."),
    ("Which officials did Lenz meet?", "Lenz met the finance minister in Budapest."),  # no "officials": not for this rule
    ("which Saudi ministers are going to Britain with Fahd",
     "King Fahd will be accompanied by his trade, defence, oil and health ministers."),  # that tells which
    ("Which Indian leader did the Brazilian minister call on?",
     "The Brazilian leader began his tour in Mozambique, where he met President Armando Guebuza."),  # someone else
    ("Which bank heads Brazil's bank committee?", "The bank committee, headed by Citibank, pressed Brazil to pay."),
    ("Which countries were invited to the coffee meeting?",
     "Colombia, Brazil and the Central American coffee producing countries were invited to the meeting."),
    ("Where did Lenz meet the officials?", "Lenz met Hungarian officials in Budapest."),  # not "which ones"
    ("What country has the most illiterate adults?", "It leads to fewer schools in a country that has the most."),
    ("Which minister did Lenz meet?", "Lenz met the minister on Monday."),  # the one the sentence before names
])
def test_a_name_beside_the_description_or_another_question_is_left_to_the_other_checks(question, text):
    assert only_described(question, text) is None


def test_which_ones_it_asks_for():
    assert asked_ones("What is the name of the Fijian High Commissioner whom Hayden called in?") == "commissioner"
    assert asked_ones("What is the name of the Iraqi oil minister Lukman intends to visit?") == "minister"
    assert asked_ones("Which bank chairs the committee of creditor banks?") == "bank"
    assert asked_ones("Who chaired the talks?") == "chairman"
    assert asked_ones("Which day did they meet?") is None
    assert asked_ones("What type of people were brought back?") is None
    assert asked_ones("Which of the ambassadors did the Shah have beheaded?") is None


MISSION = ("Chile sends team to Ottawa\n\nSANTIAGO, March 3 - Chile is expected to send a high-level official to "
           "Ottawa early next month to try to end a dispute over copper tariffs, officials said.\n\nMining Minister "
           "Hernan Soto said he would also travel to Lima next month to meet the Peruvian mining minister, whose "
           "government has asked for a larger quota.\n\nSoto met Canadian Trade Minister Paul Girard in Santiago on "
           "Monday.\n")


@pytest.mark.slow
def test_the_bot_says_the_articles_name_none_and_quotes_what_they_say(tmp_path_factory):
    kb = build_story_kb(tmp_path_factory, {"mission.txt": MISSION})
    answer = kb.ask("What is the name of the Peruvian mining minister Soto will meet in Lima?")
    assert not answer.answered and "they say “the Peruvian mining minister”" in answer.answer
    answer = kb.ask("Which high-level Chilean official will be sent to Ottawa?")
    assert not answer.answered and "a high-level official" in answer.answer
    answer = kb.ask("Which Canadian minister did Soto meet in Santiago?")
    assert answer.answered and "Paul Girard" in answer.answer

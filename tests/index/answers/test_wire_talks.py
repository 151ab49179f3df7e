"""Wire copy about talks: talks that "ended in Lima" were held, though a tariff was not called off; a
delegation leaving "for Washington" puts its talks there, whatever the dateline; what small banks "might" be
forced to sign asks for no company; a hyphenated dateline city says where a story was filed; the sentence after
a speaker's quote may give the time asked for; "which officials led" and "who hosted" need someone who did;
where someone held a news conference is no question about a meeting; "the Security Council" names no other
council's meeting record; "During his stay in Washington, he ..." leans on the name before it; "when will" is
answered by "only after an accord is reached"; where someone held talks before coming somewhere is for the
passages, which order one trip after another, not for the meeting records; "Was a statement issued after the
meeting?" asks about the statement, not whether they met; "the next meeting" needs one still to come; a long
sentence cut to fit keeps the clause with the question's rarest word; an accord "signed in Warsaw" was not signed
in Rome; one person's meeting is not answered by a meeting of others."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from index.answers.compose import Answerer
from index.answers.together import Told, met_together_fits, together_unfit
from index.corpus.documents import load_document
from index.meetings.facts import dateline_place
from index.retrieval.search import Query
from tests.index.answers.stories import story_kb as build_story_kb

pytestmark = pytest.mark.slow

COPPER = ("Chile may retaliate over copper\n\nSANTIAGO, April 11 - Chile warned Peru it may retaliate if Peru imposes "
          "its planned tariffs on Chilean copper next week.\n\nHowever, Trade Minister Jorge Soto said Chile was ready to "
          "continue trade talks with Peru despite its failure to convince Lima to call off the threatened tariffs during "
          "two days of emergency talks which ended in Lima yesterday.\n")
DELEGATION = ("Taipei cuts tariffs\n\nTAIPEI, April 11 - Taiwan announced tariff cuts on 862 foreign goods before trade "
              "talks with Washington.\n\nA 15-member Taiwan delegation leaves later today for Washington for a series of "
              "trade talks with U.S. officials.\n\nDelegation leader Vincent Siu said the talks, starting on April 14, "
              "would cover market access and tariff cuts.\n")
DEBT = ("Banker sees new debt answers\n\nWASHINGTON, April 9 - Countries are looking at new ways to resolve the debt "
        "problem, central banker Pierre Lanoix said.\n\nSmall banks which did not wish to reschedule might be forced "
        "to sign \"exit bonds,\" prohibiting them from lending to that country again, he said.\n")
GATHERING = ("Ministers prepare for IMF talks\n\nKNOKKE-HEIST, Belgium, April 5 - West European creditors agreed new "
             "terms for African debt, Chancellor Nigel Lawton said.\n\nLawton was speaking after an informal gathering of "
             "finance ministers and central bankers held to prepare for next week's spring meetings of the IMF.\n")
TIMETABLE = ("Minister goes to Tokyo\n\nLONDON, April 5 - Britain's corporate affairs minister left for Tokyo with a "
             "timetable for fair market access.\n\n\"I should be expecting a positive response to that timetable,\" the "
             "minister, Michael Hale, said.\n\nHe said the response was expected by next month, but he did not expect "
             "a trade war.\n")
RETURN = ("Minister back from Tokyo\n\nLONDON, April 11 - A British minister said he had given the Japanese government "
          "a clear warning of sanctions.\n\nTrade Minister Michael Hale said on his return from a visit to Japan he "
          "thought the Japanese were beginning to appreciate the need for open markets.\n\nAt an airport news "
          "conference Hale denied charges that his trip had been a failure.\n")
RUBBER = ("Rubber council adjourned\n\nKUALA LUMPUR, Oct 20 - A Council meeting of the International Natural Rubber "
          "Organization (INRO) has been adjourned until Thursday, officials of the organisation said.\n")
UN = ("UN council meets on Gulf\n\nUNITED NATIONS, Oct 19 - Members of the Security Council met behind closed doors on "
      "Monday to discuss the Gulf war, but no statement was issued afterwards.\n")
SAUDI = ("Prince meets Bush\n\nWASHINGTON, Oct 19 - Saudi Arabia's Crown Prince Abdullah met Vice President George "
         "Bush on Monday after the raid in the Gulf.\n\nThey said Prince Abdullah was very supportive of the U.S. role in "
         "the Gulf.\n\nBefore meeting with Bush, the Crown Prince paid a brief courtesy call on President Reagan.\n\n"
         "During his stay in Washington, he was also scheduled to meet with Defense Secretary Caspar Weinberger and "
         "leaders of the House and Senate foreign policy committees.\n")
BRAZIL = ("Brazil sets terms\n\nBRASILIA, Oct 19 - Brazil will only lift the partial moratorium on its foreign debt after "
          "an accord is reached with the private banks, the Finance Ministry said.\n")
DUNNE = ("Minister hopeful\n\nKUALA LUMPUR, Oct 20 - Australia's trade minister is hopeful of farm reform.\n\n"
         "Michael Dunne said plans to cut subsidies were steps in the right direction.\n\nDunne is on a two-day visit to "
         "Malaysia after talks in Thailand and Chile, and leaves for Indonesia on Wednesday.\n")
KOWAL = ("Minister ends visit\n\nROME, May 4 - Polish deputy prime minister Jan Kowal said at the end of a brief visit "
         "here that Poland wanted more trade with Italy.\n\nKowal told a news conference he had discussed possible deals "
         "with Italian companies Fiat, Montedison and Olivetti.\n\nDeclining to give figures he said he had discussed "
         "plant protection and the processing of sour gas with Montedison, packaging technology for farm produce with "
         "Fiat, and computer systems for grain silos with Olivetti.\n\nHe said concrete deals had not yet come from a "
         "trade accord signed in Warsaw last month with Italian businessman Carlo Neri.\n\nItalian trade officials held "
         "meetings with Polish bankers in Warsaw last week, Neri said.\n")


@pytest.fixture(scope="module")
def talks_kb(tmp_path_factory):
    return build_story_kb(tmp_path_factory, {"copper.txt": COPPER, "delegation.txt": DELEGATION, "debt.txt": DEBT,
                                             "gathering.txt": GATHERING, "timetable.txt": TIMETABLE,
                                             "return.txt": RETURN, "rubber.txt": RUBBER, "un.txt": UN,
                                             "saudi.txt": SAUDI, "brazil.txt": BRAZIL,
                                             "dunne.txt": DUNNE, "kowal.txt": KOWAL})


@pytest.mark.parametrize(("question", "expected"), [
    pytest.param("What will the talks with US officials in Washington cover?",
                 "market access", id="a delegation for Washington holds its talks there"),
    pytest.param("What might small banks that refuse to reschedule be forced to sign?",
                 "exit bonds", id="what banks might sign asks for no company"),
    pytest.param("when does hale expect a response to his timetable",
                 "next month", id="the time may follow the speaker's quote"),
    pytest.param("When will Brazil lift its debt moratorium?",
                 "after an accord", id="when will is answered by what must come first"),
    pytest.param("Was a statement issued after the Security Council's closed-door meeting?",
                 "no statement was issued", id="was a statement issued asks about the statement"),
])
def test_answered_with(talks_kb, question, expected):
    answer = talks_kb.ask(question)
    assert answer.answered and expected in answer.answer


def test_talks_that_ended_were_held(talks_kb):
    answer = talks_kb.ask("Where were the emergency trade talks between Chile and Peru held?")
    assert answer.answered and "ended in Lima" in answer.answer
    answer = talks_kb.ask("which peruvian officials led the emergency talks with chile in lima")
    assert not answer.answered and "led" in answer.answer


def test_a_hyphenated_dateline_city_is_where_the_story_was_filed(talks_kb, tmp_path):
    path = tmp_path / "gathering.txt"
    path.write_text(GATHERING, encoding="utf-8")
    assert dateline_place(load_document(path)).value == "Knokke-Heist"
    answer = talks_kb.ask("Who hosted the informal gathering of finance ministers and central bankers?")
    assert not answer.answered  # no one is said to have hosted it


def test_a_news_conference_is_no_meeting(talks_kb):
    answer = talks_kb.ask("Where did Hale hold his news conference on returning from Japan?")
    assert answer.answered and "airport" in answer.answer
    assert "visited Japan" in talks_kb.ask("Where did Hale go?").answer  # his trip is in the records


def test_the_security_council_is_not_another_council(talks_kb):
    answer = talks_kb.ask("When did members of the Security Council meet behind closed doors?")
    assert answer.answered and "Monday" in answer.answer and "Rubber" not in answer.answer


def test_he_after_an_opening_phrase_means_the_one_named_before(talks_kb):
    answer = talks_kb.ask("Which defense secretary was Abdullah scheduled to meet during his stay in Washington?")
    assert answer.answered and "Weinberger" in answer.answer
    assert all(not c.quote.endswith("-") for c in answer.citations)  # no quote that is a dateline alone


def test_talks_before_a_trip_are_for_the_passages(talks_kb):
    answer = talks_kb.ask("where did dunne hold talks before coming to malaysia")
    assert answer.answered and "after talks in Thailand and Chile" in answer.answer
    assert "Indonesia" in talks_kb.ask("Where will Dunne go next?").answer  # his trips are in the records


def test_an_accord_signed_elsewhere(talks_kb):
    answer = talks_kb.ask("When did Kowal and Neri sign their accord in Rome?")
    assert not answer.answered and "Warsaw, not Rome" in answer.answer


def test_a_long_sentence_keeps_the_clause_with_the_rarest_word_asked():
    sentence = KOWAL.split("\n\n")[3]
    query = Query("what did the polish minister discuss with Fiat", ("polish", "minister", "discuss", "fiat"),
                  np.zeros(1, dtype=np.float32))
    rare = SimpleNamespace(bm25=SimpleNamespace(idf=lambda t: {"fiat": 3.0, "discuss": 0.5}.get(t, 1.0)))
    start, end = Answerer._fit(rare, sentence, 0, len(sentence), 120, query)
    assert "packaging technology for farm produce with Fiat" in sentence[start:end]


@pytest.mark.parametrize(("question", "terms", "expected"), [
    ("When did Kowal meet Polish bankers in Warsaw?", ["Kowal", "Polish", "Warsaw"], False),
    ("When did Neri meet Polish bankers in Warsaw?", ["Neri", "Polish", "Warsaw"], True),
    ("Which Polish bankers did Italian officials meet on May 4?", ["Polish", "Italian", "May"], True)])
def test_one_persons_meeting_is_not_a_meeting_of_others(question, terms, expected):
    quote = KOWAL.split("\n\n")[5].strip()
    told = Told(quote, quote, "Rome")
    assert met_together_fits(question, [told], terms) is expected


@pytest.mark.parametrize(("quote", "expected"), [
    ("The EC and Comecon ended talks here, having made progress on trade relations, delegates said.", False),
    ("The EC and Comecon ended talks here and will meet again in Brussels in June, delegates said.", True)])
def test_the_next_meeting_needs_one_still_to_come(quote, expected):
    told = Told(quote, quote, "Geneva")
    assert (together_unfit("When and where is the next EC-Comecon meeting?", [told], ["EC-Comecon"]) is None) is expected

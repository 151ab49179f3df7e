"""More of the ways stories report a meeting: an office told after the name ("X, head of the ... Agency,"),
"sat down on Tuesday with", "conferred for an hour yesterday with", two states resuming negotiations,
"when the two leaders meet"."""

from __future__ import annotations

import pytest

from index.answers.meetings import answer_from_meetings
from index.meetings.extract import extract_meetings
from tests.index.meetings.support import meeting, person, write


def meetings_of(tmp_path, text: str, published: str | None = None):
    return extract_meetings(write(tmp_path, text, published))


SPACE = (
    "Europe and Russia move closer on spacecraft\n\n"
    "Europe's space agency has agreed to study a new craft with Russia.\n\n"
    "Jean-Jacques Dordain, director general of the European Space Agency (Esa), sat down on Tuesday with "
    "Anatoly Perminov, head of the Russian Federal Space Agency, to discuss Kliper, a reusable craft.\n")


def test_an_office_told_after_the_name(tmp_path):
    """Both agency heads are office holders: their meeting is kept, and what they discussed is no party."""
    doc = write(tmp_path, SPACE)
    meetings = extract_meetings(doc)
    talks = meeting(meetings, "Dordain", "Perminov")
    assert person(talks.participants, "Dordain").office == "Director General"
    assert person(talks.counterparts, "Perminov").office == "Head"
    assert talks.when.value == "Tuesday" and talks.topic.value == "Kliper"
    assert len(meetings) == 1  # "to discuss Kliper": Kliper is not met


def test_who_someone_sat_down_with_is_a_meeting_question(tmp_path):
    doc = write(tmp_path, SPACE)
    reply = answer_from_meetings("who did Dordain sit down with?", extract_meetings(doc), {doc.doc_id: doc})
    assert reply is not None and reply.answered and "Perminov" in reply.answer


FISH = (
    "FISHING TALKS\n\n"
    "OTTAWA, March 24 - Canada and France will resume their stalled negotiations on fishing rights in Paris on "
    "Monday, Fisheries Minister Tom Siddon said.\n\n"
    "Siddon told reporters he had conferred for more than an hour yesterday with France's ambassador to Canada.\n\n"
    "Prime Minister Brian Mulroney is expected to raise the dispute with French President Francois Mitterrand when "
    "the two leaders meet at the economic summit in Venice in June, a spokesman said.\n")


def test_two_states_resume_negotiations(tmp_path):
    talks = [m for m in extract_meetings(write(tmp_path, FISH, "1987-03-24"))
             if any(p.matches("Canada") for p in m.people()) and any(p.matches("France") for p in m.people())]
    assert len(talks) == 1 and talks[0].place.value == "Paris" and talks[0].when.date == "1987-03-30"


def test_conferred_for_an_hour_yesterday_with(tmp_path):
    """A meeting of the dateline's minister held yesterday: in the dateline's city."""
    met = meeting(extract_meetings(write(tmp_path, FISH, "1987-03-24")), "Siddon", "ambassador")
    assert met.when.value == "yesterday" and met.status.value == "held" and met.place.value == "Ottawa"


def test_when_the_two_leaders_meet(tmp_path):
    """'... with Mitterrand when the two leaders meet at the summit in Venice': Mulroney and Mitterrand."""
    met = meeting(extract_meetings(write(tmp_path, FISH, "1987-03-24")), "Mulroney", "Mitterrand")
    assert met.place.value == "Venice"


def test_expected_to_see_and_a_day_rather_than_next_week(tmp_path):
    """BBC style: the lead's unnamed president is Mbeki, 'expected to see Mr Mugabe ... on Tuesday'; the
    record keeps the day rather than the lead's "next week"."""
    doc = write(tmp_path, "Mbeki to see Mugabe\n\nSouth Africa's president is to travel to Zimbabwe next week for "
                          "talks with Robert Mugabe, his office has said.\n\nThabo Mbeki is expected to see Mr "
                          "Mugabe in Harare on Tuesday, a spokesman said.\n")
    talks = meeting(extract_meetings(doc), "Mbeki", "Mugabe")
    assert talks.place.value == "Harare" and talks.when.value == "Tuesday" and talks.status.value == "planned"


DAM = ("Pakistan turns to World Bank over dam\n\n"
       "The request follows the collapse of talks between the two countries' water secretaries in Delhi last "
       "week.\n\nThe two countries' foreign secretaries are due to meet in Islamabad next month.\n")


def test_the_two_countries_officials(tmp_path):
    """Officials of 'the two countries' meet though no country is named in the sentence."""
    doc = write(tmp_path, DAM)
    meetings = {m.place.value: m for m in extract_meetings(doc) if m.place}
    assert meetings["Delhi"].status.value == "held" and "water secretaries" in meetings["Delhi"].participants[0].name
    assert meetings["Islamabad"].status.value == "planned" and meetings["Islamabad"].when.value == "next month"


def test_collapsed_talks_were_held(tmp_path):
    doc = write(tmp_path, DAM)
    reply = answer_from_meetings("Where did the water secretaries' talks collapse?", extract_meetings(doc),
                                 {doc.doc_id: doc})
    assert reply is not None and reply.answered and "Delhi" in reply.answer


def test_a_working_lunch_a_firms_man_and_the_minister(tmp_path):
    """'held a working lunch yesterday with the U.S. ambassador'; 'sit down on Monday with Citibank's William
    Rhodes'; 'the minister is expected to see ... Camdessus': the one minister the story names."""
    meetings = meetings_of(tmp_path, "DEBT TALKS\n\nBUENOS AIRES, April 2 - Economy Minister Juan Sourrouille leaves for New "
                          "York on Saturday, officials said.\n\nHe is due to sit down on Monday with Citibank's "
                          "William Rhodes, chairman of the advisory committee, officials said.\n\nSourrouille held a "
                          "working lunch yesterday with the U.S. ambassador, a spokesman said.\n\nAfter New York the "
                          "minister is expected to see International Monetary Fund managing director Michel Camdessus "
                          "in Washington next Thursday.\n", "1987-04-02")
    assert meeting(meetings, "Sourrouille", "Rhodes").when.value == "Monday"
    lunch = meeting(meetings, "Sourrouille", "ambassador")
    assert lunch.when.value == "yesterday" and lunch.status.value == "held"
    assert meeting(meetings, "Sourrouille", "Camdessus").place.value == "Washington"


REFUGEES = (
    "U.N. REFUGEE CHIEF IN THAILAND\n\n"
    "BANGKOK, June 17 - United Nations High Commissioner for Refugees Jean-Pierre Hocke urged Thailand today to "
    "admit boat people, after talks with Foreign Minister Siddhi Savetsila.\n\n"
    "Tomorrow Hocke is due to visit Site Two, a camp on the Cambodian border.\n\n"
    "He is expected to see Malaysian Prime Minister Mahathir Mohamad in Kuala Lumpur on Saturday.\n\n"
    "A spokesman for the U.N. agency in Geneva said Hocke would not go to Hanoi on this trip, ruling out a meeting "
    "with Vietnamese Foreign Minister Nguyen Co Thach.\n")


def test_an_office_for_something_before_the_name(tmp_path):
    """'High Commissioner for Refugees Jean-Pierre Hocke ... after talks with Siddhi': Hocke, holder of that
    office, held talks with Siddhi, in the dateline's city."""
    talks = meeting(extract_meetings(write(tmp_path, REFUGEES, "1987-06-17")), "Hocke", "Siddhi")
    assert person(talks.participants, "Hocke").office == "High Commissioner For Refugees"
    assert talks.status.value == "held" and talks.place.value == "Bangkok"


def test_ruling_out_a_meeting_with_someone(tmp_path):
    """A meeting ruled out is a record with that status; where the spokesman spoke is not its place."""
    ruled = meeting(extract_meetings(write(tmp_path, REFUGEES, "1987-06-17")), "Hocke", "Thach")
    assert ruled.status.value == "ruled out" and (ruled.place is None or ruled.place.value != "Geneva")


def test_a_place_the_records_do_not_hold_is_left_to_the_passages(tmp_path):
    """'When does Hocke go to Site Two?': no record is there, so the records do not answer with his meetings."""
    doc = write(tmp_path, REFUGEES, "1987-06-17")
    meetings = extract_meetings(doc)
    assert answer_from_meetings("when does Hocke go to Site Two?", meetings, {doc.doc_id: doc}) is None
    when = answer_from_meetings("when does Hocke see Mahathir?", meetings, {doc.doc_id: doc})
    assert when is not None and when.answered and "Saturday" in when.answer


HOSTAGES = (
    "GENSCHER, SYRIAN MINISTER MEET\n\n"
    "BONN, February 24 - Foreign Minister Hans-Dietrich Genscher held two hours of talks today with Syrian Foreign "
    "Minister Farouk al-Shara on efforts to free two businessmen kidnapped in Beirut last month, a spokesman said."
    "\n\nShara, who arrived in Bonn last night, is due to be received by Chancellor Helmut Kohl tomorrow morning "
    "before flying on to Paris, the spokesman said.\n\n"
    "The spokesman would not say whether the two men had discussed the case of a man arrested in January.\n")


def test_hours_of_talks_and_a_surname_after_al(tmp_path):
    """'held two hours of talks today with ... Farouk al-Shara on ... kidnapped last month': talks today (not last
    month, which is the topic's); 'Shara' is al-Shara, received by Kohl tomorrow; what the spokesman would not
    say is no meeting of its own."""
    meetings = extract_meetings(write(tmp_path, HOSTAGES, "1987-02-24"))
    talks = meeting(meetings, "Genscher", "Shara")
    assert talks.when.value == "today" and talks.place.value == "Bonn"
    assert meeting(meetings, "Kohl", "Shara").when.value == "tomorrow"
    assert not [m for m in meetings if m.when and m.when.value == "January"]


def test_talks_told_in_a_who_clause_with_an_opposition_leader(tmp_path):
    """'Mr Mullin, who held talks with opposition leader Morgan Tsvangirai in London last month, said ...'."""
    doc = write(tmp_path, "Zimbabwe\n\nIn London, Foreign Office minister Chris Mullin said the vote would not be "
                          "fair.\n\nMr Mullin, who held talks with opposition leader Morgan Tsvangirai in London last "
                          "month, said there was no point in summoning the ambassador.\n")
    talks = meeting(extract_meetings(doc), "Mullin", "Tsvangirai")
    assert talks.place.value == "London" and talks.when.value == "last month" and talks.status.value == "held"


def test_the_start_of_a_visit_and_an_office_of_a_named_body(tmp_path):
    """'..., at the start of a four-day visit to London': the talks of that visit are in London; 'The Indian
    minister' is Chidambaram, and 'the Governor of the Bank of England' someone he met."""
    doc = write(tmp_path, "India urges UK firms to invest\n\nIndia's Finance Minister Palaniappan Chidambaram has "
                          "called on British companies to invest in the country's roads, ports and power stations, "
                          "at the start of a four-day visit to London.\n\nMr Chidambaram held talks with Chancellor "
                          "Gordon Brown on Tuesday.\n\nThe Indian minister also met the Governor of the Bank of "
                          "England on Tuesday evening, Indian officials said.\n")
    meetings = extract_meetings(doc)
    assert meeting(meetings, "Chidambaram", "Brown").place.value == "London"
    governor = meeting(meetings, "Chidambaram", "Governor of the Bank of England")
    assert governor.when.value == "Tuesday evening" and governor.status.value == "held"


GANGES = (
    "BANGLADESH SEEKS TALKS ON GANGES WATER\n\n"
    "DHAKA, May 12 - Bangladesh has asked India for talks on sharing the flow of the Ganges, Foreign Minister "
    "Humayun Rasheed Choudhury said today.\n\n"
    "Choudhury told reporters he had called in India's High Commissioner yesterday to convey the government's "
    "concern.\n\n"
    "A meeting of the Indo-Bangladesh Joint Rivers Commission due to open in New Delhi on Sunday was postponed.\n\n"
    "India's foreign secretary is expected to visit Dhaka in June for annual consultations.\n\n"
    "President Hossain Mohammad Ershad and Prime Minister Rajiv Gandhi are both due to attend the summit of the "
    "South Asian Association for Regional Cooperation in Kathmandu in November.\n")


def test_a_river_before_a_ministers_name_is_not_his(tmp_path):
    """'the Ganges, Foreign Minister Humayun Rasheed Choudhury said': Choudhury, who 'called in India's High
    Commissioner yesterday' (summoned him: a meeting, in the dateline's city)."""
    met = meeting(extract_meetings(write(tmp_path, GANGES, "1987-05-12")), "Choudhury", "High Commissioner")
    assert person(met.participants, "Choudhury").office == "Foreign Minister"
    assert met.place.value == "Dhaka" and met.when.value == "yesterday"


def test_a_visit_in_a_month_both_attending_and_a_joint_commission(tmp_path):
    meetings = extract_meetings(write(tmp_path, GANGES, "1987-05-12"))
    visit = [m for m in meetings if m.place and m.place.value == "Dhaka" and m.kind.value == "visit"]
    assert len(visit) == 1 and visit[0].when.value == "June" and visit[0].participants[0].office == "Foreign Secretary"
    summit = next(m for m in meetings if m.place and m.place.value == "Kathmandu")
    assert {"Ershad", "Gandhi"} <= {p.name.split()[-1] for p in summit.people() if p.name}
    commission = next(m for m in meetings if m.place and m.place.value == "New Delhi")
    assert commission.format.value == "in person"  # "Joint Rivers Commission" names a body, not the format


@pytest.mark.parametrize(("story", "who", "whom", "place", "status"), [
    # BBC style: the visit in the lead, by an office the story names next: the talks are in Moscow
    (("Japan presses Russia\n\nJapan has urged Russia to build a pipeline, during a visit to Moscow by the Japanese "
     "foreign minister.\n\nNobutaka Machimura held talks with his Russian counterpart Sergei Lavrov on Friday.\n"),
     "Machimura", "Lavrov", "Moscow", "held"),
    # "had been due to brief Mr Mandelson ..., but the meeting was put off": postponed
    (("Aircraft row\n\nAirbus chief executive Noel Forgeard had been due to brief Trade Commissioner Peter Mandelson "
     "in Brussels on Monday, but the meeting was put off until next week, a spokeswoman said.\n"),
     "Forgeard", "Mandelson", "Brussels", "postponed"),
])
def test_a_visit_told_in_the_lead_and_a_briefing_put_off(tmp_path, story, who, whom, place, status):
    met = meeting(extract_meetings(write(tmp_path, story)), who, whom)
    assert met.place.value == place and met.status.value == status


def test_a_states_meeting_with_a_named_body(tmp_path):
    """'Argentina's meeting with the Paris Club of creditor governments, originally set for later this month,
    has been postponed until May': Argentina and the Paris Club, postponed."""
    doc = write(tmp_path, "DEBT\n\nBUENOS AIRES, April 2 - Argentina's meeting with the Paris Club of creditor "
                          "governments, originally set for later this month, has been postponed until May, officials "
                          "said.\n", "1987-04-02")
    met = meeting(extract_meetings(doc), "Argentina", "Paris Club")
    assert met.status.value == "postponed"


def test_a_counterpart_of_nobody_is_no_crash(tmp_path):
    """'The counterpart' with nobody named before it: no office, no record, and no error."""
    assert extract_meetings(write(tmp_path, "Talks\n\nThe counterpart arrived on Monday and met the press.\n")) == []


def test_telling_a_committee_at_a_session_and_the_four_countries_directors(tmp_path):
    """'Dunkel told senior officials of the round's Trade Negotiations Committee at a closed session here
    today': he met that committee in Geneva; 'A meeting of the four countries' national armaments
    directors, originally set for next Tuesday in Munich, has been put back': their meeting, postponed."""
    meetings = meetings_of(tmp_path, "GATT\n\nGENEVA, Sept 21 - GATT Director-General Arthur Dunkel told senior officials of the "
                          "round's Trade Negotiations Committee at a closed session here today that the groups should "
                          "do their work, delegates said.\n\nA meeting of the four countries' national armaments "
                          "directors, originally set for next Tuesday in Munich, has been put back until early June, "
                          "the spokesman said.\n", "1987-09-21")
    assert meeting(meetings, "Dunkel", "Trade Negotiations Committee").place.value == "Geneva"
    directors = next(m for m in meetings if m.place and m.place.value == "Munich")
    assert "armaments directors" in directors.participants[0].name and directors.status.value == "postponed"


AIR = ("Britain, U.S. fail to settle air dispute\n\n"
       "WASHINGTON, May 12 - British Transport Secretary John Moore held talks here today with U.S. Transportation "
       "Secretary Elizabeth Dole on landing rights at Heathrow.\n\n"
       "The meeting between the two ministers lasted nearly two hours, a spokesman said.\n\n"
       "Moore is scheduled to confer tomorrow with Senator Ernest Hollings, chairman of the Senate Commerce "
       "Committee.\n\n"
       "Dole said she had telephoned British Airways chairman Lord King last week.\n\n"
       "The British minister said he and Dole would meet again in London in the autumn.\n\n"
       "Officials said a meeting between Moore and Treasury Secretary James Baker was being sought.\n")


@pytest.fixture(scope="module")
def air(tmp_path_factory):
    return meetings_of(tmp_path_factory.mktemp("air"), AIR, "1987-05-12")


def test_the_meeting_between_the_two_ministers_is_the_one_they_held(air):
    """"The meeting between the two ministers" is Moore and Dole's talks, not a meeting of a body of that name."""
    assert all(p.name for m in air for p in m.people())
    held = [m for m in air if m.status.value == "held" and any(p.matches("Moore") for p in m.people())]
    assert len(held) == 1 and {q.paragraph for q in held[0].quotes} == {2, 3}


def test_a_meeting_to_confer_tomorrow_with(air):
    talks = meeting(air, "Moore", "Hollings")
    assert talks.when.value == "tomorrow" and talks.status.value == "planned"


def test_a_lord_whose_name_is_a_title_word(air):
    """"Lord King" is a person, named, not an office."""
    call = meeting(air, "Dole", "King")
    assert call.format.value == "telephone"


def test_the_british_minister_is_the_one_british_secretary_named(air):
    """A British Secretary is a minister: "The British minister said he and Dole would meet again" is Moore."""
    again = [m for m in air if m.place and m.place.value == "London"]
    assert len(again) == 1 and any(p.matches("Moore") for p in again[0].people())


def test_a_meeting_being_sought_is_planned(air):
    assert meeting(air, "Moore", "Baker").status.value == "planned"

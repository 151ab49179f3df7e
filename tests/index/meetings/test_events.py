"""Meetings that are not one named person meeting another: trips, bodies' meetings and summits, who attends
them, calls reported second-hand, and the places and days the sentence leaves to the dateline or the trip."""

from __future__ import annotations

from index.meetings.extract import extract_meetings
from tests.index.meetings.support import person, verbatim, write


def only(meetings, **kinds):
    """The one meeting whose kind is the one asked for."""
    found = [m for m in meetings if m.kind and m.kind.value == kinds["kind"]]
    assert len(found) == 1, [m.to_json() for m in meetings]
    return found[0]


def test_cancelled_trip_with_its_day(tmp_path):
    """'has called off a trip tomorrow to Canada' is a cancelled visit to Canada, dated the day after publication."""
    doc = write(tmp_path, "MINISTER CALLS OFF TRIP\n\nOSLO, May 2 - Foreign Minister Ola Berg has called off a trip "
                          "tomorrow to Canada because of a budget dispute at home, officials said.\n", "2024-05-02")
    (m,) = extract_meetings(doc)
    assert m.kind.value == "visit" and m.status.value == "cancelled"
    assert m.participants[0].name == "Ola Berg" and m.counterparts == ()
    assert (m.place.value, m.when.value, m.when.date) == ("Canada", "tomorrow", "2024-05-03")


def test_a_meeting_of_a_body_is_recorded_with_its_members(tmp_path):
    """'a meeting of the 27 EU farm ministers on Monday' is a planned meeting of those ministers."""
    doc = write(tmp_path, "Farm row\n\nThe proposal comes ahead of a meeting of the 27 EU farm ministers on Monday "
                          "to discuss subsidies.\n", "2024-05-08")
    (m,) = extract_meetings(doc)
    assert "27 EU farm ministers" in m.participants[0].aliases
    assert (m.when.value, m.when.date) == ("Monday", "2024-05-13")


def test_no_plans_for_an_organisation_meeting_is_ruled_out(tmp_path):
    """'no plans for an emergency OPEC meeting' is an OPEC meeting ruled out; a postponed committee keeps its name."""
    doc = write(tmp_path, "Oil\n\nThe oil minister said there were no plans for an emergency OPEC meeting. He added "
                          "that the planned meeting of OPEC's pricing committee has been postponed until May.\n")
    meetings = extract_meetings(doc)
    ruled = [m for m in meetings if m.status.value == "ruled out"]
    assert len(ruled) == 1 and ruled[0].participants[0].country == "OPEC"
    (later,) = [m for m in meetings if m.status.value == "postponed"]
    assert any("pricing committee" in a for a in later.participants[0].aliases)


def test_titles_sheikh_and_king_keep_the_name(tmp_path):
    """'Sheikh Khalid bin Hamad al-Thani' and 'King Hassan' are named; either is found by the titled name."""
    doc = write(tmp_path, "Visit\n\nIranian Oil Minister Reza Karimi will meet Qatari Emir Sheikh Khalid bin Hamad "
                          "al-Thani and King Hassan on Sunday.\n")
    (m,) = extract_meetings(doc)
    emir, king = m.counterparts
    assert emir.name == "Khalid bin Hamad al-Thani" and emir.matches("Sheikh Khalid")
    assert king.label() == "King Hassan" and m.involves("King Hassan")


def test_people_attending_the_summit_join_it(tmp_path):
    """'X is at a summit in Oslo' then 'Y will miss an address to the summit': one summit, both there."""
    doc = write(tmp_path, "Summit\n\nMr Tom Reed is at a summit in Oslo, where energy is on the agenda. German "
                          "Chancellor Hans Vogel will miss an address to the summit from a guest speaker.\n")
    (m,) = extract_meetings(doc)
    assert m.kind.value == "summit" and m.place.value == "Oslo"
    assert {p.name for p in m.participants} == {"Tom Reed", "Hans Vogel"}


def test_a_meeting_during_a_visit_takes_the_visit_place(tmp_path):
    """'arrived in Rabat' and then 'is scheduled to meet King Y during his visit': the meeting is in Rabat."""
    doc = write(tmp_path, "Visit\n\nRABAT, Oct 19 - U.S. Energy Secretary Paul Hart arrived in Rabat on Monday.\n\n"
                          "Hart, who is scheduled to meet King Idris during his visit, spoke to reporters.\n",
                "2024-10-21")
    meetings = extract_meetings(doc)
    talks = [m for m in meetings if m.counterparts]
    assert len(talks) == 1 and talks[0].place.value == "Rabat" and talks[0].status.value == "planned"


def test_a_call_reported_by_one_side(tmp_path):
    """'President A said Prime Minister B said in a telephone conversation ...' is a call between A and B."""
    doc = write(tmp_path, "Call\n\nPresident Ana Ruiz said Italian Prime Minister Carlo Neri said in a telephone "
                          "conversation on Tuesday that trade was his priority.\n", "2024-05-08")
    (m,) = extract_meetings(doc)
    assert (m.participants[0].name, m.counterparts[0].name) == ("Ana Ruiz", "Carlo Neri")
    assert m.kind.value == "phone call" and m.place is None


def test_an_unnamed_office_is_the_person_the_article_names(tmp_path):
    """'X visited Mr Y' and 'the British leader discussed it with X at Number 10' are one meeting, placed."""
    doc = write(tmp_path, "Climate\n\nSenator John Hale recently visited Mr Dunn.\n\nThe British leader is said to "
                          "have discussed the idea with Mr Hale during his time at Number 10.\n")
    (m,) = extract_meetings(doc)
    assert {p.name for p in m.people()} == {"John Hale", "Dunn"}
    assert m.place.value == "Number 10"


def test_a_day_of_meetings_is_one_meeting_each_in_the_dateline_city(tmp_path):
    """'After a day of meetings with A, B and C, X said' gives three held meetings in the dateline's city."""
    doc = write(tmp_path, "Talks\n\nOTTAWA, March 11 - After a day of meetings with Prime Minister Ann Cole, Trade "
                          "Minister Bob Lee and Finance Minister Kim Park, Foreign Secretary Ian Ross said he was "
                          "satisfied.\n", "2024-03-11")
    meetings = extract_meetings(doc)
    assert len(meetings) == 3
    assert all(m.participants[0].name == "Ian Ross" and m.place.value == "Ottawa" for m in meetings)
    assert {m.counterparts[0].name for m in meetings} == {"Ann Cole", "Bob Lee", "Kim Park"}


def test_a_meeting_told_before_the_one_who_held_it_is_his(tmp_path):
    """'Speaking at a luncheon after an hour-long meeting with President A, X delivered ...': X met A there."""
    doc = write(tmp_path, "Praise for Accra\n\nACCRA, June 16 - Foreign Minister Ian Ross forecast a bright future "
                          "for Ghana.\n\nSpeaking at a luncheon after an hour-long meeting with President Ama Boateng, "
                          "Ross delivered a strong endorsement of the government.\n", "2024-06-16")
    (m,) = extract_meetings(doc)
    assert m.participants[0].name == "Ian Ross" and m.counterparts[0].name == "Ama Boateng"
    assert m.place.value == "Accra" and m.status.value == "held"


def test_a_body_named_by_a_letter_and_a_number_meets(tmp_path):
    """'after today's G-7 meeting', 'the G8 talks': a body whose name is one letter and a number."""
    doc = write(tmp_path, "Ministers reaffirm accord\n\nWASHINGTON, April 8 - Finance Minister Kiichi Miyazawa said the "
                          "G-7 meeting reaffirmed the accord.\n\nThe G8 talks ended last night.\n", "2024-04-08")
    bodies = {p.country for m in extract_meetings(doc) for p in m.participants if p.country}
    assert bodies == {"G7", "G8"}


def test_a_body_named_with_its_acronym_in_brackets_meets(tmp_path):
    """'the Group of Seven (G-7) meeting here yesterday': the body, the dateline's city, the day."""
    doc = write(tmp_path, "No rate cut\n\nWASHINGTON, April 9 - Central bank sources said there was no pressure on "
                          "Japan during the Group of Seven (G-7) meeting here yesterday to lower its rates.\n", "1987-04-09")
    (m,) = extract_meetings(doc)
    assert [p.country for p in m.participants] == ["G7"]
    assert m.place.value == "Washington" and m.when.value == "yesterday" and m.status.value == "held"


def test_the_council_after_a_named_council_is_the_same_body(tmp_path):
    """'an INRO Council meeting which opened here today' ... 'the Council meeting which is scheduled to end on
    Thursday': one body, not a second one called "Council"."""
    doc = write(tmp_path, "Rubber talks\n\nKUALA LUMPUR, Oct 19 - Buffer stock sales would be discussed at an INRO "
                          "Council meeting which opened here today, he said.\n\nThe question of sales is expected to be "
                          "the main topic of the Council meeting which is scheduled to end on Thursday.\n", "1987-10-19")
    names = {p.name for m in extract_meetings(doc) for p in m.participants}
    assert names == {"INRO Council"}


def test_a_name_given_with_said_is_someone_later_called_by_surname(tmp_path):
    """'Michael Dunne said ...', then 'Dunne is on a two-day visit ...': wire copy names people without a title."""
    doc = write(tmp_path, "Minister hopeful\n\nKUALA LUMPUR, Oct 20 - Australia's trade minister is hopeful of farm "
                          "reform.\n\nMichael Dunne said plans to cut subsidies were steps in the right direction.\n\n"
                          "Dunne is on a two-day visit to Malaysia and leaves for Indonesia on Wednesday.\n", "1987-10-20")
    trips = {(p.name, m.place.value) for m in extract_meetings(doc) for p in m.participants}
    assert ("Michael Dunne", "Indonesia") in trips


def test_groups_and_state_pairs_named_before_a_meeting_word(tmp_path):
    """'an informal European Community finance ministers' meeting here' (with the one who spoke after it), 'an EC
    heads of government summit meeting in December', 'a U.S.-Israeli trade meeting', and 'Members of the Security
    Council met' opening a paragraph."""
    doc = write(tmp_path, "Ministers meet\n\nKNOKKE-HEIST, Belgium, April 5 - Chancellor Nigel Lawton spoke on "
                          "sterling.\n\nBut Lawton told reporters after an informal European Community finance ministers' "
                          "meeting here that other factors stood in the way.\n\nAn accord must be reached in advance of an "
                          "EC heads of government summit meeting in December.\n\nTrade Representative Clayton Yeager made "
                          "his remarks at a U.S.-Israeli trade meeting.\n\nMembers of the Security Council met behind "
                          "closed doors on Monday.\n", "1987-04-05")
    records = {(tuple(sorted(p.name or p.country for p in m.participants)), m.kind.value) for m in extract_meetings(doc)}
    assert (("European Community finance ministers", "Nigel Lawton"), "meeting") in records
    assert (("EC heads of government",), "summit") in records
    assert (("Clayton Yeager", "Israel", "United States"), "meeting") in records
    assert (("Members of the Security Council",), "meeting") in records


def test_who_spoke_after_a_meeting_attended_it_but_not_after_the_talks_reported(tmp_path):
    """'he told a news conference after an EC energy ministers meeting in Luxembourg': he was there; 'told
    reporters after the talks' only looks back at talks already reported."""
    doc = write(tmp_path, "Gulf worry\n\nLUXEMBOURG, March 9 - EC Energy Commissioner Nicolas Mosel warned of Gulf "
                          "risks.\n\n\"I do not want to be alarmist,\" he told a news conference after an EC energy "
                          "ministers meeting in Luxembourg.\n", "1987-03-09")
    (m,) = extract_meetings(doc)
    assert {p.name or p.country for p in m.participants} == {"EC energy ministers", "Nicolas Mosel"}
    doc = write(tmp_path, "Talks in Bonn\n\nBONN, February 24 - Foreign Minister Hans Gerber held two hours of talks "
                          "today with Syrian Foreign Minister Farouk Salem.\n\n\"We are in contact with everyone,\" "
                          "Gerber told reporters after the talks.\n", "1987-02-24")
    (m,) = extract_meetings(doc)
    assert m.status.value == "held"


def test_ministers_named_by_their_portfolio_meet_as_a_body(tmp_path):
    """'a March 16 meeting of foreign ministers', 'a joint meeting of farm and finance ministers': a body, though
    no state is named; 'union leaders' stay none."""
    doc = write(tmp_path, "No change\n\nBRUSSELS, April 9 - There has been no change since a March 16 meeting of "
                          "foreign ministers which sent a warning to Tokyo.\n\nThe pact was discussed at a meeting of "
                          "union leaders.\n", "1987-04-09")
    (m,) = extract_meetings(doc)
    assert [p.name for p in m.participants] == ["foreign ministers"] and m.when.value == "March 16"


def test_a_meeting_at_a_mission_with_a_team_and_a_council_named_with_its_acronym(tmp_path):
    """'during a meeting at the American diplomatic mission with the Soviet team': met them, and "American" is
    no place; 'an International Cocoa Organization, ICCO, council meeting which opened here today'."""
    doc = write(tmp_path, "Treaty\n\nGENEVA, March 4 - Maynard Glitman, who heads the American team discussing "
                          "medium-range nuclear forces, told reporters the text was ready.\n\nGlitman presented the draft during a one and a half hour meeting at the "
                          "American diplomatic mission with the Soviet team headed by Lem Masterkov.\n", "1987-03-04")
    (m,) = extract_meetings(doc)
    assert m.counterparts[0].country == "Soviet Union" and m.place is None
    doc = write(tmp_path, "Cocoa\n\nLONDON, March 19 - Hopes mounted for an agreement at an International Cocoa "
                          "Organization, ICCO, council meeting which opened here today, delegates said.\n", "1987-03-19")
    (m,) = extract_meetings(doc)
    assert m.participants[0].name == "International Cocoa Organization council" and m.place.value == "London"


def test_a_group_no_name_stands_for_is_met_as_a_body(tmp_path):
    """'met officials of the Export-Import Bank', 'Morocco will meet its aid donors': the group is the counterpart,
    a state may be the one meeting it; demands met or a meeting denied are none."""
    doc = write(tmp_path, "Debt talks\n\nTOKYO, April 8 - Brazilian Finance Minister Dilson Funaro met officials of the "
                          "Export-Import Bank of Japan today.\n\nMorocco will meet its aid donors in Paris next week."
                          "\n\nThe minister met the demands of the unions. Funaro did not meet bankers in Osaka.\n",
                "2024-04-08")
    found = {(m.participants[0].name or m.participants[0].country, m.counterparts[0].name, m.status.value)
             for m in extract_meetings(doc)}
    assert found == {("Dilson Funaro", "officials of the Export-Import Bank of Japan", "held"),
                     ("Morocco", "aid donors", "planned")}


def test_a_secretary_of_a_portfolio_is_an_office(tmp_path):
    """'Secretary of Agriculture Richard Lyng', 'Minister of Trade Hans Berg': the office before the name."""
    doc = write(tmp_path, "Grain\n\nWASHINGTON, April 8 - Minister of Trade Hans Berg met Secretary of Agriculture "
                          "Richard Lyng today.\n", "2024-04-08")
    (m,) = extract_meetings(doc)
    assert (m.participants[0].name, m.participants[0].office) == ("Hans Berg", "Minister of Trade")
    assert (m.counterparts[0].name, m.counterparts[0].office) == ("Richard Lyng", "Secretary of Agriculture")


def test_two_groups_that_have_been_meeting_met_each_other(tmp_path):
    """'Philippine officials and a 12-bank committee have been meeting ...': the officials met the committee."""
    doc = write(tmp_path, "Debt talks\n\nMANILA, April 8 - Philippine officials and a 12-bank committee have been "
                          "meeting for the past four weeks in New York.\n", "2024-04-08")
    (m,) = extract_meetings(doc)
    assert (m.participants[0].name, m.counterparts[0].name, m.place.value) == (
        "Philippine officials", "12-bank committee", "New York")


def test_headline_verbs_and_strikes_invent_nothing(tmp_path):
    """A headline with 'MEETS' or 'POSTPONES' and a story of strikes and plans gives no meeting."""
    doc = write(tmp_path, "PRESIDENT MEETS STRIKES WITH TROOPS\n\nSANTOS, March 11 - The government of President "
                          "Luis Mota sent troops to the ports today. Seamen's leaders said the strike would go on.\n\n"
                          "The bank postponed its plan to scrap the certificates, Vice-Premier Li Tao said.\n",
                "2024-03-11")
    assert extract_meetings(doc) == []


def test_every_event_quote_is_verbatim(tmp_path):
    """Trips and bodies' meetings quote the article word for word."""
    doc = write(tmp_path, "Tour\n\nFinance Minister Rui Costa, who travels to Italy this evening, met his Swiss "
                          "counterpart Otto Brun in Berne. The G8 countries will meet at Gleneagles in Scotland.\n",
                "2024-03-04")
    meetings = extract_meetings(doc)
    assert {m.place.value for m in meetings} >= {"Italy", "Berne"}
    for m in meetings:
        for q in (*m.quotes, *(p.quote for p in m.people())):
            assert verbatim(doc, q)
    g8 = [m for m in meetings if any(p.country == "G8" for p in m.participants)]
    assert len(g8) == 1 and g8[0].place.value in ("Gleneagles", "Scotland")
    person(meetings[0].participants, "Costa")


def test_bodies_that_meet_and_visits_told_from_the_place(tmp_path):
    """'EU finance ministers met in Brussels', 'ministers will hold an emergency meeting in Doha' and 'a planned
    visit to Tehran by Mr X was postponed' are three records; the visit's traveller comes after 'by'."""
    doc = write(tmp_path, "Gulf\n\nBRUSSELS (Reuters) - European Union finance ministers met in Brussels on Tuesday "
                          "to discuss the budget.\n\nThe Gulf Cooperation Council's foreign ministers will hold an "
                          "emergency meeting in Doha on Wednesday.\n\nBritish Foreign Secretary Jack Straw spoke "
                          "to reporters. A planned visit to Tehran by Mr Straw was postponed after protests.\n",
                "2003-01-12")
    meetings = extract_meetings(doc)
    places = {m.place.value: m for m in meetings if m.place}
    assert set(places) == {"Brussels", "Doha", "Tehran"}
    assert "European Union finance ministers" in places["Brussels"].participants[0].aliases
    assert places["Doha"].status.value == "planned" and places["Doha"].when.date == "2003-01-15"
    trip = places["Tehran"]
    assert trip.participants[0].name == "Jack Straw" and trip.status.value == "postponed"


def test_his_visit_is_the_subjects_not_the_hosts(tmp_path):
    """'X met Prime Minister Y at 10 Downing Street, on his first official visit to London': X visits London."""
    doc = write(tmp_path, "Visit\n\nOn Monday the Kenyan president met Prime Minister Ann Hale at 10 Downing Street, "
                          "on his first official visit to London. President Tom Otieno of Kenya said trade was "
                          "discussed.\n")
    meetings = extract_meetings(doc)
    trips = [m for m in meetings if not m.counterparts]
    assert [(t.participants[0].country, t.place.value) for t in trips] == [("Kenya", "London")]
    (talks,) = [m for m in meetings if m.counterparts]
    assert talks.place.value == "Downing Street" and talks.counterparts[0].name == "Ann Hale"


def test_the_king_and_the_two_men(tmp_path):
    """'The King, who last met Reagan in May' is King Hussein, not placed at the dateline; 'X received Y ... and
    the two men discussed' is X and Y, not the pair of the sentence before."""
    doc = write(tmp_path, "Peace\n\nAMMAN, Feb 3 - King Hussein of Jordan will visit Washington next week for talks "
                          "with President Reagan, palace officials said today.\n\nThe King, who last met Reagan in May, "
                          "is expected to press for a conference.\n\nEgyptian President Hosni Mubarak received Israeli "
                          "Foreign Minister Shimon Peres in Cairo yesterday and the two men discussed the proposal.\n",
                "1987-02-03")
    meetings = extract_meetings(doc)
    earlier = [m for m in meetings if m.when and m.when.value == "May"]
    assert len(earlier) == 1 and earlier[0].place is None and earlier[0].participants[0].name == "Hussein"
    (cairo,) = [m for m in meetings if m.place and m.place.value == "Cairo"]
    assert {p.name for p in cairo.people()} == {"Hosni Mubarak", "Shimon Peres"}


def test_business_meetings_and_police_invent_nothing(tmp_path):
    """Shareholders', board and union meetings, 'met analysts' and 'met protesters with tear gas' are no
    diplomatic meeting; a committee meeting gets no place from a dateline in another country."""
    doc = write(tmp_path, "SHARES FALL\n\nNEW YORK, May 5 - Shares fell today ahead of the Federal Reserve's policy "
                          "meeting next week, traders said.\n\nThe company's annual shareholders meeting will be held "
                          "in Dallas on Thursday.\n\nUnion leaders held talks with management at the plant.\n\n"
                          "Analysts said the board meeting could decide on a new chief executive.\n\nThe Bank of "
                          "England's Monetary Policy Committee meets on Thursday.\n\nPolice met protesters with tear "
                          "gas in the capital.\n", "1998-05-05")
    meetings = extract_meetings(doc)
    assert all(m.place is None for m in meetings)
    assert all(any("Monetary Policy Committee" in a for p in m.participants for a in p.aliases) for m in meetings)


def test_a_phone_call_between_two_named_people_without_offices(tmp_path):
    """'Tony Blair and Bill Clinton discussed the crisis in a phone call' is a call though neither office is given."""
    doc = write(tmp_path, "Crisis\n\nTony Blair and Bill Clinton discussed the crisis in a phone call on Friday.\n\n"
                          "Manchester United hosted Liverpool at Old Trafford.\n")
    (m,) = extract_meetings(doc)
    assert {p.name for p in m.people()} == {"Tony Blair", "Bill Clinton"} and m.kind.value == "phone call"


def test_trips_at_home_and_bodies_of_no_state_are_not_diplomacy(tmp_path):
    """A party leader visiting a hospital in Leeds or travelling to Scotland, 'union leaders are due to meet' and
    'the cabinet will meet' give no record; a minister flying to Kenya does."""
    doc = write(tmp_path, "Politics\n\nConservative leader Michael Howard visited a hospital in Leeds.\n\nMr Howard "
                          "will travel to Scotland on Friday to campaign.\n\nUnion leaders are due to meet the prime "
                          "minister next month. The cabinet will meet on Thursday.\n\nDevelopment Minister Clare Short "
                          "will fly to Kenya on Monday.\n")
    (m,) = extract_meetings(doc)
    assert m.participants[0].name == "Clare Short" and m.place.value == "Kenya" and m.kind.value == "visit"


def test_a_named_body_alone_is_no_meeting(tmp_path):
    """'the Big Ten Conference' or 'the Pac-12 Conference' with no place, day or state is no meeting; talks on a
    state's membership of a body that 'have been making good progress' are under way."""
    doc = write(tmp_path, "Sport and trade\n\nThe team plays in the Big Ten Conference.\n\nTalks on Serbia's "
                          "membership of the World Trade Organisation have been \"making good progress\", officials "
                          "said.\n")
    (m,) = extract_meetings(doc)
    assert {p.country for p in m.participants} == {"Serbia", "WTO"} and m.status.value == "under way"


def test_a_habit_is_no_meeting_but_the_last_meeting_is(tmp_path):
    """'Officials normally meet in the summer' is a habit; 'the two sides ... the last meeting was delayed up to
    last February' is the pair's last meeting, held; a summer meeting with slim prospects is ruled out."""
    doc = write(tmp_path, "Grain\n\nWASHINGTON, June 29 - Prospects appear slim for a summer meeting between U.S. "
                          "and Soviet officials, Agriculture Department officials said.\n\nThe two sides usually try "
                          "to meet each spring although the last meeting was delayed up to last February.\n\nSoviet "
                          "and U.S. officials normally meet in the summer to discuss grain quality.\n", "1987-06-29")
    meetings = extract_meetings(doc)
    assert sorted(m.status.value for m in meetings) == ["held", "ruled out"]
    (held,) = [m for m in meetings if m.status.value == "held"]
    assert held.when.value == "last February" and held.place is None
    assert {p.country for p in held.people()} == {"United States", "Soviet Union"}

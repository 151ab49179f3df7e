"""Fit: quotes that cannot answer the kind of question asked are not an answer to it."""

from __future__ import annotations

import pytest

from index.answers.fit import called_off_fits, meeting_fits, unfit
from index.answers.kinds import amount_fits
from index.answers.venue import arrival_fits, city_fits


@pytest.mark.parametrize(("question", "quote"), [
    ("In what year was the fort destroyed?", "The fort was built to protect them from attack."),
    ("How long will Lopez stay in Japan?", "Trade minister Ana Lopez leaves for Japan on Saturday."),
    ("When did Kuranari arrive in Washington?", "Kuranari has to attend the budget debates in parliament."),
    ("How many countries could benefit?", "Ministers backed plans to write off debts of poor countries."),
    ("How many days did Kowal's visit to Spain last?", "Polish first deputy premier Kowal said at the end of a brief visit."),
    ("What was decided at the end of the Gulf ministers' two-day meeting?",
     "Finance ministers of the Gulf states opened a two-day meeting today to discuss a customs union."),
    ("What did the Taupo trade ministers agree at the end of their two days of talks?",
     "Trade minister Mike Moore told his colleagues at a welcoming ceremony that time was short."),
    ("What time did the talks begin?", "The ministers met today in a Moscow mansion."),
    ("On what date does the king's state visit begin?",  # the day he spoke is not the visit's
     "He will make a state visit later this month. The king said today prices must be stable."),
    ("At what time of day did the council meet on Monday?", "The council was called to a private meeting on Monday."),
    ("Which Irish ministers did Snow hold talks with in Dublin?",
     "Mr Snow, who is in Dublin at the start of a four-nation EU visit, praised Ireland's low taxes."),
    ("Who did Hale hold talks with at the Apec summit in Chile?",
     "President Tom Hale told the Asia Pacific Economic Co-operation (Apec) summit in Chile that the dollar would recover."),
    ("From when to when does the Porto Lido meeting run?", "Deputy ministers would attend the Porto Lido meeting."),
    ("What did Blair and King Hamad agree at their talks?",
     "King Hamad paid for him to fly from a holiday in Egypt to official discussions and a tour of the desert."),
    ("On what exact date will they meet in London?", "The meeting will take place in London."),
    ("Who wasn't on Celeron's expedition?", "Celeron's expedition force consisted of about 200 troops."),
    ("What did Aqazadeh and Sheikh Zaid agree at their meeting?", "He will meet UAE President Sheikh Zaid."),
    ("What did Chirac say at the memorial service?", "He is going to a memorial service for the late leader."),
    ("What did Baker and Miyazawa agree when they met in Tokyo?",
     "Miyazawa said he recently talked with Baker over the telephone."),
    ("What did Gordon Brown say when he visited Cape Town?",
     "He will see an orphanage in Tanzania before chairing a meeting in Cape Town."),
    ("Where did Kuranari meet Shultz?", "Foreign Minister Kuranari has cancelled a trip tomorrow to the U.S."),
    ("What did Holt promise when she visited Durban?",
     "Ms Holt will see a clinic in Uganda before chairing a meeting of the Aid Commission in Durban."),
    ("What did the committee decide at its meeting in Vienna?",
     "A meeting of the committee, due to take place in Vienna on Thursday, has been cancelled."),
    ("What did Lopez and Garcia discuss in Lima?",
     "A planned stop in Lima for talks with Peruvian President Alan Garcia was dropped from the itinerary."),
    ("What did Ruiz and Lukman agree when they met in Lagos?",
     "A planned stop in Lagos, where Ruiz was to have met OPEC President Lukman, has been dropped from the tour."),
    ("What did Putin and Bondevik decide about the border at their summit?",
     "A summit between President Vladimir Putin and Mr Bondevik has been ruled out before the election."),
    ("Where did Ozal meet Thatcher?", "Ozal had written to Prime Minister Margaret Thatcher last month."),
    ("how long did the Mandelson Portman lunch last",
     "It was their first meeting since Mr Portman took office last month."),
    ("What did Putin and Koizumi agree at their Tokyo summit?",
     "He said preparations were going ahead for President Putin's visit to Tokyo for a summit with Mr Koizumi."),
    ("What did Mbeki and Tsvangirai agree in Harare?",
     "Mr Tsvangirai said he hoped to meet Mr Mbeki during the visit."),
    ("Who led the IMF team in Caracas?", "A technical team from the imf is currently in caracas gathering data."),
    ("Who will chair Saturday's conference?", "Delegates from all 43 Asian member countries are expected to attend."),
    ("What did Hewitt tell the game makers at the meeting?",
     "Patricia Hewitt is expected to call for the law to be enforced better at a games industry meeting."),
    ("How long did the ministers' meeting at Knokke last?",
     "KNOKKE, April 5 - Creditors reached agreement on April 4, Lawson said after a meeting of 12 ministers."),
    ("Which Chilean officials will Marsh meet in Santiago?",
     "Trade Secretary Peter Marsh will visit Santiago next week for talks with senior officials on copper."),
    ("Which Danish ministers met Ortega?", "Ortega pressed his Danish counterparts on fishing quotas, aides said."),
    ("Which Thai ministers met U.K. officials in Bangkok?",
     "The U.K. Had promised to cut rice tariffs under an accord signed in Bangkok, the report said."),
    ("What did Rossi tell the EC farm ministers in Brussels?",
     "Rossi said grain stocks were too high. Any decision was left to EC farm ministers, diplomats said."),
    ("What did the IMF mission tell Peru's cabinet last week?",
     "The IMF mission said Peru's deficit was too large, an aide to the finance minister said."),
    ("Who accompanied Haddad on his visit to Ghana?",
     "ACCRA, May 3 - World Bank President Omar Haddad paid a short visit to Ghana, where he discussed its debt."),
    ("What did the SADC summit decide about the region's debts?",
     "He said the debts would be the main subject at next month's SADC summit in Gaborone."),
    ("Who will chair the SADC heads of government summit?",
     "Issues may be referred to the SADC heads of government summit at the end of the month. Finance Minister Ama Boateng"),
    ("When did Mwale arrive in Gaborone for the SADC summit?",
     "Mwale said on Monday that debts would top the agenda of the forthcoming SADC summit in Gaborone."),
    ("which chilean officials led the copper talks in lima",
     "Soto said Chile was ready to continue talks with Peru after two days of copper talks in Lima."),
    ("Who hosted the informal gathering of the finance ministers?",
     "Lind was speaking after an informal gathering of finance ministers held to prepare for the IMF meetings."),
    ("Which country will host the G-7 meeting Dumont called for?",
     "EC Commission President Paul Dumont called for a swift meeting of the G-7 countries after the market fall."),
    ("Who led the World Bank mission that arrived in Brazil?",
     "A World Bank mission arrived on Monday to analyse the plan launched in July by Finance Minister Luis Prado."),
])
def test_a_quote_of_the_wrong_kind_is_not_an_answer(question, quote):
    """No time for a time question, no number for a count, nothing negative for a negated question, a
    meeting still to come or a telephone call for a question about a meeting held, nothing said for "what
    did he say", a trip or meeting called off for a question about how it went."""
    assert unfit(question, quote) is not None


@pytest.mark.parametrize(("question", "quote"), [
    ("How long will Lopez stay in Japan?", "Lopez will spend a week in Japan."),
    ("When was the Duchy of Normandy founded?", "The Duchy of Normandy, which began in 911 as a fiefdom."),
    ("When does photorespiration happen?", "Photorespiration can occur when carbon dioxide levels are low."),
    ("When did rapid warming begin?", "Rapid warming began about 13,000 BP."),
    ("How often is the festival held?", "The biennial festival shows new media art."),
    ("How many points were agreed on?", "Agreement was achieved on fourteen points."),
    ("How many days did Kowal's visit to Spain last?", "Kowal said at the end of a week-long visit he was pleased."),
    ("What was agreed at the Gulf ministers' two-day meeting?", "The ministers agreed to set up a customs union."),
    ("What time did the talks begin?", "The talks began at 10.30 a.m. in the mansion."),
    ("Which Turkish leader did Howe see after the foreign minister?", "Howe is due to call on President Kenan Evren."),
    ("Who did Brown meet in Kenya?", "He met the Kenyan president in Nairobi."),
    ("Who did Tesla refuse to see after the accident?", "Tesla refused to see a doctor, an old habit."),
    ("Who did Hale meet?", "Tom Hale, President [1] met Ana Ruiz, Foreign Minister [2]."),
    ("On what day did they meet?", "The ministers met on Wednesday in Nairobi."),
    ("Which cities were not destroyed?", "The Mongols destroyed all the major cities except Novgorod."),
    ("What did they agree at their meeting?", "They met on Monday and agreed to cut output."),
    ("Whom was the team due to meet?", "The team was scheduled today to meet the Crown Prince."),
    ("Who is an example of a people who were not favored?", "Women played an important role."),
    ("What did Brown say in Nairobi?", "At slums in Nairobi on Wednesday, he said education needs had to be tackled."),
    ("What did Schroeder write in the Financial Times?", '"The pact needs reform," the chancellor wrote.'),
    ("What did the commission's report say about aid?", "The commission found that aid had doubled since 2000."),
    ("When did Kuranari arrive in Washington?", "Kuranari, who cancelled a trip in March, arrived on Monday."),
    ("Why did Kuranari not go to Washington?", "Kuranari has cancelled a trip tomorrow to the U.S."),
    ("How long did the war last?", "The war lasted from 1756 to 1763."),
    ("Who led the Mongol army?", "Subutai led the army into Europe."),
    ("Who chaired the session?", "The session was chaired by the Kenyan president."),
    ("How long did the Franco-German meeting last?", "The Prime Minister left the hour-long meeting angered."),
    ("How long has the mermaid been Warsaw's symbol?", "The mermaid has been its symbol since the mid-14th century."),
    ("What did Holt promise when she visited Nairobi?",
     "Anna Holt has opened a tour of Africa with a visit to a school in Nairobi, promising more aid."),
    ("Where was the committee supposed to meet?", "A meeting of the committee due in Vienna has been cancelled."),
    ("Why was the committee meeting called off?", "The meeting has been cancelled because prices are holding."),
    ("why did grant scrap his paris visit", "Grant scrapped a planned visit to Paris because of budget hearings."),
    ("why was the minister's visit delayed", "The visit had been delayed for scheduling reasons."),
    ("when was the committee meeting originally meant to be",
     "The meeting, originally set for Friday, was put back at the request of the banks."),
    ("What has Downing Street said about talks between Blair and Schroeder?",
     "Downing Street has ruled out talks between Tony Blair and Gerhard Schroeder before the summit."),
    ("What did Siddhi say Hanoi had to show before any meeting?",
     "Siddhi today ruled out a meeting with Thach, saying Hanoi must first show it was ready to withdraw."),
    ("which saudi ministers will go to london with fahd",
     "King Fahd will be accompanied by his trade, oil and health ministers, who will hold talks in London."),
    ("What did Rossi tell the EC farm ministers in Brussels?",
     "Rossi told EC farm ministers that grain stocks were too high."),
    ("What did Okafor tell the legate about the debt?",
     "Questioned by the papal legate, Okafor stated that the debt could not be paid."),
    ("What did the IMF mission tell Peru's cabinet last week?",
     "The IMF mission told the cabinet last week that the deficit was too large."),
    ("Who accompanied Haddad on his visit to Ghana?", "Haddad was accompanied by his deputy, Ruth Mensah."),
    ("who travelled with the queen to ottawa", "The Queen flew to Ottawa with her husband, together with two aides."),
    ("What did Lind tell Ortega was her first aim?", "Lind said she told Ortega her first aim was a fishing accord."),
    ("What has the palace said about talks between Rao and Diallo before the summit?",
     "The palace has ruled out a meeting between Rao and Diallo before next week's SADC summit."),
    ("when did lind meet ortega?", "Lind, who had talks with Ortega here on Monday, will fly to Lima next week for talks."),
    ("What did the SADC summit decide about the region's debts?",
     "At last month's SADC summit the leaders agreed to seek debt relief, a year before next month's talks."),
    ("Where were the emergency copper talks between Chile and Peru held?",
     "Soto failed to convince Peru to call off the tariffs during two days of emergency talks which ended in Lima."),
    ("Why was the meeting with the donors put back?",
     "Officials will meet the donors in May because the documents will not be ready, the minister said."),
    ("Who hosted the informal gathering of the finance ministers?",
     "Belgian Finance Minister Mark Eyskens, who hosted the gathering, said the French ideas were welcomed."),
])
def test_a_quote_of_the_right_kind_fits(question, quote):
    """A year in any form, a condition for a present-tense "when", a frequency, a number in words, an hour,
    a weekday, an exception, a meeting held, a question that itself asks about a plan, a negation that is
    not the question's own ("a people who were not favored"), reported speech, a trip called off and then
    made, a question about why it did not happen, a meeting called off for where it was to be."""
    assert unfit(question, quote) is None


@pytest.mark.parametrize(("question", "quote", "expected"), [
    ("In which city did Brown hold talks with the G8 ministers?",
     "Mr Brown has been locked in talks with finance ministers of the G8, which Britain now chairs.", False),
    ("In which city did the prime ministers of Bulgaria and Albania sign the deal?",
     "By signing the agreement on Tuesday, the prime ministers of Bulgaria and Albania overcame the problem.", False),
    ("In which city did the G20 ministers meet?", "Their slide could jeopardise growth in Japan and Europe.", False),
    ("In which city did the G20 ministers meet?", "TOKYO, March 30 - The G20 ministers met on Monday.", True),
    ("In which city did the G20 ministers meet?", "The G20 ministers met in Bergen on Monday.", True),
    ("In which city did the G20 ministers meet?", "The ministers met on Monday in Port Halvard, officials said.", True),
    ("Where did the G20 ministers meet?", "Their slide could jeopardise growth in Japan and Europe.", True),
    ("In which city did the delegation meet the SEC?",
     "A delegation visited the SEC in December, the Financial Times reported. Mr Dale said so.", False),
    ("Which hotel is Sunday's meeting in London held at?", "Ahead of Sunday's meeting in London, Ms Hale spoke.", False),
    ("Which hotel hosted the talks?", "The talks were held at the Okura hotel in Tokyo.", True),
    ("Which hotel is hosting the OPEC conference in Vienna?",
     "OPEC conference president Rilwan Lukas said he expects next week's meeting in Vienna to be brief.", False),
    ("In which building did Bush and the Saudi crown prince meet?",
     "Saudi Arabia's Crown Prince Abdullah bin Abdul Aziz met Vice President George Bush after U.S. forces left.", False),
    ("Where exactly in Tokyo will Vidal meet the bankers?",
     "Carlos Vidal, Finance Minister [1] will meet private bankers [2] in Tokyo [1].", False),
    ("Where in Tokyo will they meet?", "They will meet at the Foreign Ministry in Tokyo.", True),
    ("Where in South Carolina did the settlers go?", "The settlers went to Charleston and the Santee River.", True)])
def test_a_city_asked_for_is_a_city(question, quote, expected):
    """"In which city" is answered by a city (or an unknown name), not by the countries a quote names."""
    assert city_fits(question, quote) is expected


@pytest.mark.parametrize(("question", "quote", "expected"), [
    ("When did Foreign Minister Sato meet Li Wei to discuss the embargo?",
     "When he was in Tokyo this week, Foreign Minister Ken Sato told the British minister the plan was a worry.", False),
    ("Where did the legislators hold talks with the central bank governor?",
     "The statement said the central bank's loss this year would more than double.", False),
    ("When did Sato meet Li?", "Sato saw Li over dinner on Friday.", True),
    ("Which Japanese politician spoke to Reagan by telephone?", "Takeshita said in a telephone conversation that ...", True),
    ("Where did Sato go after he met Li?", "Sato flew home to Osaka on Friday.", True),
    ("Where does the cold water meet the warm water?", "The cold water flows near the surface.", True),
    ("Which prime minister did Garn talk to?", "Garn told Prime Minister Ken Sato the markets must open.", True)])
def test_a_meeting_asked_about_is_a_meeting_reported(question, quote, expected):
    """"When did A meet B?" is not answered by what A told someone, or by a figure; "after he met Li" is a
    time, and water meeting water is no meeting of people."""
    assert meeting_fits(question, quote) is expected
    if not expected:  # typed in lower case, with a name the articles use
        assert not meeting_fits(question.lower(), quote, named=True)


@pytest.mark.parametrize(("question", "quote", "expected"), [
    ("When did Duffy arrive in Indonesia?", "Duffy is on a visit to Malaysia and leaves for Indonesia on Wednesday.", False),
    ("When did Duffy arrive in Indonesia?", "Duffy will fly to Indonesia, where he arrived last year, on Monday.", True),
    ("When did Duffy arrive in Indonesia?", "Duffy arrived in Indonesia on Monday and leaves for Japan today.", True),
    ("When will Duffy arrive in Indonesia?", "Duffy leaves for Indonesia on Wednesday.", True),
    ("When did Duffy arrive in Indonesia?", "It was kept apart from Duffy's planned trip to Indonesia in April.", False)])
def test_an_arrival_asked_about_is_not_one_still_to_come(question, quote, expected):
    assert arrival_fits(question, quote) is expected


def test_a_call_called_off_needs_one_called_off():
    question = "Why did the Saudi crown prince cancel his courtesy call on Reagan?"
    assert not called_off_fits(question, "The Crown Prince paid a brief courtesy call on President Reagan.")
    assert called_off_fits(question, "The Crown Prince cancelled a courtesy call on President Reagan.")


@pytest.mark.parametrize(("question", "quote", "expected"), [
    ("How much is the economic package Tanaka will take to Ottawa worth?",
     "Tanaka told his party to prepare a package in time for his one-week visit to Ottawa starting April 29.", False),
    ("How much aid did Peru get in 1987?", "Peru asked donors for aid at a meeting in Paris on March 20, 1987.", False),
    ("How much is Japan's supplementary budget worth?", "The budget is worth 34.48 billion yen.", True),
    ("How much tin did the U.S. sell in 1986?", "The U.S. sold 5,490 tonnes of tin in 1986.", True),
    ("How much extra money did Benn announce?", "Mr Benn announced an extra £20m for famine relief.", True),
    ("How much of the flow does the branch carry?", "The branch carries one ninth of the flow.", True),
    ("How much can they eat in a day?", "They can eat ten times their own weight in a day.", True),
    ("How much longer will the talks go on?", "The talks will go on into next week.", True),  # a time, not an amount
])
def test_how_much_wants_an_amount(question, quote, expected):
    assert amount_fits(question, quote) is expected

"""The next sentence completing an answer: 'Who is Kuwait's oil minister?' when the story names the office in
one sentence and the person in the next; 'Why was the visit put off?' when the cause follows."""

from __future__ import annotations

import pytest

from index.answers.following import following_answer
from index.corpus.documents import load_document
from tests.index.answers.stories import story_kb as make_story_kb

STORIES = {
    "oil.txt": "NO EMERGENCY MEETING\n\n"
               "KUWAIT, March 1 - Kuwait's Oil Minister, in remarks published today, said there were no plans for "
               "an emergency meeting of producers.\n\n"
               "Sheikh Ali al-Sabah was quoted by a local daily as saying: \"Nobody has asked for such a meeting.\"\n",
    "envoy.txt": "Envoy speaks\n\n"
                 "It comes after Norway's ambassador to Britain said exporters should look east. Dr Ingrid Holm "
                 "said firms could not wait for markets to come to them.\n",
    "euro.txt": "Euro worries\n\n"
                "And the bloc's monetary affairs commissioner made it clear that action was necessary. \"I fully "
                "welcome the words of Mr Snow,\" said Joaquin Almuza, \"but we will need to see decisions.\"\n",
    "visit.txt": "VISIT PUT OFF\n\n"
                 "CAIRO, April 2 - Egyptian Foreign Minister Omar Said is due to visit Washington next month for "
                 "talks with Secretary of State James Dole, a spokesman said.\n\n"
                 "The visit had been set for the middle of this month but was postponed because of Dole's travel "
                 "commitments, the spokesman said.\n",
    "quotas.txt": "OPTIMISM ON QUOTAS\n\n"
                  "SAN JOSE, March 5 - Costa Rica's economy minister said he sees new hope for winning changes in the "
                  "International Coffee Organisation system of export quotas.\n\n"
                  "Minister Luis Diego Arroyo, who serves as president of the Costa Rican Coffee Institute, said he "
                  "was hopeful because of the support offered Costa Rica and other smaller producing nations by such "
                  "major consumers as the United States, Britain and the Netherlands at last week's meeting.\n",
    "feed.txt": "OILS TAX NO LONGER AN ISSUE\n\n"
                "BONN, March 17 - The proposed European Community (EC) tax on vegetable oils and fats is no longer a "
                "major issue on the agenda of the farm ministers and the EC Commission merely used it as a threat to calm "
                "the national farm lobbies, the West German Animal Feed Makers "
                "Association (AFM) said.\n\n"
                "Association chairman Ulrich Brandt told a news conference the feed industry believes the EC does "
                "not seriously contemplate such a tax because it would end in a trade war.\n",
}


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return make_story_kb(tmp_path_factory, STORIES)


@pytest.mark.parametrize(("question", "name"), [
    ("Who is Kuwait's oil minister?", "Sheikh Ali al-Sabah"),
    ("Who is Norway's ambassador to Britain?", "Dr Ingrid Holm"),
    ("Who is the bloc's monetary affairs commissioner quoted on action?", "Joaquin Almuza"),  # the speaker
    ("Who is the chairman of the West German Animal Feed Makers Association?", "Ulrich Brandt"),  # after his title
    ("Who is Costa Rica's economy minister?", "Luis Diego Arroyo"),  # a long sentence cut to the name, not to "Costa Rica"
])
def test_the_holder_named_next_answers_who_holds_the_office(story_kb, question, name):
    """The office's sentence, then the one that names its holder, both quoted."""
    answer = story_kb.ask(question)
    assert answer.answered and name in answer.answer
    assert any(name in c.quote for c in answer.citations)


def test_the_cause_told_next_answers_why(story_kb):
    """'Why was the Egyptian foreign minister's trip to Washington put off?': the plan, then the sentence
    that says why, both quoted."""
    answer = story_kb.ask("Why was the Egyptian foreign minister's trip to Washington put off?")
    assert answer.answered and "travel commitments" in answer.answer


def test_only_an_identity_question_and_a_sentence_naming_nobody(tmp_path):
    """'Who did the oil minister meet?' is no question of identity; a sentence naming its holder needs no
    other; a next sentence that opens with no name gives none."""
    path = tmp_path / "oil.txt"
    path.write_text(STORIES["oil.txt"], encoding="utf-8")
    doc = load_document(path)
    lead = doc.paragraph(2)
    start = doc.text.index("Kuwait's Oil Minister")
    assert following_answer(doc, start, lead.end, "Who is Kuwait's oil minister?") is not None
    assert following_answer(doc, start, lead.end, "Who did Kuwait's oil minister meet?") is None
    named = doc.text.index("Sheikh Ali")
    assert following_answer(doc, named, doc.paragraph(3).end, "Who is Kuwait's oil minister?") is None
    path.write_text("Oil\n\nKuwait's Oil Minister said there were no plans.\n\nThe ministry declined to comment.\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert following_answer(doc, doc.paragraph(2).start, doc.paragraph(2).end, "Who is Kuwait's oil minister?") is None

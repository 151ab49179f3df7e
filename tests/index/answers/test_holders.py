"""'Who is Kuwait's oil minister?' when the story names the office in one sentence and the person in the next."""

from __future__ import annotations

import pytest

from index.answers.holders import named_holder
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
}


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory):
    return make_story_kb(tmp_path_factory, STORIES)


@pytest.mark.parametrize(("question", "name"), [
    ("Who is Kuwait's oil minister?", "Sheikh Ali al-Sabah"),
    ("Who is Norway's ambassador to Britain?", "Dr Ingrid Holm"),
])
def test_the_holder_named_next_answers_who_holds_the_office(story_kb, question, name):
    """The office's sentence, then the one that names its holder, both quoted."""
    answer = story_kb.ask(question)
    assert answer.answered and name in answer.answer
    assert any(name in c.quote for c in answer.citations)


def test_only_an_identity_question_and_a_sentence_naming_nobody(tmp_path):
    """'Who did the oil minister meet?' is no question of identity; a sentence naming its holder needs no
    other; a next sentence that opens with no name gives none."""
    path = tmp_path / "oil.txt"
    path.write_text(STORIES["oil.txt"], encoding="utf-8")
    doc = load_document(path)
    lead = doc.paragraph(2)
    start = doc.text.index("Kuwait's Oil Minister")
    assert named_holder(doc, start, lead.end, "Who is Kuwait's oil minister?") is not None
    assert named_holder(doc, start, lead.end, "Who did Kuwait's oil minister meet?") is None
    named = doc.text.index("Sheikh Ali")
    assert named_holder(doc, named, doc.paragraph(3).end, "Who is Kuwait's oil minister?") is None
    path.write_text("Oil\n\nKuwait's Oil Minister said there were no plans.\n\nThe ministry declined to comment.\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert named_holder(doc, doc.paragraph(2).start, doc.paragraph(2).end, "Who is Kuwait's oil minister?") is None

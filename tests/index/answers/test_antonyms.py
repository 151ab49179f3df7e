"""A question that asks the opposite of what its quotes say is abstained, naming both words."""

from __future__ import annotations

import pytest

from index.answers.antonyms import opposite_said


@pytest.mark.parametrize(("question", "quoted", "expected"), [
    ("Who suggested that imperialism was the lowest form of capitalism?",
     "Lenin suggested that imperialism was the highest form of capitalism.", ("lowest", "highest")),
    ("When did the price of oil fall?", "The price of oil rose in March.", ("fall", "rose")),
    ("Who decreased British military resources in the colonies?",
     "William Pitt significantly increased British military resources in the colonies.", ("decreased", "increased")),
    ("What was discovered in the South Sea?", "Oil was discovered in the North Sea in 1970.", ("south", "north")),
    ("Which ministers rejected the plan?", "The ministers accepted the plan on Tuesday.", ("rejected", "accepted")),
])
def test_the_opposite_of_what_is_asked(question, quoted, expected):
    assert opposite_said(question, quoted, quoted) == expected


@pytest.mark.parametrize(("question", "quoted", "cited"), [
    # the word itself stands in a detail quoted beside the answer
    ("Where did France win a war in the 1950s?", "France fought and lost a bitter war in Vietnam in the 1950s.",
     "France fought and lost a bitter war in Vietnam in the 1950s. Whereas they won the war in Algeria."),
    # the question names both sides itself
    ("The term has been applied to western countries, and which eastern one?",
     "The term has been applied to Western (and Japanese) political dominance.", ""),
    # a direction inside another name: "Middle East" is not "the West"
    ("How long would an occupation of the Middle East have to last?",
     "The occupation would need to last 10 years as the West developed new fuels.", ""),
    # the quote says the word it was asked
    ("When did the price fall?", "The price rose on Monday and fell on Wednesday.", ""),
    ("What did Jews refuse to accept?", "They rejected the divinity of Jesus.", ""),
    ("What is the smallest number of Bolivians living in Newcastle?",
     "There are estimated to be between 500 and 2,000 Bolivians, the largest group in the city.", ""),
    # opposites one sentence may say of the same event: "A beat B" is "B lost"
    ("Who lost to the Panthers?", "The Panthers beat the Seahawks and won the game.", ""),
])
def test_no_opposite_when_the_quotes_say_the_word_or_the_question_contrasts(question, quoted, cited):
    assert opposite_said(question, quoted, cited or quoted) is None


def test_an_abstention_names_the_word_the_quotes_say(tmp_path):
    from index.answers.compose import Answer, Citation
    from index.answers.premises import checked
    from tests.index.meetings.support import write

    doc = write(tmp_path, "Vote\n\nEC farm ministers accepted the price package in Luxembourg on Tuesday.\n")
    at = doc.paragraph(2)
    quoted = Citation(1, doc.doc_id, doc.title, 2, at.start, at.end, doc.text[at.start:at.end], None)
    documents = {doc.doc_id: doc}
    refused = checked(Answer("Where did EC farm ministers reject the price package?", True, quoted.quote + " [1]",
                             (quoted,), 0.9), {}, documents)
    assert not refused.answered
    assert refused.answer.startswith("The passages that speak of this say “accepted”, not “reject”.")
    assert refused.citations[0].quote == quoted.quote  # quoted as related, not as an answer
    kept = checked(Answer("Where did EC farm ministers accept the price package?", True, quoted.quote, (quoted,), 0.9),
                   {}, documents)
    assert kept.answered

"""A question is cleaned once, the way the engine takes it, and searched with its context."""

import numpy as np
import pytest

from index.errors import BadQuestionError
from index.question import clean_question, make_queries
from tests.index.conftest import HashingEmbedder


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00\x07"])
def test_empty_question_is_refused(question):
    """Empty, blank or control-only questions raise a clear error."""
    with pytest.raises(BadQuestionError, match="empty"):
        clean_question(question)


def test_huge_question_is_refused():
    """A 10,000-character question is refused with its length and the limit."""
    with pytest.raises(BadQuestionError, match="10,000 characters long; the limit is 1,000"):
        clean_question("why " * 2500)


def test_question_over_the_limit_after_cleaning_is_refused():
    """The limit applies to the cleaned text: 60 five-letter words pass a limit of 400, not one of 100."""
    text = "words " * 60
    assert clean_question(text, limit=400) == text.strip()
    with pytest.raises(BadQuestionError, match="the limit is 100"):
        clean_question(text, limit=100)


def test_control_characters_and_spaces_collapse():
    """Control characters become spaces and runs of whitespace one space."""
    assert clean_question("  Who did Putin\x00 talk to\x07 on the\r\ntelephone?  ") == \
        "Who did Putin talk to on the telephone?"


def test_punctuation_alone_is_refused():
    """A question of punctuation only has no words in it."""
    with pytest.raises(BadQuestionError, match="no words"):
        clean_question("?!...")


def test_text_that_is_not_a_string_is_refused():
    """A question that is not text is refused, not crashed on."""
    with pytest.raises(BadQuestionError, match="must be text"):
        clean_question(None)


def test_query_keeps_the_question_and_searches_with_the_context():
    """A follow-up's Query holds its own text, and the context's words among its search tokens."""
    embedder = HashingEmbedder()
    [query] = make_queries(["and where will they meet him?"], embedder, context="who is meeting Pompeo?")
    assert query.text == "and where will they meet him?" and query.context == "who is meeting Pompeo?"
    assert "pompeo" in query.tokens
    expected = embedder.encode(["who is meeting Pompeo? and where will they meet him?"])[0]
    np.testing.assert_allclose(query.vector, expected)


def test_a_meeting_put_off_is_searched_as_postponed():
    """'Why did Ongpin put off his trip?' finds the story that says he "has postponed a visit"; 'called off'
    finds "cancelled"."""
    from index.text.tokens import tokenize

    [put_off, called_off, plain] = make_queries(["Why did Ongpin put off his trip?", "Who called off the talks?",
                                                 "Why did Ongpin go?"], HashingEmbedder())
    assert set(tokenize("postponed")) <= set(put_off.tokens) and set(tokenize("cancelled")) <= set(called_off.tokens)
    assert not set(tokenize("postponed")) & set(plain.tokens)

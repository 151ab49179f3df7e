"""Antecedents: "the pair", "he" and "it" are traced back to the sentence that names them."""

import pytest

from index.answers.antecedents import anaphor, antecedent
from index.corpus.documents import load_document
from index.kb import KnowledgeBase
from tests.index.conftest import SEED

MADE_UP = ("Trade talks open in Oslo\n\n"
           "Norwegian Prime Minister Jonas Gahr Store welcomed the delegations on Tuesday.\n\n"
           "He will meet the Chinese commerce minister in Bergen on Thursday.\n\n"
           "Officials from Kenya and Brazil also arrived for the round of trade talks.\n\n"
           "The two delegations will sign a shipping accord on Friday, officials said.\n")


@pytest.mark.parametrize(("sentence", "word"), [
    ("The pair will also meet Secretary Pompeo.", "The pair"), ("He will meet the minister.", "He"),
    ("Its office said so.", "Its"), ("The two delegations will sign.", "The two"),
    ("The minister declined to comment.", "The minister"), ("Heavy fighting continues.", None),
    ("Pompeo will meet them.", None), ("It was the first network to carry datagrams.", "It"),
    ("It comes after the high commissioner said so.", None), ("It was not clear if they would meet.", None),
    ("It is thought that the talks will resume.", None), ("The Indian minister also met him.", "The Indian minister")])
def test_anaphor_is_the_opening_that_refers_back(sentence, word):
    """A sentence opening with a pronoun or "the pair"-like words names that opening; others none, and
    neither does an "It" that refers to nothing ("It comes after …", "It was not clear …")."""
    assert anaphor(sentence) == word


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    path = tmp_path_factory.mktemp("oslo") / "oslo-talks.txt"
    path.write_text(MADE_UP, encoding="utf-8")
    return load_document(path)


def span_of(document, number):
    paragraph = document.paragraph(number)
    return paragraph.start, paragraph.end


def test_he_is_traced_to_the_sentence_naming_him(made_up):
    """'He will meet ...' is traced to the sentence before, which names the prime minister."""
    found = antecedent(made_up, *span_of(made_up, 3))
    assert found == span_of(made_up, 2)


def test_the_two_delegations_are_traced_to_the_sentence_naming_both(made_up):
    """'The two delegations' skips back to the sentence joining Kenya and Brazil."""
    assert antecedent(made_up, *span_of(made_up, 5)) == span_of(made_up, 4)


def test_a_sentence_naming_its_subject_needs_no_antecedent(made_up):
    """A sentence that opens with a name has no antecedent."""
    assert antecedent(made_up, *span_of(made_up, 2)) is None


def test_the_pair_in_the_seed_is_the_two_ministers():
    """In the seed article, 'The pair' (paragraph 8) is traced to a sentence naming Armenia and Azerbaijan."""
    document = load_document(SEED)
    paragraph = document.paragraph(8)
    start, end = antecedent(document, paragraph.start, paragraph.start + len("The pair will also meet"))
    assert "Armenia and Azerbaijan" in document.text[start:end]


@pytest.fixture
def made_up_kb(tmp_path, seed_kb):
    """A knowledge base over the made-up article, sharing the session's model."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "oslo-talks.txt").write_text(MADE_UP, encoding="utf-8")
    return KnowledgeBase(corpus, tmp_path / "index", embedder=seed_kb.embedder)


@pytest.mark.slow
def test_he_is_resolved_in_the_answer(made_up_kb):
    """An answer quoting a sentence that starts with 'He' also quotes and cites the sentence naming him."""
    answer = made_up_kb.ask("Who will meet the Chinese commerce minister?")
    assert answer.answered and "Jonas Gahr Store" in answer.answer
    assert {2, 3} <= {c.paragraph for c in answer.citations}


@pytest.mark.slow
def test_the_two_delegations_are_resolved_in_the_answer(made_up_kb):
    """An answer quoting 'The two delegations' also quotes and cites the sentence naming both countries."""
    answer = made_up_kb.ask("Who will sign a shipping accord?")
    assert answer.answered and "Kenya and Brazil" in answer.answer
    assert {4, 5} <= {c.paragraph for c in answer.citations}



def test_the_indian_minister_is_no_name(tmp_path):
    """'He is due to meet bankers' after 'The Indian minister also met ...': the antecedent is the sentence that
    names him, not one opening with 'The Indian'."""
    path = tmp_path / "story.txt"
    path.write_text("India urges UK firms to invest\n\nMr Chidambaram held talks with the chancellor on Tuesday."
                    "\n\nThe Indian minister also met the governor on Tuesday evening.\n\nHe is due to meet "
                    "bankers on Thursday.\n", encoding="utf-8")
    document = load_document(path)
    assert antecedent(document, *span_of(document, 4)) == span_of(document, 2)

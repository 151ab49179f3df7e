"""Sentence terms: which of a question's words and word pairs each sentence holds."""

from itertools import pairwise

import numpy as np
import pytest

from index.retrieval.sentence_terms import SentenceTerms
from index.text.tokens import marked_terms, tokenize

SENTENCES = [
    "The Armenian and Azeri ministers met in Moscow.",
    "Russia and Turkey called for the war to end.",
    "The ministers met Lavrov in Moscow, then met again in Moscow.",
    "",
    "Foreign ministers will meet Pompeo in Washington on Friday.",
]


@pytest.fixture(scope="module")
def terms() -> SentenceTerms:
    return SentenceTerms.from_marked(marked_terms(s) for s in SENTENCES)


def from_text(weights: dict[str, float], bigrams: set) -> tuple[list[float], list[float]]:
    """The same figures computed from each sentence's text."""
    held = [sum(w for t, w in weights.items() if t in set(tokenize(s))) for s in SENTENCES]
    shared = [float(len(bigrams & set(pairwise(tokenize(s, aliases=False))))) for s in SENTENCES]
    return held, shared


@pytest.mark.parametrize("question", ["Which ministers met in Moscow?", "Did Russia call for the war to end?",
                                      "Where will the foreign ministers meet Pompeo?", "xylophone ministers"])
def test_matches_are_those_of_tokenising_each_sentence(terms, question):
    """Per sentence: the weight of the question's tokens it holds (country aliases count) and its shared bigrams."""
    weights = {t: float(i + 1) for i, t in enumerate(dict.fromkeys(tokenize(question)))}
    bigrams = set(pairwise(tokenize(question, aliases=False)))
    held, shared = terms.matches(np.arange(len(SENTENCES)), weights, bigrams)
    expected_held, expected_shared = from_text(weights, bigrams)
    np.testing.assert_allclose(held, expected_held)
    np.testing.assert_array_equal(shared, expected_shared)


def test_a_word_held_twice_counts_once(terms):
    """A sentence naming Moscow twice holds Moscow's weight once, and its bigram "met moscow" once."""
    held, shared = terms.matches(np.array([2]), {"moscow": 2.0}, {("met", "moscow")})
    assert held.tolist() == [2.0] and shared.tolist() == [1.0]


def test_a_country_alias_matches_but_makes_no_bigram(terms):
    """'Azeri' holds the token azerbaijan, but azerbaijan makes no bigram with its neighbours."""
    held, shared = terms.matches(np.array([0]), {"azerbaijan": 1.0}, {("azerbaijan", "minist"), ("azeri", "minist")})
    assert held.tolist() == [1.0] and shared.tolist() == [1.0]


def test_rows_are_answered_in_the_order_asked(terms):
    """matches answers for the rows given, in their order, repeats included."""
    held, _ = terms.matches(np.array([4, 0, 4]), {"pompeo": 1.0}, set())
    assert held.tolist() == [1.0, 0.0, 1.0]


def test_stored_terms_are_the_marked_terms(terms):
    """Each row gives back the sentence's terms as marked_terms gives them."""
    assert [terms.marked(row) for row in range(len(terms))] == [marked_terms(s) for s in SENTENCES]


def test_saved_terms_load_the_same(terms, tmp_path):
    """Saved and loaded again, the terms give the same rows and matches."""
    terms.save(tmp_path)
    loaded = SentenceTerms.load(tmp_path)
    assert [loaded.marked(r) for r in range(len(loaded))] == [terms.marked(r) for r in range(len(terms))]
    rows, weights, bigrams = np.arange(len(SENTENCES)), {"moscow": 1.0, "russia": 0.5}, {("met", "moscow")}
    for got, expected in zip(loaded.matches(rows, weights, bigrams), terms.matches(rows, weights, bigrams)):
        np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(("codes", "offsets"), [([0, 2], [0, 1]), ([0, 40], [0, 2]), ([0, 2], [1, 2])])
def test_inconsistent_arrays_are_refused(codes, offsets):
    """Offsets that do not span the codes, or codes outside the vocabulary, are a ValueError."""
    with pytest.raises(ValueError):
        SentenceTerms(["a", "b"], np.array(codes, dtype=np.int32), np.array(offsets, dtype=np.int64))

"""BM25 over chunks: candidates are the chunks that Okapi BM25 (Lucene's variant) ranks best."""

import math
from collections import Counter

import numpy as np
import pytest

from index.retrieval.bm25 import Bm25Index
from index.text.tokens import tokenize

CHUNKS = [
    "The foreign ministers of Armenia and Azerbaijan arrived in Moscow for talks.",
    "The pair will meet Pompeo in Washington on Friday.",
    "Russia brokered two ceasefires; Moscow's efforts failed to stop the fighting.",
    "Putin discussed the issue with Macron, a fellow co-chair of the Minsk Group.",
    "Talks in Moscow, talks in Washington, talks in Brussels: the ministers travel.",
    "Azerbaijan said it had disarmed a battalion after military operations.",
    "The Minsk Group co-chairs called for a ceasefire in Karabakh.",
    "Sarkissian will meet NATO and EU leaders in Brussels.",
]
QUERIES = ["Pompeo meeting Washington", "Azeri foreign minister ceasefire", "Russia Moscow talks talks",
           "Minsk Group co-chairs", "nothing matches xylophone"]
TOKENS = [tokenize(c) for c in CHUNKS]


def okapi(query: list[str], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """Every chunk's BM25 score computed from the formula; a repeated query token counts again."""
    n, average = len(TOKENS), sum(map(len, TOKENS)) / len(TOKENS)
    scores = np.zeros(n)
    for token in query:
        df = sum(token in chunk for chunk in TOKENS)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for row, chunk in enumerate(TOKENS):
            tf = Counter(chunk)[token]
            scores[row] += idf * tf / (tf + k1 * (1 - b + b * len(chunk) / average)) if tf else 0.0
    return scores


@pytest.fixture(scope="module")
def bm25() -> Bm25Index:
    return Bm25Index.build(TOKENS)


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_those_of_the_formula(bm25, query):
    """Every chunk's score is Okapi BM25 with k1 1.2 and b 0.75."""
    np.testing.assert_allclose(bm25.scores(tokenize(query)), okapi(tokenize(query)), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("query", QUERIES)
def test_candidates_are_the_best_scoring_chunks(bm25, query):
    """The top chunks that match and their scores are those of scoring every chunk; included rows come too."""
    tokens = tokenize(query)
    reference = okapi(tokens)
    include = np.array([0, 3], dtype=np.int64)
    rows, scores, best = bm25.candidates(tokens, 2, include)
    best_two = [r for r in np.argsort(-reference, kind="stable")[:2].tolist() if reference[r] > 0]
    assert rows.tolist() == sorted(set(best_two) | {0, 3})
    np.testing.assert_allclose(scores, reference[rows], rtol=1e-5, atol=1e-6)
    assert best == pytest.approx(reference.max(), rel=1e-5)


def test_unknown_words_give_only_the_included_rows(bm25):
    """A query of words no chunk holds scores nothing and offers only the included rows."""
    rows, scores, best = bm25.candidates(["xylophone"], 5, np.array([4, 1, 4], dtype=np.int64))
    assert rows.tolist() == [1, 4] and scores.tolist() == [0.0, 0.0] and best == 0.0


def test_depth_beyond_the_chunks_offers_every_match(bm25):
    """Asking for more candidates than there are chunks offers every chunk that matches."""
    rows, _, _ = bm25.candidates(tokenize("Moscow"), 100, np.zeros(0, dtype=np.int64))
    assert rows.tolist() == [i for i, chunk in enumerate(TOKENS) if "moscow" in chunk]


def test_idf_weighs_rare_words_more(bm25):
    """A word in one chunk weighs more than a word in three; the weights follow the formula."""
    n = len(TOKENS)
    assert bm25.idf("pompeo") == pytest.approx(math.log(1 + (n - 1 + 0.5) / 1.5))
    assert bm25.idf("pompeo") > bm25.idf("moscow") > 0


def test_saved_index_scores_the_same(bm25, tmp_path):
    """An index saved and loaded again gives the same scores and weights."""
    bm25.save(tmp_path / "bm25")
    loaded = Bm25Index.load(tmp_path / "bm25")
    for query in QUERIES:
        np.testing.assert_array_equal(loaded.scores(tokenize(query)), bm25.scores(tokenize(query)))
    assert loaded.idf("moscow") == bm25.idf("moscow") and loaded.n_docs == len(CHUNKS)

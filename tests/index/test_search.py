"""BM25 candidates read from the postings agree with scoring every chunk."""

import numpy as np
import pytest

from index.retrieval.bm25 import Bm25Index
from index.text.tokens import tokenize

QUERIES = ["Pompeo meeting Washington", "Azeri foreign minister ceasefire", "Russia Moscow talks talks",
           "Minsk Group co-chairs", "nothing matches xylophone"]


@pytest.fixture(params=["scan every chunk", "sort the postings"])
def bm25(hashing_kb, request, monkeypatch):
    hashing_kb.ensure_index()
    bm25 = hashing_kb.data.bm25
    if request.param == "sort the postings":
        monkeypatch.setattr(bm25, "SCAN_ALL_BELOW", 0)
    return bm25


def every_score(bm25, tokens) -> np.ndarray:
    known = [t for t in tokens if t in bm25.doc_freq]
    if not known:
        return np.zeros(bm25.n_docs, dtype=np.float32)
    return np.asarray(bm25._retriever.get_scores(known), dtype=np.float32)


@pytest.mark.parametrize("query", QUERIES)
def test_candidates_are_the_best_scoring_chunks(bm25, query):
    """The top chunks and their scores are those of scoring every chunk; included rows get theirs too."""
    tokens = tokenize(query)
    reference = every_score(bm25, tokens)
    include = np.array([0, 3], dtype=np.int64)
    rows, scores, best = bm25.candidates(tokens, 5, include)
    assert list(rows) == sorted(rows) and {0, 3} <= set(rows.tolist())
    np.testing.assert_allclose(scores, reference[rows], rtol=1e-6)
    assert best == pytest.approx(float(reference.max()))
    matching = np.flatnonzero(reference)
    fifth = np.sort(reference[matching])[::-1][:5][-1] if len(matching) else 0.0
    assert all(reference[r] >= fifth - 1e-6 for r in set(rows.tolist()) - {0, 3})
    assert len(set(rows.tolist()) - {0, 3}) >= min(5, len(matching)) - 2


def test_asking_again_gives_the_same_scores(bm25):
    """Scores do not leak from one question into the next."""
    first = [bm25.candidates(tokenize(q), 5, np.zeros(0, dtype=np.int64)) for q in QUERIES]
    again = [bm25.candidates(tokenize(q), 5, np.zeros(0, dtype=np.int64)) for q in QUERIES]
    for (rows_a, scores_a, best_a), (rows_b, scores_b, best_b) in zip(first, again, strict=True):
        assert (rows_a.tolist(), scores_a.tolist(), best_a) == (rows_b.tolist(), scores_b.tolist(), best_b)

"""Hybrid search: dense and BM25 candidates fused by a weighted sum."""

import numpy as np
import pytest

from index.question import make_queries
from index.retrieval.search import HybridSearcher


@pytest.mark.parametrize("weights", [(-0.1, 0.5, 0.5), (0.0, 0.0, 0.0)])
def test_bad_weights_are_refused(weights):
    """Negative weights, or all zero, are a ValueError naming them."""
    with pytest.raises(ValueError, match="weights"):
        HybridSearcher(*weights)


def test_k_below_one_is_refused(hashing_kb):
    """Asking for no passage is a ValueError."""
    [query] = make_queries(["Pompeo"], hashing_kb.embedder)
    with pytest.raises(ValueError, match="k must be at least 1"):
        HybridSearcher().search(hashing_kb.data, query, k=0)


def test_plain_bm25_ranks_as_bm25_scores(hashing_kb):
    """With weights (0, 0, 1) the matching passages come in the order of their BM25 scores over the best."""
    data = hashing_kb.data
    for query in make_queries(["Pompeo meeting Washington", "Minsk Group co-chairs"], hashing_kb.embedder):
        hits = HybridSearcher(0.0, 0.0, 1.0).search(data, query, k=3)
        scores = data.bm25.scores(query.tokens)
        best = [r for r in np.argsort(-scores, kind="stable")[:3].tolist() if scores[r] > 0]
        assert [h.position for h in hits] == best
        assert hits[0].score == pytest.approx(1.0)
        assert [h.lexical for h in hits] == pytest.approx((scores[[h.position for h in hits]] / scores.max()).tolist())


def test_plain_dense_ranks_by_cosine(hashing_kb):
    """With weights (1, 0, 0) the passages are the nearest chunks, scored by their cosine."""
    data = hashing_kb.data
    [query] = make_queries(["ceasefire in Nagorno-Karabakh"], hashing_kb.embedder)
    hits = HybridSearcher(1.0, 0.0, 0.0).search(data, query, k=5)
    cosines = data.vectors @ query.vector
    assert [h.position for h in hits] == np.argsort(-cosines, kind="stable")[:5].tolist()
    assert [h.score for h in hits] == pytest.approx(cosines[[h.position for h in hits]].tolist(), abs=1e-6)


@pytest.mark.slow
def test_rescoring_fewer_candidates_keeps_the_seed_passages(seed_kb, seed_questions):
    """The searcher rescores its best 10 candidates only; the top passages stay those of rescoring all."""
    data = seed_kb.data
    queries = make_queries([item["question"] for item in seed_questions], seed_kb.embedder)
    default = [[h.position for h in HybridSearcher().search(data, q, k=3)] for q in queries]
    everything = [[h.position for h in HybridSearcher(candidates=100, rescored=100).search(data, q, k=3)]
                  for q in queries]
    assert [hits[0] for hits in default] == [hits[0] for hits in everything]
    assert sum(a == b for a, b in zip(default, everything, strict=True)) >= len(queries) - 2

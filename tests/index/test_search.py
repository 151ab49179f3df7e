"""BM25 candidates read from the postings agree with scoring every chunk."""

import numpy as np
import pytest

from index.lexical import Bm25Index, kernels, tokenize

QUERIES = ["Pompeo meeting Washington", "Azeri foreign minister ceasefire", "Russia Moscow talks talks",
           "Minsk Group co-chairs", "nothing matches xylophone"]


@pytest.fixture(params=["compiled", "numpy, scan every chunk", "numpy, sort the postings"])
def bm25(hashing_kb, request, monkeypatch):
    hashing_kb.ensure_index()
    bm25 = hashing_kb.data.bm25
    if request.param != "compiled":
        monkeypatch.setattr(bm25, "kernel", None)
    if request.param == "numpy, sort the postings":
        monkeypatch.setattr(bm25, "SCAN_ALL_BELOW", 0)
    return bm25


def test_the_install_builds_the_compiled_candidates(hashing_kb):
    hashing_kb.ensure_index()
    assert kernels is not None and hashing_kb.data.bm25.kernel is kernels


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


def test_compiled_candidates_break_ties_by_row():
    """Chunks with equal scores: the lower rows are taken, whichever term's postings name them first."""
    bm25 = Bm25Index.build([["talk", "moscow"], ["ceasefir"], ["moscow", "talk"], ["talk", "moscow"],
                            ["moscow", "talk"], ["moscow", "ceasefir"]])
    rows, scores, best = bm25.candidates(["moscow", "talk"], 2, np.zeros(0, dtype=np.int64))
    assert rows.tolist() == [0, 2] and scores[0] == scores[1] == best
    rows, _, _ = bm25.candidates(["talk", "moscow"], 2, np.array([5], dtype=np.int64))
    assert rows.tolist() == [0, 2, 5]


def test_compiled_kernels_refuse_rows_outside_the_index_and_stay_clean(hashing_kb):
    hashing_kb.ensure_index()
    bm25 = hashing_kb.data.bm25
    tokens = tokenize("Pompeo meeting Washington")
    expected = bm25.candidates(tokens, 5, np.zeros(0, dtype=np.int64))
    with pytest.raises(ValueError, match="outside the index"):
        bm25.candidates(tokens, 5, np.array([bm25.n_docs], dtype=np.int64))
    with pytest.raises(ValueError, match="no postings"):
        kernels.candidates(bm25._indptr, bm25._indices, bm25._posting_scores, [len(bm25._indptr)], 5,
                                 np.zeros(0, dtype=np.int64), bm25._buffer())
    data = hashing_kb.data
    with pytest.raises(ValueError, match="outside the index"):
        kernels.fuse(data.vectors, data.vectors[0], np.array([len(data.chunks)], dtype=np.int64),
                     np.ones(1, dtype=np.float32), 1.0, data.first_sentence, data.sentence_vectors,
                     0.2, 0.4, 0.4, 10, 5)
    again = bm25.candidates(tokens, 5, np.zeros(0, dtype=np.int64))
    assert [a.tolist() for a in again[:2]] == [e.tolist() for e in expected[:2]] and again[2] == expected[2]


@pytest.mark.parametrize("weights", [(0.2, 0.4, 0.4), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)])
@pytest.mark.parametrize("rescored", [3, 100])
def test_compiled_fusion_ranks_as_numpy_does(hashing_kb, monkeypatch, weights, rescored):
    """The compiled fusion of dense and BM25 candidates returns the hits the numpy form returns."""
    from index.search import HybridSearcher

    hashing_kb.ensure_index()
    searcher = HybridSearcher(*weights, candidates=10, rescored=rescored)
    assert searcher.kernel is kernels
    for query in hashing_kb._queries(QUERIES + ["Who met Pompeo in Washington on Friday?"]):
        compiled = searcher.search(hashing_kb.data, query, k=5)
        with monkeypatch.context() as patch:
            patch.setattr(searcher, "kernel", None)
            plain = searcher.search(hashing_kb.data, query, k=5)
        assert [h.position for h in compiled] == [h.position for h in plain], query.text
        for got, expected in zip(compiled, plain, strict=True):
            assert (got.score, got.dense, got.lexical) == pytest.approx(
                (expected.score, expected.dense, expected.lexical), abs=1e-5)

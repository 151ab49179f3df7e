"""Hybrid retrieval: dense (FAISS, cosine) and lexical (BM25) scores fused per chunk."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.retrieval.chunking import Chunk
from index.retrieval.store import IndexData


@dataclass(frozen=True, slots=True)
class Query:
    """A cleaned question; its tokens and vector are those of the context and the question together."""

    text: str
    tokens: tuple[str, ...]
    vector: np.ndarray
    context: str = ""  # the earlier question this one follows up, if any


@dataclass(frozen=True, slots=True)
class Hit:
    position: int      # the chunk's row in the index
    chunk: Chunk
    score: float       # fused
    dense: float       # cosine similarity of the chunk
    lexical: float     # BM25 divided by the query's best BM25 score


class HybridSearcher:
    """Candidates from FAISS and BM25, fused by a weighted sum of three signals.

    The signals: the chunk's cosine, the best cosine of one of its sentences, and BM25 divided by the
    query's best BM25 score. Weights were chosen on SQuAD dev (benchmarks/squad.py); with
    (1, 0, 0) or (0, 0, 1) it is plain dense or plain BM25 retrieval. Each side offers `candidates`
    chunks; the best `rescored` of them by chunk cosine and BM25 get their sentences' cosines (on SQuAD
    dev, 30 and 10 answer as well as 100 and 100).
    """

    def __init__(self, chunk_weight: float = 0.2, sentence_weight: float = 0.4, lexical_weight: float = 0.4,
                 candidates: int = 30, rescored: int = 10):
        weights = (chunk_weight, sentence_weight, lexical_weight)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ValueError(f"weights must be non-negative and not all zero, got {weights}")
        if candidates < 1 or rescored < 1:
            raise ValueError(f"candidates and rescored must be at least 1, got {candidates} and {rescored}")
        self.chunk_weight, self.sentence_weight, self.lexical_weight = weights
        self.candidates = candidates
        self.rescored = rescored

    def search(self, data: IndexData, query: Query, k: int = 5) -> list[Hit]:
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        total = len(data.chunks)
        if total == 0:
            return []
        depth = min(self.candidates, total)
        vector = query.vector.astype(np.float32, copy=False)
        dense_ids = np.zeros(0, dtype=np.int64)
        if self.chunk_weight or self.sentence_weight:
            dense_ids = data.nearest(vector, depth)
        positions, bm25, best_bm25 = data.bm25.candidates(
            query.tokens, depth if self.lexical_weight else 0, dense_ids)
        if not len(positions):
            return []
        chunks = data.chunks
        dense = data.vectors[positions] @ vector
        lexical = bm25 / best_bm25 if best_bm25 > 0 else bm25
        fused = self.chunk_weight * dense + self.lexical_weight * lexical
        if self.sentence_weight:
            if self.rescored < len(positions):
                # the chunk's cosine stands in for its best sentence's until the final few are rescored
                promise = fused + self.sentence_weight * dense
                keep = np.argsort(-promise, kind="stable")[:self.rescored]  # ties: the lower row
                keep.sort()
                positions, dense, lexical, fused = positions[keep], dense[keep], lexical[keep], fused[keep]
            fused = fused + self.sentence_weight * self._best_sentence_cosine(data, positions, vector)
        order = np.argsort(-fused, kind="stable")[:k]
        return [Hit(p, chunks[p], f, d, x) for p, f, d, x in zip(
            positions[order].tolist(), fused[order].tolist(), dense[order].tolist(), lexical[order].tolist())]

    @staticmethod
    def _best_sentence_cosine(data: IndexData, positions: np.ndarray, vector: np.ndarray) -> np.ndarray:
        rows, counts = data.sentence_rows(positions)
        cosines = data.sentence_vectors[rows] @ vector
        return np.maximum.reduceat(cosines, np.cumsum(counts) - counts)

"""Hybrid retrieval: dense (FAISS, cosine) and lexical (BM25) scores fused per chunk."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.chunking import Chunk
from index.store import IndexData

FUSIONS = ("linear", "rrf", "dense", "bm25")


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    tokens: tuple[str, ...]
    vector: np.ndarray


@dataclass(frozen=True, slots=True)
class Hit:
    position: int      # the chunk's row in the index
    chunk: Chunk
    score: float       # fused
    dense: float       # cosine similarity
    lexical: float     # BM25 divided by the query's best BM25 score


class HybridSearcher:
    """Candidates from both retrievers, fused by a weighted sum of cosine and max-normalised BM25."""

    def __init__(self, dense_weight: float = 0.5, fusion: str = "linear", candidates: int = 100,
                 rrf_k: int = 60):
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be within 0..1, got {dense_weight}")
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}, got {fusion!r}")
        if candidates < 1:
            raise ValueError(f"candidates must be at least 1, got {candidates}")
        self.dense_weight = dense_weight
        self.fusion = fusion
        self.candidates = candidates
        self.rrf_k = rrf_k

    def search(self, data: IndexData, query: Query, k: int = 5) -> list[Hit]:
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        total = len(data.chunks)
        if total == 0:
            return []
        depth = min(self.candidates, total)
        _, dense_ids = data.faiss_index.search(query.vector.reshape(1, -1).astype(np.float32), depth)
        dense_ids = [int(i) for i in dense_ids[0] if i >= 0]
        bm25 = data.bm25.scores(query.tokens)
        best_bm25 = float(bm25.max()) if len(bm25) else 0.0
        lexical_ids = [int(i) for i in np.argsort(-bm25)[:depth] if bm25[i] > 0]
        ids = np.array(sorted(set(dense_ids) | set(lexical_ids)), dtype=np.int64)
        dense = data.vectors[ids] @ query.vector.astype(np.float32)
        lexical = bm25[ids] / best_bm25 if best_bm25 > 0 else np.zeros(len(ids), dtype=np.float32)
        fused = self._fuse(ids, dense, lexical, dense_ids, lexical_ids)
        order = np.argsort(-fused)[:k]
        return [Hit(int(ids[i]), data.chunks[ids[i]], float(fused[i]), float(dense[i]), float(lexical[i]))
                for i in order]

    def _fuse(self, ids, dense, lexical, dense_ids, lexical_ids) -> np.ndarray:
        if self.fusion == "dense":
            return dense
        if self.fusion == "bm25":
            return lexical + 1e-3 * dense
        if self.fusion == "rrf":
            dense_rank = {c: r for r, c in enumerate(dense_ids)}
            lexical_rank = {c: r for r, c in enumerate(lexical_ids)}
            missing = len(ids) + self.rrf_k
            return np.array([
                self.dense_weight / (self.rrf_k + dense_rank.get(int(c), missing))
                + (1 - self.dense_weight) / (self.rrf_k + lexical_rank.get(int(c), missing))
                for c in ids])
        return self.dense_weight * dense + (1 - self.dense_weight) * lexical

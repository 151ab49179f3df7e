"""BM25 over chunks (bm25s), with IDF weights for sentences."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class Bm25Index:
    """BM25 over chunk texts, persisted as bm25s's plain .npy and JSON files plus our document frequencies."""

    def __init__(self, retriever, doc_freq: dict[str, int], n_docs: int):
        if retriever.nonoccurrence_array is not None:
            raise ValueError("BM25 variants that score absent terms are not supported")
        self._retriever = retriever
        self.doc_freq = doc_freq
        self.n_docs = n_docs

    @classmethod
    def build(cls, tokens: Sequence[Sequence[str]]) -> Bm25Index:
        """BM25 over the chunks' tokens (as tokenize gives them)."""
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(tokens, show_progress=False)
        doc_freq = Counter(token for doc in tokens for token in set(doc))
        return cls(retriever, dict(doc_freq), len(tokens))

    def idf(self, token: str) -> float:
        df = self.doc_freq.get(token, 0)
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """Every chunk's BM25 score for a tokenised query (bm25s's own scoring); a repeated token counts again."""
        known = [t for t in query_tokens if t in self.doc_freq]
        if not known:
            return np.zeros(self.n_docs, dtype=np.float32)
        return self._retriever.get_scores(known)

    def candidates(self, query_tokens: Sequence[str], depth: int, include: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, float]:
        """The `depth` chunks scoring best for a tokenised query (those scoring above 0) together with the
        `include`d ones: their rows (sorted), their BM25 scores and the best score of any chunk."""
        scores = self.scores(query_tokens)
        matching = np.flatnonzero(scores) if depth else np.zeros(0, dtype=np.int64)
        if len(matching) > depth:  # partitioning only the matches: all the tied zeros make it slow
            matching = matching[np.argpartition(scores[matching], len(matching) - depth)[len(matching) - depth:]]
        rows = np.union1d(matching, include)
        return rows, scores[rows], float(scores.max(initial=0.0))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(directory), show_progress=False)
        (directory / "doc_freq.json").write_text(
            json.dumps({"n_docs": self.n_docs, "doc_freq": self.doc_freq}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Bm25Index:
        import bm25s

        retriever = bm25s.BM25.load(str(directory), mmap=False, allow_pickle=False)
        stats = json.loads((directory / "doc_freq.json").read_text(encoding="utf-8"))
        return cls(retriever, stats["doc_freq"], int(stats["n_docs"]))

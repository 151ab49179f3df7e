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

    def _token_ids(self, query_tokens: Sequence[str]) -> list[int]:
        vocabulary = self._retriever.vocab_dict
        return [vocabulary[t] for t in query_tokens if t in self.doc_freq and t in vocabulary]

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """Every chunk's BM25 score for a tokenised query (bm25s's own scoring); a repeated token counts again."""
        ids = self._token_ids(query_tokens)
        return self._retriever.get_scores(ids) if ids else np.zeros(self.n_docs, dtype=np.float32)

    def candidates(self, query_tokens: Sequence[str], depth: int, include: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, float]:
        """The `depth` chunks scoring best for a tokenised query (those scoring above 0) together with the
        `include`d ones: their rows (sorted), their BM25 scores and the best score of any chunk."""
        ids = self._token_ids(query_tokens)
        if not ids:
            rows = np.unique(include)
            return rows, np.zeros(len(rows), dtype=np.float32), 0.0
        scores = self._retriever.get_scores(ids)
        matrix = self._retriever.scores
        indices, indptr = matrix["indices"], matrix["indptr"]
        distinct = set(ids)
        touched = np.concatenate([indices[indptr[i]:indptr[i + 1]] for i in distinct])  # the matching chunks
        if depth and len(touched) > depth:
            # a chunk stands once in each token's postings: the best depth * tokens postings hold the best chunks
            wanted = min(depth * len(distinct), len(touched))
            touched = np.unique(touched[np.argpartition(scores[touched], len(touched) - wanted)[-wanted:]])
            if len(touched) > depth:
                touched = touched[np.argpartition(scores[touched], len(touched) - depth)[-depth:]]
        rows = np.union1d(touched if depth else touched[:0], include)
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

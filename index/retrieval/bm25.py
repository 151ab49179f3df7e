"""BM25 over chunks (bm25s), with IDF weights for sentences."""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class Bm25Index:
    """BM25 over chunk texts, persisted as bm25s's plain .npy and JSON files plus our document frequencies."""

    def __init__(self, retriever, doc_freq: dict[str, int], n_docs: int):
        self._retriever = retriever
        self.doc_freq = doc_freq
        self.n_docs = n_docs
        self._scratch = threading.local()
        if retriever.nonoccurrence_array is not None:
            raise ValueError("BM25 variants that score absent terms are not supported")
        matrix = retriever.scores
        self._indptr = np.ascontiguousarray(matrix["indptr"], dtype=np.int64)
        self._indices = np.ascontiguousarray(matrix["indices"], dtype=np.int32)
        self._posting_scores = np.ascontiguousarray(matrix["data"], dtype=np.float32)

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

    SCAN_ALL_BELOW = 10_000  # chunks: below this, picking from every chunk's score beats sorting postings

    def candidates(self, query_tokens: Sequence[str], depth: int, include: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, float]:
        """The `depth` chunks scoring best for a tokenised query together with the `include`d ones.

        Returns their rows (sorted), their BM25 scores and the best score of any chunk. Only the
        query's postings are read: scores add up in a per-thread buffer that is cleared after use.
        """
        vocabulary = self._retriever.vocab_dict
        ids = [vocabulary[t] for t in query_tokens if t in vocabulary and t in self.doc_freq]
        if not ids:
            rows = np.unique(include)
            return rows, np.zeros(len(rows), dtype=np.float32), 0.0
        data, indices, indptr = self._posting_scores, self._indices, self._indptr
        totals = self._buffer()
        postings = []
        scan_all = self.n_docs < self.SCAN_ALL_BELOW
        try:
            for token in ids:  # one token's postings name each chunk once, so += adds them all
                begin, end = indptr[token], indptr[token + 1]
                totals[indices[begin:end]] += data[begin:end]
                postings.append(indices[begin:end])
            if scan_all:
                top = np.argpartition(totals, len(totals) - depth)[len(totals) - depth:] if depth else include
                best = float(totals.max())
                top = top[totals[top] > 0]
            else:
                top, best = self._top_of_postings(totals, np.concatenate(postings), depth, len(ids))
            rows = np.union1d(top, include)
            return rows, totals[rows], best
        finally:
            if scan_all:
                totals.fill(0.0)
            else:
                for posting in postings:
                    totals[posting] = 0.0

    @staticmethod
    def _top_of_postings(totals: np.ndarray, touched: np.ndarray, depth: int, terms: int
                         ) -> tuple[np.ndarray, float]:
        """The best `depth` chunks among the touched postings, and the best score."""
        values = totals[touched]
        best = float(values.max())
        # a chunk appears at most once per query term, so the best depth*terms postings hold the best
        # `depth` chunks
        wanted = depth * terms
        if len(touched) > wanted:
            touched = touched[np.argpartition(-values, wanted - 1)[:wanted]]
        top = np.unique(touched)
        if len(top) > depth:
            top = top[np.argpartition(-totals[top], depth - 1)[:depth]]
        return top, best

    def _buffer(self) -> np.ndarray:
        buffer = getattr(self._scratch, "totals", None)
        if buffer is None:
            buffer = self._scratch.totals = np.zeros(self.n_docs, dtype=np.float32)
        return buffer

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

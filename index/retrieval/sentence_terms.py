"""Every sentence's search tokens, stored as codes into one vocabulary."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from index.text.tokens import ALIAS_MARK


def concatenated_ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """start[0]..start[0]+lengths[0]-1, then the same for each following pair, as one index array."""
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))


class SentenceTerms:
    """Every sentence's tokens as codes into one vocabulary: token id * 2, plus 1 for a country alias."""

    FILES = ("sentence_terms.npy", "sentence_term_offsets.npy", "terms.json")

    def __init__(self, vocabulary: list[str], codes: np.ndarray, offsets: np.ndarray):
        if (offsets.ndim != 1 or len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != len(codes)
                or np.any(np.diff(offsets) < 0)):
            raise ValueError("sentence term offsets do not match the terms")
        if len(codes) and (codes.min() < 0 or codes.max() // 2 >= len(vocabulary)):
            raise ValueError("sentence terms name words outside the vocabulary")
        self.vocabulary = vocabulary
        self.codes = np.ascontiguousarray(codes, dtype=np.int32)
        self.offsets = np.ascontiguousarray(offsets, dtype=np.int64)
        self.ids = {term: i for i, term in enumerate(vocabulary)}
        self._tokens, self._bigram_codes, self._bigrams = self._matrices()

    def _matrices(self) -> tuple[sparse.csr_matrix, np.ndarray, sparse.csr_matrix]:
        """Rows × vocabulary: 1 where the sentence holds the token (alias or not); the sorted codes of
        every bigram of plain tokens (first id * vocabulary + second id); rows × those codes: 1 where held."""
        n, size = len(self), len(self.vocabulary)
        lengths = np.diff(self.offsets)
        tokens = sparse.csr_matrix((np.ones(len(self.codes)), self.codes >> 1, self.offsets.copy()),
                                   shape=(n, size))
        tokens.sum_duplicates()
        tokens.data[:] = 1.0
        owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
        plain = (self.codes & 1) == 0
        ids, plain_owner = (self.codes[plain] >> 1).astype(np.int64), owner[plain]
        same_row = plain_owner[:-1] == plain_owner[1:]
        pair_codes, pair_owner = (ids[:-1] * size + ids[1:])[same_row], plain_owner[:-1][same_row]
        codes, columns = np.unique(pair_codes, return_inverse=True)
        bigrams = sparse.csr_matrix((np.ones(len(columns)), (pair_owner, columns.reshape(-1))),
                                    shape=(n, len(codes)))
        bigrams.sum_duplicates()
        bigrams.data[:] = 1.0
        return tokens, codes, bigrams

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @classmethod
    def from_marked(cls, sentences: Iterable[Sequence[str]]) -> SentenceTerms:
        """From each sentence's marked_terms."""
        ids: dict[str, int] = {}
        codes: list[int] = []
        offsets = [0]
        for marked in sentences:
            for term in marked:
                alias = term[0] == ALIAS_MARK
                codes.append(2 * ids.setdefault(term[1:] if alias else term, len(ids)) + alias)
            offsets.append(len(codes))
        return cls(list(ids), np.array(codes, dtype=np.int32), np.array(offsets, dtype=np.int64))

    def marked(self, row: int) -> list[str]:
        """The row's tokens as marked_terms gives them."""
        vocabulary = self.vocabulary
        return [ALIAS_MARK + vocabulary[c >> 1] if c & 1 else vocabulary[c >> 1]
                for c in self.codes[self.offsets[row]:self.offsets[row + 1]].tolist()]

    def matches(self, rows: np.ndarray, weights: dict[str, float], bigrams: set[tuple[str, str]]
                ) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the weight of the given tokens it holds, and how many of the given bigrams of plain
        tokens (aliases left out) it holds."""
        ids, size = self.ids, len(self.vocabulary)
        known = [(ids[t], w) for t, w in weights.items() if t in ids]
        found = np.zeros(len(rows))
        if known:
            columns, values = zip(*known)
            found = self._tokens[rows][:, list(columns)] @ np.array(values)
        pairs = np.zeros(len(rows))
        wanted = np.array(sorted(ids[a] * size + ids[b] for a, b in bigrams if a in ids and b in ids),
                          dtype=np.int64)
        codes = self._bigram_codes
        columns = np.searchsorted(codes, wanted)
        held = columns < len(codes)
        held[held] = codes[columns[held]] == wanted[held]
        columns = columns[held]
        if len(columns):
            pairs = np.asarray(self._bigrams[rows][:, columns].sum(axis=1), dtype=np.float64).reshape(-1)
        return found, pairs

    def save(self, directory: Path) -> None:
        codes, offsets, vocabulary = (directory / name for name in self.FILES)
        np.save(codes, self.codes, allow_pickle=False)
        np.save(offsets, self.offsets, allow_pickle=False)
        vocabulary.write_text(json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> SentenceTerms:
        codes, offsets, vocabulary = (directory / name for name in cls.FILES)
        words = json.loads(vocabulary.read_text(encoding="utf-8"))
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError("the term vocabulary is not a list of words")
        return cls(words, np.load(codes, allow_pickle=False).astype(np.int32, copy=False),
                   np.load(offsets, allow_pickle=False).astype(np.int64, copy=False))

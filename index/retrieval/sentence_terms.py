"""Every sentence's search tokens, stored as codes into one vocabulary."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

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
        tokens (aliases left out) it holds; a token or bigram held twice counts once."""
        ids, size = self.ids, len(self.vocabulary)
        begins = self.offsets[rows]
        lengths = self.offsets[rows + 1] - begins
        codes = self.codes[concatenated_ranges(begins, lengths)]
        owner = np.repeat(np.arange(len(rows)), lengths)
        known = {ids[t]: w for t, w in weights.items() if t in ids}
        wanted = np.array(sorted(known), dtype=np.int64)
        found = self._held(owner, (codes >> 1).astype(np.int64), wanted, len(rows),
                           np.array([known[i] for i in wanted.tolist()]))
        plain = (codes & 1) == 0
        tokens, owner = (codes[plain] >> 1).astype(np.int64), owner[plain]
        same_row = owner[:-1] == owner[1:]
        pairs = np.unique(np.array([ids[a] * size + ids[b] for a, b in bigrams if a in ids and b in ids],
                                   dtype=np.int64))
        held_pairs = self._held(owner[:-1][same_row], (tokens[:-1] * size + tokens[1:])[same_row], pairs,
                                len(rows), np.ones(len(pairs)))
        return found, held_pairs

    @staticmethod
    def _held(owner: np.ndarray, values: np.ndarray, wanted: np.ndarray, rows: int, weights: np.ndarray
              ) -> np.ndarray:
        """Per row, the summed weights of the wanted values (sorted, distinct) it holds, each once."""
        if not len(wanted) or not len(values):
            return np.zeros(rows)
        column = np.minimum(np.searchsorted(wanted, values), len(wanted) - 1)
        hit = wanted[column] == values
        distinct = np.unique(owner[hit] * len(wanted) + column[hit])  # (row, wanted value) once each
        return np.bincount(distinct // len(wanted), weights=weights[distinct % len(wanted)], minlength=rows)

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

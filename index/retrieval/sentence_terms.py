"""Every sentence's search tokens, stored as codes into one vocabulary."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.text.tokens import ALIAS_MARK, unmark


@dataclass(frozen=True, slots=True)
class Terms:
    """A sentence's tokens as stored in the index: with country aliases, and without (for bigrams)."""

    tokens: tuple[str, ...]
    plain: tuple[str, ...]


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

    def terms(self, row: int) -> Terms:
        marked = self.marked(row)
        return Terms(tuple(unmark(marked)), tuple(unmark(marked, aliases=False)))

    def wanted(self, weights: dict[str, float], bigrams: set[tuple[str, str]]
               ) -> tuple[list[tuple[int, float]], list[int]]:
        """The weighted tokens as (id, weight), and the bigrams as codes first id * vocabulary + second id,
        of those in the vocabulary."""
        ids, size = self.ids, len(self.vocabulary)
        return ([(ids[t], w) for t, w in weights.items() if t in ids],
                [ids[a] * size + ids[b] for a, b in bigrams if a in ids and b in ids])

    def matches(self, rows: np.ndarray, weights: dict[str, float], bigrams: set[tuple[str, str]]
                ) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the weight of the given tokens it holds, and how many of the given bigrams of plain
        tokens (aliases left out) it holds."""
        known, wanted_pairs = self.wanted(weights, bigrams)
        size = len(self.vocabulary)
        begins = self.offsets[rows]
        lengths = self.offsets[rows + 1] - begins
        codes = self.codes[concatenated_ranges(begins, lengths)]
        owner = np.repeat(np.arange(len(rows)), lengths)
        found = np.zeros(len(rows))
        if known:
            wanted = np.array([i for i, _ in known], dtype=np.int32)
            token_at, column = np.nonzero((codes >> 1)[:, None] == wanted[None, :])
            held = np.zeros((len(rows), len(known)))
            held[owner[token_at], column] = 1.0
            found = held @ np.array([w for _, w in known])
        pairs = np.zeros(len(rows))
        if wanted_pairs:
            plain = (codes & 1) == 0
            ids, plain_owner = (codes[plain] >> 1).astype(np.int64), owner[plain]
            pair_codes = ids[:-1] * size + ids[1:]
            same_row = plain_owner[:-1] == plain_owner[1:]
            pair_at, column = np.nonzero((pair_codes[:, None] == np.array(wanted_pairs)[None, :])
                                         & same_row[:, None])
            held = np.zeros((len(rows), len(wanted_pairs)), dtype=bool)
            held[plain_owner[pair_at], column] = True
            pairs = held.sum(axis=1).astype(np.float64)
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

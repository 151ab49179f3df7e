"""Lexical side of retrieval: tokenising, BM25 over chunks (bm25s), IDF weights for sentences."""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.places import COUNTRY_OF

try:
    from index import _kernels as kernels
except ImportError:  # not built: the numpy paths give the same results, slower
    kernels = None

STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "don", "also", "been", "us", "may", "might", "must", "shall", "whose"])

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return text.lower()


def words(text: str) -> list[str]:
    """Lowercased word tokens, stop words kept, possessive 's dropped."""
    out = []
    for match in _WORD.finditer(normalise(text)):
        word = match.group()
        word = word.removesuffix("'s")
        out.append(word.replace(",", ""))
    return out


@lru_cache(maxsize=65_536)
def _tokens(text: str, aliases: bool) -> tuple[str, ...]:
    return tuple(_tokenize(text, aliases))


def tokenize(text: str, aliases: bool = True) -> list[str]:
    """Stemmed content tokens used by BM25 and sentence overlap (cached: passages recur across questions).

    A demonym or capital also yields its country's token ("Azeri", "Baku" -> azerbaijan).
    """
    return list(_tokens(text, aliases))


ALIAS_MARK = "+"


def _tokenize(text: str, aliases: bool = True) -> list[str]:
    return unmark(marked_terms(text), aliases)


def unmark(marked: Iterable[str], aliases: bool = True) -> list[str]:
    """Marked terms as tokenize gives them: country aliases unmarked, or left out without aliases."""
    return [t.removeprefix(ALIAS_MARK) for t in marked if aliases or t[0] != ALIAS_MARK]


def marked_terms(text: str) -> list[str]:
    """The tokens of tokenize(text), each country alias marked with a leading ALIAS_MARK."""
    out = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        out.append(_stem(word))
        country = COUNTRY_OF.get(word)
        if country and country != word and " " not in country:
            out.append(ALIAS_MARK + _stem(country))
    return out


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
        self.kernel = kernels

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
        if self.kernel is not None:
            rows, scores, best = self.kernel.candidates(
                indptr, indices, data, ids, depth, np.ascontiguousarray(include, dtype=np.int64), totals)
            return np.frombuffer(rows, dtype=np.int64), np.frombuffer(scores, dtype=np.float32), best
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

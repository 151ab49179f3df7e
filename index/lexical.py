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

    @classmethod
    def parse(cls, stored: str) -> Terms:
        if ALIAS_MARK not in stored:
            plain = tuple(stored.split())
            return cls(plain, plain)
        marked = stored.split()
        return cls(tuple(unmark(marked)), tuple(unmark(marked, aliases=False)))


class Bm25Index:
    """BM25 over chunk texts, persisted as bm25s's plain .npy and JSON files plus our document frequencies."""

    def __init__(self, retriever, doc_freq: dict[str, int], n_docs: int):
        self._retriever = retriever
        self.doc_freq = doc_freq
        self.n_docs = n_docs
        self._scratch = threading.local()
        if retriever.nonoccurrence_array is not None:
            raise ValueError("BM25 variants that score absent terms are not supported")

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
        matrix = self._retriever.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        totals = self._buffer()
        postings = []
        try:
            for token in ids:  # one token's postings name each chunk once, so += adds them all
                begin, end = indptr[token], indptr[token + 1]
                totals[indices[begin:end]] += data[begin:end]
                postings.append(indices[begin:end])
            touched = np.concatenate(postings)
            values = totals[touched]
            best = float(values.max())
            # a chunk appears at most once per query token, so the best depth*len(ids) postings hold
            # the best `depth` chunks
            wanted = depth * len(ids)
            if len(touched) > wanted:
                touched = touched[np.argpartition(-values, wanted - 1)[:wanted]]
            top = np.unique(touched)
            if len(top) > depth:
                top = top[np.argpartition(-totals[top], depth - 1)[:depth]]
            rows = np.union1d(top, include)
            return rows, totals[rows], best
        finally:
            for posting in postings:
                totals[posting] = 0.0

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


class IdfOverlap:
    """Share of a query's IDF mass present in a text (0..1); the query's weights are looked up once."""

    def __init__(self, query_tokens: Iterable[str], idf):
        self.weights = {t: idf(t) for t in set(query_tokens)}
        self.total = sum(self.weights.values())

    def __call__(self, text_tokens: Iterable[str]) -> float:
        if not self.total:
            return 0.0
        present = set(text_tokens)
        return sum(w for t, w in self.weights.items() if t in present) / self.total

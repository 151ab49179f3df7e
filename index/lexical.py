"""Lexical side of retrieval: tokenising, BM25 over chunks (bm25s), IDF weights for sentences."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
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


def _tokenize(text: str, aliases: bool = True) -> list[str]:
    out = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        out.append(_stem(word))
        country = COUNTRY_OF.get(word) if aliases else None
        if country and country != word and " " not in country:
            out.append(_stem(country))
    return out


class Bm25Index:
    """BM25 over chunk texts, persisted as bm25s's plain .npy and JSON files plus our document frequencies."""

    def __init__(self, retriever, doc_freq: dict[str, int], n_docs: int):
        self._retriever = retriever
        self.doc_freq = doc_freq
        self.n_docs = n_docs

    @classmethod
    def build(cls, texts: Sequence[str]) -> Bm25Index:
        import bm25s

        tokens = [_tokenize(t) for t in texts]  # not through the cache: each text is seen once
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(tokens, show_progress=False)
        doc_freq = Counter(token for doc in tokens for token in set(doc))
        return cls(retriever, dict(doc_freq), len(texts))

    def idf(self, token: str) -> float:
        df = self.doc_freq.get(token, 0)
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for one tokenised query."""
        known = [t for t in query_tokens if t in self.doc_freq]
        if not known:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

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


def idf_overlap(query_tokens: Iterable[str], text_tokens: Iterable[str], idf) -> float:
    """Share of the query's IDF mass present in the text (0..1)."""
    query = set(query_tokens)
    if not query:
        return 0.0
    present = set(text_tokens)
    total = sum(idf(t) for t in query)
    return sum(idf(t) for t in query if t in present) / total if total else 0.0

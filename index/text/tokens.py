"""Words and search tokens: lowercased words, stemmed content tokens with country aliases."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from index.text.gazetteer import COUNTRY_OF

STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "don", "also", "been", "us", "may", "might", "must", "shall", "whose"])

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stem(word: str) -> str:
    """A lowercased word's search stem ("americans" -> "american")."""
    return _stem(word)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return text.lower()


def words(text: str) -> list[str]:
    """Lowercased word tokens, stop words kept, possessive 's dropped."""
    text = normalise(text)
    found = _WORD.findall(text)
    if "'s" in text or "," in text:
        return [word.removesuffix("'s").replace(",", "") for word in found]
    return found


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


@lru_cache(maxsize=2048)
def spaced_words(text: str) -> str:
    """The text's words, lowercased, joined by single spaces and with a space at each end: a run of words
    is then found with `in`."""
    return f" {' '.join(words(text))} "


def longest_shared_runs(sequence: list[str], spaced_texts: list[str], shortest: int = 1) -> list[int]:
    """For each spaced text (spaced_words): how many of the sequence's words, in order and unbroken, it
    repeats at most; 0 when it repeats no run of `shortest` words."""
    grams: dict[int, list[str]] = {}  # the sequence's runs of n words, each spaced as the texts are
    out = []
    for spaced in spaced_texts:
        found, n = 0, shortest
        while n <= len(sequence):
            if n not in grams:
                grams[n] = [f" {' '.join(sequence[i:i + n])} " for i in range(len(sequence) - n + 1)]
            if not any(gram in spaced for gram in grams[n]):
                break
            found, n = n, n + 1
        out.append(found)
    return out

"""The words a collection writes only as names, for questions typed all in lower case ("when did kato meet
luest"): read once per collection, when its index is installed."""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from pathlib import Path

from index.corpus.documents import Document

_MID_SENTENCE_NAME = re.compile(r"(?<=[\w,;] )[A-Z][a-z][\w'’-]*")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|President|Minister|Secretary|Chancellor|Administrator|Director|"
                     r"Governor|Senator|Ambassador|Commissioner)\.?\s+(?:[A-Z][a-z]+\s+)?([A-Z][a-z][\w'’-]*)")
_names_cache: OrderedDict[int, tuple[dict, frozenset[str]]] = OrderedDict()  # by documents, a few collections'
_names_lock = threading.Lock()


def names_only(documents: dict[str, Document]) -> frozenset[str]:
    """Words the articles capitalise inside sentences and never write in lower case, that are a person's
    name there ("Mr Blair", "Minister Mutsuki Kato") or rare (not whole words of the shipped model's
    vocabulary: "luest", not "trophy") and found once not after a common capitalised word (not "Coffee
    Growers"). Kept for the last few collections asked about (read when an index is installed)."""
    with _names_lock:
        cached = _names_cache.get(id(documents))
    if cached and cached[0] is documents:
        return cached[1]
    capitalised: set[str] = set()
    free: set[str] = set()
    lower: set[str] = set()
    people: set[str] = set()
    common = _common_words()
    for document in documents.values():
        text = document.text
        for m in _MID_SENTENCE_NAME.finditer(text):
            word = re.sub(r"['’]s$", "", m.group().lower())
            capitalised.add(word)
            before = text[max(0, m.start() - 30):m.start()].split()[-1:]
            if not (before and before[0][:1].isupper() and before[0].strip(",;").lower() in common):
                free.add(word)  # not "Coffee Growers": a body's word
        lower.update(_LOWER_WORD.findall(text))
        people.update(w.lower() for w in _PERSON.findall(text))
    names = frozenset(w for w in capitalised - lower if w in people or w in free and w not in common)
    with _names_lock:
        _names_cache[id(documents)] = (documents, names)
        while len(_names_cache) > 8:
            _names_cache.popitem(last=False)
    return names


@functools.cache
def _common_words() -> frozenset[str]:
    """The whole words of the shipped model's vocabulary: common English words and well-known names."""
    from index.retrieval.embedding import shipped_model_path

    try:
        vocabulary = (Path(shipped_model_path()) / "vocab.txt").read_text(encoding="utf-8")
    except (OSError, ImportError):
        return frozenset()
    return frozenset(w for w in vocabulary.split() if w.isalpha())

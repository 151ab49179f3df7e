"""A question as the engine takes it: cleaned once, then searched as text, tokens and a vector."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from index.errors import BadQuestionError
from index.retrieval.embedding import Embedder
from index.retrieval.search import Query
from index.text.tokens import tokenize

MAX_QUESTION_CHARS = 1000
_SPACES = re.compile(r"\s+")


def clean_question(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """Control characters become spaces and whitespace collapses; empty or over-long text is refused."""
    if not isinstance(text, str):
        raise BadQuestionError("the question must be text")
    if len(text) > limit * 4:
        raise BadQuestionError(f"the question is {len(text):,} characters long; the limit is {limit:,}")
    cleaned = text if text.isprintable() else "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    if not cleaned:
        raise BadQuestionError("the question is empty")
    if len(cleaned) > limit:
        raise BadQuestionError(f"the question is {len(cleaned):,} characters long; the limit is {limit:,}")
    if not any(ch.isalnum() for ch in cleaned):
        raise BadQuestionError("the question has no words in it")
    return cleaned


def make_queries(questions: Sequence[str], embedder: Embedder, context: str = "") -> list[Query]:
    """One Query per cleaned question, embedded in one batch; a context (an earlier question) is
    searched with each question but is not part of its text."""
    searched = [f"{context} {q}" if context else q for q in questions]
    vectors = embedder.encode_queries(searched)
    return [Query(q, tuple(tokenize(s) + _said_otherwise(s)), v, context)
            for q, s, v in zip(questions, searched, vectors, strict=True)]


# what a question says in words the articles often put otherwise: "put off" is what a story calls "postponed"
_OTHERWISE = [(re.compile(r"\b(?:put|puts|putting|pushed|push)\s+(?:off|back)\b", re.IGNORECASE), "postponed"),
              (re.compile(r"\b(?:call|calls|called|calling)\s+off\b|\bscrap(?:s|ped|ping)?\b", re.IGNORECASE),
               "cancelled")]


def _said_otherwise(text: str) -> list[str]:
    return [token for rx, word in _OTHERWISE if rx.search(text) for token in tokenize(word)]

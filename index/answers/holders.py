"""Who holds an office a question asks about, when the story names the office in one sentence and the
person in the next: "KUWAIT - Kuwait's Oil Minister, in remarks published today, said ..." / "Sheikh Ali
al-Khalifa al-Sabah was quoted ... as saying"."""

from __future__ import annotations

import re

from index.corpus.documents import Document
from index.text import gazetteer
from index.text.sentences import split_sentences

# "Who is Kuwait's oil minister?", "Who is the EU's external relations commissioner?": an identity asked for
_IDENTITY_ASKED = re.compile(
    r"^\s*who\s+(?:is|was)\s+(?:the\s+)?[^?]*?\b(?:minister|president|commissioner|secretary|chancellor|governor"
    r"|ambassador|envoy|director|chairman|chairwoman|premier|mayor|king|emir|representative|commissioner"
    r"|charg[eé]\s+d['’]affaires|counterpart|leader)\b(?:\s+(?:of|to|in|at)\s+[^?]+)?\s*\??\s*$", re.IGNORECASE)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Sheikh|Sheik|General|Gen\.|Prince|King)\s+)?"
_NAME = re.compile(rf"{_TITLE}(?P<name>[A-Z][\w’'-]+(?:\s+(?:(?:al|bin|de|van|von|da|del|la)[\s-])?[A-Z][\w’'-]+)+)")
_OFFICE_WORDS = {"minister", "ministers", "president", "commissioner", "secretary", "chancellor", "governor",
                 "ambassador", "envoy", "director", "chairman", "premier", "mayor", "foreign", "oil", "finance",
                 "trade", "prime", "deputy", "high", "general", "state", "affairs", "relations", "external"}


def named_holder(document: Document, start: int, end: int, question: str) -> tuple[int, int] | None:
    """The sentence after start..end (the next paragraph's first, at a paragraph's end) when the question asks
    who holds an office, the sentence at start..end names no person, and the next one opens with a name."""
    if not _IDENTITY_ASKED.match(question) or _names_someone(document.text[start:end]):
        return None
    paragraphs = document.paragraphs
    here = next((i for i, p in enumerate(paragraphs) if p.start <= start < p.end), None)
    if here is None:
        return None
    following = [s for s in split_sentences(document.text, start, paragraphs[here].end) if s[0] >= end]
    if not following and here + 1 < len(paragraphs):
        following = split_sentences(document.text, paragraphs[here + 1].start, paragraphs[here + 1].end)
    if not following:
        return None
    found = _NAME.match(document.text, following[0][0], following[0][1])
    return following[0] if found is not None and _is_person(found.group("name")) else None


def _names_someone(sentence: str) -> bool:
    return any(_is_person(m.group("name")) for m in _NAME.finditer(sentence))


def _is_person(name: str) -> bool:
    """Two or more capitalised words that are neither a place, a country's name nor an office."""
    parts = name.split()
    return (not gazetteer.is_place(name) and gazetteer.country_of(name) is None
            and not any(p.lower().strip("'’") in _OFFICE_WORDS or gazetteer.country_of(p) for p in parts))

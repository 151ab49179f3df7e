"""Antecedents: the earlier sentence that names who "the pair", "his counterpart", "he" or "it" is."""

from __future__ import annotations

import re

from index.corpus.documents import Document
from index.text import gazetteer
from index.text.sentences import split_sentences

_PLURAL_ANAPHOR = re.compile(r"^(?:The pair|The two\b|Both\b|They\b|Their\b|The (?:two )?(?:leaders|ministers|"
                             r"diplomats|sides|countries|men|women)\b)")
_SINGULAR_ANAPHOR = re.compile(r"^(?:He|She|His|Her|It|Its|The (?:[A-Z][a-z]+ )?(?:minister|president|official|spokesman|"
                               r"spokeswoman|leader|diplomat))\b")  # "The Indian minister"
_JOINED_NAMES = re.compile(r"\b[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*\s+and\s+[A-Z][\w’'\-]+")
_FULL_NAME = re.compile(r"\b(?!(?:The|A|An|In|On|At|But|And|After|Before)\s)[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]{2,}")
PARAGRAPHS_BACK = 5


# "It" that refers to nothing: "It comes after …", "It was not clear …", "It is thought that …"
_EXPLETIVE_IT = re.compile(r"^It\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|seems|seemed|appears|"
                           r"appeared|comes|came|remains|remained)\s+(?:not\s+|also\s+|now\s+|still\s+)?(?:clear|"
                           r"unclear|likely|unlikely|expected|thought|believed|understood|said|reported|hoped|feared|"
                           r"known|possible|impossible|important|necessary|true|after|as|that|time|up\s+to)\b")


# "Speaking to reporters after a meeting with X, the Canadian banker said", '"...," he told': a speaker named before;
# "During his stay in Washington, he was also scheduled to meet ...": someone named before
_DESCRIBED_SPEAKER = re.compile(r",\s+the\s+[A-Z][a-z]+\s+(?:banker|minister|official|president|envoy|diplomat|leader"
                                r"|chairman|secretary|governor|negotiator)\s+(?:said|told|added)\b"
                                r"|[\"”]\s*,?\s*(?:he|she)\s+(?:said|says|told|added)\b"  # '"... New York," he told Garn'
                                r"|^[A-Z][^,.;:\"“”]{0,60},\s+(?:he|she|they)\s+(?!said\b)")  # "During his stay in Washington, he was"


def anaphor(sentence: str, anywhere: bool = False) -> str | None:
    """The words a sentence opens with that refer back to someone named earlier ("The pair", "He"); anywhere:
    also a speaker described mid-sentence (", the Canadian banker said")."""
    if _EXPLETIVE_IT.match(sentence):
        return None
    match = _PLURAL_ANAPHOR.match(sentence) or _SINGULAR_ANAPHOR.match(sentence) or (
        _DESCRIBED_SPEAKER.search(sentence) if anywhere else None)
    return match.group() if match else None


def antecedent(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The span of the nearest earlier sentence naming who the sentence at start..end refers to, searched
    in its paragraph and the PARAGRAPHS_BACK before; None when it opens with no anaphor or none is found."""
    opening = document.text[start:end]
    word = anaphor(opening)
    if word is None:
        return None
    plural = bool(_PLURAL_ANAPHOR.match(opening))
    earlier = [p for p in document.paragraphs if p.start <= start][-(PARAGRAPHS_BACK + 1):]
    for paragraph in reversed(earlier):
        sentences = [s for s in split_sentences(document.text, paragraph.start, paragraph.end) if s[1] <= start]
        for s, e in reversed(sentences):
            sentence = document.text[s:e]
            if anaphor(sentence) and (plural or not _FULL_NAME.search(sentence[12:])):
                continue
            if plural and _JOINED_NAMES.search(sentence):
                return s, e
            if not plural and (_FULL_NAME.search(sentence) or word.lower() in {"it", "its"}):
                return s, e
    return None


def pronoun_subject(sentence: str) -> bool:
    """The sentence's subject is "He" or "She" ("He is the first high-level U.S. official to visit Japan"),
    not a possessive ("His Armenian counterpart, X, ...")."""
    return re.match(r"\W*(?:He|She)\b", sentence) is not None


def named_window(text: str, reference: tuple[int, int], fitted: tuple[int, int], budget: int) -> tuple[int, int]:
    """The antecedent's quote cut to budget (fitted) or, when that cut lost every name, the words up to its
    last full name ("..., Philippine Finance Secretary Jaime Ongpin said."), so it names whom "He" means."""
    start, end = reference
    names = _people(text, start, end)
    if fitted == reference or not names or _people(text, *fitted) or budget <= 0:
        return fitted
    stop = end if end - names[-1].start() <= budget else names[-1].end()
    begin = max(start, stop - budget)
    if begin > start:
        cut = max(text.find(" ", begin, stop) + 1, text.find(", ", begin, names[-1].start()) + 2)  # a word, a clause
        begin = cut if cut > 1 else begin
    return (begin, stop) if begin <= names[-1].start() else fitted


def _people(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The full names in text[start:end] that are no place ("Diego Escalante", not "Costa Rica")."""
    return [m for m in _FULL_NAME.finditer(text, start, end)
            if not (gazetteer.country_of(m.group(0)) or gazetteer.is_place(m.group(0)))]

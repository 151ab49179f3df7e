"""Fast, regex-based sentence splitting that returns character offsets into the original text."""

from __future__ import annotations

import logging
import re

from index.text.dates import MONTH_ABBREVIATIONS

log = logging.getLogger(__name__)

# A candidate sentence end: terminators, then any closing quotes/brackets, then whitespace or the end.
# A blank line (paragraph break) is always a boundary; a single line break is just whitespace.
_BOUNDARY = re.compile(r"[.?!…]+[\"'”’)\]»]*(?=\s|$)|\n[^\S\n]*\n")
# The word (or dotted abbreviation such as U.S / e.g) right before a full stop.
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:\.[^\W\d_]+)*$")
# The first word of the next sentence, after any opening quotes/brackets.
_NEXT = re.compile(r"\s*[\"'“‘(\[«]*(\w*)")
# A quote's speaker after it: '“Can they pay?” Sassou-Nguesso asked.'
_SPEAKER = re.compile(r"\s+(?:[A-Z][\w'’.\-]*\s+){1,4}(?:said|says|asked|asks|added|adds|replied|told|declared|insisted)\b")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that never end a sentence (titles, months, "e.g."...).
_NEVER_END = _words(
    """mr mrs ms dr prof gen sen rep gov lt col capt sgt maj adm cmdr rev hon pres st mt ft
    e.g i.e vs v cf approx dept fig"""
) | frozenset(MONTH_ABBREVIATIONS)
# Abbreviations that may end a sentence: a break only if a typical sentence opener follows.
_MAY_END = _words("u.s u.k u.n e.u etc inc corp ltd co jr sr al a.m p.m")
_OPENERS = _words(
    """the a an he she it they we i you this that these those there his her its their our
    but and yet so however meanwhile in on at for after before when while if as also then
    some many most one two no not what who why how"""
)


def _is_break(text: str, m: re.Match[str], lo: int, end: int) -> bool:
    """Decide whether a terminator match ends a sentence."""
    nxt = _NEXT.match(text, m.end(), end)
    word, after = (nxt.group(1), nxt.end()) if nxt else ("", m.end())
    if word[:1].islower():
        return False  # "... he said." / "“Why?” he asked" / "etc. and so on"
    if not word and text[after : after + 1] in ("—", "–"):
        return False  # a dash continues: "in Stepanakert. — Reuters"
    if m.group(0)[-1] in "\"”’" and _SPEAKER.match(text, m.end(), end):
        return False  # '“Can they pay?” Sassou-Nguesso asked.'
    if m.group(0).rstrip("\"'”’)]»") != ".":
        return True  # ?, !, ellipsis, or several dots
    before = _WORD_BEFORE.search(text, max(lo, m.start() - 40), m.start())
    if before is None:
        return True  # a number or symbol before the stop: "in 1992."
    token = before.group(0)
    low = token.lower()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "John F. Kennedy"
    if low in _NEVER_END or (low == "no" and word[:1].isdigit()):
        return False
    if low in _MAY_END or ("." in low and len(low.replace(".", "")) == low.count(".") + 1):
        if word.lower() in ("and", "or") and re.match(r"\s+[A-Z]", text[after:end]):
            return False  # "Japan, the U.S. And West Germany": wire copy capitalises the word after "U.S."
        return word.lower() in _OPENERS  # "the U.S. The next day" vs "U.S. officials"
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) in text[start:end], each trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))

    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0)[0] == "\n":
            emit(cursor, m.start())
            cursor = m.end()
        elif _is_break(text, m, start, end):
            emit(cursor, m.end())
            cursor = m.end()
    emit(cursor, end)
    return spans

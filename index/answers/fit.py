"""Whether quotes can answer the kind of question asked: a "when" question wants a time, a "how many"
question a number. Quotes without one are not an answer, whatever words they share with the question."""

from __future__ import annotations

import re

from index.answers.compose import question_kind, typed_evidence
from index.text.dates import MONTHS, WEEKDAYS
from index.text.tokens import words

CHECKED_KINDS = ("when", "count")  # who and where answers are often common nouns ("the public", "abroad")
_TIME = re.compile(rf"\b(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)}|yesterday|today|tomorrow|tonight|ago|"
                   r"century|centuries|decades?|years?|months?|weeks?|days?|hours?|morning|afternoon|evening|"
                   r"night|noon|midnight|dawn|dusk|spring|summer|autumn|winter|era|period|age|reign|times?|"
                   r"beginning|start|end|previous|soon|recently|currently|immediately|annually|daily|weekly|"
                   r"monthly|quarterly|during|following|until|since|when|war|bce?|ad|ce)\b|(?<!\d)(?:1\d|20)\d\ds?(?!\d)|\b\d{1,4}(?:st|nd|rd|th)\b|"
                   r"\b\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\b", re.IGNORECASE)
_UNITS = re.compile(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|miles?|"
                    r"kilomet(?:er|re)s?|km|metres?|meters?|feet|foot|inches|tons?|tonnes?|pounds?|dollars?|"
                    r"percent|per cent|several|many|few|numerous|all|none|both|single|double|twice|"
                    r"thrice|triple|majority|minority|most|some|no)\b|%|\$|£|€", re.IGNORECASE)


_TIME_ASKED = re.compile(r"^(?:(?:in|on|at|by|from|until|since|during)\s+)?(?:what|which)\s+(?:year|date|day|"
                         r"month|time|century|decade)\b|^when\s+(?:did|was|were|will|had)\b", re.IGNORECASE)


def asked_kind(question: str) -> str:
    """The kind of answer a question wants, as far as it is checked: a plain "when" may ask for a
    condition ("When does photorespiration happen?"), so only "what year", "on what day", "when did" …
    ask a time."""
    kind = question_kind(question)
    if kind == "when":
        return "when" if _TIME_ASKED.match(question.strip()) else "other"
    return kind


def fits(question: str, text: str) -> bool:
    """Whether the text holds an answer of the kind the question asks for, or the kind is not checked."""
    kind = asked_kind(question)
    if kind not in CHECKED_KINDS or kind == "count" and typed_evidence(kind, text, set(words(question))):
        return True
    pattern = _TIME if kind == "when" else _UNITS
    return pattern.search(text) is not None

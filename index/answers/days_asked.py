"""The day a question puts a meeting on ("their summit last October", "where did they meet on tuesday"): a
record of another month or weekday is not the meeting asked about."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from index.meetings.records import Fact, Meeting
from index.text.dates import MONTHS, WEEKDAYS, months_named

_MONTH_ASKED = re.compile(rf"\b({'|'.join(m.title() for m in MONTHS)})\b")


def _in_another_month(when: Fact | None, month: int) -> bool:
    """The record's day falls in, or names, a month, and not this one."""
    told = months_named(when.date, when.value) if when else []
    return bool(told) and month not in told


_WEEKDAY_ASKED = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def _on_another_weekday(when: Fact | None, weekday: int) -> bool:
    """The record's day is another weekday (by its date, else the weekday it names)."""
    if when is None:
        return False
    if when.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", when.date):
        return dt.date.fromisoformat(when.date).weekday() != weekday
    told = _WEEKDAY_ASKED.findall(when.value)
    return bool(told) and WEEKDAYS[weekday] not in (t.lower() for t in told)


def on_the_day_asked(question: str, meetings: Sequence[Meeting]) -> list[Meeting] | None:
    """The meetings that may fall on the month and weekday the question names; None when it names neither."""
    month, day = _MONTH_ASKED.search(question), _WEEKDAY_ASKED.search(question)
    if not (month or day):
        return None
    return [m for m in meetings if not (month and _in_another_month(m.when, MONTHS.index(month.group(1).lower()) + 1))
            and not (day and _on_another_weekday(m.when, WEEKDAYS.index(day.group(1).lower())))]


_RECENT = r"this\s+week|today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)"
_RECENT_ASKED = re.compile(rf"\b(?:{_RECENT})\b", re.IGNORECASE)
_EVENT_ASKED = re.compile(r"\b(?:meet\w*|met|talks|summit|conference|session|visit\w*)\b", re.IGNORECASE)
_RECENT_TOLD = re.compile(rf"\b(?:{_RECENT}|(?:last|next)\s+week|{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def recent_fits(question: str, text: str, published: str | None) -> bool:
    """False when the question puts what it asks about in the story's own days ("met in Paris this week") and
    the quotes date it only by another month ("the February meeting" in a story of April)."""
    if not (published and re.match(r"\d{4}-\d{2}", published) and _RECENT_ASKED.search(question)
            and _EVENT_ASKED.search(question)) or _RECENT_TOLD.search(text):
        return True  # "How many live in France today?": nowadays
    told = [MONTHS.index(m.lower()) + 1 for m in _MONTH_ASKED.findall(text)]
    return not told or int(published[5:7]) in told

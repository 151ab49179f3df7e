"""Month and weekday names, and the calendar date a time expression in an article stands for.

"on Friday", "tomorrow" and "March 5" are read against the article's publication date with dateutil.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser
from dateutil.relativedelta import relativedelta, weekdays

_INFO = parser.parserinfo()
MONTHS: tuple[str, ...] = tuple(names[-1].lower() for names in _INFO.MONTHS)  # "january" ...
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(  # "jan" ... "sep", "sept" ... "dec" ("may" is no abbreviation)
    a.lower() for names in _INFO.MONTHS for a in names[:-1] if a != names[-1])
WEEKDAYS: tuple[str, ...] = tuple(names[-1].lower() for names in _INFO.WEEKDAYS)  # "monday" ...

_RELATIVE_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1, "this morning": 0, "this afternoon": 0,
                  "this evening": 0}
_MONTH = (rf"(?:{'|'.join(m.title() for m in MONTHS)}"
          rf"|(?:{'|'.join(a.title() for a in MONTH_ABBREVIATIONS)})\.?)")
_WEEKDAY = "|".join(w.title() for w in WEEKDAYS)

# "later this week", "tomorrow", "next Friday", "Friday morning", "March 5, 2021", "5 March"
TIME_EXPRESSION = re.compile(
    r"(?<!\w)(?:(?P<rel>(?i:(?:later|earlier)\s+this\s+(?:week|month)|(?:next|last|this)\s+(?:week|month|year"
    r"|weekend)|this\s+(?:morning|afternoon|evening)|weekend|tomorrow|today|tonight|yesterday))|(?:(?P<mod>(?i:next|last|this|coming))\s+)?"
    rf"(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<day_month>(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})(?:\s+\d{{4}})?)"
    rf"|(?<=\b[Ii]n\s)(?P<month>(?:(?:late|early|mid)-?\s*)?(?:{'|'.join(m.title() for m in MONTHS)}))(?:\s+\d{{4}})?"
    rf"|(?P<month_rel>(?i:last|next|this)\s+(?:{'|'.join(m.title() for m in MONTHS)})))(?!\w)")  # months: no day


def resolve(expression: re.Match[str], published: dt.date | None, forward: bool | None) -> str | None:
    """The ISO date of a TIME_EXPRESSION match in an article published on `published`.

    A bare weekday counts forward for a planned meeting (forward=True), backward for a past one (False),
    and stays unresolved when that is unknown (None); "next"/"last"/"this" say it themselves.
    """
    if published is None:
        return None
    if expression.group("rel"):
        rel = " ".join(expression.group("rel").lower().split())
        if rel.endswith("weekend"):  # "last weekend", "a weekend visit" held: the Saturday before; else after
            back = rel.startswith("last") or rel == "weekend" and forward is False
            ahead = rel.startswith(("next", "this")) or rel == "weekend" and forward
            if back or ahead:
                return (published + relativedelta(days=-1 if back else 0, weekday=weekdays[5](-1 if back else +1))
                        ).isoformat()
            return None
        shift = _RELATIVE_DAYS.get(rel)
        return None if shift is None else (published + dt.timedelta(days=shift)).isoformat()
    if expression.group("month") or expression.group("month_rel"):
        return None  # a month names no day
    if expression.group("wd"):
        return _weekday(expression.group("wd"), (expression.group("mod") or "").lower(), published, forward)
    return _day_month(expression.group("day_month"), published, forward)


def _weekday(name: str, modifier: str, published: dt.date, forward: bool | None) -> str | None:
    day = weekdays[WEEKDAYS.index(name.lower())]
    if modifier == "next":  # strictly after the publication day
        step = relativedelta(days=1, weekday=day(+1))
    elif modifier == "last":  # strictly before
        step = relativedelta(days=-1, weekday=day(-1))
    elif modifier:  # "this Friday", "coming Friday": that day or after
        step = relativedelta(weekday=day(+1))
    elif forward:  # a planned meeting "on Monday" in a Monday story is next week's (that day would be "today")
        step = relativedelta(days=1, weekday=day(+1))
    elif forward is False:  # a meeting held: that day or before
        step = relativedelta(weekday=day(-1))
    else:
        return None
    return (published + step).isoformat()


def _day_month(text: str, published: dt.date, forward: bool | None) -> str | None:
    """'March 5' in the publication year, moved a year on (or back) when the meeting's tense asks for it."""
    try:
        when = parser.parse(text, default=dt.datetime(published.year, published.month, 1)).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d{4}", text):
        if forward and when < published - dt.timedelta(days=60):
            when += relativedelta(years=1)
        elif forward is False and when > published + dt.timedelta(days=1):
            when -= relativedelta(years=1)
    return when.isoformat()


_MONTH_NAMED = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b", re.IGNORECASE)


def months_named(date: str | None, text: str) -> list[int]:
    """The month (1-12) an ISO date falls in, else each month the text names: "May 12" -> [5]."""
    if date and re.match(r"\d{4}-\d{2}", date):
        return [int(date[5:7])]
    return [MONTHS.index(m.lower()) + 1 for m in _MONTH_NAMED.findall(text)]


def days_implied(text: str, published: str | None) -> set[str]:
    """The weekday and month names ("wednesday", "april") of the days a text says as "today", "tomorrow",
    "yesterday" or "this morning" in an article published on `published` (YYYY-MM-DD)."""
    out: set[str] = set()
    try:
        published = dt.date.fromisoformat(published) if published else None
    except ValueError:
        return out
    for expression in TIME_EXPRESSION.finditer(text):
        if expression.group("rel") and (day := resolve(expression, published, None)):
            when = dt.date.fromisoformat(day)
            out |= {WEEKDAYS[when.weekday()], MONTHS[when.month - 1]}
    return out

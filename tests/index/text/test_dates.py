"""Time expressions resolved against the publication date: weekdays, relative days, month days."""

from __future__ import annotations

import datetime as dt

import pytest

from index.text.dates import TIME_EXPRESSION, resolve

PUBLISHED = dt.date(2020, 10, 21)  # a Wednesday


def date(text: str, forward: bool | None, published: dt.date | None = PUBLISHED) -> str | None:
    match = TIME_EXPRESSION.search(text)
    assert match is not None, text
    return resolve(match, published, forward)


def test_planned_friday_is_the_coming_one():
    """'on Friday' in a story of Wednesday 21 October 2020 about a planned meeting is 23 October."""
    assert date("will meet on Friday", forward=True) == "2020-10-23"


def test_past_weekday_counts_backward():
    """'on Monday' for a meeting held is the Monday before."""
    assert date("met on Monday", forward=False) == "2020-10-19"


def test_bare_weekday_without_tense_stays_open():
    """A weekday with no tense to go by gets no date."""
    assert date("on Friday", forward=None) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("next Wednesday", "2020-10-28"), ("last Wednesday", "2020-10-14"), ("this Thursday", "2020-10-22")])
def test_next_last_and_this(text, expected):
    """'next' and 'last' never mean the publication day itself; 'this' looks forward."""
    assert date(text, forward=None) == expected


@pytest.mark.parametrize(("text", "expected"), [("tomorrow", "2020-10-22"), ("yesterday", "2020-10-20"),
                                                ("tonight", "2020-10-21"), ("next week", None)])
def test_relative_days(text, expected):
    """Tomorrow, yesterday and tonight are days; 'next week' is no single day."""
    assert date(text, forward=True) == expected


@pytest.mark.parametrize(("text", "forward", "expected"), [
    ("on March 5", None, "2020-03-05"), ("on 5 March 2019", True, "2019-03-05"),
    ("on Jan. 12", True, "2021-01-12"), ("on Sept. 30", False, "2020-09-30"), ("on December 2", False, "2019-12-02")])
def test_month_days(text, forward, expected):
    """Month days take the publication year, moved on for planned and back for past meetings."""
    assert date(text, forward) == expected


def test_impossible_day_has_no_date():
    """'February 30' gives no date."""
    assert date("on February 30", forward=True) is None


def test_without_publication_date_nothing_resolves():
    """With no publication date nothing resolves."""
    assert date("tomorrow", forward=True, published=None) is None


def test_a_weekend_and_this_evening_resolve():
    """'a weekend visit' held before a Monday story is the Saturday before; 'this evening' is the story's day."""
    import datetime as dt

    from index.text.dates import TIME_EXPRESSION, resolve

    monday = dt.date(1987, 6, 29)
    assert resolve(TIME_EXPRESSION.search("paid a brief weekend visit"), monday, False) == "1987-06-27"
    assert resolve(TIME_EXPRESSION.search("travels to Italy this evening"), monday, True) == "1987-06-29"
    assert resolve(TIME_EXPRESSION.search("next weekend"), monday, None) == "1987-07-04"


def test_a_planned_weekday_named_on_that_weekday_is_next_weeks():
    """'will fly on Monday' in a story dated Monday 2 June 1997 is 9 June; 'this Monday' stays 2 June."""
    import datetime as dt

    from index.text.dates import TIME_EXPRESSION, resolve

    monday = dt.date(1997, 6, 2)
    assert resolve(TIME_EXPRESSION.search("will fly on Monday"), monday, True) == "1997-06-09"
    assert resolve(TIME_EXPRESSION.search("this Monday"), monday, True) == "1997-06-02"
    assert resolve(TIME_EXPRESSION.search("arrived on Monday"), monday, False) == "1997-06-02"


@pytest.mark.parametrize(("text", "expected"), [
    ("hopes to meet Reagan in late April or early May", "late April"),
    ("the ministers meet again in mid-June", "mid-June"),
    ("talks in June", "June")])
def test_a_month_with_late_early_or_mid_is_one_time(text, expected):
    found = TIME_EXPRESSION.search(text)
    assert found.group(0) == expected and resolve(found, dt.date(1987, 3, 20), True) is None

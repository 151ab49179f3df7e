"""Drafts about the same meeting become one record: who, where, when, how and in what state, each
sentence's facts added to what earlier sentences said; notes and attendees join the meeting just reported."""

from __future__ import annotations

import re

from index.meetings.facts import REMOTE, Draft
from index.meetings.identity import Tracker
from index.meetings.records import Fact, Quote
from index.text.dates import months_named
from index.text.gazetteer import country_of


def roots(tracker: Tracker, ids: list[int]) -> set[int]:
    return {tracker.root(i) for i in ids}


def _covers(tracker: Tracker, have: set[int], want: set[int]) -> bool:
    """Each of `want` is in `have`, or is a side (country, organisation) that someone in `have` belongs to."""
    countries = {tracker.reg.get(i).country for i in have} - {None}  # two unnamed bodies cover neither
    return all(w in have or (tracker.reg.get(w).side and tracker.reg.get(w).country in countries) for w in want)


def _compatible(tracker: Tracker, a: Draft, b: Draft) -> bool:
    """Could b be (more about) the meeting a? Same people, no contradicting place, date, status or format."""
    pa, ca, pb, cb = (roots(tracker, x) for x in (a.participants, a.counterparts, b.participants, b.counterparts))
    if is_trip(a) != is_trip(b):
        return False  # a trip is not the meeting held during it
    same = (pa == pb and (_covers(tracker, ca, cb) or _covers(tracker, cb, ca))) or pa | ca == pb | cb or (
        len(pb | cb) >= 2 and pb | cb < pa | ca and not any(tracker.reg.get(i).side for i in pb | cb))  # fewer of them
    if not (same or _stand_in(tracker, pa | ca, pb | cb)) or b.again:
        return False
    if a.explicit_format and b.explicit_format and (a.format.value in REMOTE) != (b.format.value in REMOTE):
        return False
    statuses = {a.status.value, b.status.value} if a.status and b.status else set()
    if statuses == {"held", "planned"} or "ruled out" in statuses != {"ruled out"}:
        return False
    if statuses == {"under way", "planned"} and b.when and not (a.when and a.when.value == b.when.value):
        return False  # "the board meeting will end tomorrow" and "the board will meet May 12": two sessions
    if a.place and b.place and a.place.value != b.place.value and (
            country_of(a.place.value) is None or country_of(a.place.value) != country_of(b.place.value)):
        return False
    if a.when and b.when and len(ma := months_named(a.when.date, a.when.value)) == 1 == len(
            mb := months_named(b.when.date, b.when.value)) and ma != mb:
        return False  # "will meet May 12" and "is due to meet in June"
    return not (a.when and b.when and a.when.date and b.when.date and a.when.date != b.when.date)


def _stand_in(tracker: Tracker, a: set[int], b: set[int]) -> tuple[int, int] | None:
    """(named, placeholder) when two meetings share someone and differ only in one person, named in one and an
    office without a name in the other ('McCain visited Mr Blair' / 'the UK leader discussed it with McCain')."""
    only_a, only_b = a - b, b - a
    if not (a & b) or len(only_a) != 1 or len(only_b) != 1:
        return None
    named, hole = (only_a, only_b) if tracker.reg.get(next(iter(only_a))).name else (only_b, only_a)
    n, h = tracker.reg.get(next(iter(named))), tracker.reg.get(next(iter(hole)))
    if not n.name or h.name or h.side or not h.office or h.office.endswith("s") or n.side or (
            n.country and h.country and n.country != h.country) or (n.office and n.office != h.office):
        return None
    return next(iter(named)), next(iter(hole))


def _merge(tracker: Tracker, a: Draft, b: Draft) -> None:
    if pair := _stand_in(tracker, roots(tracker, a.participants + a.counterparts),
                         roots(tracker, b.participants + b.counterparts)):
        tracker.reg.union(*pair)  # the office holder the article named elsewhere
    pa, pb = roots(tracker, a.participants), roots(tracker, b.participants)
    ours, theirs = roots(tracker, a.counterparts), roots(tracker, b.counterparts)
    if pa == pb or pa | ours != pb | theirs:  # else the same people in other roles ("the two leaders held talks")
        a.participants += [i for i in b.participants if tracker.root(i) not in pa | ours]
        a.counterparts = [i for i in a.counterparts  # a side ("NATO") gives way to its people ("Stoltenberg")
                          if not (tracker.reg.get(i).side and _covers(tracker, theirs - {tracker.root(i)}, {tracker.root(i)}))]
        a.counterparts += [i for i in b.counterparts if not _covers(tracker, ours, {tracker.root(i)})
                           and tracker.root(i) not in pa]
    if a.place is None or (b.place and country_of(a.place.value) == a.place.value.title() != b.place.value.title()):
        a.place = b.place or a.place  # a city rather than its country
    if a.when is None or (b.when and b.when.date and not a.when.date) or (
            b.when and _VAGUE_WHEN.match(a.when.value) and not _VAGUE_WHEN.match(b.when.value)):  # "next week", "on Tuesday"
        a.when = b.when or a.when
    if a.kind is None or (b.kind and a.kind.value == "meeting" and b.kind.value != "meeting"):
        a.kind = b.kind or a.kind
    if b.explicit_format and not a.explicit_format:
        a.format, a.explicit_format = b.format, True
    if a.status is None or (b.status and (b.status.value in ("postponed", "cancelled") or (
            a.status.value, b.status.value) == ("held", "under way"))):  # "met today ... the talks, to end Wednesday"
        a.status = b.status or a.status
    a.topic = a.topic or b.topic
    a.notes += [n for n in b.notes if n.value not in {x.value for x in a.notes}]
    a.quotes += [q for q in b.quotes if q not in a.quotes]


_VAGUE_WHEN = re.compile(r"(?:(?:early|late|later)\s+)?(?:next|this|last)\s+(?:week|month|year)$|soon$|shortly$",
                         re.IGNORECASE)


def add(tracker: Tracker, records: list[Draft], rec: Draft) -> None:
    seq = max((r.seq for r in records), default=0) + 1
    for old in sorted(records, key=lambda r: -r.seq):
        if _compatible(tracker, old, rec):
            _merge(tracker, old, rec)
            old.seq = seq
            return
    rec.seq = seq
    records.append(rec)


def join(tracker: Tracker, records: list[Draft], rec: Draft) -> None:
    """People who attend the meeting just reported ('the meeting was attended by', 'an address to the summit')."""
    kind = rec.kind.value if rec.kind else "meeting"
    target = next((r for r in sorted(records, key=lambda r: -r.seq) if not is_trip(r) and r.kind
                   and r.kind.value == kind), None)
    if target is None:
        return
    have = roots(tracker, target.participants + target.counterparts)
    target.participants += [i for i in rec.participants if tracker.root(i) not in have]
    target.quotes += [q for q in rec.quotes if q not in target.quotes]
    target.status = target.status or rec.status


def note(tracker: Tracker, records: list[Draft], ids: set[int], value: str, quote: Quote,
          strict: bool = False) -> None:
    """Attach a note to the latest meeting with these people (else, unless strict, the one just reported)."""
    latest = sorted(records, key=lambda r: -r.seq)
    target = next((r for r in latest if ids & roots(tracker, r.participants + r.counterparts)), None)
    if target is None and not strict and latest and not ids and quote.paragraph - latest[0].quotes[-1].paragraph <= 1:
        target = latest[0]
    if target is not None and value not in {n.value for n in target.notes}:
        target.notes.append(Fact(value, quote))
        target.quotes.append(quote)


def is_trip(rec: Draft) -> bool:
    """A trip: someone going somewhere, no one named to meet there."""
    return bool(rec.kind and rec.kind.value == "visit" and not rec.counterparts)

"""Meeting records from articles: who meets whom, where, when, how, in what state, about what.

Rules, not article-specific patterns. Each sentence with a meeting trigger (index.meetings.triggers)
yields a draft with the facts of its clause (index.meetings.facts); drafts about the same meeting merge
across sentences; "ruled out" and "not clear ... jointly or separately" sentences become notes on the
meeting they are about. Every field carries the verbatim sentence it rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from index.corpus.documents import Document
from index.meetings.events import event_candidates
from index.meetings.facts import REMOTE, Draft, dateline_place, draft
from index.meetings.identity import Tracker
from index.meetings.records import Fact, Meeting, Quote
from index.meetings.triggers import candidates
from index.text.gazetteer import country_of
from index.text.sentences import split_sentences

_I = re.IGNORECASE
_HEDGE = re.compile(r"\b(?:not\s+clear|unclear|uncertain|not\s+known)\b", _I)
_JOINT_OR_SEPARATE = re.compile(r"\b(?:joint(?:ly)?|together)\s+or\s+separate(?:ly)?\b"
                                r"|\bseparately\s+or\s+(?:jointly|together)\b", _I)
_RULED_OUT = re.compile(r"\b(?:ruled?|ruling)\s+out\s+(?:an?\s+|any\s+)?(?P<adj>[\w-]+\s+)?(?:meeting|talks|summit)s?"
                        r"\b|\b(?:meeting|talks|summit)\b[^.]{0,40}\b(?:ruled\s+out|excluded)\b", _I)
_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")


def _roots(tracker: Tracker, ids: list[int]) -> set[int]:
    return {tracker.root(i) for i in ids}


def _covers(tracker: Tracker, have: set[int], want: set[int]) -> bool:
    """Each of `want` is in `have`, or is a side (country, organisation) that someone in `have` belongs to."""
    countries = {tracker.reg.get(i).country for i in have}
    return all(w in have or (tracker.reg.get(w).side and tracker.reg.get(w).country in countries) for w in want)


def _compatible(tracker: Tracker, a: Draft, b: Draft) -> bool:
    """Could b be (more about) the meeting a? Same people, no contradicting place, date, status or format."""
    pa, ca, pb, cb = (_roots(tracker, x) for x in (a.participants, a.counterparts, b.participants, b.counterparts))
    if _trip(a) != _trip(b):
        return False  # a trip is not the meeting held during it
    if not ((pa == pb and (_covers(tracker, ca, cb) or _covers(tracker, cb, ca))) or pa | ca == pb | cb) or b.again:
        return False
    if a.explicit_format and b.explicit_format and (a.format.value in REMOTE) != (b.format.value in REMOTE):
        return False
    statuses = {a.status.value, b.status.value} if a.status and b.status else set()
    if statuses in ({"held", "planned"}, {"held", "under way"}) or "ruled out" in statuses != {"ruled out"}:
        return False
    if a.place and b.place and a.place.value != b.place.value and (
            country_of(a.place.value) is None or country_of(a.place.value) != country_of(b.place.value)):
        return False
    return not (a.when and b.when and a.when.date and b.when.date and a.when.date != b.when.date)


def _merge(tracker: Tracker, a: Draft, b: Draft) -> None:
    pa, pb = _roots(tracker, a.participants), _roots(tracker, b.participants)
    ours, theirs = _roots(tracker, a.counterparts), _roots(tracker, b.counterparts)
    if pa == pb or pa | ours != pb | theirs:  # else the same people in other roles ("the two leaders held talks")
        a.participants += [i for i in b.participants if tracker.root(i) not in pa]
        a.counterparts = [i for i in a.counterparts  # a side ("NATO") gives way to its people ("Stoltenberg")
                          if not (tracker.reg.get(i).side and _covers(tracker, theirs - {tracker.root(i)}, {tracker.root(i)}))]
        a.counterparts += [i for i in b.counterparts if not _covers(tracker, ours, {tracker.root(i)})]
    if a.place is None or (b.place and country_of(a.place.value) == a.place.value.title() != b.place.value.title()):
        a.place = b.place or a.place  # a city rather than its country
    if a.when is None or (b.when and b.when.date and not a.when.date):
        a.when = b.when or a.when
    if a.kind is None or (b.kind and a.kind.value == "meeting" and b.kind.value != "meeting"):
        a.kind = b.kind or a.kind
    if b.explicit_format and not a.explicit_format:
        a.format, a.explicit_format = b.format, True
    if a.status is None or (b.status and b.status.value in ("postponed", "cancelled")):
        a.status = b.status or a.status
    a.topic = a.topic or b.topic
    a.notes += [n for n in b.notes if n.value not in {x.value for x in a.notes}]
    a.quotes += [q for q in b.quotes if q not in a.quotes]


def _add(tracker: Tracker, records: list[Draft], rec: Draft) -> None:
    seq = max((r.seq for r in records), default=0) + 1
    for old in sorted(records, key=lambda r: -r.seq):
        if _compatible(tracker, old, rec):
            _merge(tracker, old, rec)
            old.seq = seq
            return
    rec.seq = seq
    records.append(rec)


def _join(tracker: Tracker, records: list[Draft], rec: Draft) -> None:
    """People who attend the meeting just reported ('the meeting was attended by', 'an address to the summit')."""
    kind = rec.kind.value if rec.kind else "meeting"
    target = next((r for r in sorted(records, key=lambda r: -r.seq) if not _trip(r) and r.kind
                   and r.kind.value == kind), None)
    if target is None:
        return
    have = _roots(tracker, target.participants + target.counterparts)
    target.participants += [i for i in rec.participants if tracker.root(i) not in have]
    target.quotes += [q for q in rec.quotes if q not in target.quotes]
    target.status = target.status or rec.status


def _note(tracker: Tracker, records: list[Draft], ids: set[int], value: str, quote: Quote,
          strict: bool = False) -> None:
    """Attach a note to the latest meeting with these people (else, unless strict, the one just reported)."""
    latest = sorted(records, key=lambda r: -r.seq)
    target = next((r for r in latest if ids & _roots(tracker, r.participants + r.counterparts)), None)
    if target is None and not strict and latest and not ids and quote.paragraph - latest[0].quotes[-1].paragraph <= 1:
        target = latest[0]
    if target is not None and value not in {n.value for n in target.notes}:
        target.notes.append(Fact(value, quote))
        target.quotes.append(quote)


def extract_meetings(document: Document) -> list[Meeting]:
    """Every meeting the article reports, in order of first mention, each field with its verbatim quote."""
    tracker, text, records = Tracker(document.doc_id, document.text), document.text, []
    try:
        published = dt.date.fromisoformat(document.published) if document.published else None
    except ValueError:
        published = None
    for p in document.paragraphs:
        for s, e in split_sentences(text, p.start, p.end):
            quote = Quote(document.doc_id, p.number, s, e, text[s:e])
            mentions = tracker.sentence(s, e, p.number)
            if not re.search(r"[a-z]", quote.text) or not _PROSE.search(quote.text) and len(quote.text.split()) <= 12:
                continue  # headlines in capitals, headings and captions without a full stop
            if ruled := _RULED_OUT.search(text, s, e):  # "They have ruled out a trilateral meeting there."
                adj = (ruled.group("adj") or "").strip().lower()
                ids = _roots(tracker, [i for m in mentions for i in m.ids])
                _note(tracker, records, ids, f"{adj} meeting ruled out".strip(), quote)
                continue
            found = candidates(tracker, mentions, s, e, quote)
            busy = {tracker.root(i) for c in found for i in c.participants + c.counterparts}
            for cand in found + event_candidates(tracker, mentions, s, e, quote, busy):
                if (hedge := _HEDGE.search(text, s, e)) and hedge.start() < cand.clause[1]:  # "It was not clear if the two would meet Lavrov jointly or separately"
                    value = "joint or separate: unclear" if _JOINT_OR_SEPARATE.search(quote.text) else "uncertain"
                    _note(tracker, records, _roots(tracker, cand.counterparts), value, quote, strict=True)
                elif cand.joins:
                    _join(tracker, records, draft(tracker, cand, quote, published))
                else:
                    _add(tracker, records, draft(tracker, cand, quote, published))
    return _finish(document, tracker, records)


def _finish(document: Document, tracker: Tracker, records: list[Draft]) -> list[Meeting]:
    merged: list[Draft] = []
    for rec in records:  # identities merged since (placeholders named): merge the records they make equal
        _add(tracker, merged, rec)
    dateline, out, seen = dateline_place(document), [], set()
    merged = [r for r in merged if not _trip_for(tracker, r, merged)]
    for rec in merged:
        parts = list(dict.fromkeys(map(tracker.root, rec.participants)))
        counters = [i for i in dict.fromkeys(map(tracker.root, rec.counterparts)) if i not in parts]
        if not parts or not counters and not _event(tracker, rec, parts) or not any(
                tracker.reg.get(i).office or tracker.reg.get(i).side for i in parts + counters) and not (
                rec.kind and rec.kind.value in ("summit", "conference") and rec.place):
            continue  # no office holder or state among them: a football match, a business deal
        if rec.place is None and rec.format.value not in REMOTE:
            _locate(tracker, rec, parts + counters, merged, dateline, document.published)
        participants, counterparts = tuple(map(tracker.reg.to_person, parts)), tuple(map(tracker.reg.to_person, counters))
        key = "|".join([document.doc_id, *sorted(p.label() for p in participants), "->",
                        *sorted(p.label() for p in counterparts), rec.place.value if rec.place else ""])
        while key in seen:
            key += "+"
        seen.add(key)
        out.append(Meeting(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], document.doc_id, participants,
                           counterparts, rec.place, rec.when, rec.format, tuple(rec.notes), rec.status, rec.topic,
                           tuple(sorted(set(rec.quotes), key=lambda q: q.start)), rec.kind))
    return out


def _trip(rec: Draft) -> bool:
    """A trip: someone going somewhere, no one named to meet there."""
    return bool(rec.kind and rec.kind.value == "visit" and not rec.counterparts)


def _trip_for(tracker: Tracker, trip: Draft, records: list[Draft]) -> bool:
    """A trip told as the way to a meeting there ('arrived in Moscow for consultations') is that meeting."""
    if not (_trip(trip) and trip.place):
        return False
    who, where = set(map(tracker.root, trip.participants)), trip.place.value
    return any(r is not trip and not _trip(r) and r.place and who <= set(
        map(tracker.root, r.participants + r.counterparts)) and (r.place.value == where or country_of(where) in (
            r.place.value, country_of(r.place.value)) and country_of(where) is not None) for r in records)


def _event(tracker: Tracker, rec: Draft, parts: list[int]) -> bool:
    """A record without counterparts stands when it is a trip or a body's meeting."""
    kind = rec.kind.value if rec.kind else None
    return bool(kind == "visit" and rec.place or kind in ("summit", "conference") and rec.place) or len(
        parts) >= 2 or any(tracker.reg.get(i).side for i in parts)


def _locate(tracker: Tracker, rec: Draft, people: list[int], records: list[Draft], dateline: Fact | None,
            published: str | None) -> None:
    """A meeting's place the sentence left out: the trip it happens on ('during his visit'), else the
    dateline's city when the meeting is held there today or involves that country's people."""
    trips = [r for r in records if r is not rec and _trip(r) and r.place
             and set(map(tracker.root, r.participants)) & set(people) and r.quotes[0].start <= rec.quotes[0].start
             and r.status and (rec.status is None or r.status.value in ("under way", rec.status.value))]
    if trips:
        rec.place = trips[-1].place
        rec.quotes.append(rec.place.quote)
        return
    status = rec.status.value if rec.status else None
    if dateline is None or _trip(rec) or status in ("ruled out", "postponed", "cancelled"):
        return
    home = country_of(dateline.value)
    today = bool(rec.when and published and rec.when.date == published)
    lead = min(q.paragraph for q in rec.quotes) <= dateline.quote.paragraph + 1  # the story the dateline opens
    visiting = rec.kind and rec.kind.value == "visit"  # "Chung will visit Baker": the hosts' country, not his
    hosts = {tracker.reg.get(i).country for i in (rec.counterparts if visiting else people)}
    if home in hosts or today or lead and (status in ("held", "under way") or status is None and not rec.counterparts):
        rec.place = dateline
        rec.quotes.append(dateline.quote)

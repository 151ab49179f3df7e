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
from index.meetings.anaphoric import group_candidates, hosted_candidates
from index.meetings.events import event_candidates
from index.meetings.facts import HERE, REMOTE, Draft, dateline_place, draft
from index.meetings.identity import Tracker
from index.meetings.loose import loose_candidates
from index.meetings.merge import add, is_trip, join, note, roots
from index.meetings.records import Fact, Meeting, Quote
from index.meetings.triggers import candidates
from index.meetings.trips import mission_candidates, trip_candidates
from index.text.gazetteer import city_country, country_of, outlet_country
from index.text.sentences import split_sentences

_I = re.IGNORECASE
_HEDGE = re.compile(r"\b(?:not\s+clear|unclear|uncertain|not\s+known|(?:would|did|could)\s+not\s+say\s+whether"
                    r"|declined\s+to\s+say\s+whether)\b", _I)
_JOINT_OR_SEPARATE = re.compile(r"\b(?:joint(?:ly)?|together)\s+or\s+separate(?:ly)?\b"
                                r"|\bseparately\s+or\s+(?:jointly|together)\b", _I)
_RULED_OUT = re.compile(r"\b(?:ruled?|ruling)\s+out\s+(?:an?\s+|any\s+)?(?P<adj>[\w-]+\s+)?(?:meeting|talks|summit)s?"
                        r"\b|\b(?:meeting|talks|summit)\b[^.]{0,40}\b(?:ruled\s+out|excluded)\b", _I)
_HABIT = re.compile(r"\b(?:normally|usually|regularly|traditionally|customarily|generally)\b", _I)
_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")


def extract_meetings(document: Document) -> list[Meeting]:
    """Every meeting the article reports, in order of first mention, each field with its verbatim quote."""
    tracker, text, records = Tracker(document.doc_id, document.text), document.text, []
    dateline = dateline_place(document)
    tracker.home = (country_of(dateline.value) or city_country(dateline.value)) if dateline else None
    tracker.outlet_home = outlet_country(document.outlet or "")
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
            ruled = _RULED_OUT.search(text, s, e)
            if ruled and not (found := [c for c in candidates(tracker, mentions, s, e, quote) if c.counterparts]):
                adj = (ruled.group("adj") or "").strip().lower()  # "They have ruled out a trilateral meeting there."
                ids = roots(tracker, [i for m in mentions for i in m.ids])
                note(tracker, records, ids, f"{adj} meeting ruled out".strip(), quote)
                continue
            found = found if ruled else candidates(tracker, mentions, s, e, quote)  # "ruling out a meeting with X"
            busy = {tracker.root(i) for c in found for i in c.participants + c.counterparts}
            found += event_candidates(tracker, mentions, s, e, quote, busy) + trip_candidates(tracker, mentions, s, e)
            found += mission_candidates(tracker, mentions, s, e, quote) + ([] if found else group_candidates(
                tracker, mentions, s, e) + hosted_candidates(tracker, mentions, s, e))
            found = found or loose_candidates(tracker, mentions, s, e, quote)
            for cand in found:
                if (hedge := _HEDGE.search(text, s, e)) and hedge.start() < cand.clause[1]:  # "It was not clear if the two would meet Lavrov jointly or separately"
                    value = "joint or separate: unclear" if _JOINT_OR_SEPARATE.search(quote.text) else "uncertain"
                    note(tracker, records, roots(tracker, cand.counterparts), value, quote, strict=True)
                elif _HABIT.search(text, cand.clause[0], cand.clause[1]) and cand.kind != "visit":
                    continue  # "officials normally meet in the summer": a habit, not a meeting
                else:
                    rec = draft(tracker, cand, quote, published)
                    if rec.place and rec.place.value == HERE:
                        rec.place = dateline
                        if dateline:
                            rec.quotes.append(dateline.quote)
                    (join if cand.joins else add)(tracker, records, rec)
    return _finish(document, tracker, records)


def _finish(document: Document, tracker: Tracker, records: list[Draft]) -> list[Meeting]:
    merged: list[Draft] = []
    for rec in records:  # identities merged since (placeholders named): merge the records they make equal
        add(tracker, merged, rec)
    dateline, kept, out, seen = dateline_place(document), [], [], set()
    for rec in merged:
        parts = list(dict.fromkeys(map(tracker.root, rec.participants)))
        counters = [i for i in dict.fromkeys(map(tracker.root, rec.counterparts)) if i not in parts]
        if not parts or not counters and not _event(tracker, rec, parts) or not any(
                tracker.reg.get(i).office or tracker.reg.get(i).side for i in parts + counters) and not (
                rec.kind and rec.kind.value in ("summit", "conference") and rec.place) and not (
                rec.explicit_format and rec.format.value in REMOTE and all(  # "Blair and Clinton discussed it
                    tracker.reg.get(i).name and " " in tracker.reg.get(i).name for i in parts + counters)):  # by phone"
            continue  # no office holder or state among them: a football match, a business deal
        if rec.place is None and rec.format.value not in REMOTE and not rec.proposed:
            _locate(tracker, rec, parts + counters, merged, dateline, document)
        if not counters and all(tracker.reg.get(i).side for i in parts) and not (rec.place or rec.status or rec.when):
            continue  # a body named with no place, day or state: "the Big Ten Conference", not a meeting
        kept.append((rec, parts, counters))
    led_to = {id(rec): _trip_for(tracker, rec, [r for r, _, _ in kept]) for rec, _, _ in kept}
    for rec, _, _ in kept:  # a trip called off calls off the meeting it was the way to
        if (meeting := led_to[id(rec)]) and rec.status and rec.status.value in _OFF and not (
                meeting.status and meeting.status.value in _OFF):
            meeting.status = rec.status
    for rec, parts, counters in kept:
        if led_to[id(rec)]:
            continue  # the trip is told as the way to a meeting there
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


_OFF = ("cancelled", "postponed", "ruled out")


def _trip_for(tracker: Tracker, trip: Draft, records: list[Draft]) -> Draft | None:
    """The meeting a trip is told as the way to ('arrived in Moscow for consultations'): the trip is that meeting."""
    if not (is_trip(trip) and trip.place):
        return None
    who, where = set(map(tracker.root, trip.participants)), trip.place.value
    return next((r for r in records if r is not trip and not is_trip(r) and r.place and (
        r.place is not trip.place or trip.quotes[0] == r.quotes[0]) and who <= set(
        map(tracker.root, r.participants + r.counterparts)) and _within(where, r.place.value)), None)


def _within(a: str, b: str) -> bool:
    """The same place, or one is a country the other is in ('Russia' and 'Moscow'; not 'Manchester', 'London')."""
    ca, cb = _country(a), _country(b)
    return a == b or ca is not None and ca == cb and (a == ca or b == cb)


def _country(place: str) -> str | None:
    """The country a place is or is in: 'Ivory Coast', 'Abidjan' (a city, not the capital) -> 'Ivory Coast'."""
    return country_of(place) or city_country(place)


def _days_before(when: Fact | None, published: str | None) -> int | None:
    try:
        return (dt.date.fromisoformat(published) - dt.date.fromisoformat(when.date)).days
    except (TypeError, ValueError, AttributeError):
        return None


def _event(tracker: Tracker, rec: Draft, parts: list[int]) -> bool:
    """A record without counterparts stands when it is a trip or a body's meeting."""
    kind = rec.kind.value if rec.kind else None
    return bool(kind == "visit" and rec.place or kind in ("summit", "conference") and rec.place) or len(
        parts) >= 2 or any(tracker.reg.get(i).side for i in parts)


def _locate(tracker: Tracker, rec: Draft, people: list[int], records: list[Draft], dateline: Fact | None,
            document: Document) -> None:
    """A meeting's place the sentence left out: the trip it happens on ('during his visit'), else the
    dateline's city when the meeting is held there today or involves that country's people."""
    published = document.published
    trips = [r for r in records if r is not rec and is_trip(r) and r.place
             and set(map(tracker.root, r.participants)) & set(people) and r.quotes[0].start <= rec.quotes[0].start
             and r.status and (rec.status is None or r.status.value in ("under way", rec.status.value))]
    if trips:
        rec.place = trips[-1].place
        if dateline and rec.place.value == country_of(dateline.value):  # "his visit to Turkey", "ANKARA, April 29 -"
            rec.place = dateline
        rec.quotes.append(rec.place.quote)
        return
    if any(_DURING_VISIT.search(q.text) for q in rec.quotes):  # "Abe met Reagan during his visit": not the dateline's
        rec.place = _visit_before(document, rec.quotes[0])
        if rec.place:
            rec.quotes.append(rec.place.quote)
        return
    if same := _same_occasion(tracker, rec, records):  # "held talks in Beijing ... Mr Tanigaki also met the governor"
        rec.place = same.place
        rec.quotes.append(rec.place.quote)
        return
    status = rec.status.value if rec.status else None
    if dateline is None or is_trip(rec) or status in ("ruled out", "postponed", "cancelled") or _came_from(tracker, rec):
        return
    home = country_of(dateline.value)
    today = bool(rec.when and published and rec.when.date == published)
    lead = min(q.paragraph for q in rec.quotes) <= dateline.quote.paragraph + 1  # the story the dateline opens
    visiting = rec.kind and rec.kind.value == "visit"  # "Chung will visit Baker": the hosts' country, not his
    hosts = {tracker.reg.get(i).country for i in (rec.counterparts if visiting else people)}
    undated = rec.when is None or today  # "last met Reagan in May" is not the dateline's story
    officials = any(tracker.reg.get(i).office and not tracker.reg.get(i).country for i in people)  # the dateline's
    if status == "held" and not undated and not ((home in hosts or officials) and _days_before(rec.when, published) in (1, 2)):
        return  # but "held talks yesterday with the finance minister" in a Dhaka story: in Dhaka
    if home is not None and home in hosts or today or status == "held" and officials or lead and (
            status == "under way" or undated and (status == "held" or status is None and not rec.counterparts)):
        rec.place = dateline
        rec.quotes.append(dateline.quote)


def _same_occasion(tracker: Tracker, rec: Draft, records: list[Draft]) -> Draft | None:
    """The meeting held just before by the same visitor that names its place."""
    first, status = rec.quotes[0], rec.status.value if rec.status else None
    if status != "held" or re.search(r"\b(?:at|in)\s+the\s+[A-Z]", first.text):
        return None  # "met Wicks at the Department of Trade and Industry": the sentence names its own venue
    visitor = tracker.root(rec.participants[0]) if rec.participants else None
    earlier = [r for r in records if r is not rec and not is_trip(r) and r.place and r.quotes[0].start < first.start
               and first.paragraph - r.quotes[0].paragraph <= 1 and visitor in map(tracker.root, r.participants)
               and r.status and r.status.value == status and not r.proposed]
    return earlier[-1] if earlier else None


_CAME_FROM = re.compile(r"\b(?:arrived|returned|back|came|flew\s+in)\b[^.;]{0,30}?\bfrom\s+(?:a|an|the|his|her|their)\s+"
                        r"(?:[\w-]+\s+){0,2}(?:meeting|talks)\b", re.IGNORECASE)


def _came_from(tracker: Tracker, rec: Draft) -> bool:
    """'Akiman, who arrived last night from a meeting with Papandreou': that meeting was elsewhere."""
    names = [n.split()[-1] for i in rec.counterparts if (n := tracker.reg.get(i).name)]
    return any(re.search(rf"\bwith\s+(?:[\w.-]+\s+){{0,4}}?{re.escape(n)}\b", q.text[m.end():m.end() + 80])
               for q in rec.quotes for m in _CAME_FROM.finditer(q.text) for n in names)


_DURING_VISIT = re.compile(r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:his|her|their|the|this)\s+(?:[\w.-]+\s+)?"
                           r"(?:visit|trip|tour|stay)\b", re.IGNORECASE)
# "returning from a U.S. Visit", "his visit to Washington"
_VISIT_PLACE = re.compile(r"\b(?i:visit|trip|tour|journey)\s+to\s+(?:the\s+)?(?P<to>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
                          r"|\b(?P<adj>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+(?i:visit|trip|tour)\b")


def _visit_before(document: Document, quote: Quote) -> Fact | None:
    """The place of the visit a sentence ("during his visit") leans on: named in it or in the two paragraphs
    before it."""
    text = document.text
    for p in reversed([p for p in document.paragraphs if quote.paragraph - 2 <= p.number <= quote.paragraph]):
        for s, e in reversed(split_sentences(text, p.start, p.end)):
            if s > quote.start:
                continue
            for m in _VISIT_PLACE.finditer(text, s, e):
                named = m.group("to") or m.group("adj")
                place = next((c for c in (named, named.rstrip(".")) if country_of(c) or city_country(c)), None)
                if place:
                    return Fact(place, Quote(document.doc_id, p.number, s, e, text[s:e]))
    return None

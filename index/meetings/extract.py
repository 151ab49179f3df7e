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
    if not ((pa == pb and (_covers(tracker, ca, cb) or _covers(tracker, cb, ca))) or pa | ca == pb | cb) or b.again:
        return False
    if a.explicit_format and b.explicit_format and (a.format.value in REMOTE) != (b.format.value in REMOTE):
        return False
    if a.status and b.status and {a.status.value, b.status.value} in ({"held", "planned"}, {"held", "under way"}):
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
            if not _PROSE.search(quote.text):
                continue  # headings and captions without a full stop
            if ruled := _RULED_OUT.search(text, s, e):  # "They have ruled out a trilateral meeting there."
                adj = (ruled.group("adj") or "").strip().lower()
                ids = _roots(tracker, [i for m in mentions for i in m.ids])
                _note(tracker, records, ids, f"{adj} meeting ruled out".strip(), quote)
                continue
            for cand in candidates(tracker, mentions, s, e, quote):
                if _HEDGE.search(quote.text):  # "It was not clear if the two would meet Lavrov jointly or separately"
                    value = "joint or separate: unclear" if _JOINT_OR_SEPARATE.search(quote.text) else "uncertain"
                    _note(tracker, records, _roots(tracker, cand.counterparts), value, quote, strict=True)
                else:
                    _add(tracker, records, draft(tracker, cand, quote, published))
    return _finish(document, tracker, records)


def _finish(document: Document, tracker: Tracker, records: list[Draft]) -> list[Meeting]:
    merged: list[Draft] = []
    for rec in records:  # identities merged since (placeholders named): merge the records they make equal
        _add(tracker, merged, rec)
    dateline, out, seen = dateline_place(document), [], set()
    for rec in merged:
        parts = list(dict.fromkeys(map(tracker.root, rec.participants)))
        counters = [i for i in dict.fromkeys(map(tracker.root, rec.counterparts)) if i not in parts]
        if not parts or not counters or not any(tracker.reg.get(i).office or tracker.reg.get(i).side
                                                for i in parts + counters):
            continue  # no office holder or state among them: a football match, a business deal
        home = country_of(dateline.value) if dateline else None  # an in-person meeting in the dateline's country
        if rec.place is None and home and rec.format.value not in REMOTE and home in {
                tracker.reg.get(i).country for i in parts + counters}:
            rec.place = dateline
            rec.quotes.append(dateline.quote)
        participants, counterparts = tuple(map(tracker.reg.to_person, parts)), tuple(map(tracker.reg.to_person, counters))
        key = "|".join([document.doc_id, *sorted(p.label() for p in participants), "->",
                        *sorted(p.label() for p in counterparts), rec.place.value if rec.place else ""])
        while key in seen:
            key += "+"
        seen.add(key)
        out.append(Meeting(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], document.doc_id, participants,
                           counterparts, rec.place, rec.when, rec.format, tuple(rec.notes), rec.status, rec.topic,
                           tuple(sorted(set(rec.quotes), key=lambda q: q.start))))
    return out

"""Meeting records from articles: who meets whom, where, when, how, in what state, about what.

Rules, not article-specific patterns. A sentence with a meeting trigger ("will meet", "held talks with",
"a telephone conversation with", "hosted", "talks between ... and ...") yields a candidate: participants
are the trigger's subject, counterparts its object (people resolved by index.meetings.mentions). Place, time,
format, status and topic come from the trigger's clause. Candidates about the same meeting merge across
sentences; "ruled out" and "not clear ... jointly or separately" sentences become notes on the meeting
they are about. Every field carries the verbatim sentence it rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from index.corpus.documents import Document
from index.meetings.mentions import Mention, People, Person, Quote, Tracker, capital_of, country_of, name_runs
from index.text.sentences import split_sentences

__all__ = ["Fact", "Meeting", "Person", "Quote", "extract_meetings", "find_meetings", "people"]


@dataclass(frozen=True)
class Fact:
    value: str  # as written or normalised ("Washington", "telephone", "planned")
    quote: Quote
    date: str | None = None  # ISO date for `when` when resolvable

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "quote": self.quote.to_json(), "date": self.date}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Fact | None:
        return cls(str(d["value"]), Quote.from_json(d["quote"]), d.get("date")) if d else None


@dataclass(frozen=True)
class Meeting:
    meeting_id: str  # stable hash of doc_id + participants + counterparts + place
    doc_id: str
    participants: tuple[Person, ...]  # the side(s) travelling or initiating
    counterparts: tuple[Person, ...]  # whom they meet
    place: Fact | None
    when: Fact | None
    format: Fact | None  # in person | telephone | video | separate meetings | joint meeting
    notes: tuple[Fact, ...]  # "trilateral meeting ruled out", "joint or separate: unclear"
    status: Fact | None  # planned | under way | held | postponed | cancelled
    topic: Fact | None
    quotes: tuple[Quote, ...]  # every sentence used

    def people(self) -> tuple[Person, ...]:
        return self.participants + self.counterparts

    def involves(self, name: str) -> bool:
        """Alias-aware and case-insensitive: 'Pompeo', 'pompeo', 'Mike Pompeo', 'Secretary Pompeo'."""
        return any(p.matches(name) for p in self.people())

    def at(self, place: str) -> bool:
        """'Washington', 'washington'; a country matches a place in it ('Russia' for Moscow)."""
        if self.place is None or not place.strip():
            return False
        if " ".join(place.casefold().split()) == " ".join(self.place.value.casefold().split()):
            return True
        return country_of(place) is not None and country_of(place) == country_of(self.place.value)

    def to_json(self) -> dict[str, Any]:
        one = {k: getattr(self, k).to_json() if getattr(self, k) else None
               for k in ("place", "when", "format", "status", "topic")}
        return {"meeting_id": self.meeting_id, "doc_id": self.doc_id, **one,
                "participants": [p.to_json() for p in self.participants],
                "counterparts": [p.to_json() for p in self.counterparts],
                "notes": [n.to_json() for n in self.notes], "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Meeting:
        return cls(str(d["meeting_id"]), str(d["doc_id"]), tuple(map(Person.from_json, d["participants"])),
                   tuple(map(Person.from_json, d["counterparts"])), Fact.from_json(d.get("place")),
                   Fact.from_json(d.get("when")), Fact.from_json(d.get("format")),
                   tuple(Fact.from_json(n) for n in d.get("notes") or ()), Fact.from_json(d.get("status")),
                   Fact.from_json(d.get("topic")), tuple(map(Quote.from_json, d.get("quotes") or ())))


def find_meetings(meetings: list[Meeting] | tuple[Meeting, ...], person: str | None = None,
                  place: str | None = None) -> list[Meeting]:
    """The meetings that involve `person` (any alias) and take place at `place` (a city or its country)."""
    return [m for m in meetings if (not person or m.involves(person)) and (not place or m.at(place))]


def people(document: Document) -> People:
    """Every person (and side) identified in a document, resolvable by any surface form."""
    tracker = Tracker(document.doc_id, document.text)
    for p in document.paragraphs:
        for s, e in split_sentences(document.text, p.start, p.end):
            tracker.sentence(s, e, p.number)
    return People(tracker)


# ---------------------------------------------------------------- triggers and roles

_I = re.IGNORECASE
_TRIGGERS: list[tuple[re.Pattern[str], str]] = [(re.compile(rx, _I), kind) for rx, kind in [
    ((r"\b(?:held|hold|holds|holding|had|have|has|having)\s+(?:(?:a|an|the|their|his|her|separate|joint|bilateral"
     r"|trilateral|direct|face-to-face|one-on-one|phone|telephone|video|virtual|further|fresh|new|first|second"
     r"|lengthy|closed-door|private|\w+-\w+)\s+){0,3}(?:talks|meetings?|consultations|discussions|negotiations"
     r"|summit|call|conversation|videoconference)\b(?:\s+with\b)?"), "verb"),
    (r"\b(?:meet|meets|meeting|met)(?:\s+(?:separately|jointly|together|privately|briefly|again))?(?:\s+with)?\b",
     "verb"),
    ((r"\b(?:talks|consultations|discussions|negotiations|summit|meetings?|conversation|call|videoconference"
     r"|conference|audience)\s+(?:with|between)\b"), "noun"),
    ((r"\b(?:spoke|spoken|speaks|speak|speaking|talked|conferred)\s+(?:(?:by|over\s+the|on\s+the)\s+(?:tele)?phone"
     r"\s+|via\s+video(?:\s*link)?\s+)?(?:with|to)\b"), "verb"),
    (r"\b(?:hosted|hosts|host|hosting|received|receives|receive|receiving|welcomed|welcomes|welcome)\b", "host"),
    (r"\b(?:phoned|telephoned)\b", "host"),
    (r"\b(?:discuss|discussed|discusses|discussing)\b(?:[^.,;:“”\"]{0,60}?\bwith\b)?", "discuss"),
    (r"\bsat\s+down\s+with\b", "verb"),
    (r"\b(?:call|visit)\s+from\b", "from"),  # "received a phone call from X": X initiates
]]
# "X and Y met" (no object): these verbs split a coordinated subject into participant and counterparts
_SPLIT_VERBS = {"meet", "meets", "met", "held", "hold", "holds", "holding", "had", "have", "has", "having", "spoke",
                "spoken", "speak", "speaks", "talked", "conferred", "sat", "discussed", "discuss"}
_OBJ_GAP = re.compile(r"\s*(?:(?:separately|jointly|together|also|both|personally|directly|privately|again)\s+)*"
                      r"(?:with\s+)?[“\"‘]?\s*")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|(?:and|as\s+well\s+as|&)\s+)")
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|declined|refused|won['’]t|didn['’]t|cannot|can['’]t)\b", _I)
_HEDGE = re.compile(r"\b(?:not\s+clear|unclear|uncertain|not\s+known)\b", _I)
_JOINT_OR_SEPARATE = re.compile(r"\b(?:joint(?:ly)?|together)\s+or\s+separate(?:ly)?\b"
                                r"|\bseparately\s+or\s+(?:jointly|together)\b", _I)
_RULED_OUT = re.compile(r"\b(?:ruled?|ruling)\s+out\s+(?:an?\s+|any\s+)?(?P<adj>[\w-]+\s+)?(?:meeting|talks|summit)s?"
                        r"\b|\b(?:meeting|talks|summit)\b[^.]{0,40}\b(?:ruled\s+out|excluded)\b", _I)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[—–-]\s")
_ATTRIBUTION = re.compile(r"[,;”\"]\s*(?:(?:the|his|her|its|their|a)\s+)?(?:[\w’'-]+\s+){0,4}?(?:said|says"
                          r"|announced|added|reported|told)\b|,\s*(?:said|says|according\s+to)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|for|near|into|via|of)\s+$")  # an unknown name there is a place
_AGAIN = re.compile(r"\b(?:again|another|new\s+round|next\s+round)\b", _I)
_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class _Cand:
    participants: list[int]
    counterparts: list[int]
    clause: tuple[int, int]  # the trigger's clause: from its subject (or the last clause break) to the trigger
    after: tuple[int, int]  # after the object, up to an attribution ("..., his office said") or the next trigger
    prefix: tuple[int, int]  # the sentence before the subject ("On Monday, ...")


def _triggers(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    found = sorted(((m.start(), m.end(), kind, m.group(0).split()[0].lower())
                    for rx, kind in _TRIGGERS for m in rx.finditer(text, start, end)), key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, str, str]] = []
    for t in found:
        if not kept or t[0] >= kept[-1][1]:
            kept.append(t)
    return kept


def _run(text: str, ms: list[Mention], i: int, step: int) -> list[Mention]:
    """A coordinated list of mentions from ms[i], forward (step 1) or backward (-1): 'A, B and C'."""
    items, gaps, j = [ms[i]], [], i
    while 0 <= j + step < len(ms):
        a, b = sorted((ms[j], ms[j + step]), key=lambda m: m.start)
        if not _LIST_GAP.fullmatch(text[a.end:b.start]) or ms[j + step].speaker:
            break
        items.append(ms[j + step])
        gaps.append(text[a.end:b.start])
        j += step
    ands = [k for k, g in enumerate(gaps) if re.search(r"\band\b|&|\bas well as\b", g)]
    if step > 0:  # up to the last 'and'
        return items[: (ands[-1] + 2) if ands else 1]
    return items if ands and ands[0] == 0 else items[:1]  # backward, the nearest gap must be the 'and'


def _ids(tracker: Tracker, ms: list[Mention], quote: Quote) -> list[int]:
    out: list[int] = []
    for m in ms:
        out += [tracker.root(i) for i in m.ids or (tracker.promote(m, quote),) if tracker.root(i) not in out]
    return out


def _candidates(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[_Cand]:
    text, out = tracker.text, []
    ms = [m for m in ms if m.ids or (m.kind == "name" and not _LOCATIVE.search(text, s, m.start))]
    triggers = _triggers(text, s, e)
    as_object: dict[int, list[Mention]] = {}  # mention start -> the subject of the trigger it is the object of
    for n, (t_start, t_end, kind, word) in enumerate(triggers):
        nxt = next((x[0] for x in triggers[n + 1:] if x[2] != "discuss"), e)  # "... to discuss": our topic
        between = text[t_start:t_end].lower().endswith("between")
        objs: list[Mention] = []
        first = next((i for i, m in enumerate(ms) if m.start >= t_end), None)
        if first is not None and not ms[first].speaker and text[ms[first].end:ms[first].end + 2] not in ("'s", "’s"):
            gap = text[t_end:ms[first].start]
            single = ms[first].kind == "name" and " " not in ms[first].text  # an unknown surname: only right here
            if (kind == "host" or single) and gap.isspace() or not single and _OBJ_GAP.fullmatch(gap):
                objs = _run(text, ms, first, 1)
        # the subject: the nearest party before the trigger (an unknown name only right before it)
        before = [i for i, m in enumerate(ms) if m.end <= t_start and not m.speaker and (m.kind != "name" or (
            " " in m.text and len(text[m.end:t_start].split()) <= 4 and "," not in text[m.end:t_start]))]
        subj = [] if between or not before else (
            as_object.get(ms[before[-1]].start) or _run(text, ms, before[-1], -1)[::-1])
        as_object.update((o.start, subj) for o in objs)
        subj_end = subj[-1].end if subj else s
        cut = max([subj_end, *(m.end() for m in _CLAUSE_BREAK.finditer(text, subj_end, t_start))])
        if _NEGATED.search(text, cut, t_start):
            continue  # "did not meet", "declined to meet"
        gap = text[subj_end:t_start]
        if between and objs and (len(objs) >= 2 or len(objs[0].ids) >= 2) or not objs and word in _SPLIT_VERBS \
                and subj and "," not in gap and len(gap.split()) <= 3:  # "talks between X and Y", "X and Y met"
            ids = _ids(tracker, objs or subj, quote)
            parts, counters = ids[:1], ids[1:]
        elif objs and subj:
            parts, counters = _ids(tracker, subj, quote), _ids(tracker, objs, quote)
            parts, counters = (counters, parts) if kind == "from" else (parts, counters)
        else:
            continue
        parts = [p for p in parts if p not in counters]
        if not parts or not counters or all(tracker.reg.get(i).side for i in parts + counters):
            continue
        obj_end = objs[-1].end if objs else t_end
        att = _ATTRIBUTION.search(text, obj_end, nxt)
        out.append(_Cand(parts, counters, (cut, t_end), (obj_end, att.start() if att else nxt),
                         (s, subj[0].start if subj else t_start)))
    return out


# ---------------------------------------------------------------- facts

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_RX = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
_WHEN = re.compile(
    r"(?<!\w)(?:(?P<rel>(?i:(?:later|earlier)\s+this\s+(?:week|month)|(?:next|last|this)\s+(?:week|month|year"
    r"|weekend)|tomorrow|today|tonight|yesterday))|(?:(?P<mod>(?i:next|last|this|coming))\s+)?(?P<wd>Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<mon>{_MONTH_RX})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_RX})(?:\s+(?P<y2>\d{{4}}))?)(?!\w)")
_SAID_ON = re.compile(r"\b(?:said|says|announced|told\s+\w+|reported|added|statement|confirmed)\s+(?:\w+\s+){0,2}"
                      r"(?:on\s+)?$", _I)
_PLACE_NAME = r"(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)"
_PLACES = [re.compile(rx) for rx in [  # by preference; travel verbs count only in the trigger's own clause
    rf"\b(?i:in|at)\s+(?i:the)\s+(?P<dem>[A-Z][\w-]+)\s+capital(?:\s*,\s*{_PLACE_NAME})?",  # the Russian capital
    rf"\bin\s+{_PLACE_NAME}",
    (rf"\b(?i:head(?:s|ed|ing)?|travel\w*|trip|visit\w*|fl(?:ew|y|ies|ying)|go(?:es|ing)?|went|arriv\w+|come|came)"
     rf"\s+(?:\w+\s+){{0,2}}?(?:to|in)\s+{_PLACE_NAME}"),
    rf"\b(?i:left|leave|leaves|leaving|depart\w*)\s+(?:\w+\s+){{0,2}}?for\s+{_PLACE_NAME}",
    rf"\bat\s+(?:the\s+)?{_PLACE_NAME}",
]]
_NOT_PLACE_BEFORE = re.compile(r"\b(?:situation|war|conflict|crisis|fighting|violence|peace|ceasefire|troops"
                               r"|forces|attacks?|offensive|elections?|interest|investment|role|presence)\s+$", _I)
_KNOWN_PLACES = {"brussels", "geneva", "new york", "davos", "munich", "istanbul", "sochi", "strasbourg",
                 "the hague", "camp david", "luxembourg", "singapore", "hong kong", "shanghai", "dubai"}
_TOPIC = re.compile(
    r"\b(?:to\s+discuss|discuss(?:ed|es|ing)?|(?:talks|meeting|call|conversation|consultations|discussions)\s+"
    r"(?:on|about|over)|focused\s+on|cent(?:red|ered)\s+on)\s+(?P<t>[^,;:.“”\"()]+?)(?=\s+(?:with|in\s+an?|during"
    r"|by\s+phone|over\s+the\s+phone|via|ahead\s+of|before|after|when|while|at\s+the|as|on\s+(?:[A-Z]\w+day))\b"
    r"|[,;:.“”\"()]|$)", _I)
_VAGUE = re.compile(r"(?:the\s+)?(?:issues?|situation|matters?|it|this|that|things|them|developments)", _I)
_CANCEL = re.compile(r"\b(?:cancel+ed|called\s+off|scrapped|postponed|put\s+off|delayed|suspended)\b", _I)
_STATUS = [
    ("under way", re.compile(r"\b(?:arrived|arrives|arriving|(?:is|are|was|were)\s+in|(?:is|are)\s+(?:holding"
                             r"|meeting|visiting)|began|begins|currently|under\s*way)\b", _I)),
    ("planned", re.compile(r"\b(?:will|would|shall|set\s+to|due\s+to|expected|scheduled|slated|plans?\s+to|planned"
                           r"|planning|intends?\s+to|going\s+to|agreed\s+to|to\s+(?:meet|hold|discuss|travel|visit)"
                           r"|heading|heads|head\s+to|upcoming|next|tomorrow)\b|['’]ll\b", _I)),
    ("held", re.compile(r"\b(?:met|held|had|discussed|spoke|spoken|talked|hosted|received|welcomed|visited"
                        r"|conferred|sat|phoned|telephoned|took\s+place|lasted|ended)\b", _I))]
_FORMATS = [("video", re.compile(r"\bvideo|\bvirtual(?:ly)?\b|\bonline\b", _I)),
            ("telephone", re.compile(r"\b(?:tele)?phone|\bphoned\b|\bcall\s+(?:with|from)\b", _I)),
            ("separate meetings", re.compile(r"\bseparate(?:ly)?\b|\bindividually\b", _I)),
            ("joint meeting", re.compile(r"\bjoint(?:ly)?\b|\btogether\b|\btrilateral\b|\bthree-way\b", _I))]
_REMOTE = {"telephone", "video"}


def _status(clause: str, after: str) -> str | None:
    if _CANCEL.search(clause) or _CANCEL.search(after):
        return "postponed" if re.search(r"postponed|put off|delayed", clause + after, _I) else "cancelled"
    head = re.match(r"\W*(?:(?:is|are|was|were|has\s+been|had\s+been|will\s+be)\s+)?\w*", after)  # "..., planned for"
    return next((value for value, rx in _STATUS if rx.search(clause)), None) or next(
        (value for value, rx in _STATUS[1:] if head and rx.search(head.group(0))), None)


def _date(m: re.Match[str], published: dt.date | None, forward: bool | None) -> str | None:
    """The ISO date of a time expression: weekdays forward for planned meetings, backward for past ones."""
    if published is None:
        return None
    if m.group("rel"):
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}.get(m.group("rel").lower())
        return None if shift is None else (published + dt.timedelta(days=shift)).isoformat()
    if m.group("wd"):
        target, mod, today = _DAYS.index(m.group("wd").lower()), (m.group("mod") or "").lower(), published.weekday()
        if mod not in ("next", "last", "this", "coming") and forward is None:
            return None
        delta = {"next": (target - today - 1) % 7 + 1, "last": -((today - target - 1) % 7 + 1)}.get(
            mod, (target - today) % 7 if forward or mod else -((today - target) % 7))
        return (published + dt.timedelta(days=delta)).isoformat()
    year = m.group("y1") or m.group("y2")
    try:
        when = dt.date(int(year) if year else published.year,
                       _MONTHS.index((m.group("mon") or m.group("mon2"))[:3].lower()) + 1,
                       int(m.group("day") or m.group("day2")))
        if not year and forward and when < published - dt.timedelta(days=60):
            when = when.replace(year=when.year + 1)
        elif not year and forward is False and when > published + dt.timedelta(days=1):
            when = when.replace(year=when.year - 1)
    except ValueError:
        return None
    return when.isoformat()


def _place(tracker: Tracker, spans: list[tuple[int, int]], mask: tuple[int, int] | None) -> str | None:
    """A place near the trigger: 'in Washington', 'the Russian capital, Moscow', 'heading to Washington'."""
    text, (after, clause, _prefix) = tracker.text, spans
    for rank, (rx, where) in enumerate(zip(_PLACES, [spans, spans, [clause], [clause], [after, clause]], strict=True)):
        for a, b in where:
            for m in rx.finditer(text, a, b):
                if mask and mask[0] <= m.start() < mask[1]:
                    continue  # "to discuss the situation in Karabakh"
                if rank == 0 and (country := country_of(m.group("dem"))):
                    return m.group("p") or capital_of(country)
                if rank and not _NOT_PLACE_BEFORE.search(text, a, m.start()) and (
                        value := _place_name(tracker, m.start("p"), m.end("p"))):
                    return value
    return None


def _place_name(tracker: Tracker, start: int, end: int) -> str | None:
    """A known place as written, or an unknown capitalised name that is nobody's name."""
    raw = " ".join(tracker.text[start:end].rstrip(".").split())
    if country_of(raw) or raw.lower() in _KNOWN_PLACES:
        return raw
    runs = name_runs(tracker.text, start, end)
    ok = runs and runs[0].start == start and tracker.reg.by_name(runs[0].text) is None
    return runs[0].text if ok else None


def _when(text: str, spans: list[tuple[int, int]]) -> re.Match[str] | None:
    for a, b in spans:
        for m in _WHEN.finditer(text, a, b):
            if not _SAID_ON.search(text, max(a - 40, 0), m.start()):  # not "his office said on Wednesday"
                return m
    return None


def _topic(text: str, a: int, b: int) -> re.Match[str] | None:
    for m in _TOPIC.finditer(text, a, b):
        value = m.group("t").strip()
        if value and not _VAGUE.fullmatch(value) and not _WHEN.match(value):
            return m
    return None


# ---------------------------------------------------------------- records and merging


@dataclass
class _Record:
    participants: list[int]
    counterparts: list[int]
    quotes: list[Quote]
    place: Fact | None = None
    when: Fact | None = None
    format: Fact | None = None
    explicit_format: bool = False  # said, not assumed ("in person")
    status: Fact | None = None
    topic: Fact | None = None
    notes: list[Fact] = field(default_factory=list)
    seq: int = 0  # when last spoken of: notes go to the latest meeting
    again: bool = False  # "meet again", "another round": never the same as an earlier meeting


def _record(tracker: Tracker, cand: _Cand, quote: Quote, published: dt.date | None) -> _Record:
    text = tracker.text
    clause, after = text[cand.clause[0]:cand.clause[1]], text[cand.after[0]:cand.after[1]]
    rec = _Record(cand.participants, cand.counterparts, [quote], again=bool(_AGAIN.search(clause + " " + after)))
    topic = _topic(text, cand.clause[0], cand.after[1])
    rec.topic = Fact(topic.group("t").strip(), quote) if topic else None
    status = _status(clause, after)
    spans = [cand.after, cand.clause, cand.prefix]
    if when := _when(text, spans):
        date = _date(when, published, None if status is None else status not in ("held", "under way"))
        rec.when = Fact(re.sub(r"^(?i:on)\s+", "", when.group(0)), quote, date)
        if status is None and date and published:
            status = "planned" if date > published.isoformat() else "held"
    rec.status = Fact(status, quote) if status else None
    fmt = next((value for value, rx in _FORMATS if rx.search(clause + " " + after)), None)
    place = _place(tracker, spans, topic.span() if topic else None)
    rec.place = Fact(place, quote) if place and fmt not in _REMOTE else None
    rec.format, rec.explicit_format = Fact(fmt or "in person", quote), fmt is not None
    return rec


def _roots(tracker: Tracker, ids: list[int]) -> set[int]:
    return {tracker.root(i) for i in ids}


def _covers(tracker: Tracker, have: set[int], want: set[int]) -> bool:
    """Each of `want` is in `have`, or is a side (country, organisation) that someone in `have` belongs to."""
    countries = {tracker.reg.get(i).country for i in have}
    return all(w in have or (tracker.reg.get(w).side and tracker.reg.get(w).country in countries) for w in want)


def _compatible(tracker: Tracker, a: _Record, b: _Record) -> bool:
    """Could b be (more about) the meeting a? Same people, no contradicting place, date, status or format."""
    pa, ca, pb, cb = (_roots(tracker, x) for x in (a.participants, a.counterparts, b.participants, b.counterparts))
    if not ((pa == pb and (_covers(tracker, ca, cb) or _covers(tracker, cb, ca))) or pa | ca == pb | cb) or b.again:
        return False
    if a.explicit_format and b.explicit_format and (a.format.value in _REMOTE) != (b.format.value in _REMOTE):
        return False
    if a.status and b.status and {a.status.value, b.status.value} in ({"held", "planned"}, {"held", "under way"}):
        return False
    if a.place and b.place and a.place.value != b.place.value and (
            country_of(a.place.value) is None or country_of(a.place.value) != country_of(b.place.value)):
        return False
    return not (a.when and b.when and a.when.date and b.when.date and a.when.date != b.when.date)


def _merge(tracker: Tracker, a: _Record, b: _Record) -> None:
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


def _add(tracker: Tracker, records: list[_Record], rec: _Record) -> None:
    seq = max((r.seq for r in records), default=0) + 1
    for old in sorted(records, key=lambda r: -r.seq):
        if _compatible(tracker, old, rec):
            _merge(tracker, old, rec)
            old.seq = seq
            return
    rec.seq = seq
    records.append(rec)


def _note(tracker: Tracker, records: list[_Record], ids: set[int], value: str, quote: Quote,
          strict: bool = False) -> None:
    """Attach a note to the latest meeting with these people (else, unless strict, the one just reported)."""
    latest = sorted(records, key=lambda r: -r.seq)
    target = next((r for r in latest if ids & _roots(tracker, r.participants + r.counterparts)), None)
    if target is None and not strict and latest and not ids and quote.paragraph - latest[0].quotes[-1].paragraph <= 1:
        target = latest[0]
    if target is not None and value not in {n.value for n in target.notes}:
        target.notes.append(Fact(value, quote))
        target.quotes.append(quote)


def _dateline(document: Document) -> Fact | None:
    """'MOSCOW (Reuters) -', 'Moscow–', 'KYIV —' opening one of the first body paragraphs."""
    rx = re.compile(r"(?P<p>[A-Z][A-Za-z'’.]+(?:\s+[A-Z][A-Za-z'’.]+){0,2})(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?"
                    r"\s*(?:\([^)]{1,30}\))?\s*(?:[—–]+|\s-+)\s*(?=\S)")
    for p in document.paragraphs[1:4]:
        if m := rx.match(document.text, p.start, p.end):
            s, e = split_sentences(document.text, p.start, p.end)[0]
            place = m.group("p").title() if m.group("p").isupper() else m.group("p")
            return Fact(place, Quote(document.doc_id, p.number, s, e, document.text[s:e]))
    return None


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
            for cand in _candidates(tracker, mentions, s, e, quote):
                if _HEDGE.search(quote.text):  # "It was not clear if the two would meet Lavrov jointly or separately"
                    value = "joint or separate: unclear" if _JOINT_OR_SEPARATE.search(quote.text) else "uncertain"
                    _note(tracker, records, _roots(tracker, cand.counterparts), value, quote, strict=True)
                else:
                    _add(tracker, records, _record(tracker, cand, quote, published))
    return _finish(document, tracker, records)


def _finish(document: Document, tracker: Tracker, records: list[_Record]) -> list[Meeting]:
    merged: list[_Record] = []
    for rec in records:  # identities merged since (placeholders named): merge the records they make equal
        _add(tracker, merged, rec)
    dateline, out, seen = _dateline(document), [], set()
    for rec in merged:
        parts = list(dict.fromkeys(map(tracker.root, rec.participants)))
        counters = [i for i in dict.fromkeys(map(tracker.root, rec.counterparts)) if i not in parts]
        if not parts or not counters or not any(tracker.reg.get(i).office or tracker.reg.get(i).side
                                                for i in parts + counters):
            continue  # no office holder or state among them: a football match, a business deal
        home = country_of(dateline.value) if dateline else None  # an in-person meeting in the dateline's country
        if rec.place is None and home and rec.format.value not in _REMOTE and home in {
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

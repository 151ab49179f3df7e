"""Meeting records from articles: who meets whom, where, when, how, in what state, about what.

Rules, not article-specific patterns: a sentence with a meeting trigger ("will meet", "held talks with",
"a telephone conversation with", "hosted", "talks between ... and ...") yields a candidate whose
participants are the trigger's subject and whose counterparts are its object (people resolved by
index.entities). Place, time, format, status and topic come from the trigger's clause; candidates that
describe the same meeting merge across sentences; "ruled out" and "not clear ... jointly or separately"
sentences add notes to the meeting they are about. Every field carries the verbatim sentence it rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from index.documents import Document
from index.entities import Mention, People, Person, Quote, Tracker, capital_of, country_of, name_runs
from index.text import split_sentences

__all__ = ["Fact", "Meeting", "Person", "Quote", "extract_meetings", "find_meetings", "people"]


@dataclass(frozen=True)
class Fact:
    value: str  # as written or normalised ("Washington", "telephone", "planned")
    quote: Quote
    date: str | None = None  # ISO date for `when` when resolvable

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "quote": self.quote.to_json(), "date": self.date}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        return cls(str(data["value"]), Quote.from_json(data["quote"]), data.get("date"))


def _fact(data: dict[str, Any] | None) -> Fact | None:
    return Fact.from_json(data) if data else None


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
        want, have = " ".join(place.casefold().split()), " ".join(self.place.value.casefold().split())
        if want == have:
            return True
        country = country_of(place)
        return country is not None and country == country_of(self.place.value)

    def summary(self) -> str:
        """One line: 'A (title) and B (title) meet C (title) — Washington, Friday (2020-10-23), ..., planned'."""
        def names(people: tuple[Person, ...]) -> str:
            items = [p.short() for p in people]
            return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

        bits = [self.place.value if self.place else None,
                (f"{self.when.value} ({self.when.date})" if self.when.date else self.when.value) if self.when else None,
                self.format.value if self.format else None, self.status.value if self.status else None]
        line = f"{names(self.participants)} meet {names(self.counterparts)}"
        if any(bits):
            line += " — " + ", ".join(b for b in bits if b)
        if self.topic:
            line += f"; on {self.topic.value}"
        if self.notes:
            line += "; " + "; ".join(n.value for n in self.notes)
        return line

    def to_json(self) -> dict[str, Any]:
        def one(f: Fact | None) -> dict[str, Any] | None:
            return f.to_json() if f else None

        return {"meeting_id": self.meeting_id, "doc_id": self.doc_id,
                "participants": [p.to_json() for p in self.participants],
                "counterparts": [p.to_json() for p in self.counterparts],
                "place": one(self.place), "when": one(self.when), "format": one(self.format),
                "notes": [n.to_json() for n in self.notes], "status": one(self.status),
                "topic": one(self.topic), "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meeting:
        return cls(str(data["meeting_id"]), str(data["doc_id"]),
                   tuple(Person.from_json(p) for p in data["participants"]),
                   tuple(Person.from_json(p) for p in data["counterparts"]),
                   _fact(data.get("place")), _fact(data.get("when")), _fact(data.get("format")),
                   tuple(Fact.from_json(n) for n in data.get("notes") or ()), _fact(data.get("status")),
                   _fact(data.get("topic")), tuple(Quote.from_json(q) for q in data.get("quotes") or ()))


def find_meetings(meetings: list[Meeting] | tuple[Meeting, ...], person: str | None = None,
                  place: str | None = None) -> list[Meeting]:
    """The meetings that involve `person` (any alias) and take place at `place` (city or country)."""
    return [m for m in meetings
            if (not person or m.involves(person)) and (not place or m.at(place))]


def people(document: Document) -> People:
    """Every person (and side) identified in a document, resolvable by any surface form."""
    tracker = Tracker(document.doc_id, document.text)
    for p in document.paragraphs:
        for s, e in split_sentences(document.text, p.start, p.end):
            tracker.sentence(s, e, p.number)
    return People(tracker)


# ---------------------------------------------------------------- triggers and roles

_W = r"[\w’'-]+"
_TRIGGERS: list[tuple[re.Pattern[str], str]] = [(re.compile(rx, re.IGNORECASE), kind) for rx, kind in [
    (r"\b(?:held|hold|holds|holding|had|have|has|having)\s+(?:(?:a|an|the|their|his|her|separate|joint|bilateral"
     r"|trilateral|direct|face-to-face|one-on-one|phone|telephone|video|virtual|further|fresh|new|first|second"
     r"|lengthy|closed-door|private|\w+-\w+)\s+){0,3}(?:talks|meetings?|consultations|discussions|negotiations"
     r"|summit|call|conversation|videoconference)\b(?:\s+with\b)?", "verb"),
    (r"\b(?:meet|meets|meeting|met)(?:\s+(?:separately|jointly|together|privately|briefly|again))?(?:\s+with)?\b",
     "verb"),
    (r"\b(?:talks|consultations|discussions|negotiations|summit|meetings?|conversation|call|videoconference"
     r"|conference|audience)\s+(?:with|between)\b", "noun"),
    (r"\b(?:spoke|spoken|speaks|speak|speaking|talked|conferred)\s+(?:(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\s+"
     r"|via\s+video(?:\s*link)?\s+)?(?:with|to)\b", "verb"),
    (r"\b(?:hosted|hosts|host|hosting|received|receives|welcomed|welcomes)\b", "host"),
    (r"\b(?:phoned|telephoned|called)\b(?!\s+(?:for|on|off)\b)", "host"),
    (r"\b(?:discuss|discussed|discusses|discussing)\b(?:[^.,;:“”\"]{0,60}?\bwith\b)?", "discuss"),
    (r"\bsat\s+down\s+with\b", "verb"),
    (r"\b(?:call|visit)\s+from\b", "from"),  # "received a phone call from X": X initiates
]]
_SPLIT_VERBS = {"meet", "meets", "met", "held", "hold", "holds", "holding", "had", "have", "has", "having",
                "spoke", "spoken", "speak", "speaks", "talked", "conferred", "sat", "discussed", "discuss"}
_OBJ_GAP = re.compile(r"\s*(?:(?:separately|jointly|together|also|both|personally|directly|privately|again)\s+)*"
                      r"(?:with\s+)?[“\"‘]?\s*")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|(?:and|as\s+well\s+as|&)\s+)")
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|declined|refused|won['’]t|didn['’]t|cannot|can['’]t)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:not\s+clear|unclear|uncertain|not\s+known)\b", re.IGNORECASE)
_JOINT_OR_SEPARATE = re.compile(r"\b(?:joint(?:ly)?|together)\s+or\s+separate(?:ly)?\b|\bseparately\s+or\s+"
                                r"(?:jointly|together)\b", re.IGNORECASE)
_RULED_OUT = re.compile(r"\b(?:ruled?|ruling)\s+out\s+(?:an?\s+|any\s+)?(?P<adj>[\w-]+\s+)?(?:meeting|talks|summit)s?\b"
                        r"|\b(?:meeting|talks|summit)\b[^.]{0,40}\b(?:ruled\s+out|excluded)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[—–-]\s")
_ATTRIBUTION = re.compile(r"[,;”\"]\s*(?:(?:the|his|her|its|their|a)\s+)?(?:[\w’'-]+\s+){0,4}?(?:said|says|announced"
                          r"|added|reported|told)\b|,\s*(?:said|says|according\s+to)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|for|near|into|via|of)\s+$")  # an unknown name there is a place
_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class _Trigger:
    start: int
    end: int
    kind: str
    word: str


@dataclass
class _Cand:
    participants: list[int]
    counterparts: list[int]
    clause: tuple[int, int]  # the trigger's clause: from its subject (or a clause break) to the trigger's end
    after: tuple[int, int]  # after the object list, up to an attribution or the next trigger
    prefix: tuple[int, int]  # the sentence before the subject ("On Monday, ...")
    hedged: bool = False


def _triggers(text: str, start: int, end: int) -> list[_Trigger]:
    found = []
    for rx, kind in _TRIGGERS:
        for m in rx.finditer(text, start, end):
            found.append(_Trigger(m.start(), m.end(), kind, m.group(0).split()[0].lower()))
    found.sort(key=lambda t: (t.start, -t.end))
    kept: list[_Trigger] = []
    for t in found:
        if not kept or t.start >= kept[-1].end:
            kept.append(t)
    return kept


def _run(text: str, ms: list[Mention], i: int, step: int) -> list[Mention]:
    """A coordinated list of mentions from ms[i] forward (step 1) or backward (step -1): 'A, B and C'."""
    items, gaps = [ms[i]], []
    j = i
    while 0 <= j + step < len(ms):
        a, b = (ms[j], ms[j + step]) if step > 0 else (ms[j + step], ms[j])
        gap = text[a.end:b.start]
        if not _LIST_GAP.fullmatch(gap) or ms[j + step].speaker:
            break
        items.append(ms[j + step])
        gaps.append(gap)
        j += step
    ands = [k for k, g in enumerate(gaps) if re.search(r"\band\b|&|\bas well as\b", g)]
    if step > 0:  # 'A, B and C': up to the last 'and'
        return items[: (ands[-1] + 2) if ands else 1]
    return items if ands and ands[0] == 0 else items[:1]  # backward, the nearest gap must be the 'and'


def _adjacent(text: str, a: int, b: int) -> bool:
    """'X and Y met', 'the two leaders will also hold talks': the verb right after its subject."""
    gap = text[a:b]
    return "," not in gap and len(gap.split()) <= 3


def _ids(tracker: Tracker, ms: list[Mention], quote: Quote) -> list[int]:
    out: list[int] = []
    for m in ms:
        ids = m.ids or (tracker.promote(m, quote),)
        out += [tracker.root(i) for i in ids if tracker.root(i) not in out]
    return out


def _candidates(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[_Cand]:
    text, out = tracker.text, []
    ms = [m for m in ms if m.ids or (m.kind == "name" and not _LOCATIVE.search(text, s, m.start))]
    triggers = _triggers(text, s, e)
    as_object: dict[int, list[Mention]] = {}  # mention start -> the subject of the trigger it is the object of
    for n, t in enumerate(triggers):
        nxt = triggers[n + 1].start if n + 1 < len(triggers) else e
        between = t.end >= 7 and text[t.start:t.end].lower().endswith("between")
        objs: list[Mention] = []
        first = next((i for i, m in enumerate(ms) if m.start >= t.end), None)
        if first is not None and not ms[first].speaker:
            gap = text[t.end:ms[first].start]
            single = ms[first].kind == "name" and " " not in ms[first].text  # an unknown surname: only right here
            if (t.kind == "host" or single) and gap.isspace() or not single and _OBJ_GAP.fullmatch(gap):
                objs = _run(text, ms, first, 1)
        before = [i for i, m in enumerate(ms) if m.end <= t.start and not m.speaker]
        subj: list[Mention] = []
        if before and not between:
            i = before[-1]
            if ms[i].start in as_object:
                subj = as_object[ms[i].start]
            else:
                gap = text[ms[i].end:t.start]
                if ms[i].kind != "name" or (" " in ms[i].text and len(gap.split()) <= 4 and "," not in gap):
                    subj = _run(text, ms, i, -1)[::-1]
        for o in objs:
            as_object[o.start] = subj
        if between and len(objs) >= 2:
            ids = _ids(tracker, objs, quote)
            parts, counters = ids[:1], ids[1:]
        elif objs and subj:
            parts, counters = _ids(tracker, subj, quote), _ids(tracker, objs, quote)
            if t.kind == "from":
                parts, counters = counters, parts
        elif not objs and t.word in _SPLIT_VERBS and subj and _adjacent(text, subj[-1].end, t.start):
            ids = _ids(tracker, subj, quote)
            parts, counters = ids[:1], ids[1:]
        else:
            continue
        parts = [p for p in parts if p not in counters]
        if not parts or not counters:
            continue
        if all(tracker.reg.get(i).side for i in parts + counters):
            continue
        subj_end = subj[-1].end if subj else s
        cut = max([subj_end, *(m.end() for m in _CLAUSE_BREAK.finditer(text, subj_end, t.start))])
        if _NEGATED.search(text, cut, t.start):
            continue
        obj_end = objs[-1].end if objs else t.end
        att = _ATTRIBUTION.search(text, obj_end, nxt)
        out.append(_Cand(parts, counters, (cut, t.end), (obj_end, att.start() if att else nxt),
                         (s, subj[0].start if subj else t.start)))
    return out


# ---------------------------------------------------------------- facts

_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"])}
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RX = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
             r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WHEN = re.compile(
    r"(?<!\w)(?:(?P<rel>(?i:(?:later|earlier)\s+this\s+(?:week|month)|(?:next|last|this)\s+(?:week|month|year|weekend)"
    r"|tomorrow|today|tonight|yesterday))|(?:(?P<mod>(?i:next|last|this|coming))\s+)?(?P<wd>Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<mon>{_MONTH_RX})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_RX})(?:\s+(?P<y2>\d{{4}}))?)(?!\w)")
_SAID_ON = re.compile(r"\b(?:said|says|announced|told\s+\w+|reported|added|statement|confirmed)\s+(?:\w+\s+){0,2}"
                      r"(?:on\s+)?$", re.IGNORECASE)
_PLACE_NAME = r"(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)"
_PLACES = [re.compile(rx) for rx in [
    rf"\b(?i:in|at)\s+(?i:the)\s+(?P<dem>[A-Z][\w-]+)\s+capital(?:\s*,\s*{_PLACE_NAME})?",
    rf"\bin\s+{_PLACE_NAME}",
    rf"\b(?i:head(?:s|ed|ing)?|travel\w*|trip|visit\w*|fl(?:ew|y|ies|ying)|go(?:es|ing)?|went|arriv\w+"
    rf"|come|came)\s+(?:\w+\s+){{0,2}}?(?:to|in)\s+{_PLACE_NAME}",
    rf"\b(?i:left|leave|leaves|leaving|depart\w*)\s+(?:\w+\s+){{0,2}}?for\s+{_PLACE_NAME}",
    rf"\bat\s+(?:the\s+)?{_PLACE_NAME}",
]]
_NOT_PLACE_BEFORE = re.compile(r"\b(?:situation|war|conflict|crisis|fighting|violence|peace|ceasefire|troops|forces"
                               r"|attacks?|offensive|elections?|interest|investment|role|presence)\s+$", re.IGNORECASE)
_TOPIC = re.compile(
    r"\b(?:to\s+discuss|discuss(?:ed|es|ing)?|(?:talks|meeting|call|conversation|consultations|discussions)\s+"
    r"(?:on|about|over)|focused\s+on|cent(?:red|ered)\s+on)\s+(?P<t>[^,;:.“”\"()]+?)(?=\s+(?:with|in\s+an?|during"
    r"|by\s+phone|over\s+the\s+phone|via|ahead\s+of|before|after|when|while|at\s+the|as|on\s+(?:[A-Z]\w+day))\b"
    r"|[,;:.“”\"()]|$)", re.IGNORECASE)
_VAGUE = re.compile(r"(?i)(?:the\s+)?(?:issues?|situation|matters?|it|this|that|things|them|developments)")
_CANCEL = re.compile(r"\b(?:cancel+ed|called\s+off|scrapped|postponed|put\s+off|delayed|suspended)\b", re.IGNORECASE)
_UNDER_WAY = re.compile(r"\b(?:arrived|arrives|arriving|(?:is|are|was|were)\s+in|(?:is|are)\s+(?:holding|meeting|"
                        r"visiting)|began|begins|currently|under\s*way)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:will|would|shall|set\s+to|due\s+to|expected|scheduled|slated|plans?\s+to|planned|planning"
                      r"|intends?\s+to|going\s+to|agreed\s+to|to\s+(?:meet|hold|discuss|travel|visit)|heading|heads"
                      r"|head\s+to|upcoming|next|tomorrow)\b|['’]ll\b", re.IGNORECASE)
_HELD = re.compile(r"\b(?:met|held|had|discussed|spoke|talked|hosted|received|welcomed|visited|conferred|sat|called"
                   r"|phoned|telephoned|took\s+place)\b", re.IGNORECASE)
_FORMATS = [("video", re.compile(r"\bvideo|\bvirtual(?:ly)?\b|\bonline\b", re.IGNORECASE)),
            ("telephone", re.compile(r"\b(?:tele)?phone|\bphoned\b|\bcall\s+with\b|\bcalled\b", re.IGNORECASE)),
            ("separate meetings", re.compile(r"\bseparate(?:ly)?\b|\bindividually\b", re.IGNORECASE)),
            ("joint meeting", re.compile(r"\bjoint(?:ly)?\b|\btogether\b|\btrilateral\b|\bthree-way\b", re.IGNORECASE))]
_REMOTE = {"telephone", "video"}
_FORWARD = {"planned", "postponed", "cancelled"}


def _status(text: str, clause: str, after: str) -> str | None:
    if _CANCEL.search(clause) or _CANCEL.search(after):
        return "postponed" if re.search(r"postponed|put off|delayed", clause + after, re.IGNORECASE) else "cancelled"
    head = " ".join(after.split()[:8])
    for value, rx in (("under way", _UNDER_WAY), ("planned", _PLANNED), ("held", _HELD)):
        if rx.search(clause):
            return value
    for value, rx in (("planned", _PLANNED), ("held", _HELD)):
        if re.match(r"\W*(?:(?:is|are|was|were|has\s+been|had\s+been|will\s+be)\s+)?\w*\s*" + rx.pattern, head, re.IGNORECASE):
            return value
    return None


def _date(m: re.Match[str], published: dt.date | None, forward: bool | None) -> str | None:
    if published is None:
        return None
    if m.group("rel"):
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}.get(m.group("rel").lower())
        return (published + dt.timedelta(days=shift)).isoformat() if shift is not None else None
    if m.group("wd"):
        target, mod, today = _DAYS.index(m.group("wd").lower()), (m.group("mod") or "").lower(), published.weekday()
        if mod == "next":
            delta = (target - today - 1) % 7 + 1
        elif mod == "last":
            delta = -((today - target - 1) % 7 + 1)
        elif mod in ("this", "coming") or forward:
            delta = (target - today) % 7
        elif forward is None:
            return None
        else:
            delta = -((today - target) % 7)
        return (published + dt.timedelta(days=delta)).isoformat()
    month = _MONTHS[(m.group("mon") or m.group("mon2"))[:3].lower()]
    day, year = int(m.group("day") or m.group("day2")), m.group("y1") or m.group("y2")
    try:
        when = dt.date(int(year) if year else published.year, month, day)
        if not year and forward and when < published - dt.timedelta(days=60):
            when = when.replace(year=when.year + 1)
        elif not year and forward is False and when > published + dt.timedelta(days=1):
            when = when.replace(year=when.year - 1)
    except ValueError:
        return None
    return when.isoformat()


def _place(tracker: Tracker, spans: list[tuple[int, int]], mask: tuple[int, int] | None) -> tuple[str, int] | None:
    """A place near the trigger: 'in Washington', 'the Russian capital, Moscow', 'heading to Washington'."""
    text, (after, clause, prefix) = tracker.text, spans
    where = [spans, [after, clause, prefix], [clause], [clause], [after, clause]]  # travel: the trigger's own clause
    for rank, rx in enumerate(_PLACES):
        for a, b in where[rank]:
            for m in rx.finditer(text, a, b):
                if mask and mask[0] <= m.start() < mask[1]:
                    continue
                if rank == 0:
                    country = country_of(m.group("dem"))
                    value = m.group("p") or (capital_of(country) if country else None)
                    if value:
                        return value, m.start()
                    continue
                if _NOT_PLACE_BEFORE.search(text, a, m.start()) or _SAID_ON.search(text, a, m.start()):
                    continue
                value = _clean_place(tracker, m.start("p"), m.end("p"))
                if value:
                    return value, m.start()
    return None


def _clean_place(tracker: Tracker, start: int, end: int) -> str | None:
    words = tracker.text[start:end].rstrip(".").split()
    raw = " ".join(words)
    if country_of(raw) or raw.lower() in _KNOWN_PLACES:
        return raw
    runs = name_runs(tracker.text, start, end)
    if not runs or runs[0].start != start or tracker.reg.by_name(runs[0].text) is not None:
        return None
    return runs[0].text


_KNOWN_PLACES = {"brussels", "geneva", "new york", "davos", "munich", "istanbul", "sochi", "strasbourg", "the hague",
                 "camp david", "luxembourg", "singapore", "hong kong", "shanghai", "st petersburg", "dubai",
                 "new delhi", "buenos aires", "abu dhabi", "addis ababa", "kiev", "kyiv", "white house"}


def _when(tracker: Tracker, spans: list[tuple[int, int]], published: dt.date | None, forward: bool | None):
    for a, b in spans:
        for m in _WHEN.finditer(tracker.text, a, b):
            if _SAID_ON.search(tracker.text, max(a - 40, 0), m.start()):
                continue
            value = re.sub(r"^(?i:on)\s+", "", m.group(0))
            return value, m, _date(m, published, forward)
    return None


def _topic(text: str, a: int, b: int) -> tuple[str, tuple[int, int]] | None:
    for m in _TOPIC.finditer(text, a, b):
        value = m.group("t").strip()
        if value and not _VAGUE.fullmatch(value) and not _WHEN.match(value):
            return value, (m.start(), m.end())
    return None


# ---------------------------------------------------------------- records and merging


@dataclass
class _Record:
    participants: list[int]
    counterparts: list[int]
    place: Fact | None = None
    when: Fact | None = None
    format: Fact | None = None
    explicit_format: bool = False
    status: Fact | None = None
    topic: Fact | None = None
    notes: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    seq: int = 0  # when last touched: notes go to the meeting most recently spoken of


def _recent(records: list[_Record]) -> list[_Record]:
    return sorted(records, key=lambda r: r.seq, reverse=True)


def _covers(reg: Any, have: set[int], want: set[int]) -> bool:
    """Every one of `want` is in `have`, or is a side (country, organisation) someone in `have` belongs to."""
    countries = {reg.get(i).country for i in have}
    return all(w in have or (reg.get(w).side and reg.get(w).country in countries) for w in want)


def _compatible(tracker: Tracker, a: _Record, b: _Record) -> bool:
    reg, root = tracker.reg, tracker.root
    pa, ca = {root(i) for i in a.participants}, {root(i) for i in a.counterparts}
    pb, cb = {root(i) for i in b.participants}, {root(i) for i in b.counterparts}
    if not ((pa == pb and (_covers(reg, ca, cb) or _covers(reg, cb, ca))) or pa | ca == pb | cb):
        return False
    if a.explicit_format and b.explicit_format and (a.format.value in _REMOTE) != (b.format.value in _REMOTE):
        return False
    if a.status and b.status and {a.status.value, b.status.value} in ({"held", "planned"}, {"held", "under way"}):
        return False
    if a.place and b.place and a.place.value != b.place.value and country_of(a.place.value) != country_of(b.place.value):
        return False
    return not (a.when and b.when and a.when.date and b.when.date and a.when.date != b.when.date)


def _merge(tracker: Tracker, a: _Record, b: _Record) -> None:
    reg, root = tracker.reg, tracker.root
    pa, pb = {root(i) for i in a.participants}, {root(i) for i in b.participants}
    theirs, ours = {root(i) for i in b.counterparts}, {root(i) for i in a.counterparts}
    if pa == pb or pa | ours != pb | theirs:  # the same people in other roles ("the two leaders held talks"): keep ours
        a.participants += [i for i in b.participants if root(i) not in pa]
        a.counterparts = [i for i in a.counterparts
                          if not (reg.get(i).side and _covers(reg, theirs - {root(i)}, {root(i)}))]
        a.counterparts += [i for i in b.counterparts if root(i) not in ours and not _covers(reg, ours, {root(i)})]
    if a.place is None or (b.place and country_of(a.place.value) == a.place.value.title()
                           and country_of(b.place.value) != b.place.value.title()):
        a.place = b.place or a.place
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
    for old in _recent(records):
        if _compatible(tracker, old, rec):
            _merge(tracker, old, rec)
            old.seq = seq
            return
    rec.seq = seq
    records.append(rec)


def _record(tracker: Tracker, cand: _Cand, quote: Quote, published: dt.date | None) -> _Record:
    text = tracker.text
    clause, after = text[cand.clause[0]:cand.clause[1]], text[cand.after[0]:cand.after[1]]
    rec = _Record(cand.participants, cand.counterparts, quotes=[quote])
    topic = _topic(text, cand.clause[0], cand.after[1])
    if topic:
        rec.topic = Fact(topic[0], quote)
    status = _status(text, clause, after)
    forward = None if status is None else status in _FORWARD
    spans = [cand.after, cand.clause, cand.prefix]
    when = _when(tracker, spans, published, forward)
    if when:
        rec.when = Fact(when[0], quote, when[2])
        if status is None and when[2] and published:
            status = "planned" if when[2] > published.isoformat() else "held"
    if status:
        rec.status = Fact(status, quote)
    place = _place(tracker, spans, topic[1] if topic else None)
    fmt = next((value for value, rx in _FORMATS if rx.search(clause + " " + after)), None)
    if place and fmt not in _REMOTE:
        rec.place = Fact(place[0], quote)
    rec.format, rec.explicit_format = Fact(fmt or "in person", quote), fmt is not None
    return rec


def _dateline(document: Document) -> tuple[str, Quote] | None:
    """'MOSCOW (Reuters) -', 'Moscow–', 'KYIV —' at the start of the first body paragraphs."""
    rx = re.compile(r"(?P<p>[A-Z][A-Za-z'’.]+(?:\s+[A-Z][A-Za-z'’.]+){0,2})(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?"
                    r"\s*(?:\([^)]{1,30}\))?\s*(?:[—–]+|\s-+)\s*(?=\S)")
    for p in document.paragraphs[1:4]:
        m = rx.match(document.text, p.start, p.end)
        if m:
            spans = split_sentences(document.text, p.start, p.end)
            s, e = spans[0]
            value = m.group("p")
            return (value.title() if value.isupper() else value), Quote(document.doc_id, p.number, s, e,
                                                                         document.text[s:e])
    return None


def extract_meetings(document: Document) -> list[Meeting]:
    """Every meeting the article reports, in order of first mention, each field with its verbatim quote."""
    tracker = Tracker(document.doc_id, document.text)
    try:
        published = dt.date.fromisoformat(document.published) if document.published else None
    except ValueError:
        published = None
    records: list[_Record] = []
    text = document.text
    for p in document.paragraphs:
        for s, e in split_sentences(text, p.start, p.end):
            quote = Quote(document.doc_id, p.number, s, e, text[s:e])
            mentions = tracker.sentence(s, e, p.number)
            if not _PROSE.search(text[s:e]):
                continue
            ruled = _RULED_OUT.search(text, s, e)
            if ruled and records:
                adj = (ruled.group("adj") or "").strip().lower()
                note = Fact(f"{adj} meeting ruled out".strip(), quote)
                target = _target(tracker, records, {i for m in mentions for i in m.ids})
                target.notes.append(note)
                target.quotes.append(quote)
                continue
            hedged = _HEDGE.search(text, s, e)
            for cand in _candidates(tracker, mentions, s, e, quote):
                if hedged:
                    _hedge(tracker, records, cand, quote)
                    continue
                _add(tracker, records, _record(tracker, cand, quote, published))
    return _finish(document, tracker, records)


def _target(tracker: Tracker, records: list[_Record], ids: set[int]) -> _Record:
    roots = {tracker.root(i) for i in ids}
    for rec in _recent(records):
        if roots & {tracker.root(i) for i in rec.participants + rec.counterparts}:
            return rec
    return _recent(records)[0]


def _hedge(tracker: Tracker, records: list[_Record], cand: _Cand, quote: Quote) -> None:
    """'It was not clear if the two diplomats would meet Lavrov jointly or separately' → a note."""
    root = tracker.root
    parts, counters = {root(i) for i in cand.participants}, {root(i) for i in cand.counterparts}
    for rec in _recent(records):
        if counters & {root(i) for i in rec.counterparts} or parts & {root(i) for i in rec.participants} and (
                counters & {root(i) for i in rec.participants}):
            value = "joint or separate: unclear" if _JOINT_OR_SEPARATE.search(quote.text) else "uncertain"
            if value not in {n.value for n in rec.notes}:
                rec.notes.append(Fact(value, quote))
                rec.quotes.append(quote)
            return


def _finish(document: Document, tracker: Tracker, records: list[_Record]) -> list[Meeting]:
    merged: list[_Record] = []
    for rec in records:  # identities may have merged since: merge the records they make equal
        _add(tracker, merged, rec)
    dateline = _dateline(document)
    out = []
    for rec in merged:
        parts = list(dict.fromkeys(tracker.root(i) for i in rec.participants))
        counters = [i for i in dict.fromkeys(tracker.root(i) for i in rec.counterparts) if i not in parts]
        if not parts or not counters:
            continue
        if rec.place is None and dateline and (rec.format is None or rec.format.value not in _REMOTE):
            home = country_of(dateline[0])
            if home is not None and home in {tracker.reg.get(i).country for i in parts + counters}:
                rec.place = Fact(dateline[0], dateline[1])
                rec.quotes.append(dateline[1])
        participants = tuple(tracker.reg.to_person(i) for i in parts)
        counterparts = tuple(tracker.reg.to_person(i) for i in counters)
        key = "|".join([document.doc_id, *sorted(p.label() for p in participants), "->",
                        *sorted(p.label() for p in counterparts), rec.place.value if rec.place else ""])
        out.append(Meeting(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], document.doc_id, participants,
                           counterparts, rec.place, rec.when, rec.format, tuple(rec.notes), rec.status, rec.topic,
                           tuple(sorted(set(rec.quotes), key=lambda q: q.start))))
    return out

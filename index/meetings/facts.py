"""What a sentence says about the meeting it reports: place, day, format, status and topic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from index.corpus.documents import Document
from index.meetings.identity import Tracker
from index.meetings.mentions import name_runs
from index.meetings.records import Fact, Quote
from index.meetings.triggers import Candidate
from index.text.dates import MONTHS, TIME_EXPRESSION, WEEKDAYS, resolve
from index.text.gazetteer import capital_of, city_country, country_of, is_place
from index.text.sentences import split_sentences

_I = re.IGNORECASE
_AGAIN = re.compile(r"\b(?:again|another|new\s+round|next\s+round)\b", _I)
_SAID_ON = re.compile(r"\b(?:said|says|announced|told\s+\w+|reported|added|statement|confirmed|published)\s+"
                      r"(?:(?!that\b)\w+\s+){0,2}"  # not "said that on Thursday ... would meet": the meeting's day
                      r"(?:on\s+)?$", _I)
_PLACE_NAME = r"(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)"
_PLACES = [re.compile(rx) for rx in [  # by preference; travel verbs count only in the trigger's own clause
    rf"\b(?i:in|at)\s+(?i:the)\s+(?:(?P<dem>[A-Z][\w-]+)\s+)?capital(?:\s*,\s*{_PLACE_NAME})?",  # the Russian capital
    (rf"(?:\b(?i:in|at|to)\s+)?\b(?i:the)\s+(?:[\w-]+\s+){{0,3}}?(?i:resort|city|town|village|port|region|province"
     rf"|island|enclave)\s+(?:of\s+)?{_PLACE_NAME}"),  # "in the Swiss mountain resort Davos"
    rf"\b[Ii]n\s+{_PLACE_NAME}",
    (rf"\b(?i:head(?:s|ed|ing)?|travel\w*|trip|visit\w*|fl(?:ew|y|ies|ying)|go(?:es|ing)?|went|arriv\w+|come|came)"
     rf"\s+(?:\w+\s+){{0,2}}?(?:to|in)\s+{_PLACE_NAME}"),
    rf"\b(?i:left|leave|leaves|leaving|depart\w*)\s+(?:\w+\s+){{0,2}}?for\s+{_PLACE_NAME}",
    r"\bat\s+(?:the\s+)?(?:\d+\s+)?(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*(?:\s+\d+\b)?)",  # "at Number 10"
]]
_NOT_PLACE_BEFORE = re.compile(r"\b(?:situation|war|conflict|crisis|fighting|violence|peace|ceasefire|troops"
                               r"|forces|attacks?|offensive|elections?|interest|investment|role|presence)\s+$", _I)
_KNOWN_PLACES = {"geneva", "new york", "davos", "munich", "istanbul", "sochi", "strasbourg", "the hague",
                 "camp david", "hong kong", "shanghai", "dubai"}  # cities that are no capital
_TOPIC = re.compile(
    r"\b(?:to\s+discuss|discuss(?:ed|es|ing)?|(?:talks|meeting|call|conversation|consultations|discussions)\s+"
    r"(?:on|about|over)|focused\s+on|cent(?:red|ered)\s+on)\s+(?P<t>[^,;:.“”\"()]+?)(?=\s+(?:with|in\s+an?|during"
    r"|by\s+phone|over\s+the\s+phone|via|ahead\s+of|before|after|when|while|at\s+the|as|on\s+(?:[A-Z]\w+day))\b"
    r"|[,;:.“”\"()]|$)", _I)
_ON_AFTER = re.compile(r"\s+(?:on|about)\s+(?P<t>(?:the\s+)?[A-Za-z][^,;:.“”\"()]*?)(?=\s+(?:with|during|ahead\s+of|before|after|when|while|as"
                       r"|on\s+(?:[A-Z]\w+day))\b|[,;:.“”\"()]|$)")
_VAGUE = re.compile(r"(?:the\s+)?(?:issues?|situation|matters?|it|this|that|things|them|developments|idea|plan"
                    r"|proposal)", _I)
_BROKEN_TOPIC = re.compile(r"^(?:at|in|on|by|to)\b|\b(?:at|in|on|of|to|a|an|the)$|\b(?:[A-Z]|St|Mt)$")  # "at a", "U" of "U.S."
# "put off any decisions": what is called off is not the meeting, which went on
NOT_THE_MEETING = r"(?!\s+(?:any|a|the|its|their|his|her)?\s*(?:final\s+)?(?:decisions?|action|votes?|ruling|(?:re)?payments?)\b)"
_CANCEL = re.compile(r"\b(?:cancel+ed|called\s+off|scrapped|postponed|put\s+off|put\s+back|pushed\s+back|delayed"
                     rf"|suspended)\b{NOT_THE_MEETING}", _I)
_STATUS = [
    ("under way", re.compile(r"\b(?:arrived|arrives|arriving|left\s+for|(?:is|are|was|were)\s+in|(?:is|are)\s+(?:holding"
                             r"|meeting|visiting)|began|begins|opened|currently|under\s*way|making\s+(?:\w+\s+)?progress"
                             r"|continu(?:e|es|ing)|(?:during|at\s+the\s+(?:start|beginning)\s+of)\s+(?:a|an|his|her|their)\s+"
                             r"(?:[\w-]+\s+){0,2}(?:visit|trip|tour))\b", _I)),
    ("planned", re.compile(r"\b(?:will|would|shall|set\s+to|due\s+to|(?:is|are)\s+due|expected|scheduled|slated|plans?\s+to|planned"
                           r"|planning|intends?\s+to|going\s+to|agreed\s+to|to\s+(?:meet|hold|discuss|travel|visit)"
                           r"|heading|heads|head\s+to|upcoming|next|tomorrow|ahead\s+of|travels|leaves|flies|departs|sought|seeking"
                           r"|hop(?:e|es|ed|ing)\s+to|(?:is|are)\s+(?:also\s+)?to\s+be|invited\s+to)\b|['’]ll\b", _I)),
    ("held", re.compile(r"\b(?:met|held|had|discussed|spoke|spoken|talked|hosted|received|welcomed|visited|flew|travell?ed|signed"
                        r"|completed"
                        r"|conferred|sat|phoned|telephoned|took\s+place|lasted|ended|attended|failed|paid|made"
                        r"|said\s+(?:in|during)\s+an?\s+(?:tele)?phone"
                        r"|(?:after|following|from)\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+){0,3}(?:meetings?|talks|visit))\b", _I))]
_FORMATS = [("video", re.compile(r"\bvideo|\bvirtual(?:ly)?\b|\bonline\b", _I)),
            ("telephone", re.compile(r"\b(?:tele)?phone|\bphoned\b|\bcall\s+(?:with|from)\b", _I)),
            ("separate meetings", re.compile(r"\bseparate(?:ly)?\b|\bindividually\b", _I)),
            ("joint meeting", re.compile(r"\b(?-i:joint(?:ly)?)\b(?!\s+ventures?)|\btogether\b|\btrilateral\b|\bthree-way\b", _I))]
_SAID_AFTER = re.compile(r"\s+(?:said|says|told|announced)\b")
_THEN_OFF = re.compile(r"(?:meeting|talks|visit|trip|summit|call)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
                       r"(?:later\s+|since\s+|now\s+)?(?:cancel+ed|called\s+off|scrapped|postponed|put\s+off|put\s+back"
                       r"|pushed\s+back|delayed)\b", _I)
_STARTS = re.compile(r"\b(?:begins|starts|opens|arrives)\b", _I)
_PAST = re.compile(r"\b(?:yesterday|last\s+(?:night|week|month|year)|ago)\b", _I)
HERE = "here"
_HERE = re.compile(r"\bhere\b|\b(?:at|in)\s+this\s+(?:[\w-]+\s+){0,3}?(?:resort|city|capital|town|port|village|island)\b",
                   _I)  # "at this Belgian coastal resort"
REMOTE = {  # formats without a place
    "telephone", "video"}


_UNLIKELY = re.compile(r"\b(?:no\s+plans?\s+for|unlikely|prospects?\s+(?:\w+\s+)?(?:slim|dim|poor|remote)"
                       r"|rul(?:ed|es|ing)\s+out)\b", _I)


def _status(clause: str, after: str) -> str | None:
    if _UNLIKELY.search(clause):
        return "ruled out"
    if _CANCEL.search(clause) or _CANCEL.search(after):
        return "postponed" if re.search(r"postponed|put off|put back|pushed back|delayed", clause + after, _I) else "cancelled"
    if re.match(r"\W*(?:(?:is|are)\s+(?:now\s+|still\s+|currently\s+)?(?:under\s*way|in\s+progress|going\s+on)"
                r"|(?:began|opened|resumed|(?:is|are)\s+continuing))\b", after, _I):
        return "under way"  # "Talks between X and Y are under way", "... began today"
    if re.match(r"\W*(?:will|(?:is|are)\s+(?:due|expected|set|scheduled)\s+to)\s+(?:end|close|conclude|finish)\b", after, _I) or \
            re.search(r"\b(?:(?:have|has)\s+been|are|is)\s+(?:negotiating|conferring)$", clause, _I):
        return "under way"  # "The executive board meeting will end tomorrow", "have been negotiating for a month"
    head = re.match(r"\W*(?:(?:is|are|was|were|has\s+been|had\s+been|will\s+be)\s+)?(?:being\s+)?\w*", after)  # "..., planned for"
    progress = re.match(r"\W*(?:have|has|had)\s+been\s+\W*(?:making\s+(?:\w+\s+)?progress|continuing)", after, _I)
    return next((value for value, rx in _STATUS if rx.search(clause)), None) or next(
        (value for value, rx in _STATUS[1:] if head and rx.search(head.group(0))), None) or (
        "under way" if progress else None)  # 'talks ... have been "making good progress"'


def _place(tracker: Tracker, spans: list[tuple[int, int]], mask: tuple[int, int] | None) -> str | None:
    """A place near the trigger: 'in Washington', 'the Russian capital, Moscow', 'heading to Washington'."""
    text, (after, clause, _prefix) = tracker.text, spans
    for rank, (rx, where) in enumerate(zip(_PLACES, [spans, spans, spans, [clause], [clause], [after, clause]], strict=True)):
        for a, b in where:
            for m in rx.finditer(text, a, b):
                if mask and mask[0] <= m.start() < mask[1] or _SAID_AFTER.match(text, m.end()):
                    continue  # "to discuss the situation in Karabakh", "a spokesman in Geneva said"
                if rank == 0 and (m.group("dem") is None and m.group("p") or m.group("dem") and (
                        country := country_of(m.group("dem")))):  # "in the capital, Abuja"
                    return m.group("p") or capital_of(country)
                if rank and not _NOT_PLACE_BEFORE.search(text, a, m.start()) and (
                        value := _place_name(tracker, m.start("p"), m.end("p"))):
                    return value
    return None


def _place_name(tracker: Tracker, start: int, end: int) -> str | None:
    """A known place as written, or an unknown capitalised name that is nobody's name."""
    raw = " ".join(tracker.text[start:end].rstrip(".").split())
    if " " not in raw and country_of(raw) and not is_place(raw) and re.match(r"\s+[a-z]", tracker.text[end:end + 3]):
        return None  # "at the American diplomatic mission": a demonym before a noun names no place
    if country_of(raw) or raw.lower() in _KNOWN_PLACES or re.search(r"\d", raw) or city_country(raw):
        return raw
    runs = name_runs(tracker.text, start, end)
    ok = runs and runs[0].start == start and tracker.reg.by_name(runs[0].text) is None
    return runs[0].text if ok else None


_WHERE_BEFORE = re.compile(rf"{_PLACE_NAME},?\s+where(?:\s+[\w'’-]+){{0,4}}\s*$")


def _where_before(tracker: Tracker, cand: Candidate) -> str | None:
    """'arrived from Montevideo, where he met Sanguinetti': the place the relative clause hangs on."""
    m = _WHERE_BEFORE.search(tracker.text, cand.prefix[0], cand.clause[0])
    return _place_name(tracker, m.start("p"), m.end("p")) if m else None


_FIRST_SINCE = re.compile(r"\bthe\s+first\s+(?:[\w-]+\s+){0,2}?since\b[^,;]*$", _I)
_POSSESSIVE_TIME = re.compile(r"['’]s\b(?!(?:\s+[\w-]+){0,2}?\s+(?:meetings?|talks|summit|conference|visit|session|call)\b)")


_THE_BEFORE = re.compile(r"\bthe\s+$", _I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:meetings?|talks|summit|session|conference|visit|call)\b)[A-Za-z]")
_AND_DAY = re.compile(r"\s+(?:and|or)\s+(?:" + "|".join(w.title() for w in WEEKDAYS) + r")\b")
_TO_DATE = re.compile(r"\s*(?:and|to|through|until|-)\s*(?:(?:" + "|".join(m.title() for m in MONTHS) + r")\s+)?\d{1,2}\b(?!\s*(?:pct|per|mln|bln|%))")


def _when(text: str, spans: list[tuple[int, int]], mask: tuple[int, int] | None = None) -> re.Match[str] | None:
    """The first time after the trigger's object, else the last before the trigger in its clause (nearest
    the meeting: "will fly to Brasilia on Friday ... and end his tour early next week with a meeting"),
    else the first before the clause."""
    for n, (a, b) in enumerate(spans):
        found = [m for m in TIME_EXPRESSION.finditer(text, a, b)
                 if not re.match(r"\s*[-—–]|\s+deadline", text[m.end():m.end() + 10])  # a dateline's day, a deadline
                 and not _POSSESSIVE_TIME.match(text, m.end())  # "this year's catch" (not "Tuesday's meeting")
                 and not (_THE_BEFORE.search(text, a, m.start()) and _NOUN_AFTER.match(text, m.end()))  # "the February 22 Paris accord"
                 and not _SAID_ON.search(text, max(a - 40, 0), m.start())  # not "his office said on Wednesday"
                 and not _FIRST_SINCE.search(text, a, m.start())  # "the first since talks stalled in September"
                 and not (mask and mask[0] <= m.start() < mask[1])]  # "talks on ... kidnapped last month"
        if found and n == 1 and len(found) > 1 and (pair := _AND_DAY.match(text, found[-2].end())) and (
                pair.end() == found[-1].end()):
            return found[-2]  # "on Thursday and Friday": from the first of the two
        if found:
            return found[-1] if n == 1 else found[0]
    return None


def _topic(text: str, a: int, b: int, after: int | None = None) -> tuple[str, tuple[int, int]] | None:
    """What the meeting is about: "talks on trade", "to discuss trade"; or, right after the trigger's
    object ("talks with Weinberger on arms control in Europe"), "on" and what follows."""
    found = [m for m in _TOPIC.finditer(text, a, b) if not re.match(r"call\s+on\b", m.group(0), _I)]  # a visit
    if after is not None and (m := _ON_AFTER.match(text, after, b)):
        found.append(m)
    for m in found:
        value = m.group("t").strip()
        value = re.sub(r"\s+(?:at|in|on)\s+(?:a|an|the)$", "", value)
        if (city := _IN_CITY.search(value)) and city_country(city.group("p")):
            value = value[:city.start()]  # "negotiations on fishing rights in Paris on Monday": Paris is a place
        if value and not _VAGUE.fullmatch(value) and not TIME_EXPRESSION.match(value) and not _BROKEN_TOPIC.search(
                value):
            return value, (m.start(), m.start("t") + len(value))
    return None


_IN_CITY = re.compile(r"\s+in\s+(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)$")


@dataclass
class Draft:  # a meeting as one sentence tells it, before merging
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
    proposed: bool = False  # "proposed ... that they meet": where is not said, not the dateline's city
    kind: Fact | None = None  # talks | visit | phone call | summit | conference | meeting


def draft(tracker: Tracker, cand: Candidate, quote: Quote, published: dt.date | None) -> Draft:
    text = tracker.text
    clause, after = text[cand.clause[0]:cand.clause[1]], text[cand.after[0]:cand.after[1]]
    rec = Draft(cand.participants, cand.counterparts, [quote], again=bool(_AGAIN.search(clause + " " + after)),
                proposed=cand.kind == "proposed")
    topic = _topic(text, cand.clause[0], cand.after[1], cand.after[0])
    rec.topic = Fact(re.sub(r"\s+(?:at|in|on)\s+(?:a|an|the)$", "", topic[0].strip()), quote) if topic else None
    status = "held" if cand.kind == "last" else "planned" if cand.kind == "proposed" else _status(
        clause, after)  # "the last meeting" took place; "proposed ... that they meet" is to come
    if off := _THEN_OFF.match(text, cand.after[1], quote.end):  # "had been due to brief X ..., but the meeting
        status = _status(off.group(0), "")                       # was put off"
    spans = [cand.after, cand.clause, cand.prefix]
    if when := _when(text, spans, topic[1] if topic else None):
        starts = status == "under way" and _STARTS.search(clause)  # "begins a state visit on Tuesday": ahead
        date = resolve(when, published, None if status is None else bool(starts) or status not in ("held", "under way"))
        value = re.sub(r"^(?i:on)\s+", "", when.group(0))
        if when.group("wd") and (more := _AND_DAY.match(text, when.end())):
            value += more.group(0)  # "scheduled for Thursday and Friday": both days, dated by the first
        elif when.group("day_month") and (more := _TO_DATE.match(text, when.end())):
            value += more.group(0)  # "between March 31 and April 2", "from July 7 to 10"
        rec.when = Fact(value, quote, date)
        if starts and date and published and date > published.isoformat():
            status = "planned"
        elif status is None and date and published:
            status = "planned" if date > published.isoformat() else "held" if date < published.isoformat() else None
        elif status is None and _PAST.search(when.group(0)):
            status = "held"  # "talks ... in Delhi last week"
    rec.status = Fact(status, quote) if status else None
    fmt = next((value for value, rx in _FORMATS if rx.search(clause + " " + after)), None)
    place = (text[cand.place[0]:cand.place[1]] or HERE) if cand.place else _where_before(tracker, cand) or _place(
        tracker, spans, topic[1] if topic else None)
    if place is None and any(not _SAID_ON.search(text, max(a, m.start() - 40), m.start())
                             for a, b in spans[:2] for m in _HERE.finditer(text, a, b)):
        place = HERE  # "will meet Tamura here on Thursday": the dateline's city
    rec.place = Fact(place, quote) if place and fmt not in REMOTE else None
    rec.format, rec.explicit_format = Fact(fmt or "in person", quote), fmt is not None
    found = "meeting" if cand.kind in ("last", "proposed") else cand.kind
    rec.kind = Fact(_kind(found, fmt, clause + " " + after[:60]) if cand.counterparts else found, quote)
    return rec


def _kind(found: str, fmt: str | None, words: str) -> str:
    """The kind a sentence gives: a phone call by its format, talks or a summit by its noun, else the finder's."""
    if fmt in REMOTE:
        return "phone call" if fmt == "telephone" else "video call"
    if found != "meeting":
        return found
    for kind, rx in (("summit", r"\bsummit\b"), ("talks", r"\b(?:talks|negotiations|consultations|discuss\w*)\b"),
                     ("visit", r"\bvisit\w*\b")):
        if re.search(rx, words, _I):
            return kind
    return "meeting"


DATELINE = re.compile(r"(?P<p>[A-Z][A-Za-z'’.]+(?:-[A-Z][A-Za-z'’.]+)?(?:\s+[A-Z][A-Za-z'’.]+){0,2})"
                      r"(?:,\s*(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=,\s*[A-Z][A-Za-z]+\.?\s+\d))?"  # "TAUPO, New Zealand,"
                      r"(?:,\s*[A-Z][A-Za-z]+\.?\s+\d{1,2})?"  # "March 13", "MARCH 13"
                      r"\s*(?:\([^)]{1,30}\))?\s*(?:[—–]+|\s-+)\s*(?=\S)")


def dateline_place(document: Document) -> Fact | None:
    """'MOSCOW (Reuters) -', 'Moscow–', 'KYIV —' opening one of the first body paragraphs."""
    if found := _dateline(document):
        m, p = found
        s, e = split_sentences(document.text, p.start, p.end)[0]
        place = m.group("p").title() if m.group("p").isupper() else m.group("p")
        return Fact(place, Quote(document.doc_id, p.number, s, e, document.text[s:e]))
    return None


def dateline_region(document: Document) -> str | None:
    """The country or state a dateline names after its city ('TAUPO, New Zealand, March 22 -')."""
    found = _dateline(document)
    return found[0].group("region") if found else None


def _dateline(document: Document):
    for p in document.paragraphs[1:4]:
        if m := DATELINE.match(document.text, p.start, p.end):
            return m, p
    return None

"""States and bodies as the sides of a meeting: 'Canada and France will resume their negotiations', 'Officials
from Indonesia, Malaysia, Singapore and, perhaps, Thailand will meet here', 'a reform due to be discussed by EC
farm ministers later this month'."""

from __future__ import annotations

import re

from index.meetings.identity import Tracker
from index.meetings.mentions import DATELINE_LEAD
from index.meetings.records import Quote
from index.meetings.triggers import Candidate, negated, side
from index.text import gazetteer

_I = re.IGNORECASE


def two_states(tracker: Tracker, np: str, quote: Quote) -> list[int]:
    """'Canada and France' (after a dateline's dash): the two states, as sides."""
    np = re.split(r"\s[-—–]+\s", np)[-1]
    pair = re.fullmatch(r"(?P<a>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+and\s+(?P<b>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)", np)
    states = [gazetteer.country(c) and c for c in map(gazetteer.country_of, pair.groups())] if pair else []
    return [side(tracker, c, c, quote) for c in states] if len(states) == 2 and all(states) else []


_FROM_STATES = re.compile(r"\b(?:officials|delegates|ministers|representatives|delegations)\s+from\s+(?P<list>[A-Z][^.;:]*?)\s*$",
                          _I)
_HEDGED_LIST = re.compile(r"\s*,\s*(?:and\s*,?\s*)?(?:(?:perhaps|possibly|probably)\s*,\s*)?"
                          r"|\s+and\s*,?\s*(?:(?:perhaps|possibly|probably)\s*,\s*)?")


def from_states(tracker: Tracker, text: str, quote: Quote) -> list[int]:
    """The states of 'officials from A, B and C' ending the text (each a side), when every one listed is a state."""
    found = _FROM_STATES.search(text)
    names = [n for n in _HEDGED_LIST.split(found["list"]) if n.strip()] if found else []
    states = [gazetteer.country_of(n) for n in names]
    if len(names) < 2 or not all(c and gazetteer.country(c) for c in states):
        return []
    return [side(tracker, c, n, quote) for c, n in zip(states, names, strict=True)]


_DISCUSSED_BY = re.compile(r"\b(?:discussed|considered|debated|examined|reviewed)\s+by\s+(?:the\s+)?(?P<body>[A-Z][\w.-]*"
                           r"(?:\s+[A-Z][\w.-]*)?\s+(?:[a-z]+\s+)?(?:ministers|officials|leaders))\b")


def discussed_by(tracker: Tracker, s: int, e: int, quote: Quote) -> list[Candidate]:
    """'due to be discussed by EC farm ministers later this month': a meeting of the body named so."""
    out = []
    for m in _DISCUSSED_BY.finditer(tracker.text, s, e):
        lead = m.group("body").split()[0]
        if gazetteer.country_of(lead) and not negated(tracker.text, s, m.start()):
            body = tracker.reg.body(m.group("body"), None, quote)
            out.append(Candidate([body], [], (s, m.end()), (m.end(), e), (s, m.start()), "meeting"))
    return out


_OPENS = re.compile(r"\s*" + DATELINE_LEAD + r"(?:The\s+)?")  # a dateline at most
_AGREED_BY = re.compile(r"(?P<body>(?P<lead>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:\s+\([A-Z.]+\))?"
                        r"\s+(?:[a-z]+\s+(?:and\s+[a-z]+\s+)?)?ministers)\s+(?:have\s+|had\s+)?(?:(?:yesterday|today)\s+)?"
                        r"(?:agreed|issued|adopted|approved|decided|endorsed)\b")


def agreed_by(tracker: Tracker, s: int, e: int, quote: Quote) -> list[Candidate]:
    """'European Community (EC) foreign ministers have agreed on an aid package': the body's ministers met to
    agree on it (where the dateline says, unless the sentence says where)."""
    out = []
    for m in _AGREED_BY.finditer(tracker.text, s, e):
        if gazetteer.country_of(m.group("lead")) and _OPENS.fullmatch(tracker.text, s, m.start()):
            body = tracker.reg.body(m.group("body"), None, quote)
            out.append(Candidate([body], [], (m.start(), m.end()), (m.end(), e), (s, m.start()), "last"))  # held
    return out


# "Argentina's meeting with the Paris Club of creditor governments": a state's meeting with a body named so
_STATE_WITH_BODY = re.compile(r"\b(?P<state>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+(?:[\w-]+\s+)?(?:meeting|talks|negotiations)"
                              r"\s+with\s+the\s+(?P<body>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+)")


def with_a_body(tracker: Tracker, s: int, e: int, quote: Quote) -> list[Candidate]:
    text, out = tracker.text, []
    for m in _STATE_WITH_BODY.finditer(text, s, e):
        state = gazetteer.country_of(m.group("state"))
        if state and gazetteer.country(state) and not negated(text, s, m.start()):
            body = tracker.reg.body(m.group("body"), None, quote)
            out.append(Candidate([side(tracker, state, m.group("state"), quote)], [body], (m.start(), m.end()),
                                 (m.end(), e), (s, m.start()), "meeting"))
    return out

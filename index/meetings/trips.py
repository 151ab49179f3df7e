"""Trips: someone going somewhere ("has visited Kenya", "cancelled a trip tomorrow to the U.S.", "arrived in
Rabat", "travels to Italy", "a planned visit to Tehran by Mr Straw"), as triggers.Candidate of kind visit with
the place span; facts.draft reads the day and state."""

from __future__ import annotations

import re

from index.meetings.events import GROUP_NOUN, organisation, subject
from index.meetings.identity import Tracker
from index.meetings.mentions import Mention
from index.meetings.records import Quote
from index.meetings.triggers import Candidate, negated, side
from index.text import gazetteer

_I = re.IGNORECASE
_TRIP = re.compile(
    r"\b(?:(?:trip|visit|journey|tour|stopover)\s+(?:(?-i:[a-z\d][\w-]*)\s+){0,2}?(?:to|in)\s+(?P<t>)|(?:visit(?:s|ed|ing)?"
    r"|visted|tour(?:s|ed|ing)?)\s+(?P<v>)|(?:travel(?:s|led|ling)?|fl(?:y|ies|ew)|go(?:es)?|went|head(?:s|ed)?"
    r"|return(?:s|ed)?)\s+(?:\w+\s+){0,3}?to\s+(?P<g>)|(?:head(?:s|ed|ing)?|bound|set\s+off|en\s+route)\s+(?:for|to)\s+"
    r"(?P<hf>)|(?:arriv(?:e|es|ed|ing)|(?:is|was|are|were)(?:\s+(?:now|currently|"
    r"still|already))?)\s+in\s+(?P<a>)|(?:leav(?:e|es|ing)|left|depart(?:s|ed)?)\s+(?:\w+\s+){0,3}?for\s+(?P<l>)"
    r"|spen(?:t|ds?|ding)\s+(?:[\w-]+\s+){1,3}?in\s+(?P<s>)|arriv(?:e|es|ed|ing)\s+(?=here\b)"  # "spent two days in X"
    r"|(?:(?:begin|start|pay|make|end)(?:s|ing)?|began|started|paid|made|ended)\s+(?:a|an|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:state|official)\s+visit\b(?!\s+(?:to|in|here)\b)(?P<h>)"  # "begins a state visit on Tuesday"
    r"|arriv(?:e|es|ed)\s+(?:on\s+[A-Z][a-z]+day|today|tomorrow|tonight)\b(?!\s+(?:in|at|from)\b)(?P<h2>)"
    r"|\bthe\s+(?:[\w-]+\s+){0,2}?visit\s+(?:here\s+)?(?:of|by)\s+(?P<by>)"  # "the visit of X": here
    r"|(?:(?:scheduled|planned|expected|proposed|forthcoming|upcoming)\s+)?(?-i:(?P<cv>[A-Z][\w'’-]+))\s+visit\s+by\s+)",
    _I)  # "a scheduled Moscow visit by X"
_WORD = r"(?!(?:Because|But|And|The|As|After|Before|On|In|At|For|To|Of|With|From|By|When|While)\b)[A-Z][\w’'-]*"
_LISTED = r"\s*,\s*and\s+|\s*,?\s+as\s+well\s+as\s+|\s*,\s*|\s+and\s+"  # "Aceh, as well as Sri Lanka"
_INSIDE = rf"(?:\s+in\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+{_WORD})*)?"  # "Aceh in Indonesia"
_PLACE_AT = re.compile(rf"(?:the\s+)?(?P<p>[A-Z][\w’'.-]*(?:\s+{_WORD})*){_INSIDE}"
                       rf"(?:(?:{_LISTED})(?:the\s+)?[A-Z][\w’'.-]*(?:\s+{_WORD})*{_INSIDE})*")


_SAID_DURING = re.compile(r"\s(?:said|says|told\s+(?:\w+\s+){0,2}?)\s*(?:during|on|while\s+on|at\s+the\s+(?:start|end|beginning|close)\s+of)"
                          r"\s+(?:a|an|his|her|their|the)\s+"
                          r"(?:[\w-]+\s+){0,2}$", _I)


_DURING = re.compile(r"\b(?:during|at\s+the\s+(?:start|beginning)\s+of)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}$",
                     _I)


def _is_place(tracker: Tracker, text: str) -> bool:
    """A known place, or a capitalised name that is nobody's and no country's, demonym's or body's."""
    if gazetteer.is_place(text):
        return True
    return gazetteer.country_of(text) is None and tracker.reg.by_name(text) is None and not GROUP_NOUN.search(
        text) and not _NOT_PLACE.match(text)


_NOT_PLACE = re.compile(r"(?:Mr|Mrs|Ms|Dr|President|Minister|King|Sheikh|Prince|Queen|Secretary|Chancellor|The|A|An"
                        r"|His|Her|Their|This|That|These|It|He|She|They)\b|[A-Z]+\b(?!\.)")  # "OPEC", "IMF"


_OWNER = re.compile(r"(?:the\s+)?(?P<o>[A-Z][\w.-]*)['’]s\s+(?=[A-Z])")


def _place_span(tracker: Tracker, pos: int, end: int) -> tuple[int, int] | None:
    """The place (or list of places) right at pos: 'Kenya's biggest shantytown' -> Kenya, 'Scandinavia and Belgium'."""
    owner = _OWNER.match(tracker.text, pos, end)  # "ESA's Paris headquarters": Paris
    if owner and not _is_place(tracker, owner.group("o")):
        pos = owner.end()
    m = _PLACE_AT.match(tracker.text, pos, end)
    if not m:
        return None
    first = re.sub(r"['’]s$", "", m.group("p"))
    if not _is_place(tracker, first):
        return None
    whole = re.sub(r"(?<=[a-z])\.$", "", re.sub(r"['’]s$", "", tracker.text[m.start("p"):m.end()]))
    first = re.sub(r"(?<=[a-z])\.$", "", first)
    listed = all(_is_place(tracker, re.sub(r"^(?:the\s+)?", "", x.strip().split(" in ")[0])) and all(
        gazetteer.is_place(inside) for inside in x.strip().split(" in ")[1:]) for x in re.split(_LISTED, whole) if x.strip())
    return m.start("p"), m.start("p") + len(whole if listed else first)


_AFTER_TRIP = re.compile(r"\bafter\s+(?:having\s+)?(?:completed|completing|ending|finished|finishing|made|making)\s+"
                         r"(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def trip_candidates(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    text, out = tracker.text, []
    for m in _TRIP.finditer(text, s, e):
        if negated(text, s, m.start()):
            continue
        implicit = any(m.group(g) is not None for g in ("h", "h2", "by"))  # no place named: the dateline's
        where = (m.end(), m.end()) if implicit and tracker.home else None if implicit else _place_span(tracker, m.end(), e)
        if m.group("cv") is not None:
            where = m.span("cv") if _is_place(tracker, m.group("cv")) else None
        if where is None and not implicit and re.match(r"here\b", text[m.end():e]):  # "a visit here this week by X": the dateline's place
            where = (m.end(), m.end() + 4)
        if where is None and not implicit and (near := re.compile(r"[^,;:.]{0,50}?\bin\s+").match(text, m.end(), e)):
            where = _place_span(tracker, near.end(), e)  # "visiting the Pakistani community in Manchester"
        if m.group("by") is None and where and any(x.start <= where[0] < x.end and x.kind == "person" for x in ms):
            continue  # "will visit U.S. Treasury Secretary James Baker": a person, triggers' job
        who = subject(ms, m.start(), s, text) if m.group("by") is None and m.group("cv") is None else next(
            (x for x in ms if x.start == m.end() and x.ids and x.kind == "person"), None)
        if m.group("by") is not None and who and (to := re.match(r"\s+(?:to|in)\s+", text[who.end:e])):
            where = _place_span(tracker, who.end + to.end(), e)  # "the visit by X to Japan"
        if said := _SAID_DURING.search(text, s, m.start()):  # "X has said during a visit to Kiev"
            who = who or subject(ms, said.start() + 1, s, text, speaker=True)
        elif re.search(r"\b(?:his|her|(?:at\s+the\s+(?:start|end|beginning|close)\s+of|during)\s+an?)\s+(?:[\w-]+\s+){0,3}$",
                     text[s:m.start()]):  # "met Y ... on his first visit", "..., at the start of a four-day visit":
            who = next((x for x in ms if x.ids and x.kind in ("person", "pronoun") and not x.speaker), None)  # X's
        if who is None and where and (by := re.match(r"(?:\s+(?:this|last|next)\s+\w+)?\s+by\s+", text[where[1]:e])):  # "a visit to Tehran by X"
            who = next((x for x in ms if x.start == where[1] + by.end() and x.ids and x.kind == "person"), None)
        if where is None or who is None or len(who.ids) != 1 or tracker.reg.get(who.ids[0]).side:
            continue
        if m.group("a") is not None and not m.group(0).lower().startswith("arriv") and not re.fullmatch(
                r"(?:\s*,?\s*(?:who|currently|now|still|already))*\s*", text[who.end:m.start()]):
            continue  # "He was in Kenya", "Mr Snow, who is currently in Dublin"; not "Tesla's patents were in"
        if not _abroad(tracker, tracker.reg.get(who.ids[0]).country, text[where[0]:where[1]] or "here"):
            continue  # "visited a hospital in Leeds": a trip at home, not diplomacy
        first = min(who.start, m.start())
        if lead := _DURING.search(text, s, first):  # "during a visit to Moscow by X": the visit is under way
            first = lead.start()
        stop = re.compile(r"[,;:]|\s[—–-]\s").search(text, where[1], e)  # the trip's own clause
        before = (s, first)
        if earlier := _AFTER_TRIP.search(text, first, m.start()):  # "will fly to Tokyo, after having completed a
            first, before = earlier.start(), (first, first)         # trip to France": that trip came first
        out.append(Candidate([tracker.root(who.ids[0])], [], (first, m.end()), (where[1], stop.start() if stop
                                                                                  else e), before,
                             "visit", where))
    return out


_MISSION = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ff]our|\d+)\s+(?P<body>(?:[A-Z][\w.&'’-]*\s+){1,4}(?:\([A-Z.]+\)\s+)?)"
                      r"(?:[a-z]+\s+)?(?:missions?|teams?|delegations?)(?:,?\s+(?:led|headed)\s+by\s+(?P<leader>[^,;]{3,60}?),?)?\s+(?:(?:was|is|were|are)\s+(?:due|expected)\s+(?:to\s+(?:arrive|visit|come)"
                      r"\s+)?|(?:will|would)\s+(?:arrive|visit|come)\s+|arriv(?:ed|es)\s+|visit(?:ed|s)\s+|(?:(?:that|which)\s+)?(?:left|leaves|flew|flies)\s+"
                      r"(?:today\s+|yesterday\s+)?for\s+|(?:is|are)\s+(?:now\s+|"
                      r"currently\s+|still\s+)?(?=in\s))(?:(?P<here>here)\b|(?:in\s+)?(?:the\s+)?(?=[A-Z]))")


def mission_candidates(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[Candidate]:
    """A body's mission coming: "A World Bank mission was due here soon", "Two World Bank teams are in X"."""
    out = []
    for m in _MISSION.finditer(tracker.text, s, e):
        body = next((x.ids[0] for x in ms if x.kind == "side" and len(x.ids) == 1 and x.start < m.end("body") and m.start() <= x.end), None)
        org = organisation(m.group("body")) or (  # "a Japanese team that left for Washington today"
            (c := gazetteer.country_of(m.group("body"))) and gazetteer.country(c) and c)
        body = side(tracker, org, m.group("body").strip(), quote) if body is None and org else body
        where = (m.start("here"), m.end("here")) if m.group("here") else _place_span(tracker, m.end(), e)
        if body is None or where is None or negated(tracker.text, s, m.start()):
            continue
        leader = next((x.ids[0] for x in ms if m.group("leader") and x.kind == "person" and len(x.ids) == 1
                       and m.start("leader") <= x.start < m.end("leader")), None)  # "a team led by Minister X": X
        own = tracker.reg.get(tracker.root(body)).country
        if own and not _abroad(tracker, own, tracker.text[where[0]:where[1]]):
            continue  # "A U.S. Senate team arrived in Washington"
        stop = re.compile(r"[,;:]|\s[—–-]\s").search(tracker.text, where[1], e)
        out.append(Candidate([tracker.root(leader if leader is not None else body)], [], (m.start(), m.end()),
                             (where[1], stop.start() if stop else e), (s, m.start()), "visit", where))
    return out


def _abroad(tracker: Tracker, home: str | None, places: str) -> bool:
    """Some place of the list is a state, or a city of a state, other than the traveller's own (the dateline's
    country when the article does not say whose the traveller is)."""
    home = home or tracker.home or tracker.outlet_home
    for place in (inside for listed in re.split(_LISTED, places) for inside in re.split(r"\s+in\s+", listed)):
        place = re.sub(r"^(?i:the)\s+", "", place.strip())
        country = gazetteer.country_of(place) or gazetteer.city_country(place) or (tracker.home if place == "here" else None)
        if country and country != home and (home or gazetteer.country_of(place) == country and not
                                             gazetteer.city_country(place)):
            return True
    return False

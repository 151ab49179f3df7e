"""Meetings that are not one named person meeting another: a body's meeting or summit ("a meeting of the 12
eurozone finance ministers", "Tuesday's Ecofin meeting", "the G8 countries will meet at Gleneagles"), the
people who attend one ("chairing a meeting of ...", "was attended by ..."), calls told second-hand and
officials addressing a meeting. Trips are index.meetings.trips' job.

Each finding is a triggers.Candidate with a kind; facts.draft reads the rest.
"""

from __future__ import annotations

import re

from index.meetings.identity import Tracker
from index.meetings.mentions import _MOD_RE, _PORTFOLIOS, Mention
from index.meetings.records import Quote
from index.meetings.sides import agreed_by, discussed_by, from_states, two_states, with_a_body
from index.meetings.triggers import Candidate, coordinated, negated, side
from index.text import gazetteer
from index.text.dates import MONTHS, WEEKDAYS

_I = re.IGNORECASE
_NOUN = r"(?:meetings?|summit|talks|conference|forum|session|negotiations|consultations|parley)"
_TOPIC = r"(?:trade|economic|farm|finance|ministerial|bilateral|informal|emergency|oil|debt|security)"
_KIND = {"summit": "summit", "conference": "conference", "forum": "conference"} | dict.fromkeys(
    ("talks", "negotiations", "consultations", "parley"), "talks")
_CAP = r"(?:[A-Z][\w’'.&()-]*|\([A-Z][\w.-]*\)|of|for|and|the|bank|fund|committee|council|commission|group|executive|board|working|steering|interim|governing)"  # a name's words: "Commission for Africa", "Group of Seven"
# "a meeting of the 12 Eurozone finance ministers", "a summit of EC leaders", "the London meeting of ..."
_OF_BODY = re.compile(rf"\b(?P<noun>{_NOUN})\b(?:\s+(?:(?!(?:with|between|by)\b)[\w-]+\s+){{0,2}}?(?:on\s+\S+\s+)?)?\s*(?:of|by(?=\s+(?:the\s+)?[A-Z][\w.-]*\s+[a-z]+\s+(?:ministers|officials|leaders)\b)|between(?=\s+(?:the\s+)?(?:two|both)\s))\s+(?P<body>"
                      r"(?:the\s+)?(?:[^,;:()“”\"]|\"s\b)+?)(?=\s+(?:(?!(?:industriali[sz]|develop)ed\b)[a-z]+ed|on|to|in|at|which|that|who|has|have|had|was|were|is"
                      r"|are|will|would|could|should|later|next|this|last|before|after|until|from|during|where|when|here|there|today"
                      r"|tomorrow|yesterday|as|for(?=\s+[a-z])|and\s+(?:the\s+)?[a-z]+ed)\b|[,;:()“”]|\"(?!s\b)|\.?$)")
# "Tuesday's Ecofin meeting", "next week's Group of Seven talks", "an emergency OPEC meeting", "the World
# Economic Forum", "the IMF and World bank meetings", "the Interim Committee meeting"
_NAMED = re.compile(rf"(?P<body>(?:[A-Z][\w’'.&-]*['’\"]s\s+)?(?:[A-Z][\w’'.&()-]*)(?:\s+{_CAP}|,\s+[A-Z]{{2,}}[\w.-]*,)*?)\s+"
                    rf"(?:{_TOPIC}\s+)?(?P<noun>{_NOUN})\b|(?P<event>(?:[A-Z][\w’'-]+\s+){{1,3}}(?:Forum|Summit|Conference))\b")
# "an EC heads of government summit meeting", "an informal European Community finance ministers' meeting"
_GROUP_NAMED = re.compile(rf"(?P<body>(?:[A-Z][\w.&'’-]*\s+){{1,4}}(?:[a-z]+\s+){{0,2}}?(?:ministers|leaders|officials|governors"
                          rf"|heads\s+of\s+(?:state|government)))['’]?\s+(?:{_TOPIC}\s+)?(?P<noun>{_NOUN})\b(?:\s+meeting\b)?")
GROUP_NOUN = re.compile(r"\b(?:countries|nations|ministers|minsters|leaders|officials|members|delegations|secretaries|"
                         r"sides|states|governments|envoys|representatives|committee|commission|council|board|"
                         r"group|party|team|delegation|forum|community|union|organi[sz]ation|producers|consumers|"
                         r"exporters|importers)\b", _I)
_GATHER = re.compile(r"\b(?:will|would|to|are\s+due\s+to|were\s+due\s+to|due\s+to)?\s*(?:meet|meets|met|gather|"
                     r"(?:are|is|were|was|(?:have|has|had)\s+been)\s+(?:next\s+|due\s+|also\s+)?meeting(?!\s+(?:with|of)\b)|"
                     r"(?:was|were|is|are|been)\s+(?:called|summoned|convened)\s+to\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:meeting|session)|"
                     r"(?:opened|opens|began|begins|started|starts)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:meeting|talks|"
                     r"summit|conference|session)|gathered|convene|convened|resume\s+(?:(?:their|the|its|stalled|suspended|broken-off|bilateral)\s+){0,3}(?:negotiations|talks)|(?:hold|held)\s+(?:an?\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:talks|meeting|summit|conference|session))\b", _I)
_ATTEND = re.compile(rf"\b(?:attend(?:s|ed|ing)?|chair(?:s|ed|ing)?|host(?:s|ed|ing)?|address(?:es|ed|ing)?|told(?=\s+the\s+(?:[A-Z(][\w’'()-]*\s+){{1,6}}{_NOUN})|"
                     rf"(?:is|was|are|were)\s+at|at|(?:speaking|spoke|told\s+(?:reporters|journalists|an?\s+(?:news|press)\s+"
                     rf"conference))\s+after(?=\s+an?\s))\s+(?:(?:an?|the|this|that|its|his|her|their)\s+)?(?:[\w’'().-]+\s+){{0,6}}?"
                     rf"{_NOUN}\b", _I)
_BACK_REFERENCE = re.compile(r"\b(?:to|at|from|in|before)\s+the\s+(?P<noun>summit|conference|forum)\b", _I)
_ATTENDED_BY = re.compile(rf"\b(?i:the|this|that)\s+{_NOUN}\s+(?:was|were|is|will\s+be)\s+attended\s+by\s+", _I)
def subject(ms: list[Mention], before: int, start: int, text: str, tracker: Tracker | None = None,
             quote: Quote | None = None, speaker: bool = False) -> Mention | None:
    """The nearest person (or pronoun) before `before` in the clause: 'Herrington, who ...' counts; a name not
    seen before counts when it is right there ('Tony Blair is at a summit')."""
    people = [m for m in ms if m.end <= before and (speaker or not m.speaker) and (
        m.ids and m.kind in ("person", "pronoun") or m.kind == "name" and tracker and quote
        and " " in text[m.start:m.end] and len(text[m.end:before].split()) <= 3)]
    gap = text[people[-1].end:before] if people else ";"
    if re.search(r"[;:]|\b(?:said|says|told)\b", gap) or len(gap.split()) > 20:
        return None  # no one, or someone beyond a clause
    if not people[-1].ids and tracker and quote:
        tracker.promote(people[-1], quote)
    return people[-1]


_COLLECTIVE = re.compile(r"(?:(?:\d+|all|its|the|their|\w+teen|twenty|thirty)\s+)*(?:current\s+|member\s+)?"
                         r"(?:countries|nations|members|member\s+states|states|leaders|governments)", _I)
_TIME_OWNER = re.compile(rf"^(?:{'|'.join(w.title() for w in (*MONTHS, *WEEKDAYS))}|today|tomorrow|yesterday|"
                         r"(?:next|last|this)\s+(?:week|month|year))['’]s\s+", _I)


def _bodies(tracker: Tracker, ms: list[Mention], start: int, end: int, quote: Quote) -> list[int]:
    """The parties a phrase names: 'G7' and 'the G8 countries' -> G8; 'IMF and World bank' -> two; 'Baker-Chung'
    -> two people; '12 Eurozone finance ministers' -> one body named so."""
    text = tracker.text[start:end].strip()
    text = re.sub(r"^(?:when|where|while|as|and|but|which|who|at|in|on|during|after|before)\s+", "", text, flags=_I)
    text = _TIME_OWNER.sub("", re.sub(r"^(?:the|a|an|its|their|this|these)\s+", "", text, flags=_I))
    text = re.sub(r"['’\"]s$", "", text).strip()
    text = re.sub(r"(?:\s+(?:of|for|and|the))+$", "", re.sub(r"^[^()]*\)\s*", "", text))  # "IMF) Interim ..."
    text = re.sub(r",\s+[A-Z]{2,}[\w.-]*,", "", text)  # "International Cocoa Organization, ICCO, council"
    acronym = re.search(r"\s*\([A-Z][\w.-]*\)$", text)  # "Group of Five (G-5)": the body's name, its acronym aside
    if acronym and all(w[:1].isupper() or w in _LINKS for w in text[:acronym.start()].split()):
        text = text[:acronym.start()]  # "ministers of the Gulf Cooperation Council (GCC)" keeps it: questions use it
    if _TIME_WORD.match(text.split()[0] if text.split() else ""):
        return []  # "on Wednesday for talks"
    if not re.search(r"[A-Za-z]{2}|\b[A-Z]-?\d", text) or len(text) > 80 or re.fullmatch(r"(?i:a|an|the|this|that|its|his|her|"
                                                                             r"their|our|my|your|at|in|on|during|after|"
                                                                             r"before|for|with|by|from|following)", text):
        return []
    if pair := re.fullmatch(r"([A-Z][\w’']+(?:\s+[A-Z][\w’']+)?)-((?:de\s+|van\s+|von\s+)?[A-Z][\w’']+)", text):
        ids = [tracker.reg.by_name(n) for n in pair.groups()]  # "the Baker-Chung meeting"
        if all(i is not None for i in ids):
            return [tracker.root(i) for i in ids]
    states = [gazetteer.country_of(p) for p in re.split(r"(?<=[a-z.])-(?=[A-Z])", text)]
    if len(states) == 2 and all(states) and all(gazetteer.country(c) for c in states):  # "a U.S.-Israeli meeting"
        return [side(tracker, c, c, quote) for c in states]
    parts = re.split(r"\s+and\s+", text)
    if len(parts) > 1 and all(organisation(p) for p in parts):  # "the IMF and World bank meetings"
        return [side(tracker, organisation(p), p, quote) for p in parts]
    if org := organisation(text):
        return [side(tracker, org, text, quote)]
    lead = re.match(r"(?P<o>[\w’'.&-]+(?:\s+[\w’'.&-]+)?)\s+(?P<rest>.+)$", text)  # "G8 countries", "EC leaders"
    if lead and (org := organisation(lead.group("o"))) and _COLLECTIVE.fullmatch(lead.group("rest")):
        return [side(tracker, org, text, quote)]
    if text.split()[-1].lower() in gazetteer.BODY_NOUNS and (before := tracker.reg.named_before(text.lower())) is not None:
        return [before]  # "the executive board will meet May 12" after "the ICO executive board meeting"
    inside = [m for m in ms if start <= m.start and m.end <= end and m.ids]
    country = next((tracker.reg.get(i).country for m in inside for i in m.ids if tracker.reg.get(i).country), None)
    named = bool(re.search(r"\b[A-Z]", text))
    prev = tracker.text[max(0, start - 10):start].rstrip(" \"“‘(")
    first_word = (not prev or prev[-1] in ".!?\n") and not re.match(  # "Trade talks between ...": a sentence's first
        r"\s*(?i:the|an?)\s", tracker.text[start:end])  # word (not "The International Coffee Organization board")
    if re.match(r"(?:two|both|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:countries|nations|sides|governments)['’]"
                r"\s+\w+", text) and _OFFICIALS.search(text):
        return [tracker.reg.body(text, None, quote)]  # "the two countries' foreign secretaries are due to meet"
    of_states = re.fullmatch(r"(?P<who>[a-z ]*?(?:ministers|officials|leaders|governors|bankers))\s+of\s+(?:the\s+)?(?:top\s+)?"
                             r"(?:\d+|[a-z]+)\s+(?:(?:major|leading)\s+)?(?P<q>[a-z-]+)\s+(?:countries|nations|states)",
                             text)  # "finance ministers of the 12 eurozone countries", "... of seven major industrial nations"
    if re.fullmatch(rf"(?:(?:{_PORTFOLIOS})\s+(?:and\s+)?)+(?:ministers|minsters)", text.lower()):
        return [tracker.reg.body(text, country, quote)]  # "a joint meeting of farm and finance ministers"
    if not (named or country or of_states) or _TIME_WORD.fullmatch(text) or " " not in text and (first_word or re.fullmatch(
            _PORTFOLIOS, text.lower())):
        return []
    if not GROUP_NOUN.search(text) and (gazetteer.country_of(text) or gazetteer.is_place(text)):
        return []  # "the Swiss summit", "the Hong Kong summit": a place, not a party
    states = country or any(gazetteer.country_of(w.group(0)) for w in _MOD_RE.finditer(text))
    proper = not first_word and all(w[:1].isupper() or w.isdigit() or w in _NAME_LINKS for w in text.split())
    if not (states or _OFFICIALS.search(text) or proper):
        return []  # "Union leaders", "the board": no state, body of states or officials named
    short = of_states and re.search(r"\bof\s+the\s+(?:\d+|[a-z]+)\s+[a-z-]+\s+\w+$", text)  # "eurozone finance ministers"
    return [tracker.reg.body(f"{of_states['q']} {of_states['who']}" if short else text, country, quote)]


_LINKS = {"of", "for", "and", "the"}  # the lower-case words inside a name ("Group of Seven")
# "International Cocoa Organization council", "... executive board": a name still
_NAME_LINKS = _LINKS | {"council", "committee", "board", "executive", "governing", "steering", "advisory"}
_OFFICIALS = re.compile(r"\b(?:ministers|minsters|secretaries|officials|envoys|ambassadors|diplomats|negotiators|delegates"
                        r"|members\s+of|representatives"
                        r"|directors|governors|chiefs|producers|consumers|exporters|importers"
                        r"|heads\s+of\s+(?:state|government))\b", _I)

_TIME_WORD = re.compile(rf"(?i:{'|'.join((*MONTHS, *WEEKDAYS))}|today|tomorrow|yesterday|next|last|this|emergency)$")


def organisation(text: str) -> str | None:
    """An organisation (not a country) by name or acronym: 'OPEC', 'Group of Seven', 'World bank'."""
    found = gazetteer.country_of(text.strip())
    return found if found and gazetteer.country(found) is None else None


def _attendees(ms: list[Mention], start: int, end: int) -> list[int]:
    return [i for m in ms if start <= m.start < end and m.kind in ("person", "group") and not m.speaker
            for i in m.ids]


def _events(tracker: Tracker, ms: list[Mention], s: int, e: int,
            quote: Quote) -> list[tuple[int, int, list[int], str, tuple[int, int] | None]]:
    """(start, end, parties, kind, place span) of each meeting noun with a named party."""
    text, found = tracker.text, {}
    for rx in (_OF_BODY, _NAMED, _GROUP_NAMED, _TALKS_ON):
        for m in rx.finditer(text, s, e):
            noun_at = m.start("noun") if m.group("noun") else m.start("event")
            if negated(text, s, m.start()):
                continue
            noun = (m.group("noun") or "forum").lower()
            body_span = m.span("body") if m.group("body") else m.span("event")
            pair = [x for x in ms if x.kind == "group" and len(x.ids) >= 2 and body_span[0] <= x.start < body_span[1]]
            parties = list(dict.fromkeys(tracker.root(i) for i in pair[0].ids)) if pair and rx is _OF_BODY else \
                _parties_in(tracker, *body_span, quote) if rx is _TALKS_ON else _bodies(
                    tracker, ms, *body_span, quote) or _described(tracker, text[slice(*body_span)])
            if parties:
                a, b, have, kind, _ = found.get(noun_at, (min(m.start(), noun_at), m.end(), [],
                                                          _KIND.get(noun, "meeting"), None))
                where = _PLACE_BEFORE.search(text, max(s, noun_at - 40), noun_at)  # "the London meeting"
                place = where.span("p") if where and gazetteer.is_place(where.group("p")) else None
                found[noun_at] = (min(a, m.start()), max(b, m.end()), have + [p for p in parties if p not in have],
                                  kind, place)
    return sorted(found.values())


_OTHER_CLAUSE = re.compile(r"\b(?:to\s+(?:review|consider|approve|examine)|reached|adopted|agreed\s+(?:on|in|at))\b", _I)
_PLACE_BEFORE = re.compile(r"\b(?P<p>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+$")
# "Talks on Russia's proposed membership of the World Trade Organisation (WTO)", "talks last week between the EC and the
# United States failed": the states and bodies named
_TALKS_ON = re.compile(r"\b(?P<noun>talks|negotiations)\s+(?:(?:on|over|about)|(?:[\w-]+\s+){0,3}?between)\s+(?P<body>[^,;:.]"
                       r"{0,100}?)(?=\s+(?:have|has|had|were|was|are|is|will|would|(?-i:[a-z]{3,}ed(?=\s+(?:to|the|an?|on|in|at|with)\b)))\b|[,;:.])", _I)


def _parties_in(tracker: Tracker, start: int, end: int, quote: Quote) -> list[int]:
    """Every state or organisation a phrase names, when it names two or more."""
    found = [c for m in _MOD_RE.finditer(tracker.text, start, end) if (c := gazetteer.country_of(m.group("m")))]
    found = list(dict.fromkeys(found))
    return [side(tracker, c, c, quote) for c in found] if len(found) >= 2 else []


def _described(tracker: Tracker, text: str) -> list[int]:
    """'the world's seven richest nations' after 'G7 finance ministers': the group just named."""
    if not GROUP_NOUN.search(text) or re.search(r"[A-Z]", text):
        return []
    group = [tracker.root(i) for i in tracker.last_group]
    return group if len(group) == 1 and tracker.reg.get(group[0]).country else []


_NEXT_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while)\s+")


def event_candidates(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote,
                     busy: set[int] = frozenset()) -> list[Candidate]:
    """Bodies meeting, people attending, people travelling, in the sentence text[s:e]; `busy` are the people
    of a meeting the sentence already reports ('host X and Y at a summit in Geneva')."""
    text, out = tracker.text, []
    events = _events(tracker, ms, s, e, quote)
    attending = list(_ATTEND.finditer(text, s, e))
    for a, b, parts, kind, place in events:
        people = []
        said = re.search(r"\bsaid\s+(?:that\s+)?(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$", text[s:a])
        if said and (who := subject(ms, s + said.start() + 1, s, text, speaker=True)) and len(who.ids) == 1 and \
                tracker.reg.get(who.ids[0]).office:  # "Gordon Brown said the London meeting ... would be"
            people.append(who.ids[0])
        if att := _ATTENDED_BY.search(text, s, e):
            people = _attendees(ms, att.end(), e)
        for m in attending:
            if m.start() <= a < m.end() + 40 and (who := subject(ms, m.start(), s, text)) and len(who.ids) == 1:
                listed = reversed(coordinated(text, ms, ms.index(who), -1))  # "X and Y are both due to attend"
                people += [x.ids[0] for x in listed if len(x.ids) == 1]
        people = list(dict.fromkeys(tracker.root(i) for i in people))
        own = _OTHER_CLAUSE.search(text, b, e)  # "..., is expected to review the resolution reached in Paris"
        cut = [c.end() for c in _NEXT_CLAUSE.finditer(text, s, a)]  # "X telephoned Y, and a meeting between ..."
        out.append(Candidate(parts + [p for p in people if p not in parts], [], (cut[-1] if cut else s, b),
                             (b, own.start() if own else e), (cut[-1] if cut else s, a), kind, place))
    if not events:
        for m in attending:  # "Mr Blair is at a summit in Brussels", "the meeting was attended by ..."
            who = subject(ms, m.start(), s, text, tracker, quote)
            noun = re.search(_NOUN, m.group(0), _I).group(0).lower()
            if who and len(who.ids) == 1 and tracker.root(who.ids[0]) not in busy and not negated(
                    text, s, m.start()) and not _BACK_REFERENCE.search(m.group(0)):
                out.append(Candidate([tracker.root(who.ids[0])], [], (s, m.end()), (m.end(), e), (s, m.start()),
                                     _KIND.get(noun, "meeting")))
        if att := _ATTENDED_BY.search(text, s, e):  # "The meeting was attended by ..."
            people = list(dict.fromkeys(tracker.root(i) for i in _attendees(ms, att.end(), e)))
            if people:
                out.append(Candidate(people, [], (s, att.end()), (att.end(), e), (s, att.start()), "meeting",
                                     joins=True))
        for m in _BACK_REFERENCE.finditer(text, s, e):  # "Mr Chirac will miss an address to the summit"
            who = subject(ms, m.start(), s, text, tracker, quote)
            if who and len(who.ids) == 1 and tracker.root(who.ids[0]) not in busy and not negated(text, s, m.start()):
                out.append(Candidate([tracker.root(who.ids[0])], [], (s, m.end()), (m.end(), e), (s, m.start()),
                                     _KIND.get(m.group("noun").lower(), "meeting"), joins=True))
        out += _gatherings(tracker, ms, s, e, quote, busy) + _fronted(tracker, ms, s, e, quote)
    out += _reported_calls(tracker, ms, s, e) + _addressed(tracker, ms, s, e) + _last_meeting(tracker, ms, s, e)
    return out + with_a_body(tracker, s, e, quote) + _told_at_a_session(tracker, ms, s, e, quote) + discussed_by(
        tracker, s, e, quote) + agreed_by(tracker, s, e, quote)


# "Dunkel told senior officials of the round's Trade Negotiations Committee at a closed session here today"
_TOLD_AT = re.compile(r"\b(?:told|addressed|briefed)\s+(?P<who>[^,.;:]{3,90}?)\s+at\s+(?:a|an|the|its|their)\s+"
                      r"(?:[\w-]+\s+){0,2}?(?:session|meeting)\b", _I)
_BODY_NAME = re.compile(r"(?:[A-Z][\w'’&-]*\s+){0,4}(?:Committee|Council|Commission|Board|Assembly|Group|Club|Forum)\b")


def _told_at_a_session(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[Candidate]:
    text, out = tracker.text, []
    for m in _TOLD_AT.finditer(text, s, e):
        named = _BODY_NAME.search(m.group("who"))
        who = subject(ms, m.start() + 1, s, text, speaker=True)
        if named and who and len(who.ids) == 1 and not negated(text, s, m.start()):
            body = tracker.reg.body(named.group(0).strip(), None, quote)
            out.append(Candidate([tracker.root(who.ids[0])], [body], (who.start, m.end()), (m.end(), e),
                                 (s, who.start), "meeting"))
    return out


_CALL_SAID = re.compile(r"\b(?:said|told\s+\w+)\s+(?:in|during)\s+an?\s+(?:(?:tele)?phone|video)\s+(?:conversation|call)\b"
                        r"(?!\s+with\b)", _I)


def _reported_calls(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """'Reagan said Takeshita said in a telephone conversation that ...': the two spoke by telephone."""
    text, out = tracker.text, []
    for m in _CALL_SAID.finditer(text, s, e):
        callee = subject(ms, m.start() + 1, s, text, speaker=True)
        caller = next((x for x in ms if x.ids and x.kind == "person" and len(x.ids) == 1 and re.match(
            r"\s+(?:said|says|told)\b", text[x.end:x.end + 8])), None)
        if callee is None or caller is None or caller.start >= callee.start or len(callee.ids) != 1:
            continue
        a, b = tracker.root(caller.ids[0]), tracker.root(callee.ids[0])
        if a != b:
            out.append(Candidate([a], [b], (callee.start, m.end()), (m.end(), e), (s, callee.start), "meeting"))
    return out


_ADDRESSED = re.compile(r"\b(?:told|addressed|briefed)\s+$", _I)


def _addressed(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """'Andriessen told agriculture ministers meeting in Luxembourg that ...': he addressed their meeting."""
    text, out = tracker.text, []
    for g in ms:
        if g.kind != "group" or not re.match(r"\s+(?:meeting|gathered|assembled)\b", text[g.end:g.end + 12]):
            continue
        verb = _ADDRESSED.search(text, max(s, g.start - 12), g.start)
        who = subject(ms, verb.start(), s, text) if verb else None
        if who and len(who.ids) == 1:
            verb_end = g.end + len(re.match(r"\s+\w+", text[g.end:]).group(0))
            out.append(Candidate([tracker.root(who.ids[0])], [tracker.root(i) for i in g.ids], (who.start, verb_end),
                                 (verb_end, e), (s, who.start), "meeting"))
    return out


_AUXILIARIES = re.compile(r"(?:\s+(?:are|is|were|was|will|would|be|been|have|has|had|also|now|still|again|"
                          r"expected|scheduled|due|set|likely|planning|planned|hoping|preparing|going|about))+$", _I)

_BOUNDARY = r"(?:and|but|as|while|when|before|after|until|since|because|if|that|where)"
# who gathers: the words before the verb, back to a clause's start ("... days before ESA ministers meet")
_GATHERED = re.compile(rf"(?:^|[,;]\s+|\s[-—–]+\s+|\b{_BOUNDARY}\s+)(?P<np>(?:(?!(?!and\b){_BOUNDARY}\b)[\w’'.&()-]+\s+){{0,8}}?"
                       rf"[\w’'.&()-]+)\s*$", _I)


_OBJECT_MET = re.compile(r"\s+(?!(?:in|at|on|to|for|this|next|last|later|early|again|here|there|today|tomorrow|yesterday|"
                         r"from|between|until|over|after|before|behind|under|without|during|near|amid|within|through|throughout|via|and|"
                         r"as|the|a|an|every|once|twice|\w+ly|\d\w*)\b)[a-z]+\s+[a-z]")


_DAY_AFTER = re.compile(rf"\s+(?:{'|'.join(w.title() for w in (*MONTHS, *WEEKDAYS))})\b")  # "will meet May 12"


def _gatherings(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote,
                busy: set[int] = frozenset()) -> list[Candidate]:
    """'The G8 countries will meet at Gleneagles', 'EC farm minsters are due to resume negotiations'."""
    text, out = tracker.text, []
    for m in _GATHER.finditer(text, s, e):
        someone = re.match(r"\s+(?:with\b|[A-Z])", text[m.end():m.end() + 6]) and not _DAY_AFTER.match(text, m.end())
        if negated(text, s, m.start()) or someone or _OBJECT_MET.match(text, m.end()):
            continue  # "met with X", "met Chancellor X": a person's meeting, triggers' job; "met thin offerings"
        if states := from_states(tracker, text[s:m.start()], quote):  # "Officials from A, B and, perhaps, C"
            out.append(Candidate(states[:1], states[1:], (s, m.end()), (m.end(), e), (s, s), "talks"))
            continue
        subj = _GATHERED.search(text[s:m.start()])
        if not subj:
            continue
        a = s + subj.start("np")
        if dash := list(re.finditer(r"\s[-—–]+\s+", subj.group("np"))):  # "ROME, April 27 - Representatives of"
            a += dash[-1].end()
        if states := two_states(tracker, _AUXILIARIES.sub("", subj.group("np")), quote):
            out.append(Candidate(states[:1], states[1:], (a, m.end()), (m.end(), e), (s, a), "talks"))
            continue  # "Canada and France will resume their negotiations"
        if not GROUP_NOUN.search(subj.group("np")):
            continue
        np_end = s + subj.start("np") + len(_AUXILIARIES.sub("", subj.group("np")))  # "OPEC oil ministers [are scheduled] to gather"
        listed = [m2 for m2 in ms if a <= m2.start < m.start() and m2.kind in ("person", "group")]
        if listed and all(len(x.ids) == 1 for x in listed) and len({tracker.root(x.ids[0]) for x in listed}) > 1 and len(
                coordinated(text, listed, 0, 1)) == len(listed):
            continue  # "Lavrov and Wang Yi met": two people, triggers' job
        group = [x for x in listed if x.kind == "group" and len(x.ids) >= 2]
        if group:  # "The two sides usually try to meet"
            ids = [tracker.root(i) for i in group[-1].ids]
            if set(ids) <= set(busy):
                continue  # "the two leaders agreed to meet again": triggers have it
            out.append(Candidate(ids[:1], ids[1:], (a, m.end()), (m.end(), e), (s, a), "meeting"))
        elif len(two := re.split(r"\s+and\s+(?:an?\s+|the\s+)?", text[a:np_end])) == 2 and all(
                GROUP_NOUN.search(x) for x in two):  # "Philippine officials and a 12-bank committee"
            one, other = (tracker.reg.body(x, None, quote) for x in two)
            out.append(Candidate([one], [other], (a, m.end()), (m.end(), e), (s, a), "meeting"))
        elif parties := _bodies(tracker, ms, a, np_end, quote):
            out.append(Candidate(parties, [], (a, m.end()), (m.end(), e), (s, a), "meeting"))
    return out


_LAST = re.compile(r"\bthe\s+(?:last|previous)\s+(?P<noun>meeting|talks|summit|round\s+of\s+talks)\b", _I)


def _last_meeting(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """'The two sides usually try to meet ... although the last meeting was delayed up to last February': the
    pair's last meeting, held."""
    text, out = tracker.text, []
    for m in _LAST.finditer(text, s, e):
        group = [x for x in ms if x.kind == "group" and len(x.ids) >= 2 and x.end <= m.start()]
        if group and not negated(text, s, m.start()):
            ids = list(dict.fromkeys(tracker.root(i) for i in group[-1].ids))
            out.append(Candidate(ids[:1], ids[1:], (m.start(), m.end()), (m.end(), e), (s, m.start()), "last"))
    return out


# "Meeting in Brussels, finance ministers of the 12 eurozone countries voiced ...", "At their meeting in London,
# G7 finance ministers backed ...": a body's meeting told before its name
_FRONTED = re.compile(r"\W*(?:Meeting|(?:At|After|During)\s+(?:their|its|the)\s+(?:[\w-]+\s+)?(?:meeting|talks|summit))"
                      r"\s+in\s+(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?),\s+(?P<np>(?:[\w’'.&-]+\s+){0,8}?[\w’'.&-]+)"
                      r"\s+(?=(?:[a-z]+ed|said|agreed|backed|voiced|called|urged|decided|were|was|have|had|will|would)\b)")


def _fronted(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[Candidate]:
    m = _FRONTED.match(tracker.text, s, e)
    if not m or not GROUP_NOUN.search(m.group("np")) or not gazetteer.is_place(m.group("place")):
        return []
    parties = _bodies(tracker, ms, *m.span("np"), quote)
    return [Candidate(parties, [], (s, m.end()), (m.end(), e), (s, s), "meeting", m.span("place"))] if parties else []

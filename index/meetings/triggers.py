"""Meeting triggers in a sentence ("will meet", "held talks with", "a telephone conversation with",
"hosted", "talks between ... and ...") and the parties around them: participants are the trigger's
subject, counterparts its object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meetings.identity import Tracker
from index.meetings.mentions import DATELINE_LEAD, Mention
from index.meetings.records import Quote
from index.meetings.trigger_words import SPLIT_VERBS, TRIGGERS
from index.text import gazetteer

_I = re.IGNORECASE
MODIFIER_AFTER = re.compile(r"\)?(?:['’]s)?\s+\(?(?!(?:And|Or|But|To|In|On|At|Of|For|The|Is|Was|Will|Has|Have)\b)[A-Z]")
_PARENTHETICAL = re.compile(r",\s*(?:[a-z]+ed|flanked)\s+by\s+[^,]*$")  # ", accompanied by ...", ", buoyed by ..."
_OBJ_GAP = re.compile(r"\s*(?:(?:separately|jointly|together|also|both|personally|directly|privately|again)\s+)*"
                      r"(?:(?:(?:this|last|next)\s+(?:morning|afternoon|evening|week)|yesterday|today|tomorrow)\s+)?"
                      r"(?:with\s+)?[“\"‘]?\s*(?:(?:[A-Z]\.){2,}\s+|[A-Z][a-z]+\s+){0,2}"  # "U.S. Treasury James Baker"
                      r"(?:(?:(?:senior|top|chief)\s+)?(?:[A-Z][\w&.-]*\s+){1,2}(?:executive|banker)\s+)?"  # "senior Citibank executive X"
                      r"(?:the\s+(?:[\w'’-]+\s+){0,4}?(?:officer|adviser|advisor|aide|expert|head|chief),\s+)?")
# "the government's chief medical officer, Sir Liam Donaldson"
# "talks with National Aeronautics and Space Administration (NASA) Administrator James Fletcher": a body's name
_BODY_BEFORE_OFFICE = re.compile(r"\s+(?:the\s+)?(?:(?:[A-Z][\w.&'’-]*|and|of|for|\([A-Z.]+\))\s+){1,7}"
                                 r"(?:[A-Z][\w.&'’-]*|\([A-Z.]+\))\s+")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|(?:and|as\s+well\s+as|&)\s+)"
                       r"(?:(?:Deputy|Vice|Acting|Assistant|Former)\s+)?|\s+and\s+the\s+(?:head|chief|"
                       r"governor|president|chairman|leader|minister)\s+of\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+,\s*")  # "A and the head of
# the central bank of Mexico, B, met"
NEGATED = re.compile(r"\b(?:not|never|no\s+longer|no\s+(?:plans?|intention)\s+to|declined|refused|won['’]t|didn['’]t|cannot|can['’]t)\b", _I)
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()]|\s[—–-]\s")
_ATTRIBUTION = re.compile(r"[,;”\"]\s*(?:(?:the|his|her|its|their|a)\s+)?(?:[\w’'-]+\s+){0,4}?(?:said|says"
                          r"|announced|added|reported|told)\b|,\s*(?:said|says|according\s+to)\b")
# "... for talks with Sarney and is expected to end his tour in Mexico City": what follows is another act
_NEXT_PREDICATE = re.compile(r"\s+and\s+(?:is|are|was|were|will|would|has|have|had|then|later|(?!discuss|talk)[a-z]{3,}ed"
                             r"|left|flew|went|told|said|gave|took)\b", _I)  # "met X yesterday and signed ..."
LOCATIVE = re.compile(r"\b(?:in|at|to|from|for|near|into|via|of)\s+$")  # an unknown name there is a place
# "Morocco will meet", "Yugoslavia, which ..., has begun talks with": a state as the clause's subject
_STATE_SUBJECT = re.compile(r"(?:^|[-—–]\s+|\b(?:said|says|added)\s+(?:that\s+)?)(?P<c>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)"
                            r"(?:,\s+which\s[^,;]*,)?\s+(?:[a-z]+\s+){0,3}$")  # "Gros said Brazil was likely to meet again with"
_AND_GROUP = re.compile(r"\s+and\s+(?:its|their|his|her|the)\s+(?P<body>(?:[\w-]+\s+){0,3}?(?:committee|creditors|bankers|banks"
                        r"|lenders|donors))\b")
_ITS_BODY_SAID = re.compile(r"(?:^|[-—–]\s+)(?:The\s+)?(?P<c>[A-Z][\w.'’-]*)\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:said|says|announced)"
                           r"\s+(?:that\s+)?it\s+(?:[a-z]+\s+){0,5}$")  # "The Japanese Finance Ministry said it plans to"
_GATHERING = re.compile(r"\b(?P<body>(?:(?!(?:a|an|the)\s)[\w-]+\s+)?(?:donors|creditors|bankers|lenders|producers|consumers|exporters"
                        r"|importers))['’]\s+(?:[\w-]+\s+)?(?:meeting|talks|conference)\b")
# "met officials of the Export-Import Bank", "began talks with commercial banks": a group no name stands for
_GROUP_OBJECT = re.compile(r"\s*(?:(?:only|also|separately|privately|again)\s+)?(?:with\s+)?(?:(?:the|a|an|its|their|his|her)\s+)?(?P<body>(?:[A-Za-z][\w-]*\s+|\d[\w-]*\s+){0,3}?"
                           r"(?:officials|bankers|banks|creditors|donors|representatives|delegations?|delegates|committee"
                           r"|businessmen|executives|lenders|premiers|ministers|leaders|governors|panel)\b(?:\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*(?:\s+(?:of\s+|and\s+"
                           r"|for\s+|the\s+)?[A-Z][\w'’&.-]*)*|(?:[a-z][\w-]*\s+){0,4}?(?:companies|firms|banks|countries|nations"
                           r"|governments|exporters|importers|producers)\b))?)")


@dataclass
class Candidate:  # one meeting a trigger in a sentence speaks of
    participants: list[int]
    counterparts: list[int]
    clause: tuple[int, int]  # the trigger's clause: from its subject (or the last clause break) to the trigger
    after: tuple[int, int]  # after the object, up to an attribution ("..., his office said") or the next trigger
    prefix: tuple[int, int]  # the sentence before the subject ("On Monday, ...")
    kind: str = "meeting"  # meeting | talks | phone call | visit | summit | conference; "last" (held), "proposed" (to come)
    place: tuple[int, int] | None = None  # where a trip goes, when the finder saw it
    joins: bool = False  # "the meeting was attended by ...": these people join the meeting just reported


def _quoted(text: str, s: int, pos: int, trigger: int) -> bool:
    """pos is inside a quotation that closes before the trigger."""
    inside = text.count('"', s, pos) % 2 == 1 or text.count("“", s, pos) > text.count("”", s, pos)
    return inside and ('"' in text[pos:trigger] or "”" in text[pos:trigger])


def negated(text: str, start: int, pos: int) -> bool:
    """A negation in the clause before pos: 'did not meet', 'declined to meet'."""
    cut = max([start, *(m.end() for m in _CLAUSE_PUNCTUATION.finditer(text, start, pos))])
    return bool(NEGATED.search(text, cut, pos))


def _triggers(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    found = sorted(((m.start(), m.end(), kind, m.group(0).split()[0].lower())
                    for rx, kind in TRIGGERS for m in rx.finditer(text, start, end)), key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, str, str]] = []
    for t in found:
        if not kept or t[0] >= kept[-1][1]:
            kept.append(t)
    return kept


_RELATIVE_OPENS = re.compile(r",\s*(?:who|whom|whose|which)\b[^,;]*$", _I)


def _in_relative_clause(text: str, s: int, m: Mention, trigger: int) -> bool:
    """m stands inside a ", who ..." clause that closes before the trigger."""
    return bool(_RELATIVE_OPENS.search(text, s, m.start)) and "," in text[m.end:trigger]


def coordinated(text: str, ms: list[Mention], i: int, step: int) -> list[Mention]:
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


def side(tracker: Tracker, org: str, text: str, quote: Quote) -> int:
    """The party of a state or an organisation, named here by text."""
    eid = tracker.reg.side(org)
    tracker.reg.note(eid, text, quote, 1)
    return eid


def _state_opening(text: str, s: int, t_start: int) -> tuple[str, str] | None:
    """(country, as written) when a state opens the clause before a trigger: "Yugoslavia has begun talks with",
    "The Japanese Finance Ministry said it plans to hold talks with"."""
    state = _STATE_SUBJECT.search(text[s:t_start]) or _ITS_BODY_SAID.search(text[s:t_start])
    country = gazetteer.country_of(state.group("c")) if state else None
    return (country, state.group("c")) if country and gazetteer.country(country) else None


def _ids(tracker: Tracker, ms: list[Mention], quote: Quote) -> list[int]:
    out: list[int] = []
    for m in ms:
        out += [tracker.root(i) for i in m.ids or (tracker.promote(m, quote),) if tracker.root(i) not in out]
    return out


_STATE_NAMES = sorted({c.name for c in gazetteer.COUNTRIES} | {o.title() for c in gazetteer.COUNTRIES for o in c.other_names}
                      | set(gazetteer.ACRONYM_COUNTRY), key=len, reverse=True)
STATE_NAME = re.compile(r"(?<![\w.])(?:the\s+)?(?P<n>" + "|".join(re.escape(n) for n in _STATE_NAMES) + r")(?![\w'’-])")
_STATE_OPENS = re.compile(DATELINE_LEAD + r"(?:(?:After|Following|During|At|In)\s+[^,;]{1,40},\s+)?"  # "After several meetings, Brazil"
                          r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+and\s+(?:the\s+)?)?")
_EPITHET = r"(?:[a-z]+ly\s+)?(?:[a-z]+ed|pro-\w+|[a-z]+-[a-z]+)"  # "financially troubled", "debt-ridden"
_STATE_OBJECT = re.compile(rf"\b(?:and|(?:with|between)(?:\s+{_EPITHET})?)\s+$")  # "between financially troubled Zaire"
_TOPIC_TALKS = re.compile(r"\b(?:of|on|about|over|for)\s+(?:[\w-]+\s+){0,3}(?:talks|negotiations|meetings?|discussions)\s+"
                          r"(?:with|between)\s+$")
_TALKS_WORD = re.compile(r"(?:held|hold|holds|holding|talks|negotiations)$")
_STATE_AFTER = re.compile(r"\s*(?:[,.;:]|$)|\s+(?:and|or|(?i:have|has|had)|is|are|was|were|will|would|held|hold|holds|met|meet"
                          r"|meets|began|begin|agreed|signed|discussed|ended|opened|resumed|on|in|at|over|about|last|next"
                          r"|this|yesterday|today|tomorrow|which|who)\b")


def state_mentions(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote, keep) -> list[Mention]:
    """The countries named in text[s:e] outside the mentions ms and not as a place ("in Brazil"), each a side,
    where keep(match) holds."""
    text, out = tracker.text, []
    for m in STATE_NAME.finditer(text, s, e):
        if (country := gazetteer.country_of(m.group("n"))) and not any(x.start < m.end() and m.start() < x.end for x in ms) \
                and not LOCATIVE.search(text, s, m.start()) and keep(m):
            out.append(Mention(m.start(), m.end(), (side(tracker, country, m.group("n"), quote),), "side", m.group(0)))
    return out


def _party(text: str, s: int, e: int, m: re.Match[str]) -> bool:
    """A country named as a party ('Egypt will hold talks with the Soviet Union'): a clause's subject or a
    meeting's other side, not "urged Thailand to stop", nor a topic ("on the pace of free trade talks with the
    United States")."""
    return bool(_STATE_AFTER.match(text, m.end(), e) and (
        _STATE_OPENS.fullmatch(text, s, m.start()) or _STATE_OBJECT.search(text, s, m.start()))) and not (
        _TOPIC_TALKS.search(text, max(s, m.start() - 80), m.start()))


def candidates(tracker: Tracker, ms: list[Mention], s: int, e: int, quote: Quote) -> list[Candidate]:
    text, out = tracker.text, []
    ms = [m for m in ms if m.ids or (m.kind == "name" and not LOCATIVE.search(text, s, m.start))]
    ms = sorted(ms + state_mentions(tracker, ms, s, e, quote, lambda m: _party(text, s, e, m)), key=lambda m: m.start)
    triggers = _triggers(text, s, e)
    as_object: dict[int, list[Mention]] = {}  # mention start -> the subject of the trigger it is the object of
    for n, (t_start, t_end, kind, word) in enumerate(triggers):
        nxt = next((x[0] for x in triggers[n + 1:] if x[2] != "discuss"), e)  # "... to discuss": our topic
        between = text[t_start:t_end].lower().endswith("between")
        objs: list[Mention] = []
        first = next((i for i, m in enumerate(ms) if m.start >= t_end), None)
        lead = first
        if first is not None and first + 1 < len(ms) and re.fullmatch(r"['’]s\s+", text[ms[first].end:ms[first + 1].start]):
            first += 1  # "with Citibank's William Rhodes": Rhodes
        elif first is not None and first + 1 < len(ms) and " " not in ms[first].text and re.fullmatch(
                r"\s+(?:executive|banker|economist)\s+", text[ms[first].end:ms[first + 1].start]):
            first = lead = first + 1  # "with Citibank executive William Rhodes": Rhodes
        if first is not None and ms[first].kind == "name":
            held = next((j for j in range(first + 1, len(ms)) if ms[j].kind == "person"), None)
            if held is not None and ms[held].text[:1].isupper() and _BODY_BEFORE_OFFICE.fullmatch(
                    text, t_end, ms[held].start):
                first = lead = held
        if first is not None and not ms[first].speaker and text[ms[first].end:ms[first].end + 2] not in ("'s", "’s"):
            gap = text[t_end:ms[lead].start]
            gap = " " if _BODY_BEFORE_OFFICE.fullmatch(text, t_end, ms[lead].start) and ms[first].kind == "person" or (
                between and ms[first].kind == "side" and re.fullmatch(rf"\s+{_EPITHET}\s+", gap)) else gap
            single = ms[first].kind == "name" and " " not in ms[first].text  # an unknown surname: only right here
            if (kind == "host" or single) and gap.isspace() or not single and _OBJ_GAP.fullmatch(gap):
                objs = coordinated(text, ms, first, 1)
            if kind == "discuss" and not text[t_start:t_end].lower().endswith("with"):
                objs = []  # "to discuss Kliper": what is discussed, not whom with
            if word.startswith("call") and objs and re.match(r"\s*(?:,[^,]*,\s*)?to\s+\w+", text[objs[-1].end:e]):
                objs = []  # "called on the government to act": urging, not a visit
            if word.startswith("visit") and (ms[first].kind == "name" and not re.match(
                    r"(?:Mr|Mrs|Ms|Dr|Sir)\b", text[ms[first].start:ms[first].end]) or not gap.isspace()):
                objs = []  # "visited Scandinavia": a trip, events' job
        # the subject: the nearest party before the trigger (an unknown name only right before it)
        before = [i for i, m in enumerate(ms) if m.end <= t_start and not m.speaker and (m.kind != "name" or (
            (" " in m.text or _OPENING.fullmatch(text, s, m.start) and objs and objs[0].kind == "person" and not (
                gazetteer.is_place(m.text) or gazetteer.country_of(m.text))) and len(text[m.end:t_start].split()) <= 4 and (
                "," not in text[m.end:t_start] or re.fullmatch(
                r",\s*", text[m.end:t_start]) and i > 0 and _LIST_GAP.fullmatch(text[ms[i - 1].end:m.start]))))
            and not _PARENTHETICAL.search(text, s, m.start)  # "Shultz, accompanied by senior advisers, ..."
            and not _in_relative_clause(text, s, m, t_start)  # "X, who is travelling with Gonzalez, held talks"
            and not (m.kind == "side" and MODIFIER_AFTER.match(text, m.end))  # "the IMF's Interim Committee"
            and not _quoted(text, s, m.start, t_start)]  # '"We expect the U.S. government ..." and discussed'
        if not before and objs and re.search(
                r"\b(?:(?:following|after)\s+(?:an?|the|his|her|their)|based\s+on(?:\s+(?:his|her|their))?)\s+(?:[\w-]+\s+)?$",
                text[s:t_start]):
            before = [i for i, m in enumerate(ms) if m.end <= t_start and m.speaker][-1:]  # "X said ... following a
            # meeting with his advisers": the speaker met them
        if not before and objs and (kind == "noun" or word in ("meeting", "meetings")) and not between:  # "After a day of meetings with A, B and C, Clark"
            after_objs = next((i for i, m in enumerate(ms) if m.start >= objs[-1].end), None)
            if after_objs is not None and re.fullmatch(r"\s*,\s*", text[objs[-1].end:ms[after_objs].start]):
                before = [after_objs]
        relative = bool(before) and re.match(r",\s+who\b", text[ms[before[-1]].end:t_start]) is not None
        subj = [] if between or not before else (  # "X, who arrived from a meeting with Y": X, not who X met
            (None if relative else as_object.get(ms[before[-1]].start)) or coordinated(text, ms, before[-1], -1)[::-1])
        as_object.update((o.start, subj) for o in objs)
        subj_end = subj[-1].end if subj and subj[-1].end <= t_start else s
        cut = max([subj_end, *(m.end() for m in _CLAUSE_PUNCTUATION.finditer(text, subj_end, t_start))])
        if NEGATED.search(text, cut, t_start):
            continue  # "did not meet", "declined to meet"
        gap = text[subj_end:t_start]
        if between and len(objs) > 2:  # "between Oil and Natural Gas Corporation chairman X, ...": no lone word
            objs = [o for o in objs if not (o.kind == "name" and " " not in o.text)]
        if between and len(objs) == 1 and objs[0].ids and (and_group := _AND_GROUP.match(text, objs[0].end, nxt)):
            body = tracker.reg.body(and_group.group("body"), None, quote)  # "between the Philippines and its bank committee"
            out.append(Candidate(_ids(tracker, objs, quote)[:1], [body], (cut, t_end), (and_group.end(), nxt),
                                 (s, t_start), "meeting"))
            continue
        if kind == "during" and _OPENING.fullmatch(text, s, t_start):
            out += _opening_talks(tracker, ms, (t_start, e), quote)
            continue
        if kind == "during" and len(subj) == 1 and (trip := _talks_abroad(tracker, subj[0], t_end, e)):
            out.append(Candidate([trip[0]], [], (t_start, t_end), (t_end, e), (t_start, t_start), "visit", trip[1]))
            continue  # "Chirac returned to Paris after three days of talks in New York and Washington"
        if kind == "during" and len(subj) == 1 and subj[0].ids and (
                gathering := _GATHERING.search(text, t_start, t_end)):  # "Bangladesh will seek ... at a donors' meeting"
            body = tracker.reg.body(gathering.group("body"), None, quote)
            out.append(Candidate(_ids(tracker, subj, quote), [body], (cut, t_end), (t_end, nxt), (s, subj[0].start),
                                 "meeting"))
            continue
        if kind == "during":  # only a coordinated subject met there
            if len(subj) < 2 or _CLAUSE_PUNCTUATION.search(gap):
                continue
            objs = []
        group = None if objs or between or kind not in ("verb", "noun", "host") or word.startswith(
            ("visit", "see", "saw", "call", "brief", "summon")) else _GROUP_OBJECT.match(text, t_end, nxt)
        state = _state_opening(text, s, t_start) if not subj and (group or objs) else None
        if state and objs and not between and kind in ("verb", "noun") and all(o.kind == "side" for o in objs):
            counters = [i for i in _ids(tracker, objs, quote) if tracker.reg.get(i).country != state[0]]
            att = _ATTRIBUTION.search(text, objs[-1].end, nxt) or _NEXT_PREDICATE.search(text, objs[-1].end, nxt)
            if counters:  # "Zambia held talks with the International Monetary Fund"
                out.append(Candidate([side(tracker, *state, quote)], counters, (s, t_end),
                                     (objs[-1].end, att.start() if att else nxt), (s, s), "meeting"))
            continue
        if state and group:
            subj_ids = [side(tracker, *state, quote)]
        else:
            subj_ids = _ids(tracker, subj, quote) if group and subj else []
        if subj_ids:  # "Funaro met officials of the Export-Import Bank", "Yugoslavia has begun talks with banks"
            att = _ATTRIBUTION.search(text, group.end(), nxt) or _NEXT_PREDICATE.search(text, group.end(), nxt)
            body = re.sub(r"^of\s+(?:the\s+)?", "", group.group("body"))  # "a meeting of EC farm ministers"
            out.append(Candidate(subj_ids, [tracker.reg.body(body, None, quote)], (cut, t_end),
                                 (group.end(), att.start() if att else nxt), (s, cut), "meeting"))
            continue
        if between and objs and (len(objs) >= 2 or len(objs[0].ids) >= 2) or not objs and (word in SPLIT_VERBS and (
                ("," not in gap or re.fullmatch(r",\s*", gap)) and len(gap.split()) <= 3) or kind == "during") and subj:  # "talks between X and Y", "X and Y met"
            ids = _ids(tracker, objs or subj, quote)
            parts, counters = ids[:1], ids[1:]
        elif objs and subj:
            parts, counters = _ids(tracker, subj, quote), _ids(tracker, objs, quote)
            parts, counters = (counters, parts) if kind == "from" else (parts, counters)
        else:
            continue
        parts = [p for p in parts if p not in counters]
        if not parts or not counters or all(tracker.reg.get(i).side for i in parts + counters) and not _TALKS_WORD.match(word):
            continue
        obj_end = objs[-1].end if objs else t_end
        att = _ATTRIBUTION.search(text, obj_end, nxt) or _NEXT_PREDICATE.search(text, obj_end, nxt)
        spans = (cut, t_end), (obj_end, att.start() if att else nxt), (s, min(subj[0].start if subj else t_start, t_start))
        found = "visit" if word.startswith("visit") else "meeting"
        if word == "meetings" and len(counters) > 1 and not between:  # "a day of meetings with A, B and C": one meeting each
            out += [Candidate(parts, [c], *spans, found) for c in counters]
        else:
            out.append(Candidate(parts, counters, *spans, found))
    return out + _met_whom(tracker, ms, s, e)


_MET_WHOM = re.compile(r",\s+(?:who|whom)\s+(?P<pro>he|she)\s+(?:had\s+|has\s+|will\s+|would\s+)?(?:met|meet|meets)(?:\s+with)?\b")


def _met_whom(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """'Finance Minister X, who he met with last week': he met X."""
    out = []
    for m in _MET_WHOM.finditer(tracker.text, s, e):
        whom = [x for x in ms if x.end == m.start() and x.kind == "person" and len(x.ids) == 1]
        who = [x for x in ms if whom and x.end <= whom[0].start and x.kind in ("person", "pronoun") and len(x.ids) == 1
               and tracker.root(x.ids[0]) != tracker.root(whom[0].ids[0])][:1]  # "He said that he expected X, who he met"
        if whom and who:
            out.append(Candidate([tracker.root(who[0].ids[0])], [tracker.root(whom[0].ids[0])], (whom[0].start, m.end()),
                                 (m.end(), e), (s, whom[0].start), "meeting"))
    return out


_OPENING = re.compile(r"\s*" + DATELINE_LEAD)  # nothing before but a dateline


def _opening_talks(tracker: Tracker, ms: list[Mention], span: tuple[int, int], quote: Quote) -> list[Candidate]:
    """'At meetings here this week, Bank of England officials pressed their Japanese counterparts to ...': the
    subject after the comma met the object of its verb."""
    text, (start, end) = tracker.text, span
    first = next((m for m in ms if m.start > start), None)  # "At a meeting in Paris last January French and Soviet
    if first and first.kind == "group" and len(first.ids) >= 2 and len(text[start:first.start].split()) <= 10:  # ministers said"
        ids = _ids(tracker, [first], quote)
        stop = _CLAUSE_PUNCTUATION.search(text, first.end, end)
        return [Candidate(ids[:1], ids[1:], (start, first.end), (first.end, stop.start() if stop else end), (start, start),
                          "meeting")] if len(ids) >= 2 else []
    comma = text.find(",", start, end)
    after = [m for m in ms if comma >= 0 and m.start > comma and m.ids and not m.speaker]
    if len(after) < 2 or not re.fullmatch(r"\s+(?:[a-z]+\s+){1,2}", text[after[0].end:after[1].start]):
        return []  # "..., A <verb> B"
    parts, counters = _ids(tracker, [after[0]], quote), _ids(tracker, [after[1]], quote)
    counters = [c for c in counters if c not in parts]
    if not parts or not counters or negated(text, comma, after[1].start):
        return []
    stop = _CLAUSE_PUNCTUATION.search(text, after[1].end, end)
    return [Candidate(parts, counters, (start, after[1].end), (after[1].end, stop.start() if stop else end),
                      (start, start), "meeting")]


_TALKS_IN = re.compile(r"\s+in\s+(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _talks_abroad(tracker: Tracker, who: Mention, at: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """'X ... after three days of talks in New York': one office holder's talks in a place of another state."""
    found = _TALKS_IN.match(tracker.text, at, end)
    person = tracker.reg.get(tracker.root(who.ids[0])) if len(who.ids) == 1 else None
    if not (found and person and person.office and not person.side):
        return None
    state = gazetteer.country_of(found["p"]) or gazetteer.city_country(found["p"])
    home = person.country or tracker.home
    if not (state and home and state != home):
        return None
    return tracker.root(who.ids[0]), found.span("p")

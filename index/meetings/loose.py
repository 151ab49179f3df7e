"""A sentence that speaks of a meeting between two or three parties in words no rule reads: 'After several
meetings, Brazil and the U.S. Have made no major progress', 'Michael Smith would meet with MITI vice president
Makoto Kuroda'. Read only where no rule found a meeting in the sentence; the first party named is the participant."""

from __future__ import annotations

import re

from index.meetings.identity import Tracker
from index.meetings.mentions import Mention
from index.meetings.records import Quote
from index.meetings.triggers import MODIFIER_AFTER, NEGATED, STATE_NAME, Candidate, state_mentions
from index.text import gazetteer

_I = re.IGNORECASE
_MEETING_WORD = re.compile(r"\b(?:met|meet|meets|meeting|meetings|talks|negotiations|negotiating|summit|consultations|conferred)\b",
                           _I)
_NOT_A_MEETING = re.compile(r"\b(?:sales?|pay|wage|merger|takeover|contract|trade\s+union|union|labou?r|strike)\s+"
                            r"(?:talks|negotiations)\b|\bmeet\s+(?:the\s+)?(?:demand|needs?|targets?|requirements?|"
                            r"obligations?|payments?|costs?|deadline|criteria|conditions|pressure|goals?)\b", _I)
_MAX_PARTIES = 3
_PROPOSED = re.compile(r"\b(?:propos(?:ed|es|e|ing|al)|offer(?:ed|s)?|suggest(?:ed|s)?|invit(?:ed|es|ation))\b", _I)
_BETWEEN = re.compile(r"\bbetween\b")  # "meetings which took place between A, B and C": the rules' own reading


def loose_candidates(tracker: Tracker, mentions: list[Mention], s: int, e: int, quote: Quote) -> list[Candidate]:
    """Two or three parties in a sentence with a meeting word, none of them only a place or a topic."""
    text = tracker.text
    word = _MEETING_WORD.search(text, s, e)
    if not word or _BETWEEN.search(text, word.end(), e) or NEGATED.search(text, s, e) or _NOT_A_MEETING.search(
            text, s, e) or text.count('"', s, e) >= 2:
        return []
    ms = [m for m in mentions if m.ids and m.kind in ("person", "side", "group") and not m.speaker]
    ms = sorted(ms + state_mentions(tracker, ms, s, e, quote, lambda m: not MODIFIER_AFTER.match(text, m.end())),
                key=lambda m: m.start)  # not "the U.S. Treasury"
    if len(ms) > _MAX_PARTIES or len(STATE_NAME.findall(text, s, e)) > _MAX_PARTIES:
        return []  # "Talks also centred on ... China and India, the US ...": a list, a topic
    ids = list(dict.fromkeys(tracker.root(i) for m in ms for i in m.ids))
    if len(ids) == 1 and (body := _body_meeting(tracker, ms, e, quote)):
        return [body]
    home = tracker.reg.get(ids[0]).country if ids else None
    ids = ids[:1] + [i for i in ids[1:] if not home or tracker.reg.get(i).country != home]  # "Gros said Brazil has"
    if not 2 <= len(ids) <= _MAX_PARTIES or not any(
            (p := tracker.reg.get(i)).office or p.country and gazetteer.country(p.country) for i in ids):
        return []  # "The EU and NATO met": bodies alone
    proposed = _PROPOSED.search(text, s, word.start())  # "proposed in a letter to his counterpart X that they meet"
    return [Candidate(ids[:1], ids[1:], (s, word.end()), (word.end(), e), (s, s), "proposed" if proposed else "meeting")]


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|[\w]+-(?:day|hour|week))"
_AUX = (r"(?:will|would|shall|may|might|could|must|should|are|is|was|were|have|has|had|been|be|to|expected|due|scheduled|"
        r"set|likely|also|again|later|now|still|currently|forced|planning|plan|plans|planned|agreed|decided|hoping|hope)")
_BODY_TO_WORD = re.compile(  # the body as the meeting's subject: "ended six hours of", "are due to hold a", "'", and
    rf"(?:['’]s?|\s+(?:[^,;:.]{{0,80}}?\b(?:when|where|as|after|before|until|once)\s+(?:they|it)\b|[^,;:.]{{0,60}}?"
    rf"\b(?:their|its)\b(?=\s+(?:[\w-]+\s+)?$)))?\s+(?:{_AUX}\s+)*(?:(?:meet|gather|hold|held|open|began|begin|start|end|"
    rf"clos|resum|conclud|attend)\w*\s+|(?-i:[a-z]+)\s+(?:[\w'’-]+\s+){{0,3}}?(?=at\s))?(?:(?:up|at|in|for|a|an|the|their|its|"
    rf"another|new|next|marathon|special|emergency|informal|regular|annual|quarterly|ministerial|{_NUMBER}|hours|days|"
    rf"weeks|of|round|rounds)\s+)*", _I)  # "... when they meet", "at their summit", "is due to discuss it at a meeting"
_KINDS = {"talks": "talks", "negotiations": "talks", "consultations": "talks", "summit": "summit"}


def _body_meeting(tracker: Tracker, ms: list[Mention], e: int,
                  quote: Quote) -> Candidate | None:
    """One body or group of officials meeting, named just before the meeting word: 'As EC budget ministers ended
    six hours of talks in Luxembourg', 'when the Group of Seven industrial nations meets'."""
    m = ms[0]
    who = tracker.reg.get(tracker.root(m.ids[0]))
    word = next((w for w in _MEETING_WORD.finditer(tracker.text, m.end, e) if _BODY_TO_WORD.fullmatch(
        tracker.text, m.end, w.start())), None)
    if m.kind not in ("side", "group") or word is None or not who.country or (
            m.kind == "side" and gazetteer.country(who.country or "")):
        return None  # a state alone is no meeting's party, nor "union leaders" of no state or body
    kind = _KINDS.get(word.group(0).lower(), "meeting")
    party = tracker.root(m.ids[0]) if m.kind == "side" else tracker.reg.body(
        re.sub(r"^(?i:the)\s+", "", tracker.text[m.start:m.end]), who.country, quote)  # "EC budget ministers" as one party
    return Candidate([party], [], (m.start, word.end()), (word.end(), e), (m.start, m.start), kind)

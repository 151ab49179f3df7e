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
_MEETING_WORD = re.compile(r"\b(?:met|meet|meets|meeting|meetings|talks|negotiations|summit|consultations|conferred)\b",
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
    home = tracker.reg.get(ids[0]).country if ids else None
    ids = ids[:1] + [i for i in ids[1:] if not home or tracker.reg.get(i).country != home]  # "Gros said Brazil has"
    if not 2 <= len(ids) <= _MAX_PARTIES or not any(
            (p := tracker.reg.get(i)).office or p.country and gazetteer.country(p.country) for i in ids):
        return []  # "The EU and NATO met": bodies alone
    proposed = _PROPOSED.search(text, s, word.start())  # "proposed in a letter to his counterpart X that they meet"
    return [Candidate(ids[:1], ids[1:], (s, word.end()), (word.end(), e), (s, s), "proposed" if proposed else "meeting")]

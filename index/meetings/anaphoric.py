"""A meeting of a group named before it: "Foreign Ministers of ASEAN said ..." then "a communique issued at the
end of a two-day ministerial meeting", or "EC industry ministers declared ..." then "The ministers were meeting
to discuss a plan"; "EC finance ministers and central bankers agreed ..." then "Eyskens said after hosting a
one-day session of informal talks": the host met them."""

from __future__ import annotations

import re

from index.meetings.identity import Tracker
from index.meetings.mentions import Mention
from index.meetings.triggers import Candidate, negated, side

_GROUP_MET = re.compile(r"\b(?:[Tt]he|[Tt]heir)\s+(?:[\w-]+\s+)?ministers\s+(?:were|are|have\s+been|had\s+been)\s+meeting\b"
                        r"|\b(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}?ministerial\s+(?:meeting|session|conference|talks)\b"
                        r"(?!\s+(?:of|with|between)\b)")


def group_candidates(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """The group of ministers the article named first, meeting, when the sentence names no one at its meeting."""
    found = _GROUP_MET.search(tracker.text, s, e)
    if found is None or negated(tracker.text, s, found.start()) or any(
            m.ids and found.start() - 40 <= m.start <= found.end() + 40 for m in ms):
        return []
    groups = _ministers(tracker)
    if not groups:
        return []
    group = tracker.reg.get(groups[0])
    named_with = [i for i in tracker.reg.roots() if (ent := tracker.reg.get(i)).side and ent.quote is not None
                  and ent.quote.start == group.quote.start]  # "Foreign Ministers of ASEAN": ASEAN's meeting
    body = side(tracker, group.country, group.country, group.quote) if group.country else named_with[0] if named_with else None
    if body is None:
        return []
    return [Candidate([body, groups[0]], [], (found.start(), found.end()), (found.end(), e), (s, found.start()),
                      "meeting", None)]


_HOSTED = re.compile(r"\b(?:after|before|while|when)\s+host(?:ing|ed)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:session|meeting|"
                     r"talks|conference|gathering)\b", re.IGNORECASE)


def hosted_candidates(tracker: Tracker, ms: list[Mention], s: int, e: int) -> list[Candidate]:
    """'X said after hosting a one-day session of informal talks': X met the ministers the article named first."""
    found = _HOSTED.search(tracker.text, s, e)
    people = [m for m in ms if found and m.end <= found.start() and m.kind == "person" and len(m.ids) == 1]
    host = people[-1] if people and len(tracker.text[people[-1].end:found.start()].split()) <= 4 else None
    if host is None or not (groups := _ministers(tracker)):
        return []
    return [Candidate([tracker.root(host.ids[0])], groups[:1], (found.start(), found.end()), (found.end(), e),
                      (s, found.start()), "meeting", None)]


def _ministers(tracker: Tracker) -> list[int]:
    """The groups of ministers named so far, first named first ("EC finance ministers")."""
    return [i for i in tracker.reg.roots() if (ent := tracker.reg.get(i)).office and not ent.name
            and ent.office.endswith("Ministers") and ent.quote is not None]

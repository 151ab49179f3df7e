"""What a quote must hold to answer a question about a meeting: 'When did Chirac meet Delors?' one that
reports a meeting and names both (in its paragraph, or before it when it opens with "He"); 'Who did Chirac
meet?' one that reports a meeting and names someone else; '... at their meeting in Paris?' no quote that puts
the meeting elsewhere ("a meeting ... here" in a Brussels story, "talks in London")."""

from __future__ import annotations

import re
from typing import NamedTuple

from index.answers.fit import meeting_asked, meeting_reported, people_named
from index.text import gazetteer

_PLACE = r"(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)"
_ASKED_AT = re.compile(r"\b(?:meet|met|meeting|meetings|talks|summit|conference)\b[^?]{0,40}?\b(?:in|at)\s+" + _PLACE)
_TOLD_AT = re.compile(r"\b(?:meet\w*|met|talks|summit|conference)\b[^.;,]{0,70}?(?:\b(?:in|at)\s+" + _PLACE
                      + r"|\s(?P<here>here)\b)")


class Told(NamedTuple):
    quote: str  # without its dateline
    around: str  # the text its names may stand in
    dateline: str | None  # the city the story is filed from


def together_unfit(question: str, quotes: list[Told], terms: list[str]) -> str | None:
    """Why these quotes cannot answer a question about a meeting, or None."""
    if not met_together_fits(question, quotes, terms):
        return "The passages that speak of this report no such meeting."
    if elsewhere := _told_elsewhere(question, quotes):
        return "The articles report it in {}, not {}.".format(*elsewhere)
    return None


def met_together_fits(question: str, quotes: list[Told], terms: list[str]) -> bool:
    """terms: the names the question gives."""
    asked = meeting_asked(question, bool(terms))
    if asked is None:
        return True
    reported = [told for told in quotes if meeting_reported(asked, told.quote)]
    if re.match(r"\W*(?:and\s+)?(?:who|whom|which|what)\b", question.strip(), re.IGNORECASE):
        return any(any(people_named(question, told.quote)) for told in reported)  # someone else, met
    people = [t for t in terms if not (gazetteer.country_of(t) or gazetteer.is_place(t))]
    if len(people) < 2:
        return True
    return any(all(re.search(rf"\b{re.escape(p)}\b", told.around, re.IGNORECASE) for p in people) for told in reported)


def _told_elsewhere(question: str, quotes: list[Told]) -> tuple[str, str] | None:
    """(the place the quotes give the meeting, the other the question puts it in), else None."""
    asked = _ASKED_AT.search(question)
    if asked is None or not gazetteer.is_place(asked.group("p")):
        return None
    wanted = asked.group("p")
    at = re.compile(rf"\b(?:in|at|to)\s+(?:the\s+)?{re.escape(wanted)}\b|\b{re.escape(wanted)}(?:,\s+where|\s+(?:meeting"
                    r"|talks|summit|conference))\b", re.IGNORECASE)  # not "the Paris accord"
    if any(at.search(told.quote) for told in quotes):
        return None
    places = [m.group("p") if m.group("p") else told.dateline for told in quotes for m in _TOLD_AT.finditer(told.quote)]
    places = [p for p in places if p and gazetteer.is_place(p)]
    return (places[0], wanted) if places and all(_apart(p, wanted) for p in places) else None


def _apart(place: str, other: str) -> bool:
    """Two places, neither within the other ('Tokyo' is within 'Japan'; 'Osaka' and 'Tokyo' are apart)."""
    if place.lower() == other.lower():
        return False
    city, town = gazetteer.city_country(place), gazetteer.city_country(other)
    state, land = gazetteer.country_of(place), gazetteer.country_of(other)
    return not (city is None and state and state == town or town is None and land and land == city)

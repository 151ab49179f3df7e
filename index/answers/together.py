"""What a quote must hold to answer a question about a meeting: 'When did Chirac meet Delors?' one that
reports a meeting and names both (in its paragraph, or before it when it opens with "He"); 'Who did Chirac
meet?' one that reports a meeting and names someone else; '... at their meeting in Paris?' no quote that puts
the meeting elsewhere ("a meeting ... here" in a Brussels story, "talks in London")."""

from __future__ import annotations

import re
from typing import NamedTuple

from index.answers.fit import meeting_asked, meeting_reported, people_named, reports_meeting
from index.answers.kinds import CALENDAR, typed_evidence
from index.text import gazetteer
from index.text.tokens import words

_PLACE = r"(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)"
_ASKED_AT = re.compile(r"\b(?:meet|met|meeting|meetings|talks|summit|conference|sign|signs|signed|signing)\b[^?]{0,40}?\b(?:in|at)\s+" + _PLACE)
_TOLD_AT = re.compile(r"\b(?:meet\w*|met|talks|summit|conference|sign(?:s|ed|ing)?)\b[^.;,]{0,70}?(?:,\s[^.;,]{1,60},)?"  # ", convened
                      r"\s?(?:\b(?:in|at)\s+" + _PLACE  # by the ICCO, in London"
                      + r"|\s(?P<here>here)\b)")
_MEETING_WORD = re.compile(r"\b(?:meet\w*|met|talks)\b", re.IGNORECASE)
_SOME_PLACE = re.compile(r"\b(?:here|there|abroad|home|(?:in|at|near|inside|outside|across|throughout)\s+(?!(?:his|her|their|its|"
                         r"my|our|your|first|least|last|fact|order|addition|particular|time|part|general|all|any|"
                         r"\d)\b)(?:the\s+|a\s+|an\s+)?\w{3,})", re.IGNORECASE)  # "in the debating chamber"
_NEXT_ASKED = re.compile(r"\b(?:next|coming|upcoming|forthcoming|future)\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|round|session|"
                         r"summit|conference|visit)\b", re.IGNORECASE)
_TO_COME = re.compile(r"\b(?:next|will|would|shall|due|planned|plans?|scheduled|expected|later|future|upcoming|coming|"
                      r"forthcoming|resum\w*|another|again|to\s+(?:meet|hold|visit|attend))\b", re.IGNORECASE)
_WHERE_MET = re.compile(r"^\W*(?:and\s+)?where\b.*\b(?:meet\w*|met|talks|summit|conference|session|held|take\s+place)\b",
                        re.IGNORECASE)


class Told(NamedTuple):
    quote: str  # without its dateline
    around: str  # the text its names may stand in
    dateline: str | None  # the city the story is filed from
    datelined: bool = False  # the quote opens with the dateline: its city is where the quote happens


def together_unfit(question: str, quotes: list[Told], terms: list[str]) -> str | None:
    """Why these quotes cannot answer a question about a meeting, or None."""
    if not met_together_fits(question, quotes, terms) or _between_unfit(question, quotes, terms) or _theirs_unfit(
            question, quotes, terms):
        return "The passages that speak of this report no such meeting."
    if elsewhere := _told_elsewhere(question, quotes):
        return "The articles report it in {}, not {}.".format(*elsewhere)
    if _NEXT_ASKED.search(question) and not any(_TO_COME.search(told.around) for told in quotes):
        return "The passages that speak of this report no meeting to come."  # "When is the next EC-Comecon meeting?"
    if _WHERE_MET.search(question) and not any(typed_evidence("where", told.quote, set(words(question)))
                                                or _SOME_PLACE.search(told.quote) or told.datelined for told in quotes):
        return "The passages that speak of this do not say where."  # "... when our next meeting will take place"
    return None


def _people(terms: list[str]) -> list[str]:
    """The names among the question's terms that are no state or place."""
    return [t for t in terms if not (gazetteer.country_of(t) or gazetteer.is_place(t))]


def _names_all(people: list[str], text: str) -> bool:
    return all(re.search(rf"\b{re.escape(p)}\b", text, re.IGNORECASE) for p in people)


def met_together_fits(question: str, quotes: list[Told], terms: list[str]) -> bool:
    """terms: the names the question gives."""
    asked = meeting_asked(question, bool(terms))
    if asked is None:
        return True
    reported = [told for told in quotes if meeting_reported(asked, told.quote)]
    people = _people(terms)
    named = [p for p in people if not (set(words(p)) & CALENDAR or gazetteer.country_of(re.sub(r"s$", "", p)))]
    if len(named) == 1 and reported and not any(_names_all([named[0].split()[-1]], told.around) for told in reported):
        return False  # "When did Bennett meet Italian officials?": meetings of others only
    if len(people) < 2:
        if re.match(r"\W*(?:and\s+)?(?:who|whom|which|what)\b", question.strip(), re.IGNORECASE):
            return any(any(people_named(question, told.quote)) for told in reported)  # someone else, met
        return True
    return any(_names_all(people, told.around) for told in reported)


_BETWEEN = re.compile(r"\b(?:meet\w*|met|talks|summit|negotiations|took\s+place)\b[^.;]{0,60}?\bbetween\s+"
                      r"(?P<list>(?:[^.;]|(?<=\b[A-Z])\.)+)")
_THEIR_MEETING = re.compile(r"\b(?:when\s+they\s+(?:met|meet)|at\s+their\s+(?:[\w-]+\s+)?(?:meeting|talks|summit)|during\s+their"
                            r"\s+(?:[\w-]+\s+)?(?:meeting|talks|visit))\b", re.IGNORECASE)
_SAYS = r"(?:say|says|said|mention\w*|claim\w*|report\w*|allege\w*|testif\w*|tell|told|think|thinks|believes?)\b"


def _theirs_unfit(question: str, quotes: list[Told], terms: list[str]) -> bool:
    """'What did Ozal and Papandreou discuss at their meeting?' takes their meeting for granted: no quote
    reports a meeting with both named around it."""
    people = _people(terms)
    if len(people) < 2 or not _THEIR_MEETING.search(question):
        return False
    return not any(reports_meeting(told.quote) and _names_all(people, told.around) for told in quotes)


def _between_unfit(question: str, quotes: list[Told], terms: list[str]) -> bool:
    """Quotes that list who met ("meetings ... between North, Casey and Thatcher") and none of which lists
    everyone a question about their meeting names (the one who said so is not among them)."""
    people = _people(terms)
    if len(people) < 2 or not _MEETING_WORD.search(question):
        return False  # checked first: the pattern below is compiled anew for each name
    people = [t for t in people if not re.search(
        rf"\b{re.escape(t)}\s+{_SAYS}|\baccording\s+to\s+{re.escape(t)}\b", question, re.IGNORECASE)]
    if len(people) < 2:
        return False
    lists = [m.group("list") for told in quotes if (m := _BETWEEN.search(told.quote))]
    lists = [x for x in lists if re.search(r"\b[A-Z][a-z]", x)]  # not "talks between the two ministers"
    return bool(lists) and not any(all(re.search(rf"\b{re.escape(p.split()[-1])}\b", x, re.IGNORECASE) for p in people)
                                   for x in lists)  # a surname will do


def _told_elsewhere(question: str, quotes: list[Told]) -> tuple[str, str] | None:
    """(the place the quotes give the meeting, the other the question puts it in), else None."""
    asked = _ASKED_AT.search(question)
    if asked is None or not gazetteer.is_place(asked.group("p")):
        return None
    wanted = asked.group("p")
    at = re.compile(rf"\b(?:in|at|to|for)\s+(?:the\s+)?{re.escape(wanted)}\b|(?<!\d{{4}}\s){re.escape(wanted)}(?:,\s+where|\s+(?:"
                    r"meeting|talks|summit|conference))\b", re.IGNORECASE)  # not "the Paris accord", "the 1986 Tokyo summit"
    if any(at.search(told.quote) for told in quotes):
        return None
    places = [m.group("p") if m.group("p") else told.dateline for told in quotes for m in _TOLD_AT.finditer(told.quote)]
    places += [told.dateline for told in quotes if told.dateline and _MEETING_WORD.search(told.quote)
               and not re.search(r"\b(?:in|at)\s+(?:the\s+)?[A-Z]", told.quote)  # "met today" from Washington,
               and not re.search(rf"(?<!\d{{4}}\s)(?<!\bof\s)\b{re.escape(wanted)}\b", told.around)]  # not "Bank of Montreal"
    places = [p for p in places if p and gazetteer.is_place(p)]
    return (places[0], wanted) if places and all(_apart(p, wanted) for p in places) else None


def _apart(place: str, other: str) -> bool:
    """Two places, neither within the other ('Tokyo' is within 'Japan'; 'Osaka' and 'Tokyo' are apart)."""
    if place.lower() == other.lower():
        return False
    city, town = gazetteer.city_country(place), gazetteer.city_country(other)
    state, land = gazetteer.country_of(place), gazetteer.country_of(other)
    return not (city is None and state and state == town or town is None and land and land == city)

"""Which city, hotel or building a question asks for, and whether the quotes name one: "In which city did
they meet?" is answered by a city, not by the countries the quotes name. "When did Duffy arrive in Indonesia?"
is not answered by "... leaves for Indonesia on Wednesday"."""

from __future__ import annotations

import re

from index.answers.fit import MEDIA, NOT_PEOPLE, REGIONS, TITLE_WORDS
from index.answers.kinds import CALENDAR
from index.text import gazetteer
from index.text.dates import MONTH_ABBREVIATIONS, MONTHS
from index.text.tokens import STOPWORDS, words

_CITY_ASKED = re.compile(r"^\W*(?:and\s+)?(?:(?:(?:in|at|to|from|near)\s+)?(?:which|what)\s+(?:(?P<city>city|town|capital)|"
                         r"hotel|building|palace|residence|hall)|where\s+(?:exactly\s+|precisely\s+)?(?P<within>in)(?=\s+\w))\b",
                         re.IGNORECASE)  # "Where exactly in Tokyo will they meet?": a place inside the one named
_VENUE = re.compile(r"\b(?i:hotel|building|palace|residence|hall|house|mansion|villa|castle|chancellery|embassy|"
                    r"headquarters)\b|\b(?:Kremlin|White\s+House|Elysee|Élysée|Downing\s+Street|Pentagon|Capitol|Vatican)\b")
_AT_NAMED = re.compile(r"\b(?:at|inside)\s+(?:the\s+)?(?P<n>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_SITE_NAMED = re.compile(r"\b[A-Z][\w'’.-]*\s+(?:of\s+(?:the\s+)?)?[A-Z]?[\w'’.-]*\s*(?-i:Museum|Park|Square|Street|Avenue|Palace|"
                         r"Castle|Church|Cathedral|University|Stadium|Airport|Ministry|Hotel|Hall|Centre|Center|Gardens?|"
                         r"Library|Theatre|Bridge|Station|District|Quarter|Embassy)\b|\b(?-i:Museum|Palace|Church|Cathedral|"
                         r"University|Park)\s+of\s+[A-Z]")
_PERSON_AROUND = re.compile(r"(?i:president|minister|secretary|chairman|director|governor|ambassador|spokesman|official|"
                            r"Mr|Mrs|Ms|Dr)\.?\s+NAME|NAME,?\s+(?:said|says|told|added)\b")
_ZONES = {"gmt", "utc", "est", "edt", "cet", "bst"}  # "at 1600 GMT": an hour, no place
_MONTH_DAY = re.compile(rf"(?:{'|'.join(sorted((a.title() for a in MONTH_ABBREVIATIONS), key=len, reverse=True))})\.?\s+\d")  # "Oct 19"
NAME_RUN = re.compile(r"\b[A-Z][\w'’.\-]*(?:\s+(?:of\s+|de\s+|bin\s+|ibn\s+|al\s+|van\s+|von\s+)?[A-Z][\w'’.\-]*)*")


def asked_venue(question: str) -> str:
    """'In which building did they meet?' -> 'building'."""
    asked = _CITY_ASKED.match(question.strip())
    if asked and asked.group("within"):
        return "place more precise than the question's"
    return asked.group(0).split()[-1].lower() if asked else "city"


def city_fits(question: str, text: str) -> bool:
    """False when the question asks in which city (or hotel) something happened and the text names none
    the question does not: a city of the gazetteer (for a city), or a name inside a sentence that is no
    country, region, month, title, newspaper or body. A dateline's city counts ("TOKYO, March 30 -")."""
    if not (asked_place := _CITY_ASKED.match(question.strip())):
        return True
    if not asked_place.group("city") and _VENUE.search(text):
        return True  # "at the Okura hotel", "the Cankaya presidential palace", "the Kremlin"
    asked = set(words(question))
    if asked_place.group("within") and (any(not set(words(at.group("n"))) <= asked for at in _AT_NAMED.finditer(text))
                                        or _SITE_NAMED.search(text)):
        return True  # "at the Foreign Ministry", "at Akasaka Palace", "The Museum of Independence preserves"
    for match in NAME_RUN.finditer(text):
        run = match.group().strip(".'’-").removesuffix("'s").removesuffix("’s")
        opens_sentence = re.search(r"(?:^|[.!?\"“”]\s*|\n|\s[-—–]\s*)\W*$", text[:match.start()]) is not None  # or a dateline
        first, _, rest = run.partition(" ")
        if opens_sentence and rest and first.lower() in STOPWORDS:  # "After Jazdów was raided"
            run, opens_sentence = rest, False
        tokens = words(run)
        if not tokens or all(t in asked for t in tokens):
            continue
        if gazetteer.city_country(run) or gazetteer.city_country(run.title()):
            if asked_place.group("city") or asked_place.group("within"):
                return True
            continue  # "Which hotel ...?": not "London"
        if not asked_place.group("city") and (any(t in asked and t not in STOPWORDS for t in tokens) or _PERSON_AROUND.search(
                text[max(0, match.start() - 40):match.end() + 12].replace(match.group(), "NAME", 1))):
            continue  # "Margaret Thatcher" for "In which building did Thatcher and Ryzhkov meet?"; "president X said"
        if opens_sentence or _MONTH_DAY.match(text, match.start()) or gazetteer.country_of(run) or gazetteer.country_of(match.group()) or any(
                t in REGIONS or t in CALENDAR or t in TITLE_WORDS or t in NOT_PEOPLE or t in MEDIA or t in _ZONES
                for t in tokens):
            continue
        return True
    return False


_AHEAD = "planned|proposed|scheduled|forthcoming|upcoming|expected"  # a trip still to come
_ARRIVED_ASKED = re.compile(r"\b(?:did|has|had)\b[^?]*?\b(?:arrive|land|get)\s+(?:in|at)\s+(?P<p>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)")


def arrival_fits(question: str, text: str) -> bool:
    """False when the question asks about someone's arrival somewhere ("When did Duffy arrive in Indonesia?") and
    the text names the place only as where someone is still to go ("leaves for Indonesia on Wednesday")."""
    asked = _ARRIVED_ASKED.search(question)
    if asked is None:
        return True
    place = re.escape(asked.group("p"))
    to_come = re.compile(rf"\b(?:leaves?|leaving|heads?|heading|bound|(?:will|to|due\s+to)\s+(?:leave|fly|go|travel|"
                         rf"head|visit|arrive)|(?:{_AHEAD}|coming)\s+"
                         rf"(?:[\w-]+\s+)?(?:trip|visit|journey|tour))\s+(?:(?:on|later|today|tomorrow)\s+)?(?:for|to|in)?\s*"
                         rf"{place}\b|\b(?:{_AHEAD})\s+{place}\s+(?:trip|visit)\b",
                         re.IGNORECASE)  # "Nakasone's planned trip to Washington", "a scheduled Moscow visit"
    named = re.findall(rf"\b{place}\b", text, re.IGNORECASE)
    arrived = re.search(r"\b(?:arrived|landed|reached)\b", text, re.IGNORECASE)
    return not named or arrived is not None or len(to_come.findall(text)) < len(named)


_MEETING_NOUN = r"(?:meeting|talks|summit|session|conference)"
_DAY_ASKED = re.compile(rf"\b({'|'.join(m.title() for m in MONTHS)})\s+(\d{{1,2}})\b")
_OUTCOME_ASKED = re.compile(
    r"\b(?:did|was|were|had)\b[^?]*?\b(?:decide|decided|agree|agreed|adopt|adopted|vote|voted|say|said|discuss|discussed|"
    rf"conclude|concluded|approve|approved|achieve|achieved|happen|happened|resolve|resolved)\b[^?]*?\b{_MEETING_NOUN}\b"
    rf"|\bhow\s+did\b[^?]*?\b{_MEETING_NOUN}s?(?:\s+\w+){{0,3}}?\s+(?:end|go|turn\s+out)\b",
    re.IGNORECASE)  # "What did the Council decide at its April 15 meeting?", "How did Kuroda's talks end?"
_MEETING_MENTION = re.compile(rf"\b{_MEETING_NOUN}s?\b|\bmeets?\b(?=[^.;]{{0,60}}?\b(?:this|next)\s+(?:weekend|week|month)\b)",
                              re.IGNORECASE)  # "ministers meet in Belgium this weekend"
_STILL_AHEAD = re.compile(rf"\b(?:next|{_AHEAD}|coming|future|later)\s+(?:[\w'’-]+\s+){{0,4}}?$", re.IGNORECASE)
_STILL_AHEAD_AFTER = re.compile(r"\s*(?:(?:is|are)\s+(?:due|scheduled|expected|set|planned)|will\b|(?:is|are)\s+to\s+be\b"
                                r"|to\s+be\s+held\b)|(?:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?,?\s+"
                                r"(?:next|later\s+this)\s+(?:week|month|year|weekend)\b", re.IGNORECASE)  # "in Havana next month"
_HELD = re.compile(r"\b(?:met|ended|concluded)\b|\b(?:was|were)\s+held\b|\bheld\s+(?:talks|an?\s+meeting)", re.IGNORECASE)
_WHO_MEET_LATER = re.compile(r"\bwho\s+(?:meet|will\s+meet)\b[^.;]*?\bwill\b", re.IGNORECASE)  # "ministers who meet on
# March 19 will argue": the meeting is to come


def outcome_fits(question: str, text: str, published: str | None = None) -> bool:
    """False when the question asks what came of a meeting ("What did the Council decide at its April 15
    meeting?") that the text speaks of only as still to come ("before the next Council meeting"), or that the
    question dates after the article (published YYYY-MM-DD)."""
    if not _OUTCOME_ASKED.search(question):
        return True
    if published and (day := _DAY_ASKED.search(question)) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        month, today = MONTHS.index(day.group(1).lower()) + 1, (int(published[5:7]), int(published[8:10]))
        if (month, int(day.group(2))) > today and month - today[0] <= 3:
            return False  # "the session on April 8-9" in a story of April 6
    mentions = list(_MEETING_MENTION.finditer(text))
    places = re.findall(r"\b(?:in|at)\s+([A-Z][\w'’-]+)", question)  # "at their meeting in Havana": that one
    mentions = [m for m in mentions if any(p in text[m.end():m.end() + 40] for p in places)] or mentions
    if _WHO_MEET_LATER.search(text) and not mentions:
        return False
    return not mentions or _HELD.search(text) is not None or not all(
        _STILL_AHEAD.search(text, max(0, m.start() - 60), m.start()) or m.group().lower() in ("meet", "meets")
        or _STILL_AHEAD_AFTER.match(text, m.end()) for m in mentions)

"""What kind of answer a question wants (a person, a place, a time, a number) and whether a sentence holds
one where the question asks for it: a number beside the thing a "how many" question counts, a name right
after the action a "who" question asks about."""

from __future__ import annotations

import re
from functools import lru_cache

from index.text import gazetteer
from index.text.dates import MONTHS, WEEKDAYS
from index.text.tokens import STOPWORDS, words

_MONTHS = "|".join(MONTHS)
CALENDAR = {w.lower() for w in (*MONTHS, *WEEKDAYS)}
_WEEKDAYS = "|".join(WEEKDAYS)
# exact amounts in words; "thousands of" and the like are amounts too, but not counts of the thing asked about
_EXACT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand"
_NUMBER_WORDS = _EXACT_WORDS + "|hundreds|thousands|million|millions|billion|dozen|dozens|half|percent"
_DATE = re.compile(rf"\b(?:{_MONTHS}|{_WEEKDAYS}|\d{{3,4}}s?|(?:1[0-9]|20)\d\d|yesterday|today|tomorrow|"
                   r"century|centuries|decade|decades|era|ago|morning|evening|night|week|weeks|month|months|"
                   r"year|years|since|until|during|before|after|earlier|later|late|early)\b", re.IGNORECASE)
_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'\-]+(?:\s+(?:[A-Z][\w’'\-]+|of|de|van|von|al|bin))*")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]+")
PLACE = re.compile(r"\b(?:in|at|to|from|near|into|across|outside|inside)\s+(?:the\s+)?[A-Z][\w’'\-]+")
PLACE_LEAD = {"in", "at", "to", "from", "near", "into", "across", "outside", "inside", "the"}  # the words before its place

@lru_cache(maxsize=1024)
def question_kind(question: str) -> str:
    """who, when, where, count (how many / how long …), why, or other."""
    q = question.lower().strip()
    if re.match(r"^(?:and\s+)?(?:how (?:many|much|long|old|far|big|large|often)|what (?:number|percentage|"
                r"percent|amount|proportion)|what is the (?:number|population|size|amount))\b", q):
        return "count"
    if re.match(r"^(?:and\s+)?(?:from\s+)?(?:when\b|(?:(?:on|in|at|by|from|until|since)\s+)?(?:what|which)\s+(?:exact\s+|precise\s+)?"
                r"(?:year|date|day|month|time|hour|century|decade)s?\b|in what (?:year|"
                r"month|century))", q):
        return "when"
    if re.match(r"^(?:and\s+)?(?:where\b|(?:(?:in|at|to|from|near)\s+)?(?:what|which)\s+(?:city|country|place|"
                r"region|state|town|capital|venue|building|hotel|province)\b)", q):
        return "where"
    if re.match(r"^(?:and\s+)?(?:who|whom|whose|(?:(?:with|by|to|from|in)\s+)?(?:which|what)\s+(?:[\w\-]+\s+)?"
                r"(?:person|people|man|woman|men|women|ministers?|presidents?|leaders?|officials?|team|company|"
                r"companies|organi[sz]ations?|groups?|countries|nations|newspapers?|paper|agency|body|bodies|"
                r"diplomats?|envoys?))\b", q) or re.search(r"\bwho\b", q):
        return "who"
    if re.match(r"^(?:and\s+)?(?:why|for what reason|what (?:made|caused|led))\b", q):
        return "why"
    return "other"


# the thing a "how many" question counts: the words after "how many" up to its verb
_COUNTED = re.compile(r"^(?:and\s+)?how\s+(?:many|much)\s+((?:[\w'’\-]+\s+){0,3}?)([\w'’\-]+)\s+"
                      r"(?:did|do|does|is|are|was|were|will|would|have|has|had|could|can|should|might|may|must)\b",
                      re.IGNORECASE)
_AMOUNT = rf"(?:\d[\d,.\-–]*|(?:{_EXACT_WORDS})(?:[\-–](?:{_EXACT_WORDS}))?)"  # exact, not "thousands of"

_HOW_LONG = re.compile(r"^(?:and\s+)?how\s+long\b", re.IGNORECASE)
_SPANS = r"(?:second|minute|hour|day|night|week|month|year|decade|centur(?:y|ies))"
_LENGTHS = (rf"\b{_AMOUNT}[\s\-–]+{_SPANS}s?\b{{}}|\b(?:an?|one|half\s+an?)[\s\-]+{_SPANS}\b|"
            rf"\b{_SPANS}s?-long\b|\ball[\s\-]+(?:day|night)\b|\b(?:for|over)\s+(?:many\s+|several\s+)?"
            rf"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b")
_LENGTH = re.compile(_LENGTHS.format(r"(?!\s+(?:ago|earlier|before|later|after)\b)"), re.IGNORECASE)  # not "18 months ago"
_SPANS_COUNTED = re.compile(_LENGTHS.format("") + r"|\b(?:tens|hundreds|thousands|millions)\s+of\s+years\b",
                            re.IGNORECASE)  # "15 days before", "thousands of years" count them too
_DURATION = re.compile(rf"{_LENGTHS.format('')}|\bsince\b", re.IGNORECASE)  # "how long has it been": "since 1990"


def duration_asked(question: str) -> re.Pattern | None:
    """What a "how long" question wants: a length of time ("how long did the lunch last?": not "since ...")."""
    if not _HOW_LONG.match(question.strip()):
        return None
    return _LENGTH if lasting_asked(question) else _DURATION


def lasting_asked(question: str) -> bool:
    """'How long did the lunch last?', 'How long will he stay?': how long something went on, not how long ago."""
    return bool(_HOW_LONG.match(question.strip()) and _LASTED.search(question))


_LASTED = re.compile(r"\b(?:last|lasted|take|took|run|ran|go\s+on|went\s+on)\W*$|\b(?:will|would|did|does|do|is|was|are|were)"
                     r"\s+(?:[\w'’.-]+\s+){1,4}?(?:stay|remain|be\s+away)\b", re.IGNORECASE)  # "how long will Howard stay in Japan?"


def counted_evidence(question: str, text: str) -> float:
    """1 when a "how many X" question meets a number that counts X ("Some 37 countries", "100-120 UK
    troops", "for five days"): a number beside the thing counted answers, another number may not; and
    when a "how long" question meets a length of time ("the hour-long meeting", "for three weeks")."""
    duration = duration_asked(question)
    if duration is not None:
        return 1.0 if duration.search(text) else 0.0
    match = _COUNTED.match(question.strip())
    if match is None:
        return 0.0
    head = match.group(2).lower()
    stem = re.escape(head[:-1] if head.endswith("s") and len(head) > 3 else head)
    pattern = rf"\b{_AMOUNT}\s+(?:(?!of\b)[\w'’\-]+\s+){{0,2}}?{stem}\w{{0,3}}\b"
    return 1.0 if re.search(pattern, text, re.IGNORECASE) else 0.0


# words that name an office, not what someone does: a name after them is the office holder, not the one asked for
_OFFICES = frozenset([
    "secretary", "minister", "ministers", "president", "prime", "chancellor", "senator", "governor", "ambassador",
    "chairman", "chief", "leader", "leaders", "official", "officials", "king", "queen", "prince", "sheikh",
    "general", "director", "envoy", "spokesman", "commissioner", "deputy", "head", "foreign", "finance", "energy",
    "defence", "defense", "trade"])
_WHO_VERB = re.compile(r"[\w'’\-]+")


def named_after(question: str, text: str) -> float:
    """1 when a "who" question's own action word ("meet", "chairs", "attended") is followed closely in
    the text by a name the question does not give ("scheduled to meet King Hassan", "the chairman of
    the working party, Ambassador Stefan Johannesson"): the name in the slot the question asks about.
    A name the question gives itself ("Who did Stoltenberg meet?") is whom it asks about, not for."""
    question_words = set(words(question))
    stems = {w[:5] for w in question_words if len(w) >= 4 and w not in STOPWORDS and w not in _OFFICES}
    if not stems:
        return 0.0
    named = {w.lower() for w in _CAPITALISED.findall(question, 1)} - _OFFICES  # whom it asks about, not for
    for match in _WHO_VERB.finditer(text):
        if match.group()[:1].isupper() or match.group().lower()[:5] not in stems:
            continue
        names = [set(words(m.group())) for m in _NAME.finditer(text[match.end():match.end() + 60]) if m.start() > 0]
        if any(found & named for found in names):
            continue  # the one the question asks about is in the slot: someone else acts on them
        if any(not found <= question_words for found in names):
            return 1.0
    return 0.0


# a meeting named only as the time of something else ("before the talks", "after meeting Kohl", "before any
# meeting"), or as what is spoken of ("said about talks between ...")
MEETING_AS_TIME = re.compile(r"\b(?:before|after|since|until|during|ahead\s+of|prior\s+to|without|about|regarding)\s+"
                             r"(?:(?:any|a|an|the|his|her|their|its|this|that|these|those|[\w'’\-]+['’]s?)\s+){0,2}$",
                             re.IGNORECASE)
# "due to" as a cause ("due to bad weather"); "is due to visit" is a plan
DUE_TO = r"(?<!is )(?<!are )(?<!was )(?<!were )(?<!be )(?<!been )due\s+to"
# a cause ("because of", "due to bad weather"; "is due to visit" is a plan)
_REASON = re.compile(rf"\b(?:because|{DUE_TO}|owing to|as a result|"
                     r"so that|in order to|reasons?|caused?|thanks to|"
                     r"amid|in protest|to protest|after|following|since|as)\b|\s[-–—]\s", re.IGNORECASE)


def typed_evidence(kind: str, text: str, question_words: set[str]) -> float:
    """1 when the text holds something of the wanted kind that the question does not already say."""
    if kind == "other":
        return 0.0
    if kind == "where" and any(gazetteer.country_of(m.group()) and m.group().lower() not in question_words
                               for m in _CAPITALISED.finditer(text)):
        return 1.0  # a country or capital the question does not name ("the London meeting")
    if kind == "why":
        return 1.0 if _REASON.search(text) else 0.0
    pattern = {"who": _NAME, "count": _NUMBER, "when": _DATE, "where": PLACE}[kind]
    for match in pattern.finditer(text):
        found = set(words(match.group()))
        if kind == "who" and (gazetteer.is_place(match.group()) or found <= CALENDAR):
            continue  # "Nigeria and France have signed", "March 27": no one
        if kind == "where":
            found -= PLACE_LEAD
        if found and not found <= question_words:
            return 1.0
    return 0.0


RATE_ASKED = re.compile(r"\W*(?:at\s+)?what\s+(?:interest|exchange|discount|lending)\s+rate\b", re.IGNORECASE)  # a percentage
RATE = re.compile(r"\d\s*(?:pct|per\s*cent|percent|%)|\b(?:points?|libor)\b|\d\s+(?:yen|marks?|francs?|dlrs?|dollars?"
                   r"|pounds?|stg|cents?|lire|pesos?|rupees?)\b", re.IGNORECASE)  # "138.35 yen"


# "What time did …?" wants an hour; "On what exact date …?" a day
_CLOCK_ASKED = re.compile(r"^(?:(?:at|by|from|until)\s+)?(?:what|which)\s+(?:exact\s+)?(?:time|hour)(?:\s+of\s+(?:the\s+)?day)?\s+"
                          r"(?:did|does|do|is|was|were|will|are|has|had)\b", re.IGNORECASE)
_DAY_ASKED = re.compile(r"^(?:(?:on|by|from|until)\s+)?(?:what|which)\s+(?:exact\s+|precise\s+)?(?:date|day)\b",
                        re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:\d{1,2}(?:[:.]\d\d)?|[0-2]\d[0-5]\d)\s*(?:[ap]\.?m\b|o'clock|gmt|est|edt|bst|cet|hours|hrs"
                    r"|local\s+time)|\b\d{1,2}[:.]\d\d\b|\b(?:morning|"
                    r"afternoon|evening|night|tonight|noon|midday|midnight|dawn|dusk|lunch|breakfast|dinner)\b",
                    re.IGNORECASE)
_DAY = re.compile(rf"\b(?:(?:{_WEEKDAYS})s?|today|tomorrow|yesterday|tonight|eve|christmas|easter)\b"
                  rf"|\b(?:{_MONTHS})\s+\d|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b\d{{4}}-\d\d-\d\d\b",
                  re.IGNORECASE)


_SPOKEN_ASKED = re.compile(r"\b(?:say|said|tell|told|announce\w*)\b", re.IGNORECASE)
_SAID_WHEN = re.compile(rf"\b(?:said|says|told\s+\w+)\s+(?:on\s+)?(?:today|yesterday|{_WEEKDAYS})\b", re.IGNORECASE)


def without_days_said(question: str, text: str) -> str:
    """The text without the days things were said ("King Fahd said today"), unless the question asks one."""
    return text if _SPOKEN_ASKED.search(question) else _SAID_WHEN.sub(" ", text)


def precise_time_asked(question: str) -> re.Pattern | None:
    """What a question asking for an hour or a day wants ("What time did the talks begin?": an hour, not
    "today"; "On what day …?": a day, not "in London"), or None for any other question."""
    asked = question.strip()
    if _CLOCK_ASKED.match(asked):
        return _CLOCK
    if _DAY_ASKED.match(asked):
        return _DAY
    return None


_UNITS_COUNTED = re.compile(r"\bhow\s+many\s+(?:days|weeks|months|years|hours|nights|minutes|decades|centuries)\b", re.IGNORECASE)


def units_counted_fits(question: str, text: str) -> bool:
    """'How many days did the visit last?' wants a length of time ("a week", "a two-day visit", "15 days before"),
    not "a brief visit" or "11 debtor nations"; other questions: True."""
    return not _UNITS_COUNTED.search(question) or _SPANS_COUNTED.search(text) is not None


_MUCH_ASKED = re.compile(r"^\W*(?:and\s+)?how\s+much\b(?!\s+(?:longer|later|earlier|older|time|more|less|further|farther)\b)",
                         re.IGNORECASE)
_NOT_AMOUNTS = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|"
                          r"(?<![\d,.$£€¥])\b(?:1[5-9]|20)\d\d(?:/\d\d)?s?\b(?!\d|[,.]\d|\s*(?:tonnes|dlrs|pct|mln|billion))",
                          re.IGNORECASE)
# an amount in words: "ten times", "one ninth", "twice", "many times"; not "two days" or "one of them"
_AMOUNT_WORDS = re.compile(rf"\b(?:{_EXACT_WORDS.removeprefix('one|')})\s+(?!(?:{_SPANS})s?\b)[a-z]|\b(?:one|a)\s+(?:half|"
                           r"third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|hundred|thousand|million|billion|dozen)\b|"
                           r"\b(?:half|twice|double|triple|two-thirds|three-quarters|(?:many|several)\s+times)\b", re.IGNORECASE)


def amount_fits(question: str, text: str) -> bool:
    """'How much is the package worth?' wants an amount ("34.48 billion yen", "602,400 tonnes", "£20m", "half"),
    not "his one-week visit" or the date "April 29" (other questions: True)."""
    if not _MUCH_ASKED.match(question.strip()):
        return True
    return bool(re.search(r"\d", _NOT_AMOUNTS.sub(" ", text)) or _AMOUNT_WORDS.search(text))


_HOW_MANY_THINGS = re.compile(r"^\W*(?:and\s+)?how\s+many\s+(?!(?:days?|weeks?|months?|years?|hours?|minutes?|times|more)\b)"
                              r"[a-z]", re.IGNORECASE)
_DAYS_AND_ORDINALS = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:\s*(?:-|and|to)\s*\d{{1,2}})?\b|\b\d+(?:st|nd|rd|th)\b",
                                re.IGNORECASE)


def count_fits(question: str, text: str) -> bool:
    """'How many delegates are expected?' wants a number other than a day, a year or an ordinal ("the bank's 20th
    annual meeting starting April 27" holds none); other questions: True."""
    if not _HOW_MANY_THINGS.match(question.strip()):
        return True
    rest = _YEAR_OF.sub(" ", _DAYS_AND_ORDINALS.sub(" ", text))
    given = {m.group().lower() for m in _WHOLE_NUMBER.finditer(question)}  # "the two rounds of talks": not the count
    return any(m.group().lower() not in given for m in _WHOLE_NUMBER.finditer(rest)) or _COUNT_WORDS.search(rest) is not None


_WHOLE_NUMBER = re.compile(rf"\d+(?:[.,]\d+)*|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_YEAR_OF = re.compile(r"\b(?:in|since|by|of|from|until|before|after|during)\s+(?:1[5-9]|20)\d\d\b"
                      r"(?!\s+(?:[a-z]+s|people|men|women)\b)", re.IGNORECASE)  # not "by 2000 guests"
_COUNT_WORDS = re.compile(r"\b(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|sixty|seventy|eighty|"
                          r"ninety|single|none|several|few|both|scores|numerous|twice|once|dozen)\b", re.IGNORECASE)

"""'Which Chinese leader did Schroeder hold talks with?' asks for a Chinese leader: the one the quotes name
must be Chinese as the quote or the article says it ("Chinese Premier Wen Jiabao", "Mr Wen, China's
premier"); the German chancellor, Air China or a British minister named beside the question's people is not."""

from __future__ import annotations

import re

from index.answers.fit import PERSON_ASKED, REGIONS, TITLE_WORDS, people_named
from index.answers.kinds import CALENDAR
from index.text import gazetteer
from index.text.tokens import STOPWORDS, words

_BEFORE_WORDS = 5  # how far before a name its country may stand ("China's Vice-Premier Wu Yi")


def asked_country(question: str) -> str | None:
    """The state a "which <qualifier> <office>" question qualifies its office with ("Which Sri Lankan
    officials" -> Sri Lanka), or None; bodies ("Which IMF official") are not checked."""
    asked = PERSON_ASKED.match(question.strip())
    if asked is None:
        return None
    found = _states_named(question.strip()[:asked.start("office")].split()[1:])
    return found[0] if found else None


def asked_office(question: str) -> str:
    """'Which Sri Lankan officials ...?' -> 'Sri Lankan officials', for saying what the passages do not name."""
    office = PERSON_ASKED.match(question.strip()).group("office").lower()
    return f"{gazetteer.adjective(asked_country(question))} {office}"


def qualified_fits(question: str, text: str, articles: str) -> bool:
    """False when the question asks for someone of a state and everyone the text names is said to be of
    another ("Argentine President Nestor Kirchner and Venezuelan President Hugo Chavez" for "Which Bolivian
    minister ..."). Someone whose state the text leaves unsaid may be the one asked for: many are known
    only from the dateline or the story ("Prime Minister Tony Blair at 10 Downing Street")."""
    country = asked_country(question)
    if country is None:
        return True
    runs, offices = people_named(question, text)
    named = [(run.start(), run.end()) for run in runs if not _a_body(run.group())]
    named += [(m.start(), m.start()) for m in offices if not any(s <= m.start() < e for s, e in named)]
    if not named:
        return False  # no one but the question's own people: no Chinese leader named
    for start, end in named:
        states = _states(text, start, end)
        if not states and end > start:  # a name: the articles may say whose it is ("Turkish President Kenan Evren")
            last = text[start:end].split()[-1].strip(".,'’").removesuffix("'s").removesuffix("’s")
            states = {c for m in re.finditer(rf"\b{re.escape(last)}\b", articles) for c in _states(articles, m.start(), m.end())}
        if not states or country in states:
            return True
    return False


def _a_body(run: str) -> bool:
    """'Air China', 'Bank of Japan': a name ending in a place is a body's; 'United States' is a state's."""
    last = run.split()[-1].strip(".,'’").removesuffix("'s").removesuffix("’s")
    return bool(gazetteer.country_of(last) or gazetteer.is_place(last) or gazetteer.country_of(run.strip(",'’")))


_PHRASE_WORDS = {"the", "of", "prime", "minister", "foreign", "finance", "vice", "deputy", "premier", "president",
                 "secretary", "chancellor", "ambassador", "envoy", "trade", "defence", "defense", "economy", "chief"}


# "President X of France", "Mr Wen, China's premier" (not "X, the U.S. Group also urged")
_AFTER_NAME = re.compile(r"\s+of\s+(?:the\s+)?(?P<of>(?:[A-Z][\w'’.-]*\s*){1,2})|\s*,\s+(?:the\s+)?(?P<appos>(?:[A-Z][\w'’.-]*\s*)"
                         r"{1,2})(?=['’]s\b|(?:[a-z-]+\s+){0,2}(?:minister|premier|president|leader|envoy|ambassador|official"
                         r"|secretary|chancellor|king|prince|ruler|head)\b)")


def _states(text: str, start: int, end: int) -> set[str]:
    """The states named just before a name, in it, or after it as "of France" or an apposition."""
    before = []
    for word in reversed(text[:start].split()[-_BEFORE_WORDS:]):  # the name's own noun phrase: not "the
        if not (word[:1].isupper() or word.lower() in _PHRASE_WORDS or re.search(r"['’]s$", word)):  # Pakistani
            break                                                                  # president met Tony Blair"
        before.insert(0, word)
    after = _AFTER_NAME.match(text[end:end + 60])
    window = before + text[start:end].split() + ((after.group("of") or after.group("appos")).split() if after else [])
    words = [w.strip(",;:()'’\"").removesuffix("'s").removesuffix("’s") for w in window]
    return set(_states_named([w if gazetteer.country_of(w) else w.strip(".") for w in words]))  # "U.S.", "France."


def _states_named(words: list[str]) -> list[str]:
    """The states (not bodies) that two-word and one-word runs of these words name ("Sri Lankan", "Kenyan")."""
    return [state for size in (2, 1) for i in range(len(words) - size + 1)
            if (state := gazetteer.country_of(" ".join(words[i:i + size]))) and gazetteer.country(state) is not None]


_BODY_ASKED = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|will|has|have|had|can|could|"
                         r"would|might|may|must|should|shall|by|of|in|for|to|on|at|with)\b)(?-i:[a-z][\w-]*)\s+){0,2}?(?:compan(?:y|ies)|banks?|agenc(?:y|ies)"
                         r"|firms?|organi[sz]ations?|newspapers?)\b(?!['’]s|\s+(?:analysts?|officials?|economists?|chiefs?|"
                         r"presidents?|chairman|directors?|spokes\w+|executives?|heads?|managers?|governors?|boards?|"
                         r"committees?|representatives?|meetings?)\b)", re.IGNORECASE)
_PORTFOLIO_WORDS = {"agriculture", "economy", "oil", "energy", "commerce", "industry", "treasury", "labour", "labor",
                    "health", "justice", "education", "transport", "undersecretary", "commissioner", "director"}
_NAME_RUN = re.compile(r"\b[A-Z][\w'’&-]*(?:\.(?=[A-Z]))?(?:\s+(?:of\s+|&\s+)?[A-Z][\w'’&-]*(?:\.(?=[A-Z]))?)*")


def body_named_fits(question: str, text: str) -> bool:
    """False when the question asks which companies, banks or agencies ("Which grain companies sent
    representatives?") and the text names none the question does not ("representatives from major grain
    exporting companies")."""
    if not _BODY_ASKED.match(question.strip()):
        return True
    asked = set(words(question))
    for run in _NAME_RUN.finditer(text):
        tokens = words(run.group())
        if any(t in asked and t not in STOPWORDS for t in tokens) or gazetteer.country_of(run.group()) or (
                gazetteer.is_place(run.group())):
            continue  # "Secretary of Agriculture Richard Lyng": the question's own
        if all(t in STOPWORDS or t in REGIONS or t in TITLE_WORDS or t in CALENDAR or t in _PORTFOLIO_WORDS
               for t in tokens):
            continue  # "The", "Secretary of Agriculture", "Western", "March"
        return True
    return False


_GROUP_MET = re.compile(r"\b(?:meet|meets|met|meeting|talks?|talked|discuss|discussed|negotiat\w*|speak|spoke|confer(?:red)?)\s+"
                        r"(?:with\s+|to\s+)?(?:the\s+|a\s+|an\s+|some\s+|any\s+|its\s+|his\s+|her\s+|their\s+)?"
                        r"(?:[\w.'’-]+\s+){0,3}?(?P<head>bankers|banks|creditors|lenders|delegates|delegations?|officials"
                        r"|representatives|executives|businessmen|diplomats|envoys|negotiators|lawmakers|legislators"
                        r"|journalists|reporters|traders|producers|consumers|exporters|importers|farmers|investors"
                        r"|donors|students|workers|unions?)\b", re.IGNORECASE)


def group_met_named(question: str, text: str) -> str | None:
    """The group the question has someone meet ("When did Funaro meet the commercial bankers?") when the text
    the answer rests on never names such a group (bankers, banks), else None."""
    asked = _GROUP_MET.search(question)
    if asked is None:
        return None
    stem = asked.group("head").lower().removesuffix("s")
    stems = {stem, stem.removesuffix("er")} if stem.endswith("er") and len(stem) > 5 else {stem}
    if any(re.search(rf"\b{re.escape(s)}", text, re.IGNORECASE) for s in stems):
        return None
    return asked.group("head").lower()


_STATES_ASKED = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}?(?:countries|nations|"
                           r"governments)\b(?!\s+that\b)", re.IGNORECASE)


def states_named_fits(question: str, text: str) -> bool:
    """False when the question asks which countries ("Which countries will attend the donors' meeting?") and the
    text names no state but those the question gives."""
    if not _STATES_ASKED.match(question.strip()):
        return True
    asked = {_state(run.group()) or gazetteer.country_of(run.group()) for run in _NAME_RUN.finditer(question)}
    return any((state := _state(run.group())) and state not in asked or words(run.group()) and all(
        t in REGIONS for t in words(run.group())) for run in _NAME_RUN.finditer(text))  # "countries in East Asia"


def _state(name: str) -> str | None:
    """The state a name is ("Taiwan", "Nicaraguan"), not a capital ("in Paris"), a city or a body ("ICO")."""
    country = gazetteer.country_of(name)
    if country and gazetteer.country(country):
        return country if gazetteer.capital_of(country) != name else None
    return name if gazetteer.is_place(name) and not gazetteer.city_country(name) and not country else None

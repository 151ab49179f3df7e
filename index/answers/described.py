"""A question asking which ones, or whose name ("Which Japanese officials did they meet?", "What is the name of
the Iraqi oil minister?", "Who chairs the Paris Club?"), answered by a sentence that speaks of them only by
description ("their Japanese counterparts", "to meet the Iraqi oil minister, whose government …", "the chairman
of the Paris Club"): the sentence names none of them."""

from __future__ import annotations

import re
from itertools import pairwise

from index.answers.fit import TITLE_WORDS
from index.answers.kinds import CALENDAR
from index.answers.venue import NAME_RUN
from index.text import gazetteer
from index.text.tokens import STOPWORDS, words

_AUX = (r"did|does|do|is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|attended|attend|met|"
        r"chairs?|chaired|heads?|headed|leads?|led|hosted|hosts?|represented|signed|visited|took|sent|welcomed|joined")
_WHICH = re.compile(rf"^\W*(?:and\s+)?(?:(?:with|to|from|by|of)\s+)?(?:which|what)\s+(?:(?!(?:{_AUX})\b)[\w'’.-]+\s+){{0,3}}?"
                    rf"(?P<noun>[a-z][\w-]*)\s+(?:{_AUX})\b", re.IGNORECASE)
_NAME_OF = r"^\W*(?:and\s+)?what\s+(?:is|was|were|are)\s+the\s+names?\s+of\s+(?:the\s+|an?\s+)?(?:[\w'’.-]+\s+){0,4}"
_NAME_OF_WHOM = re.compile(_NAME_OF + r"(?P<noun>[a-z][\w-]*)\s+(?:that|who|whom|which|whose)\b", re.IGNORECASE)
_NAME_OF_NAMED = re.compile(_NAME_OF.replace("{0,4}", "{0,4}?") + r"(?P<noun>[a-z][\w-]*)\s+(?-i:[A-Z])", re.IGNORECASE)
_SORT_ASKED = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:(?:type|types|kind|kinds|sort|sorts|form|forms|class|"
                         r"category)\s+)?of\b", re.IGNORECASE)
_CHAIR_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:is\s+|was\s+)?(?:chairs|chaired|(?:the\s+)?chairman\s+of)\b", re.IGNORECASE)
_MEMBERS_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:are|were)\s+the\s+(?:\w+\s+)?(?P<noun>members)\s+of\b", re.IGNORECASE)
# what a description names its ones by: "officials, including Foreign Minister X", "countries such as Brazil"
_NAMING = (r"\s*(?:,|\(|:)?\s*(?:(?:such\s+as|including|namely|like|(?:led|headed|chaired)\s+by|among\s+them)\s+)?")
_PEOPLE_WORDS = (r"officials?|ministers?|leaders?|members?|delegates?|representatives?|diplomats?|envoys?|ambassadors?|"
                 r"counterparts?|governors?|commissioners?|chairman|presidents?|premiers?|chiefs?|negotiators?|aides?|"
                 r"advis[eo]rs?|executives?|people")
_PEOPLE = re.compile(_PEOPLE_WORDS)
_ONES = re.compile(rf"{_PEOPLE_WORDS}|countr(?:y|ies)|nations?|states?|banks?|compan(?:y|ies)|firms?|cit(?:y|ies)|"
                   r"delegations?|governments?|agenc(?:y|ies)|organi[sz]ations?|newspapers?")
# a singular noun before another word ("the bank committee", "member countries"), not before "yesterday" or a verb
_MODIFIER = re.compile(rf"\s+(?!(?:[a-z]+ed|yesterday|today|tomorrow|tonight|{'|'.join(sorted(STOPWORDS))})\b)(?-i:[a-z]+)\b")


def asked_ones(question: str) -> str | None:
    """The word a question asks which ones of ("officials", "minister", "chairman", "banks"), or None."""
    q = question.strip()
    if _CHAIR_ASKED.match(q):
        return "chairman"
    if _SORT_ASKED.match(q):
        return None  # "What type of people ...?", "Which of the ambassadors ...?": not asking for names
    match = _WHICH.match(q) or _NAME_OF_WHOM.match(q) or _NAME_OF_NAMED.match(q) or _MEMBERS_ASKED.match(q)
    if match is None:
        return None
    noun = match.group("noun").lower()
    return noun if _ONES.fullmatch(noun) else None


def _forms(noun: str) -> str:
    """The noun's singular and plural ("official", "officials"; "country", "countries"; "chairman", "chairmen")."""
    if noun.endswith(("man", "men")):
        return rf"{noun[:-3]}m[ae]n"
    if noun.endswith(("ies", "y")):
        stem = noun[:-3] if noun.endswith("ies") else noun[:-1]
        return rf"{stem}(?:y|ies)"
    stem = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    return rf"{stem}(?:s|es)?"


def only_described(question: str, text: str) -> str | None:
    """The description ("the Iraqi oil minister") when the question asks which ones or whose name and the text
    (the answer's first quote) speaks of them by the word the question asks with, adds nothing the question does
    not say ("health ministers" does: it tells which), and never has a name beside it; None otherwise."""
    noun = asked_ones(question)
    if noun is None:
        return None
    own = _own(question)
    qualifiers = _qualifiers(question, noun)
    asked = {w for w in words(_asked_words(question, noun) + " " + " ".join(re.findall(r"\b[A-Z][\w'’.-]*", question[1:])))
             if w not in STOPWORDS}  # what it says of them, and whom it names ("the Bundesbank team")
    if not _PEOPLE.fullmatch(noun) and _names_new(text, own):
        return None  # "Which countries ...?": the text names one ("two countries ... Brazil and Colombia")
    descriptions = []
    for mention in re.finditer(rf"\b{_forms(noun)}\b", text, re.IGNORECASE):
        if not mention.group().endswith("s") and _MODIFIER.match(text, mention.end()):
            continue  # "the bank committee": not a bank
        if re.search(r"\b(?:the|an?)\s+$", text[:mention.start()]) and re.match(
                r"\s+(?:that|which|who|where)\b|(?!\s+of\b)", text[mention.end():]):
            continue  # "the country" of the sentence before; "a country that has ...": what it is, not which
        beside = _beside(text, mention, own)
        if beside is True:
            return None
        lead = _lead(text, mention.start())
        if any(gazetteer.country_of(w) not in (None, *own[1]) for w in lead):
            continue  # "the Brazilian leader" when it asks which Indian leader: someone else
        context = {w.lower()[:5] for w in _clause_before(text, mention.start())[-6:] + re.findall(
            r"[\w'’-]+", _OF_PHRASE.match(text, mention.end()).group())}
        if any(q[:5] not in context for q in qualifiers):
            continue  # "Japanese trade officials" when it asks which State Department official: others
        if any(w.lower() not in asked and w.lower() not in _GENERIC and not gazetteer.country_of(w) for w in lead):
            return None  # "health ministers", "EC leaders": that tells which
        if beside is None:
            descriptions.append(" ".join([*lead, mention.group()]))
    return descriptions[0] if descriptions else None


_OF_PHRASE = re.compile(r"(?:\s+(?:of|at|in)\s+(?:[\w'’-]+\s+){0,4}[\w'’-]+)?")


def _asked_words(question: str, noun: str) -> str:
    """What the question says of the ones it asks about ("EC" of "Which EC ministers are due to discuss the
    farm package?"): a description that says more ("EC farm ministers") tells which."""
    asked = re.search(rf"\b(?:which|what|name\s+of)\s+(?P<words>(?:[\w'’.-]+\s+){{0,5}}?){re.escape(noun)}\b", question,
                      re.IGNORECASE)
    return asked.group("words") if asked else ""


def _qualifiers(question: str, noun: str) -> list[str]:
    """The words that say which kind of ones the question asks about ("State Department" of "Which State
    Department official"), states and words like "senior" aside: a description without them is of others."""
    found = re.findall(r"[\w'’.-]+", _asked_words(question, noun))
    states = {w for a, b in pairwise(found) if gazetteer.country_of(f"{a} {b}") for w in (a, b)}  # "West German"
    return [w.lower() for w in found if len(w) > 2 and w.lower() not in STOPWORDS and w.lower() not in _GENERIC
            and w not in states and not gazetteer.country_of(w) and not _DEMONYM.fullmatch(w)]


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i|ic|ch)")  # "Korean", "Iraqi": a people, not a kind of office


_GENERIC = {"the", "a", "an", "their", "its", "his", "her", "our", "some", "several", "other", "two", "three", "four",
            "five", "senior", "top", "principal", "high-level", "leading", "key", "major", "various", "certain",
            "unnamed", "unidentified", "many", "few", "all", "both", "each", "these", "those", "such"}


def _lead(text: str, start: int) -> list[str]:
    """The words of the description before its noun, in its clause ("the Iraqi oil" of "the Iraqi oil minister")."""
    before = _clause_before(text, start)
    lead: list[str] = []
    while before and len(lead) < 4 and before[-1].lower() not in STOPWORDS and not re.fullmatch(r"[a-z]+(?:ed|s)",
                                                                                                  before[-1]):
        lead.insert(0, before.pop())
    if before and before[-1].lower() in _GENERIC:
        lead.insert(0, before.pop())
    return lead


def _clause_before(text: str, start: int) -> list[str]:
    """The words of the clause before a position ("the (post and telecommunications)" before "minister")."""
    clause = re.split(r"[,;:\"“”]|\.\s", text[max(0, start - 80):start].replace("(", " ").replace(")", " "))[-1]
    return re.findall(r"[\w'’.-]+", clause)


def _names_new(text: str, own: tuple[set[str], set[str]]) -> bool:
    """Whether the text names, inside a sentence, anything the question does not."""
    for run in NAME_RUN.finditer(text):
        if run.start() == 0 or re.search(r"[.!?\"“]\s*$", text[:run.start()]):
            continue  # a sentence's first word
        tokens = [t for t in words(run.group()) if t not in STOPWORDS and t not in TITLE_WORDS and t not in CALENDAR]
        if tokens and not all(t in own[0] for t in tokens) and gazetteer.country_of(run.group()) not in own[1]:
            return True  # "the Central Telegraph Office" when it asks which telegraph company
    return False


def _own(question: str) -> tuple[set[str], set[str]]:
    """The words and the states the question names ("Chinese": China)."""
    said = {w for w in words(question) if w not in STOPWORDS}
    states = {state for w in re.findall(r"[A-Za-z][\w'’.-]*", question) if (state := gazetteer.country_of(w))}
    return said, states


def _new_name(run: str, own: tuple[set[str], set[str]]) -> bool:
    """Whether a run of capitalised words names someone or something the question does not."""
    said, states = own
    state = gazetteer.country_of(run)
    if state is not None and state in states:
        return False
    tokens = [t for t in words(run) if t not in STOPWORDS and t not in TITLE_WORDS]
    return bool(tokens) and not any(t in said for t in tokens)  # "Minister Hernan Soto" when it asks whom Soto met


def _beside(text: str, mention: re.Match, own: tuple[set[str], set[str]]) -> bool | None:
    """True when a name the question does not give stands beside the description: after it ("minister Ali
    Khalifa", "countries, Brazil and Mexico", "banks such as Citibank", "officials from the Kremlin") or before it
    ("Nazer, the Saudi oil minister", "Shevardnadze and other Soviet officials"); False when the name beside it is
    one the question gives; None when none is ("the chairman of the Paris Club" when it asks who chairs that club)."""
    after = _AFTER.match(text, mention.end()) or _INCLUDED.match(text, mention.end())
    if after is not None and _new_name(after.group("run"), own):
        return True
    before = _BEFORE.search(text[max(0, mention.start() - 80):mention.start()])
    if before is not None and _new_name(before.group("run"), own):
        return True
    return False if (after is not None and not after.group("via")) or before is not None else None


_AFTER = re.compile(rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[\w'’-]+,?\s+){{0,6}}?[\w'’-]+(?=\s*,))?{_NAMING}(?P<via>(?:of|from|at)\s+(?:the\s+)?)?(?P<run>{NAME_RUN.pattern})")
# "Officials seen arriving by Reuter correspondents included West German Finance Minister Gerhard Stoltenberg"
_INCLUDED = re.compile(rf"(?:\s+(?!(?:and|or|but)\b)[\w'’-]+){{0,6}}?\s+(?:included|include|includes|were|are)\s+(?P<via>)"
                       rf"(?:(?:the|[\w'’-]+['’]s)\s+)?(?P<run>{NAME_RUN.pattern})")
# "Nazer, the Saudi oil minister", "Kampelman and the other top U.S. arms negotiators"
_BEFORE = re.compile(rf"(?P<run>{NAME_RUN.pattern})(?:['’]s)?\s*(?:,|\band\b|\bor\b)\s*(?:[\w'’.-]+\s+){{0,5}}$")

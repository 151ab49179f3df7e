"""What a question takes for granted (the people, places, bodies, numbers and dates it names), checked
against what an answer quotes: a name the quotes do not hold, in any of its forms (support.py), is a
premise the articles do not support; quotes of the wrong kind for the question (fit.py) are no answer."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from index.answers.antecedents import anaphor
from index.answers.antonyms import opposite_said
from index.answers.compose import Answer, Citation
from index.answers.datelines import here_named, reported_from
from index.answers.days_asked import recent_fits
from index.answers.denials import denied_trip, negated_act
from index.answers.described import only_described
from index.answers.fit import NO_SUCH, TO_COME, called_off_fits, meeting_fits, unfit
from index.answers.kinds import amount_fits, count_fits, question_kind
from index.answers.lower_case import names_only
from index.answers.qualified import (
    asked_country,
    asked_office,
    body_named_fits,
    group_met_named,
    qualified_fits,
    states_named_fits,
)
from index.answers.quotes import after_dateline, goes_elsewhere, lead_cities
from index.answers.replies import listed, not_mentioned, related
from index.answers.support import evidence_of, fold
from index.answers.together import Told, together_unfit
from index.answers.venue import arrival_fits, asked_venue, city_fits, outcome_fits
from index.corpus.documents import Document
from index.meetings.facts import dateline_place, dateline_region
from index.text import gazetteer
from index.text.dates import WEEKDAYS, days_implied
from index.text.tokens import STOPWORDS, tokenize

_WORD = re.compile(r"[^\W_][\w’'\-.]*")
_YEAR = re.compile(r"1[0-9]{3}s?|20[0-9]{2}s?")
ANAPHOR_PARAGRAPHS = 2  # how far back a quote opening with "He" or "The pair" is followed
_QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "does", "do",
                   "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should",
                   "in", "on", "at", "after", "before", "during", "for", "according", "besides", "apart", "other",
                   "along", "with", "and", "but", "so", "then", "name", "list", "give", "tell"}
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen", "prince", "princess", "crown", "sheikh",
           "emir", "president", "vice", "prime", "minister", "ministers", "secretary", "chancellor", "senator",
           "general", "foreign", "defence", "defense", "finance", "trade", "energy", "oil", "interior", "state",
           "deputy", "ambassador", "governor", "premier", "chairman", "chief", "leader", "pope", "saint", "st",
           "high", "commissioner", "treasury", "spokesman", "spokeswoman"}


def named_terms(question: str) -> list[str]:
    """What a question names: runs of capitalised words past its first word (titles and question words
    aside, "of" inside: "The Mask of Anarchy") and years, in order, each once. Other numbers are left out:
    articles write them in words and in other units too often. A run that describes what is asked for
    ("Which British monarch", "What famous English writer") is not something the question takes for
    granted, and is left out too."""
    tokens = [re.sub(r"['’]s$", "", m.group()).strip(".'’-") for m in _WORD.finditer(question)]  # "Kusala's": Kusala
    out: list[str] = []
    run: list[str] = []
    start = 0
    for i, word in enumerate(tokens + [""]):
        lower = word.lower()
        named = (len(word) > 1 and lower not in STOPWORDS and lower not in _TITLES and lower not in _QUESTION_WORDS
                 and ((i > 0 and word[0].isupper()) or bool(_YEAR.fullmatch(word))))
        if named:
            start = i if not run else start
            run.append(word)
        elif run and lower == "of" and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            run.append(word)
        elif run:
            if not (_describes_answer(tokens, start) or _form_asked(tokens, start, i, question)):
                out.append(" ".join(run))
            run = []
    for m in _LOWER_PLACE.finditer(question if typed_lower(question) else ""):  # "when did kato fly to moscow": a place
        # in a question typed all in lower case
        place = next((p for p in (m.group(2) and f"{m.group(1)} {m.group(2)}", m.group(1))
                      if p and gazetteer.is_place(p)), None)
        if place:
            out.append(string.capwords(place))
    out += _lower_states(tokens) if typed_lower(question) else []
    return list(dict.fromkeys(out))


def _lower_states(tokens: list[str]) -> list[str]:
    """'did bussereau meet australian and chilean wine makers': the states a lower-case question names, capitalised,
    unless they describe what is asked for ('which chinese leader')."""
    out, i = [], 1
    while i < len(tokens):
        for size in (2, 1):
            words = " ".join(tokens[i:i + size]).lower()
            state = gazetteer.country_of(words) if len(tokens[i:i + size]) == size and (
                words.split()[0] not in STOPWORDS and words not in STOPWORDS) else None
            if state and gazetteer.country(state) is not None:
                if not _describes_answer(tokens, i):  # "uk" is the acronym "UK"
                    out.append(words.upper() if len(words) <= 3 else string.capwords(words))
                i += size - 1
                break
        i += 1
    return out


def typed_lower(question: str) -> bool:
    """Whether the question is typed all in lower case past its first word ("when did kato meet luest")."""
    return not any(t[:1].isupper() for t in _WORD.findall(question)[1:])


def lower_case_names(question: str, documents: dict[str, Document]) -> list[str]:
    """In a question typed all in lower case, the words the articles write only as names ("cervantes",
    "luest's"), capitalised."""
    if not typed_lower(question):
        return []
    proper = names_only(documents)
    bare = (re.sub(r"['’]s$", "", w.strip(".'’-")) for w in _WORD.findall(question) if w[:1].islower())
    return list(dict.fromkeys(string.capwords(w) for w in bare if (w in proper or w in WEEKDAYS) and w not in STOPWORDS
                              and w not in _TITLES and w not in _QUESTION_WORDS))  # "on tuesday" is a day asked


_LOWER_PLACE = re.compile(r"\b(?:in|at|to|from)\s+(?:the\s+)?([a-z][a-z'-]+)(?:\s+([a-z][a-z'-]+))?")


_FORMS = {"name", "names", "title", "word", "words", "term", "translation", "version", "spelling", "equivalent"}
_FORM_END = re.compile(r"(?:,\s*in|\bin\s+degrees|\b(?:mean|means|meaning|called|say|said|written|spelled|known|"
                       r"translated)\s+in)\s+[\w ]+\W*$", re.IGNORECASE)


def _form_asked(tokens: list[str], start: int, end: int, question: str) -> bool:
    """Whether the run at start..end names the form the answer is wanted in, not a premise: "the English
    name", "the Italian title", "… mean in English?", "…, in Euros?", "in degrees Celsius?"."""
    if end < len(tokens) and tokens[end].lower() in _FORMS:
        return True
    return end == len(tokens) and _FORM_END.search(question) is not None


def _describes_answer(tokens: list[str], start: int) -> bool:
    """Whether the run at start sits in the question's "which …" phrase: after "which", "what" or
    "whose" and at most two lowercase descriptive words ("famous", "well-known")."""
    before = [t.lower() for t in tokens[max(0, start - 3):start]]
    for back, word in enumerate(reversed(before)):
        if word in ("which", "what", "whose"):
            return True
        if back >= 2 or not tokens[start - 1 - back].islower() or word in _QUESTION_WORDS or word in STOPWORDS:
            return False  # "What did Baker agree": "did" is not a description
    return False


def unsupported(terms: Iterable[str], evidence: str) -> list[str]:
    """The terms the evidence holds in none of their forms (support.py; a country's demonym counts as the
    country, its capital does not)."""
    terms = list(terms)
    if not terms:
        return []
    passage = evidence_of(evidence)
    return [term for term in terms
            if tokenize(term) and not passage.supports(term) and not _country_named(term, evidence)]


def _country_named(term: str, evidence: str) -> bool:
    """Whether the term names a country that the evidence names in any of its forms ("U.S.", "American")."""
    country = gazetteer.country_of(term)
    if country is None:
        return False
    entry = gazetteer.country(country)
    if entry and term.lower() in entry.capitals and term.lower() not in entry.other_names:
        return False  # "met in Washington": the city, not "U.S." quotas
    forms = sorted(gazetteer.aliases_of(country), key=len, reverse=True)
    return bool(forms) and re.search(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", evidence.lower()) is not None


def loose(term: str) -> bool:
    """An acronym ("NFL", "UN"): often written out near the answer, so the whole article is searched for it."""
    return term.isupper() and len(term) <= 6


def known(term: str, vocabulary: dict[str, int]) -> bool:
    """Whether any article holds one of the term's search tokens, accents aside ("Laszlo", "László")."""
    tokens = tokenize(term)
    return any(t in vocabulary for t in tokens) or any(fold(t) in _folded(vocabulary) for t in tokens)


_folded_last: tuple[dict | None, frozenset[str]] = (None, frozenset())  # a vocabulary, its folded tokens


def _folded(vocabulary: dict[str, int]) -> frozenset[str]:
    """The vocabulary's tokens without accents, kept for the last vocabulary asked about."""
    global _folded_last
    seen, folded = _folded_last
    if seen is not vocabulary:
        folded = frozenset(fold(t) for t in vocabulary)
        _folded_last = (vocabulary, folded)
    return folded


def _surroundings(citations: tuple[Citation, ...], documents: dict[str, Document]) -> str:
    """Beside the quotes, what the answer rests on: the paragraphs they stand in, their articles' titles
    (on the news set, quotes alone lost right answers whose topic the headline names; whole articles let
    false premises through), datelines' places (a story from "PEKING, June 11 -" happens in Peking) and the
    cities its lead names ("talks ... due to open in Paris"), unless the quote goes elsewhere, and for a quote
    that opens with "He", "The pair" … the paragraphs before, where whom it means is named."""
    parts = []
    for citation in citations:
        document = documents[citation.doc_id]
        parts += [document.title, _paragraph_text(citation, document)]
        dateline = dateline_place(document)
        for place in ([dateline.value, dateline_region(document) or ""] if dateline else []) + lead_cities(document):
            parts += [place] if not goes_elsewhere(citation.quote, place) or re.search(r"\bhere\b", citation.quote) else []
        if anaphor(citation.quote, anywhere=True):
            earlier = [p for p in document.paragraphs if p.number < citation.paragraph][-ANAPHOR_PARAGRAPHS:]
            parts += [document.text[p.start:p.end] for p in earlier]
    return " ".join(parts)


def checked(answer: Answer, vocabulary: dict[str, int], documents: dict[str, Document],
            from_quotes: bool = True) -> Answer:
    """The answer, or an abstention when the question names what no article mentions, what the passages
    the answer rests on do not hold, or when the quotes cannot answer it (fit.py, together.py; from_quotes: the
    answer is the quotes, not a meeting record's words); the quotes of an abstention stay as related passages."""
    terms = list(dict.fromkeys(named_terms(answer.question) + lower_case_names(answer.question, documents)))
    stories = [(c, documents[c.doc_id]) for c in answer.principal if c.doc_id in documents]
    absent = [t for t in terms if not known(t, vocabulary)]
    if absent and stories:  # "on Wednesday" where the story, of a Wednesday, says "today"
        in_stories = {day for _, d in stories for day in days_implied(d.text, d.published)}
        absent = [t for t in absent if t.lower() not in in_stories]
    if any(d.published for _, d in stories):
        implied = {day for c, d in stories for day in days_implied(_paragraph_text(c, d), d.published)}
        terms = [t for t in terms if t.lower() not in implied]
    if absent and answer.answered:  # spelled otherwise than in the articles ("Frensh", "SP")?
        absent = unsupported(absent, _surroundings(answer.principal, documents))
        absent = [t for t in absent if not loose(t) or unsupported([t], _articles(answer, documents))]
    if absent:
        return Answer(answer.question, False, f"Nothing in the articles mentions {listed(absent)}.", (), 0.0)
    if not answer.answered:
        return answer
    quoted = " ".join(c.quote for c in answer.principal)  # a detail quoted beside the answer supports nothing
    missing = unsupported(terms, quoted)
    if missing:
        missing = unsupported(missing, _surroundings(answer.principal, documents))
    if missing:
        missing = [t for t in missing if not _office_holder_quoted(t, answer, quoted, documents)]
    if missing:
        articles = _articles(answer, documents)
        # a year frames the whole story, which a paragraph need not repeat ("the 2015 season")
        missing = [t for t in missing if not (loose(t) or _YEAR.fullmatch(t)) or unsupported([t], articles)]
    if missing:
        beside = [c.n for c in answer.citations[len(answer.principal):] if not unsupported(missing, c.quote)]
        return related(not_mentioned(missing, beside), answer)
    if denied := denied_trip(terms, answer, documents) or negated_act(answer, documents):
        return Answer(answer.question, False, f"The articles report otherwise: “{denied.quote}” [1]", (denied,), 0.0)
    # a dateline's day ("LONDON, March 24 -") is when the story ran, not when what it reports happens
    bare = " ".join(after_dateline(c.quote) for c in answer.principal)
    cited = " ".join(after_dateline(c.quote) for c in answer.citations)  # with the details quoted beside
    reason = unfit(answer.question, bare)
    if reason and reason.startswith(NO_SUCH) and unfit(answer.question, cited) is None:
        reason = None  # "Which Japanese minister ...?": named in a detail quoted beside the answer
    if reason is None and (opposite := opposite_said(answer.question, bare, cited)):
        reason = f"The passages that speak of this say “{opposite[1]}”, not “{opposite[0]}”."
    here = [place for c in answer.principal if re.search(r"\bhere\b", c.quote)
            and (place := dateline_place(documents[c.doc_id]))]  # "at a meeting here": the dateline's city
    if reason is None and not city_fits(answer.question, " ".join([quoted, *(place.value for place in here)])):
        reason = f"The passages that speak of this name no {asked_venue(answer.question)}."
    published = documents[answer.principal[0].doc_id].published if answer.principal[0].doc_id in documents else None
    if reason is None and not recent_fits(answer.question, bare, published):
        reason = "The passages that speak of this date it in another month."
    if reason is None and not (arrival_fits(answer.question, bare) and outcome_fits(answer.question, bare, published)):
        reason = TO_COME
    if reason is None and not called_off_fits(answer.question, _surroundings(answer.principal, documents)):
        reason = "The passages that speak of this report nothing called off."
    if reason is None and not meeting_fits(answer.question, answer.answer, bool(terms)):  # a record's answer says "met"
        reason = "The passages that speak of this report no meeting."
    if reason is None and from_quotes:  # two people met in one quote; the meeting where the question puts it
        reason = together_unfit(answer.question, [_told(c, documents) for c in answer.principal], terms)
    if reason is None and (group := group_met_named(answer.question, _surroundings(answer.principal, documents))):
        reason = f"The passages that speak of this name no {group}."
    if reason is None and not (body_named_fits(answer.question, bare) and states_named_fits(answer.question, cited)):
        reason = "The passages that speak of this name none."
    if reason is None and not count_fits(answer.question, cited):
        reason = "The passages that speak of this give no number."  # "how many delegates?": not "April 27"
    if reason is None and not amount_fits(answer.question, cited):
        reason = "The passages that speak of this give no amount."  # "how much is it worth?": not "a one-week visit"
    if reason is None and _SIGNING_ASKED.search(answer.question) and not any(_SIGNED.search(c.quote) and not unsupported(
            terms, _surroundings((c,), documents)) for c in answer.principal):  # "When did A and B sign?": "A met B"
        reason = "The passages that speak of this report no signing."
    if reason is None and (description := only_described(answer.question, after_dateline(answer.principal[0].quote))):
        reason = f"The passages that speak of this name none: they say “{description}”."
    if reason is None and asked_country(answer.question) and not qualified_fits(  # the articles joined only then
            answer.question, quoted, _articles(answer, documents)):
        reason = f"The passages that speak of this name no {asked_office(answer.question)}."
    if reason is not None:
        return related(reason, answer)
    if here and (question_kind(answer.question) == "where" or _PLACE_ASKED.search(answer.question)):
        return here_named(answer, here[0], documents)
    return reported_from(answer, documents) if from_quotes else answer


_PLACE_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:city|town|capital|place|venue)\b", re.IGNORECASE)


def _paragraph_text(citation: Citation, document: Document) -> str:
    """The paragraph a quote stands in (the quote itself when the paragraph is unknown)."""
    paragraph = document.paragraph(citation.paragraph)
    return document.text[paragraph.start:paragraph.end] if paragraph else citation.quote


def _told(citation: Citation, documents: dict[str, Document]) -> Told:
    """A quote as together.py reads it: past its dateline, with what it rests on and its story's city."""
    quote = after_dateline(citation.quote)
    dateline = dateline_place(documents[citation.doc_id])
    return Told(quote, _surroundings((citation,), documents), dateline.value if dateline else None, quote != citation.quote)


# "When did A and B sign the accord?", "Where did Cabrera sign it?": not "signed up", "call signs", "was signed"
_SIGNING_ASKED = re.compile(r"\b(?:did|do|does|will|would|to|can|could)\s+[^?]*?\bsign\b(?!\s+up\b)", re.IGNORECASE)
_SIGNED = re.compile(r"\b(?:sign\w*|initial(?:l)?ed|countersign\w*)\b", re.IGNORECASE)


_OFFICE_WORDS = ("president|prime minister|premier|chancellor|king|queen|leader|foreign minister|finance minister|"
                 "oil minister|minister|secretary of state|foreign secretary|secretary|ambassador|envoy|general")
_HOLDER = rf"\s+(?:[A-Za-z\-]+\s+){{0,2}}?(?i:{_OFFICE_WORDS})\s+((?:[A-Z][\w'’\-]+\s+){{0,3}}[A-Z][\w'’\-]+)"


def unquoted(answer: Answer) -> list[str]:
    """The names the question gives that the answer's own quotes do not hold."""
    return unsupported(named_terms(answer.question), " ".join(c.quote for c in answer.principal))


def _office_holder_quoted(term: str, answer: Answer, quoted: str, documents: dict[str, Document]) -> bool:
    """Whether "the French president" of the question is someone the quotes name: the cited article calls
    him "French President Jacques Chirac" and a quote says "Mr Chirac"."""
    country = gazetteer.country_of(term)
    if country is None or not re.search(rf"\b{re.escape(term)}\s+(?:[a-z\-]+\s+){{0,2}}?(?:{_OFFICE_WORDS})\b",
                                        answer.question, re.IGNORECASE):
        return False
    forms = "|".join(map(re.escape, sorted(gazetteer.aliases_of(country), key=len, reverse=True)))
    holder = re.compile(rf"(?<!\w)(?i:{forms}){_HOLDER}")
    for doc_id in dict.fromkeys(c.doc_id for c in answer.principal):
        for match in holder.finditer(documents[doc_id].text):
            surname = match.group(1).split()[-1]
            if re.search(rf"\b{re.escape(surname)}\b", quoted):
                return True
    return False


def _articles(answer: Answer, documents: dict[str, Document]) -> str:
    """The whole text of the articles the answer cites."""
    return " ".join(documents[d].text for d in dict.fromkeys(c.doc_id for c in answer.principal))

"""Answers to meeting questions ("who is meeting Pompeo?", "did Putin talk to Macron?") from meeting
records: every participant, the place and the day the articles give, each fact cited."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from index.answers.compose import Answer, Citation
from index.answers.days_asked import on_the_day_asked
from index.answers.fit import unfit
from index.answers.kinds import MEETING_AS_TIME, precise_time_asked, question_kind
from index.answers.named import (
    articles_of,
    display_name,
    involves,
    meeting_told,
    named_in,
    named_together,
    surname,
    together,
    unrecorded,
)
from index.answers.premises import named_terms, unsupported
from index.corpus.documents import Document
from index.meetings.facts import REMOTE
from index.meetings.records import Fact, Meeting, Person, Quote
from index.text import gazetteer
from index.text.dates import TIME_EXPRESSION
from index.text.tokens import words

MAX_CHARS = 500
CONFIDENCE = 0.95
_MEETING_WORDS = re.compile(
    r"\b(?:meet|meets|meeting|meetings|met|talk|talks|talked|talking|(?:speak|speaks|spoke|spoken)(?=\s+(?:with|to)\b)|call|called|"
    r"calls|phone|phoned|telephone|visit|visits|visited|visiting|go|goes|going|went|travel|travels|"
    r"travelling|traveling|head|heads|heading|see|sees|saw|seeing|consult|consulted|consultations|hold|holds|"
    r"held|host|hosts|hosted|summit|sit|sits|sat|sitting|confer|confers|conferred|conferring|arrive|arrives|arrived|"
    r"arriving|due\s+in)\b", re.IGNORECASE)
_ARRIVAL = re.compile(r"\b(?:arrive|arrives|arrived|arriving|land|landed|due\s+in)\b", re.IGNORECASE)
_YES_NO = re.compile(r"^(?:did|does|do|is|are|was|were|will|has|have|had)\b", re.IGNORECASE)


_MET_SOMEONE = re.compile(r"\b(?:meet|meets|meeting|meetings|met|talks|summit|consult\w*|"
                          r"(?:talk|talked|speak|spoke|spoken)\s+(?:to|with)|(?:sit|sits|sat|sitting)\s+down\s+with|confer\w*\s+with)\b",
                          re.IGNORECASE)
_THING_SEEN = re.compile(r"\b(?:visit|visits|visited|visiting|see|sees|saw|seeing|tour|tours|toured)\s+(?:a|an)\s+",
                         re.IGNORECASE)  # "visit a credit union", "see an orphanage": a place seen, not people met
_WHERE_FROM = re.compile(r"^(?:and\s+)?where\b.*\bfrom\W*$", re.IGNORECASE)  # an origin, not a meeting place


def is_meeting_question(question: str) -> bool:
    """Whether the question asks about a meeting: it names one other than as the time of something else,
    and does not ask where someone came from."""
    if _WHERE_FROM.match(question.strip()) or _THING_SEEN.search(question):
        return False
    return any(not MEETING_AS_TIME.search(question[:m.start()]) and not _NOT_A_MEETING.match(question, m.start())
               for m in _MEETING_WORDS.finditer(question))


# "go to feed the pigeons": a purpose, not a trip; "called their system ...": a name, not a call; "hold his news
# conference", "hold elections": no meeting with anyone
_NOT_A_MEETING = re.compile(r"(?:go|goes|going|went|travel\w*|head\w*)\s+to\s+(?!(?:the|a|an|his|her|their|its|meet|see|"
                            r"visit|talk|attend|hold)\b)(?-i:[a-z])"
                            r"|(?:hold|holds|held|holding)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w-]+\s+)?(?:(?:news|press)"
                            r"\s+(?:conference|briefing)|briefings?|elections?|referend\w*|votes?|polls?)\b"
                            r"|call(?:s|ed|ing)?\s+(?!(?:on|with|to|from|for|back|off)\b)(?-i:(?:[a-z]+\s+){0,2}?[a-z]+\s+(?:the\s+)?[\"“A-Z])",
                            re.IGNORECASE)


def answer_from_meetings(question: str, meetings: Sequence[Meeting], documents: dict[str, Document],
                         context: str = "") -> Answer | None:
    """An answer built from the meeting records, or None when the question is not about a known meeting.

    A context (the earlier question this one follows up) is read as part of the question."""
    asked_text = f"{context} {question}" if context else question
    if meetings and _JOINT_ACT.match(question.strip()):
        return _not_yet_met(question, named_in(asked_text, meetings), meetings, documents)
    if not meetings or not is_meeting_question(asked_text):
        return None
    kind = question_kind(question)
    yes_no = bool(_YES_NO.match(asked_text.strip()))
    if kind in ("count", "why", "other") and not yes_no or _RELATIVE_TIME.search(question):
        return None  # "what did they discuss?", "how long did it last?", "why did he miss it?", "where did he hold
        # talks before coming to Malaysia?": the passages say
    people = named_in(asked_text, meetings)
    if (yes_no or kind == "who") and not _asks_whether_they_met(question):
        return None  # "did the meeting make progress?", "did Miyazawa reveal what they said?": the passages say
    if not people:
        absent = unrecorded(question, meetings, documents) if _MET_SOMEONE.search(asked_text) else []
        # someone the articles name, in no record and beside no meeting word (a trip, "go to Prague"): the records say
        if absent and not any(meeting_told(name, documents) for name in absent):
            return Answer(question, False, f"The articles report no meeting for {' or '.join(absent)}.", (), 0.0)
        return None
    chosen = _involving(meetings, people)
    if not chosen and (by_name := named_in(asked_text, meetings, offices=False)) and by_name != people:
        people = by_name  # "the German chancellor" of no record with Juncker: his own records
        chosen = _involving(meetings, people)
    if chosen and len(people) > 1 and _PAST_WH.match(question.strip()) and (
            verdict := _not_yet_met(question, people, meetings, documents)):
        return verdict  # "When did Shultz and Kuranari meet in Tokyo?": theirs is still to come, in Washington
    absent = unrecorded(question, meetings, documents) if _MET_SOMEONE.search(asked_text) and surname(people[0][0]) else []
    if absent and not together([surname(people[0][0]), *(name.split()[-1] for name in absent)], documents):
        return _no_meeting(question, [*absent, display_name(people[0])], people[0], meetings, documents)  # never together
    if unrecorded(question, meetings, articles_of(chosen, documents), any_case=True):
        return None  # "will aristov meet kohl?": Kohl is in no record; the passages and their checks decide
    places = _places_asked(question, people, [documents[d] for d in dict.fromkeys(m.doc_id for m in chosen)
                                              if d in documents])
    if kind == "where" and places:
        return None  # "where in Washington ...?": the records would only repeat the place; the passages may say more
    if chosen and places and not any(m.at(p) for m in chosen for p in places):
        return None  # "... meet bankers in Tokyo?": no record there; the passages and their premise check decide
    if places:
        chosen = [m for m in chosen if any(m.at(p) for p in places)]  # "on his trip to the United States"
    if (on_the_day := on_the_day_asked(question, chosen)) is not None:  # "last October", "on tuesday"
        if not on_the_day:
            return None
        chosen = on_the_day
    if not chosen:
        if len(people) > 1 and not named_together(people, documents):
            return _no_meeting(question, [display_name(group) for group in people], people[0], meetings, documents)
        return None  # the records may have missed it: the passages that name them together may say
    wanted = {"where": "place", "when": "when"}.get(kind)
    if wanted:
        chosen = [m for m in chosen if getattr(m, wanted) is not None and (not _ARRIVAL.search(question) or (
            m.kind and m.kind.value == "visit"))]  # "What day did he arrive?": a trip's day, not a meeting's
        if kind == "where" and _CITY_ASKED.search(question):
            chosen = [m for m in chosen if not _country_only(m.place.value)]
        if not chosen:
            return None  # the records do not say where or when (or name only a country for "which city"): the passages may
    asked = set(words(asked_text))
    chosen.sort(key=lambda m: -_fit(m, asked))
    citations: list[Citation] = []
    sentences: list[str] = []
    for meeting in chosen[:3]:
        sentence = _describe(meeting, documents, citations, topic=bool(_TOPIC_ASKED.search(question)))
        sentence = sentence[:1].upper() + sentence[1:]  # "The US side will meet ..."
        if len(" ".join(sentences + [sentence])) + 5 > MAX_CHARS and sentences:
            break
        sentences.append(sentence)
    text = " ".join(sentences)
    if _YES_NO.match(asked_text.strip()):  # "is Kuranari's visit still on?": not when it was called off
        status = chosen[0].status
        verdict = "No" if status and status.value in _OFF else "Not confirmed" if status and status.value == "planned" \
            and _HEDGED.search(status.quote.text) else "Yes"  # "hoping to be received ..., no meeting had been confirmed"
        text = f"{verdict}: {text[0].lower() + text[1:] if text[:1].isupper() and not _starts_with_name(text) else text}"
    if len(text) > MAX_CHARS:
        return None
    if kind == "when" and precise_time_asked(question) and (reason := unfit(question, chosen[0].when.value)) and not \
            unsupported(named_terms(question), " ".join(c.quote for c in citations)):  # the record asked about
        return Answer(question, False, f"{reason} Related: {text}", tuple(citations), 0.0)  # "exact date": "next month"
    return Answer(question, True, text, tuple(citations), CONFIDENCE)


_OFF = ("postponed", "cancelled", "ruled out")
_HEDGED = re.compile(r"\b(?:hop(?:e|es|ed|ing)\s+to|(?:being\s+)?sought|seeking|not\s+(?:yet\s+)?(?:been\s+)?confirmed"
                     r"|unconfirmed|might|possibl[ey])\b", re.IGNORECASE)
_AUXILIARIES = {"is", "are", "was", "were", "will", "would", "did", "does", "do", "has", "have", "had", "to", "be",
                "going", "due", "set", "expected", "scheduled", "also"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "this", "that"}
_MEETING_NOUNS = {"meeting", "meetings", "talks", "summit", "visit", "trip", "call", "conference"}
_MEETING_VERBS = re.compile(r"(?:meet|met|meeting|talk|talked|speak|spoke|visit|visited|call|called|phone|phoned|"
                            r"hold|held|go|went|travel|see|saw|confer|conferred|host|hosted|sit|sat|get)(?:s|ing)?$", re.IGNORECASE)


_CITY_ASKED = re.compile(r"\b(?:which|what)\s+(?:city|town|capital)\b", re.IGNORECASE)


def _country_only(place: str) -> bool:
    """'West Germany', 'the UAE': a country and no city, which does not answer "in which city"."""
    return gazetteer.city_country(place) is None and gazetteer.country_of(place) is not None


def _places_asked(question: str, people: list[list[Person]], documents: list[Document]) -> list[str]:
    """Places the question puts the meeting in: 'in Tokyo', 'at Davos', 'go to Japan', and 'to Site Two' when an
    article writes it and it names nobody the records hold."""
    found = re.findall(r"\b(?:in|at|to)\s+(?:the\s+)?([A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*)*)", question)
    names = {w.lower() for group in people for p in group for w in (p.name or "").split()}
    return [p for p in found if gazetteer.is_place(p) or p.lower() not in names and not TIME_EXPRESSION.match(p)
            and any(re.search(rf"\b{re.escape(p)}\b", d.text) for d in documents)]


def _asks_whether_they_met(question: str) -> bool:
    """'Did Putin talk to Macron?' asks about a meeting; 'Did the Franco-German meeting make progress?' does not.
    Questions with 'is/are/was' ask about a state ('Is Kuranari's visit still on?') and always count."""
    tokens = re.findall(r"[\w'’-]+", question)
    if not tokens:
        return True
    if tokens[0].lower() in ("is", "are", "was", "were"):  # "Was a statement issued after ...?" asks about a statement
        noun = tokens[2] if len(tokens) > 2 and tokens[1].lower() in _DETERMINERS else None  # "a statement"
        return noun is None or noun[:1].isupper() or noun.lower() in _MEETING_NOUNS  # "is lind meeting hale?": yes
    rest = [t for t in tokens[1:] if t.lower() not in _AUXILIARIES | {"else"}] if tokens[0].lower() in ("who", "whom") else \
        tokens[1:]
    for i, word in enumerate(rest):
        before = rest[i - 1] if i else ""
        if word[:1].isupper() or word.lower() in _DETERMINERS or word.lower() in _MEETING_NOUNS and (
                before[:1].isupper() or before.lower() in _DETERMINERS):
            continue  # the subject: "the Franco-German meeting", "Putin"
        return bool(_MEETING_VERBS.match(word))
    return False


def _no_meeting(question: str, names: list[str], first: list[Person], meetings: Sequence[Meeting],
                documents: dict[str, Document]) -> Answer:
    """An abstention: no record brings these people together; what the first of them does, as related."""
    text = f"The articles report no meeting between {', '.join(names[:-1])} and {names[-1]}."
    citations: list[Citation] = []
    theirs = [m for m in meetings if involves(m, first)]
    if theirs:
        related = _describe(theirs[0], documents, citations)
        if len(text) + len(related) + 10 <= MAX_CHARS:
            text += f" Related: {related}"
        else:
            citations = []
    return Answer(question, False, text, tuple(citations), 0.0)


# "What did A and B agree?", "what did A tell B", "What did A discuss with B": what two people did together
_PAST_WH = re.compile(r"^(?:and\s+)?(?:when|where)\s+did\b", re.IGNORECASE)
_JOINT_ACT = re.compile(r"^(?:and\s+)?what\s+did\s+.+?\b(?:(?:agree|discuss|decide|settle|sign|negotiate|tell|talk\s+about)\b"
                        r"|(?:say|said)\b.*\b(?:on\s+the\s+(?:tele)?phone|to\s+each\s+other|(?:at|after|during|in)\s+their"
                        r"|when\s+they)\b)", re.IGNORECASE)


def _not_yet_met(question: str, people: list[list[Person]], meetings: Sequence[Meeting],
                 documents: dict[str, Document]) -> Answer | None:
    """An abstention when what two people did together presupposes a meeting the records do not hold as
    held (at the place asked): none between them, or only one still to come, put off, called off or elsewhere;
    None leaves it to the passages."""
    asked = words(question)
    people = sorted(people, key=lambda g: asked.index(surname(g[0])) if surname(g[0]) in asked else len(asked))
    if len(people) == 1 and surname(people[0][0]):  # "what did dordain and lord sainsbury discuss?"
        absent = unrecorded(question, meetings, articles_of([m for m in meetings if involves(m, people[0])],
                                                              documents), any_case=True)
        if absent:
            return _no_meeting(question, [display_name(people[0]), *absent], people[0], meetings, documents)
    if len(people) < 2:
        return None
    names = [display_name(group) for group in people]
    chosen = _involving(meetings, people)
    if not chosen:
        return _no_meeting(question, names, people[0], meetings, documents)
    places = [p for p in re.findall(r"\b(?:in|at)\s+((?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?)", question, re.IGNORECASE)
              if gazetteer.is_place(p) or gazetteer.is_place(p.rsplit(" ", 1)[0])]
    held = [m for m in chosen if m.status is None or m.status.value in ("held", "under way")]
    if places:
        held = [m for m in held if any(m.at(p) or m.at(p.rsplit(" ", 1)[0]) for p in places)
                or m.place is None and not (m.format and m.format.value in REMOTE)]
    if held:
        return None
    citations: list[Citation] = []
    place = next((p if gazetteer.is_place(p) else p.rsplit(" ", 1)[0] for p in places), "")
    where = f" in {place if place[:1].isupper() else string.capwords(place)}" if place else ""
    text = f"The articles report no meeting held between {', '.join(names[:-1])} and {names[-1]}{where}."
    related = _describe(next((m for m in chosen if place and m.at(place)), chosen[0]), documents, citations)
    if len(text) + len(related) + 10 > MAX_CHARS:
        return Answer(question, False, text, (), 0.0)
    return Answer(question, False, f"{text} Related: {related}", tuple(citations), 0.0)


def _starts_with_name(text: str) -> bool:
    return bool(re.match(r"[A-Z][a-z]+ [A-Z]", text))


def _fit(meeting: Meeting, asked: set[str]) -> int:
    """How many of the question's words the meeting's place and day answer ("on Friday", "in Moscow")."""
    facts = [f for f in (meeting.place, meeting.when) if f]
    by_phone = bool(asked & {"phone", "telephone", "call", "phoned", "telephoned"}) and meeting.format is not None \
        and meeting.format.value == "telephone"
    countries = {c for w in asked if len(w) > 3 and (c := gazetteer.country_of(w))}  # "the Japanese ministers"
    theirs = {p.country for p in meeting.counterparts} | {gazetteer.country_of(meeting.place.value) or gazetteer.city_country(
        meeting.place.value) if meeting.place else None}
    trip = bool(asked & _TRAVEL) and meeting.kind is not None and meeting.kind.value == "visit" and not meeting.counterparts
    kind = meeting.kind is not None and meeting.kind.value in asked  # "the next GCC summit": the summit
    return sum(bool(asked & set(words(f.value))) for f in facts) + by_phone + len(countries & theirs) + 2 * trip + kind


_TRAVEL = {"go", "goes", "going", "went", "travel", "travels", "travelling", "fly", "flies", "flew", "flying", "head",
           "heads", "heading", "leave", "leaves", "leaving", "left"}  # "where does he go next?": a trip


def _involving(meetings: Sequence[Meeting], people: list[list[Person]]) -> list[Meeting]:
    """The meetings every one of these people (each a group of the names a question's word may mean) is in."""
    return [m for m in meetings if all(involves(m, group) for group in people)]


def _cite(quote: Quote, documents: dict[str, Document], citations: list[Citation]) -> str:
    for citation in citations:
        if (citation.doc_id, citation.start, citation.end) == (quote.doc_id, quote.start, quote.end):
            return f"[{citation.n}]"
    document = documents[quote.doc_id]
    n = len(citations) + 1
    citations.append(Citation(n, quote.doc_id, document.title, quote.paragraph, quote.start, quote.end,
                              document.text[quote.start:quote.end], document.url))
    return f"[{n}]"


def _people(people: Sequence[Person], documents, citations) -> str:
    named = [f"{p.label() if p.name or re.fullmatch(r'[A-Z0-9-]+', p.label()) else 'the ' + p.label()} "
             f"{_cite(p.quote, documents, citations)}" for p in people]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _verb(meeting: Meeting) -> str:
    status = meeting.status.value if meeting.status else ""
    by_phone = meeting.format is not None and meeting.format.value in ("telephone", "video")
    plural = len(meeting.participants) > 1
    if status == "planned":
        return "will speak with" if by_phone else "will meet"
    if status == "under way":
        return ("are" if plural else "is") + " meeting"
    if status in _OFF:
        return f"had a meeting ({status}) with"
    return f"spoke by {meeting.format.value} with" if by_phone else "met"


def _fact(fact: Fact | None, text: str, documents, citations) -> str:
    return f" {text} {_cite(fact.quote, documents, citations)}" if fact else ""


def _event(meeting: Meeting, documents, citations) -> str:
    """A trip or a body's meeting: 'X visited Kenya', 'A meeting of OPEC was ruled out'."""
    who = _people(meeting.participants, documents, citations)
    status = meeting.status.value if meeting.status else "held"
    kind = meeting.kind.value if meeting.kind else "meeting"
    if kind == "visit" and meeting.place:
        place = f"{meeting.place.value} {_cite(meeting.place.quote, documents, citations)}"
        if status in _OFF:
            day = ""
            if meeting.when:
                day = f" {meeting.when.value}" + (f" ({meeting.when.date})" if meeting.when.date else "")
            return f"A visit by {who} to {place}{day} was {status}"
        verb = {"planned": "will visit", "under way": "is visiting"}.get(status, "visited")
        return f"{who} {verb} {place}"
    noun = {"talks": "talks", "summit": "a summit", "conference": "a conference"}.get(kind, "a meeting")
    if status in _OFF:
        return f"{noun[:1].upper() + noun[1:]} of {who} was {status}"
    plural = "are" if len(meeting.participants) > 1 else "is"
    verb = {"planned": "will hold", "under way": f"{plural} holding"}.get(status, "held")
    return f"{who} {verb} {noun}"


# "... and what will be on the agenda?", "what will they discuss?"
_RELATIVE_TIME = re.compile(r"\b(?:before|prior\s+to)\s+(?:coming|going|arriving|visiting|leaving|travell?ing|"
                            r"flying|heading|returning)\b", re.IGNORECASE)  # the records do not order one trip after another
_TOPIC_ASKED = re.compile(r"\b(?:agenda|discuss\w*|topics?|subjects?|about\s+what|what\s+about)\b", re.IGNORECASE)


_DAYS = re.compile(r"^([A-Z][a-z]+day)(\s+(?:and|or)\s+[A-Z][a-z]+day)?$")  # "Thursday", "Thursday and Friday"


def _dated(when: Fact) -> str:
    """'Thursday (1987-04-30)', 'Thursday (1987-04-30) and Friday': the date belongs to the first day."""
    days = _DAYS.match(when.value)
    if not when.date:
        return when.value
    return f"{days.group(1)} ({when.date}){days.group(2)}" if days and days.group(2) else f"{when.value} ({when.date})"


def _describe(meeting: Meeting, documents: dict[str, Document], citations: list[Citation], topic: bool = False) -> str:
    if not meeting.counterparts:
        sentence = _event(meeting, documents, citations)
        if meeting.place and not (meeting.kind and meeting.kind.value == "visit"):
            sentence += _fact(meeting.place, f"in {meeting.place.value}", documents, citations)
        if meeting.when and not sentence.endswith(("cancelled", "postponed", "ruled out")):
            day = _dated(meeting.when)
            sentence += _fact(meeting.when, f"on {day}" if re.match(r"^[A-Z][a-z]+day", day) else day,
                              documents, citations)
        return sentence + "."
    parts = [_people(meeting.participants, documents, citations), _verb(meeting),
             _people(meeting.counterparts, documents, citations)]
    sentence = " ".join(parts)
    if meeting.format and meeting.format.value in ("separate meetings", "joint meeting"):
        sentence += _fact(meeting.format, f"in {meeting.format.value}", documents, citations)
    if meeting.place:
        sentence += _fact(meeting.place, f"in {meeting.place.value}", documents, citations)
    if meeting.when:
        day = _dated(meeting.when)
        sentence += _fact(meeting.when, f"on {day}" if _DAYS.match(meeting.when.value) else day,
                          documents, citations)
    if topic and meeting.topic:
        sentence += _fact(meeting.topic, f"on {meeting.topic.value}", documents, citations)
    notes = [f"{n.value} {_cite(n.quote, documents, citations)}" for n in meeting.notes]
    return sentence + "." + (" " + "; ".join(notes).capitalize() + "." if notes else "")

"""Who a question names among the people of the meeting records ("Blair", "Sheikh Zaid", "the water
secretaries"), and the people it names that no record holds ("Straw", "lord sainsbury")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from index.corpus.documents import Document
from index.meetings.records import Meeting, Person
from index.text import gazetteer
from index.text.sentences import split_sentences
from index.text.tokens import STOPWORDS, words


def named_in(question: str, meetings: Sequence[Meeting], offices: bool = True) -> list[list[Person]]:
    """The people of the meetings that the question names by (part of) their name: for each name it
    gives, everyone of the records it may mean ("Blair": "Blair" and "Tony Blair"), fullest name first."""
    said_seq = words(question)
    said = list(dict.fromkeys(said_seq))
    candidates = [w for w in said if len(w) > 2 and w not in STOPWORDS]
    found: dict[str, dict[str, Person]] = {}
    phrase = f" {' '.join(said_seq)} "
    for meeting in meetings:
        for person in meeting.people():
            for word in candidates:
                if word == surname(person) and named_by(person, candidates, said) or word in titled(person):  # "Pompeo"
                    found.setdefault(word, {}).setdefault(person.name, person)
            if offices and _office_named(person, said_seq):  # "the French foreign minister"
                found.setdefault(f"{person.country} {person.office}", {}).setdefault(person.name, person)
            last_two = words(person.name or "")[-2:]
            if len(last_two) == 2 and len(last_two[1]) <= 2 and f" {' '.join(last_two)} " in phrase:  # "wu yi"
                found.setdefault(last_two[1], {}).setdefault(person.name, person)
    return [sorted(group.values(), key=lambda p: -len(p.name or "")) for group in found.values()]


def _office_named(person: Person, said: list[str]) -> bool:
    """The question names the person's office with the person's state before it ("the french foreign minister",
    "britain's prime minister", "the west german finance minister")."""
    office = words(person.office or "")
    if not (office and person.name and person.country):
        return False
    return any(said[i:i + len(office)] == office and any(
        gazetteer.country_of(" ".join(said[max(0, i - n):i])) == person.country for n in (1, 2))
        for i in range(1, len(said) - len(office) + 1))


_COUNTING = {"many"}  # "how many finance ministers": no qualifier (question words are stop words already)


def named_by(person: Person, asked: list[str], said: list[str] | None = None) -> bool:
    """A group named by a common noun ("EU foreign ministers", "the water secretaries") is named by its last two
    words ("esa ministers" does not name the first); anyone else by the surname."""
    name = words(person.name or "")
    last = (person.name or "").split()[-1:]
    if name and name[-1] in gazetteer.BODY_NOUNS:
        return len(name) > 1 and name[-2] in asked  # "the Security Council" names no "INRO Council" or "Council"
    if not (last and last[0].isalpha() and last[0].islower() and len(name) > 1):
        return True
    if name[-2] not in asked:
        return False
    said = said or asked
    at = said.index(name[-2]) if name[-2] in said else 0  # "eurozone finance ministers" does not name "G7 finance
    qualifier = said[at - 1] if at and said[at - 1] not in STOPWORDS else None  # ministers"
    return qualifier is None or qualifier in name or qualifier in _COUNTING


def unrecorded(question: str, meetings: Sequence[Meeting], documents: dict[str, Document],
               any_case: bool = False) -> list[str]:
    """Capitalised names in the question that the articles use but no meeting record holds ('Straw'); with
    any_case, its lower-case words too ('straw')."""
    names = re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*", question.strip())
    if any_case:
        names = list(dict.fromkeys(w.capitalize() for w in words(question) if w.isalpha() and len(w) > 2
                                   and not _TITLE.fullmatch(w)))
    names = [n for n in names if n.split()[-1].lower() not in STOPWORDS and not gazetteer.country_of(n.split()[-1])]
    if not names:
        return []
    known = {w for m in meetings for p in m.people() for a in (*p.aliases, p.name or "") for w in words(a)}
    # a person in the articles: "Mr Straw", "Foreign Secretary Jack Straw", "Straw said" (not "the Nile",
    # "The Hague", "the Super Bowl", "Levi's Stadium")
    return [name for name in names if name.split()[-1].lower() not in known and not gazetteer.is_place(name)
            and any(name.split()[-1].lower() in _people_named(d.text) for d in documents.values())]


_MEETING_TOLD = re.compile(r"\b(?:met|meet|meets|meeting|talks|visit(?:s|ed|ing)?|received|hosted|conferred"
                           r"|(?:spoke|talked)\s+(?:to|with))\b", re.IGNORECASE)


def meeting_told(name: str, documents: dict[str, Document]) -> bool:
    """Whether some sentence of the articles names this person beside a meeting word: the records may have
    missed it ("Sarney met more than 20 businessmen"), so the passages decide."""
    named = re.compile(rf"\b{re.escape(name.split()[-1])}\b")
    return any(named.search(d.text, a, b) and _MEETING_TOLD.search(d.text, a, b) for d in documents.values()
               for p in d.paragraphs for a, b in split_sentences(d.text, p.start, p.end))


@lru_cache(maxsize=4096)
def _people_named(text: str) -> frozenset[str]:
    """The words of an article that name a person: after a title, or before "said"."""
    return frozenset(w.lower() for m in _PERSON_NAMED.finditer(text) for w in m.groups() if w)


_TITLES = ("(?i:mr|mrs|ms|dr|sir|lord|lady|president|prime minister|premier|chancellor|minister|secretary|senator|"
           "governor|ambassador|general|gen|colonel|admiral|king|queen|prince|princess|sheikh|emir|sultan|pope|"
           "cardinal|bishop|commissioner|chairman|director|mayor|judge|justice|spokesman|spokeswoman|envoy|leader|"
           "deputy|representative|rep|sen|congressman|congresswoman|coach)")
_SAID = "said|says|told|added|announced|warned|stated|wrote|insisted|argued|replied"
_TITLE = re.compile(_TITLES)
_PERSON_NAMED = re.compile(rf"\b(?:{_TITLES})\.?\s+(?:([A-Z][a-z]+)\s+)?([A-Z][a-z]+)\b"
                           rf"|\b[A-Z][a-z]+\s+([A-Z][a-z]+)\s*,?\s+(?:{_SAID})\b")


def titled(person: Person) -> set[str]:
    """The name a royal or Arab title goes with: 'Sheikh Zaid', 'King Hassan' -> {'zaid'}, {'hassan'}."""
    return {m.lower() for a in person.aliases for m in re.findall(
        r"\b(?:Sheikh|Sheik|King|Queen|Prince|Emir|Sultan)\s+([A-Z][a-z]+)", a)}


def surname(person: Person) -> str:
    """The last word of a person's name, lower case ("" for someone known only by office)."""
    name = words(person.name) if person.name else []
    return name[-1] if name else ""


def involves(meeting: Meeting, people: list[Person]) -> bool:
    """Whether the meeting involves one of the people a name in the question may mean."""
    return any(person == other or same_person(person, other) for person in people for other in meeting.people())


def named_together(people: list[list[Person]], documents: dict[str, Document]) -> bool:
    """Whether some paragraph names every one of these people (by surname)."""
    return together([surname(g[0]) for g in people if surname(g[0])], documents)


def together(surnames: list[str], documents: dict[str, Document]) -> bool:
    """Whether some paragraph names them all, one of them perhaps as the "He" it opens with when the paragraph
    before names him ("He said that he expected Funaro, who he met with last week, ...")."""
    names = [re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) for n in surnames]
    for document in documents.values():
        for i, p in enumerate(document.paragraphs):
            missing = [n for n in names if not n.search(document.text, p.start, p.end)]
            if not missing:
                return True
            before = document.paragraphs[max(0, i - 2):i]
            if len(missing) == 1 and len(names) > 1 and re.match(r"\W*(?:He|She)\b", document.text[p.start:p.end]) and any(
                    missing[0].search(document.text, b.start, b.end) for b in before):
                return True
    return False


def articles_of(meetings: Sequence[Meeting], documents: dict[str, Document]) -> dict[str, Document]:
    return {m.doc_id: documents[m.doc_id] for m in meetings if m.doc_id in documents}


def display_name(group: list[Person]) -> str:
    return group[0].name or group[0].label()


def same_person(a: Person, b: Person) -> bool:
    return bool(a.name and b.name and a.name == b.name and a.country == b.country)

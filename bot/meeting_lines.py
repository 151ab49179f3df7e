"""A meeting record as one English sentence ("Russian President Vladimir Putin spoke by telephone with French
President Emmanuel Macron.") and its evidence as distinct quotes, each listed once with the fields it supports.
Used by the terminal (bot/render.py) and the Discord embeds (bot/discord/embeds.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine's types; importing them here would load nothing heavy, but keep the CLI lean
    from index.meetings.records import Meeting, Person, Quote

_WEEKDAY = re.compile(r"^(?:(?:next|last|this|coming)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_ADDRESS = re.compile(r"\d|\b(?:Street|House|Hill|Palace|Square|Avenue)\b")


def person_phrase(person: Person) -> str:
    """'US Secretary of State Mike Pompeo', 'Tony Blair', 'the Russian side', 'the West German financial officials'."""
    office = person.office
    if person.name:
        title = person.title() if office else None
        return f"{title} {person.name}" if title and not person.name.startswith(title) else person.name
    title = person.title() or "unknown party"
    if office and office.endswith("s") and office.split()[-1][:1].isupper():  # a group: lower-case its office
        title = title[: len(title) - len(office)] + office.lower()
    return title if re.fullmatch(r"[A-Z0-9-]+", title) else f"the {title}"  # "OPEC", "the Russian side"


def _list(people: Sequence[Person]) -> str:
    items = [person_phrase(p) for p in people]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(people: Sequence[Person]) -> bool:
    return len(people) > 1 or bool(people and not people[0].name and (people[0].office or "").endswith("s"))


def _verb(kind: str, status: str, plural: bool, with_others: bool) -> str:
    """The verb phrase for a kind of meeting in a state: 'spoke by telephone with', 'will hold talks with'."""
    be = "are" if plural else "is"
    nouns = {"phone call": "a telephone call", "video call": "a video call", "talks": "talks", "summit": "a summit",
             "conference": "a conference", "visit": "a visit", "meeting": "a meeting"}
    noun = nouns.get(kind, "a meeting")
    if kind in ("phone call", "video call"):
        how = "by telephone" if kind == "phone call" else "by video call"
        return {"held": f"spoke {how} with", "planned": f"will speak {how} with",
                "under way": f"{be} speaking {how} with"}.get(status, f"spoke {how} with")
    if with_others:
        if kind == "talks":
            return {"planned": "will hold talks with", "under way": f"{be} holding talks with"}.get(
                status, "held talks with")
        if kind == "visit":
            return {"planned": "will visit", "under way": f"{be} visiting"}.get(status, "visited")
        return {"planned": "will meet", "under way": f"{be} meeting"}.get(status, "met")
    return {"planned": f"will hold {noun}", "under way": f"{be} holding {noun}"}.get(status, f"held {noun}")


def meeting_sentence(meeting: Meeting) -> str:
    """One sentence in plain English: who, how, whom, where, when, in what state, about what."""
    kind = meeting.kind.value if meeting.kind else ("phone call" if meeting.format and meeting.format.value
                                                      == "telephone" else "meeting")
    status = meeting.status.value if meeting.status else None
    who, whom = meeting.participants, meeting.counterparts
    place = f" {'at' if _ADDRESS.search(meeting.place.value) else 'in'} {meeting.place.value}" if meeting.place else ""
    when = ""
    if meeting.when:
        value = meeting.when.value
        when = f" on {value}" if _WEEKDAY.match(value) or re.match(r"^[A-Z][a-z]+ \d|^\d", value) else (
            " at the weekend" if value.lower() == "weekend" else f" in {value}" if re.fullmatch(
                r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                r"(?: \d{4})?", value) else f" {value}")
        when += f" ({meeting.when.date})" if meeting.when.date else ""
    if kind == "visit" and not whom:  # a trip
        where = meeting.place.value if meeting.place else "abroad"
        if status in ("cancelled", "postponed", "ruled out"):
            line = f"{_list(who)}'s visit to {where}{when} was {status}"
        elif status is None:
            line = f"{_list(who)}'s visit to {where}{when}"
        else:
            line = f"{_list(who)} {_verb('visit', status, _plural(who), True)} {where}{when}"
    elif status in ("cancelled", "postponed", "ruled out", None):  # a state, or none said: a noun phrase
        noun = {"talks": "Talks", "summit": "A summit", "conference": "A conference", "phone call": "A call"}.get(
            kind, "A meeting")
        parties = f"between {_list(who)} and {_list(whom)}" if whom else f"of {_list(who)}"
        line = f"{noun} {parties}{place}{when}" + (f" {'were' if noun == 'Talks' else 'was'} {status}" if status
                                                    else "")
    else:
        line = f"{_list(who)} {_verb(kind, status, _plural(who), bool(whom))}"
        line += f" {_list(whom)}" if whom else ""
        line += place + when
        line += {"under way": "", "planned": "", "held": ""}.get(status, f" ({status})")
    if meeting.format and meeting.format.value in ("separate meetings", "joint meeting"):
        line += f", in {meeting.format.value}"
    if meeting.topic:
        line += f", on {meeting.topic.value}"
    line += "".join(f"; {note.value}" for note in meeting.notes)
    return line[:1].upper() + line[1:] + "."


def evidence(meeting: Meeting) -> list[tuple[str, Quote]]:
    """Each distinct quote once, in document order, with the fields it supports: ('participants, place', quote)."""
    labelled: list[tuple[str, Quote]] = [("participants", p.quote) for p in meeting.participants]
    labelled += [("counterparts", p.quote) for p in meeting.counterparts]
    for label in ("place", "when", "kind", "format", "status", "topic"):
        fact = getattr(meeting, label, None)
        if fact is not None:
            labelled.append((label, fact.quote))
    labelled += [("note", n.quote) for n in meeting.notes]
    labelled += [("", q) for q in meeting.quotes]
    by_quote: dict[tuple[str, int, int], tuple[list[str], Quote]] = {}
    for label, quote in labelled:
        labels, _ = by_quote.setdefault((quote.doc_id, quote.start, quote.end), ([], quote))
        if label and label not in labels:
            labels.append(label)
    ordered = sorted(by_quote.values(), key=lambda item: item[1].start)
    return [(", ".join(labels) or "context", quote) for labels, quote in ordered]

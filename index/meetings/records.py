"""Meeting records and what they are made of: verbatim quotes, people, facts; finding meetings by person
or place. Every field of a record carries the sentence it rests on."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from index.text import gazetteer

# The extractor's version: raise it when records change, so built indexes make their meeting records anew
EXTRACTOR_VERSION = 84


@dataclass(frozen=True)
class Quote:
    """Verbatim evidence: text == document.text[start:end], inside paragraph number `paragraph`."""

    doc_id: str
    paragraph: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Quote:
        return cls(str(d["doc_id"]), int(d["paragraph"]), int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(frozen=True)
class Person:
    name: str | None  # "Jeyhun Bayramov"; None when only an office or a side is known
    office: str | None  # "Foreign Minister", "Secretary of State", "Presidency"
    country: str | None  # canonical country ("Azerbaijan") or organisation ("NATO")
    aliases: tuple[str, ...]  # surface forms seen in the article
    quote: Quote  # where the person is best identified

    def title(self) -> str | None:
        """'Azerbaijani Foreign Minister', 'NATO Secretary General', 'Russian side', 'NATO'."""
        adj = gazetteer.adjective(self.country) if self.country else None
        if self.office:
            return f"{adj} {self.office}" if adj else self.office
        if self.name:
            return None  # a named body or person without an office: the name says it ("U.S. Senate team")
        return (f"{adj} side" if gazetteer.country(self.country) else self.country) if self.country else None

    def label(self) -> str:
        """'Jeyhun Bayramov, Azerbaijani Foreign Minister' (the title alone when unnamed); 'King Hassan'."""
        title = self.title()
        if self.name and self.office and self.office.split()[0] in _ROYAL:
            return f"{title} {self.name}"
        return (f"{self.name}, {title}" if title else self.name) if self.name else title or "unknown"

    def short(self) -> str:
        """'Jeyhun Bayramov (Azerbaijani Foreign Minister)'."""
        title = self.title()
        return (f"{self.name} ({title})" if title else self.name) if self.name else title or "unknown"

    def matches(self, query: str) -> bool:
        """Alias-aware, case-insensitive: 'Pompeo', 'mike pompeo', 'Secretary Pompeo', 'US Secretary of State'."""
        q = _norm(query)
        forms = {_norm(a) for a in (*self.aliases, self.name or "", self.label(), self.title() or "")}
        if not q or q in forms:
            return bool(q)
        words = set(" ".join(forms).split())
        if self.country:
            words |= set(_norm(self.country).split()) | {
                w for a in gazetteer.aliases_of(self.country) for w in _norm(a).split()}
        return set(q.split()) <= words

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "office": self.office, "country": self.country,
                "aliases": list(self.aliases), "quote": self.quote.to_json()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Person:
        return cls(d.get("name"), d.get("office"), d.get("country"), tuple(d.get("aliases") or ()),
                   Quote.from_json(d["quote"]))


_ROYAL = {"King", "Queen", "Prince", "Crown", "Emir", "Sultan", "Sheikh"}  # titles that go before the name


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s-]", " ", re.sub(r"['’]s\b|\.", "", text.casefold()))
    return re.sub(r"^(?:the|his|her|their)\s+", "", " ".join(text.split()))


@dataclass(frozen=True)
class Fact:
    value: str  # as written or normalised ("Washington", "telephone", "planned")
    quote: Quote
    date: str | None = None  # ISO date for `when` when resolvable

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "quote": self.quote.to_json(), "date": self.date}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Fact | None:
        return cls(str(d["value"]), Quote.from_json(d["quote"]), d.get("date")) if d else None


@dataclass(frozen=True)
class Meeting:
    meeting_id: str  # stable hash of doc_id + participants + counterparts + place
    doc_id: str
    participants: tuple[Person, ...]  # the side(s) travelling or initiating
    counterparts: tuple[Person, ...]  # whom they meet
    place: Fact | None
    when: Fact | None
    format: Fact | None  # in person | telephone | video | separate meetings | joint meeting
    notes: tuple[Fact, ...]  # "trilateral meeting ruled out", "joint or separate: unclear"
    status: Fact | None  # planned | under way | held | postponed | cancelled
    topic: Fact | None
    quotes: tuple[Quote, ...]  # every sentence used
    kind: Fact | None = None  # talks | visit | phone call | summit | conference | meeting

    def people(self) -> tuple[Person, ...]:
        return self.participants + self.counterparts

    def involves(self, name: str) -> bool:
        """Alias-aware and case-insensitive: 'Pompeo', 'pompeo', 'Mike Pompeo', 'Secretary Pompeo'."""
        return any(p.matches(name) for p in self.people())

    def at(self, place: str) -> bool:
        """'Washington', 'washington'; a country matches a place in it ('Russia' for Moscow), a city only itself."""
        if self.place is None or not place.strip():
            return False
        if " ".join(place.casefold().split()) == " ".join(self.place.value.casefold().split()):
            return True
        country = gazetteer.country_of(place)
        entry = gazetteer.country(country) if country else None
        if entry is None or place.casefold().strip() in entry.capitals:
            return False  # a city ("Chicago", "Washington") is only itself
        return country == (gazetteer.country_of(self.place.value) or gazetteer.city_country(self.place.value))

    def to_json(self) -> dict[str, Any]:
        one = {k: getattr(self, k).to_json() if getattr(self, k) else None
               for k in ("place", "when", "format", "status", "topic", "kind")}
        return {"meeting_id": self.meeting_id, "doc_id": self.doc_id, **one,
                "participants": [p.to_json() for p in self.participants],
                "counterparts": [p.to_json() for p in self.counterparts],
                "notes": [n.to_json() for n in self.notes], "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Meeting:
        return cls(str(d["meeting_id"]), str(d["doc_id"]), tuple(map(Person.from_json, d["participants"])),
                   tuple(map(Person.from_json, d["counterparts"])), Fact.from_json(d.get("place")),
                   Fact.from_json(d.get("when")), Fact.from_json(d.get("format")),
                   tuple(Fact.from_json(n) for n in d.get("notes") or ()), Fact.from_json(d.get("status")),
                   Fact.from_json(d.get("topic")), tuple(map(Quote.from_json, d.get("quotes") or ())),
                   Fact.from_json(d.get("kind")))


def find_meetings(meetings: list[Meeting] | tuple[Meeting, ...], person: str | None = None,
                  place: str | None = None) -> list[Meeting]:
    """The meetings that involve `person` (any alias) and take place at `place` (a city or its country)."""
    return [m for m in meetings if (not person or m.involves(person)) and (not place or m.at(place))]

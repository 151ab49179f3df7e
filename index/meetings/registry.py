"""The identities an article names: people, states and bodies, with union-find merging (index.meetings.identity
decides who is who)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.meetings.records import Person, Quote
from index.text import gazetteer
from index.text.gazetteer import BODY_NOUNS

GENERIC_OFFICES = {"Counterpart", "Secretary", "Leader", "Minister", "Chief", "Diplomat", "Top Diplomat"}
LEADERS = ("President", "Prime Minister", "Chancellor", "King", "Leader", "Premier", "Presidency", "Emir")


def _bare(name: str) -> list[str]:
    """A name's words for matching: 'Farouk al-Shara' -> ['farouk', 'shara'], so that 'Shara' finds him."""
    return [re.sub(r"^(?:al|el|ad|as|ash|bin|ibn|abu)-(?=\w)", "", w) for w in name.lower().replace(".", "").split()]


@dataclass
class Entity:
    name: str | None = None
    office: str | None = None
    country: str | None = None
    side: bool = False  # a country or organisation as a party ("the Russian side", "NATO")
    holder: str | None = None  # an institution's office holder ("President" for the Kremlin)
    aliases: list[str] = field(default_factory=list)
    quote: Quote | None = None
    score: int = -1  # how well `quote` identifies the person (name, office, country)


class Registry:
    """Entities with union-find identity: a placeholder merges into the named person it turns out to be."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.parent: list[int] = []

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = i = self.parent[self.parent[i]]
        return i

    def get(self, i: int) -> Entity:
        return self.entities[self.root(i)]

    def roots(self) -> list[int]:
        return [i for i, p in enumerate(self.parent) if p == i]

    @staticmethod
    def _other_office(known: Entity, name: str, office: str | None) -> bool:
        """A full name met after a one-word one, each with its own office: two people."""
        offices = {known.office, office}
        return (len(name.split()) > 1 and len((known.name or "").split()) == 1 and None not in offices
                and len(offices) == 2 and not offices & GENERIC_OFFICES)

    def _new(self, entity: Entity) -> int:
        self.entities.append(entity)
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def note(self, i: int, alias: str | None, quote: Quote | None, score: int) -> None:
        ent = self.get(i)
        if alias and alias not in ent.aliases:
            ent.aliases.append(alias)
        if quote is not None and score > ent.score:
            ent.quote, ent.score = quote, score

    def union(self, keep: int, drop: int) -> None:
        keep, drop = self.root(keep), self.root(drop)
        if keep != drop:
            a, b = self.entities[keep], self.entities[drop]
            a.name, a.country = a.name or b.name, a.country or b.country
            if not a.office or (a.office in GENERIC_OFFICES and b.office and b.office != "Presidency"):
                a.office = b.office or a.office
            a.aliases += [x for x in b.aliases if x not in a.aliases]
            if b.score > a.score:
                a.quote, a.score = b.quote, b.score
            self.parent[drop] = keep

    def by_name(self, name: str) -> int | None:
        """The latest person with this full name, else this surname, else this one word of a name."""
        words = _bare(name)
        found: tuple[list[int], list[int], list[int]] = ([], [], [])
        for i in self.roots():
            have = _bare(self.entities[i].name or "")
            if have == words:
                found[0].append(i)
            elif have and words[-1] == have[-1] and (len(words) == 1 or len(have) == 1 or words[0][0] == have[0][0]
                                                      or have[-len(words):] == words):
                found[1].append(i)
            elif len(words) == 1 and words[0] in have:
                found[2].append(i)
        return next((f[-1] for f in found if f), None)

    def by_office(self, office: str | None, country: str | None) -> int | None:
        """The latest holder of this office ("the Chancellor": of the Exchequer too) for this country, a named one first."""
        hits = [i for i in self.roots() if office and (office in (self.entities[i].office, self.entities[i].holder) or (
                self.entities[i].office or "").startswith(office + " of ")) and self.entities[i].country == country]
        if not hits and country and office in GENERIC_OFFICES:  # "the Indian minister": India's one named minister
            hits = [i for i in [self.sole_holder(office, country)] if i is not None]
        return ([i for i in hits if self.entities[i].name] or hits or [None])[-1]

    def sole_holder(self, office: str, country: str | None = None) -> int | None:
        """The one named person whose office is a kind of this one ("Economy Minister" for "minister"), of
        this country when one is given; None when there is not exactly one."""
        kinds = ((" Minister", " Secretary") if office == "Minister" and country  # "the British minister"
                 else tuple(" " + k for k in LEADERS) if office == "Leader" else (" " + office,))  # "the Saudi leader"
        held = [i for i in self.roots() if self.entities[i].name and (" " + (self.entities[i].office or "")).endswith(kinds)]
        of_country = [i for i in held if country is None or self.entities[i].country == country]
        unplaced = [i for i in held if self.entities[i].country is None]  # "Commerce Minister X" of a Mexico City story
        return of_country[0] if len(of_country) == 1 else unplaced[0] if not of_country and len(unplaced) == 1 else None

    def person(self, name: str | None, office: str | None, country: str | None) -> int:
        """The identity for a named person or an office holder, created or merged as needed."""
        eid = self.by_name(name) if name else self.by_office(office, country)
        if eid is not None and name and country and self.get(eid).country not in (None, country):
            eid = None  # the same surname in another country: another person
        if eid is not None and name and self._other_office(self.get(eid), name, office):
            eid = None  # "King Hussein", then "President Saddam Hussein"
        if eid is None:
            eid = self._new(Entity(name=name, office=office, country=country))
        ent = self.get(eid)
        ent.country = ent.country or country
        if office and (not ent.office or (ent.office in GENERIC_OFFICES and office not in GENERIC_OFFICES)):
            ent.office = office
        if name and (not ent.name or len(name.split()) > len(ent.name.split())):
            ent.name = name
        if name and ent.office:  # placeholders this person turns out to be: "Japan's prime minister"
            holes = [i for i in self.roots() if i != self.root(eid) and not self.entities[i].name
                     and not self.entities[i].side and ent.office in (self.entities[i].office, self.entities[i].holder)]
            holes = [i for i in holes if self.entities[i].country == ent.country] if ent.country else holes
            for i in holes if ent.country or len(holes) == 1 else []:
                self.union(eid, i)
        return self.root(eid)

    def side(self, country: str) -> int:
        found = [i for i in self.roots() if self.entities[i].side and self.entities[i].country == country]
        return found[0] if found else self._new(Entity(country=country, side=True))

    def body(self, text: str, country: str | None, quote: Quote) -> int:
        """A body or group named by a phrase ('the 12 Eurozone finance ministers', 'Commission for Africa')."""
        key = " ".join(text.lower().split())
        if (org := gazetteer.country_of(text)) and gazetteer.country(org) is None:
            return self.side(org)  # "the Paris Club": the body known by name
        found = [i for i in self.roots() if self.entities[i].side and key in (a.lower() for a in self.entities[i].aliases)]
        if found:
            return found[0]
        if key in BODY_NOUNS and (named := self.named_before(key)) is not None:
            return named  # "the Council" after "an INRO Council meeting": the one named before
        eid = self._new(Entity(name=text, country=country, side=True, aliases=[text], quote=quote, score=1))
        return eid

    def named_before(self, key: str) -> int | None:
        """The body named before whose name ends in these words: 'the executive board' after 'the International
        Coffee Organization executive board'."""
        named = [i for i in self.roots() if self.entities[i].side and (self.entities[i].name or "").lower().endswith(f" {key}")]
        return named[-1] if named else None

    def institution(self, country: str, office: str, holder: str) -> int:
        named = self.by_office(holder, country)
        if named is not None and self.get(named).name:
            return named
        found = [i for i in self.roots() if self.entities[i].office == office and self.entities[i].country == country]
        return found[0] if found else self._new(Entity(office=office, country=country, holder=holder))

    def to_person(self, i: int) -> Person:
        ent = self.get(i)
        names = (ent.name, ent.name.split()[-1]) if ent.name else ()
        aliases = ent.aliases + [x for x in names if x not in ent.aliases]
        assert ent.quote is not None
        return Person(ent.name, ent.office, ent.country, tuple(aliases), ent.quote)

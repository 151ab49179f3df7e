"""Who is who across an article: one identity per person, whatever the phrase that names them.

Later mentions by surname ("Pompeo", "Secretary Pompeo"), by office ("the Azerbaijani foreign minister"),
by pronoun, as a pair ("the two diplomats") or through an institution ("the Kremlin") resolve to the
identity first introduced by a name or an office phrase (index.meetings.mentions finds the phrases).
"""

from __future__ import annotations

import re
from typing import Any

from index.meetings.mentions import (
    ANAPHORA,
    Mention,
    appositives,
    is_spokesperson,
    mark_speaker,
    phrases,
    stated_country,
)
from index.meetings.records import Quote
from index.meetings.registry import GENERIC_OFFICES, LEADERS, Registry
from index.text.gazetteer import INSTITUTIONS, country_of

_COURTESY = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][\w'’-]+)")
_COURTESY_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+")
_SPEAKER_NAMED = re.compile(r"(?<![\w'’]\s)(?<!\w)(?!(?:The|A|An|In|On|At|But|And|After|Before|When|While|If|As)\s)"
                            r"([A-Z][a-z]+)\s+([A-Z][a-z][\w'’-]+)(?:,\s+[^,]{3,90},)?\s+(?:said|says|told|added)\b")


class Tracker:
    """Reads an article sentence by sentence, finding people and resolving each to one identity."""

    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id, self.text = doc_id, text
        self.reg = Registry()
        self.recent: list[int] = []  # people in order of mention
        self.last_subject: int | None = None  # for "he", "his counterpart"
        self.last_group: list[int] = []  # for "the pair", "they"
        self.last_people: list[int] = []  # the people of the previous sentence
        self._start = 0
        self.home: str | None = None  # the dateline's country: whose a traveller is when the article does not say
        self.outlet_home: str | None = None  # the publisher's country, for trips in a story without a dateline
        # surnames the article puts after "Mr", "Mrs" ...: people, even where named without a title ("Gordon Brown said")
        # (the surname alone or the first full name with it: "Mr. Tesla" is not his mother "Đuka Tesla")
        self.titled = {m.lower(): first.end() for m in _COURTESY.findall(text)
                       if (first := re.search(rf"\b[A-Z][\w'’-]+\s+{re.escape(m)}\b", text))}
        for m in _SPEAKER_NAMED.finditer(text):  # "Michael Duffy said", then "Duffy is on a visit": wire style
            if country_of(m.group(1)) is None and re.search(rf"(?<!{m.group(1)}\s)\b{m.group(2)}\b", text[m.end():]):
                self.titled.setdefault(m.group(2).lower(), m.end(2))

    def root(self, i: int) -> int:
        return self.reg.root(i)

    def sentence(self, start: int, end: int, paragraph: int) -> list[Mention]:
        """The mentions in one sentence, in order, resolved against everything read so far."""
        quote = Quote(self.doc_id, paragraph, start, end, self.text[start:end])
        self._start, kept, out = start, [], []
        for p in sorted(phrases(self.text, start, end), key=lambda p: (p[0], -p[1])):
            if not kept or p[0] >= kept[-1][1]:
                kept.append(p)
        for s, e, kind, data in kept:  # names, offices, institutions first
            if kind not in ANAPHORA and (m := self._resolve(s, e, kind, data, out, quote)):
                out.append(mark_speaker(self.text, m, start, end))
        for name, office in appositives(self.text, out, lambda i: self.reg.get(i).name):
            if name.ids:
                self.reg.union(name.ids[0], office.ids[0])
                out.remove(office)
            else:  # "Jean-Jacques Dordain, director general of the European Space Agency (Esa),": his name
                self.reg.get(office.ids[0]).name = name.text
                self.reg.note(office.ids[0], name.text, quote, 3)
                out.remove(name)
        # the parties named here (not speakers, nor owners as in "Erdogan's office said") are not "the pair"
        here = {self.root(i) for m in out if not m.speaker and self.text[m.end:m.end + 2] not in ("'s", "’s")
                for i in m.ids}
        for s, e, kind, data in kept:
            if kind in ANAPHORA and (m := self._anaphor(s, e, kind, data, out, here)):
                out.append(mark_speaker(self.text, m, start, end))
        out.sort(key=lambda m: m.start)
        people = [self.root(i) for m in out if m.kind in ("person", "pronoun") and not m.speaker for i in m.ids
                  if not self.reg.get(i).side and not is_spokesperson(self.reg.get(i).office)]
        self.last_people = list(dict.fromkeys(people))
        speakers = [self.root(m.ids[0]) for m in out if m.kind == "person" and m.speaker and len(m.ids) == 1
                    and not self.reg.get(m.ids[0]).side and not is_spokesperson(self.reg.get(m.ids[0]).office)]
        self.last_subject = next((self.root(m.ids[0]) for m in out if m.kind in ("person", "pronoun")
                                  and not m.speaker and len(m.ids) == 1 and self.root(m.ids[0]) in people),
                                 speakers[0] if speakers else self.last_subject)  # "X said ... . He will meet"
        return out

    def promote(self, m: Mention, quote: Quote) -> int:
        """Register a name not seen before, now that it fills a meeting role."""
        if not m.ids:
            eid = self.reg.person(m.text, None, None)
            self.reg.note(eid, m.text, quote, 2)
            if m.start == quote.start and " " in m.text and (office := self._unnamed_before(quote.paragraph)) is not None:
                self.reg.union(office, eid)  # "the EU's external relations commissioner has said ... " / "Benita
                eid = self.root(office)      # Ferrero-Waldner held talks ...": the story names its subject next
            m.ids, m.kind = (eid,), "person"
            self.recent.append(eid)
            if m.start == quote.start:
                self.last_subject = eid  # "Anna Lindqvist held talks with ... . She later met ..."
        return m.ids[0]

    def _untitled_subject(self) -> int | None:
        """The last subject when it is a person named without any office."""
        if self.last_subject is None:
            return None
        ent = self.reg.get(self.last_subject)
        return self.root(self.last_subject) if ent.name and not ent.office and not ent.side else None

    def _unnamed_before(self, paragraph: int) -> int | None:
        """The one office holder, still unnamed, whom the paragraph before introduced (None if not one)."""
        found = [i for i in self.reg.roots() if (ent := self.reg.entities[i]).name is None and ent.office
                 and not ent.side and not is_spokesperson(ent.office) and ent.quote is not None
                 and ent.quote.paragraph == paragraph - 1]
        return found[0] if len(found) == 1 else None

    def _referent(self, before: int, out: list[Mention]) -> int | None:
        """Whom 'he' or 'his' refers to: this sentence's first person (its first named one when the first is
        named by office alone: "The senior official ... Nakasone ... when he visits"), else the last subject."""
        people = [m for m in out if m.start < before and m.kind == "person" and len(m.ids) == 1]
        named = [m for m in people if self.reg.get(m.ids[0]).name]
        first = named[0] if named and not self.reg.get(people[0].ids[0]).name else people[0] if people else None
        return self.root(first.ids[0]) if first else self.last_subject

    def _resolve(self, s: int, e: int, kind: str, data: Any, out: list[Mention], quote: Quote) -> Mention | None:
        surface = self.text[s:e]
        if kind == "chain":
            name, ch, ch2 = data
            office, country = ch.office, (ch.countries[-1] if ch.countries else None)
            if office == "Counterpart":  # the counterpart of a foreign minister is a foreign minister
                ref = self._referent(s, out)
                office = self.reg.get(ref).office if ref is not None else None
            if ch2 is not None:
                office = ch2.office if ch2.office != "Counterpart" else office
                country = ch2.countries[-1] if ch2.countries else country
            if not name and not country:  # "The Finance Minister leaves ...": the one named so before
                known = self.reg.by_office(office, None) if ch.det == "the" else None
                if known is None and ch.det == "the":  # "The King": the one king the article names
                    kings = [i for i in self.reg.roots() if self.reg.get(i).name and self.reg.get(i).office == office]
                    known = kings[0] if len(kings) == 1 else None
                if known is None and ch.det == "the" and office in GENERIC_OFFICES:
                    known = self.reg.sole_holder(office)  # "the minister": the one minister the article names
                if known is None and ch.det == "the" and office and office not in GENERIC_OFFICES and (
                        last := self._untitled_subject()) is not None:
                    self.reg.get(last).office = office  # "..., Gordon Brown has said. The chancellor, speaking ..."
                    known = last
                if known is None and ch.det == "the" and office and (" of the " in office or self.home and (
                        office not in GENERIC_OFFICES)):  # "the Governor of the Bank of England": its one holder;
                    home = None if " of the " in office else self.home  # "DHAKA - ... the finance minister": the host's
                    known = self.reg.person(None, office, home)
                    self.reg.note(known, surface, quote, 2)
                    self.recent.append(known)
                    return Mention(s, e, (known,), "person", surface)
                if known is None or not self.reg.get(known).name:
                    return None
                self.reg.note(known, surface, None, 0)
                self.recent.append(known)
                return Mention(s, e, (known,), "person", surface)
            country = country or (stated_country(self.text, quote.start, s, e) if name and office else None)
            eid = self.reg.person(name, office, country)
            self.reg.note(eid, surface, quote, 2 * bool(name) + bool(office) + bool(country))
            self.reg.note(eid, name, None, 0)
            self.recent.append(eid)
            return Mention(s, e, (eid,), "person", surface)
        if kind == "chain_group":  # one placeholder per country; named people merge into them later
            if len(data.countries) <= 1:  # "West German financial officials", "farm ministers": one group
                office = re.sub(r"(?<=[a-z])$", "s", data.office)
                ids = (self.reg.person(None, office, data.countries[0] if data.countries else None),)
            else:
                ids = tuple(self.reg.person(None, data.office, c) for c in data.countries)
            for i in ids:
                self.reg.note(i, None, quote, 2)
            self.recent += ids
            self.last_group = list(ids)
            return Mention(s, e, ids, "group", surface)
        if kind == "place_name":
            eid = self.reg.by_name(data.text) if " " not in data.text else None
            return self._resolve(s, e, "name", data, out, quote) if eid is not None and self.reg.get(
                eid).name and self.reg.get(eid).name.split()[-1] == data.text else None
        if kind == "name":
            eid = self.reg.by_name(data.text)
            name = _COURTESY_TITLE.sub("", data.text)
            if eid is None and name.split()[-1].lower() in self.titled and (
                    " " not in name or self.titled[name.split()[-1].lower()] == data.end) and len(name.split()) <= 3:
                found = Mention(data.start, data.end, (), "name", name)  # "Gordon Brown has said", "Mr Davies"
                self.promote(found, quote)
                return found
            if eid is None:  # unknown: usable only in a meeting role
                return Mention(data.start, data.end, (), "name", data.text)
            self.reg.note(eid, surface, quote, 2 if " " in data.text else 1)
            if len(name.split()) > len((ent := self.reg.get(eid)).name.split()) and not ent.side:
                ent.name = name  # "Jowell" of the headline, then "Tessa Jowell"
            self.recent.append(eid)
            return Mention(s, e, (eid,), "person", surface)
        if kind in ("side", "org"):
            country = country_of(data.group("m"))
            eid = self.reg.side(country) if country else None
            rest = self.text[data.end("m"):e]  # what follows the country: " Senate team" makes a named body
            if country and re.fullmatch(r"\s+[A-Z]\w+\s+(?:team|delegation|mission)", rest):  # "A U.S. Senate team"
                eid = self.reg.body(re.sub(r"^(?i:the|an?)\s+", "", surface), country, quote)
            return self._noted(Mention(s, e, (eid,), "side", surface), quote) if eid is not None else None
        if kind == "inst":
            inst = INSTITUTIONS[" ".join(data.group("i").lower().split())]
            eid = self.reg.institution(inst.country, inst.office, inst.holder)
            return self._noted(Mention(s, e, (eid,), "person", surface), quote)
        return None

    def _noted(self, m: Mention, quote: Quote) -> Mention:
        self.reg.note(m.ids[0], m.text, quote, 1)
        return m

    def _anaphor(self, s: int, e: int, kind: str, m: Any, out: list[Mention], here: set[int]) -> Mention | None:
        surface = self.text[s:e]
        if kind == "pronoun":
            ref = self._referent(s, out)
            if surface in ("him", "her"):
                ref = self.last_subject if self.last_subject not in here else None
            return Mention(s, e, (ref,), "pronoun", surface) if ref is not None else None
        if kind == "they":  # only as the sentence's subject: "They have ruled out ..."
            ids = [i for i in dict.fromkeys(map(self.root, self.last_group)) if i not in here]
            ok = len(ids) >= 2 and not self.text[self._start:s].strip()
            if not ok and re.search(r"\b(?:when|after|as|where)\s+$", self.text[self._start:s]):  # "X gave Y ... when they met"
                ids = list(dict.fromkeys(self.root(i) for x in out if x.end <= s and len(x.ids) == 1 for i in x.ids))
                ok = len(ids) == 2
            return Mention(s, e, tuple(ids), "group", surface) if ok else None
        n = {"three": 3, "four": 4}.get((m.group("n") or "").lower(), 2)
        before = list(dict.fromkeys(self.root(i) for x in out if x.end <= s and x.kind == "person" and not x.speaker
                                    and len(x.ids) == 1 and not self.reg.get(x.ids[0]).side for i in x.ids))
        clause = re.search(r"\b(?:and|but|where|after|before|when|while|once|until)\s+(?:[^,;]{0,40}?\s)?$",
                           self.text[self._start:s])
        # "X received Y ... and the two men discussed", "..., and a meeting between the two men": the two just
        # named in this sentence
        ids = before if clause and len(before) == n else self._group(n, (m.group("noun") or m.group("b") or "").lower(),
                                                                       here)
        if len(ids) < n:
            return None
        self.last_group = ids
        return Mention(s, e, tuple(ids), "group", surface)

    def _group(self, n: int, noun: str, exclude: set[int]) -> list[int]:
        """'The pair', 'the two diplomats': a pair just named, the people of the previous sentence, or the
        most recent people who share an office."""
        for group in (self.last_group, self.last_people):
            last = [i for i in dict.fromkeys(map(self.root, group)) if i not in exclude]
            if len(last) == n:
                return last
        by_office: dict[str, list[int]] = {}
        for r in dict.fromkeys(self.root(i) for i in reversed(self.recent)):
            office = self.reg.get(r).office
            if r in exclude or self.reg.get(r).side or not office or is_spokesperson(office) or (
                    "leader" in noun and not office.endswith(LEADERS)) or ("minister" in noun and "Minister" not in office):
                continue
            group = by_office.setdefault(office, [])
            group.append(r)
            if len(group) == n:
                return sorted(group)  # in order of first mention
        return []

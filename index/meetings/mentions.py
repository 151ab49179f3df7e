"""People in an article: names, offices, countries and organisations, one identity per person.

General rules, never article-specific. An office phrase before a name or in apposition to it ("Russian
Foreign Minister Sergei Lavrov", "His Armenian counterpart, Zohrab Mnatsakanyan,") gives the person's
office and country; later mentions by surname ("Pompeo", "Secretary Pompeo"), by office ("the Azerbaijani
foreign minister"), by pronoun, as a pair ("the two diplomats") or through an institution ("the Kremlin")
resolve to the same identity. Countries, demonyms and capitals come from index.text.gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from index.text.gazetteer import COUNTRIES


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
        adj = adjective(self.country) if self.country else None
        if self.office:
            return f"{adj} {self.office}" if adj else self.office
        return (f"{adj} side" if self.country in _ADJ else self.country) if self.country else None

    def label(self) -> str:
        """'Jeyhun Bayramov, Azerbaijani Foreign Minister' (the title alone when unnamed)."""
        title = self.title()
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
            words |= {w for a, c in _COUNTRY.items() if c == self.country for w in a.split()}
            words |= set(_norm(self.country).split()) | {_norm(a) for a, c in _ACRONYM_COUNTRY.items()
                                                          if c == self.country}
        return set(q.split()) <= words

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "office": self.office, "country": self.country,
                "aliases": list(self.aliases), "quote": self.quote.to_json()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Person:
        return cls(d.get("name"), d.get("office"), d.get("country"), tuple(d.get("aliases") or ()),
                   Quote.from_json(d["quote"]))


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s-]", " ", re.sub(r"['’]s\b|\.", "", text.casefold()))
    return re.sub(r"^(?:the|his|her|their)\s+", "", " ".join(text.split()))


# ---------------------------------------------------------------- countries and organisations

_COUNTRY: dict[str, str] = {}  # lower name, demonym or capital -> canonical country ("Azerbaijan")
_ADJ: dict[str, str] = {"United States": "US", "United Kingdom": "British"}  # country -> label adjective
_CAPITAL: dict[str, str] = {}  # canonical country -> its first capital
_MODIFIERS: set[str] = {"america", "britain", "kremlin", "white house", "elysee", "élysée"}  # before an office
for _country, _demonyms, _capitals in COUNTRIES:
    _canon = _country.title()
    _ADJ.setdefault(_canon, _demonyms[0].title() if _demonyms else _canon)
    _CAPITAL.update({_canon: _capitals[0].title()} if _capitals else {})
    _MODIFIERS.update((_country, *_demonyms))
    _COUNTRY.update({a: _canon for a in _capitals} | {a: _canon for a in (_country, *_demonyms)})
_COUNTRY.update({"america": "United States", "britain": "United Kingdom", "great britain": "United Kingdom"})
_ACRONYM_COUNTRY = {"US": "United States", "U.S.": "United States", "USA": "United States",
                    "UK": "United Kingdom", "U.K.": "United Kingdom"}
_ORGS = {"nato": "NATO", "eu": "European Union", "european union": "European Union",
         "european council": "European Council", "european commission": "European Commission",
         "un": "United Nations", "united nations": "United Nations", "osce": "OSCE",
         "african union": "African Union", "asean": "ASEAN", "arab league": "Arab League",
         "iaea": "IAEA", "imf": "IMF", "opec": "OPEC", "csto": "CSTO", "world bank": "World Bank"}
_ACRONYMS = ["NATO", "EU", "UN", "OSCE", "ASEAN", "IAEA", "IMF", "OPEC", "CSTO", *_ACRONYM_COUNTRY]
_ORG_ADJ = {"European Union": "EU", "United Nations": "UN"}
# Institutions standing for an office holder: alias -> (country, placeholder office, the holder's office).
_INSTITUTIONS = {"kremlin": ("Russia", "Presidency", "President"),
                 "white house": ("United States", "Presidency", "President"),
                 "elysee": ("France", "Presidency", "President"), "élysée": ("France", "Presidency", "President"),
                 "downing street": ("United Kingdom", "Prime Minister's Office", "Prime Minister")}


def adjective(country: str) -> str:
    """Label adjective: 'Azerbaijan' -> 'Azerbaijani', 'United States' -> 'US', 'European Union' -> 'EU'."""
    return _ADJ.get(country) or _ORG_ADJ.get(country, country)


def capital_of(country: str) -> str | None:
    return _CAPITAL.get(country)


def country_of(text: str) -> str | None:
    """Canonical country or organisation of a name, demonym, capital or institution ('Azeri', 'Baku')."""
    raw = re.sub(r"^(?i:the)\s+", "", re.sub(r"['’]s$", "", text.strip()))
    low = " ".join(raw.lower().split())
    if low in _INSTITUTIONS:
        return _INSTITUTIONS[low][0]
    return _ACRONYM_COUNTRY.get(raw) or _COUNTRY.get(low) or _ORGS.get(low) or _ACRONYM_COUNTRY.get(raw.upper())


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


# a country or organisation before an office: names and demonyms in any case, acronyms in capitals only
_MOD = rf"(?:(?i:{_alt(_MODIFIERS | {k for k in _ORGS if len(k) > 4})})|{_alt(_ACRONYMS)})(?:['’]s)?"
_MOD_RE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})(?!\w)")
_MOD_BEFORE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})\s+(?:(?:and|&)\s+)?$")
_DET_BEFORE = re.compile(r"(?<!\w)(?P<d>(?i:the|his|her|their|its))\s+$")
_OF_AFTER = re.compile(rf"\s+of\s+(?:the\s+)?{_MOD}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:the\s+)?{_MOD})*(?!\w)")

# ---------------------------------------------------------------- offices

_OFFICE_RE = re.compile(
    r"(?i)\b(?:(?:deputy|vice|acting|first|former|interim|outgoing|incoming|top|senior|chief|prime|foreign"
    r"|defen[cs]e|finance|trade|interior|economy|energy|health|justice|external|policy|affairs|national|security"
    r"|state|presidential|special|ministry['’]s|ministry|foreign-policy|assistant|parliament|parliamentary)\s+)*"
    r"(?:secretary[- ]general|secretary\s+of\s+state|high\s+representative|crown\s+prince|head\s+of\s+(?:state"
    r"|government)|minister|president|secretary|chief|chancellor|premier|king|queen|emir|envoy|ambassador|diplomat"
    r"|spokes(?:man|woman|person)|spokesmen|spokeswomen|leader|counterpart|adviser|advisor|commissioner|governor"
    r"|mayor|speaker|pope|sultan)s?\b(?:\s+of\s+(?:state|foreign\s+affairs|defen[cs]e|the\s+interior|finance)\b)?")
_GENERIC_OFFICES = {"Counterpart", "Secretary", "Leader", "Minister", "Chief", "Diplomat", "Top Diplomat"}
_LEADERS = ("President", "Prime Minister", "Chancellor", "King", "Leader", "Premier", "Presidency", "Emir")


_HEADS = {"minister", "president", "leader", "counterpart", "diplomat", "chief", "envoy", "ambassador", "king",
          "adviser", "advisor", "chancellor", "premier"}
_PLURALS = {"secretaries": "secretary", "spokesmen": "spokesman", "spokeswomen": "spokeswoman"}


def canonical_office(text: str) -> tuple[str, bool]:
    """('Foreign Minister', plural) for 'foreign ministers'; 'Minister of Foreign Affairs' -> 'Foreign Minister'."""
    words = text.lower().replace("’", "'").replace("ministry's", "ministry").replace("-general", " general").split()
    plural = False
    for k, w in enumerate(words):
        if w in _PLURALS or w[:-1] in _HEADS and w.endswith("s"):
            plural, words[k] = True, _PLURALS.get(w, w[:-1])
    low = re.sub(r"^(?:minister of foreign affairs|foreign affairs minister)$", "foreign minister", " ".join(words))
    return " ".join(w if w in ("of", "the", "and") else w[:1].upper() + w[1:] for w in low.split()), plural


def is_spokesperson(office: str | None) -> bool:
    return bool(office) and "spokes" in office.lower()


# ---------------------------------------------------------------- names

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_PARTICLES = {"von", "van", "der", "de", "da", "del", "di", "bin", "al", "el", "la", "le", "dos", "du", "ibn"}
_TITLES = {"mr", "ms", "mrs", "dr", "sir"}
_STOP = {  # capitalised words that are not (parts of) names
    "he", "she", "him", "they", "we", "you", "i", "our", "there", "what", "who", "why", "how", "where", "no",
    "the", "a", "an", "his", "her", "their", "its", "it", "this", "that", "these", "those", "in", "on", "at",
    "for", "to", "of", "by", "with", "from", "and", "or", "but", "as", "after", "before", "while", "when", "if",
    "then", "also", "both", "meanwhile", "however", "earlier", "later", "last", "next", "says", "said",
    "according", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "tomorrow", "yesterday", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "state", "department", "ministry", "office", "council", "house", "group", "committee",
    "parliament", "government", "assembly", "union", "nations", "republic", "kingdom", "federation", "party",
    "army", "forces", "court", "bank", "agency", "news", "reuters", "afp", "tass", "xinhua", "interfax",
    "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince", "emir", "envoy",
    "ambassador", "diplomat", "spokesman", "spokeswoman", "spokesperson", "leader", "counterpart", "adviser",
    "advisor", "commissioner", "governor", "mayor", "speaker", "pope", "sultan", "chief", "deputy", "vice",
    "acting", "prime", "foreign", "defence", "defense", "general", "high", "representative", "senior", "top",
    "special", "first", "former", "security", "national", "affairs", "external", "policy", "presidential",
    "kremlin", *_TITLES, *_COUNTRY, *_ORGS, *(a.lower().rstrip(".") for a in _ACRONYMS)}


@dataclass
class NameRun:
    start: int  # including a title ("Mr. Wang")
    end: int
    text: str  # the name without title or possessive
    titled: bool


def _namey(tok: str) -> bool:
    if len(tok) == 2 and tok[1] == "." and tok[0].isupper():
        return True  # an initial
    return tok[0].isupper() and any(c.islower() for c in tok[1:]) and tok.lower().rstrip(".") not in _STOP


def name_runs(text: str, start: int, end: int) -> list[NameRun]:
    """Maximal runs of capitalised, name-like words in text[start:end] (absolute offsets)."""
    runs: list[NameRun] = []
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    i = 0
    while i < len(toks):
        if not _namey(toks[i][2]):
            i += 1
            continue
        j = last = i
        while j + 1 < len(toks) and re.fullmatch(r"[ \t]+", text[toks[j][1]:toks[j + 1][0]]) and not re.search(
                r"['’]s$", toks[j][2]) and (toks[j + 1][2] in _PARTICLES or _namey(toks[j + 1][2])):
            j += 1
            last = j if _namey(toks[j][2]) else last
        s, e = toks[i][0], toks[last][1]
        if text[e - 1] == "." and not re.search(r"\b\w\.$", text[s:e]):
            e -= 1
        e -= 2 if re.search(r"['’]s$", text[s:e]) else 0
        titled = i > 0 and toks[i - 1][2].lower().rstrip(".") in _TITLES and text[toks[i - 1][1]:s].isspace()
        runs.append(NameRun(toks[i - 1][0] if titled else s, e, text[s:e], titled))
        i = last + 1
    return runs


# ---------------------------------------------------------------- the registry of identities


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
            if not a.office or (a.office in _GENERIC_OFFICES and b.office and b.office != "Presidency"):
                a.office = b.office or a.office
            a.aliases += [x for x in b.aliases if x not in a.aliases]
            if b.score > a.score:
                a.quote, a.score = b.quote, b.score
            self.parent[drop] = keep

    def by_name(self, name: str) -> int | None:
        """The latest person with this full name, else this surname, else this one word of a name."""
        words = name.lower().replace(".", "").split()
        found: tuple[list[int], list[int], list[int]] = ([], [], [])
        for i in self.roots():
            have = (self.entities[i].name or "").lower().replace(".", "").split()
            if have == words:
                found[0].append(i)
            elif have and words[-1] == have[-1] and (len(words) == 1 or len(have) == 1 or words[0][0] == have[0][0]):
                found[1].append(i)
            elif len(words) == 1 and words[0] in have:
                found[2].append(i)
        return next((f[-1] for f in found if f), None)

    def by_office(self, office: str | None, country: str | None) -> int | None:
        """The latest holder of this office for this country, a named one first."""
        hits = [i for i in self.roots() if office and office in (self.entities[i].office, self.entities[i].holder)
                and self.entities[i].country == country]
        return ([i for i in hits if self.entities[i].name] or hits or [None])[-1]

    def person(self, name: str | None, office: str | None, country: str | None) -> int:
        """The identity for a named person or an office holder, created or merged as needed."""
        eid = self.by_name(name) if name else self.by_office(office, country)
        if eid is not None and name and country and self.get(eid).country not in (None, country):
            eid = None  # the same surname in another country: another person
        if eid is None:
            eid = self._new(Entity(name=name, office=office, country=country))
        ent = self.get(eid)
        ent.country = ent.country or country
        if office and (not ent.office or (ent.office in _GENERIC_OFFICES and office not in _GENERIC_OFFICES)):
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


# ---------------------------------------------------------------- mentions, sentence by sentence


@dataclass
class Mention:
    start: int
    end: int
    ids: tuple[int, ...]  # registry ids; empty for a name not seen before (see Tracker.promote)
    kind: str  # person | side | group | pronoun | name
    text: str
    speaker: bool = False  # "X said", "..., said X"


@dataclass
class _Chain:  # an office phrase: "his French counterpart", "the foreign ministers of Armenia and Azerbaijan"
    start: int
    end: int
    det: str | None
    countries: list[str]
    office: str
    plural: bool


_GROUP_RE = re.compile(
    r"(?i)\b(?:the\s+(?:pair|duo|trio)|both\s+(?P<b>men|women|leaders|ministers|diplomats|sides)"
    r"|the\s+(?P<n>two|three|four)\s+(?P<noun>(?:foreign\s+|prime\s+|top\s+)?(?:leaders|ministers|diplomats"
    r"|presidents|men|women|officials|envoys|sides)|heads\s+of\s+state))\b|\b(?P<they>[Tt]hey)\b")
_SIDE_RE = re.compile(rf"(?<!\w)(?i:the|an?)\s+(?P<m>{_MOD})\s+(?i:side|delegation|government|authorities"
                      r"|leadership|officials)\b")
_INST_RE = re.compile(r"(?<!\w)(?:(?i:the)\s+)?(?P<i>Kremlin|White\s+House|Elys[eé]e|Downing\s+Street)\b")
_ORG_RE = re.compile(rf"(?<![\w.-])(?:(?i:the)\s+)?(?P<m>(?i:{_alt(k for k in _ORGS if ' ' in k)})|"
                     rf"{_alt(a for a in _ACRONYMS if a not in _ACRONYM_COUNTRY)})(?:\s*\([A-Z]{{2,6}}\))?"
                     r"(?![\w-])(?!\s+[A-Z])")  # standalone: "NATO", "the European Union (EU)"
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|him)\b")
_SAID_AFTER = re.compile(r"[,”\"]?\s*(?:said|says|added|announced|wrote|stated)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to)\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[.,;!?]|$)")
_APPOS_END = re.compile(r"\s*(?:[,.;)”\"]|$|\s(?:and|said|who|was|is|were|will|has|had|to)\b)")
_ANAPHORA = ("group", "they", "pronoun")


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

    def root(self, i: int) -> int:
        return self.reg.root(i)

    def sentence(self, start: int, end: int, paragraph: int) -> list[Mention]:
        """The mentions in one sentence, in order, resolved against everything read so far."""
        quote = Quote(self.doc_id, paragraph, start, end, self.text[start:end])
        self._start, kept, out = start, [], []
        for p in sorted(self._protos(start, end), key=lambda p: (p[0], -p[1])):
            if not kept or p[0] >= kept[-1][1]:
                kept.append(p)
        for s, e, kind, data in kept:  # names, offices, institutions first
            if kind not in _ANAPHORA and (m := self._resolve(s, e, kind, data, out, quote)):
                out.append(self._speaker(m, start, end))
        # the parties named here (not speakers, nor owners as in "Erdogan's office said") are not "the pair"
        here = {self.root(i) for m in out if not m.speaker and self.text[m.end:m.end + 2] not in ("'s", "’s")
                for i in m.ids}
        for s, e, kind, data in kept:
            if kind in _ANAPHORA and (m := self._anaphor(s, e, kind, data, out, here)):
                out.append(self._speaker(m, start, end))
        out.sort(key=lambda m: m.start)
        people = [self.root(i) for m in out if m.kind == "person" and not m.speaker for i in m.ids
                  if not self.reg.get(i).side and not is_spokesperson(self.reg.get(i).office)]
        self.last_people = list(dict.fromkeys(people))
        self.last_subject = next((self.root(m.ids[0]) for m in out if m.kind in ("person", "pronoun")
                                  and not m.speaker and len(m.ids) == 1 and self.root(m.ids[0]) in people),
                                 self.last_subject)
        return out

    def promote(self, m: Mention, quote: Quote) -> int:
        """Register a name not seen before, now that it fills a meeting role."""
        if not m.ids:
            eid = self.reg.person(m.text, None, None)
            self.reg.note(eid, m.text, quote, 2)
            m.ids, m.kind = (eid,), "person"
            self.recent.append(eid)
        return m.ids[0]

    def _speaker(self, m: Mention, start: int, end: int) -> Mention:
        m.speaker = bool(_SAID_AFTER.match(self.text, m.end, end) or (
            _SAID_BEFORE.search(self.text, start, m.start) and _CLAUSE_END.match(self.text, m.end, end)))
        return m

    def _chains(self, start: int, end: int) -> list[_Chain]:
        chains = []
        for m in _OFFICE_RE.finditer(self.text, start, end):
            s, countries, det, e = m.start(), [], None, m.end()
            while (mb := _MOD_BEFORE.search(self.text, start, s)) is not None:
                countries.insert(0, country_of(mb.group("m")))
                s = mb.start()
            if (md := _DET_BEFORE.search(self.text, start, s)) is not None:
                det, s = md.group("d").lower(), md.start()
            if (mo := _OF_AFTER.match(self.text, e, end)) is not None:
                countries += [country_of(x.group("m")) for x in _MOD_RE.finditer(mo.group(0))]
                e = mo.end()
            chains.append(_Chain(s, e, det, [c for c in countries if c], *canonical_office(m.group(0))))
        return chains

    def _protos(self, start: int, end: int) -> list[tuple[int, int, str, Any]]:
        """Candidate mentions (start, end, kind, data), overlapping; the longest at each start wins."""
        text, protos, used = self.text, [], set()
        runs, chains = name_runs(text, start, end), self._chains(start, end)
        run_at, chain_at = {r.start: r for r in runs}, {c.start: c for c in chains}

        def after(pos: int, sep: str) -> int | None:
            gap = re.match(sep, text[pos:end])
            return pos + gap.end() if gap else None

        for ch in chains:
            if ch.start in used:
                continue
            run = run_at.get(after(ch.end, r"[ \t]+") or -1)
            pos = after(ch.end, r",\s*")
            if run and not ch.plural:  # "Russian Foreign Minister Sergei Lavrov"
                protos.append((ch.start, run.end, "chain", (run.text, ch, None)))
                used.add(run.start)
            elif pos and not ch.plural and (ch.det or ch.countries or ch.office == "Counterpart") and (
                    (run := run_at.get(pos)) and _APPOS_END.match(text, run.end, end)):
                protos.append((ch.start, run.end, "chain", (run.text, ch, None)))  # "His counterpart, Zohrab X,"
                used.add(run.start)
            elif pos and not ch.plural and (ch.det or ch.countries) and (nxt := chain_at.get(pos)) and (
                    run := run_at.get(after(nxt.end, r"[ \t]+") or -1)):
                protos.append((ch.start, run.end, "chain", (run.text, ch, nxt)))  # "his French counterpart, President X"
                used |= {run.start, nxt.start}
            elif ch.plural and len(ch.countries) >= 2:
                protos.append((ch.start, ch.end, "chain_group", ch))
            elif not ch.plural and ch.countries:
                protos.append((ch.start, ch.end, "chain", (None, ch, None)))
        for run in runs:
            if run.start in used:
                continue
            ch = chain_at.get(after(run.end, r",\s*") or -1)  # "Mauro Vieira, Brazil's foreign minister,"
            if ch and not ch.plural and (ch.det or ch.countries) and _APPOS_END.match(text, ch.end, end):
                protos.append((run.start, ch.end, "chain", (run.text, ch, None)))
            else:
                protos.append((run.start, run.end, "name", run))
        for rx, kind in ((_GROUP_RE, "group"), (_SIDE_RE, "side"), (_INST_RE, "inst"), (_ORG_RE, "org"),
                         (_PRONOUN_RE, "pronoun")):
            for m in rx.finditer(text, start, end):
                if kind in ("inst", "org") and re.search(r"\b(?:at|in|to|from)\s+$", text[start:m.start()]):
                    continue  # a place, not a party: "at the White House"
                protos.append((m.start(), m.end(), "they" if kind == "group" and m.group("they") else kind, m))
        return protos

    def _referent(self, before: int, out: list[Mention]) -> int | None:
        """Whom 'he' or 'his' refers to: this sentence's first person, else the last subject."""
        first = next((m for m in out if m.start < before and m.kind == "person" and len(m.ids) == 1), None)
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
            if not name and not country:
                return None
            eid = self.reg.person(name, office, country)
            self.reg.note(eid, surface, quote, 2 * bool(name) + bool(office) + bool(country))
            self.reg.note(eid, name, None, 0)
            self.recent.append(eid)
            return Mention(s, e, (eid,), "person", surface)
        if kind == "chain_group":  # one placeholder per country; named people merge into them later
            ids = tuple(self.reg.person(None, data.office, c) for c in data.countries)
            for i in ids:
                self.reg.note(i, None, quote, 2)
            self.recent += ids
            self.last_group = list(ids)
            return Mention(s, e, ids, "group", surface)
        if kind == "name":
            eid = self.reg.by_name(data.text)
            if eid is None:  # unknown: usable only in a meeting role
                return Mention(data.start, data.end, (), "name", data.text)
            self.reg.note(eid, surface, quote, 2 if " " in data.text else 1)
            self.recent.append(eid)
            return Mention(s, e, (eid,), "person", surface)
        if kind in ("side", "org"):
            country = country_of(data.group("m"))
            eid = self.reg.side(country) if country else None
            return self._noted(Mention(s, e, (eid,), "side", surface), quote) if eid is not None else None
        if kind == "inst":
            eid = self.reg.institution(*_INSTITUTIONS[" ".join(data.group("i").lower().split())])
            return self._noted(Mention(s, e, (eid,), "person", surface), quote)
        return None

    def _noted(self, m: Mention, quote: Quote) -> Mention:
        self.reg.note(m.ids[0], m.text, quote, 1)
        return m

    def _anaphor(self, s: int, e: int, kind: str, m: Any, out: list[Mention], here: set[int]) -> Mention | None:
        surface = self.text[s:e]
        if kind == "pronoun":
            ref = self._referent(s, out)
            if surface == "him":
                ref = self.last_subject if self.last_subject not in here else None
            return Mention(s, e, (ref,), "pronoun", surface) if ref is not None else None
        if kind == "they":  # only as the sentence's subject: "They have ruled out ..."
            ids = [i for i in dict.fromkeys(map(self.root, self.last_group)) if i not in here]
            ok = len(ids) >= 2 and not self.text[self._start:s].strip()
            return Mention(s, e, tuple(ids), "group", surface) if ok else None
        n = {"three": 3, "four": 4}.get((m.group("n") or "").lower(), 2)
        ids = self._group(n, (m.group("noun") or m.group("b") or "").lower(), here)
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
                    "leader" in noun and not office.endswith(_LEADERS)) or ("minister" in noun and "Minister" not in office):
                continue
            group = by_office.setdefault(office, [])
            group.append(r)
            if len(group) == n:
                return sorted(group)  # in order of first mention
        return []


class People:
    """Every identity in a document, resolvable by any surface form seen ('the Kremlin', 'his counterpart')."""

    def __init__(self, tracker: Tracker) -> None:
        self.persons = [tracker.reg.to_person(i) for i in tracker.reg.roots() if tracker.reg.entities[i].quote]

    def resolve(self, surface: str) -> Person | None:
        q = _norm(surface)
        return next((p for p in self.persons if q in {_norm(a) for a in p.aliases}), None) or next(
            (p for p in self.persons if p.matches(surface)), None)

"""People in an article: offices, countries and organisations, one identity per person across mentions.

General rules, never article-specific. An office phrase ("Russian Foreign Minister", "EU foreign policy
chief", "his Armenian counterpart") before a name, or in apposition to it, gives the person's office and
country; later mentions by surname ("Pompeo", "Secretary Pompeo"), by office ("the Azerbaijani foreign
minister"), by pronoun, as a pair ("the two diplomats") or through an institution ("the Kremlin") resolve
to the same identity. Countries come from index.places (demonyms and capitals included).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from index.places import COUNTRIES

# ---------------------------------------------------------------- evidence and people


@dataclass(frozen=True)
class Quote:
    """Verbatim evidence: text == document.text[start:end], inside paragraph `paragraph`."""

    doc_id: str
    paragraph: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(str(data["doc_id"]), int(data["paragraph"]), int(data["start"]), int(data["end"]),
                   str(data["text"]))


@dataclass(frozen=True)
class Person:
    name: str | None  # "Jeyhun Bayramov"; None when only an office or a side is known
    office: str | None  # "Foreign Minister", "Secretary of State", "Presidency"
    country: str | None  # canonical country ("Azerbaijan") or organisation ("NATO")
    aliases: tuple[str, ...]  # surface forms seen in the article
    quote: Quote  # where the person is best identified

    def title(self) -> str | None:
        """'Azerbaijani Foreign Minister', 'NATO Secretary General', 'Russian side'."""
        adj = adjective(self.country) if self.country else None
        if self.office:
            return f"{adj} {self.office}" if adj else self.office
        if self.country:
            return f"{adj} side" if self.country in _ADJ else self.country
        return None

    def label(self) -> str:
        """'Jeyhun Bayramov, Azerbaijani Foreign Minister' (or just the title when unnamed)."""
        title = self.title()
        if self.name:
            return f"{self.name}, {title}" if title else self.name
        return title or "unknown"

    def short(self) -> str:
        """'Jeyhun Bayramov (Azerbaijani Foreign Minister)'."""
        title = self.title()
        if self.name:
            return f"{self.name} ({title})" if title else self.name
        return title or "unknown"

    def matches(self, query: str) -> bool:
        """Alias-aware, case-insensitive: 'Pompeo', 'mike pompeo', 'Secretary Pompeo', 'US Secretary of State'."""
        q = _norm(query)
        if not q:
            return False
        forms = {_norm(a) for a in (*self.aliases, self.name or "", self.label(), self.title() or "")}
        if q in forms:
            return True
        words = set(" ".join(forms).split())
        if self.country:
            words |= {w for a, c in _COUNTRY.items() if c == self.country for w in a.split()}
            words |= set(_norm(self.country).split())
        return set(q.split()) <= words

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "office": self.office, "country": self.country,
                "aliases": list(self.aliases), "quote": self.quote.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Person:
        return cls(data.get("name"), data.get("office"), data.get("country"),
                   tuple(data.get("aliases") or ()), Quote.from_json(data["quote"]))


def _norm(text: str) -> str:
    text = re.sub(r"['’]s\b", "", text.casefold())
    text = re.sub(r"[^\w\s.-]", " ", text).replace(".", "")
    return re.sub(r"^(?:the|his|her|their)\s+", "", " ".join(text.split()))


# ---------------------------------------------------------------- countries and organisations


def _title(name: str) -> str:
    return " ".join(w.capitalize() for w in name.split())


_COUNTRY: dict[str, str] = {}  # lower alias (name, demonym, capital) -> canonical country
_ADJ: dict[str, str] = {}  # canonical country -> adjective for labels
_CAPITAL: dict[str, str] = {}  # canonical country -> its first capital
_MODIFIERS: set[str] = set()  # lower names and demonyms usable before an office
for _country, _demonyms, _capitals in COUNTRIES:
    _canon = _title(_country)
    _ADJ[_canon] = _title(_demonyms[0]) if _demonyms else _canon
    for _alias in (_country, *_demonyms):
        _COUNTRY[_alias] = _canon
        _MODIFIERS.add(_alias)
    for _alias in _capitals:
        _COUNTRY.setdefault(_alias, _canon)
    if _capitals:
        _CAPITAL[_canon] = _title(_capitals[0])
_ADJ.update({"United States": "US", "United Kingdom": "British"})
_EXTRA = {"america": "United States", "britain": "United Kingdom", "great britain": "United Kingdom",
          "white house": "United States", "élysée": "France", "downing street": "United Kingdom"}
_COUNTRY.update(_EXTRA)
_MODIFIERS |= {"america", "britain", "kremlin", "white house", "elysee", "élysée"}
_ACRONYM_COUNTRY = {"US": "United States", "U.S.": "United States", "USA": "United States",
                    "UK": "United Kingdom", "U.K.": "United Kingdom"}
_ORGS = {"nato": "NATO", "eu": "European Union", "european union": "European Union",
         "european council": "European Council", "european commission": "European Commission",
         "un": "United Nations", "united nations": "United Nations", "osce": "OSCE",
         "african union": "African Union", "asean": "ASEAN", "arab league": "Arab League",
         "iaea": "IAEA", "imf": "IMF", "opec": "OPEC", "csto": "CSTO", "world bank": "World Bank"}
_ACRONYMS = ["NATO", "EU", "UN", "OSCE", "ASEAN", "IAEA", "IMF", "OPEC", "CSTO", *_ACRONYM_COUNTRY]
_ORG_ADJ = {"European Union": "EU", "United Nations": "UN"}
# Institutions standing for an office holder: alias -> (country, placeholder office, holder's office).
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
    """Canonical country or organisation for a name, demonym, capital or institution ('Azeri', 'Baku')."""
    raw = re.sub(r"['’]s$", "", text.strip())
    raw = re.sub(r"^(?i:the)\s+", "", raw)
    if raw in _ACRONYM_COUNTRY:
        return _ACRONYM_COUNTRY[raw]
    low = " ".join(raw.lower().split())
    if low in _INSTITUTIONS:
        return _INSTITUTIONS[low][0]
    return _COUNTRY.get(low) or _ORGS.get(low) or _ACRONYM_COUNTRY.get(raw.upper())


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_MOD = (rf"(?:(?i:{_alt(_MODIFIERS | {k for k in _ORGS if not k.isalpha() or len(k) > 4})})"
        rf"|{_alt(_ACRONYMS)})(?:['’]s)?")
_MOD_RE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})(?!\w)")
_MOD_BEFORE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})\s+(?:(?:and|&)\s+)?$")
_DET_BEFORE = re.compile(r"(?<!\w)(?P<d>(?i:the|his|her|their|its))\s+$")
_OF_AFTER = re.compile(rf"\s+of\s+(?:the\s+)?(?P<m>{_MOD})(?P<more>(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)"
                       rf"(?:the\s+)?{_MOD})*)(?!\w)")

# ---------------------------------------------------------------- offices

_OFFICE_MODS = (r"deputy|vice|acting|first|former|interim|outgoing|incoming|top|senior|chief|prime|foreign"
                r"|defen[cs]e|finance|trade|interior|economy|energy|health|justice|external|policy|affairs"
                r"|national|security|state|presidential|special|ministry['’]s|ministry|foreign-policy|assistant|parliament"
                r"|parliamentary")
_OFFICE_HEADS = (r"secretary[- ]general|secretary\s+of\s+state|high\s+representative|crown\s+prince"
                 r"|head\s+of\s+(?:state|government)|minister|president|secretary|chief|chancellor|premier"
                 r"|king|queen|emir|envoy|ambassador|diplomat|spokes(?:man|woman|person)|spokesmen|spokeswomen"
                 r"|leader|counterpart|adviser|advisor|commissioner|governor|mayor|speaker|pope|sultan")
_OFFICE_RE = re.compile(rf"(?i)\b(?:(?:{_OFFICE_MODS})\s+)*(?:{_OFFICE_HEADS})s?\b"
                        r"(?:\s+of\s+(?:state|foreign\s+affairs|defen[cs]e|the\s+interior|finance)\b)?")
_GENERIC_OFFICES = {"Counterpart", "Secretary", "Leader", "Minister", "Chief", "Diplomat", "Top Diplomat"}
_SMALL = {"of", "the", "and", "for"}


def canonical_office(text: str) -> str:
    """'foreign ministers' -> 'Foreign Minister'; 'Minister of Foreign Affairs' -> 'Foreign Minister'."""
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"(ministers|presidents|secretaries|leaders|counterparts|diplomats|chiefs|envoys|"
                 r"ambassadors|kings|advisers|advisors|chancellors|premiers)$",
                 lambda m: {"secretaries": "secretary"}.get(m.group(1), m.group(1)[:-1]), low)
    low = low.replace("ministry's", "ministry").replace("spokesmen", "spokesman").replace("spokeswomen", "spokeswoman")
    low = re.sub(r"^minister of foreign affairs$|^foreign affairs minister$", "foreign minister", low)
    low = low.replace("secretary-general", "secretary general")
    return " ".join(w if w in _SMALL else w[:1].upper() + w[1:] for w in low.split())


def is_spokesperson(office: str | None) -> bool:
    return bool(office) and "spokes" in office.lower()


# ---------------------------------------------------------------- names

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_PARTICLES = {"von", "van", "der", "de", "da", "del", "di", "bin", "al", "el", "la", "le", "dos", "du", "ibn"}
_TITLES = {"mr", "ms", "mrs", "dr", "sir"}
_STOP = set(
    ["the", "a", "an", "his", "her", "their", "its", "it", "this", "that", "these", "those", "in", "on", "at", "for", "to", "of", "by", "with", "from", "and", "or", "but", "as", "after", "before", "while", "when", "if", "then", "also", "both", "meanwhile", "however", "earlier", "later", "last", "next", "says", "said", "according", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "yesterday", "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "state", "department", "ministry", "office", "council", "house", "group", "committee", "parliament", "government", "assembly", "union", "nations", "republic", "kingdom", "federation", "party", "army", "forces", "court", "bank", "agency", "news", "reuters", "afp", "tass", "xinhua", "interfax", "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince", "emir", "envoy", "ambassador", "diplomat", "spokesman", "spokeswoman", "spokesperson", "leader", "counterpart", "adviser", "advisor", "commissioner", "governor", "mayor", "speaker", "pope", "sultan", "chief", "deputy", "vice", "acting", "prime", "foreign", "defence", "defense", "general", "high", "representative", "senior", "top", "special", "first", "former", "security", "national", "affairs", "external", "policy", "presidential", "kremlin", "sir", "mr", "ms", "mrs", "dr"]
) | set(_COUNTRY) | {w.lower() for w in _ORGS} | {a.lower().rstrip(".") for a in _ACRONYMS}


@dataclass
class NameRun:
    start: int
    end: int
    text: str
    titled: bool  # after Mr/Ms/Dr
    possessive: bool


def _namey(tok: str) -> bool:
    if len(tok) == 2 and tok[1] == "." and tok[0].isupper():
        return True  # an initial
    return tok[0].isupper() and any(c.islower() for c in tok[1:]) and tok.lower().rstrip(".") not in _STOP


def name_runs(text: str, start: int, end: int) -> list[NameRun]:
    """Maximal runs of capitalised name-like words in text[start:end] (offsets absolute)."""
    runs: list[NameRun] = []
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    i = 0
    while i < len(toks):
        s, e, tok = toks[i]
        titled = i > 0 and toks[i - 1][2].lower().rstrip(".") in _TITLES and text[toks[i - 1][1]:s].isspace()
        if not _namey(tok):
            i += 1
            continue
        j, last = i, i
        while j + 1 < len(toks):
            gap = text[toks[j][1]:toks[j + 1][0]]
            nxt = toks[j + 1][2]
            if not re.fullmatch(r"[ \t]+", gap) or re.search(r"['’]s$", toks[j][2]):
                break
            if nxt in _PARTICLES:
                j += 1
                continue
            if not _namey(nxt):
                break
            j += 1
            last = j
        e = toks[last][1]
        word = text[s:e]
        if word.endswith(".") and not re.search(r"\b\w\.$", word):
            word, e = word[:-1], e - 1
        poss = re.search(r"['’]s$", word)
        if poss:
            word, e = word[: poss.start()], e - 2
        runs.append(NameRun(toks[i - 1][0] if titled else s, e, word, titled, bool(poss)))
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
    score: int = -1


class Registry:
    """Entities with union-find identity: a placeholder merges into the named person it turns out to be."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.parent: list[int] = []

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
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

    def union(self, keep: int, drop: int) -> int:
        keep, drop = self.root(keep), self.root(drop)
        if keep == drop:
            return keep
        a, b = self.entities[keep], self.entities[drop]
        a.name = a.name or b.name
        a.country = a.country or b.country
        if not a.office or (a.office in _GENERIC_OFFICES and b.office and b.office != "Presidency"):
            a.office = b.office or a.office
        a.aliases += [x for x in b.aliases if x not in a.aliases]
        if b.score > a.score:
            a.quote, a.score = b.quote, b.score
        self.parent[drop] = keep
        return keep

    def by_name(self, name: str) -> int | None:
        words = name.lower().replace(".", "").split()
        exact, last, anyword = [], [], []
        for i in self.roots():
            ent = self.entities[i]
            if not ent.name:
                continue
            have = ent.name.lower().replace(".", "").split()
            if have == words:
                exact.append(i)
            elif words[-1] == have[-1] and (len(words) == 1 or len(have) == 1 or words[0][0] == have[0][0]):
                last.append(i)
            elif len(words) == 1 and words[0] in have:
                anyword.append(i)
        for found in (exact, last, anyword):
            if len(found) >= 1:
                return found[-1]
        return None

    def by_office(self, office: str | None, country: str | None, unnamed: bool = False) -> int | None:
        if not office:
            return None
        hits = [i for i in self.roots()
                if (self.entities[i].office == office or self.entities[i].holder == office)
                and self.entities[i].country == country and not (unnamed and self.entities[i].name)]
        named = [i for i in hits if self.entities[i].name]
        return (named or hits or [None])[-1]

    def person(self, name: str | None, office: str | None, country: str | None) -> int:
        """The identity for a named person or an office holder, creating or merging as needed."""
        eid = self.by_name(name) if name else None
        if eid is not None and country and self.get(eid).country not in (None, country):
            eid = None  # same surname, another country: another person
        if eid is None and not name:
            eid = self.by_office(office, country)
        if eid is None:
            eid = self._new(Entity(name=name, office=office, country=country))
            if name:
                self._absorb(eid)
            return self.root(eid)
        ent = self.get(eid)
        ent.country = ent.country or country
        if office and (not ent.office or (ent.office in _GENERIC_OFFICES and office not in _GENERIC_OFFICES)):
            ent.office = office
        if name and ent.name and len(name.split()) > len(ent.name.split()) or name and not ent.name:
            ent.name = name
        if name:
            self._absorb(eid)
        return self.root(eid)

    def _absorb(self, eid: int) -> None:
        """Merge unnamed placeholders that this named person turns out to be."""
        ent = self.get(eid)
        if not ent.office:
            return
        holes = [i for i in self.roots() if i != self.root(eid) and not self.entities[i].name
                 and not self.entities[i].side
                 and (self.entities[i].office == ent.office or self.entities[i].holder == ent.office)]
        if ent.country:
            holes = [i for i in holes if self.entities[i].country == ent.country]
        elif len(holes) != 1:
            return
        for i in holes:
            self.union(eid, i)

    def side(self, country: str) -> int:
        for i in self.roots():
            if self.entities[i].side and self.entities[i].country == country:
                return i
        return self._new(Entity(country=country, side=True))

    def institution(self, country: str, office: str, holder: str) -> int:
        named = self.by_office(holder, country)
        if named is not None and self.get(named).name:
            return named
        for i in self.roots():
            if self.entities[i].office == office and self.entities[i].country == country:
                return i
        return self._new(Entity(office=office, country=country, holder=holder))

    def to_person(self, i: int) -> Person:
        ent = self.get(i)
        aliases = list(ent.aliases)
        if ent.name:
            aliases += [x for x in (ent.name, ent.name.split()[-1]) if x not in aliases]
        assert ent.quote is not None
        return Person(ent.name, ent.office, ent.country, tuple(aliases), ent.quote)


# ---------------------------------------------------------------- mentions, sentence by sentence


@dataclass
class Mention:
    start: int
    end: int
    ids: tuple[int, ...]  # registry ids; empty for a name not yet known (promote it to use it)
    kind: str  # person | side | group | pronoun | name
    text: str
    speaker: bool = False  # "..., said X" / "X said"


@dataclass
class _Chain:
    start: int
    end: int
    det: str | None
    countries: list[str]
    office: str
    plural: bool


_GROUP_RE = re.compile(
    r"(?i)\b(?:the\s+(?:pair|duo|trio)|both\s+(?P<b>men|women|leaders|ministers|diplomats|sides)"
    r"|the\s+(?P<n>two|three|four)\s+(?P<noun>(?:foreign\s+|prime\s+|top\s+)?(?:leaders|ministers|diplomats|"
    r"presidents|men|women|officials|envoys|sides)|heads\s+of\s+state))\b|\b(?P<they>[Tt]hey)\b")
_SIDE_RE = re.compile(rf"(?<!\w)(?i:the|an?)\s+(?P<m>{_MOD})\s+(?i:side|delegation|government|authorities|"
                      r"leadership|officials)\b")
_INST_RE = re.compile(r"(?<!\w)(?:(?i:the)\s+)?(?P<i>Kremlin|White\s+House|Elys[eé]e|Downing\s+Street)\b")
_ORG_RE = re.compile(rf"(?<![\w.-])(?:(?i:the)\s+)?(?P<m>(?i:{_alt(k for k in _ORGS if ' ' in k)})|"
                     rf"{_alt(a for a in _ACRONYMS if a not in _ACRONYM_COUNTRY)})(?:\s*\([A-Z]{{2,6}}\))?"
                     r"(?![\w-])(?!\s+[A-Z])")
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|him)\b")
_SAID_AFTER = re.compile(r"[,”\"]?\s*(?:said|says|added|announced|wrote|stated)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to)\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[.,;!?]|$)")
_APPOS_END = re.compile(r"\s*(?:[,.;)”\"]|$|\s(?:and|said|who|was|is|were|will|has|had|to)\b)")
_COUNTS = {"two": 2, "three": 3, "four": 4}
_LEADERS = ("President", "Prime Minister", "Chancellor", "King", "Leader", "Premier", "Presidency", "Emir")


class Tracker:
    """Reads an article sentence by sentence, finding people and resolving each to one identity."""

    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id, self.text = doc_id, text
        self.reg = Registry()
        self.recent: list[int] = []
        self.last_subject: int | None = None
        self.last_group: list[int] = []
        self.last_people: list[int] = []  # the people of the previous sentence
        self._start = 0

    # -- public

    def sentence(self, start: int, end: int, paragraph: int) -> list[Mention]:
        """The mentions in one sentence, in order, resolved against everything read so far."""
        quote = Quote(self.doc_id, paragraph, start, end, self.text[start:end])
        self._start = start
        protos = self._protos(start, end)
        protos.sort(key=lambda p: (p[0], -p[1]))
        kept: list[tuple[int, int, str, Any]] = []
        for p in protos:
            if not kept or p[0] >= kept[-1][1]:
                kept.append(p)
        out: list[Mention] = []
        for s, e, kind, data in kept:  # pass 1: names, offices, institutions
            if kind not in ("group", "they", "pronoun"):
                m = self._resolve(s, e, kind, data, out, quote)
                if m:
                    out.append(m)
        for m in out:
            self._speaker(m, start, end)
        # people this sentence names as parties (not as speakers or owners: "Erdogan's office said")
        here = {self.reg.root(i) for m in out if not m.speaker and self.text[m.end:m.end + 2] not in ("'s", "’s")
                for i in m.ids}
        for s, e, kind, data in kept:  # pass 2: anaphora
            if kind in ("group", "they", "pronoun"):
                m = self._anaphor(s, e, kind, data, out, here)
                if m:
                    out.append(self._speaker(m, start, end))
        out.sort(key=lambda m: m.start)
        self._end_sentence(out)
        return out

    def _speaker(self, m: Mention, start: int, end: int) -> Mention:
        m.speaker = bool(_SAID_AFTER.match(self.text, m.end, end) or (
            _SAID_BEFORE.search(self.text, start, m.start) and _CLAUSE_END.match(self.text, m.end, end)))
        return m

    def promote(self, m: Mention, quote: Quote) -> int:
        """Register an unknown name seen in a meeting role."""
        if not m.ids:
            eid = self.reg.person(m.text, None, None)
            self.reg.note(eid, m.text, quote, 2)
            m.ids, m.kind = (eid,), "person"
            self.recent.append(eid)
        return m.ids[0]

    def root(self, i: int) -> int:
        return self.reg.root(i)

    # -- candidates

    def _chains(self, start: int, end: int) -> list[_Chain]:
        chains = []
        for m in _OFFICE_RE.finditer(self.text, start, end):
            s, countries, det = m.start(), [], None
            while (mb := _MOD_BEFORE.search(self.text, start, s)) is not None:
                countries.insert(0, country_of(mb.group("m")))
                s = mb.start()
            if (md := _DET_BEFORE.search(self.text, start, s)) is not None:
                det, s = md.group("d").lower(), md.start()
            e = m.end()
            if (mo := _OF_AFTER.match(self.text, e, end)) is not None:
                countries += [country_of(x.group("m")) for x in _MOD_RE.finditer(mo.group(0))]
                e = mo.end()
            office = canonical_office(m.group(0))
            plural = office.lower() != " ".join(m.group(0).lower().split()) and m.group(0).lower()[-1] == "s"
            chains.append(_Chain(s, e, det, [c for c in countries if c], office, plural))
        return chains

    def _protos(self, start: int, end: int) -> list[tuple[int, int, str, Any]]:
        text, protos = self.text, []
        runs = name_runs(text, start, end)
        run_at = {r.start: r for r in runs}
        chains = self._chains(start, end)
        chain_at = {c.start: c for c in chains}
        used: set[int] = set()
        for ch in chains:
            if ch.start in used:
                continue
            gap = re.match(r"[ \t]+", text[ch.end:end])
            run = run_at.get(ch.end + len(gap.group(0))) if gap else None
            if run and not ch.plural:
                protos.append((ch.start, run.end, "chain", (run.text, ch, None)))
                used.add(run.start)
                continue
            comma = re.match(r",\s*", text[ch.end:end])
            if comma and not ch.plural and (ch.det or ch.countries or ch.office == "Counterpart"):
                pos = ch.end + comma.end()
                run, nxt = run_at.get(pos), chain_at.get(pos)
                if run and _APPOS_END.match(text, run.end, end):
                    protos.append((ch.start, run.end, "chain", (run.text, ch, None)))
                    used.add(run.start)
                    continue
                if nxt and not nxt.plural and (g := re.match(r"[ \t]+", text[nxt.end:end])):
                    if (run := run_at.get(nxt.end + len(g.group(0)))) is not None:
                        protos.append((ch.start, run.end, "chain", (run.text, ch, nxt)))
                        used |= {run.start, nxt.start}
                        continue
            if ch.plural and len(ch.countries) >= 2:
                protos.append((ch.start, ch.end, "chain_group", ch))
            elif not ch.plural and ch.countries:
                protos.append((ch.start, ch.end, "chain", (None, ch, None)))
        for run in runs:
            if run.start in used:
                continue
            comma = re.match(r",\s*", text[run.end:end])
            ch = chain_at.get(run.end + comma.end()) if comma else None
            if ch and not ch.plural and (ch.det or ch.countries) and _APPOS_END.match(text, ch.end, end):
                protos.append((run.start, ch.end, "chain", (run.text, ch, None)))
            else:
                protos.append((run.start, run.end, "name", run))
        for rx, kind in ((_GROUP_RE, "group"), (_SIDE_RE, "side"), (_INST_RE, "inst"), (_ORG_RE, "org"),
                         (_PRONOUN_RE, "pronoun")):
            for m in rx.finditer(text, start, end):
                if kind == "group" and m.group("they"):
                    kind_ = "they"
                else:
                    kind_ = kind
                if kind in ("inst", "org") and re.search(r"\b(?:at|in|to|from)\s+$", text[start:m.start()]):
                    continue  # a place, not a party
                protos.append((m.start(), m.end(), kind_, m))
        return protos

    # -- resolution

    def _referent(self, before: int, out: list[Mention]) -> int | None:
        for m in out:
            if m.start < before and m.kind == "person" and len(m.ids) == 1:
                return self.reg.root(m.ids[0])
        return self.last_subject

    def _resolve(self, s: int, e: int, kind: str, data: Any, out: list[Mention], quote: Quote) -> Mention | None:
        surface = self.text[s:e]
        if kind == "chain":
            name, ch, ch2 = data
            office, country = ch.office, (ch.countries[-1] if ch.countries else None)
            if office == "Counterpart":
                ref = self._referent(s, out)
                office = self.reg.get(ref).office if ref is not None else None
            if ch2 is not None:
                office = ch2.office if ch2.office != "Counterpart" else office
                country = ch2.countries[-1] if ch2.countries else country
            if not name and not country:
                return None
            eid = self.reg.person(name, office, country)
            score = 2 * bool(name) + bool(office) + bool(country)
            self.reg.note(eid, surface, quote, score)
            if name:
                self.reg.note(eid, name, None, 0)
            self.recent.append(eid)
            return Mention(s, e, (eid,), "person", surface)
        if kind == "chain_group":
            ids = tuple(self.reg.person(None, data.office, c) for c in data.countries)
            for i in ids:
                self.reg.note(i, None, quote, 2)
            self.recent += ids
            self.last_group = list(ids)
            return Mention(s, e, ids, "group", surface)
        if kind == "name":
            eid = self.reg.by_name(data.text)
            if eid is not None:
                self.reg.note(eid, data.text, quote, 2 if len(data.text.split()) > 1 else 1)
                self.recent.append(eid)
                return Mention(s, e, (eid,), "person", surface)
            # unknown: usable only in a meeting role (and a single word only right beside the trigger)
            return Mention(data.start, data.end, (), "name", data.text)
        if kind in ("side", "org"):
            country = country_of(data.group("m"))
            if not country:
                return None
            eid = self.reg.side(country)
            self.reg.note(eid, surface, quote, 1)
            return Mention(s, e, (eid,), "side", surface)
        if kind == "inst":
            country, office, holder = _INSTITUTIONS[" ".join(data.group("i").lower().split())]
            eid = self.reg.institution(country, office, holder)
            self.reg.note(eid, surface, quote, 1)
            return Mention(s, e, (eid,), "person", surface)
        return None

    def _anaphor(self, s: int, e: int, kind: str, m: Any, out: list[Mention], here: set[int]) -> Mention | None:
        surface = self.text[s:e]
        if kind == "pronoun":
            ref = self._referent(s, out)
            if surface.lower() == "him":
                ref = self.last_subject if self.last_subject not in here else None
            return Mention(s, e, (ref,), "pronoun", surface) if ref is not None else None
        if kind == "they":
            if self.text[self._start:s].strip():
                return None  # only a sentence's subject: "They have ruled out ..."
            ids = [i for i in dict.fromkeys(self.reg.root(x) for x in self.last_group) if i not in here]
            return Mention(s, e, tuple(ids), "group", surface) if len(ids) >= 2 else None
        n = _COUNTS.get((m.group("n") or "").lower(), 2)
        noun = (m.group("noun") or m.group("b") or "").lower()
        ids = self._group(n, noun, here)
        if len(ids) < n:
            return None
        self.last_group = ids
        return Mention(s, e, tuple(ids), "group", surface)

    def _group(self, n: int, noun: str, exclude: set[int]) -> list[int]:
        for group in (self.last_group, self.last_people):  # a pair just named, or the people just mentioned
            last = [i for i in dict.fromkeys(self.reg.root(x) for x in group) if i not in exclude]
            if len(last) == n:
                return last
        seen: list[int] = []
        for i in reversed(self.recent):
            r, ent = self.reg.root(i), self.reg.get(i)
            if r in exclude or r in seen or ent.side or is_spokesperson(ent.office) or not ent.office:
                continue
            if "leader" in noun and not ent.office.endswith(_LEADERS):
                continue
            if "minister" in noun and "Minister" not in ent.office:
                continue
            seen.append(r)
        by_office: dict[str, list[int]] = {}
        for r in seen:
            group = by_office.setdefault(self.reg.get(r).office or "", [])
            group.append(r)
            if len(group) == n:
                return sorted(group)  # in order of first mention
        return []

    def _end_sentence(self, out: list[Mention]) -> None:
        people = [self.reg.root(i) for m in out if m.kind == "person" and not m.speaker for i in m.ids
                  if not self.reg.get(i).side and not is_spokesperson(self.reg.get(i).office)]
        self.last_people = list(dict.fromkeys(people))
        for m in out:
            if m.speaker or len(m.ids) != 1 or m.kind not in ("person", "pronoun"):
                continue
            if not is_spokesperson(self.reg.get(m.ids[0]).office) and not self.reg.get(m.ids[0]).side:
                self.last_subject = self.reg.root(m.ids[0])
                break


class People:
    """Every identity in a document, resolvable by any surface form seen."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.persons = [tracker.reg.to_person(i) for i in tracker.reg.roots() if tracker.reg.entities[i].quote]

    def resolve(self, surface: str) -> Person | None:
        q = _norm(surface)
        for p in self.persons:
            if q in {_norm(a) for a in p.aliases}:
                return p
        for p in self.persons:
            if p.matches(surface):
                return p
        return None

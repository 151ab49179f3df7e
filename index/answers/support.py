"""Whether a passage names what a question names, under the other forms English writes it in: accents
dropped ("Yesun Temur"), a slip of one or two letters ("Frensh"), a demonym for its place ("Asian",
"Israelis"), an acronym for its words ("SP" for "Scottish Parliament"), a century for its years ("1700s")."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from itertools import pairwise

from index.text import gazetteer
from index.text.dates import MONTH_ABBREVIATIONS, MONTHS
from index.text.tokens import tokenize, words

_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ish", "ese", "is", "i")
_JOINERS = r"(?:\s+(?:of|the|and|for|on|in|de|du|la|des)\b)*\s+"
_MONTH_SHORT = {m: tuple(a for a in MONTH_ABBREVIATIONS if m.startswith(a)) for m in MONTHS}  # "november": "nov"
_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
_RANGE = re.compile(r"(?<!\d)(1\d{3}|20\d{2})\s*(?:[-–—]|to|until)\s*(\d{4}|\d{2})(?!\d)")
_DECADE = re.compile(r"(1\d|20)(\d)(\d)s")
_ORDINAL_CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+century", re.IGNORECASE)
_CENTURY_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth", "twentieth", "twenty-first")


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """A word without its accents: "Yesün" -> "yesun"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


class Evidence:
    """A passage as the premise check reads it: its folded tokens and words, years and centuries."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = {fold(t) for t in tokenize(text)}  # the rest is read only when a term is not among these

    @cached_property
    def _plain(self) -> list[str]:
        return [fold(w) for w in words(self.text)]

    @cached_property
    def words(self) -> set[str]:
        return {w for w in self._plain if len(w) >= 4 and not w.isdigit()}

    @cached_property
    def joined(self) -> set[str]:
        return {a + b for a, b in pairwise(self._plain)}  # "Super Bowl" for "Superbowl"

    @cached_property
    def years(self) -> set[int]:
        years = {int(y) for y in _YEAR.findall(self.text)}
        for first, last in _RANGE.findall(self.text):  # "1646–47", "1939-1945", "1914 to 1918"
            begin, end = int(first), int(first[: 4 - len(last)] + last)
            years |= set(range(begin, end + 1)) if 0 < end - begin <= 100 else set()
        return years

    @cached_property
    def centuries(self) -> set[int]:
        centuries = {int(c) for c in _ORDINAL_CENTURY.findall(self.text)}
        lowered = self.text.lower()
        return centuries | {n for n, word in enumerate(_CENTURY_WORDS, start=1) if f"{word} century" in lowered}

    def supports(self, term: str) -> bool:
        """Whether the passage holds the term, or one of its words, in any of the forms above."""
        city = bool(gazetteer.city_country(term)) and gazetteer.country(term) is None  # a city is not its state
        tokens = [fold(t) for t in tokenize(term, aliases=not city)]
        if any(t in self.tokens for t in tokens):
            return True
        if any(self._spelled(t, city) for t in tokens if not t.isdigit()) or any(fold(w) in self.joined for w in words(term)):
            return True
        if any(self._demonym(fold(w)) for w in words(term) if len(w) >= 4 and not w.isdigit()):
            return True
        return (self._acronym(term) or any(self._period(w) for w in term.split())
                or term.isdigit() and int(term) in self.years
                or any(self._abbreviation(w) for w in words(term))
                or any(a in self._plain for w in words(term) for a in _MONTH_SHORT.get(fold(w), ())))  # "Nov 4"

    def _abbreviation(self, word: str) -> bool:
        """"Jr" for "junior", "TDs" for "touchdowns", "TV" for "television": a word of two or three
        letters whose letters a much longer word of the passage holds in order, from its first."""
        letters = fold(word).removesuffix("s") if len(word) > 2 else fold(word)
        if not (2 <= len(letters) <= 3 and letters.isalpha()):
            return False
        pattern = re.compile(".*?".join(letters))
        return any(other[0] == letters[0] and len(other) >= len(letters) + 4 and pattern.match(other)
                   for other in self.words)

    def _spelled(self, token: str, city: bool = False) -> bool:
        """A word the passage spells one letter differently (two in a long word), its first letter alike; a
        city is not a state's name or demonym so spelled ("Brasilia" is not "Brazilian")."""
        if len(token) < 5:
            return False
        limit = 1 if len(token) < 8 else 2
        return any(other[0] == token[0] and abs(len(other) - len(token)) <= limit and _distance(token, other, limit)
                   and not (city and gazetteer.country_of(other) and not gazetteer.is_place(other)) for other in self.tokens)

    def _demonym(self, word: str) -> bool:
        """"Asian" for "Asia", "British" for "Britain", "Israel" for "Israelis": one root, one of them
        with a demonym's ending, the other with at most a short one ("-y", "-ain", "-and")."""
        if any(_root(other) == word for other in self.words):
            return True
        root = _root(word)
        return root != word and any(other.startswith(root) and len(other) - len(root) <= 3 for other in self.words)

    def _acronym(self, term: str) -> bool:
        """"SP", "MSPs", "WW" written out: capitalised words, with "of", "the", "and" between, whose
        initials spell it."""
        letters = re.sub(r"['’]?s$", "", term)
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            return False
        letters, numeral = re.fullmatch(r"(.+?)(I{1,3}|)", letters).groups()  # "WWII": "World War II"
        pattern = r"\b" + _JOINERS.join(f"{letter}[\\w’'\\-]*" for letter in letters) + (
            rf"\s+{numeral}\b" if numeral else r"\b")
        return re.search(pattern, self.text) is not None

    def _period(self, word: str) -> bool:
        """"1700s" for any year from 1700 to 1799 or the 18th century; "1990s" for 1990 to 1999."""
        match = _DECADE.fullmatch(word.strip(".,?!'’"))
        if match is None:
            return False
        first = int(word[:4])
        span = 100 if word[2:4] == "00" else 10
        if any(first <= y < first + span for y in self.years):
            return True
        return span == 100 and first // 100 + 1 in self.centuries


def _root(word: str) -> str:
    """A word without a demonym's ending, when at least three letters stay ("asian" -> "asia")."""
    return next((word[: -len(e)] for e in _DEMONYM_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3), word)


def _distance(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most limit edits apart (a swap of two letters is one edit)."""
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)  # two letters swapped ("Zeria", "Zeira")
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


@lru_cache(maxsize=1024)
def evidence_of(text: str) -> Evidence:
    """The Evidence of a text, kept: the same paragraphs are checked again and again across questions."""
    return Evidence(text)

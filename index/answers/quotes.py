"""How a quote is cut and shown: where a long sentence may be cut, a newswire dateline, the ellipsis that
marks a cut."""

from __future__ import annotations

import re

from index.corpus.documents import Document
from index.meetings.facts import DATELINE
from index.text import gazetteer

ELLIPSIS = "…"
# where a quote too long for the answer may be cut: after a comma, semicolon, colon or dash, before "("
QUOTE_CUT = re.compile(r"[,;:—–]\s+|\s+[—–]\s+|\s(?=\()")


def dateline_at(text: str, start: int, end: int) -> re.Match | None:
    """A newswire dateline opening a paragraph ("ABU DHABI, March 11 -", "MOSCOW (Reuters) -"), not a
    name before a dash ("Tony Blair - who ...")."""
    found = DATELINE.match(text, start, end)
    opens_paragraph = start == 0 or text[max(0, start - 2):start].endswith("\n")
    if found and opens_paragraph and (found.group("p").isupper() or re.search(r"[\d(]", found.group())):
        return found
    return None


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and the commas, semicolons, colons and dashes at its ends."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def shown(text: str, start: int, end: int) -> str:
    """A quote as shown in the answer: an ellipsis marks where a sentence was cut."""
    quote = text[start:end]
    window = text[max(0, start - 200):start]
    stripped = window.rstrip()
    starts_paragraph = not stripped or "\n" in window[len(stripped):]
    if not starts_paragraph and stripped[-1] not in ".!?”\"…":
        quote = ELLIPSIS + quote
    rest = text[end:end + 200]
    same_paragraph = rest.strip() and "\n" not in rest[:len(rest) - len(rest.lstrip())]
    if quote[-1] not in ".!?”\"'’…" and same_paragraph:  # cut at a clause or a word ("follows the failure of…")
        quote += ELLIPSIS
    return quote


def goes_elsewhere(quote: str, place: str) -> bool:
    """The quote, past its dateline, goes to or happens in another place ("flying to Athens for talks")."""
    home = gazetteer.country_of(place) or gazetteer.city_country(place)
    for match in re.finditer(r"\b(?:in|to|at|from)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", after_dateline(quote)):
        named = match.group(1)
        if named == place:
            continue
        country = gazetteer.country_of(named) or gazetteer.city_country(named)
        if gazetteer.is_place(named) and country not in (None, home) or gazetteer.city_country(named) == home:
            return True  # another country, or another city of the dateline's country
    return False


def after_dateline(quote: str) -> str:
    found = dateline_at(quote, 0, len(quote))
    return quote[found.end():] if found else quote


def lead_cities(document: Document) -> list[str]:
    """The cities the story's first paragraph puts something in, at or to ("talks ... due to open in Paris")."""
    if len(document.paragraphs) < 2:
        return []
    lead = document.paragraphs[1]
    runs = re.findall(r"\b(?:in|at|to)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)", document.text[lead.start:lead.end])
    return [run for run in runs if gazetteer.city_country(run)]

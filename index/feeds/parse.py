"""Reading a fetched feed (RSS 0.9x/1.0/2.0, Atom) with feedparser: its entries, or one clear error."""

from __future__ import annotations

import logging
import xml.sax
from dataclasses import dataclass

from index.errors import WebError

log = logging.getLogger(__name__)

MAX_ENTRIES = 200  # the most entries of one feed looked at; a feed listing more is read up to here


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # what identifies the entry across polls: its id (guid), else its link
    link: str
    title: str
    date: str | None  # YYYY-MM-DD of the entry's published (else updated) time, as the feed gives it


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: list[Entry]  # in the feed's order (newest first, by convention), at most MAX_ENTRIES
    total: int  # how many entries the feed listed, counting those beyond the cap

    @property
    def capped(self) -> bool:
        return self.total > len(self.entries)


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def _day(entry) -> str | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"


def read_feed(body: bytes, url: str | None = None, max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """The feed's entries that have a link; WebError (kind "not-feed" or "malformed") when it is no feed."""
    if max_entries < 1:
        raise ValueError(f"max_entries must be at least 1, got {max_entries!r}")
    import feedparser  # imported here: only polling needs it

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.version:
        if _looks_like_html(body):
            raise WebError("the address is a web page, not a feed (RSS or Atom)", url, "not-feed")
        if isinstance(problem, xml.sax.SAXException):
            raise WebError(f"the address is not a feed: the XML is malformed ({_where(problem)})", url, "malformed")
        raise WebError("the address is not a feed (RSS or Atom)", url, "not-feed")
    if isinstance(problem, xml.sax.SAXException):
        raise WebError(f"the feed's XML is malformed ({_where(problem)})", url, "malformed")
    entries: list[Entry] = []
    seen: set[str] = set()
    total = 0
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        total += 1
        key = (item.get("id") or "").strip() or link
        if key in seen or len(entries) >= max_entries:
            continue
        seen.add(key)
        entries.append(Entry(key=key, link=link, title=" ".join((item.get("title") or "").split()),
                             date=_day(item)))
    title = " ".join((parsed.feed.get("title") or "").split())
    if total > max_entries:
        log.info("%s lists %d entries; reading the first %d", url, total, max_entries)
    return ParsedFeed(title=title, entries=entries, total=total)


def _where(error: xml.sax.SAXException) -> str:
    message = error.getMessage() if hasattr(error, "getMessage") else str(error)
    line = error.getLineNumber() if isinstance(error, xml.sax.SAXParseException) else None
    return f"line {line}: {message}" if line else message

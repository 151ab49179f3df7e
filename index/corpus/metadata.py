"""Article metadata: known keys, dates as YYYY-MM-DD, YAML front matter and `<stem>.meta.json` sidecars."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as date_parser

from index.errors import DocumentError

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
FIELDS = ("title", "outlet", "author", "published", "url")
_ALIASES = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "site": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "author": "author",
    "authors": "author",
    "byline": "author",
}
# Two defaults far apart: a date that comes out the same under both names its year, month and day itself.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def sidecar_path(article: Path) -> Path:
    """Where an article's metadata lives: `<stem>.meta.json` beside the article file."""
    article = Path(article)
    return article.with_name(article.stem + SIDECAR_SUFFIX)


def iso_date(value: Any) -> str | None:
    """A date-like value as 'YYYY-MM-DD', or None when it is not a complete calendar date."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    try:
        first, second = (date_parser.parse(text, default=d).date() for d in _DEFAULTS)
    except (ValueError, OverflowError):  # ParserError is a ValueError
        return None
    return first.isoformat() if first == second else None


def normalize_meta(raw: dict[Any, Any], origin: Path) -> dict[str, str]:
    """Known keys only, as strings; aliases mapped (site/source → outlet, link → url, date → published)."""
    meta: dict[str, str] = {}
    for key, value in raw.items():
        name = _ALIASES.get(str(key).strip().lower())
        if name is None or value is None or name in meta and str(key).lower() != name:
            continue  # unknown key, no value, or an alias after the canonical key
        if name == "published":
            iso = iso_date(value)
            if iso is None:
                log.warning("%s: ignoring unreadable date %r", origin, value)
                continue
            meta[name] = iso
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v).strip() for v in value if v is not None)
        text = str(value).strip()
        if text:
            meta[name] = text
    return meta


def known_fields(meta: dict[str, Any]) -> dict[str, str]:
    """The non-empty known fields of meta, as strings: what a sidecar holds."""
    return {k: str(meta[k]) for k in FIELDS if meta.get(k)}


def sidecar_bytes(meta: dict[str, Any]) -> bytes:
    """The content of a sidecar holding meta."""
    return (json.dumps(known_fields(meta), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    """YAML front matter ('---' first line to the next '---' line) → (meta, body after it, unchanged)."""
    first = re.match(r"---[^\S\n]*\r?\n", text)
    if not first:
        return {}, text
    close = re.compile(r"^---[^\S\n]*(?:\r?\n|\Z)", re.MULTILINE).search(text, first.end())
    if not close:
        return {}, text
    try:
        data = yaml.safe_load(text[first.end() : close.start()])
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date YAML reads but the calendar lacks
        raise DocumentError(path, f"invalid YAML front matter ({type(exc).__name__})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text  # a rule or text between dashes, not front matter
    return normalize_meta(data, path), text[close.end() :]


def read_sidecar(article: Path) -> dict[str, str]:
    """Metadata from the article's sidecar, {} when it has none; DocumentError naming a bad sidecar."""
    sidecar = sidecar_path(article)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise DocumentError(sidecar, exc.strerror or str(exc)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(sidecar, f"invalid JSON ({exc})") from exc
    except RecursionError as exc:
        raise DocumentError(sidecar, "invalid JSON (nested too deeply)") from exc
    if not isinstance(data, dict):
        raise DocumentError(sidecar, "invalid JSON (expected an object)")
    return normalize_meta(data, sidecar)

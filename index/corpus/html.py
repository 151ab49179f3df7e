"""The article of an HTML page, through trafilatura: its text laid out as a corpus file, and its metadata.

trafilatura is handed the page's bytes and finds their character set itself (a byte order mark, valid
UTF-8, else a guess from the bytes); it never fetches anything. A declared charset it cannot use is
ignored, so a page that names a bogus one is still read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from index.corpus.furniture import find_furniture
from index.corpus.metadata import iso_date
from index.errors import WebError

log = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 200  # article text (title excluded) shorter than this is not an article
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    title: str
    text: str  # title line, blank line, then the paragraphs separated by blank lines; ends with "\n"
    meta: dict[str, str]  # title, outlet, author, published (YYYY-MM-DD), url (canonical, else the page's)


def _clean(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    except ValueError:
        return ""


def _canonical(candidate: str | None, page_url: str | None, fetched_from: tuple[str | None, ...] = ()
               ) -> str | None:
    """The page's canonical address when it is a plausible one (http(s), not a bare home page) and, for
    a fetched page, on a host it was fetched from: another site's address is only a claim."""
    if candidate:
        parts = urlsplit(candidate.strip())
        page_path = urlsplit(page_url).path if page_url else ""
        bare = parts.path in ("", "/") and not parts.query and page_path not in ("", "/")
        hosts = {_host(u) for u in (page_url, *fetched_from) if u}
        foreign = bool(hosts) and _host(candidate) not in hosts
        if parts.scheme.lower() in ("http", "https") and parts.hostname and not bare and not foreign:
            return urlunsplit(parts._replace(fragment=""))
        if foreign:
            log.info("ignoring the canonical address %s of a page fetched from %s", candidate, page_url)
    return page_url


def extract_article(page: bytes | str, url: str | None = None, also_from: str | None = None) -> ExtractedArticle:
    """The article of a page (bytes as served or saved): main text without site furniture, and metadata.

    url is the address the page came from (after redirects), also_from the one first asked for: the
    page's canonical address counts only on their hosts. WebError (kind "no-article") when the page
    has no article.
    """
    import trafilatura  # imported here: slow to import, and only needed when a page is read

    try:
        doc = trafilatura.bare_extraction(
            page, url=url, include_comments=False, include_tables=False, include_images=False,
            include_links=False, favor_precision=True, with_metadata=True, deduplicate=False)
    except Exception as exc:  # noqa: BLE001 - a page the parser cannot handle is a page without an article
        log.info("trafilatura failed on %s: %r", url, exc)
        doc = None
    text = getattr(doc, "text", None) or ""
    lines = [line for line in (_clean(raw) for raw in text.splitlines()) if line]
    title = _clean(getattr(doc, "title", None) or "") or (lines[0] if lines else "")
    if lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline, when the extractor kept it, is the title line already

    # Whatever site furniture the extractor let through goes, by the corpus's own rules.
    paragraphs = [title, *lines]
    drop = find_furniture(paragraphs)
    kept = [p for i, p in enumerate(paragraphs) if i > 0 and i not in drop]
    if not title or sum(len(p) for p in kept) < MIN_ARTICLE_CHARS:
        raise WebError("no article text found on the page", url, "no-article")

    meta = {
        "title": title,
        "outlet": _clean(getattr(doc, "sitename", None) or ""),
        "author": _clean(getattr(doc, "author", None) or ""),
        "published": iso_date(getattr(doc, "date", None) or "") or "",
        "url": _canonical(getattr(doc, "url", None), url, (also_from,)) or "",
    }
    return ExtractedArticle(title=title, text=f"{title}\n\n" + "\n\n".join(kept) + "\n",
                            meta={k: v for k, v in meta.items() if v})

"""Loading articles: text kept exactly, paragraphs with character spans, metadata, site furniture dropped."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from index.errors import DocumentError, EmptyCorpusError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based over every paragraph of the text (title line is 1), kept or dropped
    start: int  # Document.text[start:end] is the paragraph, surrounding whitespace trimmed
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    title: str
    meta: dict[str, str] = field(hash=False)  # title, outlet, url, published (YYYY-MM-DD), author
    text: str  # the file's content (after any front matter; a leading BOM excluded)
    paragraphs: tuple[Paragraph, ...]  # article paragraphs, original numbers
    dropped: tuple[Paragraph, ...]  # site furniture that was dropped
    path: str
    content_hash: str  # sha256 of the raw bytes plus canonical JSON of meta

    def paragraph(self, number: int) -> Paragraph | None:
        """The kept paragraph with this number, or None (absent or dropped as furniture)."""
        i = bisect.bisect_left(self.paragraphs, number, key=lambda p: p.number)
        if i < len(self.paragraphs) and self.paragraphs[i].number == number:
            return self.paragraphs[i]
        return None

    def paragraph_text(self, number: int) -> str:
        """Text of a kept paragraph; KeyError if there is no such kept paragraph."""
        p = self.paragraph(number)
        if p is None:
            raise KeyError(f"{self.doc_id} has no paragraph {number}")
        return self.text[p.start : p.end]

    @property
    def url(self) -> str | None:
        return self.meta.get("url")

    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    @property
    def outlet(self) -> str | None:
        return self.meta.get("outlet")


# ---------------------------------------------------------------- paragraphs

_PARAGRAPH = re.compile(r"(?:^[^\S\n]*\S.*(?:\n|\Z))+", re.MULTILINE)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Maximal runs of non-blank lines, numbered from 1; spans exclude leading/trailing whitespace."""
    out: list[Paragraph] = []
    for m in _PARAGRAPH.finditer(text):
        chunk = m.group(0)
        start = m.start() + (len(chunk) - len(chunk.lstrip()))
        end = m.start() + len(chunk.rstrip())
        out.append(Paragraph(len(out) + 1, start, end))
    return out


def doc_id_for(path: Path) -> str:
    """A stable id from the file name stem: lowercase, [a-z0-9_-] only, dashes collapsed."""
    stem = path.name
    for suffix in (SIDECAR_SUFFIX, *SUFFIXES):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        stem = path.stem
    doc_id = re.sub(r"[^a-z0-9_-]+", "-", stem.lower())
    doc_id = re.sub(r"-{2,}", "-", doc_id).strip("-")
    # A name with no ASCII letters or digits still gets a stable, distinct id.
    return doc_id or "doc-" + hashlib.sha256(stem.encode()).hexdigest()[:8]


# ---------------------------------------------------------------- site furniture

_SOCIAL = r"(?:twitter|facebook|instagram|x|linkedin|youtube|telegram|tiktok|threads|whatsapp|google news)"
_CHATS = r"(?:whatsapp|telegram|signal|discord|viber|facebook)"
_WORDS = r"(?:[\w'’-]+\s+){0,3}?"

# Distinctive phrases: furniture wherever they appear, at any length.
_STRONG = re.compile(
    "|".join(
        [
            rf"\bfollow (?:us|@\w+) on {_SOCIAL}\b",
            rf"\b(?:like|find) us on {_SOCIAL}\b",
            rf"\bjoin (?:us on|our)\s+{_WORDS}{_CHATS}\b",
            r"\bfollow this link to join\b",
            (
                r"\b(?:subscribe|sign up|signup|register) (?:now |today |here |free )?(?:to|for) "
                rf"(?:our|the) {_WORDS}(?:newsletters?|mailing list|channel|alerts|digest|briefing)\b"
            ),
            r"\benter your e-?mail(?: address)?\b",
            r"\bclick here\b",
            r"\bwe use cookies\b",
            r"\b(?:this|our) (?:web)?site uses cookies\b",
            r"\byour e-?mail address will not be published\b",
            r"\brequired fields are marked\b",
            r"\bsave my name, e-?mail\b",
            r"\ball rights reserved\b",
        ]
    ),
    re.IGNORECASE,
)

# Whole short paragraphs (or their openings) that are page chrome: ads, link lists, forms, buttons.
_SHORT_MAX = 200
_SHORT = re.compile(
    "|".join(
        [
            r"^\W*(?:advertisements?|sponsored(?: content)?|promoted(?: content)?|paid (?:content|post)|ad)\W*$",
            (
                r"^(?:related(?: stories| articles| news| posts| coverage| content| links)?|also read|read also"
                r"|read more|see also|more stories|you may also like|you might also like|recommended"
                r"|trending(?: now)?|most read|most popular|latest news|editor'?s picks)\s*(?:[:：|»›–—-].*)?$"
            ),
            r"^share(?: this(?: article| story| post)?| on \w+)?\s*[:：]?$",
            rf"^share (?:on|via) {_SOCIAL}\b",
            (
                r"^(?:join now|subscribe(?: now| today)?|sign up(?: now| today)?|donate(?: now| today)?"
                r"|support us|log ?in|register)\W*$"
            ),
            r"^(?:sign up|subscribe)\b.*\bnewsletters?\b",
            r"^(?:sign up|subscribe) (?:now |today |here )?(?:to|for)\b",
            r"\bjoin now\b",
            (
                r"^(?:leave a (?:reply|comment)|post (?:a )?comment|submit(?: comment)?|add (?:a )?comment"
                r"|\d+ (?:comments?|responses?|replies)|comments?(?: \(\d+\))?|no comments(?: yet)?"
                r"|cancel reply)\W*$"
            ),
            r"^(?:name|e-?mail|website|comment|message)\s*\*\s*$",
            r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})",
            r"^(?:accept|reject|manage)(?: all)? cookies\b|\bcookie (?:policy|settings|preferences)\b",
        ]
    ),
    re.IGNORECASE,
)

# Appeals for money or subscriptions: an ask, a mention of the journalism, and a reader being addressed.
_APPEAL_ASK = re.compile(
    r"\b(?:support\w*|subscri\w+|donat\w+|contribut\w+|paying|pay for|become a (?:member|subscriber|patron))\b",
    re.IGNORECASE,
)
_APPEAL_WHAT = re.compile(
    r"\b(?:journalism|reporting|our (?:reporters|journalists|newsroom|work)|independent (?:media|news))\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|added|according to)\b", re.IGNORECASE)  # news, not an appeal
_IMPERATIVE = re.compile(
    r"^(?:please |)(?:support|donate|subscribe|contribute|help|become|join)\b", re.IGNORECASE
)

# Article prose: a sentence-like paragraph (ends in sentence punctuation, 8+ words).
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_HEADING_MAX = 80


def _is_furniture(para: str) -> bool:
    """Rule 1: one paragraph that matches a site-furniture pattern."""
    if _STRONG.search(para):
        return True
    if len(para) <= _SHORT_MAX and _SHORT.search(para):
        return True
    if _APPEAL_ASK.search(para) and _APPEAL_WHAT.search(para) and not _REPORTED.search(para):
        return bool((_WE.search(para) and _YOU.search(para)) or _IMPERATIVE.match(para))
    return False


def _is_prose(para: str) -> bool:
    return bool(_PROSE_END.search(para)) and len(para.split()) >= 8


def _is_heading(para: str) -> bool:
    return len(para) <= _HEADING_MAX and "\n" not in para and not _PROSE_END.search(para)


def find_furniture(text: str, paragraphs: list[Paragraph] | tuple[Paragraph, ...]) -> set[int]:
    """Numbers of the paragraphs that are site furniture (general rules, never article-specific)."""
    paras = [text[p.start : p.end] for p in paragraphs]
    n = len(paras)
    flags = [i > 0 and _is_furniture(t) for i, t in enumerate(paras)]  # never the title

    # Rule 2, tail cut: from a furniture paragraph past 60% of the document, the rest goes too,
    # unless article prose still follows (an inline "Also read:" link mid-article).
    prose_after = [False] * (n + 1)  # prose_after[i]: some non-furniture prose paragraph at index >= i
    for j in range(n - 1, -1, -1):
        prose_after[j] = prose_after[j + 1] or (not flags[j] and _is_prose(paras[j]))
    for i in range(max(1, -(-3 * n // 5)), n):
        if flags[i] and not prose_after[i + 1]:
            flags[i + 1 :] = [True] * (n - i - 1)
            break

    # Rule 3: runs of short headings with furniture on both sides.
    i = 1
    while i < n:
        if flags[i]:
            i += 1
            continue
        j = i
        while j < n and not flags[j] and _is_heading(paras[j]):
            j += 1
        if j > i and flags[i - 1] and j < n and flags[j]:
            flags[i:j] = [True] * (j - i)
        i = max(j, i + 1)

    # Keep a body: if every paragraph after the title looks like furniture, the rules misfired.
    if n > 1 and all(flags[1:]):
        return set()
    return {p.number for p, f in zip(paragraphs, flags, strict=True) if f}


# ---------------------------------------------------------------- metadata

_KEYS = {
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
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y")


def _iso_date(value: Any) -> str | None:
    """A date-like value as 'YYYY-MM-DD', or None if it cannot be read as a date."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)", s)
    candidates = [(m.group(1), "%Y-%m-%d")] if m else [(s, f) for f in _DATE_FORMATS]
    for raw, fmt in candidates:
        try:
            return dt.datetime.strptime(raw, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def normalize_meta(raw: dict[Any, Any], origin: Path) -> dict[str, str]:
    """Known keys only, as strings; aliases mapped (site/source → outlet, link → url, date → published)."""
    meta: dict[str, str] = {}
    for key, value in raw.items():
        name = _KEYS.get(str(key).strip().lower())
        if name is None or value is None or name in meta and str(key).lower() != name:
            continue  # unknown key, no value, or an alias after the canonical key
        if name == "published":
            iso = _iso_date(value)
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


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    """YAML front matter ('---' first line to the next '---' line) → (meta, body after it, unchanged)."""
    first = re.match(r"---[^\S\n]*\r?\n", text)
    if not first:
        return {}, text
    close = re.compile(r"^---[^\S\n]*(?:\r?\n|\Z)", re.MULTILINE).search(text, first.end())
    if not close:
        return {}, text
    try:
        data = yaml.safe_load(text[first.end() : close.start()])
    except yaml.YAMLError as exc:
        raise DocumentError(path, f"invalid YAML front matter ({type(exc).__name__})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text  # a rule or text between dashes, not front matter
    return normalize_meta(data, path), text[close.end() :]


def _read_sidecar(path: Path) -> dict[str, str]:
    """Metadata from <stem>.meta.json beside the article, if present."""
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise DocumentError(sidecar, exc.strerror or str(exc)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(sidecar, f"invalid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise DocumentError(sidecar, "invalid JSON (expected an object)")
    return normalize_meta(data, sidecar)


# ---------------------------------------------------------------- loading


def load_document(path: Path) -> Document:
    """Load one .txt, .md or saved .html article; DocumentError for unreadable, non-UTF-8, empty or
    bad-metadata files. For .html, Document.text is the extracted article text (quotes index into it)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    if path.suffix.lower() in HTML_SUFFIXES:
        from index.corpus.fetch import document_text_from_html  # trafilatura loads only when a page is read

        text, page_meta = document_text_from_html(path, raw)
        meta = {**normalize_meta(page_meta, path), **_read_sidecar(path)}
    else:
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, "not UTF-8 text") from exc
        decoded = decoded.removeprefix("\ufeff")  # a BOM is an encoding mark, not text: offsets start after it
        front, text = _split_front_matter(path, decoded)
        meta = {**front, **_read_sidecar(path)}  # the sidecar wins
    if not text.strip():
        raise DocumentError(path, "empty")

    paragraphs = split_paragraphs(text)
    title = meta.get("title")
    if not title:
        first = paragraphs[0]
        title = text[first.start : first.end].splitlines()[0].strip()
        if path.suffix.lower() == ".md":
            title = re.sub(r"\s+#+\s*$", "", title.lstrip("# ").strip()) or title
    drop = find_furniture(text, paragraphs)
    canonical = json.dumps(meta, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Document(
        doc_id=doc_id_for(path),
        title=title,
        meta=meta,
        text=text,
        paragraphs=tuple(p for p in paragraphs if p.number not in drop),
        dropped=tuple(p for p in paragraphs if p.number in drop),
        path=str(path),
        content_hash=hashlib.sha256(raw + b"\0" + canonical.encode("utf-8")).hexdigest(),
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The article files of a corpus directory: *.txt and *.md, not hidden, not recursive, sorted."""
    return sorted(
        p
        for p in Path(corpus_dir).iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[str]]:
    """Every article in corpus_dir; bad files are skipped with a warning. EmptyCorpusError if none load."""
    corpus_dir = Path(corpus_dir)
    try:
        files = corpus_files(corpus_dir)
    except OSError as exc:  # missing or not a directory
        raise EmptyCorpusError(corpus_dir) from exc
    docs: list[Document] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    skipped = 0
    for path in files:
        try:
            doc = load_document(path)
        except DocumentError as exc:
            skipped += 1
            warnings.append(f"skipped {path.name}: {exc}")
            log.warning("skipped %s: %s", path, exc)
            continue
        if doc.doc_id in seen:
            warnings.append(f"skipped {path.name}: same id {doc.doc_id!r} as {seen[doc.doc_id]}")
            log.warning("skipped %s: same id %r as %s", path, doc.doc_id, seen[doc.doc_id])
            continue
        seen[doc.doc_id] = path.name
        docs.append(doc)
    if not docs:
        raise EmptyCorpusError(corpus_dir, skipped)
    return docs, warnings

"""Articles as Documents: text kept exactly, paragraphs with character spans, metadata, furniture dropped."""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from index.corpus.fetch import byte_size
from index.corpus.furniture import find_furniture
from index.corpus.html import extract_article
from index.corpus.metadata import normalize_meta, read_sidecar, split_front_matter
from index.errors import DocumentError, EmptyCorpusError, WebError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


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
    for suffix in SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        stem = path.stem
    doc_id = re.sub(r"[^a-z0-9_-]+", "-", stem.lower())
    doc_id = re.sub(r"-{2,}", "-", doc_id).strip("-")
    # A name with no ASCII letters or digits still gets a stable, distinct id.
    return doc_id or "doc-" + hashlib.sha256(stem.encode()).hexdigest()[:8]


# ---------------------------------------------------------------- loading


def load_document(path: Path) -> Document:
    """Load one .txt, .md or saved .html article; DocumentError for unreadable, non-UTF-8, binary, empty
    or bad-metadata files, and for any other failure to read one (nothing in a file stops the others).
    For .html, Document.text is the extracted article text (quotes index into it)."""
    path = Path(path)
    try:
        return _load_document(path)
    except DocumentError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise DocumentError(path, f"too large or too deeply nested to read ({type(exc).__name__})") from exc
    except Exception as exc:
        log.warning("unexpected failure reading %s", path, exc_info=True)
        raise DocumentError(path, f"unreadable ({type(exc).__name__}: {str(exc)[:200]})") from exc


def _load_document(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    if path.suffix.lower() in HTML_SUFFIXES:
        try:
            article = extract_article(raw)
        except WebError as exc:
            raise DocumentError(path, str(exc)) from exc
        text = article.text
        meta = {**normalize_meta(article.meta, path), **read_sidecar(path)}
    else:
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, "not UTF-8 text") from exc
        decoded = decoded.removeprefix("\ufeff")  # a BOM is an encoding mark, not text: offsets start after it
        if "\x00" in decoded:
            raise DocumentError(path, "not a text file (it contains NUL bytes)")
        front, text = split_front_matter(path, decoded)
        meta = {**front, **read_sidecar(path)}  # the sidecar wins
    if not text.strip():
        raise DocumentError(path, "empty")

    paragraphs = split_paragraphs(text)
    title = meta.get("title")
    if not title:
        first = paragraphs[0]
        title = text[first.start : first.end].splitlines()[0].strip()
        if path.suffix.lower() == ".md":
            title = re.sub(r"\s+#+\s*$", "", title.lstrip("# ").strip()) or title
    drop = {paragraphs[i].number for i in find_furniture([text[p.start : p.end] for p in paragraphs])}
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


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The article files of a corpus directory: *.txt, *.md and *.html, not hidden, not recursive, sorted."""
    return sorted(
        p
        for p in Path(corpus_dir).iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def load_corpus(corpus_dir: Path, max_bytes: int | None = None) -> tuple[list[Document], list[str]]:
    """Every article in corpus_dir; bad files, and files over max_bytes, are skipped with a warning.
    EmptyCorpusError if none load."""
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
            if max_bytes is not None and _size(path) > max_bytes:
                raise DocumentError(path, f"over the {byte_size(max_bytes)} limit (MAX_FILE_BYTES)")
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

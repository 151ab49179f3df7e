"""Changes to the corpus directory, each one transaction: if any step fails, every file is put back.

    with CorpusChange(corpus_dir) as change:
        document = add_file(change, path)     # or save_article(change, article), remove_article(change, path)
        rebuild_the_index()                   # an exception here undoes the change too

A fetched article is saved as `<slug>.txt` (title line, blank line, paragraphs separated by blank lines)
plus its `<slug>.meta.json` sidecar, so the corpus directory stays the single source of truth.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit, urlunsplit

from index.corpus.documents import SUFFIXES, Document, corpus_files, doc_id_for, load_document
from index.corpus.fetch import byte_size
from index.corpus.html import ExtractedArticle
from index.corpus.metadata import known_fields, sidecar_bytes, sidecar_path
from index.errors import CommuniqueError, CorpusWriteError, DocumentError, WebError

log = logging.getLogger(__name__)

_SLUG_MAX = 64
MAX_FILE_BYTES = 5_000_000  # the largest article file `add` takes, like the largest page fetched
_SPACE = re.compile(r"\s+")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


def _write_atomic(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


class CorpusChange:
    """Files written and deleted in a corpus directory; as a context manager, undone when the block raises."""

    def __init__(self, corpus_dir: Path):
        self.corpus_dir = Path(corpus_dir)
        self._before: dict[Path, bytes | None] = {}  # each touched path's content before the change

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is not None:
            self.undo()

    def _remember(self, path: Path) -> None:
        if path not in self._before:
            self._before[path] = path.read_bytes() if path.exists() else None

    def write(self, path: Path, data: bytes) -> None:
        """Write a file whole (a reader never sees half of it); CorpusWriteError when it cannot be."""
        try:
            self._remember(path)
            self.corpus_dir.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, data)
        except OSError as error:
            raise CorpusWriteError(path, error) from error

    def delete(self, path: Path) -> None:
        try:
            self._remember(path)
            path.unlink(missing_ok=True)
        except OSError as error:
            raise CorpusWriteError(path, error) from error

    def undo(self) -> None:
        """Put every touched file back as it was; a file that cannot be restored is logged, not raised."""
        for path, content in reversed(self._before.items()):
            try:
                if content is None:
                    path.unlink(missing_ok=True)
                else:
                    _write_atomic(path, content)
            except OSError:
                log.exception("could not restore %s", path)
        self._before.clear()


# ---------------------------------------------------------------- files and removals


def add_file(change: CorpusChange, path: Path, replace: bool = False,
             max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Copy a readable article file (and its sidecar, if any) into the corpus; the Document it loads as.

    An article already in the corpus under the same doc_id is refused unless replace is true; then it
    goes, sidecar and all, and the new file never inherits the old one's metadata.
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DocumentError(path, "only .txt, .md and .html articles can be added")
    if path.name.startswith("."):
        raise CommuniqueError(f"cannot add {path.name}: hidden files (names starting with a dot) are never "
                              "indexed; rename it")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise CommuniqueError(f"cannot add {path.name}: the file is over the {byte_size(max_bytes)} limit "
                              "(MAX_FILE_BYTES)")
    document = load_document(path)
    target = change.corpus_dir / path.name
    clashes = [p for p in corpus_files(change.corpus_dir) if doc_id_for(p) == document.doc_id] \
        if change.corpus_dir.is_dir() else []
    clashes = [p for p in clashes if p.resolve() != path.resolve()]
    if clashes and not replace:
        raise CommuniqueError(f"{document.doc_id} is already in the corpus ({clashes[0].name}); remove it "
                              "first, or add it with --replace (replace on Discord) to replace it")
    for clash in clashes:
        remove_article(change, clash)
    if sidecar_path(target).exists() and not sidecar_path(path).exists():
        change.delete(sidecar_path(target))  # metadata left behind by another article is not this one's
    for source, destination in ((path, target), (sidecar_path(path), sidecar_path(target))):
        if source.exists() and source.resolve() != destination.resolve():
            change.write(destination, source.read_bytes())
    return document


def remove_article(change: CorpusChange, path: Path) -> None:
    """Delete an article file of the corpus directory and its sidecar; nothing outside it is touched."""
    path = Path(path)
    if path.parent.resolve() != change.corpus_dir.resolve():
        raise CommuniqueError(f"{path} is not in the corpus directory {change.corpus_dir}; not deleting it")
    change.delete(path)
    change.delete(sidecar_path(path))


def corpus_file_of(corpus_dir: Path, doc_id: str, name_hint: str | None = None) -> Path | None:
    """The corpus file whose doc_id this is (the one named name_hint when several are), or None."""
    if not Path(corpus_dir).is_dir():
        return None
    found = [p for p in corpus_files(corpus_dir) if doc_id_for(p) == doc_id]
    return next((p for p in found if p.name == name_hint), found[0] if found else None)


# ---------------------------------------------------------------- fetched articles


@dataclass(frozen=True, slots=True)
class SaveResult:
    doc_id: str
    path: Path
    status: str  # "added" | "unchanged" | "replaced"

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


def url_key(url: str | None) -> str | None:
    """An address reduced for comparison: scheme and host lowercased, default port, fragment and
    tracking parameters dropped, trailing slash ignored, a leading "www." ignored."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port and port != {"http": 80, "https": 443}.get(parts.scheme.lower()):
        host += f":{port}"
    query = "&".join(q for q in parts.query.split("&") if q and not _TRACKING.match(q.split("=", 1)[0]))
    return urlunsplit(("http", host, parts.path.rstrip("/") or "/", query, ""))


def _text_key(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _corpus_documents(corpus_dir: Path) -> dict[str, Document]:
    """doc_id -> Document for every readable article (unreadable ones skipped, the first of an id kept)."""
    documents: dict[str, Document] = {}
    if not corpus_dir.is_dir():
        return documents
    for path in corpus_files(corpus_dir):
        try:
            document = load_document(path)
        except DocumentError as exc:
            log.info("not comparing with %s: %s", path.name, exc)
            continue
        documents.setdefault(document.doc_id, document)
    return documents


def slugify(text: str) -> str:
    """A file-name stem: ASCII lowercase words joined by dashes, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:_SLUG_MAX] else slug[:_SLUG_MAX]
    return slug


def _new_stem(article: ExtractedArticle, corpus_dir: Path, taken: set[str]) -> str:
    url_path = urlsplit(article.meta.get("url", "")).path
    last = Path(url_path.rstrip("/")).stem if url_path else ""
    base = slugify(article.title) or slugify(last) or "article"
    names = {p.name.lower() for p in corpus_dir.iterdir()} if corpus_dir.is_dir() else set()
    for n in range(1, 1000):
        stem = base if n == 1 else f"{base}-{n}"
        files = [corpus_dir / f"{stem}{suffix}" for suffix in SUFFIXES]
        clash = any(p.name in names for p in (*files, sidecar_path(files[0])))
        if stem not in taken and not clash:
            return stem
    raise WebError(f"too many articles named {base} in the corpus", article.meta.get("url"), "name")


def save_article(change: CorpusChange, article: ExtractedArticle) -> SaveResult:
    """Store an article as <slug>.txt + <slug>.meta.json, unless the corpus has it already.

    The same canonical url with the same text and metadata is "unchanged"; with other text or metadata
    it replaces that article ("replaced", same doc_id and file name); the same text under another url
    is "unchanged" too. Otherwise the article is "added".
    """
    corpus_dir = change.corpus_dir
    documents = _corpus_documents(corpus_dir)
    key, text_key = url_key(article.meta.get("url")), _text_key(article.text)

    same_url = next((d for d in documents.values() if key and url_key(d.url) == key), None)
    if same_url is not None:
        old_path = Path(same_url.path)
        same_text = _text_key(same_url.text) == text_key
        if same_text and known_fields(same_url.meta) == known_fields(article.meta):
            return SaveResult(same_url.doc_id, old_path, "unchanged")
        target = old_path.with_suffix(".txt")
        if old_path != target:  # a .md or .html version gives way to the .txt (same doc_id)
            remove_article(change, old_path)
        if not same_text or old_path != target:
            change.write(target, article.text.encode("utf-8"))
        change.write(sidecar_path(target), sidecar_bytes(article.meta))
        log.info("replacing %s with a new version from %s", same_url.doc_id, article.meta.get("url"))
        return SaveResult(same_url.doc_id, target, "replaced")

    for document in documents.values():
        if _text_key(document.text) == text_key:
            return SaveResult(document.doc_id, Path(document.path), "unchanged")

    target = corpus_dir / f"{_new_stem(article, corpus_dir, set(documents))}.txt"
    change.write(target, article.text.encode("utf-8"))
    change.write(sidecar_path(target), sidecar_bytes(article.meta))
    log.info("added %s from %s", target.stem, article.meta.get("url"))
    return SaveResult(doc_id_for(target), target, "added")

"""Articles from web pages: fetch a page within limits, extract the article, save it to the corpus.

The network is reached only through `http.client`, one hop at a time: every address a host name
resolves to is checked (private, loopback, link-local and other non-public networks are refused
unless the policy allows them) before a connection is made, and again after each redirect. The
connection goes to the address that was checked, so a name cannot resolve to another one in between.
trafilatura only ever sees the HTML string; it never fetches anything itself.

A saved article is a `.txt` file (title line, blank line, paragraphs separated by blank lines) plus its
`<stem>.meta.json` sidecar, so the corpus directory stays the single source of truth.
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import ipaddress
import json
import logging
import os
import re
import socket
import ssl
import time
import unicodedata
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from index.corpus.documents import (
    HTML_SUFFIXES,
    SIDECAR_SUFFIX,
    SUFFIXES,
    doc_id_for,
    find_furniture,
    load_document,
    split_paragraphs,
)
from index.errors import CommuniqueError, DocumentError

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
MIN_ARTICLE_CHARS = 200  # article text (title excluded) shorter than this is not an article
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_SLUG_MAX = 64


class WebError(CommuniqueError):
    """A web page that cannot be added; the message is one line fit to show a moderator as is."""

    def __init__(self, message: str, url: str | None = None, kind: str = "error"):
        self.url = url
        self.kind = kind  # scheme, address, private, unreachable, timeout, http, redirect, not-html, size, ...
        super().__init__(message)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:
        return "unknown"


def default_user_agent() -> str:
    return f"communique/{_version()} (+news quoting bot; contact: the operator)"


@dataclass
class FetchPolicy:
    """Limits of one fetch. timeout is in seconds for the whole fetch, redirects and download included."""

    timeout: float = 15
    max_bytes: int = 5_000_000
    user_agent: str = field(default_factory=default_user_agent)
    allow_private: bool = False  # private, loopback, link-local and other non-public addresses

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout!r}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, got {self.max_bytes!r}")
        if not self.user_agent.strip() or any(c in self.user_agent for c in "\r\n"):
            raise ValueError(f"user_agent must be one non-empty line, got {self.user_agent!r}")


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # the address asked for
    final_url: str  # where the page was found, after redirects
    status: int
    content_type: str  # media type, lowercase, without parameters
    html: str


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    title: str
    text: str  # title line, blank line, then the paragraphs separated by blank lines; ends with "\n"
    meta: dict[str, str]  # title, outlet, author, published (YYYY-MM-DD), url (canonical, else final url)


@dataclass(frozen=True, slots=True)
class SaveResult:
    doc_id: str
    path: Path
    status: str  # "added" | "unchanged" | "replaced"
    # What the corpus held before, for undo_save(): path -> previous bytes, or None for a new file.
    previous: dict[Path, bytes | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


# ---------------------------------------------------------------- fetching


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one ("loopback", "private", ...), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return kind
    return None if ip.is_global else "private"


def _split(url: str) -> tuple[str, str, int, str]:
    """(scheme, ASCII host, port, request target) of an http(s) address; WebError for anything else."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise WebError(f"not a valid web address: {url[:200]}", url, "address") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise WebError("only http and https addresses can be added", url, "scheme")
    host = parts.hostname
    if not host:
        raise WebError(f"the address has no host name: {url[:200]}", url, "address")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise WebError(f"not a valid host name: {parts.hostname}", url, "address") from exc
    path = quote(parts.path or "/", safe="/%;:@&=+$,!~*'()-._")
    query = quote(parts.query, safe="/%;:@&=+$,!~*'()-._?")
    return scheme, host, port or (443 if scheme == "https" else 80), path + (f"?{query}" if query else "")


def _resolve(host: str, port: int, url: str, policy: FetchPolicy) -> list[tuple]:
    """Every address of host, checked; WebError when one of them is not public and that is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebError(f"cannot find the server {host} (unknown host name)", url, "unreachable") from exc
    if not infos:
        raise WebError(f"cannot find the server {host} (unknown host name)", url, "unreachable")
    if not policy.allow_private:
        for info in infos:
            address = info[4][0].split("%", 1)[0]
            kind = _non_public(ipaddress.ip_address(address))
            if kind is not None:
                raise WebError(
                    f"{host} is a {kind} address ({address}); such addresses are refused unless an operator "
                    "allows them in the settings (WEB_ALLOW_PRIVATE)", url, "private")
    return infos


def _connect_to(infos: list[tuple]):
    """A replacement for socket.create_connection that connects only to the checked addresses."""

    def create_connection(_address, timeout=None, source_address=None):
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                error = exc
                sock.close()
        raise error or OSError("no address to connect to")

    return create_connection


class _Hop:
    """One request to one address; the caller follows redirects."""

    def __init__(self, url: str, policy: FetchPolicy, deadline: float):
        self.url, self.policy, self.deadline = url, policy, deadline
        self.scheme, self.host, self.port, self.target = _split(url)
        self.infos = _resolve(self.host, self.port, url, policy)

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError()
        return left

    def open(self) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        if self.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                self.host, self.port, timeout=self.remaining(), context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.remaining())
        conn._create_connection = _connect_to(self.infos)  # connect to the checked addresses only
        conn.request("GET", self.target, headers={
            "User-Agent": self.policy.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip",
            "Connection": "close",
        })
        self.sock = conn.sock  # kept: the response closes the connection object but reads from this socket
        self.sock.settimeout(self.remaining())
        return conn, conn.getresponse()


def _read(response: http.client.HTTPResponse, hop: _Hop, limit: int, url: str) -> bytes:
    """At most limit bytes of the body (decompressed); WebError when it is longer."""
    over = WebError(f"the page is over the {_size(limit)} limit", url, "size")
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise over
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS)
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise WebError(f"the server sent the page in an unsupported encoding ({encoding})", url, "encoding")
    body = bytearray()
    while len(body) <= limit and not response.isclosed():
        hop.sock.settimeout(hop.remaining())
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limit + 1 - len(body))
            except zlib.error as exc:
                raise WebError("the server sent a damaged compressed page", url, "broken") from exc
        body += chunk
    if len(body) > limit:
        raise over
    return bytes(body)


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Bytes of a page as text: a BOM, else the HTTP charset, else a <meta> charset, else UTF-8."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace")
    meta = _META_CHARSET.search(body[:4096])
    name = _codec(header_charset) or _codec(meta.group(1).decode("ascii") if meta else None) or "utf-8"
    return body.decode(name, errors="replace")


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def fetch_page(url: str, policy: FetchPolicy | None = None) -> FetchedPage:
    """Fetch one HTML page within the policy's limits, following up to 5 redirects; WebError otherwise."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        hop = _Hop(current, policy, deadline)
        conn = None
        try:
            conn, response = hop.open()
            status = response.status
            if status in _REDIRECTS and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location").strip())
                log.info("%s redirects to %s", hop.url, current)
                continue
            if not 200 <= status < 300:
                reason = (response.reason or http.client.responses.get(status, "")).strip()
                raise WebError(f"the server answered {status} {reason}".rstrip(), url, "http")
            content_type = response.getheader("Content-Type") or ""
            media = content_type.split(";", 1)[0].strip().lower()
            if media and media not in _HTML_TYPES:
                raise WebError(f"the address is not a web page ({media})", url, "not-html")
            body = _read(response, hop, policy.max_bytes, url)
            if not media and not _looks_like_html(body):
                raise WebError("the address is not a web page (no content type)", url, "not-html")
            charset = response.headers.get_content_charset() if media else None
            html = decode_html(body, charset)
            log.info("fetched %s (%d bytes) from %s", url, len(body), current)
            return FetchedPage(url=url, final_url=current, status=status, content_type=media or "text/html",
                               html=html)
        except WebError:
            raise
        except TimeoutError as exc:
            raise WebError(f"{hop.host} did not answer within {policy.timeout:g} seconds", url, "timeout") from exc
        except ConnectionRefusedError as exc:
            raise WebError(f"{hop.host} refused the connection", url, "unreachable") from exc
        except ssl.SSLCertVerificationError as exc:
            detail = exc.verify_message or "certificate not trusted"
            raise WebError(f"{hop.host} has an invalid certificate ({detail})", url, "tls") from exc
        except ssl.SSLError as exc:
            raise WebError(f"a secure connection to {hop.host} failed ({exc.reason or exc})", url, "tls") from exc
        except (http.client.HTTPException, ConnectionError) as exc:
            raise WebError(f"{hop.host} sent a broken response ({type(exc).__name__})", url, "broken") from exc
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise WebError(f"cannot reach {hop.host} ({reason})", url, "unreachable") from exc
        finally:
            if conn is not None:
                conn.close()
    raise WebError(f"the address redirects more than {MAX_REDIRECTS} times", url, "redirect")


# ---------------------------------------------------------------- extraction

_SPACE = re.compile(r"\s+")


def _clean(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _iso(value: Any) -> str | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(value or "").strip())
    return m.group(0) if m else None


def _canonical(candidate: str | None, page_url: str | None) -> str | None:
    """The page's canonical address when it is a plausible one (http(s), not a bare home page)."""
    if candidate:
        parts = urlsplit(candidate.strip())
        page_path = urlsplit(page_url).path if page_url else ""
        bare = parts.path in ("", "/") and not parts.query and page_path not in ("", "/")
        if parts.scheme.lower() in ("http", "https") and parts.hostname and not bare:
            return urlunsplit(parts._replace(fragment=""))
    return page_url


def extract_article(html: str, url: str | None = None) -> ExtractedArticle:
    """The article of a page: its main text (no site furniture) and metadata; WebError when there is none."""
    import trafilatura  # imported here: slow to import, and only needed when a page is read

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, include_images=False,
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
    body = f"{title}\n\n" + "\n\n".join(lines)
    paragraphs = split_paragraphs(body)
    drop = find_furniture(body, paragraphs)
    kept = [body[p.start:p.end] for p in paragraphs[1:] if p.number not in drop]
    if not title or sum(len(p) for p in kept) < MIN_ARTICLE_CHARS:
        raise WebError("no article text found on the page", url, "no-article")

    meta = {
        "title": title,
        "outlet": _clean(getattr(doc, "sitename", None) or ""),
        "author": _clean(getattr(doc, "author", None) or ""),
        "published": _iso(getattr(doc, "date", None)) or "",
        "url": _canonical(getattr(doc, "url", None), url) or "",
    }
    return ExtractedArticle(title=title, text=f"{title}\n\n" + "\n\n".join(kept) + "\n",
                            meta={k: v for k, v in meta.items() if v})


def fetch_article(url: str, policy: FetchPolicy | None = None) -> ExtractedArticle:
    """Fetch a page and extract its article (no corpus change)."""
    page = fetch_page(url, policy)
    return extract_article(page.html, page.final_url)


def document_text_from_html(path: Path, raw: bytes | None = None) -> tuple[str, dict[str, str]]:
    """(article text, metadata) of a saved HTML page in the corpus; DocumentError when there is none.

    raw: the file's bytes when the caller has read them already.
    """
    path = Path(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DocumentError(path, exc.strerror or str(exc)) from exc
    try:
        article = extract_article(decode_html(raw), None)
    except WebError as exc:
        raise DocumentError(path, str(exc)) from exc
    return article.text, article.meta


# ---------------------------------------------------------------- saving

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


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


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(_sidecar(path).read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def scan_corpus(corpus_dir: Path) -> dict[str, dict]:
    """doc_id -> {"path", "url", "text", "meta"} for every readable article in corpus_dir (unreadable ones skipped)."""
    entries: dict[str, dict] = {}
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        return entries
    for path in sorted(corpus_dir.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith(".") or not path.is_file() or suffix not in SUFFIXES:
            continue
        try:
            if suffix in HTML_SUFFIXES:
                text, meta = document_text_from_html(path)
                meta = {**meta, **_read_meta(path)}
            else:
                document = load_document(path)
                text, meta = document.text, document.meta
        except DocumentError as exc:
            log.info("not comparing with %s: %s", path.name, exc)
            continue
        entries.setdefault(doc_id_for(path), {"path": str(path), "url": meta.get("url"), "text": text,
                                              "meta": meta})
    return entries


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
        clash = any(f"{stem}{s}" in names for s in (*SUFFIXES, SIDECAR_SUFFIX))
        if stem not in taken and not clash:
            return stem
    raise WebError(f"too many articles named {base} in the corpus", article.meta.get("url"), "name")


def _known(meta: dict[str, Any]) -> dict[str, str]:
    return {k: str(meta[k]) for k in ("title", "outlet", "author", "published", "url") if meta.get(k)}


def _sidecar_json(meta: dict[str, str]) -> bytes:
    return (json.dumps(_known(meta), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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


def _restore(previous: dict[Path, bytes | None]) -> None:
    for path, content in previous.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            _write_atomic(path, content)


def undo_save(result: SaveResult) -> None:
    """Put the corpus back as it was before save_article (for a caller whose rebuild then failed)."""
    _restore(result.previous)


def _apply(changes: dict[Path, bytes | None]) -> dict[Path, bytes | None]:
    """Write (bytes) or delete (None) each file; all or nothing. Returns what each path held before."""
    previous = {path: path.read_bytes() if path.exists() else None for path in changes}
    done: list[Path] = []
    try:
        for path, content in changes.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomic(path, content)
            done.append(path)
    except BaseException:
        _restore({path: previous[path] for path in done})
        raise
    return previous


def save_article(article: ExtractedArticle, corpus_dir: Path, existing: dict[str, dict] | None = None
                 ) -> SaveResult:
    """Store an article as <slug>.txt + <slug>.meta.json, unless the corpus has it already.

    existing maps doc_id -> {"path": ..., "url": ..., "text": ...} ("text" read from "path" when absent);
    by default the corpus directory is scanned. The same canonical url with the same text (and metadata)
    is "unchanged"; with other text it replaces that article ("replaced", same doc_id and file name);
    the same text under another url is "unchanged" too. Otherwise the article is "added".
    """
    corpus_dir = Path(corpus_dir)
    entries = scan_corpus(corpus_dir) if existing is None else existing
    key, text_key = url_key(article.meta.get("url")), _text_key(article.text)

    def text_of(entry: dict) -> str | None:
        if entry.get("text") is not None:
            return entry["text"]
        try:
            return Path(entry["path"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, KeyError):
            return None

    same_url = next(((d, e) for d, e in entries.items() if key and url_key(e.get("url")) == key), None)
    if same_url is not None:
        doc_id, entry = same_url
        old_path = Path(entry["path"])
        old_text = text_of(entry)
        same_text = old_text is not None and _text_key(old_text) == text_key
        old_meta = entry.get("meta") if entry.get("meta") is not None else _read_meta(old_path)
        if same_text and _known(old_meta) == _known(article.meta):
            return SaveResult(doc_id, old_path, "unchanged")
        target = old_path.with_suffix(".txt")
        changes: dict[Path, bytes | None] = {}
        if not same_text or old_path.suffix.lower() != ".txt":
            changes[target] = article.text.encode("utf-8")
        changes[_sidecar(target)] = _sidecar_json(article.meta)
        if old_path != target:
            changes[old_path] = None  # a .md or .html version gives way to the .txt (same doc_id)
            if _sidecar(old_path) != _sidecar(target):
                changes[_sidecar(old_path)] = None
        log.info("replacing %s with a new version from %s", doc_id, article.meta.get("url"))
        return SaveResult(doc_id, target, "replaced", _apply(changes))

    for doc_id, entry in entries.items():
        old_text = text_of(entry)
        if old_text is not None and _text_key(old_text) == text_key:
            return SaveResult(doc_id, Path(entry["path"]), "unchanged")

    corpus_dir.mkdir(parents=True, exist_ok=True)
    stem = _new_stem(article, corpus_dir, set(entries))
    target = corpus_dir / f"{stem}.txt"
    previous = _apply({target: article.text.encode("utf-8"), _sidecar(target): _sidecar_json(article.meta)})
    log.info("added %s from %s", stem, article.meta.get("url"))
    return SaveResult(doc_id_for(target), target, "added", previous)


def add_url(url: str, corpus_dir: Path, policy: FetchPolicy | None = None,
            existing: dict[str, dict] | None = None) -> SaveResult:
    """Fetch a page, extract its article and save it to corpus_dir; on any failure nothing changes."""
    return save_article(fetch_article(url, policy), corpus_dir, existing)

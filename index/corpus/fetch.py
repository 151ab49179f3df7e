"""Fetching a web page within limits: http(s) only, checked addresses, a deadline, a size cap.

The network is reached only through `http.client`, one hop at a time: every address a host name
resolves to is checked (private, loopback, link-local and other non-public networks are refused
unless the policy allows them) before a connection is made, and again after each redirect. The
connection goes to the address that was checked, so a name cannot resolve to another one in between.
The page's bytes are returned as served (decompressed); reading them is html.py's job.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from index.errors import WebError

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


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
    body: bytes  # as served, after any gzip or deflate transfer encoding; its charset is left to the reader
    etag: str | None = None  # the validators of a conditional GET, as the server sent them
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def byte_size(n: int) -> str:
    """A byte count as people read it: 5 MB, 200 kB, 12 bytes."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
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
            kind = non_public(ipaddress.ip_address(address))
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

    sock: socket.socket | None = None
    expired = False  # the deadline passed and the watchdog cut the connection

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError()
        return left

    @contextmanager
    def watchdog(self) -> Iterator[None]:
        """Cut the connection at the deadline: a server sending a byte now and then (each within the
        socket timeout) would otherwise hold the fetch for as long as it likes."""
        timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _expire(self) -> None:
        self.expired = True
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)

    def open(self, accept: str, extra: dict[str, str] | None = None
             ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        if self.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                self.host, self.port, timeout=self.remaining(), context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.remaining())
        conn._create_connection = _connect_to(self.infos)  # connect to the checked addresses only
        conn.request("GET", self.target, headers={
            "User-Agent": self.policy.user_agent,
            "Accept": accept,
            "Accept-Encoding": "gzip",
            "Connection": "close",
            **(extra or {}),
        })
        self.sock = conn.sock  # kept: the response closes the connection object but reads from this socket
        self.sock.settimeout(self.remaining())  # after the sock is kept: the watchdog may have fired before
        return conn, conn.getresponse()


def _read(response: http.client.HTTPResponse, hop: _Hop, limit: int, url: str) -> bytes:
    """At most limit bytes of the body (decompressed); WebError when it is longer."""
    over = WebError(f"the page is over the {byte_size(limit)} limit", url, "size")
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
    hop.remaining()  # a body cut short by the watchdog is not the whole page
    return bytes(body)


def _failure(exc: OSError | http.client.HTTPException, hop: _Hop, url: str, policy: FetchPolicy) -> WebError:
    """The one-line error of a failed request."""
    if hop.expired or isinstance(exc, TimeoutError):
        return WebError(f"{hop.host} did not answer within {policy.timeout:g} seconds", url, "timeout")
    if isinstance(exc, ConnectionRefusedError):
        return WebError(f"{hop.host} refused the connection", url, "unreachable")
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or "certificate not trusted"
        return WebError(f"{hop.host} has an invalid certificate ({detail})", url, "tls")
    if isinstance(exc, ssl.SSLError):
        return WebError(f"a secure connection to {hop.host} failed ({exc.reason or exc})", url, "tls")
    if isinstance(exc, http.client.HTTPException | ConnectionError):
        return WebError(f"{hop.host} sent a broken response ({type(exc).__name__})", url, "broken")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return WebError(f"cannot reach {hop.host} ({reason})", url, "unreachable")


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def fetch_page(url: str, policy: FetchPolicy | None = None) -> FetchedPage:
    """Fetch one HTML page within the policy's limits, following up to 5 redirects; WebError otherwise."""
    return _fetch(url, policy or FetchPolicy(), "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", html=True)


_FEED_ACCEPT = ("application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,"
                "text/xml;q=0.8,*/*;q=0.1")


def fetch_feed(url: str, policy: FetchPolicy | None = None, etag: str | None = None,
               last_modified: str | None = None) -> FetchedPage:
    """Fetch a feed (any content type: the parser judges it) with a conditional GET when validators are
    given; a 304 answer comes back as a FetchedPage whose not_modified is true and body is empty."""
    extra = {}
    if etag:
        extra["If-None-Match"] = etag
    if last_modified:
        extra["If-Modified-Since"] = last_modified
    return _fetch(url, policy or FetchPolicy(), _FEED_ACCEPT, html=False, extra=extra)


def _fetch(url: str, policy: FetchPolicy, accept: str, html: bool, extra: dict[str, str] | None = None
           ) -> FetchedPage:
    deadline = time.monotonic() + policy.timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        hop = _Hop(current, policy, deadline)
        conn = None
        try:
            with hop.watchdog():
                conn, response = hop.open(accept, extra)
                status = response.status
                if status in _REDIRECTS and response.getheader("Location"):
                    current = urljoin(current, response.getheader("Location").strip())
                    log.info("%s redirects to %s", hop.url, current)
                    continue
                validators = {"etag": response.getheader("ETag"),
                              "last_modified": response.getheader("Last-Modified")}
                if status == 304 and extra:
                    return FetchedPage(url=url, final_url=current, status=status, content_type="", body=b"",
                                       **validators)
                if not 200 <= status < 300:
                    reason = (response.reason or http.client.responses.get(status, "")).strip()
                    raise WebError(f"the server answered {status} {reason}".rstrip(), url, "http")
                content_type = response.getheader("Content-Type") or ""
                media = content_type.split(";", 1)[0].strip().lower()
                if html and media and media not in _HTML_TYPES:
                    raise WebError(f"the address is not a web page ({media})", url, "not-html")
                body = _read(response, hop, policy.max_bytes, url)
            if html and not media and not _looks_like_html(body):
                raise WebError("the address is not a web page (no content type)", url, "not-html")
            log.info("fetched %s (%d bytes) from %s", url, len(body), current)
            return FetchedPage(url=url, final_url=current, status=status,
                               content_type=media or ("text/html" if html else ""), body=body, **validators)
        except WebError:
            raise
        except (OSError, http.client.HTTPException) as exc:
            raise _failure(exc, hop, url, policy) from exc
        finally:
            if conn is not None:
                conn.close()
    raise WebError(f"the address redirects more than {MAX_REDIRECTS} times", url, "redirect")

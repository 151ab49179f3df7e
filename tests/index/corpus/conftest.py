"""The corpus tests' news pages and a loopback test site serving them, with redirects, errors and limits."""

from __future__ import annotations

import gzip
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pytest

from index.corpus.fetch import FetchPolicy

PAGES = Path(__file__).parent / "web_pages"
GENEVA = (PAGES / "geneva-talks.html").read_text(encoding="utf-8")
TBILISI = (PAGES / "tbilisi-summit.html").read_text(encoding="utf-8")
GENEVA_URL = "https://www.meridian-herald.example/world/2024/03/12/geneva-border-talks"
TBILISI_URL = "https://caspianwire.example/news/tbilisi-summit-transit-corridor"

# Every paragraph of each article, and the site furniture around it (none of which may be extracted).
GENEVA_PARAGRAPHS = [
    "The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday and agreed to resume talks",
    "Ararat Mirzoyan and Jeyhun Bayramov were hosted by the Swiss Federal Department of Foreign Affairs",
    '"We have agreed on a calendar for the border commissions',
    "Bayramov said the commissions would meet in the first week of April",
    "Diplomats familiar with the negotiations said the most difficult questions",
    "Toivo Klaar, welcomed the agreement in a statement from Zürich",
    "A State Department spokesman said Washington encouraged both countries",
]
GENEVA_FURNITURE = [
    "We use cookies", "Accept all cookies", "Cookie policy", "Home", "Politics", "Log in", "Breaking:",
    "Advertisement", "Summer sale", "Ergonomic chairs", "Share this article", "Share on Facebook",
    "Share on WhatsApp", "Morning Briefing", "Enter your email", "Related stories", "Munich Security Conference",
    "Prisoner exchange", "comments", "Finally some good news", "Leave a Reply", "will not be published",
    "Save my name", "Post Comment", "Sponsored", "travel insurance", "Most read", "Storm closes airports",
    "About us", "Privacy policy", "Follow us on Twitter", "All rights reserved", "Diplomatic Correspondent",
]
TBILISI_PARAGRAPHS = [
    "The leaders of Georgia, Azerbaijan and Turkey ended a two-day summit in Tbilisi on Monday",
    "Georgian Prime Minister Irakli Kobakhidze hosted President Ilham Aliyev and Vice President Cevdet Yılmaz",
    "“The corridor is no longer a line on a map,” Kobakhidze said",
    "Aliyev said Azerbaijan would contribute €400 million to upgrade the Baku–Tbilisi–Kars line",
    "Yılmaz told reporters that Ankara saw the route as a complement to",
    "Analysts in Tbilisi said the agreement was more specific than earlier declarations",
    "The three leaders also discussed regional security and the peace process",
]
TBILISI_FURNITURE = [
    "uses cookies", "Accept cookies", "Manage cookies", "Energy", "Donate", "Search Caspian Wire",
    "business account", "Sponsored content", "Learn a language", "Facebook", "Telegram", "Copy link",
    "Also read", "Port of Poti", "Tags:", "If you value our reporting", "support our journalism",
    "More stories", "New ferry line", "Leave a comment", "Write your comment", "Post comment",
    "Best mortgage rates", "Trending now", "Oil prices fall", "Ethics policy", "Copyright", "4 min read",
]

NO_ARTICLE = """<!doctype html><html><head><title>Caspian Wire — Home</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/region">Region</a></nav>
<div class="ad">Advertisement</div><p>Welcome to Caspian Wire.</p>
<footer>© 2024 Caspian Wire. All rights reserved.</footer></body></html>"""
FAST = 3.0  # seconds: the timeout of ordinary test fetches (all on loopback)
SLOW = 0.5  # seconds: the timeout of the slow-page test
DRIP_PAUSE, DRIP_BYTES = 0.05, 100  # a dripping server: 5 s for its headers or its body, in 100 pieces


def changed_geneva() -> str:
    return GENEVA.replace("more than five hours of negotiations", "more than six hours of negotiations")


def mirrored_geneva() -> str:
    """The same article under another canonical address (a syndicated copy)."""
    return GENEVA.replace(GENEVA_URL, "https://syndication.example/stories/geneva-talks")


class Handler(http.server.BaseHTTPRequestHandler):
    """The test site: realistic pages, redirects, errors, wrong types, a huge, a slow and an empty page."""

    protocol_version = "HTTP/1.1"
    state: ClassVar[dict] = {}

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def drip(self, headers_too: bool) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * DRIP_BYTES + b"\r\n\r\n"
        body = GENEVA.encode("utf-8")[:DRIP_BYTES]
        if not headers_too:
            self.wfile.write(head.replace(b"X-Padding", f"Content-Length: {len(body)}\r\nX-P".encode()))
        try:
            for byte in (head if headers_too else body):
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(DRIP_PAUSE)
        except OSError:
            pass
        self.close_connection = True

    def redirect(self, location: str) -> None:
        self.send(302, b"", headers={"Location": location})

    def do_GET(self) -> None:
        self.state.setdefault("requests", []).append((self.path, dict(self.headers)))
        port = self.server.server_address[1]
        path = self.path
        if path == "/geneva":
            self.send(200, GENEVA.encode("utf-8"))
        elif path == "/tbilisi":  # no charset in the header: the page's <meta> says utf-8
            self.send(200, TBILISI.encode("utf-8"), "text/html")
        elif path == "/geneva-cp1252":  # windows-1252 bytes, though the page's <meta> says utf-8
            self.send(200, GENEVA.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/geneva-gzip":
            self.send(200, gzip.compress(GENEVA.encode("utf-8")), headers={"Content-Encoding": "gzip"})
        elif path == "/geneva-untyped":
            self.send(200, GENEVA.encode("utf-8"), None)
        elif path == "/mirror":
            self.send(200, mirrored_geneva().encode("utf-8"))
        elif path == "/changing":
            self.send(200, self.state.get("changing", GENEVA).encode("utf-8"))
        elif path == "/old-address":
            self.redirect("/geneva")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{n + 1}" if n < 10 else "/geneva")
        elif path == "/to-loopback":
            self.redirect(f"http://127.0.0.2:{port}/geneva")
        elif path == "/to-ftp":
            self.redirect("ftp://files.example/article.txt")
        elif path == "/missing":
            self.send(404, b"<html><body><h1>Not Found</h1></body></html>")
        elif path == "/broken":
            self.send(500, b"<html><body>Internal error</body></html>")
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
        elif path == "/data":
            self.send(200, b"\x00\x01\x02 binary", None)
        elif path == "/announced-6mb":  # a length over the default cap, and no body sent
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "6000000")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
        elif path == "/bogus-charset":  # declares charsets no codec has
            html = GENEVA.replace('<meta charset="utf-8">', '<meta charset="base64">')
            self.send(200, html.encode("utf-8"), "text/html; charset=rot13")
        elif path == "/huge":  # announced as too large
            self.send(200, GENEVA.encode("utf-8") + b" " * 200_000)
        elif path == "/huge-streamed":  # no length given: the limit is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>\n")
            except OSError:
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(SLOW * 3)
            try:
                self.send(200, GENEVA.encode("utf-8"))
            except OSError:
                pass
        elif path in ("/drip-headers", "/drip-body"):  # a byte now and then, each well within the timeout
            self.drip(headers_too=path == "/drip-headers")
        elif path == "/empty":
            self.send(200, b"")
        elif path == "/no-article":
            self.send(200, NO_ARTICLE.encode("utf-8"))
        else:
            self.send(404, b"not here")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # a client that gave up is not an error
        pass


@contextmanager
def serving(handler: type[Handler]) -> Iterator[str]:
    """A web server on 127.0.0.1 with the handler, running until the block ends; gives its base address."""
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site():
    """A web server on 127.0.0.1 for this file; yields its base address."""
    with serving(Handler) as base:
        yield base


@pytest.fixture(autouse=True)
def fresh_state():
    Handler.state = {}
    yield


@pytest.fixture
def policy() -> FetchPolicy:
    return FetchPolicy(timeout=FAST, allow_private=True)


@pytest.fixture
def corpus(tmp_path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    return path


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if any connection is attempted."""

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}

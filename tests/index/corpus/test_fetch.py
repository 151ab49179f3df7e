"""Articles from web pages: fetching within limits, extraction, refusals, duplicates, answers with urls."""

from __future__ import annotations

import gzip
import http.server
import json
import socket
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from index.corpus import fetch as web
from index.corpus.documents import load_corpus, load_document
from index.kb import KnowledgeBase
from index.corpus.fetch import (
    FetchPolicy,
    WebError,
    add_url,
    document_text_from_html,
    extract_article,
    fetch_page,
    save_article,
    undo_save,
)
from tests.index.conftest import HashingEmbedder

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
        elif path == "/geneva-cp1252":  # the header's charset wins over the page's <meta>
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


@pytest.fixture(scope="module")
def site():
    """A web server on 127.0.0.1 for this file; yields its base address."""
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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


# ---------------------------------------------------------------- extraction


@pytest.mark.parametrize(("html", "paragraphs", "furniture"), [
    (GENEVA, GENEVA_PARAGRAPHS, GENEVA_FURNITURE), (TBILISI, TBILISI_PARAGRAPHS, TBILISI_FURNITURE),
], ids=["geneva", "tbilisi"])
def test_extraction_keeps_the_article_and_drops_the_furniture(html, paragraphs, furniture):
    """Every article paragraph is extracted, in order, and no navigation, ad, share, cookie or comment text."""
    article = extract_article(html, "http://127.0.0.1:8000/page")
    body = article.text.split("\n\n", 1)[1]
    positions = [body.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    for text in furniture:
        assert text.lower() not in body.lower(), text
    assert len(article.text.strip().split("\n\n")) == len(paragraphs) + 1


def test_extracted_text_layout_follows_the_corpus_convention():
    """Paragraph 1 is the title; paragraphs are single lines separated by blank lines; one final newline."""
    article = extract_article(GENEVA, None)
    blocks = article.text.split("\n\n")
    assert blocks[0] == "Foreign ministers agree to resume border talks in Geneva" == article.title
    assert article.text.endswith(".\n") and not article.text.endswith("\n\n")
    assert all(block.strip() == block.rstrip("\n") and "\n" not in block.strip() for block in blocks)


@pytest.mark.parametrize(("html", "meta"), [
    (GENEVA, {"title": "Foreign ministers agree to resume border talks in Geneva", "outlet": "The Meridian Herald",
              "author": "Helena Marsh", "published": "2024-03-12", "url": GENEVA_URL}),
    (TBILISI, {"title": "Three-way summit in Tbilisi ends with pledge on transit corridor",
               "outlet": "Caspian Wire", "author": "Tamar Beridze", "published": "2024-05-28",
               "url": TBILISI_URL}),
], ids=["geneva", "tbilisi"])
def test_metadata_comes_from_the_page(html, meta):
    """Title, outlet, author, publication date and canonical url are read from the page's head."""
    assert extract_article(html, "http://127.0.0.1:8000/page").meta == meta


def test_without_a_canonical_link_the_page_address_is_the_url():
    """A page with no canonical link or og:url is known by the address it was fetched from."""
    html = GENEVA.replace(f'<link rel="canonical" href="{GENEVA_URL}">', "").replace(
        f'<meta property="og:url" content="{GENEVA_URL}">', "")
    assert extract_article(html, "http://127.0.0.1:8000/geneva").meta["url"] == "http://127.0.0.1:8000/geneva"


def test_extraction_never_touches_the_network(no_connections):
    """trafilatura is handed the HTML string and fetches nothing itself."""
    assert extract_article(TBILISI, TBILISI_URL).meta["outlet"] == "Caspian Wire"


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", NO_ARTICLE, "%PDF-1.4 not html at all"])
def test_a_page_without_an_article_is_refused(html):
    """Empty pages and pages with nothing but furniture have no article text."""
    with pytest.raises(WebError, match="^no article text found on the page$"):
        extract_article(html, "http://127.0.0.1:8000/x")


def test_saved_html_files_are_read_the_same_way(tmp_path):
    """An .html file in the corpus gives the same text and metadata as the fetched page."""
    path = tmp_path / "geneva.html"
    path.write_bytes(GENEVA.encode("utf-8"))
    text, meta = document_text_from_html(path)
    fetched = extract_article(GENEVA, None)
    assert (text, meta) == (fetched.text, fetched.meta)


def test_an_html_file_without_an_article_is_a_document_error(tmp_path):
    """A saved page with no article is reported like any unreadable corpus file."""
    from index.errors import DocumentError

    path = tmp_path / "home.html"
    path.write_text(NO_ARTICLE, encoding="utf-8")
    with pytest.raises(DocumentError, match="no article text found"):
        document_text_from_html(path)


# ---------------------------------------------------------------- fetching


def test_fetch_returns_the_page_and_sends_an_honest_user_agent(site, policy):
    """A plain fetch gives the HTML, status and type, with communique's User-Agent."""
    page = fetch_page(f"{site}/geneva", policy)
    assert (page.status, page.content_type, page.final_url) == (200, "text/html", f"{site}/geneva")
    assert page.html == GENEVA
    (_path, headers), = Handler.state["requests"]
    agent = headers["User-Agent"]
    assert agent.startswith("communique/") and "news quoting bot" in agent


@pytest.mark.parametrize("route", ["/tbilisi", "/geneva-cp1252", "/geneva-gzip", "/geneva-untyped"])
def test_fetch_decodes_charsets_and_compression(site, policy, route):
    """Charset from the header or the page's <meta>, gzip bodies, and untyped HTML are all read right."""
    expected = TBILISI if route == "/tbilisi" else GENEVA
    if route == "/geneva-cp1252":
        assert "Zürich" in fetch_page(site + route, policy).html
    else:
        assert fetch_page(site + route, policy).html == expected


def test_redirects_are_followed(site, policy):
    """A moved page is fetched from its new address, which is reported as the final url."""
    page = fetch_page(f"{site}/old-address", policy)
    assert page.final_url == f"{site}/geneva" and page.url == f"{site}/old-address"


def test_too_many_redirects_are_refused(site, policy):
    """More than five redirects in a row is an error."""
    with pytest.raises(WebError, match="redirects more than 5 times"):
        fetch_page(f"{site}/hop/1", policy)
    assert len(Handler.state["requests"]) == 6


@pytest.mark.parametrize("url", ["ftp://files.example/article.txt", "file:///etc/passwd", "javascript:alert(1)",
                                 "gopher://127.0.0.1/", "news.example/article"])
def test_only_http_and_https_are_fetched(url, no_connections):
    """Other schemes (and addresses without one) are refused before any connection."""
    with pytest.raises(WebError, match="^only http and https addresses can be added$"):
        fetch_page(url, FetchPolicy(allow_private=True))


def test_a_redirect_to_another_scheme_is_refused(site, policy):
    """A page that redirects to ftp:// is refused like an ftp:// address."""
    with pytest.raises(WebError, match="only http and https"):
        fetch_page(f"{site}/to-ftp", policy)


@pytest.mark.parametrize(("url", "kind"), [
    ("http://10.0.0.1/article", "private"), ("http://192.168.1.20/", "private"),
    ("http://169.254.1.1/latest/meta-data/", "link-local"), ("http://127.0.0.1:9/", "loopback"),
    ("http://localhost/", "loopback"), ("http://[::1]/", "loopback"), ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:10.0.0.1]/", "private"), ("http://0.0.0.0/", "unspecified"),
    ("http://100.64.0.1/", "private"), ("http://224.0.0.1/", "multicast"),
])
def test_non_public_addresses_are_refused_before_connecting(url, kind, no_connections):
    """Private, loopback, link-local and other non-public addresses are refused unless allowed."""
    with pytest.raises(WebError, match=f"is a {kind} address .*refused unless an operator allows them") as info:
        fetch_page(url, FetchPolicy())
    assert info.value.kind == "private"


def test_a_public_name_resolving_to_a_private_address_is_refused(monkeypatch, no_connections):
    """Every address a name resolves to is checked, not just the first."""
    def fake_getaddrinfo(host, port, *args, **kwargs):
        assert host == "news.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(web.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(WebError, match=r"news.example is a private address \(10.1.2.3\)"):
        fetch_page("https://news.example/story", FetchPolicy())


def test_a_redirect_to_a_loopback_address_is_refused(site, monkeypatch):
    """Addresses are checked again after each redirect: a 'public' page cannot send us to 127.0.0.2."""
    checked = web._non_public
    # The test server stands in for a public site: 127.0.0.1 is taken as public here, 127.0.0.2 is not.
    monkeypatch.setattr(web, "_non_public", lambda ip: None if str(ip) == "127.0.0.1" else checked(ip))
    with pytest.raises(WebError, match=r"127.0.0.2 is a loopback address"):
        fetch_page(f"{site}/to-loopback", FetchPolicy(timeout=FAST))
    assert [path for path, _ in Handler.state["requests"]] == ["/to-loopback"]


def test_allow_private_lets_the_loopback_server_through(site):
    """With allow_private, a loopback address is fetched (how these tests reach their server)."""
    with pytest.raises(WebError, match="loopback"):
        fetch_page(f"{site}/geneva", FetchPolicy(timeout=FAST))
    assert fetch_page(f"{site}/geneva", FetchPolicy(timeout=FAST, allow_private=True)).status == 200


@pytest.mark.parametrize(("route", "message"), [
    ("/missing", "^the server answered 404 Not Found$"),
    ("/broken", "^the server answered 500 Internal Server Error$"),
    ("/report.pdf", r"^the address is not a web page \(application/pdf\)$"),
    ("/data", r"^the address is not a web page \(no content type\)$"),
])
def test_http_errors_and_other_content_are_refused(site, policy, route, message):
    """HTTP errors and content that is not HTML give one clear line."""
    with pytest.raises(WebError, match=message):
        fetch_page(site + route, policy)


@pytest.mark.parametrize("route", ["/huge", "/huge-streamed"])
def test_pages_over_the_size_cap_are_refused(site, route):
    """A page larger than max_bytes is refused, whether or not its length is announced."""
    with pytest.raises(WebError, match=r"^the page is over the 100 kB limit$"):
        fetch_page(site + route, FetchPolicy(timeout=FAST, max_bytes=100_000, allow_private=True))


def test_the_default_size_cap_reads_as_5_mb(site):
    """The message names the limit in megabytes."""
    with pytest.raises(WebError, match=r"^the page is over the 5 MB limit$"):
        web._read(_FakeResponse({"Content-Length": "6000000"}), None, 5_000_000, "http://x/")


class _FakeResponse:
    def __init__(self, headers: dict):
        self.headers = headers

    def getheader(self, name, default=None):
        return self.headers.get(name, default)


def test_a_slow_server_times_out(site):
    """A server that does not answer within the timeout gives a timeout message, promptly."""
    began = time.monotonic()
    with pytest.raises(WebError, match=r"^127.0.0.1 did not answer within 0.5 seconds$") as info:
        fetch_page(f"{site}/slow", FetchPolicy(timeout=SLOW, allow_private=True))
    assert info.value.kind == "timeout" and time.monotonic() - began < SLOW * 2.5


def test_a_closed_port_is_refused(policy):
    """Nothing listening: the connection is refused, said in one line."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(WebError, match=r"^127.0.0.1 refused the connection$"):
        fetch_page(f"http://127.0.0.1:{port}/", policy)


def test_an_unknown_host_name_is_reported(monkeypatch):
    """A name that does not resolve gives a clear message (the resolver is stubbed: no DNS traffic)."""
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(web.socket, "getaddrinfo", fail)
    with pytest.raises(WebError, match=r"^cannot find the server no-such-host.example \(unknown host name\)$"):
        fetch_page("https://no-such-host.example/", FetchPolicy())


def test_policy_checks_its_values():
    """Bad limits are refused when the policy is made."""
    for bad in ({"timeout": 0}, {"max_bytes": 0}, {"user_agent": "a\r\nX-Evil: 1"}):
        with pytest.raises(ValueError):
            FetchPolicy(**bad)


# ---------------------------------------------------------------- saving and duplicates


def test_add_url_stores_text_and_sidecar(site, policy, corpus):
    """An added page becomes <slug>.txt plus <slug>.meta.json, which the corpus loader reads."""
    result = add_url(f"{site}/geneva", corpus, policy)
    assert result.status == "added" and result.doc_id == "foreign-ministers-agree-to-resume-border-talks-in-geneva"
    assert sorted(p.name for p in corpus.iterdir()) == [
        f"{result.doc_id}.meta.json", f"{result.doc_id}.txt"]
    document = load_document(result.path)
    assert document.text == extract_article(GENEVA, None).text
    assert document.meta == {"title": "Foreign ministers agree to resume border talks in Geneva",
                             "outlet": "The Meridian Herald", "author": "Helena Marsh",
                             "published": "2024-03-12", "url": GENEVA_URL}
    assert not document.dropped  # nothing left for the loader to drop: the text is the article
    assert document.paragraph_text(1) == document.title


def test_the_same_url_twice_is_not_duplicated(site, policy, corpus):
    """Adding a page again leaves the corpus as it was and says it is already there."""
    first = add_url(f"{site}/geneva", corpus, policy)
    before = snapshot(corpus)
    again = add_url(f"{site}/old-address", corpus, policy)  # another address of the same page
    assert (again.status, again.doc_id, again.path) == ("unchanged", first.doc_id, first.path)
    assert not again.changed and snapshot(corpus) == before


def test_a_changed_page_replaces_the_old_version(site, policy, corpus):
    """The same canonical url with new text replaces the file in place, keeping its doc id."""
    first = add_url(f"{site}/changing", corpus, policy)
    Handler.state["changing"] = changed_geneva()
    second = add_url(f"{site}/changing", corpus, policy)
    assert (second.status, second.doc_id, second.path) == ("replaced", first.doc_id, first.path)
    assert len(list(corpus.glob("*.txt"))) == 1
    assert "more than six hours" in second.path.read_text(encoding="utf-8")
    undo_save(second)  # a caller whose rebuild failed puts the old version back
    assert "more than five hours" in first.path.read_text(encoding="utf-8")


def test_the_same_text_at_another_url_is_not_duplicated(site, policy, corpus):
    """A syndicated copy of an article already in the corpus is recognised by its text."""
    first = add_url(f"{site}/geneva", corpus, policy)
    before = snapshot(corpus)
    copy = add_url(f"{site}/mirror", corpus, policy)
    assert (copy.status, copy.doc_id) == ("unchanged", first.doc_id) and snapshot(corpus) == before


def test_articles_with_the_same_title_get_distinct_files(corpus):
    """A different article whose title slug is taken gets a numbered file name."""
    one = extract_article(GENEVA, None)
    other = web.ExtractedArticle(one.title, one.text.replace("Tuesday", "Wednesday"),
                                 {**one.meta, "url": "https://other.example/geneva"})
    assert save_article(one, corpus).doc_id == "foreign-ministers-agree-to-resume-border-talks-in-geneva"
    second = save_article(other, corpus)
    assert second.status == "added" and second.doc_id.endswith("-2")


def test_a_page_replaces_a_markdown_copy_with_the_same_url(corpus):
    """An article kept as .md with the page's url in its front matter is replaced by the fetched .txt."""
    (corpus / "geneva.md").write_text(f"---\nurl: {GENEVA_URL}\n---\n# Old title\n\nOld text.\n", encoding="utf-8")
    result = save_article(extract_article(GENEVA, None), corpus)
    assert (result.status, result.doc_id) == ("replaced", "geneva")
    assert sorted(p.name for p in corpus.iterdir()) == ["geneva.meta.json", "geneva.txt"]
    documents, warnings = load_corpus(corpus)
    assert [d.doc_id for d in documents] == ["geneva"] and not warnings


@pytest.mark.parametrize("route", ["/missing", "/report.pdf", "/huge", "/no-article", "/empty", "/to-ftp"])
def test_failures_change_nothing(site, policy, corpus, route):
    """Whatever goes wrong, the corpus directory is left exactly as it was."""
    (corpus / "seed.txt").write_text("Seed\n\nA seed article.\n", encoding="utf-8")
    before = snapshot(corpus)
    with pytest.raises(WebError):
        add_url(site + route, corpus, FetchPolicy(timeout=FAST, max_bytes=100_000, allow_private=True))
    assert snapshot(corpus) == before


def test_a_failed_write_leaves_no_partial_article(corpus, monkeypatch):
    """If the sidecar cannot be written, the article file written just before is removed again."""
    real = web._write_atomic

    def fail_on_sidecar(path, data):
        if path.name.endswith(".meta.json"):
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(web, "_write_atomic", fail_on_sidecar)
    with pytest.raises(OSError):
        save_article(extract_article(GENEVA, None), corpus)
    assert list(corpus.iterdir()) == []


# ---------------------------------------------------------------- end to end


def test_a_question_is_answered_from_an_added_page_with_its_url(site, policy, fresh_corpus, tmp_path):
    """After adding a page, a question about it is answered with a citation linking to the article."""
    result = add_url(f"{site}/tbilisi", fresh_corpus, policy)
    kb = KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=HashingEmbedder())
    answer = kb.ask("How much will Azerbaijan contribute to upgrade the Baku–Tbilisi–Kars line?")
    assert answer.answered, answer
    cited = [c for c in answer.citations if c.doc_id == result.doc_id]
    assert cited and all(c.url == TBILISI_URL for c in cited)
    document = kb.source(result.doc_id)
    assert all(document.text[c.start:c.end] == c.quote for c in cited)
    assert any("€400 million" in c.quote for c in cited)
    assert (document.outlet, document.published) == ("Caspian Wire", "2024-05-28")
    json.dumps(answer.to_json())

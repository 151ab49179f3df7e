"""Fetching a page: limits, redirects, refused schemes and addresses, errors in one line each."""

from __future__ import annotations

import socket
import time

import pytest

from index.corpus import fetch
from index.corpus.fetch import FetchPolicy, fetch_page
from index.corpus.html import extract_article
from index.errors import WebError
from tests.index.corpus.conftest import FAST, GENEVA, SLOW, TBILISI, Handler


def test_fetch_returns_the_page_and_sends_an_honest_user_agent(site, policy):
    """A plain fetch gives the HTML, status and type, with communique's User-Agent."""
    page = fetch_page(f"{site}/geneva", policy)
    assert (page.status, page.content_type, page.final_url) == (200, "text/html", f"{site}/geneva")
    assert page.body == GENEVA.encode("utf-8")
    (_path, headers), = Handler.state["requests"]
    agent = headers["User-Agent"]
    assert agent.startswith("communique/") and "news quoting bot" in agent


@pytest.mark.parametrize("route", ["/tbilisi", "/geneva-cp1252", "/geneva-gzip", "/geneva-untyped",
                                   "/bogus-charset"])
def test_fetched_pages_read_in_any_charset_or_compression(site, policy, route):
    """Pages in windows-1252, gzip, untyped or with a bogus charset give the same article as the original."""
    original = TBILISI if route == "/tbilisi" else GENEVA
    page = fetch_page(site + route, policy)
    assert extract_article(page.body).text == extract_article(original.encode("utf-8")).text


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

    monkeypatch.setattr(fetch.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(WebError, match=r"news.example is a private address \(10.1.2.3\)"):
        fetch_page("https://news.example/story", FetchPolicy())


def test_a_redirect_to_a_loopback_address_is_refused(site, monkeypatch):
    """Addresses are checked again after each redirect: a 'public' page cannot send us to 127.0.0.2."""
    checked = fetch.non_public
    # The test server stands in for a public site: 127.0.0.1 is taken as public here, 127.0.0.2 is not.
    monkeypatch.setattr(fetch, "non_public", lambda ip: None if str(ip) == "127.0.0.1" else checked(ip))
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
        fetch_page(f"{site}/announced-6mb", FetchPolicy(timeout=FAST, allow_private=True))


def test_a_slow_server_times_out(site):
    """A server that does not answer within the timeout gives a timeout message."""
    with pytest.raises(WebError, match=r"^127.0.0.1 did not answer within 0.5 seconds$") as info:
        fetch_page(f"{site}/slow", FetchPolicy(timeout=SLOW, allow_private=True))
    assert info.value.kind == "timeout"


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

    monkeypatch.setattr(fetch.socket, "getaddrinfo", fail)
    with pytest.raises(WebError, match=r"^cannot find the server no-such-host.example \(unknown host name\)$"):
        fetch_page("https://no-such-host.example/", FetchPolicy())


def test_policy_checks_its_values():
    """Bad limits are refused when the policy is made."""
    for bad in ({"timeout": 0}, {"max_bytes": 0}, {"user_agent": "a\r\nX-Evil: 1"}):
        with pytest.raises(ValueError):
            FetchPolicy(**bad)


@pytest.mark.parametrize("route", ["/drip-headers", "/drip-body"])
def test_a_dripping_server_is_cut_off_at_the_deadline(site, route):
    """A server sending a byte every 50 ms, each within the socket timeout, is still given up on once
    the whole fetch has taken the timeout (the drip would take 5 s)."""
    began = time.monotonic()
    with pytest.raises(WebError, match=r"did not answer within 0.5 seconds") as info:
        fetch_page(site + route, FetchPolicy(timeout=SLOW, allow_private=True))
    assert info.value.kind == "timeout" and time.monotonic() - began < 3.0

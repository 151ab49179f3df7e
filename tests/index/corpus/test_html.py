"""The article of an HTML page: text without furniture, the corpus layout, metadata, character sets."""

from __future__ import annotations

import pytest

from index.corpus.html import extract_article
from index.errors import WebError
from tests.index.corpus.conftest import (
    GENEVA,
    GENEVA_FURNITURE,
    GENEVA_PARAGRAPHS,
    GENEVA_URL,
    NO_ARTICLE,
    TBILISI,
    TBILISI_FURNITURE,
    TBILISI_PARAGRAPHS,
    TBILISI_URL,
)


@pytest.mark.parametrize(("html", "paragraphs", "furniture"), [
    (GENEVA, GENEVA_PARAGRAPHS, GENEVA_FURNITURE), (TBILISI, TBILISI_PARAGRAPHS, TBILISI_FURNITURE),
], ids=["geneva", "tbilisi"])
def test_extraction_keeps_the_article_and_drops_the_furniture(html, paragraphs, furniture):
    """Every article paragraph is extracted, in order, and no navigation, ad, share, cookie or comment text."""
    article = extract_article(html.encode("utf-8"), "http://127.0.0.1:8000/page")
    body = article.text.split("\n\n", 1)[1]
    positions = [body.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    for text in furniture:
        assert text.lower() not in body.lower(), text
    assert len(article.text.strip().split("\n\n")) == len(paragraphs) + 1


def test_extracted_text_layout_follows_the_corpus_convention():
    """Paragraph 1 is the title; paragraphs are single lines separated by blank lines; one final newline."""
    article = extract_article(GENEVA.encode("utf-8"))
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
    fetched_from = meta["url"].split("/", 3)[:3] + ["amp/page"]  # the same site, another address
    assert extract_article(html.encode("utf-8"), "/".join(fetched_from)).meta == meta


def test_a_canonical_address_on_another_host_is_not_taken():
    """A page fetched from one host that names another site's address as canonical keeps its own."""
    article = extract_article(GENEVA.encode("utf-8"), "http://127.0.0.1:8000/geneva")
    assert article.meta["url"] == "http://127.0.0.1:8000/geneva"


def test_a_canonical_address_on_the_host_first_asked_counts():
    """After a redirect the client followed, the canonical address on the host first asked for counts."""
    article = extract_article(GENEVA.encode("utf-8"), "https://cdn.example/a/1", also_from=GENEVA_URL + "?x=1")
    assert article.meta["url"] == GENEVA_URL


def test_without_a_canonical_link_the_page_address_is_the_url():
    """A page with no canonical link or og:url is known by the address it was fetched from."""
    html = GENEVA.replace(f'<link rel="canonical" href="{GENEVA_URL}">', "").replace(
        f'<meta property="og:url" content="{GENEVA_URL}">', "")
    assert extract_article(html.encode("utf-8"), "http://127.0.0.1:8000/geneva").meta["url"] == (
        "http://127.0.0.1:8000/geneva")


def test_extraction_never_touches_the_network(no_connections):
    """trafilatura is handed the page and fetches nothing itself."""
    assert extract_article(TBILISI.encode("utf-8"), TBILISI_URL).meta["outlet"] == "Caspian Wire"


def test_a_page_in_another_charset_is_read_from_its_bytes():
    """A windows-1252 page whose <meta> still claims utf-8 reads right: Zürich, not Z�rich."""
    article = extract_article(GENEVA.encode("cp1252"))
    assert "welcomed the agreement in a statement from Zürich" in article.text


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex", "utf-16", "no-such-charset"])
def test_a_bogus_declared_charset_is_ignored(charset):
    """A page declaring a charset that cannot decode it is still read as the article it is."""
    html = GENEVA.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
    assert extract_article(html.encode("utf-8")).text == extract_article(GENEVA.encode("utf-8")).text


@pytest.mark.parametrize("page", [b"", b"<html><body></body></html>", NO_ARTICLE.encode("utf-8"),
                                  b"%PDF-1.4 not html at all", b"\xff\xfe\x00\x00\x9c"])
def test_a_page_without_an_article_is_refused(page):
    """Empty pages, binary bytes and pages with nothing but furniture have no article text."""
    with pytest.raises(WebError, match="^no article text found on the page$") as info:
        extract_article(page, "http://127.0.0.1:8000/x")
    assert info.value.kind == "no-article"

"""Article metadata: front matter, sidecars, key aliases and dates in any common form, kept as YYYY-MM-DD."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from index.corpus.documents import load_document
from index.corpus.metadata import sidecar_path
from index.errors import DocumentError


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_front_matter(tmp_path):
    """YAML front matter fills meta; text is the body after the closing line."""
    body = "Body title\n\nThe envoy arrived.\n"
    front = (
        "---\ntitle: Envoys meet\nsite: Example News\nlink: https://example.com/a\n"
        "date: 2020-10-21\nauthor: [A. Writer, B. Writer]\nextra: ignored\n---\n"
    )
    path = write(tmp_path / "fm.md", front + body)
    doc = load_document(path)
    assert doc.text == body
    assert doc.meta == {
        "title": "Envoys meet",
        "outlet": "Example News",
        "url": "https://example.com/a",
        "published": "2020-10-21",
        "author": "A. Writer, B. Writer",
    }
    assert doc.title == "Envoys meet" and doc.url == "https://example.com/a"


def test_sidecar_wins(tmp_path):
    """A <stem>.meta.json sidecar overrides front matter key by key."""
    path = write(tmp_path / "art.txt", "---\ntitle: From front\noutlet: Front Outlet\n---\nT\n\nBody.\n")
    (tmp_path / "art.meta.json").write_text(
        json.dumps({"title": "From sidecar", "url": "https://x.test/1", "published": "2020-10-21T08:00:00Z"})
    )
    doc = load_document(path)
    assert doc.meta == {
        "title": "From sidecar",
        "outlet": "Front Outlet",
        "url": "https://x.test/1",
        "published": "2020-10-21",
    }
    assert doc.title == "From sidecar" and doc.outlet == "Front Outlet" and doc.published == "2020-10-21"


def test_invalid_sidecar_names_it(tmp_path):
    """Invalid sidecar JSON is a DocumentError naming the sidecar file."""
    path = write(tmp_path / "art.txt", "T\n\nBody.\n")
    (tmp_path / "art.meta.json").write_text("{not json")
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert err.value.path.name == "art.meta.json"


def test_invalid_front_matter(tmp_path):
    """Front matter that is not valid YAML is a DocumentError."""
    path = write(tmp_path / "bad.md", "---\r\ntitle: a: b\r\n---\r\nBody\r\n")
    with pytest.raises(DocumentError) as err:
        load_document(path)
    assert "front matter" in err.value.reason


def test_content_hash_covers_meta(tmp_path):
    """content_hash changes when the sidecar metadata changes."""
    path = write(tmp_path / "art.txt", "T\n\nBody.\n")
    before = load_document(path).content_hash
    (tmp_path / "art.meta.json").write_text('{"outlet": "X"}')
    assert load_document(path).content_hash != before and len(before) == 64


@pytest.mark.parametrize("written", [
    "2020-10-21", "2020/10/21", "October 21, 2020", "Oct 21, 2020", "Oct. 21, 2020", "21 October 2020",
    "21 Oct 2020", "2020-10-21T23:30:00-05:00", "Wed, 21 Oct 2020 08:00:00 GMT",
])
def test_dates_in_common_forms_become_iso(tmp_path, written):
    """A publication date written in any common form is kept as YYYY-MM-DD."""
    path = write(tmp_path / "art.txt", "T\n\nBody.\n")
    (tmp_path / "art.meta.json").write_text(json.dumps({"date": written}))
    assert load_document(path).published == "2020-10-21"


@pytest.mark.parametrize("written", ["Wednesday", "October 2020", "2020", "yesterday", "2020-13-45", ""])
def test_incomplete_or_unreadable_dates_are_left_out(tmp_path, caplog, written):
    """A date without a year, month and day is left out with a warning, not guessed."""
    path = write(tmp_path / "art.txt", "---\noutlet: X\n---\nT\n\nBody.\n")
    (tmp_path / "art.meta.json").write_text(json.dumps({"published": written}))
    with caplog.at_level(logging.WARNING, logger="index.corpus.metadata"):
        document = load_document(path)
    assert document.meta == {"outlet": "X"}
    assert "unreadable date" in caplog.text


def test_front_matter_dates_read_as_dates(tmp_path):
    """A YAML date (unquoted) in front matter is kept as YYYY-MM-DD."""
    path = write(tmp_path / "a.md", "---\npublished: 2024-03-12 09:30:00\n---\nT\n\nBody.\n")
    assert load_document(path).published == "2024-03-12"


def test_the_sidecar_sits_beside_the_article():
    """An article's sidecar is <stem>.meta.json in the same directory, whatever the article's suffix."""
    assert sidecar_path(Path("corpus/Geneva Talks.md")) == Path("corpus/Geneva Talks.meta.json")
    assert sidecar_path(Path("corpus/geneva.html")) == Path("corpus/geneva.meta.json")

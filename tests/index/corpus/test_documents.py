"""Loading articles: exact text, paragraph numbering, metadata, furniture removal, bad files."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from index.corpus.documents import (
    Paragraph,
    doc_id_for,
    find_furniture,
    load_corpus,
    load_document,
    split_paragraphs,
)
from index.errors import DocumentError, EmptyCorpusError

SEED = Path(__file__).resolve().parents[2] / "corpus" / "karabakh-diplomacy.txt"

BODY = [
    "The foreign ministers of Armenia and Azerbaijan met in Moscow on Wednesday to discuss the conflict.",
    "He said the group would join talks in Geneva next week, and officials declined to comment further.",
    "Reuters reported that readers of the newspaper had complained about the coverage of the talks.",
    "Turkey pledged its support for Azerbaijan, while lawmakers voted to subscribe to the new accord.",
    "The foundation said it would support independent journalism in the region with new grants.",
    "The ministry did not respond to a request for comment on the shelling of Stepanakert overnight.",
    "Share prices fell 3.5 percent in Moscow after the talks, and a sponsored bill was tabled.",
    "“We support journalism, and you should too,” the minister told reporters after the meeting.",
    "Both sides agreed to meet again, a spokeswoman for the Armenian Foreign Ministry said on Friday.",
]


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def article(*furniture: str, title: str = "Ministers meet in Moscow") -> str:
    return "\n\n".join([title, *BODY, *furniture]) + "\n"


def texts(doc, paras) -> list[str]:
    return [doc.text[p.start : p.end] for p in paras]


# ---------------------------------------------------------------- the seed article


@pytest.fixture
def seed():
    return load_document(SEED)


def test_seed_paragraph_numbers(seed):
    """The seed keeps paragraphs 1-32 with the expected openings."""
    numbers = [p.number for p in seed.paragraphs]
    assert numbers == list(range(1, 33))
    assert seed.paragraph_text(1).startswith("Karabakh Conflict: Diplomatic Efforts Underway")
    assert seed.paragraph_text(3).startswith("Moscow– The foreign ministers")
    assert seed.paragraph_text(8).startswith("The pair will also meet Secretary Pompeo")
    assert seed.paragraph_text(32).startswith("Both Russia and Turkey")


def test_seed_furniture_dropped(seed):
    """Everything from the WhatsApp call to action to the comment form is dropped."""
    dropped = texts(seed, seed.dropped)
    assert [p.number for p in seed.dropped] == [33, 34, 35, 36, 37]
    assert dropped[0] == "Follow this link to join our WhatsApp group: Join Now"
    assert dropped[1] == "Be Part of Quality Journalism"
    assert dropped[2].startswith("Quality journalism takes")
    assert dropped[3:] == ["Leave a Reply", "Your email address will not be published."]
    assert seed.paragraph(33) is None


def test_seed_text_exact(seed):
    """Document.text is the file's content byte for byte, typos and all."""
    assert seed.text.encode("utf-8") == SEED.read_bytes()
    assert "1,981 hoses" in seed.paragraph_text(21)
    assert "Putin\u00a0continues" in seed.paragraph_text(11)


def test_seed_title_and_id(seed):
    """Title, outlet and date come from the seed's sidecar; the id from the file name."""
    assert seed.title == "Karabakh Conflict: Diplomatic Efforts Underway As 2nd Truce Falls Apart"
    assert seed.doc_id == "karabakh-diplomacy"
    assert seed.published == "2020-10-21" and seed.outlet == "Kashmir Observer" and seed.url is None


def test_title_from_first_line_without_metadata(tmp_path):
    """Without metadata, the first line is the title and meta is empty."""
    shutil.copy(SEED, tmp_path / SEED.name)
    document = load_document(tmp_path / SEED.name)
    assert document.title == "Karabakh Conflict: Diplomatic Efforts Underway As 2nd Truce Falls Apart"
    assert document.meta == {} and document.published is None


def test_seed_in_corpus(tmp_path):
    """The seed loads through load_corpus with no warnings."""
    shutil.copy(SEED, tmp_path / SEED.name)
    docs, warnings = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["karabakh-diplomacy"] and warnings == []


# ---------------------------------------------------------------- paragraphs and text


def test_split_paragraphs_spans():
    """Paragraphs are runs of non-blank lines; whitespace-only lines separate them."""
    text = "Title\n\nLine one\nline two\n \t \nLast  \n\n\n"
    paras = split_paragraphs(text)
    assert paras == [Paragraph(1, 0, 5), Paragraph(2, 7, 24), Paragraph(3, 29, 33)]
    assert [text[p.start : p.end] for p in paras] == ["Title", "Line one\nline two", "Last"]


def test_crlf_file(tmp_path):
    """\\r\\n files split into the same paragraphs, spans exclude the \\r."""
    path = write(tmp_path / "crlf.txt", "Title here\r\n\r\nFirst line\r\nsecond line\r\n\r\nLast one\r\n")
    doc = load_document(path)
    assert doc.title == "Title here"
    assert texts(doc, doc.paragraphs) == ["Title here", "First line\r\nsecond line", "Last one"]
    assert doc.text.encode() == path.read_bytes()


def test_text_kept_exactly(tmp_path):
    """Non-breaking spaces and curly quotes survive unchanged, offsets match."""
    content = "A title\n\n“Quoted,” said\u00a0the envoy — twice.\n"
    doc = load_document(write(tmp_path / "nbsp.txt", content))
    assert doc.text == content
    assert doc.paragraph_text(2) == "“Quoted,” said\u00a0the envoy — twice."


def test_bom_excluded(tmp_path):
    """A UTF-8 byte order mark is not part of the text; offsets start after it."""
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\n\nBody.\n")
    doc = load_document(path)
    assert doc.text == "Title\n\nBody.\n" and doc.title == "Title"


def test_doc_id_for():
    """Ids are lowercase with other characters collapsed to single dashes."""
    assert doc_id_for(Path("Karabakh Diplomacy (Oct 2020).TXT")) == "karabakh-diplomacy-oct-2020"
    assert doc_id_for(Path("a__b--c.md")) == "a__b-c"
    assert doc_id_for(Path("dir/Ünïcode.txt")) == "n-code"


def test_paragraph_lookup(tmp_path):
    """paragraph() returns kept paragraphs only; paragraph_text raises for others."""
    doc = load_document(write(tmp_path / "a.txt", "T\n\nBody.\n"))
    assert doc.paragraph(2) == Paragraph(2, 3, 8)
    assert doc.paragraph(9) is None
    with pytest.raises(KeyError):
        doc.paragraph_text(9)


# ---------------------------------------------------------------- metadata


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
    assert doc.paragraph_text(1) == "Body title"


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


def test_title_from_first_line(tmp_path):
    """Without metadata the title is the first line of the first paragraph."""
    doc = load_document(write(tmp_path / "t.txt", "  Headline here\nsubhead line\n\nBody.\n"))
    assert doc.title == "Headline here"


def test_markdown_heading_title(tmp_path):
    """A Markdown heading loses its '#' marks in the title but not in the text."""
    doc = load_document(write(tmp_path / "t.md", "# Ministers meet #\n\nBody.\n"))
    assert doc.title == "Ministers meet"
    assert doc.paragraph_text(1) == "# Ministers meet #"


# ---------------------------------------------------------------- furniture from other sites

FURNITURE_VARIANTS = {
    "telegram": ["Join our Telegram channel for the latest updates from the Caucasus"],
    "newsletter": ["Sign up for our daily newsletter", "Get the headlines in your inbox. Enter your email."],
    "cookies": [
        "We use cookies to improve your experience on our site. By continuing you agree to our Cookie Policy.",
        "Accept cookies",
    ],
    "related": ["Related:", "Armenia, Azerbaijan agree new truce", "Also read: Putin calls Macron"],
    "comments": [
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Post Comment",
    ],
    "donation": [
        "Support independent journalism. Donate today.",
        "If you value our reporting, please consider supporting us with a monthly contribution.",
    ],
    "social": ["Follow us on Twitter and Facebook", "Share this:", "3 Comments"],
    "ads": ["Advertisement", "© 2020 Example Media Ltd. All rights reserved."],
}


@pytest.mark.parametrize("site", sorted(FURNITURE_VARIANTS))
def test_furniture_variants_dropped(tmp_path, site):
    """Other sites' furniture is dropped and every body paragraph kept."""
    furniture = FURNITURE_VARIANTS[site]
    doc = load_document(write(tmp_path / f"{site}.txt", article(*furniture)))
    assert texts(doc, doc.paragraphs)[1:] == BODY
    assert texts(doc, doc.dropped) == furniture


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Also read: Armenia and Azerbaijan agree to a truce",
        "Click here to subscribe to our YouTube channel",
        "Subscribe to our newsletter",
    ],
)
def test_inline_furniture_mid_article(tmp_path, line):
    """Furniture inside the article is dropped without cutting the paragraphs after it."""
    doc = load_document(write(tmp_path / "mid.txt", article() + "\n" + line + "\n\n" + BODY[0] + "\n"))
    assert texts(doc, doc.dropped) == [line]
    assert texts(doc, doc.paragraphs)[-1] == BODY[0]


def test_ordinary_news_kept(tmp_path):
    """Sentences with join/subscribe/comment/support/sponsored are article text, not furniture."""
    doc = load_document(write(tmp_path / "news.txt", article()))
    assert doc.dropped == ()
    assert len(doc.paragraphs) == len(BODY) + 1


def test_heading_sandwiched_between_furniture():
    """A short heading between two furniture paragraphs is furniture (not in the tail)."""
    text = "\n\n".join(["Title", "Advertisement", "Stay informed", "Sign up for our newsletter", *BODY])
    paras = split_paragraphs(text)
    assert find_furniture(text, paras) == {2, 3, 4}


def test_tail_cut(tmp_path):
    """After furniture near the end, later non-prose lines go too."""
    tail = ["Follow us on Instagram", "More from Example News", "Armenia fights on", "Share this:"]
    doc = load_document(write(tmp_path / "tail.txt", article(*tail)))
    assert texts(doc, doc.dropped) == tail


def test_title_never_dropped(tmp_path):
    """Paragraph 1 is never furniture, even when it looks like it."""
    doc = load_document(write(tmp_path / "t.txt", article(title="Advertisement")))
    assert doc.paragraph(1) is not None and doc.dropped == ()


def test_only_body_never_dropped(tmp_path):
    """A document whose body is all furniture-like keeps it rather than leaving only the title."""
    doc = load_document(write(tmp_path / "t.txt", "Title\n\nSubscribe to our newsletter\n"))
    assert [p.number for p in doc.paragraphs] == [1, 2] and doc.dropped == ()


# ---------------------------------------------------------------- corpus loading and errors


def test_non_utf8_skipped(tmp_path, caplog):
    """A non-UTF-8 file is skipped with a warning naming it; the others load."""
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    write(tmp_path / "good.txt", "Good title\n\nBody.\n")
    with caplog.at_level(logging.WARNING, logger="index.corpus.documents"):
        docs, warnings = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good"]
    assert len(warnings) == 1 and "bad.txt" in warnings[0] and "not UTF-8" in warnings[0]
    assert "bad.txt" in caplog.text


def test_load_document_errors(tmp_path):
    """Non-UTF-8, blank and missing files raise DocumentError with a reason."""
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    write(tmp_path / "blank.txt", "  \n\n\t\n")
    for name, reason in [("bad.txt", "not UTF-8 text"), ("blank.txt", "empty")]:
        with pytest.raises(DocumentError) as err:
            load_document(tmp_path / name)
        assert err.value.reason == reason
    with pytest.raises(DocumentError):
        load_document(tmp_path / "missing.txt")


def test_corpus_selection_and_order(tmp_path):
    """Only top-level, non-hidden .txt/.md files load, sorted; sidecars and others are ignored."""
    write(tmp_path / "b.md", "B\n\nBody.\n")
    write(tmp_path / "a.txt", "A\n\nBody.\n")
    write(tmp_path / ".hidden.txt", "H\n\nBody.\n")
    write(tmp_path / "notes.rst", "N\n\nBody.\n")
    (tmp_path / "a.meta.json").write_text('{"outlet": "X"}')
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.txt", "C\n\nBody.\n")
    docs, warnings = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["a", "b"] and warnings == []
    assert docs[0].outlet == "X"


def test_duplicate_ids(tmp_path):
    """a.md and a.txt share an id: the first (sorted) is kept, with a warning."""
    write(tmp_path / "a.md", "From md\n\nBody.\n")
    write(tmp_path / "a.txt", "From txt\n\nBody.\n")
    docs, warnings = load_corpus(tmp_path)
    assert [d.title for d in docs] == ["From md"]
    assert len(warnings) == 1 and "a.txt" in warnings[0]


def test_empty_corpus(tmp_path):
    """A directory with no articles raises EmptyCorpusError."""
    with pytest.raises(EmptyCorpusError):
        load_corpus(tmp_path)


def test_only_unreadable_corpus(tmp_path):
    """A directory whose only article is unreadable raises EmptyCorpusError counting it."""
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    with pytest.raises(EmptyCorpusError) as err:
        load_corpus(tmp_path)
    assert err.value.skipped == 1


def test_missing_corpus(tmp_path):
    """A missing directory raises EmptyCorpusError."""
    with pytest.raises(EmptyCorpusError):
        load_corpus(tmp_path / "nope")

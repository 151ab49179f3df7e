"""Loading articles: exact text, paragraph numbering, ids, saved web pages, corpus selection, bad files."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from index.corpus.documents import Paragraph, doc_id_for, load_corpus, load_document, split_paragraphs
from index.corpus.html import extract_article
from index.errors import DocumentError, EmptyCorpusError
from tests.index.corpus.conftest import GENEVA, NO_ARTICLE

SEED = Path(__file__).resolve().parents[3] / "corpus" / "karabakh-diplomacy.txt"


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def texts(doc, paras) -> list[str]:
    return [doc.text[p.start : p.end] for p in paras]


def paragraph_text(doc, number: int) -> str:
    span = doc.paragraph(number)
    return doc.text[span.start : span.end]


# ---------------------------------------------------------------- the seed article


@pytest.fixture
def seed():
    return load_document(SEED)


def test_seed_paragraph_numbers(seed):
    """The seed keeps paragraphs 1-32 with the expected openings."""
    numbers = [p.number for p in seed.paragraphs]
    assert numbers == list(range(1, 33))
    assert paragraph_text(seed, 1).startswith("Karabakh Conflict: Diplomatic Efforts Underway")
    assert paragraph_text(seed, 3).startswith("Moscow– The foreign ministers")
    assert paragraph_text(seed, 8).startswith("The pair will also meet Secretary Pompeo")
    assert paragraph_text(seed, 32).startswith("Both Russia and Turkey")


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
    assert "1,981 hoses" in paragraph_text(seed, 21)
    assert "Putin\u00a0continues" in paragraph_text(seed, 11)


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
    assert paragraph_text(doc, 2) == "“Quoted,” said\u00a0the envoy — twice."


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
    """paragraph() gives a kept paragraph by number, None for a number the text does not have."""
    doc = load_document(write(tmp_path / "a.txt", "T\n\nBody.\n"))
    assert doc.paragraph(2) == Paragraph(2, 3, 8)
    assert doc.paragraph(9) is None


def test_title_from_first_line(tmp_path):
    """Without metadata the title is the first line of the first paragraph."""
    doc = load_document(write(tmp_path / "t.txt", "  Headline here\nsubhead line\n\nBody.\n"))
    assert doc.title == "Headline here"


def test_markdown_heading_title(tmp_path):
    """A Markdown heading loses its '#' marks in the title but not in the text."""
    doc = load_document(write(tmp_path / "t.md", "# Ministers meet #\n\nBody.\n"))
    assert doc.title == "Ministers meet"
    assert paragraph_text(doc, 1) == "# Ministers meet #"


# ---------------------------------------------------------------- saved web pages


def test_saved_html_files_read_like_the_fetched_page(tmp_path):
    """An .html file in the corpus gives the same text and metadata as the page's extracted article."""
    path = tmp_path / "geneva.html"
    path.write_bytes(GENEVA.encode("utf-8"))
    document = load_document(path)
    fetched = extract_article(GENEVA.encode("utf-8"))
    assert (document.text, document.meta) == (fetched.text, fetched.meta)


def test_an_html_file_without_an_article_is_a_document_error(tmp_path):
    """A saved page with no article is reported like any unreadable corpus file."""
    path = tmp_path / "home.html"
    path.write_text(NO_ARTICLE, encoding="utf-8")
    with pytest.raises(DocumentError, match="no article text found"):
        load_document(path)


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
    """Only top-level, non-hidden article files load, sorted; sidecars and others are ignored."""
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


def test_a_file_that_breaks_its_reader_is_skipped_not_fatal(tmp_path):
    """A date the calendar lacks, a sidecar nested 100,000 deep or a charset naming a codec skip (or
    read) that file alone: the rest of the corpus still loads, each skipped file in one warning line."""
    shutil.copy(SEED, tmp_path / SEED.name)
    write(tmp_path / "bad-date.md", "---\ndate: 2024-02-30\n---\n# Talks\n\nThe envoys met.\n")
    write(tmp_path / "deep.txt", "Deep\n\nThe envoys met again.\n")
    write(tmp_path / "deep.meta.json", "[" * 100_000)
    write(tmp_path / "base64.html", GENEVA.replace('<meta charset="utf-8">', '<meta charset="base64">'))
    documents, warnings = load_corpus(tmp_path)
    assert [d.doc_id for d in documents] == ["base64", "karabakh-diplomacy"]
    assert [w.split(":")[0] for w in warnings] == ["skipped bad-date.md", "skipped deep.txt"]
    assert all("\n" not in w and len(w) < 400 for w in warnings)


def test_a_file_of_nul_bytes_is_not_an_article(tmp_path):
    """NUL bytes make a binary file, not an article with a NUL title."""
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 4096)
    with pytest.raises(DocumentError, match="NUL bytes"):
        load_document(path)

"""Building an index: only new text is embedded, stored terms are reused, unreadable files are skipped."""

import json

import pytest

from index.errors import EmptyCorpusError
from index.kb import KnowledgeBase
from index.retrieval.store import current_build
from index.text.tokens import marked_terms
from tests.index.conftest import HashingEmbedder

ARTICLE = """Talks in Geneva

Swiss Foreign Minister Ignazio Cassis hosted the envoys of both sides in Geneva on Monday.

The talks on the water treaty will resume next month, a spokesman said.
"""


def test_refresh_embeds_only_new_text(hashing_kb, fresh_corpus):
    """After adding one article, only that article's chunks and sentences are embedded."""
    first = hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    report = hashing_kb.refresh()
    assert report.embedded == 3 * 2  # three paragraphs, one sentence each: chunk and sentence vectors
    assert report.reused == first.embedded


def test_refresh_keeps_every_sentences_terms_right(hashing_kb, fresh_corpus, monkeypatch):
    """Sentences the previous index had keep its stored terms; new ones are tokenised; all as tokenising gives."""
    import index.retrieval.build

    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    tokenised = []
    monkeypatch.setattr(index.retrieval.build, "marked_terms", lambda text: tokenised.append(text) or marked_terms(text))
    hashing_kb.refresh()
    data = hashing_kb.data
    headers = {c.header for c in data.chunks}
    assert 0 < len(set(tokenised) - headers) <= 3  # the new article's sentences only
    for row, (position, start, end) in enumerate(data.sentence_spans.tolist()):
        text = data.documents[data.chunks[position].doc_id].text[start:end]
        assert data.sentence_terms.marked(row) == marked_terms(text)


def test_non_utf8_file_is_skipped(hashing_kb, fresh_corpus):
    """A non-UTF-8 file is skipped with a warning naming it, and the rest still index."""
    (fresh_corpus / "latin1.txt").write_bytes("Caf\xe9 talks in Z\xfcrich\n".encode("latin-1"))
    report = hashing_kb.ensure_index()
    assert report.documents == 1
    assert any("latin1.txt" in warning for warning in report.warnings)


def test_empty_corpus_is_a_clear_error(tmp_path):
    """An empty corpus directory raises EmptyCorpusError naming the directory."""
    (tmp_path / "empty").mkdir()
    kb = KnowledgeBase(tmp_path / "empty", tmp_path / "index", embedder=HashingEmbedder())
    with pytest.raises(EmptyCorpusError, match="no readable"):
        kb.ensure_index()


def test_index_of_an_older_format_is_upgraded_without_embedding(hashing_kb, fresh_corpus):
    """An index written by an earlier version (no stored sentence terms) is rebuilt from its own vectors."""
    hashing_kb.ensure_index()
    expected = [h.position for h in hashing_kb.search("Pompeo meeting Washington", k=3)]
    build = hashing_kb.index_dir / current_build(hashing_kb.index_dir)
    manifest = json.loads((build / "manifest.json").read_text())
    (build / "manifest.json").write_text(json.dumps(dict(manifest, format=3)))
    for name in ("sentence_terms.npy", "sentence_term_offsets.npy", "terms.json"):
        (build / name).unlink()
    (build / "sentence_terms.json").write_text("[]")
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    report = reopened.ensure_index()
    assert report is not None and report.embedded == 0 and report.reused > 0
    assert [h.position for h in reopened.search("Pompeo meeting Washington", k=3)] == expected


def test_an_index_from_an_older_extractor_makes_its_meeting_records_anew(hashing_kb, monkeypatch):
    """A newer meeting extractor makes the index stale, and its records are extracted again, not reused."""
    import index.retrieval.build
    import index.retrieval.store

    hashing_kb.ensure_index()
    calls = []
    extract = index.retrieval.build.extract_meetings
    monkeypatch.setattr(index.retrieval.build, "extract_meetings", lambda d: calls.append(d.doc_id) or extract(d))
    monkeypatch.setattr(index.retrieval.build, "EXTRACTOR_VERSION", 99)
    monkeypatch.setattr(index.retrieval.store, "EXTRACTOR_VERSION", 99)
    hashing_kb.ensure_index()
    assert calls and hashing_kb.data.manifest["extractor"] == 99


def test_an_article_the_meeting_extractor_fails_on_still_gets_indexed(hashing_kb, fresh_corpus, monkeypatch):
    """A fault of the meeting extractor on one article skips that article's records, with a warning; the
    index is still built and the article still searched."""
    from index.retrieval import build

    real = build.extract_meetings

    def failing(document):
        if document.doc_id == "geneva":
            raise ValueError("odd sentence")
        return real(document)

    monkeypatch.setattr(build, "extract_meetings", failing)
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    report = hashing_kb.refresh()
    assert any("geneva" in w and "meeting records skipped" in w for w in report.warnings)
    assert any(h.chunk.doc_id == "geneva" for h in hashing_kb.search("water treaty Geneva"))

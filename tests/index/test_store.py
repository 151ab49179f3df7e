import json
import threading

import numpy as np
import pytest

from index.errors import EmptyCorpusError, IndexCorruptError, RefreshInProgressError, UnknownDocumentError
from index.retrieval.store import CURRENT, load_index, read_manifest

ARTICLE = """Talks in Geneva

Swiss Foreign Minister Ignazio Cassis hosted the envoys of both sides in Geneva on Monday.

The talks on the water treaty will resume next month, a spokesman said.
"""


def current_build(index_dir):
    return index_dir / (index_dir / CURRENT).read_text().strip()


def test_build_writes_a_complete_index_directory(hashing_kb):
    """A build leaves the FAISS file, BM25 arrays, metadata and a manifest, with no pickle."""
    hashing_kb.ensure_index()
    build = current_build(hashing_kb.index_dir)
    names = {p.name for p in build.iterdir()}
    assert {"chunks.faiss", "chunks.json", "documents.json", "manifest.json", "bm25",
            "sentence_spans.npy", "sentence_vectors.npy", "sentence_terms.npy", "sentence_term_offsets.npy",
            "terms.json"} <= names
    manifest = json.loads((build / "manifest.json").read_text())
    assert manifest["documents"] == 1 and manifest["chunks"] >= 30
    assert manifest["dimension"] == 384 and manifest["corpus_hash"] and manifest["built_at"]
    assert not list(build.rglob("*.pkl")) and not list(build.rglob("*.pickle"))


def test_status_reports_counts_and_hash(hashing_kb):
    """Status gives documents, chunks, model, build time and corpus hash."""
    status = hashing_kb.status()
    assert status["documents"] == 1 and status["chunks"] >= 30
    assert status["model"] == "hashing-test" and len(status["corpus_hash"]) == 64 and not status["stale"]


def test_truncated_faiss_file_is_reported(hashing_kb):
    """Loading an index whose FAISS file was cut short raises IndexCorruptError, not a crash."""
    hashing_kb.ensure_index()
    faiss_file = current_build(hashing_kb.index_dir) / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:200])
    with pytest.raises(IndexCorruptError):
        load_index(hashing_kb.index_dir)


def test_truncated_faiss_file_is_rebuilt(hashing_kb, fresh_corpus, tmp_path):
    """A knowledge base opening a corrupted index rebuilds it and answers."""
    from index.kb import KnowledgeBase

    hashing_kb.ensure_index()
    faiss_file = current_build(hashing_kb.index_dir) / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    assert reopened.ensure_index() is not None
    assert reopened.search("Pompeo meeting Washington", k=1)


@pytest.mark.parametrize("damage", ["manifest", "chunks", "terms", "term offsets", "vocabulary", "current"])
def test_damaged_files_are_reported(hashing_kb, damage):
    """Garbled metadata or a dangling CURRENT pointer are reported clearly."""
    hashing_kb.ensure_index()
    build = current_build(hashing_kb.index_dir)
    if damage == "manifest":
        (build / "manifest.json").write_text("{not json")
    elif damage == "chunks":
        (build / "chunks.json").write_text("[]")
    elif damage == "terms":
        np.save(build / "sentence_terms.npy", np.array([10**6], dtype=np.int32))
    elif damage == "term offsets":
        np.save(build / "sentence_term_offsets.npy", np.array([0, 1], dtype=np.int64))
    elif damage == "vocabulary":
        (build / "terms.json").write_text('{"not": "a list"}')
    else:
        (hashing_kb.index_dir / CURRENT).write_text("build-missing\n")
    with pytest.raises(IndexCorruptError):
        load_index(hashing_kb.index_dir)


def test_changed_corpus_makes_the_index_stale(hashing_kb, fresh_corpus):
    """Adding a file to the corpus marks the index stale and the next question rebuilds it."""
    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    assert hashing_kb.is_stale()
    report = hashing_kb.ensure_index()
    assert report.added == ["geneva"] and report.documents == 2
    assert not hashing_kb.is_stale()


def test_refresh_embeds_only_new_text(hashing_kb, fresh_corpus):
    """After adding one article, only that article's chunks and sentences are embedded."""
    first = hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    report = hashing_kb.refresh()
    assert report.embedded == 3 * 2  # three paragraphs, one sentence each: chunk and sentence vectors
    assert report.reused == first.embedded


def test_refresh_keeps_every_sentences_terms_right(hashing_kb, fresh_corpus, monkeypatch):
    """Sentences the previous index had keep its stored terms; new ones are tokenised; all as tokenize gives."""
    import index.retrieval.build
    from index.text.tokens import marked_terms, tokenize

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
        assert data.sentence_terms.terms(row).tokens == tuple(tokenize(text))


def test_stored_records_hold_every_field(hashing_kb):
    from index.retrieval.store import _chunk_from, _chunk_record, _document_from, _document_record

    hashing_kb.ensure_index()
    data = hashing_kb.data
    assert all(_chunk_from(json.loads(json.dumps(_chunk_record(c)))) == c for c in data.chunks)
    assert all(_document_from(json.loads(json.dumps(_document_record(d)))) == d for d in data.documents.values())


def test_swap_keeps_one_previous_build(hashing_kb, fresh_corpus):
    """After two refreshes the index directory holds the current build and the one before it."""
    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    hashing_kb.refresh()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    report = hashing_kb.refresh()
    assert report.changed == ["geneva"]
    builds = [p for p in hashing_kb.index_dir.iterdir() if p.name.startswith("build-")]
    assert len(builds) == 2 and current_build(hashing_kb.index_dir) in builds


def test_failed_refresh_keeps_the_old_index(hashing_kb, fresh_corpus):
    """A refresh that fails (corpus emptied) raises and the old index keeps answering."""
    hashing_kb.ensure_index()
    before = hashing_kb.data
    manifest = read_manifest(hashing_kb.index_dir)
    (fresh_corpus / "karabakh-diplomacy.txt").unlink()
    with pytest.raises(EmptyCorpusError):
        hashing_kb.refresh()
    assert hashing_kb.data is before
    assert read_manifest(hashing_kb.index_dir) == manifest
    assert hashing_kb.search("Pompeo", k=1)


def test_second_refresh_is_refused_while_one_runs(hashing_kb):
    """Only one refresh at a time: a second request is told one is running."""
    hashing_kb.ensure_index()
    started, release = threading.Event(), threading.Event()

    def slow_progress(stage, done, total):
        started.set()
        release.wait(5)

    worker = threading.Thread(target=hashing_kb.refresh, kwargs={"progress": slow_progress})
    worker.start()
    assert started.wait(5)
    with pytest.raises(RefreshInProgressError):
        hashing_kb.refresh()
    release.set()
    worker.join(10)


def test_non_utf8_file_is_skipped(hashing_kb, fresh_corpus):
    """A non-UTF-8 file is skipped with a warning naming it, and the rest still index."""
    (fresh_corpus / "latin1.txt").write_bytes("Caf\xe9 talks in Z\xfcrich\n".encode("latin-1"))
    report = hashing_kb.ensure_index()
    assert report.documents == 1
    assert any("latin1.txt" in warning for warning in report.warnings)


def test_empty_corpus_is_a_clear_error(tmp_path):
    """An empty corpus directory raises EmptyCorpusError naming the directory."""
    from index.kb import KnowledgeBase

    from .conftest import HashingEmbedder

    (tmp_path / "empty").mkdir()
    kb = KnowledgeBase(tmp_path / "empty", tmp_path / "index", embedder=HashingEmbedder())
    with pytest.raises(EmptyCorpusError, match="no readable"):
        kb.ensure_index()


def test_unknown_doc_id(hashing_kb):
    """Asking for an article that is not indexed names the id and the known ones."""
    with pytest.raises(UnknownDocumentError, match="karabakh-diplomacy"):
        hashing_kb.source("no-such-article")


def test_add_and_remove_an_article(hashing_kb, tmp_path):
    """An added file becomes a document; removing it deletes the file and its chunks."""
    hashing_kb.ensure_index()
    source = tmp_path / "geneva.txt"
    source.write_text(ARTICLE)
    doc_id, report = hashing_kb.add(source)
    assert doc_id == "geneva" and report.added == ["geneva"]
    assert hashing_kb.source("geneva").title == "Talks in Geneva"
    report = hashing_kb.remove("geneva")
    assert report.removed == ["geneva"]
    assert not (hashing_kb.corpus_dir / "geneva.txt").exists()
    with pytest.raises(UnknownDocumentError):
        hashing_kb.source("geneva")


def test_index_of_another_model_is_rebuilt(hashing_kb, fresh_corpus):
    """An index built with a different embedding model is stale and gets rebuilt."""
    from index.kb import KnowledgeBase

    from .conftest import HashingEmbedder

    hashing_kb.ensure_index()
    other = HashingEmbedder()
    other.name = "another-model"
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=other)
    report = reopened.ensure_index()
    assert report is not None and report.reused == 0
    assert reopened.status()["model"] == "another-model"


def test_processes_sharing_an_index_follow_a_refresh(hashing_kb, fresh_corpus):
    """A second knowledge base on the same index directory picks up the build the first swapped in."""
    from index.kb import KnowledgeBase

    from .conftest import HashingEmbedder

    hashing_kb.ensure_index()
    other = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=HashingEmbedder())
    other.ensure_index()
    assert not other.follow_shared_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    hashing_kb.refresh()
    assert other.follow_shared_index()
    assert other.source("geneva").title == "Talks in Geneva"


def test_index_of_an_older_format_is_upgraded_without_embedding(hashing_kb, fresh_corpus):
    """An index written by an earlier version (no stored sentence terms) is rebuilt from its own vectors."""
    from index.kb import KnowledgeBase

    hashing_kb.ensure_index()
    expected = [h.position for h in hashing_kb.search("Pompeo meeting Washington", k=3)]
    build = current_build(hashing_kb.index_dir)
    manifest = json.loads((build / "manifest.json").read_text())
    (build / "manifest.json").write_text(json.dumps(dict(manifest, format=3)))
    for name in ("sentence_terms.npy", "sentence_term_offsets.npy", "terms.json"):
        (build / name).unlink()
    (build / "sentence_terms.json").write_text("[]")
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    report = reopened.ensure_index()
    assert report is not None and report.embedded == 0 and report.reused > 0
    assert [h.position for h in reopened.search("Pompeo meeting Washington", k=3)] == expected


def test_nearest_chunks_are_those_of_exact_cosine(hashing_kb):
    """The stored vector index (float16 copies) returns the chunks that exact float32 cosine ranks first."""
    hashing_kb.ensure_index()
    data = hashing_kb.data
    for query in ["Pompeo meeting Washington", "ceasefire in Nagorno-Karabakh", "Minsk Group co-chairs"]:
        vector = hashing_kb.embedder.encode([query])[0]
        cosines = data.vectors @ vector
        found = data.nearest(vector, 5)
        # the five best, in order, up to float16 rounding of near-ties
        np.testing.assert_allclose(cosines[found], np.sort(cosines)[::-1][:5], atol=2e-3)


def test_large_index_is_a_graph_searched_with_the_breadth_it_was_saved_with(hashing_kb, monkeypatch):
    """Above the size limit the vectors go into HNSW; a graph saved with another efSearch keeps it."""
    import faiss

    import index.retrieval.store

    monkeypatch.setattr(index.retrieval.store, "HNSW_THRESHOLD", 10)
    hashing_kb.ensure_index()
    data = hashing_kb.data
    graph = index.retrieval.store.make_faiss_index(data.vectors)
    assert isinstance(graph, faiss.IndexHNSWFlat) and graph.hnsw.efSearch == index.retrieval.store.HNSW_EF_SEARCH
    graph.hnsw.efSearch = 80  # as graphs built before efConstruction 200 were saved
    faiss.write_index(graph, str(current_build(hashing_kb.index_dir) / "chunks.faiss"))
    reloaded = load_index(hashing_kb.index_dir)
    assert reloaded.faiss_index.hnsw.efSearch == 80
    vector = hashing_kb.embedder.encode(["Pompeo meeting Washington"])[0]
    assert reloaded.nearest(vector, 5).tolist() == np.argsort(-(data.vectors @ vector))[:5].tolist()

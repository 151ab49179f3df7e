"""The index directory: complete builds, damage reported, one previous build kept, vectors found back."""

import json
import subprocess

import numpy as np
import pytest

from index.corpus.documents import load_corpus
from index.errors import IndexCorruptError, IndexWriteError
from index.kb import KnowledgeBase
from index.retrieval.chunking import Chunker
from index.retrieval.store import CURRENT, current_build, load_index
from tests.index.conftest import HashingEmbedder

ARTICLE = """Talks in Geneva

Swiss Foreign Minister Ignazio Cassis hosted the envoys of both sides in Geneva on Monday.
"""


def build_of(kb):
    return kb.index_dir / current_build(kb.index_dir)


def test_build_writes_a_complete_index_directory(hashing_kb):
    """A build leaves the FAISS file, BM25 arrays, metadata and a manifest, with no pickle."""
    hashing_kb.ensure_index()
    build = build_of(hashing_kb)
    names = {p.name for p in build.iterdir()}
    assert {"chunks.faiss", "chunks.json", "documents.json", "manifest.json", "bm25",
            "sentence_spans.npy", "sentence_vectors.npy", "sentence_terms.npy", "sentence_term_offsets.npy",
            "terms.json"} <= names
    manifest = json.loads((build / "manifest.json").read_text())
    assert manifest["documents"] == 1 and manifest["chunks"] >= 30
    assert manifest["dimension"] == 384 and manifest["corpus_hash"] and manifest["built_at"]
    assert not list(build.rglob("*.pkl")) and not list(build.rglob("*.pickle"))


def test_stored_documents_and_chunks_are_those_read_from_the_corpus(hashing_kb, fresh_corpus):
    """Loading the index gives back every field of the corpus's documents and their chunks."""
    hashing_kb.ensure_index()
    documents, _ = load_corpus(fresh_corpus)
    loaded = load_index(hashing_kb.index_dir)
    assert list(loaded.documents.values()) == documents
    assert loaded.chunks == [c for d in documents for c in Chunker().chunk(d)]


def test_truncated_faiss_file_is_reported(hashing_kb):
    """Loading an index whose FAISS file was cut short raises IndexCorruptError, not a crash."""
    hashing_kb.ensure_index()
    faiss_file = build_of(hashing_kb) / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:200])
    with pytest.raises(IndexCorruptError):
        load_index(hashing_kb.index_dir)


@pytest.mark.parametrize("damage", ["manifest", "chunks", "terms", "term offsets", "vocabulary", "current"])
def test_damaged_files_are_reported(hashing_kb, damage):
    """Garbled metadata or a dangling CURRENT pointer are reported clearly."""
    hashing_kb.ensure_index()
    build = build_of(hashing_kb)
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


def test_swap_keeps_one_previous_build(hashing_kb, fresh_corpus):
    """After two refreshes the index directory holds the current build and the one before it."""
    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    hashing_kb.refresh()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    report = hashing_kb.refresh()
    assert report.changed == ["geneva"]
    builds = [p for p in hashing_kb.index_dir.iterdir() if p.name.startswith("build-")]
    assert len(builds) == 2 and build_of(hashing_kb) in builds


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
    faiss.write_index(graph, str(build_of(hashing_kb) / "chunks.faiss"))
    reloaded = load_index(hashing_kb.index_dir)
    assert reloaded.faiss_index.hnsw.efSearch == 80
    vector = hashing_kb.embedder.encode(["Pompeo meeting Washington"])[0]
    assert reloaded.nearest(vector, 5).tolist() == np.argsort(-(data.vectors @ vector))[:5].tolist()


def test_sentence_rows_follow_their_chunks(hashing_kb):
    """A chunk's sentence rows are the stored sentences of that chunk, in order, one chunk after the other."""
    hashing_kb.ensure_index()
    data = hashing_kb.data
    positions = np.array([3, 0, 7], dtype=np.int64)
    rows, counts = data.sentence_rows(positions)
    spans = data.sentence_spans[rows].tolist()
    expected = [[p, s, e] for p in positions.tolist() for s, e in data.chunks[p].sentences]
    assert spans == expected and counts.tolist() == [len(data.chunks[p].sentences) for p in positions.tolist()]


@pytest.mark.parametrize("damage", ["missing", "emptied"])
def test_a_lost_meetings_file_means_a_rebuild(hashing_kb, fresh_corpus, damage):
    """Without its meetings.json (or with an empty list in it) a build is rebuilt, and the meetings are back."""
    hashing_kb.ensure_index()
    meetings = hashing_kb.data.meetings
    assert meetings
    if damage == "missing":
        (build_of(hashing_kb) / "meetings.json").unlink()
    else:
        (build_of(hashing_kb) / "meetings.json").write_text("[]")
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    assert reopened.ensure_index() is not None
    assert reopened.meetings() == meetings


@pytest.mark.parametrize("damage", ["manifest []", "manifest null", "manifest without corpus_hash",
                                    "CURRENT not UTF-8"])
def test_a_garbled_manifest_or_pointer_means_a_rebuild(hashing_kb, fresh_corpus, damage):
    """A manifest that is not an object or lacks a field, or an unreadable CURRENT, is rebuilt, not a crash."""
    hashing_kb.ensure_index()
    manifest = build_of(hashing_kb) / "manifest.json"
    if damage == "manifest []":
        manifest.write_text("[]")
    elif damage == "manifest null":
        manifest.write_text("null")
    elif damage == "manifest without corpus_hash":
        manifest.write_text(json.dumps({k: v for k, v in json.loads(manifest.read_text()).items()
                                        if k != "corpus_hash"}))
    else:
        (hashing_kb.index_dir / CURRENT).write_bytes(b"\xff\xfe build")
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    assert reopened.ensure_index() is not None
    assert reopened.search("Pompeo meeting Washington", k=1) and reopened.status()["documents"] == 1


@pytest.mark.parametrize("damage", ["CURRENT is a directory", "the index is a file"])
def test_an_index_path_that_cannot_be_used_is_one_error(fresh_corpus, tmp_path, damage):
    """CURRENT made a directory, or an index path that is a file, give one error line naming it."""
    index = tmp_path / "index"
    if damage == "the index is a file":
        index.write_text("not an index")
        expected = r"^cannot write the index in .*index: it is a file, not a directory$"
    else:
        (index / CURRENT).mkdir(parents=True)
        expected = r"^cannot write the index in .*index: Is a directory$"
    kb = KnowledgeBase(fresh_corpus, index, embedder=HashingEmbedder())
    with pytest.raises(IndexWriteError, match=expected):
        kb.ensure_index()
    assert not [p for p in index.iterdir() if p.name.startswith(("build-", ".tmp-"))] if index.is_dir() else True


def test_builds_left_by_killed_processes_are_cleaned(hashing_kb, fresh_corpus):
    """The temporary build of a process that died is removed by the next build; a live one's is kept."""
    hashing_kb.ensure_index()
    dead = subprocess.Popen(["true"])
    dead.wait()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        left = hashing_kb.index_dir / f".tmp-build-20261202T000000-{dead.pid}-000001"
        running = hashing_kb.index_dir / f".tmp-build-20261202T000000-{alive.pid}-000002"
        for path in (left, running):
            (path / "bm25").mkdir(parents=True)
            (path / "chunks.faiss").write_bytes(b"\0" * 1000)
        pointer = hashing_kb.index_dir / f".CURRENT.build-20261202T000000-{dead.pid}-000001"
        pointer.write_text("build-20261202T000000\n")
        (fresh_corpus / "geneva.txt").write_text(ARTICLE)
        hashing_kb.refresh()
        assert not left.exists() and not pointer.exists() and running.exists()
    finally:
        alive.kill()
        alive.wait()

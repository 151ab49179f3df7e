"""From a corpus directory to a stored index, embedding only text the previous index has not seen."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.corpus.documents import Document, load_corpus
from index.errors import IndexWriteError
from index.meetings.extract import extract_meetings
from index.meetings.records import EXTRACTOR_VERSION, Meeting
from index.retrieval.bm25 import Bm25Index
from index.retrieval.chunking import Chunk, Chunker
from index.retrieval.embedding import Embedder
from index.retrieval.sentence_terms import SentenceTerms
from index.retrieval.store import FORMAT_VERSION, IndexData, corpus_fingerprint, load_index, write_index
from index.text.tokens import marked_terms, unmark

log = logging.getLogger(__name__)

# progress(stage, done, total)
BuildProgress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    documents: int
    chunks: int
    sentences: int
    meetings: int
    embedded: int
    reused: int
    seconds: float
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return dict(self.__dict__, seconds=round(self.seconds, 3))


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _reusable(previous: IndexData | None, model: str) -> tuple[dict[bytes, np.ndarray], dict[bytes, int]]:
    """Vectors of the previous index (same model) keyed by the exact text that was embedded, and the
    rows of its sentences whose stored terms this version would compute the same, keyed by their text."""
    if previous is None:
        return {}, {}
    same_model = previous.manifest.get("model") == model
    same_terms = previous.sentence_terms is not None and previous.manifest.get("format") == FORMAT_VERSION
    vectors = {_key(c.embed_text): previous.vectors[i] for i, c in enumerate(previous.chunks)} if same_model else {}
    rows: dict[bytes, int] = {}
    for row, (position, start, end) in enumerate(previous.sentence_spans.tolist()):
        key = _key(previous.documents[previous.chunks[position].doc_id].text[start:end])
        if same_model:
            vectors[key] = previous.sentence_vectors[row]
        if same_terms:
            rows[key] = row
    return vectors, rows


def _meetings(documents: list[Document], previous: IndexData | None, warnings: list[str]) -> list[Meeting]:
    """Meeting records of every document; an unchanged document keeps the records it had."""
    reuse = (previous is not None and previous.meetings is not None
             and previous.manifest.get("format") == FORMAT_VERSION
             and previous.manifest.get("extractor") == EXTRACTOR_VERSION)  # an older extractor's records are made anew
    old_hashes = previous.manifest.get("document_hashes", {}) if reuse else {}
    kept: dict[str, list[Meeting]] = {}
    for meeting in previous.meetings if reuse else []:
        kept.setdefault(meeting.doc_id, []).append(meeting)
    out: list[Meeting] = []
    for document in documents:
        if old_hashes.get(document.doc_id) == document.content_hash:
            out.extend(kept.get(document.doc_id, []))
        else:
            try:
                out.extend(extract_meetings(document))
            except Exception as error:  # noqa: BLE001 - one odd article must not stop the index being built
                log.warning("no meeting records for %s: %s", document.doc_id, error)
                warnings.append(f"{document.doc_id}: meeting records skipped ({type(error).__name__}: {error})")
    return out


def _chunk_tokens(chunks: list[Chunk], sentence_rows: list[tuple[int, int, int]],
                  sentence_terms: list[list[str]]) -> list[list[str]]:
    """Each chunk's BM25 tokens: its header's, then its sentences' (a chunk is its sentences joined)."""
    headers: dict[str, list[str]] = {}
    out: list[list[str]] = []
    for chunk in chunks:
        if chunk.header not in headers:
            headers[chunk.header] = marked_terms(chunk.header)
        out.append(list(headers[chunk.header]))
    for (position, _, _), terms in zip(sentence_rows, sentence_terms, strict=True):
        out[position].extend(terms)
    return [unmark(tokens) for tokens in out]


def build_index(corpus_dir: Path, index_dir: Path, embedder: Embedder, chunker: Chunker | None = None,
                previous: IndexData | None = None, progress: BuildProgress | None = None,
                max_file_bytes: int | None = None) -> tuple[IndexData, BuildReport]:
    """Build and swap in the index of corpus_dir (files over max_file_bytes skipped with a warning)."""
    began = time.perf_counter()
    chunker = chunker or Chunker()
    fingerprint = corpus_fingerprint(corpus_dir)
    documents, warnings = load_corpus(corpus_dir, max_file_bytes)
    chunks: list[Chunk] = []
    for number, document in enumerate(documents, start=1):
        chunks.extend(chunker.chunk(document))
        if progress:
            progress("reading", number, len(documents))
    by_id = {d.doc_id: d for d in documents}
    sentence_rows = [(position, s, e) for position, chunk in enumerate(chunks) for s, e in chunk.sentences]
    texts = [c.embed_text for c in chunks] + [by_id[chunks[p].doc_id].text[s:e] for p, s, e in sentence_rows]

    known, term_rows = _reusable(previous, embedder.name)
    keys = [_key(t) for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in known]
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in known:
            vectors[i] = known[k]
    if missing:
        # longest first keeps batches of similar length; the progress bar then speeds up, never stalls
        missing.sort(key=lambda i: -len(texts[i]))
        encoded = embedder.encode([texts[i] for i in missing],
                                  progress=(lambda d, t: progress("embedding", d, t)) if progress else None)
        vectors[missing] = encoded
    if progress:
        progress("indexing", 0, 1)
    sentence_terms = [previous.sentence_terms.marked(term_rows[k]) if k in term_rows else marked_terms(t)
                      for t, k in zip(texts[len(chunks):], keys[len(chunks):], strict=True)]
    bm25 = Bm25Index.build(_chunk_tokens(chunks, sentence_rows, sentence_terms))
    meetings = _meetings(documents, previous, warnings)
    spans = np.array(sentence_rows, dtype=np.int32).reshape(-1, 3)
    try:
        write_index(index_dir, documents=documents, chunks=chunks, vectors=vectors[: len(chunks)],
                    sentence_spans=spans, sentence_vectors=vectors[len(chunks):],
                    sentence_terms=SentenceTerms.from_marked(sentence_terms), bm25=bm25, meetings=meetings,
                    corpus_hash=fingerprint, model=embedder.name, build_seconds=time.perf_counter() - began)
    except OSError as error:
        raise IndexWriteError(index_dir, error) from error
    data = load_index(index_dir)
    if progress:
        progress("indexing", 1, 1)
    old = previous.manifest.get("document_hashes", {}) if previous else {}
    new = data.manifest["document_hashes"]
    report = BuildReport(
        documents=len(documents), chunks=len(chunks), sentences=len(sentence_rows), meetings=len(meetings),
        embedded=len(missing),
        reused=len(texts) - len(missing), seconds=time.perf_counter() - began,
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(d for d in set(new) & set(old) if new[d] != old[d]),
        warnings=warnings,
    )
    log.info("index built: %d documents, %d chunks, %d meetings, %d embedded, %d reused in %.1fs",
             report.documents, report.chunks, report.meetings, report.embedded, report.reused, report.seconds)
    return data, report

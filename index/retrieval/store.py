"""The index directory: FAISS, BM25, chunk and document metadata, manifest; built aside and swapped in."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.corpus.documents import SUFFIXES, Document, Paragraph
from index.corpus.metadata import SIDECAR_SUFFIX
from index.errors import IndexCorruptError
from index.meetings.records import EXTRACTOR_VERSION, Meeting
from index.retrieval.bm25 import Bm25Index
from index.retrieval.chunking import Chunk
from index.retrieval.sentence_terms import SentenceTerms, concatenated_ranges
from index.text import gazetteer

log = logging.getLogger(__name__)

FORMAT_VERSION = 4
CURRENT = "CURRENT"
TMP_PREFIX = ".tmp-"  # a build being written; renamed when complete
HNSW_THRESHOLD = 50_000
# recall@10 against exact search 0.984 at 110,181 passages (README); graphs built before 2026-12-02
# (efConstruction 80) keep the efSearch 80 they were saved with
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 40


def _fingerprinted_files(corpus_dir: Path) -> list[Path]:
    """The article files and their metadata sidecars: everything whose change makes the index stale."""
    if not corpus_dir.is_dir():
        return []
    suffixes = (*SUFFIXES, SIDECAR_SUFFIX)
    return sorted(p for p in corpus_dir.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name.lower().endswith(suffixes))


def corpus_fingerprint(corpus_dir: Path) -> str:
    """Hash of every corpus file's name and bytes: a changed corpus makes the index stale."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\nmeetings {EXTRACTOR_VERSION}\n".encode())
    for path in _fingerprinted_files(corpus_dir):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<unreadable>"
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass
class IndexData:
    """A loaded, read-only index snapshot. Questions in flight keep the one they started with."""

    directory: Path
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    vectors: np.ndarray            # chunk vectors, float32, unit length
    faiss_index: object
    sentence_spans: np.ndarray     # int32 rows: chunk index, start, end
    sentence_vectors: np.ndarray   # float32 in memory (float16 on disk), unit length
    bm25: Bm25Index
    meetings: list[Meeting] | None = field(default_factory=list)  # None: lost (only in a salvaged index)
    sentence_terms: SentenceTerms | None = None  # None only in an index of an older format being salvaged

    def __post_init__(self) -> None:
        owners = self.sentence_spans[:, 0] if len(self.sentence_spans) else np.zeros(0, dtype=np.int32)
        self.first_sentence = np.searchsorted(owners, np.arange(len(self.chunks) + 1)).astype(np.int64)
        self.vectors = np.ascontiguousarray(self.vectors, dtype=np.float32)
        self.sentence_vectors = np.ascontiguousarray(self.sentence_vectors, dtype=np.float32)

    @property
    def corpus_hash(self) -> str | None:
        return self.manifest.get("corpus_hash")

    def nearest(self, vector: np.ndarray, k: int) -> np.ndarray:
        """Rows of the k chunks whose vectors are nearest a unit query vector, best first.

        FAISS runs on the calling thread alone: its worker threads would wait for the cores the
        embedding model has just used.
        """
        import faiss

        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            _, found = self.faiss_index.search(vector.reshape(1, -1), k)
        finally:
            faiss.omp_set_num_threads(threads)
        return found[0][found[0] >= 0]

    def sentence_rows(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sentence rows of the chunks at positions, one chunk after the other, and each chunk's count."""
        starts = self.first_sentence[positions]
        counts = self.first_sentence[positions + 1] - starts
        return concatenated_ranges(starts, counts), counts


def make_faiss_index(vectors: np.ndarray):
    import faiss

    dimension = vectors.shape[1]
    if len(vectors) >= HNSW_THRESHOLD:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH  # saved with the graph
    else:  # exact search over float16 copies: half the memory to read per question
        index = faiss.IndexScalarQuantizer(dimension, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def write_index(index_root: Path, *, documents: list[Document], chunks: list[Chunk], vectors: np.ndarray,
                sentence_spans: np.ndarray, sentence_vectors: np.ndarray, sentence_terms: SentenceTerms,
                bm25: Bm25Index, meetings: list[Meeting], corpus_hash: str, model: str,
                build_seconds: float) -> Path:
    """Write a complete index beside the current one, then point CURRENT at it atomically.

    OSError when the directory cannot be written (full disk, read-only); the current index is untouched.
    """
    index_root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(index_root)
    stamp = datetime.now(UTC)
    name = f"build-{stamp:%Y%m%dT%H%M%S}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    tmp = index_root / f"{TMP_PREFIX}{name}"
    tmp.mkdir()
    try:
        faiss_index = make_faiss_index(vectors)
        _write_faiss(faiss_index, tmp / "chunks.faiss")
        np.save(tmp / "sentence_spans.npy", sentence_spans.astype(np.int32), allow_pickle=False)
        np.save(tmp / "sentence_vectors.npy", sentence_vectors.astype(np.float16), allow_pickle=False)
        bm25.save(tmp / "bm25")
        sentence_terms.save(tmp)
        _write_json(tmp / "documents.json", [_document_record(d) for d in documents])
        _write_json(tmp / "chunks.json", [_chunk_record(c) for c in chunks])
        _write_json(tmp / "meetings.json", [m.to_json() for m in meetings])
        manifest = {
            "format": FORMAT_VERSION, "model": model, "dimension": int(vectors.shape[1]),
            "corpus_hash": corpus_hash, "built_at": stamp.isoformat(timespec="seconds"),
            "build_seconds": round(build_seconds, 3), "documents": len(documents), "chunks": len(chunks),
            "sentences": len(sentence_spans), "meetings": len(meetings), "faiss": type(faiss_index).__name__,
            "document_hashes": {d.doc_id: d.content_hash for d in documents}, "extractor": EXTRACTOR_VERSION,
            "files": _file_names(tmp),
        }
        _write_json(tmp / "manifest.json", manifest)
        os.replace(tmp, index_root / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = index_root / f".{CURRENT}.{name}"
    try:
        pointer.write_text(name + "\n", encoding="utf-8")
        previous = current_build(index_root)
        os.replace(pointer, index_root / CURRENT)
    except BaseException:
        pointer.unlink(missing_ok=True)
        shutil.rmtree(index_root / name, ignore_errors=True)
        raise
    _remove_old_builds(index_root, keep={name, previous})
    return index_root / name


def _write_faiss(faiss_index, path: Path) -> None:
    """faiss reports a failed write as RuntimeError; Python's own file writing says why (ENOSPC, EROFS)."""
    import faiss

    with open(path, "wb") as handle:
        handle.write(faiss.serialize_index(faiss_index))  # through Python: a failure has its errno


def _file_names(directory: Path) -> list[str]:
    """Every file of a build (but the manifest): what load_index checks is all there."""
    return [p.relative_to(directory).as_posix()
            for p in sorted(directory.rglob("*")) if p.is_file() and p.name != "manifest.json"]


def load_index(index_root: Path, any_format: bool = False) -> IndexData:
    """Load and check the current index; IndexCorruptError says what is wrong.

    When another process swaps in a new build (and removes an old one) while this one loads, the
    new current build is loaded instead. any_format loads an index of another format version as far
    as it goes (to reuse its vectors; its meetings are None when they cannot be trusted).
    """
    gazetteer.load()  # the place names answers check, read here rather than during a first question
    for _attempt in range(5):
        name = current_build(index_root)
        if name is None:
            raise IndexCorruptError(index_root, "no index has been built here")
        try:
            return _load_build(index_root, name, any_format)
        except IndexCorruptError:
            if current_build(index_root) == name:
                raise
            log.info("build %s was replaced while loading it; loading the current one", name)
    raise IndexCorruptError(index_root, "the index kept changing while it was being loaded")


_MANIFEST_KEYS = {"format": int, "model": str, "dimension": int, "corpus_hash": str, "built_at": str,
                  "documents": int, "chunks": int, "sentences": int, "faiss": str}


def _read_manifest(index_root: Path, directory: Path) -> dict:
    manifest = _read_json(directory / "manifest.json")
    if not isinstance(manifest, dict):
        raise IndexCorruptError(index_root, "manifest.json is not a JSON object")
    if manifest.get("format") != FORMAT_VERSION and isinstance(manifest.get("format"), int):
        return manifest  # another version: the caller decides
    wrong = [key for key, kind in _MANIFEST_KEYS.items() if not isinstance(manifest.get(key), kind)]
    if wrong:
        raise IndexCorruptError(index_root, f"manifest.json lacks {', '.join(wrong)}")
    return manifest


def _missing_files(directory: Path, manifest: dict) -> list[str]:
    """Files the manifest lists that are not in the build."""
    names = manifest.get("files") or []
    return [f"{name} is missing" for name in names if isinstance(name, str) and not (directory / name).is_file()]


def _load_build(index_root: Path, name: str, any_format: bool) -> IndexData:
    import faiss

    directory = index_root / name
    try:
        manifest = _read_manifest(index_root, directory)
        if manifest.get("format") != FORMAT_VERSION and not any_format:
            raise IndexCorruptError(index_root, f"index format {manifest.get('format')} is not {FORMAT_VERSION}")
        missing = _missing_files(directory, manifest)
        meetings_bad = any(m.startswith("meetings.json") for m in missing)
        if len(missing) > meetings_bad and not any_format:  # a salvage takes what still loads
            raise IndexCorruptError(index_root, "; ".join(missing))
        documents = {r["doc_id"]: _document_from(r) for r in _read_json(directory / "documents.json")}
        chunks = [_chunk_from(r) for r in _read_json(directory / "chunks.json")]
        faiss_index = faiss.read_index(str(directory / "chunks.faiss"))
        vectors = faiss_index.reconstruct_n(0, faiss_index.ntotal) if faiss_index.ntotal else np.zeros(
            (0, faiss_index.d), dtype=np.float32)
        spans = np.load(directory / "sentence_spans.npy", allow_pickle=False)
        sentence_vectors = np.load(directory / "sentence_vectors.npy", allow_pickle=False).astype(np.float32)
        stored_terms = all((directory / name).exists() for name in SentenceTerms.FILES)
        terms = SentenceTerms.load(directory) if stored_terms or not any_format else None
        bm25 = Bm25Index.load(directory / "bm25")
        meetings_file = directory / "meetings.json"
        meetings = None if meetings_bad or not meetings_file.exists() else [
            Meeting.from_json(r) for r in _read_json(meetings_file)]
    except IndexCorruptError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, EOFError, AttributeError) as error:
        raise IndexCorruptError(index_root, f"{type(error).__name__}: {str(error).splitlines()[0][:200]}") from error
    problems = []
    if faiss_index.ntotal != len(chunks) or manifest.get("chunks") != len(chunks):
        problems.append(f"{len(chunks)} chunks but {faiss_index.ntotal} vectors")
    if faiss_index.d != manifest.get("dimension") or sentence_vectors.shape[1:] != (faiss_index.d,):
        problems.append("vector dimension does not match the manifest")
    if len(spans) != len(sentence_vectors) or len(spans) != manifest.get("sentences"):
        problems.append("sentence arrays do not match the manifest")
    if terms is not None and len(terms) != len(spans):
        problems.append("sentence terms do not match the sentences")
    if bm25.n_docs != len(chunks):
        problems.append("BM25 index does not match the chunks")
    if len(documents) != manifest.get("documents"):
        problems.append("document count does not match the manifest")
    if meetings is not None and "meetings" in manifest and len(meetings) != manifest["meetings"]:
        meetings = None
    if meetings is None and not any_format:
        problems.append("meetings.json is missing or does not match the manifest")
    if problems:
        raise IndexCorruptError(index_root, "; ".join(problems))
    return IndexData(directory, manifest, documents, chunks, vectors, faiss_index, spans, sentence_vectors, bm25,
                     meetings, terms)


def current_build(index_root: Path) -> str | None:
    """The name of the build CURRENT points at (None when there is none or CURRENT is unreadable)."""
    try:
        name = (index_root / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name and "/" not in name and "\\" not in name and (index_root / name).is_dir() else None


def _remove_old_builds(index_root: Path, keep: set[str | None]) -> None:
    for path in index_root.iterdir():
        if path.is_dir() and path.name.startswith("build-") and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _remove_abandoned_builds(index_root: Path) -> None:
    """Temporary builds and CURRENT pointers of processes that died before finishing (killed, powered
    off) are removed."""
    for path in index_root.iterdir():
        if not path.name.startswith((TMP_PREFIX, f".{CURRENT}.")) or _running(_builder_pid(path.name)):
            continue
        log.info("removing %s, left by a build that did not finish", path.name)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _builder_pid(name: str) -> int | None:
    """The id of the process that writes the temporary build of this name (build-STAMP-PID-N)."""
    parts = name.split("-")
    return int(parts[-2]) if len(parts) >= 4 and parts[-2].isdigit() else None


def _running(pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _document_record(document: Document) -> dict:
    return {"doc_id": document.doc_id, "title": document.title, "meta": dict(document.meta),
            "text": document.text, "paragraphs": [[p.number, p.start, p.end] for p in document.paragraphs],
            "dropped": [[p.number, p.start, p.end] for p in document.dropped], "path": document.path,
            "content_hash": document.content_hash}


def _document_from(record: dict) -> Document:
    record = dict(record)
    record["paragraphs"] = tuple(Paragraph(*p) for p in record["paragraphs"])
    record["dropped"] = tuple(Paragraph(*p) for p in record["dropped"])
    return Document(**record)


def _chunk_record(chunk: Chunk) -> dict:
    return {"doc_id": chunk.doc_id, "paragraph": chunk.paragraph, "start": chunk.start, "end": chunk.end,
            "text": chunk.text, "header": chunk.header, "sentences": [list(s) for s in chunk.sentences]}


def _chunk_from(record: dict) -> Chunk:
    record = dict(record)
    record["sentences"] = tuple(tuple(s) for s in record["sentences"])
    return Chunk(**record)

"""The knowledge base: one object that owns the loaded index and answers, searches and refreshes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.answers.compose import Answer, Answerer
from index.answers.lower_case import names_only
from index.answers.meetings import answer_from_meetings
from index.answers.premises import checked, unquoted
from index.answers.replies import name_missed
from index.corpus.documents import Document
from index.corpus.fetch import FetchPolicy, fetch_page
from index.corpus.files import (
    MAX_FILE_BYTES,
    CorpusChange,
    SaveResult,
    add_file,
    corpus_file_of,
    remove_article,
    save_article,
)
from index.corpus.html import ExtractedArticle, extract_article
from index.errors import (
    BadQuestionError,
    CommuniqueError,
    IndexCorruptError,
    IndexWriteError,
    RefreshInProgressError,
    UnknownDocumentError,
)
from index.meetings.records import Meeting, find_meetings
from index.question import MAX_QUESTION_CHARS, clean_question, make_queries
from index.reader.model import Reader
from index.retrieval.build import BuildProgress, BuildReport, build_index
from index.retrieval.chunking import Chunker
from index.retrieval.embedding import Embedder, make_embedder
from index.retrieval.search import Hit, HybridSearcher, Query
from index.retrieval.store import IndexData, corpus_fingerprint, current_build, load_index
from index.retrieval.writer import index_writer

log = logging.getLogger(__name__)


class KnowledgeBase:
    """Thread-safe: refreshes build a new index beside the old one and swap it in under a lock."""

    def __init__(self, corpus_dir: Path, index_dir: Path, embedder: Embedder | None = None,
                 searcher: HybridSearcher | None = None, answerer: Answerer | None = None,
                 chunker: Chunker | None = None, max_question_chars: int = MAX_QUESTION_CHARS,
                 max_file_bytes: int = MAX_FILE_BYTES, reader: bool = False):
        """reader: let the trained reader (index/reader/) rank candidate sentences and decide abstentions."""
        if max_question_chars < 10:
            raise ValueError(f"max_question_chars must be at least 10, got {max_question_chars}")
        if max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be at least 1, got {max_file_bytes}")
        self.corpus_dir = Path(corpus_dir).absolute()  # stored paths do not depend on where it ran
        self.index_dir = Path(index_dir).absolute()
        self.embedder = embedder or make_embedder()
        self.searcher = searcher or HybridSearcher()
        if answerer is None:  # one reader (loaded on first use) orders near ties and, with `reader`, vetoes
            trained = Reader.for_embedder(self.embedder)
            answerer = Answerer(reader=trained if reader else None, tie_reader=trained)
        self.answerer = answerer
        self.chunker = chunker or Chunker()
        self.max_question_chars = max_question_chars
        self.max_file_bytes = max_file_bytes
        self._data: IndexData | None = None
        self._swap_lock = threading.Lock()
        self._refresh_lock = threading.Lock()

    # --- the index ---------------------------------------------------------------------------------

    @property
    def data(self) -> IndexData:
        data = self._data
        if data is None:
            self.ensure_index()
            data = self._data
        return data

    @property
    def loaded_data(self) -> IndexData | None:
        """The index in use, without loading or building one."""
        return self._data

    def is_stale(self) -> bool:
        """True when there is no index, the corpus changed, or the index was made by another model."""
        data = self._data
        return (data is None or data.corpus_hash != corpus_fingerprint(self.corpus_dir)
                or data.manifest.get("model") != self.embedder.name
                or data.manifest.get("dimension") != self.embedder.dimension)

    def ensure_index(self, progress: BuildProgress | None = None, fallback: bool = True) -> BuildReport | None:
        """Load the stored index; build it when it is missing, unusable or older than the corpus.

        When the index directory cannot be written (full disk, read-only), a loaded index keeps
        answering, with a warning, if fallback is true; otherwise IndexWriteError says what is wrong.
        """
        if self._data is not None and not self.is_stale():
            return None
        with self._refresh_lock:
            previous = None
            if self._data is None:
                try:
                    self._install(load_index(self.index_dir))
                except IndexCorruptError as error:
                    if error.reason != "no index has been built here":
                        log.warning("%s; rebuilding", error)
                    previous = self._salvage()
            if self._data is not None and not self.is_stale():
                return None
            try:
                with index_writer(self.index_dir):
                    self._follow_current()  # another process may have built it while this one waited
                    if self._data is not None and not self.is_stale():
                        return None
                    return self._rebuild(progress, previous)
            except IndexWriteError as error:
                if self._data is None or not fallback:
                    raise
                log.warning("%s; answering from the index built %s", error, self._data.manifest.get("built_at"))
                return None

    def follow_shared_index(self) -> bool:
        """Load the build another process sharing this index directory has swapped in, if any."""
        if self._data is None or self.refreshing:
            return False
        return self._follow_current()

    def _follow_current(self) -> bool:
        data = self._data
        name = current_build(self.index_dir)
        if name is None or (data is not None and name == data.directory.name):
            return False
        try:
            self._install(load_index(self.index_dir))
        except IndexCorruptError as error:
            log.info("not following the shared index: %s", error)
            return False
        log.info("following the shared index to %s", name)
        return True

    def _salvage(self) -> IndexData | None:
        """An unusable index may still hold vectors worth reusing (an older format, say)."""
        try:
            return load_index(self.index_dir, any_format=True)
        except IndexCorruptError:
            return None

    def refresh(self, progress: BuildProgress | None = None, wait: bool = False) -> BuildReport:
        """Re-read the corpus and swap in the new index; the old one answers until then."""
        with self._exclusive(wait):
            return self._rebuild(progress)

    @contextmanager
    def _exclusive(self, wait: bool) -> Iterator[None]:
        """One change to the index at a time, in this process (without wait, a second one is refused at
        once) and across the processes sharing the index directory (they wait for their turn)."""
        if not self._refresh_lock.acquire(blocking=wait):
            raise RefreshInProgressError()
        try:
            with index_writer(self.index_dir):
                self._follow_current()  # build on what another process may have swapped in
                yield
        finally:
            self._refresh_lock.release()

    @property
    def refreshing(self) -> bool:
        return self._refresh_lock.locked()

    def _rebuild(self, progress: BuildProgress | None, previous: IndexData | None = None) -> BuildReport:
        data, report = build_index(self.corpus_dir, self.index_dir, self.embedder, self.chunker,
                                   previous=previous or self._data, progress=progress,
                                   max_file_bytes=self.max_file_bytes)
        self._install(data)
        return report

    def _install(self, data: IndexData) -> None:
        names_only(data.documents)  # the names lower-case questions are checked for, read before serving
        with self._swap_lock:
            self._data = data

    # --- questions ---------------------------------------------------------------------------------

    def ask(self, question: str, context: str | None = None) -> Answer:
        """Answer one question; context (an earlier question it follows up) steers the search."""
        return self.ask_many([question], context=context)[0]

    def ask_many(self, questions: Sequence[str], context: str | None = None) -> list[Answer]:
        """Answers in order; questions are cleaned here, once, and embedded together in one batch."""
        cleaned = [clean_question(q, self.max_question_chars) for q in questions]
        context = clean_question(context, self.max_question_chars) if context and context.strip() else ""
        data = self.data
        return [self.answer(data, query) for query in make_queries(cleaned, self.embedder, context)]

    def answer(self, data: IndexData, query: Query) -> Answer:
        """A meeting question from the meeting records; any other from the best passages' sentences."""
        try:
            recorded = answer_from_meetings(query.text, data.meetings, data.documents, context=query.context)
        except Exception:  # a fault in the records' answer: the passages still answer, and the log says why
            log.exception("answering %r from the meeting records failed; answering from the passages", query.text)
            recorded = None
        if recorded is None:
            return self._from_passages(data, query)
        verdict = checked(recorded, data.bm25.doc_freq, data.documents, from_quotes=False)
        if not name_missed(verdict):
            return verdict
        # the records' answer misses a name the question gives ("the Frankfurt meeting"): the passages'
        # answer stands instead if its own quotes hold it
        answer = self._from_passages(data, query)
        return answer if answer.answered and not set(unquoted(recorded)) & set(unquoted(answer)) else verdict

    def _from_passages(self, data: IndexData, query: Query) -> Answer:
        hits = self.searcher.search(data, query, k=self.answerer.weights.candidates)
        answer = checked(self.answerer.answer(data, query, hits), data.bm25.doc_freq, data.documents)
        if name_missed(answer):  # the best sentence misses a name the question gives: a runner-up may hold it
            runner_up = self.answerer.answer(data, query, hits, runner_up_first=True)
            if runner_up is not None and not unquoted(runner_up):
                runner_up = checked(runner_up, data.bm25.doc_freq, data.documents)
                return runner_up if runner_up.answered else answer
        return answer

    def meetings(self, person: str | None = None, place: str | None = None) -> list[Meeting]:
        """The meeting records of the indexed articles, optionally those of a person and a place."""
        return find_meetings(self.data.meetings, person, place)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return self.search_many([query], k)[0]

    def search_many(self, queries: Sequence[str], k: int = 5) -> list[list[Hit]]:
        if not 1 <= k <= 100:
            raise BadQuestionError(f"k must be between 1 and 100, got {k}")
        cleaned = [clean_question(q, self.max_question_chars) for q in queries]
        data = self.data
        return [self.searcher.search(data, query, k) for query in make_queries(cleaned, self.embedder)]

    # --- documents ---------------------------------------------------------------------------------

    def source(self, doc_id: str) -> Document:
        documents = self.data.documents
        if doc_id not in documents:
            raise UnknownDocumentError(doc_id, sorted(documents))
        return documents[doc_id]

    def documents(self) -> list[Document]:
        return sorted(self.data.documents.values(), key=lambda d: d.doc_id)

    def status(self) -> dict:
        data = self.data
        manifest = data.manifest
        return {
            "documents": manifest["documents"], "chunks": manifest["chunks"],
            "sentences": manifest["sentences"], "model": manifest["model"],
            "dimension": manifest["dimension"], "faiss": manifest["faiss"],
            "built_at": manifest["built_at"], "corpus_hash": manifest["corpus_hash"],
            "stale": self.is_stale(), "corpus": str(self.corpus_dir), "index": str(data.directory),
        }

    def add(self, path: Path, progress: BuildProgress | None = None, wait: bool = False,
            replace: bool = False) -> tuple[str, BuildReport]:
        """Copy a readable .txt/.md/.html article (and its sidecar) into the corpus, then refresh.

        An article with the same doc_id is refused unless replace is true."""
        with self._exclusive(wait), CorpusChange(self.corpus_dir) as change:
            document = add_file(change, path, replace=replace, max_bytes=self.max_file_bytes)
            return document.doc_id, self._rebuild(progress)

    def add_url(self, url: str, policy: FetchPolicy | None = None, progress: BuildProgress | None = None,
                wait: bool = False) -> tuple[SaveResult, BuildReport | None]:
        """Fetch a web page's article into the corpus, then refresh; (result, None) when it was already there."""
        page = fetch_page(url, policy)  # network and extraction outside the lock
        article = extract_article(page.body, page.final_url, also_from=page.url)
        with self._exclusive(wait), CorpusChange(self.corpus_dir) as change:
            result = save_article(change, article)
            if not result.changed:
                return result, None
            return result, self._rebuild(progress)

    def add_articles(self, articles: Sequence[ExtractedArticle], progress: BuildProgress | None = None,
                     wait: bool = False) -> tuple[list[SaveResult], BuildReport | None]:
        """Save fetched articles into the corpus and refresh once; (results, None) when none changed it."""
        with self._exclusive(wait), CorpusChange(self.corpus_dir) as change:
            results = [save_article(change, article) for article in articles]
            if not any(result.changed for result in results):
                return results, None
            return results, self._rebuild(progress)

    def remove(self, doc_id: str, progress: BuildProgress | None = None, wait: bool = False) -> BuildReport:
        """Delete an article's file (and sidecar) from the corpus directory, then refresh."""
        document = self.source(doc_id)
        with self._exclusive(wait), CorpusChange(self.corpus_dir) as change:
            path = corpus_file_of(self.corpus_dir, doc_id, Path(document.path).name)
            if path is None:
                raise UnknownDocumentError(doc_id)
            if len(self.data.documents) == 1:
                raise CommuniqueError(f"{doc_id} is the only article; the corpus cannot be left empty")
            remove_article(change, path)
            return self._rebuild(progress)

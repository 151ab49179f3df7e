"""Questions, searches and lookups over several collections at once (the shared one and a server's own).

The question is cleaned and embedded once (every collection shares the embedder); each collection
answers it from its own index, and the more confident answer is kept whole, so its quotes all come
from one collection. Search hits are merged by score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.answers.compose import Answer
from index.collections import SHARED, Source
from index.corpus.documents import Document
from index.errors import BadQuestionError, UnknownDocumentError
from index.meetings.records import Meeting, find_meetings
from index.question import clean_question, make_queries
from index.retrieval.search import Hit


@dataclass(frozen=True, slots=True)
class CollectionAnswer(Answer):
    """An answer and the collection its quotes come from."""

    collection: str = SHARED
    own: bool = False  # from the server's own collection


@dataclass(frozen=True, slots=True)
class SourcedHit:
    hit: Hit
    title: str
    collection: str
    own: bool


@dataclass(frozen=True, slots=True)
class SourcedDocument:
    document: Document
    collection: str
    own: bool
    passages: int


def _better(a: CollectionAnswer, b: CollectionAnswer) -> CollectionAnswer:
    """An answer beats an abstention; between two of a kind, the more confident (the first on a tie)."""
    return a if (a.answered, a.score) >= (b.answered, b.score) else b


def ask_across(sources: Sequence[Source], questions: Sequence[str], context: str | None = None
               ) -> list[CollectionAnswer]:
    """One answer per question, each from the collection that answers it best."""
    first = sources[0].kb
    limit = first.max_question_chars
    cleaned = [clean_question(q, limit) for q in questions]
    context = clean_question(context, limit) if context and context.strip() else ""
    queries = make_queries(cleaned, first.embedder, context)
    best: list[CollectionAnswer | None] = [None] * len(queries)
    for source in sources:
        data = source.kb.data
        for n, query in enumerate(queries):
            answer = source.kb.answer(data, query)
            sourced = CollectionAnswer(answer.question, answer.answered, answer.answer, answer.citations,
                                       answer.score, source.name, source.own, details=answer.details)
            best[n] = sourced if best[n] is None else _better(best[n], sourced)
    return best


def search_across(sources: Sequence[Source], query: str, k: int = 5) -> list[SourcedHit]:
    """The k best passages of all the collections, by score."""
    if not 1 <= k <= 100:
        raise BadQuestionError(f"k must be between 1 and 100, got {k}")
    first = sources[0].kb
    [prepared] = make_queries([clean_question(query, first.max_question_chars)], first.embedder)
    found = []
    for source in sources:
        data = source.kb.data
        for hit in source.kb.searcher.search(data, prepared, k):
            title = data.documents[hit.chunk.doc_id].title
            found.append(SourcedHit(hit, title, source.name, source.own))
    found.sort(key=lambda s: -s.hit.score)
    return found[:k]


def documents_across(sources: Sequence[Source]) -> list[SourcedDocument]:
    """Every article of the collections: the shared ones, then the server's own, each by id."""
    out = []
    for source in sources:
        data = source.kb.data
        counts: dict[str, int] = {}
        for chunk in data.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        for document in sorted(data.documents.values(), key=lambda d: d.doc_id):
            out.append(SourcedDocument(document, source.name, source.own, counts.get(document.doc_id, 0)))
    return out


def find_document(sources: Sequence[Source], doc_id: str) -> SourcedDocument:
    """The article of that id: the server's own first (it is what its moderators put there), then shared."""
    for source in sorted(sources, key=lambda s: not s.own):
        documents = source.kb.data.documents
        if doc_id in documents:
            return SourcedDocument(documents[doc_id], source.name, source.own, 0)
    known = sorted({d for s in sources for d in s.kb.data.documents})
    raise UnknownDocumentError(doc_id, known)


def meetings_across(sources: Sequence[Source], person: str | None = None, place: str | None = None
                    ) -> tuple[list[Meeting], dict[str, Document]]:
    """The meeting records of every collection (optionally a person's, a place's), and their documents."""
    meetings: list[Meeting] = []
    documents: dict[str, Document] = {}
    for source in sorted(sources, key=lambda s: s.own):  # shared first; the server's own win a shared id
        data = source.kb.data
        meetings += find_meetings(data.meetings, person, place)
        documents.update(data.documents)
    return meetings, documents

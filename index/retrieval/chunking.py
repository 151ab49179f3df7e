"""Split documents into sentence-aligned passages that keep paragraph numbers and offsets."""

from __future__ import annotations

from dataclasses import dataclass

from index.corpus.documents import Document
from index.text.sentences import split_sentences

MAX_CHUNK_WORDS = 160


@dataclass(frozen=True, slots=True)
class Chunk:
    doc_id: str
    paragraph: int
    start: int
    end: int
    text: str
    header: str
    sentences: tuple[tuple[int, int], ...]

    @property
    def embed_text(self) -> str:
        """What the embedding model sees: the context header, then the passage."""
        return f"{self.header}\n{self.text}" if self.header else self.text


class Chunker:
    """One chunk per paragraph; paragraphs longer than max_words split at sentence ends into even parts."""

    def __init__(self, max_words: int = MAX_CHUNK_WORDS, with_title: bool = True):
        if max_words < 10:
            raise ValueError(f"max_words must be at least 10, got {max_words}")
        self.max_words = max_words
        self.with_title = with_title

    def chunk(self, document: Document) -> list[Chunk]:
        header = document.title if self.with_title else ""
        chunks = []
        for paragraph in document.paragraphs:
            spans = split_sentences(document.text, paragraph.start, paragraph.end)
            if not spans:
                continue
            for group in self._groups(document.text, spans):
                start, end = group[0][0], group[-1][1]
                chunks.append(Chunk(document.doc_id, paragraph.number, start, end,
                                    document.text[start:end], header, tuple(group)))
        return chunks

    def _groups(self, text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        counts = [len(text[s:e].split()) for s, e in spans]
        total = sum(counts)
        if total <= self.max_words:
            return [spans]
        parts = -(-total // self.max_words)
        target = total / parts
        groups: list[list[tuple[int, int]]] = [[]]
        size = 0
        for span, count in zip(spans, counts, strict=True):
            if groups[-1] and size + count / 2 > target and len(groups) < parts:
                groups.append([])
                size = 0
            groups[-1].append(span)
            size += count
        return groups

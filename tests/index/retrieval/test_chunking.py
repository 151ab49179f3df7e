"""Chunking: sentence-aligned passages that keep their paragraph and offsets."""

import pytest

from index.corpus.documents import load_document
from index.retrieval.chunking import Chunker
from tests.index.conftest import SEED


@pytest.fixture(scope="module")
def document():
    return load_document(SEED)


def test_every_chunk_is_its_document_text_at_its_offsets(document):
    """A chunk's text, and each of its sentences, lie verbatim inside its paragraph."""
    for chunk in Chunker().chunk(document):
        paragraph = document.paragraph(chunk.paragraph)
        assert chunk.text == document.text[chunk.start:chunk.end]
        assert paragraph.start <= chunk.start < chunk.end <= paragraph.end
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end


def test_short_paragraphs_are_one_chunk_each(document):
    """With the default size, every paragraph of the seed article is one chunk."""
    chunks = Chunker().chunk(document)
    assert [c.paragraph for c in chunks] == [p.number for p in document.paragraphs]


def test_long_paragraph_splits_at_sentence_ends_into_even_parts(document):
    """A paragraph longer than max_words becomes parts of its sentences, none far over the limit."""
    chunks = [c for c in Chunker(max_words=20).chunk(document) if c.paragraph == 10]
    assert len(chunks) == 2
    assert chunks[0].end < chunks[1].start and all(len(c.text.split()) <= 30 for c in chunks)


def test_the_title_heads_what_is_embedded(document):
    """The embedded text is the article's title, a newline, then the passage; without the title, only the passage."""
    chunk = Chunker().chunk(document)[2]
    assert chunk.embed_text == f"{document.title}\n{chunk.text}"
    assert Chunker(with_title=False).chunk(document)[2].embed_text == chunk.text


def test_tiny_chunk_size_is_refused():
    """max_words under 10 is a ValueError naming the value."""
    with pytest.raises(ValueError, match="got 5"):
        Chunker(max_words=5)

"""The seed article and its meeting records, read once per module that asks for them."""

from __future__ import annotations

import pytest

from index.corpus.documents import Document, load_document
from index.meetings.extract import extract_meetings
from index.meetings.records import Meeting
from tests.index.meetings.support import SEED


@pytest.fixture(scope="module")
def seed() -> tuple[Document, list[Meeting]]:
    doc = load_document(SEED)
    return doc, extract_meetings(doc)

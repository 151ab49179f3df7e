"""Helpers for the meeting tests: the made-up articles, finding one meeting or person, checking quotes."""

from __future__ import annotations

import json
from pathlib import Path

from index.corpus.documents import Document, load_document
from index.meetings.extract import extract_meetings
from index.meetings.records import Fact, Meeting, Person, Quote

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "corpus" / "karabakh-diplomacy.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"
ALL_ARTICLES = sorted(ARTICLES.glob("*.txt"))


def load(name: str) -> tuple[Document, list[Meeting]]:
    doc = load_document(ARTICLES / f"{name}.txt")
    return doc, extract_meetings(doc)


def write(tmp_path: Path, text: str, published: str | None = None) -> Document:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    if published:
        (tmp_path / "article.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return load_document(path)


def story(tmp_path_factory, text: str, published: str | None = None) -> tuple[Document, list[Meeting]]:
    """A made-up article written to its own temporary folder, and its meetings."""
    doc = write(tmp_path_factory.mktemp("story"), text, published)
    return doc, extract_meetings(doc)


def meeting(meetings: list[Meeting], participant: str, counterpart: str) -> Meeting:
    """The one meeting where `participant` is among the participants and `counterpart` among the counterparts."""
    found = [m for m in meetings if any(p.matches(participant) for p in m.participants)
             and any(p.matches(counterpart) for p in m.counterparts)]
    assert len(found) == 1, [m.to_json() for m in meetings]
    return found[0]


def person(people: tuple[Person, ...], name: str) -> Person:
    found = [p for p in people if p.matches(name)]
    assert len(found) == 1, [p.label() for p in people]
    return found[0]


def verbatim(doc: Document, quote: Quote) -> bool:
    para = doc.paragraph(quote.paragraph)
    return (quote.doc_id == doc.doc_id and quote.text == doc.text[quote.start:quote.end] and para is not None
            and para.start <= quote.start < quote.end <= para.end)


def all_quotes(m: Meeting) -> list[Quote]:
    facts = [f for f in (m.place, m.when, m.format, m.status, m.topic, *m.notes) if f]
    return [*m.quotes, *(f.quote for f in facts), *(p.quote for p in m.people())]


def supported(fact: Fact | None, *words: str) -> bool:
    """The fact's quote is one of the meeting's sentences and contains the words that support it."""
    return fact is not None and all(w in fact.quote.text for w in words)

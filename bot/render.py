"""Turning answers, search hits, articles and index status into text, from the templates in prompts/.

Groups: the template loader (`Prompts`), typed-in text, plain data for JSON output, terminal text. A Discord
renderer (embeds) belongs in its own group beside the terminal one and reuses `Prompts`.
Nothing here imports the engine's heavy parts: the engine's objects arrive as arguments.
"""

from __future__ import annotations

import logging
import string
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.retrieval.build import BuildReport
    from index.corpus.documents import Document
    from index.retrieval.search import Hit

log = logging.getLogger(__name__)

SUFFIX = ".txt"


class PromptError(CommuniqueError):
    """A template is missing or cannot be filled in."""


# --- templates ----------------------------------------------------------------------------------------

class Prompts:
    """Templates `<dir>/<name>.txt` with str.format fields, read at run time (re-read when a file changes).

    A template line whose fields all come out empty is left out, so "{url}" alone on a line vanishes for
    an article without a url.
    """

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self._cache: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def template(self, name: str) -> str:
        path = self.directory / f"{name}{SUFFIX}"
        try:
            mtime = path.stat().st_mtime
            with self._lock:
                cached = self._cache.get(name)
            if cached and cached[0] == mtime:
                return cached[1]
            text = path.read_text(encoding="utf-8").rstrip("\n")
        except FileNotFoundError:
            raise PromptError(f"missing prompt template {path} (PROMPTS_DIR is {self.directory})") from None
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise PromptError(f"cannot read prompt template {path}: {reason}") from None
        with self._lock:
            self._cache[name] = (mtime, text)
        return text

    def render(self, name: str, /, **fields: Any) -> str:
        template = self.template(name)
        lines = []
        for line in template.split("\n"):
            try:
                parsed = list(string.Formatter().parse(line))
                filled = line.format(**fields)
            except KeyError as error:
                known = ", ".join(sorted(fields)) or "none"
                raise PromptError(f"prompt template {name}{SUFFIX} uses the field {{{error.args[0]}}}, "
                                  f"which is not one of: {known}") from None
            except (ValueError, IndexError, AttributeError, TypeError) as error:
                raise PromptError(f"prompt template {name}{SUFFIX} has a bad field: {error}") from None
            has_fields = any(field is not None for _, field, _, _ in parsed)
            if has_fields and not filled.strip():
                continue
            lines.append(filled)
        return "\n".join(lines)

    def text(self, name: str) -> str:
        """A template with no fields filled in (for texts like help that have none)."""
        return self.render(name)


# --- text typed in -----------------------------------------------------------------------------------

def repair(text: str) -> str:
    """Undecodable bytes, which arguments and stdin keep as lone surrogates, become U+FFFD: the model's
    tokenizer refuses surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes, e.g. from JSON "\ud800"
        return text.encode("utf-8", "replace").decode("utf-8")


# --- plain data (JSON output) -------------------------------------------------------------------------

def answer_data(answer: Answer) -> dict:
    """The DESIGN's answer object; an unanswered question carries the engine's no-answer text."""
    return answer.to_json()


def hit_data(hit: Hit) -> dict:
    chunk = hit.chunk
    return {"doc_id": chunk.doc_id, "paragraph": chunk.paragraph, "start": chunk.start, "end": chunk.end,
            "text": chunk.text, "score": round(float(hit.score), 4)}


def search_data(query: str, hits: Sequence[Hit]) -> dict:
    return {"query": query, "hits": [hit_data(h) for h in hits]}


def document_data(document: Document) -> dict:
    return {"doc_id": document.doc_id, "title": document.title, "meta": dict(document.meta),
            "text": document.text, "paragraphs": [[p.number, p.start, p.end] for p in document.paragraphs]}


def report_data(report: BuildReport) -> dict:
    return report.to_json()


# --- terminal text ------------------------------------------------------------------------------------

def no_answer_text(prompts: Prompts, question: str = "") -> str:
    return prompts.render("no_answer", question=question)


def answer_text(answer: Answer, prompts: Prompts) -> str:
    if not answer.answered:
        return no_answer_text(prompts, answer.question)
    citations = "\n".join(
        prompts.render("citation", n=c.n, quote=c.quote, title=c.title, paragraph=c.paragraph,
                       doc_id=c.doc_id, url=c.url or "", start=c.start, end=c.end)
        for c in answer.citations)
    return prompts.render("answer", answer=answer.answer, citations=citations, question=answer.question,
                          score=answer.score)


def hits_text(query: str, hits: Sequence[Hit], prompts: Prompts,
              titles: dict[str, str] | None = None) -> str:
    if not hits:
        return prompts.render("no_hits", query=query)
    titles = titles or {}
    return "\n".join(
        prompts.render("hit", rank=rank, title=titles.get(h.chunk.doc_id, h.chunk.doc_id),
                       doc_id=h.chunk.doc_id, paragraph=h.chunk.paragraph, start=h.chunk.start,
                       end=h.chunk.end, score=h.score, text=h.chunk.text, query=query)
        for rank, h in enumerate(hits, start=1))


def _meta_lines(document: Document) -> str:
    lines = [f"id: {document.doc_id}"]
    lines += [f"{key}: {value}" for key, value in document.meta.items() if key != "title"]
    return "\n".join(lines)


def document_text(document: Document, prompts: Prompts) -> str:
    paragraphs = "\n\n".join(
        prompts.render("paragraph", number=p.number, text=document.text[p.start:p.end])
        for p in document.paragraphs)
    return prompts.render("source", title=document.title, doc_id=document.doc_id, meta=_meta_lines(document),
                          paragraphs=paragraphs, url=document.url or "")


def require_paragraph(document: Document, number: int):
    """A kept paragraph; CommuniqueError naming the paragraphs there are when it does not exist."""
    paragraph = document.paragraph(number)
    if paragraph is None:
        numbers = [p.number for p in document.paragraphs]
        span = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
        raise CommuniqueError(f"{document.doc_id} has no paragraph {number} (paragraphs: {span})")
    return paragraph


def paragraph_text(document: Document, number: int, prompts: Prompts) -> str:
    """One kept paragraph, rendered; CommuniqueError when it does not exist."""
    paragraph = require_paragraph(document, number)
    return prompts.render("excerpt", title=document.title, doc_id=document.doc_id, number=number,
                          text=document.text[paragraph.start:paragraph.end], url=document.url or "")


def documents_text(documents: Iterable[Document], prompts: Prompts) -> str:
    documents = list(documents)
    lines = "\n".join(
        prompts.render("source_line", doc_id=d.doc_id, title=d.title, paragraphs=len(d.paragraphs),
                       published=f", published {d.published}" if d.published else "", url=d.url or "")
        for d in documents)
    return prompts.render("sources", count=len(documents), articles=plural(len(documents), "article"),
                          documents=lines)


def meeting_facts(meeting) -> list[tuple[str, str, object]]:
    """(label, value, quote) for every field of a meeting record that the article states."""
    facts = [("participant", p.label() if p.name else f"the {p.label()}", p.quote) for p in meeting.participants]
    facts += [("counterpart", p.label() if p.name else f"the {p.label()}", p.quote) for p in meeting.counterparts]
    for label in ("place", "when", "format", "status", "topic"):
        fact = getattr(meeting, label)
        if fact is not None:
            value = f"{fact.value} ({fact.date})" if fact.date else fact.value
            facts.append((label, value, fact.quote))
    facts += [("note", note.value, note.quote) for note in meeting.notes]
    return facts


def meeting_text(meeting, documents: dict) -> str:
    """A meeting record in the terminal: one line, then every field with its quote and paragraph."""
    title = documents[meeting.doc_id].title if meeting.doc_id in documents else meeting.doc_id
    lines = [meeting.summary(), f"  from {title} ({meeting.doc_id})"]
    for label, value, quote in meeting_facts(meeting):
        lines.append(f"  {label:<12} {value}")
        lines.append(f"  {'':<12} “{quote.text}” (paragraph {quote.paragraph})")
    return "\n".join(lines)


def status_text(status: dict, prompts: Prompts) -> str:
    return prompts.render("status", **status)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def report_text(report: BuildReport) -> str:
    """One line: what the index holds now and what the build did."""
    parts = [(f"{plural(report.documents, 'article')}, {plural(report.chunks, 'passage')}, "
              f"{plural(report.meetings, 'meeting')}"),
             f"{report.embedded:,} embedded, {report.reused:,} reused"]
    for label, ids in (("added", report.added), ("removed", report.removed), ("changed", report.changed)):
        if ids:
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            parts.append(f"{label} {shown}")
    return f"index built: {'; '.join(parts)} in {report.seconds:.1f}s"

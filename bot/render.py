"""Answers, search hits, articles, meetings and index status as terminal text and plain data (JSON).

Groups: typed-in text, plain data for JSON output, terminal text. Templates come from `bot.prompts`;
the Discord embeds (bot/discord/embeds.py) reuse the meeting lines and facts from here.
Nothing here imports the engine's heavy parts: the engine's objects arrive as arguments.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.meeting_lines import evidence, meeting_sentence
from bot.prompts import Prompts
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.corpus.documents import Document
    from index.meetings.extract import Meeting
    from index.retrieval.build import BuildReport
    from index.retrieval.search import Hit


# --- text typed in -----------------------------------------------------------------------------------

def repair(text: str) -> str:
    """Undecodable bytes, which arguments and stdin keep as lone surrogates, become U+FFFD: the model's
    tokenizer refuses surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes, e.g. from JSON "\ud800"
        return text.encode("utf-8", "replace").decode("utf-8")


# --- the terminal's width -----------------------------------------------------------------------------

_HANGING = re.compile(r"\s*(?:\[\d+\] |— )?")


def wrap(text: str, width: int | None) -> str:
    """Each line folded at width (None: unchanged); a folded line goes on under its first word, so
    `[1] “quote…` and indented source lines stay aligned. Addresses are never broken."""
    if not width:
        return text
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = " " * len(_HANGING.match(line).group())
        lines += textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                               break_on_hyphens=False) or [""]
    return "\n".join(lines)


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

def no_answer_text(answer: Answer, prompts: Prompts) -> str:
    """The engine's words for an unanswered question, with the surface's hint."""
    return prompts.render("no_answer", answer=answer.answer, question=answer.question)


OPENING_QUOTES = "“\"‘'«„"


def quoted(text: str) -> str:
    """A quote in quotation marks, unless it opens with its own (no ““…” doubled marks)."""
    return text if text[:1] in OPENING_QUOTES else f"“{text}”"


def is_the_quote(answer: Answer) -> bool:
    """Whether the answer is just its one quote with its marker, as for a one-sentence answer."""
    if len(answer.citations) != 1:
        return False
    citation = answer.citations[0]
    bare = answer.answer.replace(f"[{citation.n}]", "").strip()
    return bare.strip("“”\"") == citation.quote.strip().strip("“”\"")


def answer_text(answer: Answer, prompts: Prompts) -> str:
    """The answer and its numbered quotes (a one-sentence answer's quote is shown once, with its
    source); an abstention as the engine's words, then any related passages under a heading that says
    they are not an answer."""
    template = "citation_source" if answer.answered and is_the_quote(answer) else "citation"
    citations = "\n".join(
        prompts.render(template, n=c.n, quote=c.quote, quoted=quoted(c.quote), title=c.title,
                       paragraph=c.paragraph, doc_id=c.doc_id, url=c.url or "", start=c.start, end=c.end)
        for c in answer.citations)
    if not answer.answered:
        text = no_answer_text(answer, prompts)
        return text + "\n\n" + prompts.render("related", citations=citations) if citations else text
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


def paragraph_line(document: Document, paragraph, prompts: Prompts) -> str:
    return prompts.render("paragraph", number=paragraph.number, text=document.text[paragraph.start:paragraph.end])


def document_text(document: Document, prompts: Prompts, paragraphs: Sequence | None = None,
                  header: bool = True) -> str:
    """An article: its title and metadata (with header), then its paragraphs (by default all)."""
    shown = "\n\n".join(paragraph_line(document, p, prompts)
                         for p in (document.paragraphs if paragraphs is None else paragraphs))
    if not header:
        return shown
    return prompts.render("source", title=document.title, doc_id=document.doc_id, meta=_meta_lines(document),
                          paragraphs=shown, url=document.url or "")


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


def meeting_line(meeting: Meeting) -> str:
    """'Azerbaijani Foreign Minister Jeyhun Bayramov and ... will meet US Secretary of State Mike Pompeo in
    Washington on Friday (2020-10-23), in separate meetings; trilateral meeting ruled out.'"""
    return meeting_sentence(meeting)


def meeting_text(meeting: Meeting, documents: dict) -> str:
    """A meeting record in the terminal: its sentence, its article, then each quote once with what it supports."""
    title = documents[meeting.doc_id].title if meeting.doc_id in documents else meeting.doc_id
    lines = [meeting_line(meeting), f"  from {title} ({meeting.doc_id})"]
    for labels, quote in evidence(meeting):
        lines.append(f"  {labels}: “{quote.text}” (paragraph {quote.paragraph})")
    return "\n".join(lines)


def meetings_text(meetings: Sequence[Meeting], documents: dict, prompts: Prompts,
                  person: str | None = None, place: str | None = None) -> str:
    """The meeting records found, or the no_meetings template naming the person and place asked for."""
    if not meetings:
        return no_meetings_text(prompts, person, place)
    return "\n\n".join(meeting_text(m, documents) for m in meetings)


def no_meetings_text(prompts: Prompts, person: str | None = None, place: str | None = None) -> str:
    return prompts.render("no_meetings", person=f" for {person}" if person else "",
                          place=f" in {place}" if place else "")


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


def eval_text(path, result: dict) -> str:
    """The figures of `communique eval`, then each failure with its question, reason and answer."""
    def line(label: str, figure: dict, key: str) -> str:
        rate = f" ({figure['rate']:.0%})" if figure["rate"] is not None else ""
        return f"{label:<24}{figure[key]:>4}/{figure['total']}{rate}"

    lines = [f"{path}: {result['questions']} questions in {result['seconds']:.1f}s",
             line("answerable passed", result["answerable"], "passed"),
             line("  right answer", result["answer"], "right"),
             line("  evidence cited", result["evidence"], "cited"),
             line("unanswerable abstained", result["unanswerable"], "abstained"),
             line("quotes verbatim", result["quotes"], "verbatim")]
    if result["failures"]:
        lines.append(f"failures ({len(result['failures'])}):")
        for failure in result["failures"]:
            lines.append(f"  {failure['id']}: {failure['question']}")
            lines.append(f"      {failure['reason']}")
            lines.append(f"      answer: {failure['answer'] or '-'}")
    return "\n".join(lines)

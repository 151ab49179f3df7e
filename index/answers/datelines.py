"""A "where" question answered by quotes that name no place: the dateline of the quoted story says where it
was reported from ("at a meeting here": that city; "told a news conference": the city it was filed from)."""

from __future__ import annotations

import re
from dataclasses import replace

from index.answers.compose import MAX_ANSWER_CHARS, Answer, Citation
from index.answers.kinds import PLACE, PLACE_LEAD
from index.answers.quotes import after_dateline
from index.answers.replies import related
from index.corpus.documents import Document
from index.meetings.facts import dateline_place
from index.meetings.records import Fact
from index.text.tokens import words

_VENUE_TO_COME = re.compile(r"^\W*(?:and\s+)?where\s+(?:will|(?:is|are)\s+[^?]*?\b(?:due|going|scheduled|expected|set)\s+to)\b"
                            r"[^?]*?\b(?:meet\w*|hold|held|talks|summit|conference|take\s+place)\b", re.IGNORECASE)
_WHERE_ASKED = re.compile(r"^\W*(?:and\s+)?(?:where\b|(?:in|at)\s+(?:which|what)\s+(?:city|town|place)\b)", re.IGNORECASE)


def here_named(answer: Answer, place: Fact, documents: dict[str, Document]) -> Answer:
    """'Where will it be discussed?' answered by "at a meeting here": the reply names the dateline's city,
    cited ('(“here”: Paris [2])')."""
    return _beside(answer, place, documents, "“here”: ")


def reported_from(answer: Answer, documents: dict[str, Document]) -> Answer:
    """'Where did Sassou-Nguesso give his news conference?' answered by a quote that puts nothing in, at or
    to a place the question does not name: the reply adds the city its story was filed from, cited
    ('(reported from Abuja [2])')."""
    if not answer.answered or not answer.principal or not _WHERE_ASKED.match(answer.question):
        return answer
    asked = set(words(answer.question))
    for citation in answer.principal:
        for match in PLACE.finditer(after_dateline(citation.quote)):
            if set(words(match.group())) - PLACE_LEAD - asked:
                return answer  # the quote names a place of its own
    place = dateline_place(documents[answer.principal[0].doc_id])
    if place is None or re.search(rf"\b{re.escape(place.value)}\b", answer.question, re.IGNORECASE):
        return answer
    if _VENUE_TO_COME.match(answer.question):  # a meeting still to come need not be where the story was filed
        return related("The passages that speak of this do not say where it will be held.", answer)
    return _beside(answer, place, documents, "reported from ")


def _beside(answer: Answer, place: Fact, documents: dict[str, Document], label: str) -> Answer:
    if re.search(rf"\b{re.escape(place.value)}\b", answer.answer, re.IGNORECASE):
        return answer
    quote, document = place.quote, documents[place.quote.doc_id]
    n = len(answer.citations) + 1
    text = f"{answer.answer} ({label}{place.value} [{n}])"
    if len(text) > MAX_ANSWER_CHARS:
        return answer
    cited = Citation(n, quote.doc_id, document.title, quote.paragraph, quote.start, quote.end,
                     document.text[quote.start:quote.end], document.url)
    return replace(answer, answer=text, citations=(*answer.citations, cited), details=answer.details + 1)  # beside it

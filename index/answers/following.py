"""The sentence after the best one, when it completes the answer: who holds the office the best sentence
names ("Kuwait's Oil Minister ... said ..." / "Sheikh Ali al-Khalifa al-Sabah was quoted ..."), why what
it reports happened ("... is due to visit Washington next month" / "The visit had been set for this month
but was postponed because of Shultz's travel commitments"), or when ("I should be expecting a positive
response to that timetable," Howard said. / "He said the response was expected by next month")."""

from __future__ import annotations

import re

from index.answers.kinds import DUE_TO, question_kind, typed_evidence
from index.corpus.documents import Document
from index.meetings.mentions import name_runs
from index.text import gazetteer
from index.text.sentences import split_sentences
from index.text.tokens import STOPWORDS, words

# "Who is Kuwait's oil minister?", "Who is the EU's external relations commissioner?": an identity asked for
_OFFICES = (r"(?:minister|president|commissioner|secretary|chancellor|governor|ambassador|envoy|director|chairman|chairwoman"
            r"|premier|mayor|king|emir|representative|charg[eé]\s+d['’]affaires|counterpart|leader)")
_IDENTITY_ASKED = re.compile(
    rf"^\s*who\s+(?:is|was)\s+(?:the\s+)?[^?]*?\b{_OFFICES}\b(?:\s+(?:of|to|in|at|quoted|cited|speaking|who)\s+[^?]+)?\s*\??\s*$",
    re.IGNORECASE)  # "Who is the Algerian energy minister quoted about the Opec meeting?"
_TITLED = re.compile(rf"(?:[\w.'’-]+\s+){{0,4}}?{_OFFICES}\s+", re.IGNORECASE)  # "Association chairman Ulrich Wagner"

_SAID = re.compile(r"[,”\"]\s*(?:said|says)\s+")
# "why ...?" answered by a cause; "The visit ..." refers back to what the sentence before reported
_WHY_ASKED = re.compile(r"^\s*(?:and\s+)?(?:why|for\s+what\s+reason)\b", re.IGNORECASE)
_CAUSE = re.compile(rf"\b(?:because|owing\s+to|as\s+a\s+result\s+of|so\s+that|in\s+protest|{DUE_TO})\b", re.IGNORECASE)
_EVENT_BACK = re.compile(r"^\W*(?:The|This|That|Its|His|Her|Their)\s+(?:[\w-]+\s+)?(?:visit|trip|meeting|talks|summit|"
                         r"tour|call|conference|decision|move|delay|postponement|cancellation)\b|^\W*It\s+(?:was|had|has)\b")
_SPEAKER_BACK = re.compile(r"^\W*(?:He|She|They)\s+(?:said|says|added|told|expects?|expected)\b")


def following_answer(document: Document, start: int, end: int, question: str) -> tuple[int, int] | None:
    """The sentence after start..end (the next paragraph's first, at a paragraph's end) when it completes the
    answer to the question: the holder's name for "who is <office>?" when start..end names nobody; the cause
    for "why ...?" when start..end gives none and the next sentence, referring back, does."""
    identity, why = _IDENTITY_ASKED.match(question), _WHY_ASKED.match(question)
    sentence = document.text[start:end]
    asked = set(words(question))
    when = question_kind(question) == "when" and not typed_evidence("when", sentence, asked)
    if not (identity and not _names_someone(sentence) or why and not _CAUSE.search(sentence) or when):
        return None
    paragraphs = document.paragraphs
    here = next((i for i, p in enumerate(paragraphs) if p.start <= start < p.end), None)
    if here is None:
        return None
    following = [s for s in split_sentences(document.text, start, paragraphs[here].end) if s[0] >= end]
    if not following and here + 1 < len(paragraphs):
        following = split_sentences(document.text, paragraphs[here + 1].start, paragraphs[here + 1].end)
    if not following:
        return None
    a, b = following[0]
    if identity:
        runs = name_runs(document.text, a, b)
        speaker = _SAID.search(document.text, a, b)  # '"I fully welcome ...," said Joaquin Almunia'
        return (a, b) if runs and any(_is_person(r.text) and (r.start == a or speaker and r.start == speaker.end() or
                                                              _TITLED.fullmatch(document.text, a, r.start)) for r in runs) else None
    text = document.text[a:b]
    if when:  # the same topic, referred back to, with a time
        topic = asked & set(words(sentence)) & set(words(text)) - STOPWORDS
        back = _EVENT_BACK.match(text) or _SPEAKER_BACK.match(text)
        return (a, b) if back and topic and typed_evidence("when", text, asked) else None
    return (a, b) if _EVENT_BACK.match(text) and _CAUSE.search(text) else None


def _names_someone(sentence: str) -> bool:
    return any(_is_person(run.text) for run in name_runs(sentence, 0, len(sentence)))


def _is_person(name: str) -> bool:
    """A name run (offices and titles are never in one) of two or more words naming no place or country."""
    parts = name.split()
    if len(parts) < 2 or gazetteer.is_place(name) or gazetteer.country_of(name) is not None or parts[-1].lower() in (
            gazetteer.BODY_NOUNS):  # "EC Commission"
        return False
    return not any(gazetteer.country_of(p) for p in parts)

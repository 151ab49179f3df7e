"""What the story denies: a trip it says was not made ("Siddon said he would not go to Paris himself"), an
act it says was not done ("there was no point in summoning" the ambassador), each as the citation to quote."""

from __future__ import annotations

import re

from index.answers.compose import Answer, Citation
from index.corpus.documents import Document
from index.text import gazetteer
from index.text.sentences import split_sentences
from index.text.tokens import tokenize

_NOT_GOING = r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+){0,2}?(?:go|travel|fly|visit|attend|come|meet)\s+(?:to\s+|in\s+)?"


def denied_trip(terms: list[str], answer: Answer, documents: dict[str, Document]) -> Citation | None:
    """'When did Siddon arrive in Paris?' where the story says "Siddon said he would not go to Paris
    himself": the sentence that denies the trip the question takes for granted, as a citation."""
    places = [t for t in terms if gazetteer.is_place(t)]
    people = [t for t in terms if t not in places and t[:1].isupper() and not gazetteer.country_of(t)]
    if not places or not people or not _MOVED.search(answer.question):
        return None
    return next((cite() for sentence, cite in _cited_sentences(answer, documents)
                 if any(re.search(_NOT_GOING + rf"(?:\w+\s+){{0,3}}?{re.escape(place)}\b", sentence) for place in places)
                 and any(re.search(rf"\b{re.escape(p)}\b", sentence) for p in people)), None)


def _cited_sentences(answer: Answer, documents: dict[str, Document]):
    """Each sentence of the articles the answer cites, with a function that cites it."""
    for doc_id in dict.fromkeys(c.doc_id for c in answer.principal):
        document = documents[doc_id]
        for paragraph in document.paragraphs:
            for start, end in split_sentences(document.text, paragraph.start, paragraph.end):
                yield document.text[start:end], lambda d=document, p=paragraph, s=start, e=end: Citation(
                    1, d.doc_id, d.title, p.number, s, e, d.text[s:e], d.url)


_ACTS = (r"summon(?:s|ed|ing)?", r"meet(?:s|ing)?|met", r"visit(?:s|ed|ing)?", r"sign(?:s|ed|ing)?",
         r"attend(?:s|ed|ing)?", r"invit(?:e|es|ed|ing)", r"expel(?:s|led|ling)?", r"receiv(?:e|es|ed|ing)",
         r"host(?:s|ed|ing)?", r"brief(?:s|ed|ing)?", r"recall(?:s|ed|ing)?")
_NEGATION = (r"\b(?:not|never|no\s+point\s+in|no\s+(?:plans?|intention|need|reason)\s+(?:to|of|for)|refused\s+to"
             r"|declined\s+to|ruled\s+out|without)\s+(?:\w+\s+){0,2}?")
# "But Preston, who did not attend the meeting": Preston's, denied of no one else
_WHO_NOT = re.compile(r"\b([A-Z][\w'’-]+),?\s+who\s+(?:\w+\s+)?(?:not|never)\b[^,]*$")
_ACT_FORMS = [re.compile(rf"\b(?:{forms})\b", re.IGNORECASE) for forms in _ACTS]
_ANY_ACT = re.compile(rf"\b(?:{'|'.join(_ACTS)})\b", re.IGNORECASE)
_NOT_DONE = {act: re.compile(_NEGATION + act.pattern[2:], re.IGNORECASE) for act in _ACT_FORMS}  # without its \b
_NEGATED_BEFORE = re.compile(_NEGATION + r"$", re.IGNORECASE)
_NOT_ONLY_BEFORE = re.compile(r"\bnot\s+only\s+(?:\w+\s+){0,2}?$", re.IGNORECASE)
_UNTIL = re.compile(r"(?:\s+[\w'’,]+){0,6}?\s+(?:until|till|before)\b", re.IGNORECASE)  # "did not meet him until 1850"
_NEGATED_QUESTION = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)


def negated_act(answer: Answer, documents: dict[str, Document]) -> Citation | None:
    """'When did Mullin summon the ambassador?' where the story says Mr Mullin "said there was no point in
    summoning" him, and nowhere that he did: the sentence that says the act did not happen, as a citation."""
    question = answer.question
    if not _ANY_ACT.search(question) or _NEGATED_QUESTION.search(question):
        return None
    acts = [act for act in _ACT_FORMS if act.search(question)]
    cited = [documents[d] for d in dict.fromkeys(c.doc_id for c in answer.principal)]
    if not any(_NOT_DONE[act].search(d.text) for act in acts for d in cited):
        return None  # the articles never say the act was not done: nothing to read sentence by sentence
    asked = {w for w in tokenize(question) if len(w) > 2}
    denial = None
    for sentence, cite in _cited_sentences(answer, documents):
        if not {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", sentence)} & asked:
            continue  # nobody the question names
        for found in (f for act in acts for f in act.finditer(sentence)):
            before = sentence[:found.start()]
            if (whose := _WHO_NOT.search(before)) and not set(tokenize(whose.group(1))) & asked:
                continue
            if not _NEGATED_BEFORE.search(before) or _NOT_ONLY_BEFORE.search(before) or _UNTIL.match(sentence,
                                                                                                    found.end()):
                return None  # the act is also reported as done
            denial = denial or cite()
    return denial


_MOVED = re.compile(r"\b(?:arriv\w*|go|went|gone|travel\w*|fl(?:y|ew|own)|visit\w*|attend\w*|meet|met|talks|held)\b",
                    re.IGNORECASE)

"""Scoring a question file: what passes, what fails and why, and files that cannot be read."""

from __future__ import annotations

import pytest

from index.errors import CommuniqueError
from index.evaluation import grade, load_cases

CASE = {"id": "t1", "question": "Who hosted the envoys?", "answer_any": [["Cassis", "Ignazio Cassis"], ["Geneva"]],
        "evidence": [2]}


def answer(text: str, paragraphs: list[int], answered: bool = True) -> dict:
    return {"answered": answered, "answer": text, "citations": [{"paragraph": p} for p in paragraphs]}


def test_an_answer_with_every_group_citing_the_evidence_passes():
    """An answer naming one alternative of each group and citing an evidence paragraph passes."""
    assert grade(CASE, answer("Ignazio Cassis hosted them in geneva. [1]", [2])) is None


def test_a_missing_group_is_named():
    """An answer lacking a group fails, naming that group's alternatives."""
    assert grade(CASE, answer("Cassis hosted them. [1]", [2])) == "answer lacks 'Geneva'"


def test_citing_the_wrong_paragraph_fails():
    """A right answer that cites none of the evidence paragraphs fails, saying which it cited."""
    assert grade(CASE, answer("Cassis, in Geneva. [1]", [5])) == "cites 5, evidence is in [2]"


def test_an_unanswerable_question_must_abstain():
    """An unanswerable case passes only when the answer abstains."""
    case = {"id": "u1", "question": "What is the capital of Australia?", "unanswerable": True}
    assert grade(case, answer("", [], answered=False)) is None
    assert grade(case, answer("Canberra", [3])) == "answered a question the articles do not answer"


def test_a_line_that_is_not_json_is_named(tmp_path):
    """A question file with a broken line is refused, naming the file and the line."""
    path = tmp_path / "cases.jsonl"
    path.write_text('{"question": "Who?"}\n{"question": \n', encoding="utf-8")
    with pytest.raises(CommuniqueError, match=r"cases\.jsonl line 2: not JSON"):
        load_cases(path)


def test_cases_without_an_id_are_numbered_by_line(tmp_path):
    """A case without an id is known by its line number."""
    path = tmp_path / "cases.jsonl"
    path.write_text('\n{"question": "Who?"}\n', encoding="utf-8")
    assert [case["id"] for case in load_cases(path)] == ["line 2"]


def test_evidence_must_be_in_the_case_document():
    """With a `doc`, a citation of the right paragraph number in another article is not evidence."""
    case = {**CASE, "doc": "geneva-talks"}
    other = {"answered": True, "answer": "Cassis in Geneva", "citations": [{"doc_id": "tbilisi", "paragraph": 2}]}
    same = {"answered": True, "answer": "Cassis in Geneva", "citations": [{"doc_id": "geneva-talks", "paragraph": 2}]}
    assert grade(case, other) == "cites tbilisi#2, evidence is in geneva-talks#[2]"
    assert grade(case, same) is None


def test_answers_are_compared_with_plain_quotes_and_dashes():
    """Curly quotes, dashes and spacing do not make a right answer wrong."""
    case = {"id": "t2", "question": "Who?", "answer_any": [["Houphouet-Boigny's"]], "evidence": [2]}
    assert grade(case, answer("Felix Houphouet\u2013Boigny\u2019s  palace [1]", [2])) is None

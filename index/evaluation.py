"""Scoring a question file against the knowledge base (`communique eval`).

A question file holds one JSON object per line: {"id", "question", "answer_any": [[alt, ...], ...],
"evidence": [paragraph, ...], "doc"?} for a question the articles answer, or {"id", "question",
"unanswerable": true}. An answer passes when it contains an alternative of every group and cites an
evidence paragraph; an unanswerable question passes when the answer abstains.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import CommuniqueError
from index.question import clean_question

if TYPE_CHECKING:
    from index.kb import KnowledgeBase

BATCH_SIZE = 32


def load_cases(path: Path) -> list[dict]:
    """The questions of a question file: one JSON object per line with at least "question"."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CommuniqueError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CommuniqueError(f"cannot read {path}: not UTF-8 text") from None
    cases = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommuniqueError(f"{path} line {number}: not JSON ({error.msg})") from None
        if not isinstance(case, dict) or not isinstance(case.get("question"), str):
            raise CommuniqueError(f'{path} line {number}: expected an object with a "question" string')
        case.setdefault("id", f"line {number}")
        # lone surrogates ("\ud800" in the JSON) become "?": they cannot be printed or tokenized
        case["question"] = case["question"].encode("utf-8", "replace").decode("utf-8")
        cases.append(case)
    if not cases:
        raise CommuniqueError(f"{path} holds no questions")
    return cases


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = {0x2018: "'", 0x2019: "'", 0x201a: "'", 0x201b: "'", 0x2032: "'", 0x201c: '"', 0x201d: '"',
           0x201e: '"', 0x201f: '"', 0x2033: '"', 0x00a0: " ", 0x202f: " ", 0x2007: " "}


def normalised(text: str) -> str:
    """Lowercased, curly quotes and dashes made plain, white space folded: how answers are compared."""
    return " ".join((text or "").translate(_QUOTES).translate(_DASHES).split()).lower()


def _groups(case: dict) -> list[list[str]]:
    groups = case.get("answer_any") or []
    return [[group] if isinstance(group, str) else [str(a) for a in group] for group in groups]


def missing_words(case: dict, answer: dict) -> str | None:
    """Why an answered question's text fails its case, or None when it holds one alternative of every group."""
    text = normalised(answer["answer"])
    missing = [" / ".join(g) for g in _groups(case) if not any(normalised(a) in text for a in g)]
    return "answer lacks " + "; ".join(repr(m) for m in missing) if missing else None


def missed_evidence(case: dict, answer: dict) -> str | None:
    """Why the citations miss the evidence: a paragraph of the case's `doc`, when it names one."""
    evidence = set(case.get("evidence") or [])
    if not evidence:
        return None
    doc = case.get("doc")
    if any(p["paragraph"] in evidence and (doc is None or p.get("doc_id") == doc) for p in answer["citations"]):
        return None
    cited = sorted({(p.get("doc_id") or "", p["paragraph"]) for p in answer["citations"]})
    shown = ", ".join(f"{d}#{n}" if doc else str(n) for d, n in cited) or "none"
    return f"cites {shown}, evidence is in {(doc + '#') if doc else ''}{sorted(evidence)}"


def grade(case: dict, answer: dict) -> str | None:
    """Why an answer (the answer JSON object) fails its case, or None when it passes."""
    if case.get("unanswerable"):
        return "answered a question the articles do not answer" if answer["answered"] else None
    if not answer["answered"]:
        return "abstained"
    return "; ".join(r for r in (missing_words(case, answer), missed_evidence(case, answer)) if r) or None


def _answers(kb: KnowledgeBase, cases: list[dict]) -> list[dict | str]:
    """Each case's answer object, or why its question was refused; asked in batches."""
    answers: list[dict | str] = []
    for begin in range(0, len(cases), BATCH_SIZE):
        batch = cases[begin:begin + BATCH_SIZE]
        refused, good = {}, []
        for i, case in enumerate(batch):
            try:
                clean_question(case["question"], kb.max_question_chars)
                good.append(i)
            except CommuniqueError as error:
                refused[i] = f"question refused: {error}"
        asked = kb.ask_many([batch[i]["question"] for i in good]) if good else []
        for i, answer in zip(good, asked, strict=True):
            refused[i] = answer.to_json()
        answers.extend(refused[i] for i in range(len(batch)))
    return answers


def evaluate(kb: KnowledgeBase, cases: list[dict]) -> dict:
    """The figures: answerable passed, unanswerable abstained, quotes verbatim, and the failures."""
    began = time.perf_counter()
    answers = _answers(kb, cases)
    figures = {"answerable": [0, 0], "unanswerable": [0, 0], "quotes": [0, 0], "answer": [0, 0],
               "evidence": [0, 0]}
    failures = []
    for case, result in zip(cases, answers, strict=True):
        kind = "unanswerable" if case.get("unanswerable") else "answerable"
        figures[kind][0] += 1
        if isinstance(result, str):
            reason, answer = result, {"answered": False, "answer": "", "citations": []}
        else:
            answer = result
            reason = grade(case, answer)
            for citation in answer["citations"]:
                figures["quotes"][0] += 1
                text = kb.source(citation["doc_id"]).text
                figures["quotes"][1] += text[citation["start"]:citation["end"]] == citation["quote"]
        if kind == "answerable":
            answered = bool(answer["answered"])
            figures["answer"][0] += 1
            figures["evidence"][0] += 1
            figures["answer"][1] += answered and missing_words(case, answer) is None
            figures["evidence"][1] += answered and missed_evidence(case, answer) is None
        if reason is None:
            figures[kind][1] += 1
        else:
            failures.append({"id": case["id"], "question": case["question"], "answered": answer["answered"],
                             "answer": answer["answer"], "reason": reason,
                             "cited": [c["paragraph"] for c in answer["citations"]]})

    def figure(name: str, passed: str) -> dict:
        total, good = figures[name]
        return {"total": total, passed: good, "rate": round(good / total, 4) if total else None}

    return {"questions": len(cases), "answerable": figure("answerable", "passed"),
            "answer": figure("answer", "right"), "evidence": figure("evidence", "cited"),
            "unanswerable": figure("unanswerable", "abstained"), "quotes": figure("quotes", "verbatim"),
            "seconds": round(time.perf_counter() - began, 3), "failures": failures}

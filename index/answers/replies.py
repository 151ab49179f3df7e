"""The words of an abstention: what the quotes miss, said without contradicting the quotes shown, and the
answer that was not good enough kept as related passages."""

from __future__ import annotations

from index.answers.compose import MAX_ANSWER_CHARS, Answer
from index.answers.quotes import ELLIPSIS

NOT_MENTIONED = "Nothing the articles say about this mentions"  # an abstention for a name the quotes miss
BEST_MISSED = "The passages that best answer this do not mention"  # ... and the detail beside them does


def not_mentioned(missing: list[str], beside: list[int]) -> str:
    """Why names the answer's quotes miss make it an abstention; when a detail quoted beside them (numbered
    in beside) holds them, the reply says so rather than that nothing mentions them."""
    if beside:
        return f"{BEST_MISSED} {listed(missing)}; only [{beside[0]}], quoted beside them, does."
    return f"{NOT_MENTIONED} {listed(missing)}."


def listed(terms: list[str]) -> str:
    return terms[0] if len(terms) == 1 else ", ".join(terms[:-1]) + " or " + terms[-1]


def name_missed(answer: Answer) -> bool:
    """Whether checked() abstained because the quotes miss a name the question gives."""
    return not answer.answered and bool(answer.citations) and answer.answer.startswith((NOT_MENTIONED, BEST_MISSED))


def related(reason: str, answer: Answer) -> Answer:
    """An abstention giving its reason, then the answer that was not good enough as related passages."""
    text = f"{reason} Related: {answer.answer}"
    if len(text) > MAX_ANSWER_CHARS:
        text = text[:MAX_ANSWER_CHARS - 1].rstrip() + ELLIPSIS
    kept = tuple(c for c in answer.citations if f"[{c.n}]" in text)
    return Answer(answer.question, False, text, kept, 0.0)

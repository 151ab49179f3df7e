"""Answer or abstain: the news development set and SQuAD 2.0 dev-a, each in two halves.

    python -m benchmarks.abstention [news] [squad2] [seed] [--reader] [--json] [--show N]

news:   ../shared/eval/news (30 articles, 138 answerable and 30 unanswerable questions), scored as
        ../shared/eval/score_corpus.py does (right words, evidence paragraph in the question's doc).
squad2: ../shared/ext/squad-v2.0-dev-a.json as a closed corpus (8 articles): answerable questions whose
        answer of at most 300 characters holds a gold span, unanswerable ones abstained.
seed:   ../shared/eval/dev.jsonl on the shipped corpus.
Each set is split in two by a hash of the article: part "a" is the part rules may be tuned on and the
reader (index/reader/) trained on, part "b" is kept apart to check them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from benchmarks.squad import ROOT, SHARED, WORK, load_squad, write_corpus


def part(key: str) -> str:
    return "a" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "b"


READER = False  # --reader: answer with the trained reader (ANSWER_READER=true)


def open_kb(corpus: Path, name: str):
    from index.kb import KnowledgeBase
    from index.retrieval.embedding import DEFAULT_BACKEND, make_embedder

    kb = KnowledgeBase(corpus, WORK / f"{name}-index", embedder=make_embedder(DEFAULT_BACKEND, WORK.parent / "models"),
                       reader=READER)
    kb.ensure_index()
    return kb


def question_file(corpus: Path, questions: Path, name: str, show: int) -> dict:
    from index.evaluation import evaluate, load_cases

    kb = open_kb(corpus, name)
    cases = load_cases(questions)
    out = {}
    for half in ("a", "b"):
        chosen = [c for c in cases if part(c.get("doc") or c["id"]) == half]
        result = evaluate(kb, chosen)
        out[half] = {key: result[key] for key in ("questions", "answer", "evidence", "unanswerable", "quotes")}
        for failure in result["failures"][:show]:
            print(f"  [{half}] {failure['id']} {failure['question']} -> {failure['reason']}: "
                  f"{failure['answer'][:150]!r}", file=sys.stderr)
    return out


def squad2(show: int) -> dict:
    corpus = WORK / "squad2-corpus"
    questions = write_corpus(load_squad(SHARED / "ext" / "squad-v2.0-dev-a.json"), corpus)
    kb = open_kb(corpus, "squad2")
    answers = kb.ask_many([q["question"] for q in questions])
    out = {}
    for half in ("a", "b"):
        possible = impossible = right = abstained = 0
        for question, answer in zip(questions, answers, strict=True):
            if part(question["doc_id"]) != half:
                continue
            if question["impossible"]:
                impossible += 1
                abstained += not answer.answered
                if answer.answered and show > 0:
                    show -= 1
                    print(f"  [{half}] answered: {question['question']} -> {answer.answer[:150]!r}", file=sys.stderr)
                continue
            possible += 1
            text = " ".join(answer.answer.split())
            right += answer.answered and len(answer.answer) <= 300 and any(
                " ".join(a.split()) in text for a in question["answers"])
        out[half] = {"answerable": possible, "answer_holds_gold": round(right / possible, 4),
                     "unanswerable": impossible, "abstained": round(abstained / impossible, 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.abstention", description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=["news", "squad2", "seed"])
    parser.add_argument("--show", type=int, default=0, help="print up to N failures of each part on stderr")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--reader", action="store_true", help="answer with the trained reader (ANSWER_READER)")
    args = parser.parse_args(argv)
    global READER
    READER = args.reader
    result = {}
    if "news" in args.sets:
        news = SHARED / "eval" / "news"
        result["news"] = question_file(news / "corpus", news / "questions.jsonl", "news", args.show)
    if "squad2" in args.sets:
        result["squad2"] = squad2(args.show)
    if "seed" in args.sets:
        result["seed"] = question_file(ROOT / "corpus", SHARED / "eval" / "dev.jsonl", "seed", args.show)
    if args.json:
        print(json.dumps(result))
    else:
        for name, halves in result.items():
            for half, figures in halves.items():
                print(f"{name:>7} {half}: {json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""SQuAD v1.1 dev as a closed corpus: 48 articles, 2,067 paragraphs, 10,570 questions.

Scores, for every question: does the first citation land on the gold paragraph, and does an answer of
at most 300 characters contain a gold answer span. With --negatives it asks the same questions of the
seed corpus, which cannot answer them, and reports how many were abstained.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, or beside the directory of worktrees it sits in (COMMUNIQUE_SHARED overrides)
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED") or next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared"))
SQUAD = SHARED / "ext" / "squad-v1.1-dev.json"
WORK = ROOT / "var" / "bench"


def squad_path() -> Path:
    return Path(os.environ.get("COMMUNIQUE_SQUAD", SQUAD))


def load_squad(path: Path | None = None) -> list[dict]:
    return json.loads((path or squad_path()).read_text(encoding="utf-8"))["data"]


def article_doc_id(title: str) -> str:
    """The document id a SQuAD article's corpus file takes ("Super_Bowl_50" -> "super-bowl-50")."""
    lowered = title.lower().replace("_", "-")
    return "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in lowered)


def write_corpus(articles: list[dict], corpus_dir: Path) -> list[dict]:
    """One document per article: the title line, then one paragraph per SQuAD paragraph.

    Returns the questions with their doc_id, gold paragraph number and answer texts.
    """
    corpus_dir.mkdir(parents=True, exist_ok=True)
    questions = []
    for article in articles:
        doc_id = article_doc_id(article["title"])
        lines = [article["title"].replace("_", " ")]
        for number, paragraph in enumerate(article["paragraphs"], start=2):
            lines.append(" ".join(paragraph["context"].split()))
            for qa in paragraph["qas"]:
                questions.append({"id": qa["id"], "question": qa["question"], "doc_id": doc_id,
                                  "paragraph": number, "answers": [a["text"] for a in qa["answers"]],
                                  "impossible": qa.get("is_impossible", False)})
        target = corpus_dir / f"{doc_id}.txt"
        text = "\n\n".join(lines) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return questions


def score(questions: list[dict], answers, max_chars: int = 300) -> dict:
    first_on_gold = contains = answered = 0
    for question, answer in zip(questions, answers, strict=True):
        if not answer.answered:
            continue
        answered += 1
        first = answer.citations[0]
        first_on_gold += first.doc_id == question["doc_id"] and first.paragraph == question["paragraph"]
        text = " ".join(answer.answer.split())
        contains += len(answer.answer) <= max_chars and any(" ".join(a.split()) in text for a in question["answers"])
    n = len(questions)
    return {"questions": n, "answered": answered / n, "first_citation_on_gold": first_on_gold / n,
            "answer_contains_gold": contains / n}


RETRIEVERS = {
    "hybrid": {},
    "dense": {"chunk_weight": 1.0, "sentence_weight": 0.0, "lexical_weight": 0.0},
    "bm25": {"chunk_weight": 0.0, "sentence_weight": 0.0, "lexical_weight": 1.0},
}


def ask_all(kb, questions: list[dict], vectors, retriever: str):
    """Every question through search and answer, with the question vectors computed once by the caller."""
    from index.retrieval.search import HybridSearcher, Query
    from index.text.tokens import tokenize

    searcher = HybridSearcher(**RETRIEVERS[retriever])
    data = kb.data
    answers, top_hits = [], []
    for question, vector in zip(questions, vectors, strict=True):
        query = Query(question["question"], tuple(tokenize(question["question"])), vector)
        hits = searcher.search(data, query, k=kb.answerer.weights.candidates)
        if retriever == "hybrid":
            answers.append(kb.answer(data, query))  # the product's own path, meeting records included
        else:
            answers.append(kb.answerer.answer(data, query, hits))
        top_hits.append(hits[0] if hits else None)
    return answers, top_hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions")
    parser.add_argument("--negatives", action="store_true", help="ask the seed corpus instead")
    parser.add_argument("--compare", action="store_true", help="also run dense-only and BM25-only retrieval")
    parser.add_argument("--backend", default="torch", help="embedding backend: torch, onnx, onnx-int8")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--reader", action="store_true", help="answer with the trained reader (ANSWER_READER)")
    args = parser.parse_args(argv)

    from index.kb import KnowledgeBase
    from index.retrieval.embedding import make_embedder

    embedder = make_embedder(args.backend, WORK.parent / "models")
    suffix = "" if args.backend == "torch" else f"-{args.backend}"

    questions = write_corpus(load_squad(), WORK / "squad-corpus")
    if args.limit:
        questions = questions[: args.limit]
    if args.negatives:
        kb = KnowledgeBase(ROOT / "corpus", WORK / f"seed-index{suffix}", embedder=embedder, reader=args.reader)
    else:
        kb = KnowledgeBase(WORK / "squad-corpus", WORK / f"squad-index{suffix}", embedder=embedder, reader=args.reader)
    began = time.perf_counter()
    kb.ensure_index(progress=None)
    result = {"questions": len(questions), "build_seconds": round(time.perf_counter() - began, 1)}
    vectors = kb.embedder.encode_queries([q["question"] for q in questions])  # each alone, as asked
    for retriever in RETRIEVERS if args.compare else ["hybrid"]:
        began = time.perf_counter()
        answers, top_hits = ask_all(kb, questions, vectors, retriever)
        if args.negatives:
            figures = {"abstained": sum(not a.answered for a in answers) / len(questions)}
        else:
            figures = score(questions, answers)
            del figures["questions"]
            figures["first_passage_on_gold"] = sum(
                h is not None and h.chunk.doc_id == q["doc_id"] and h.chunk.paragraph == q["paragraph"]
                for q, h in zip(questions, top_hits, strict=True)) / len(questions)
        figures["seconds"] = round(time.perf_counter() - began, 1)
        result[retriever] = {k: round(v, 4) for k, v in figures.items()}
        if not args.negatives:  # the half rules are tuned on ("a") and the half kept apart ("b"), by article
            from benchmarks.abstention import part

            for half in ("a", "b"):
                chosen = [(q, a) for q, a in zip(questions, answers, strict=True) if part(q["doc_id"]) == half]
                if chosen:
                    figures = score(*map(list, zip(*chosen, strict=True)))
                    result[retriever][half] = {k: round(v, 4) for k, v in figures.items()}
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>14}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Training and checking examples for the reader: each question with the sentences the answerer ranks
first, labelled by whether the sentence holds the question's answer.

    python -m index.reader.examples OUT.jsonl [--shared ../shared] [--hard-negatives]

Sources (all under ../shared, none copied into the repository): SQuAD 1.1 dev as a closed corpus,
SQuAD 2.0 dev-a (its unanswerable questions), the news development set, SQuAD questions asked of the
seed article (none answerable) and SQuAD questions with one named term swapped for another article's
(a false premise); with --hard-negatives, also the SQuAD 1.1 questions again with every candidate
from a paragraph holding the answer taken away (what is left is near the topic). Every example carries its
split: "a" (fitted) or "b" (held apart), by a hash of its article, so that one article's questions
never fall on both sides.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from benchmarks.abstention import SHARED, open_kb, part
from benchmarks.squad import WORK, load_squad, write_corpus
from index.answers.premises import named_terms
from index.evaluation import load_cases, normalised

ROOT = Path(__file__).resolve().parent.parent.parent
CANDIDATES = 8


def candidates(kb, questions: list[str]) -> list[list[dict]]:
    """For each question, its first sentences as the answerer ranks them, with their features."""
    from index.question import make_queries

    data = kb.data
    out = []
    for query in make_queries(questions, kb.embedder):
        hits = kb.searcher.search(data, query, k=kb.answerer.weights.candidates)
        ranked = kb.answerer.rank_sentences(data, query, hits, keep=CANDIDATES)[:CANDIDATES]
        rows = []
        for c in ranked:
            document = data.documents[c.hit.chunk.doc_id]
            paragraph = next(p.number for p in document.paragraphs if p.start <= c.start < p.end)
            rows.append({"doc": document.doc_id, "title": document.title, "paragraph": paragraph,
                         "sentence": document.text[c.start:c.end], "features": [
                             c.score, c.cosine, c.overlap, c.bigram, c.typed, c.hit.score, c.hit.dense]})
        out.append(rows)
    return out


def _holds(sentence: str, groups: list[list[str]]) -> bool:
    text = normalised(sentence)
    return bool(groups) and all(any(normalised(a) in text for a in group) for group in groups)


def _examples(source: str, cases: list[dict], ranked: list[list[dict]]) -> list[dict]:
    out = []
    for case, rows in zip(cases, ranked, strict=True):
        for rank, row in enumerate(rows):
            label = (not case.get("unanswerable") and row["doc"] == case["doc"]
                     and (not case.get("paragraphs") or row["paragraph"] in case["paragraphs"])
                     and _holds(row["sentence"], case["groups"]))
            out.append({"source": source, "split": part(case["article"]), "qid": case["id"],
                        "question": case["question"], "rank": rank, "label": int(label), **row})
    return out


def squad_cases(path: Path, corpus: Path) -> list[dict]:
    questions = write_corpus(load_squad(path), corpus)
    return [{"id": q["id"], "question": q["question"], "doc": q["doc_id"], "article": q["doc_id"],
             "paragraphs": [q["paragraph"]], "groups": [q["answers"]], "unanswerable": q["impossible"]}
            for q in questions]


def swapped(cases: list[dict], rng: random.Random, count: int) -> list[dict]:
    """Questions with one named term replaced by a term another article's questions name: the articles
    then hold the rest of the question but not its premise."""
    pool = [(c["article"], t) for c in cases for t in named_terms(c["question"])]
    out = []
    for case in rng.sample(cases, len(cases)):
        terms = named_terms(case["question"])
        if not terms or len(out) >= count:
            continue
        term = rng.choice(terms)
        article, other = rng.choice(pool)
        if article == case["article"] or other.lower() in case["question"].lower():
            continue
        out.append({**case, "id": case["id"] + "-swap", "question": case["question"].replace(term, other, 1),
                    "unanswerable": True})
    return out


def without_gold(examples: list[dict]) -> list[dict]:
    """Hard negatives: each answerable question of a source, with every candidate from a paragraph that
    holds its answer taken away, so that what is left (its article's other paragraphs, other articles)
    is near the topic but does not answer it, as SQuAD 2.0's unanswerable questions are."""
    by_question: dict[str, list[dict]] = {}
    for e in examples:
        by_question.setdefault(e["qid"], []).append(e)
    out = []
    for qid, rows in by_question.items():
        gold = {(e["doc"], e["paragraph"]) for e in rows if e["label"]}
        rest = [e for e in rows if (e["doc"], e["paragraph"]) not in gold]
        if not gold or not rest:
            continue
        out.extend({**e, "source": e["source"] + "-without-gold", "qid": qid + "-without-gold", "rank": rank}
                   for rank, e in enumerate(rest))
    return out


def build(shared: Path, per_source: int, seed: int = 13, hard_negatives: bool = False) -> list[dict]:
    rng = random.Random(seed)
    examples: list[dict] = []

    def add(source: str, kb, cases: list[dict]) -> None:
        print(f"{source}: {len(cases)} questions", file=sys.stderr)
        examples.extend(_examples(source, cases, candidates(kb, [c["question"] for c in cases])))

    squad1 = squad_cases(shared / "ext" / "squad-v1.1-dev.json", WORK / "squad-corpus")
    squad1_kb = open_kb(WORK / "squad-corpus", "squad")
    add("squad1", squad1_kb, rng.sample(squad1, min(per_source, len(squad1))))
    if hard_negatives:
        examples.extend(without_gold([e for e in examples if e["source"] == "squad1"]))
    add("swapped", squad1_kb, swapped(squad1, rng, per_source // 3))
    add("seed-negative", open_kb(ROOT / "corpus", "seed"),
        [{**c, "unanswerable": True} for c in rng.sample(squad1, per_source // 6)])
    squad2 = squad_cases(shared / "ext" / "squad-v2.0-dev-a.json", WORK / "squad2-corpus")
    add("squad2", open_kb(WORK / "squad2-corpus", "squad2"), squad2)
    news = shared / "eval" / "news"
    cases = [{**c, "doc": c.get("doc"), "article": c.get("doc") or c["id"], "paragraphs": c.get("evidence"),
              "groups": [[g] if isinstance(g, str) else g for g in c.get("answer_any") or []]}
             for c in load_cases(news / "questions.jsonl")]
    add("news", open_kb(news / "corpus", "news"), cases)
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.reader.examples", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--per-source", type=int, default=4000, help="SQuAD 1.1 questions sampled")
    parser.add_argument("--hard-negatives", action="store_true",
                        help="add SQuAD 1.1 questions without their answer's paragraphs (tried 2026-12-06: no better)")
    args = parser.parse_args(argv)
    examples = build(args.shared, args.per_source, hard_negatives=args.hard_negatives)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(json.dumps(example) + "\n")
    print(f"{len(examples)} examples, {sum(e['label'] for e in examples)} positive -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

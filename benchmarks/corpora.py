"""Benchmark corpora written from SQuAD v1.1 dev (read from the shared folder, never copied into the repo)."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.squad import WORK, load_squad, write_corpus
from index.text.sentences import split_sentences

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def squad_questions(limit: int | None = None) -> list[str]:
    questions = [q["question"] for q in write_corpus(load_squad(), WORK / "squad-corpus")]
    random.Random(7).shuffle(questions)
    return questions[:limit] if limit else questions


def squad_corpus() -> Path:
    write_corpus(load_squad(), WORK / "squad-corpus")
    return WORK / "squad-corpus"


def _write(directory: Path, name: str, text: str) -> None:
    path = directory / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def squad_sentences() -> list[str]:
    sentences = []
    for article in load_squad():
        for paragraph in article["paragraphs"]:
            context = " ".join(paragraph["context"].split())
            sentences += [context[s:e] for s, e in split_sentences(context)]
    return sentences


def shuffled_corpus(chunks: int, per_article: int = 10, seed: int = 11) -> Path:
    """News-like articles of 1-3 sentence paragraphs, the sentences drawn from all of SQuAD at random:
    about `chunks` passages in all. Each paragraph is one passage, as in news articles."""
    directory = WORK / f"shuffled-{chunks}"
    directory.mkdir(parents=True, exist_ok=True)
    sentences = squad_sentences()
    rng = random.Random(seed)
    for number in range(chunks // per_article):
        paragraphs = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(per_article)]
        title = " ".join(rng.choice(sentences).split()[:8])
        _write(directory, f"article-{number:06d}.txt", "\n\n".join([title, *paragraphs]) + "\n")
    return directory


def articles_corpus(articles: int) -> Path:
    """SQuAD's paragraphs regrouped into `articles` articles (for the refresh benchmark)."""
    directory = WORK / f"articles-{articles}"
    directory.mkdir(parents=True, exist_ok=True)
    paragraphs = [(a["title"].replace("_", " "), " ".join(p["context"].split()))
                  for a in load_squad() for p in a["paragraphs"]]
    for number in range(articles):
        group = paragraphs[number::articles]
        text = "\n\n".join([f"{group[0][0]}, part {number + 1}", *(p for _, p in group)]) + "\n"
        _write(directory, f"article-{number:04d}.txt", text)
    return directory

"""Processes sharing an index directory: one writer at a time, every reported change in the index."""

import subprocess
import sys
from pathlib import Path

from index.kb import KnowledgeBase
from index.retrieval.store import load_index
from tests.index.conftest import HashingEmbedder

ROOT = Path(__file__).resolve().parents[3]
ADD = """
import sys
from pathlib import Path
from pathlib import Path
from index.kb import KnowledgeBase
from tests.index.conftest import HashingEmbedder
corpus, index, article = map(Path, sys.argv[1:])
doc_id, report = KnowledgeBase(corpus, index, embedder=HashingEmbedder()).add(article)
print(doc_id)
"""
WRITERS = 6


def test_concurrent_adds_each_reach_the_index(fresh_corpus, tmp_path):
    """Six processes adding an article each to one corpus and index all succeed, and all six are indexed."""
    index = tmp_path / "index"
    KnowledgeBase(fresh_corpus, index, embedder=HashingEmbedder()).ensure_index()
    articles = []
    for n in range(WRITERS):
        article = tmp_path / f"talks-{n}.txt"
        article.write_text(f"Talks number {n}\n\nEnvoy {n} met the minister in Vienna on day {n}.\n")
        articles.append(article)
    writers = [subprocess.Popen([sys.executable, "-c", ADD, str(fresh_corpus), str(index), str(article)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for article in articles]
    results = [(writer.wait(120), *writer.communicate()) for writer in writers]
    assert [(code, out.strip()) for code, out, _err in results] == [(0, f"talks-{n}") for n in range(WRITERS)], \
        [err[-500:] for _code, _out, err in results]
    indexed = load_index(index).documents
    assert {f"talks-{n}" for n in range(WRITERS)} <= set(indexed) and "karabakh-diplomacy" in indexed
    assert not KnowledgeBase(fresh_corpus, index, embedder=HashingEmbedder()).ensure_index()  # nothing stale

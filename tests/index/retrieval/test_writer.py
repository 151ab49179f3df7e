"""Processes sharing an index directory: one writer at a time, every reported change in the index, and
readers never losing the build they load."""

import subprocess
import sys
import time
from pathlib import Path

from index.kb import KnowledgeBase
from index.retrieval.store import load_index
from tests.index.conftest import HashingEmbedder

ROOT = Path(__file__).resolve().parents[3]
ADD = """
import sys, time
from pathlib import Path
from index.kb import KnowledgeBase
from tests.index.conftest import HashingEmbedder
corpus, index, article, go = map(Path, sys.argv[1:])
kb = KnowledgeBase(corpus, index, embedder=HashingEmbedder())
article.with_suffix(".ready").touch()
while not go.exists():
    time.sleep(0.002)
doc_id, report = kb.add(article)
print(doc_id)
"""
READ = """
import sys
from pathlib import Path
from index.retrieval.store import load_index
index, stop = map(Path, sys.argv[1:])
loads = 0
while not stop.exists() or loads == 0:
    load_index(index)
    loads += 1
print(loads)
"""
WRITERS, READERS, ROUNDS = 6, 2, 2


def start(script: str, *args: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_concurrent_adds_each_reach_the_index_and_readers_always_load(fresh_corpus, tmp_path):
    """Twice over, six processes adding an article each, all at once, to one corpus and index all succeed
    and all are indexed; two processes loading the index all the while never fail."""
    index = tmp_path / "index"
    KnowledgeBase(fresh_corpus, index, embedder=HashingEmbedder()).ensure_index()
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        go, stop = folder / "go", folder / "stop"
        numbers = range(round_ * WRITERS, (round_ + 1) * WRITERS)
        articles = []
        for n in numbers:
            article = folder / f"talks-{n}.txt"
            article.write_text(f"Talks number {n}\n\nEnvoy {n} met the minister in Vienna on day {n}.\n")
            articles.append(article)
        readers = [start(READ, index, stop) for _ in range(READERS)]
        writers = [start(ADD, fresh_corpus, index, article, go) for article in articles]
        deadline = time.monotonic() + 60
        while not all(a.with_suffix(".ready").exists() for a in articles) and time.monotonic() < deadline:
            time.sleep(0.01)
        go.touch()  # every writer starts its add at the same moment
        written = [(writer.wait(120), *writer.communicate()) for writer in writers]
        stop.touch()
        read = [(reader.wait(120), *reader.communicate()) for reader in readers]
        assert [(code, out.strip()) for code, out, _err in written] == [(0, f"talks-{n}") for n in numbers], \
            [err[-500:] for _code, _out, err in written]
        assert [code for code, _out, _err in read] == [0] * READERS, [err[-500:] for _code, _out, err in read]
        indexed = load_index(index).documents
        assert {f"talks-{n}" for n in numbers} <= set(indexed) and "karabakh-diplomacy" in indexed
    assert not KnowledgeBase(fresh_corpus, index, embedder=HashingEmbedder()).ensure_index()  # nothing stale

"""Fixtures of the engine's tests: a fresh copy of the seed article and a knowledge base with a fake embedder."""

import resource
import shutil
import signal
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest

from index.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "karabakh-diplomacy.txt"


@pytest.fixture
def fresh_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    return corpus


class HashingEmbedder:
    """A deterministic stand-in for store and refresh tests that are not about retrieval quality: each
    token adds 1 to the coordinate its CRC-32 names."""

    name = "hashing-test"
    dimension = 384

    def __init__(self) -> None:
        self.encoded = 0

    def warm_up(self) -> None:
        pass

    def encode(self, texts, progress=None):
        import numpy as np

        from index.text.tokens import tokenize

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["empty"]:
                out[row, zlib.crc32(token.encode("utf-8")) % self.dimension] += 1.0
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        self.encoded += len(texts)
        if progress:
            progress(len(texts), len(texts))
        return out

    def encode_queries(self, queries):
        return self.encode(list(queries))


@pytest.fixture
def hashing_kb(fresh_corpus, tmp_path) -> KnowledgeBase:
    return KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=HashingEmbedder())


SEED_QUESTIONS = Path(__file__).parents[1] / "data" / "seed_questions.jsonl"


@pytest.fixture(scope="session")
def seed_questions() -> list[dict]:
    """Questions about the seed article in the eval format: answerable ones with the words an answer
    names and the evidence paragraphs, and unanswerable ones."""
    import json

    lines = SEED_QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@contextmanager
def full_disk(limit: int = 20_000):
    """Writes past limit bytes fail with EFBIG, as on a full disk (RLIMIT_FSIZE; SIGXFSZ ignored)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)

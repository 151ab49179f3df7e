"""Speed and memory: question latency, build throughput, refresh, start-up, RSS, concurrency.

Each measurement runs in its own process (`python -m benchmarks.speed NAME [SIZE]`) so that peak RSS is
its own; `python -m benchmarks` runs them all and prints the table.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import corpora
from benchmarks.squad import WORK

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = 200
BACKEND = os.environ.get("COMMUNIQUE_BENCH_BACKEND", "onnx-int8")
SUFFIX = "" if BACKEND == "torch" else f"-{BACKEND}"
READER = os.environ.get("COMMUNIQUE_BENCH_READER") == "1"  # answer with the trained reader (ANSWER_READER)


def make_bench_embedder(**options):
    from index.retrieval.embedding import make_embedder

    return make_embedder(BACKEND, WORK.parent / "models", **options)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_for(size: str) -> tuple[Path, Path, Path | None]:
    """Corpus, index directory, and an index whose vectors may be reused, for a named size."""
    if size == "seed":
        return corpora.SEED_CORPUS, WORK / f"seed-index{SUFFIX}", None
    if size == "squad":
        return corpora.squad_corpus(), WORK / f"squad-index{SUFFIX}", None
    chunks = int(size.removesuffix("k")) * 1000 if size.endswith("k") else int(size)
    return corpora.shuffled_corpus(chunks), WORK / f"shuffled-{chunks}-index{SUFFIX}", WORK / f"squad-index{SUFFIX}"


def open_kb(size: str, progress=None):
    from index.kb import KnowledgeBase
    from index.retrieval.build import build_index
    from index.retrieval.store import load_index

    corpus, index, donor = corpus_for(size)
    embedder = make_bench_embedder(query_cache_size=0)
    if donor is not None and not (index / "CURRENT").exists() and (donor / "CURRENT").exists():
        # the first build of a shuffled corpus reuses the SQuAD index's sentence vectors
        build_index(corpus, index, embedder, previous=load_index(donor, any_format=True), progress=progress)
    kb = KnowledgeBase(corpus, index, embedder=embedder, reader=READER)
    kb.ensure_index(progress)
    return kb


def timed(function, items) -> list[float]:
    out = []
    for item in items:
        began = time.perf_counter()
        function(item)
        out.append((time.perf_counter() - began) * 1000)
    return out


ROUNDS = 3
BUILD_RUNS = 3


def paired(first, second, items, rounds: int = ROUNDS) -> tuple[list[float], float, float]:
    """Each item timed with one function and then the other, so that both see the same machine (caches,
    clock, neighbours). The items are split into `rounds` equal parts, each asked once; returns all of
    second's times and the median over rounds of each function's p50."""
    times_second, medians_first, medians_second = [], [], []
    size = len(items) // rounds
    for begin in range(0, size * rounds, size):
        round_first, round_second = [], []
        for item in items[begin:begin + size]:
            round_first += timed(first, [item])
            round_second += timed(second, [item])
        times_second += round_second
        medians_first.append(statistics.median(round_first))
        medians_second.append(statistics.median(round_second))
    return times_second, statistics.median(medians_first), statistics.median(medians_second)


def latency(size: str) -> dict:
    """Warm question latency against one bare query embedding and LangChain's similarity_search."""
    import numpy as np

    kb = open_kb(size, progress=_progress)
    questions = corpora.squad_questions(QUESTIONS * ROUNDS)  # each asked once: nothing cached by question
    kb.ask("warm up: who is meeting whom?")
    ours, embed_p50, ask_p50 = paired(lambda q: kb.embedder.encode([q]), kb.ask, questions)
    data = kb.data
    result = {"size": size, "chunks": len(data.chunks), "sentences": len(data.sentence_spans),
              "faiss": data.manifest["faiss"], "rounds": ROUNDS,
              "embed_p50_ms": embed_p50, "ask_p50_ms": ask_p50,
              "ask_p95_ms": pct(ours, 95), "peak_rss_mb": peak_rss_mb()}
    if data.manifest["faiss"].startswith("IndexHNSW"):
        vectors = kb.embedder.encode(questions)
        exact = np.argsort(-(vectors @ data.vectors.T), axis=1)[:, :10]
        _, approx = data.faiss_index.search(vectors, 10)
        result["recall_at_10"] = float(np.mean([len(set(e) & set(a)) / 10 for e, a in zip(exact, approx)]))
    result.update(langchain_latency(kb, questions))
    return result


def stages(size: str) -> dict:
    """Where an ask's time goes: p50 ms of each stage, timed inside asks that follow a bare embedding."""
    import index.kb
    from index.retrieval.search import HybridSearcher

    kb = open_kb(size or "squad", progress=_progress)
    questions = corpora.squad_questions(QUESTIONS)
    kb.ask("warm up: who is meeting whom?")
    times: dict[str, list[float]] = {}

    def clocked(name, function):
        def run(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times.setdefault(name, []).append((time.perf_counter() - began) * 1000)
        return run

    data = kb.data
    kb.embedder.encode_queries = clocked("embed", kb.embedder.encode_queries)
    kb.searcher.search = clocked("search (all)", kb.searcher.search)
    kb.answerer.rank_sentences = clocked("rank sentences", kb.answerer.rank_sentences)
    kb.answerer._compose = clocked("compose and cite", kb.answerer._compose)
    data.nearest = clocked("search: faiss", data.nearest)
    data.bm25.candidates = clocked("search: bm25", data.bm25.candidates)
    best_sentence, meeting_answer = HybridSearcher._best_sentence_cosine, index.kb.answer_from_meetings
    try:
        HybridSearcher._best_sentence_cosine = staticmethod(clocked("search: sentence cosines", best_sentence))
        index.kb.answer_from_meetings = clocked("meeting records", meeting_answer)
        asks = []
        for question in questions:
            kb.embedder.encode([question])
            began = time.perf_counter()
            kb.ask(question)
            asks.append((time.perf_counter() - began) * 1000)
    finally:
        HybridSearcher._best_sentence_cosine, index.kb.answer_from_meetings = best_sentence, meeting_answer
    result = {"size": size or "squad", "ask": statistics.median(asks)}
    result.update({name: statistics.median(values) for name, values in times.items()})
    return result


def langchain_latency(kb, questions: list[str]) -> dict:
    """LangChain's FAISS store over the same model and the same chunk vectors; similarity_search only."""
    try:
        from langchain_community.vectorstores import FAISS
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError:
        return {"langchain_p50_ms": None}
    from index.retrieval.embedding import shipped_model_path

    embeddings = HuggingFaceEmbeddings(model_name=shipped_model_path(), model_kwargs={"device": "cpu"},
                                       encode_kwargs={"normalize_embeddings": True})
    pairs = [(c.embed_text, v.tolist()) for c, v in zip(kb.data.chunks, kb.data.vectors)]
    store = FAISS.from_embeddings(pairs, embeddings)
    store.similarity_search("warm up", k=5)
    size = len(questions) // ROUNDS  # each asked once, in the rounds our own latency uses
    rounds = [timed(lambda q: store.similarity_search(q, k=5), questions[begin:begin + size])
              for begin in range(0, size * ROUNDS, size)]
    return {"langchain_p50_ms": statistics.median(statistics.median(r) for r in rounds),
            "langchain_p95_ms": pct([t for r in rounds for t in r], 95)}


def build_throughput(_: str = "") -> dict:
    """Chunks per second of a full build against the model's bare encode of the same texts."""
    from index.corpus.documents import load_corpus
    from index.retrieval.build import build_index
    from index.retrieval.chunking import Chunker

    corpus = WORK / "build-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpora.squad_corpus().glob("*.txt"))[:6]:
        shutil.copy(path, corpus / path.name)
    embedder = make_bench_embedder()
    embedder.warm_up()
    documents, _ = load_corpus(corpus)
    chunker = Chunker()
    chunks = [c for d in documents for c in chunker.chunk(d)]
    texts = [c.embed_text for c in chunks] + [
        next(d for d in documents if d.doc_id == c.doc_id).text[s:e] for c in chunks for s, e in c.sentences]
    embedder.encode(texts[:64])
    import bm25s  # noqa: F401  the build's libraries load once per process, as the model does
    import faiss  # noqa: F401

    index = WORK / "build-index"
    runs = []
    for _ in range(BUILD_RUNS):  # alternating, so that both see the same machine
        began = time.perf_counter()
        embedder.encode(texts)
        bare = time.perf_counter() - began
        shutil.rmtree(index, ignore_errors=True)
        began = time.perf_counter()
        _, report = build_index(corpus, index, embedder)
        runs.append((bare, time.perf_counter() - began))
    bare, ours = (statistics.median(r[i] for r in runs) for i in (0, 1))
    return {"texts": len(texts), "chunks": report.chunks, "runs": len(runs), "bare_encode_s": bare,
            "build_s": ours, "bare_texts_per_s": len(texts) / bare, "build_texts_per_s": report.embedded / ours,
            "build_chunks_per_s": report.chunks / ours,
            "overhead": statistics.median(o / b - 1 for b, o in runs),
            "overhead_runs": [round(o / b - 1, 4) for b, o in runs]}


def refresh(_: str = "") -> dict:
    """Adding one article to a 1,000-article corpus: only its text is embedded."""
    from index.kb import KnowledgeBase

    corpus = corpora.articles_corpus(1000)
    kb = KnowledgeBase(corpus, WORK / f"articles-1000-index{SUFFIX}", embedder=make_bench_embedder())
    kb.ensure_index(_progress)
    kb.embedder.warm_up()
    runs = []
    for attempt in range(3):
        article = corpus / "zz-new-article.txt"
        article.write_text(f"Talks in Oslo, round {attempt}\n\nNorwegian Foreign Minister Espen Barth Eide met "
                           f"the Iranian envoy in Oslo on Monday for round {attempt} of talks.\n", encoding="utf-8")
        began = time.perf_counter()
        report = kb.refresh()
        runs.append((time.perf_counter() - began, report.embedded, report.documents))
        article.unlink()
        kb.refresh()
    seconds = statistics.median(r[0] for r in runs)
    return {"documents": runs[0][2], "embedded": runs[0][1], "refresh_s": seconds}


def startup(_: str = "") -> dict:
    """Process start to first answer on the seed corpus with a built index; --help without torch."""
    env = {**os.environ, "COMMUNIQUE_ENV_FILE": os.devnull}
    env["EMBEDDING_BACKEND"] = BACKEND
    env["MODEL_CACHE_DIR"] = str(WORK.parent / "models")
    command = [sys.executable, "-m", "bot.cli", "--index", str(WORK / f"startup-index{SUFFIX}"), "ask",
               "who is meeting Pompeo?"]
    subprocess.run(command, env=env, capture_output=True, check=True)  # builds the index if needed
    times = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - began)
    probe = ("import sys, time; t = time.perf_counter(); from bot.cli import main; main(['--help']); "
             "print('TORCH', 'torch' in sys.modules, time.perf_counter() - t, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    _, torch_loaded, help_seconds = out.stderr.strip().splitlines()[-1].split()
    return {"first_answer_s": statistics.median(times), "help_imports_torch": torch_loaded == "True",
            "help_s": float(help_seconds)}


def concurrency(size: str = "") -> dict:
    """200 questions, 50 at a time, through the bot's path (worker threads); event-loop lag."""
    size = size or "seed"
    kb = open_kb(size)
    questions = corpora.squad_questions(200)
    kb.ask("warm up")

    async def run() -> tuple[float, list[float]]:
        from bot.discord.batcher import QuestionBatcher

        batcher = QuestionBatcher(kb)
        gate = asyncio.Semaphore(50)
        lags: list[float] = []
        finished = asyncio.Event()

        async def probe() -> None:
            while not finished.is_set():
                began = time.perf_counter()
                await asyncio.sleep(0.005)
                lags.append((time.perf_counter() - began - 0.005) * 1000)

        async def one(question: str) -> None:
            async with gate:
                await batcher.ask(question)

        prober = asyncio.create_task(probe())
        began = time.perf_counter()
        await asyncio.gather(*(one(q) for q in questions))
        elapsed = time.perf_counter() - began
        finished.set()
        await prober
        return elapsed, lags

    elapsed, lags = asyncio.run(run())
    return {"size": size, "questions": len(questions), "seconds": elapsed, "questions_per_s": len(questions) / elapsed,
            "loop_lag_p99_ms": pct(lags, 99), "loop_lag_max_ms": max(lags)}


def _progress(stage: str, done: int, total: int) -> None:
    if stage == "embedding" and (done == total or done % 4096 < 512):
        print(f"  {stage} {done}/{total}", file=sys.stderr, flush=True)


MEASURES = {"latency": latency, "build": build_throughput, "refresh": refresh, "startup": startup,
            "concurrency": concurrency, "stages": stages}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    name, size = args[0], args[1] if len(args) > 1 else ""
    print(json.dumps(MEASURES[name](size)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

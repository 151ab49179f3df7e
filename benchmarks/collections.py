"""Many servers, each with a small collection of its own: memory and first-question latency.

    python -m benchmarks.collections [--servers 50] [--articles 3] [--json]

Builds the shared collection (the seed article) and N server collections of a few articles each (from
tests/index/meetings/articles, a different set per server in rotation; each distinct set is built once
and copied), then, in this process, as the bot would:
- RSS with the model and the shared collection loaded, and the latency of a question on the shared
  collection alone (as in a direct message): the baseline;
- each server's first question (its index loaded from disk, then answered with the shared one): latency;
- a second question per server (all loaded): latency; RSS with every server's collection loaded;
- RSS after every server's collection has been unloaded as idle (the allocator keeps the pages), and
  after loading them all again (the freed memory is reused: it does not grow by as much again).
RSS is the process's resident memory (VmRSS) at that moment, in MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.speed import make_bench_embedder, pct
from benchmarks.squad import WORK

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "index" / "meetings" / "articles"
SEED = ROOT / "corpus"
QUESTIONS = ("Who met in Geneva?", "Where did the foreign ministers meet?", "When will the leaders meet?")


def rss_mb() -> float:
    """The resident memory of this process now (not its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def article_sets(count: int, size: int) -> list[list[Path]]:
    """`count` sets of `size` articles (with their sidecars), rotating through the test articles."""
    files = sorted(ARTICLES.glob("*.txt"))
    return [[files[(start + k) % len(files)] for k in range(size)] for start in range(count)]


def prepare(root: Path, servers: int, size: int, embedder) -> None:
    """The shared collection and the servers' collections under root, every index built."""
    from index.kb import KnowledgeBase

    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(SEED, root / "shared" / "corpus")
    KnowledgeBase(root / "shared" / "corpus", root / "shared" / "index", embedder=embedder).ensure_index()
    distinct = article_sets(len(list(ARTICLES.glob("*.txt"))), size)
    built: dict[int, Path] = {}
    for server in range(1, servers + 1):
        which = server % len(distinct)
        target = root / "collections" / str(server)
        if which in built:
            shutil.copytree(built[which], target)
            continue
        corpus = target / "corpus"
        corpus.mkdir(parents=True)
        for path in distinct[which]:
            shutil.copy(path, corpus / path.name)
            sidecar = path.with_suffix(".meta.json")
            if sidecar.exists():
                shutil.copy(sidecar, corpus / sidecar.name)
        KnowledgeBase(corpus, target / "index", embedder=embedder).ensure_index()
        built[which] = target


def measure(root: Path, servers: int, embedder) -> dict:
    from index.across import ask_across
    from index.collections import Collections
    from index.kb import KnowledgeBase

    clock = [0.0]
    shared = KnowledgeBase(root / "shared" / "corpus", root / "shared" / "index", embedder=embedder)
    collections = Collections(shared, root / "collections", idle_seconds=900, clock=lambda: clock[0])
    embedder.warm_up()
    started = rss_mb()
    alone = []
    for n in range(servers):  # the shared collection alone, as in a direct message: the baseline
        began = time.perf_counter()
        with collections.reading(None) as sources:
            sources[0].kb.ask(QUESTIONS[n % len(QUESTIONS)])
        alone.append((time.perf_counter() - began) * 1000)
    alone = alone[1:]  # the first one loads the shared index
    shared_rss = rss_mb()
    first, second = [], []
    for server in range(1, servers + 1):
        began = time.perf_counter()
        with collections.reading(server) as sources:
            ask_across(sources, [QUESTIONS[server % len(QUESTIONS)]])
        first.append((time.perf_counter() - began) * 1000)
    loaded_rss = rss_mb()
    for server in range(1, servers + 1):
        began = time.perf_counter()
        with collections.reading(server) as sources:
            ask_across(sources, [QUESTIONS[(server + 1) % len(QUESTIONS)]])
        second.append((time.perf_counter() - began) * 1000)
    loaded = len(collections.loaded())
    clock[0] = 10_000
    unloaded = len(collections.unload_idle())
    gc.collect()
    after_unload = rss_mb()
    for server in range(1, servers + 1):  # every server again, loaded anew: freed memory is reused
        with collections.reading(server) as sources:
            ask_across(sources, [QUESTIONS[server % len(QUESTIONS)]])
    reloaded = rss_mb()
    disk = sum(p.stat().st_size for p in (root / "collections").rglob("*") if p.is_file()) / servers / 1024
    return {
        "servers": servers, "loaded": loaded, "unloaded": unloaded,
        "rss_model_loaded_mb": round(started, 1), "rss_model_and_shared_mb": round(shared_rss, 1),
        "rss_all_servers_loaded_mb": round(loaded_rss, 1), "rss_after_unload_mb": round(after_unload, 1),
        "rss_after_loading_all_again_mb": round(reloaded, 1),
        "rss_per_server_kb": round((loaded_rss - shared_rss) * 1024 / servers, 1),
        "first_question_ms_p50": round(statistics.median(first), 1), "first_question_ms_p95": round(pct(first, 95), 1),
        "first_question_ms_max": round(max(first), 1),
        "shared_only_question_ms_p50": round(statistics.median(alone), 1),
        "warm_question_ms_p50": round(statistics.median(second), 1), "warm_question_ms_p95": round(pct(second, 95), 1),
        "disk_per_server_kb": round(disk, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.collections", description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=50, help="how many server collections (default 50)")
    parser.add_argument("--articles", type=int, default=3, help="articles per server collection (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)  # the fresh process
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)
    root = WORK / "collections"
    if args.measure_only:
        print(json.dumps(measure(root, args.servers, make_bench_embedder(query_cache_size=0))))
        return 0
    began = time.perf_counter()
    prepare(root, args.servers, args.articles, make_bench_embedder())
    prepared = time.perf_counter() - began
    # measured in a fresh process, so that RSS is that of a bot starting, not of the builds before
    command = [sys.executable, "-m", "benchmarks.collections", "--servers", str(args.servers), "--measure-only"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result = {"articles_per_server": args.articles, "prepare_seconds": round(prepared, 1),
              **json.loads(done.stdout.strip().splitlines()[-1])}
    print(json.dumps(result) if args.json else "\n".join(f"{key:<28} {value}" for key, value in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run every benchmark, each in its own process, and print a table (or --json).

    python -m benchmarks [--sizes seed,squad,100k] [--only latency,build,...] [--json]
    python -m benchmarks.squad [--compare | --negatives]     quality on SQuAD v1.1 dev
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys


def measure(name: str, size: str = "") -> dict:
    command = [sys.executable, "-m", "benchmarks.speed", name] + ([size] if size else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,squad,100k", help="comma-separated: seed, squad, 100k")
    parser.add_argument("--only", default="latency,build,refresh,startup,concurrency",
                        help="comma-separated measures to run")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    only = args.only.split(",")
    results: dict = {}
    if "latency" in only:
        results["latency"] = [measure("latency", size) for size in args.sizes.split(",")]
    for name in ("build", "refresh", "startup", "concurrency"):
        if name in only:
            results[name] = measure(name)
    if args.json:
        print(json.dumps(results))
        return 0
    if "latency" in results:
        print("question latency (ms, warm, in process) and peak RSS")
        header = ("size", "chunks", "faiss", "embed p50", "ask p50", "ask p95", "ratio", "langchain p50",
                  "recall@10", "RSS MB")
        print(" | ".join(header))
        for row in results["latency"]:
            if "error" in row:
                print(f"error: {row['error']}")
                continue
            ratio = row["ask_p50_ms"] / row["embed_p50_ms"]
            print(" | ".join(fmt(v) for v in (row["size"], row["chunks"], row["faiss"], row["embed_p50_ms"],
                                              row["ask_p50_ms"], row["ask_p95_ms"], ratio,
                                              row.get("langchain_p50_ms"), row.get("recall_at_10"),
                                              row["peak_rss_mb"])))
    for name in ("build", "refresh", "startup", "concurrency"):
        if name in results:
            print(f"{name}: " + ", ".join(f"{k} {fmt(v)}" for k, v in results[name].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Articles the rules were not written from: questions and meetings on the sets in benchmarks/fresh/.

    python -m benchmarks.fresh [SET ...] [--json] [--show N]

Each set (benchmarks/fresh/SET/: corpus/, questions.jsonl, meetings.json, laid out as ../shared/eval/news is)
holds news stories in the manner of the Reuters wire of 1987 or of BBC News of 2004-05, written here by
people who had not read the code, with their questions and meetings labelled before the product was run.
Questions are scored as ../shared/eval/score_corpus.py scores them (index.evaluation); a meeting is found
when one record of its article holds an alternative of every participant group and of the place group
(strict: in the record's own fields, the sentences it quotes left out), as ../shared/eval/score_meetings.py
counts. See benchmarks/fresh/README.md for which sets rules were fitted on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from benchmarks.squad import WORK

FRESH = Path(__file__).resolve().parent / "fresh"
SETS = ("reuters", "tune2", "bbc", "final", "set5", "set6", "set7", "set8")
HALVED = {"set8"}  # fitted on its half "a" (benchmarks.abstention.part of the article), half "b" held apart
_IDS = {"doc_id", "meeting_id", "id", "url"}  # slugs name places: they never count
_SPACE = re.compile(r"\s+")
_FOLD = {0x2018: "'", 0x2019: "'", 0x201c: '"', 0x201d: '"', 0x00a0: " ", 0x2010: "-", 0x2011: "-",
         0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2212: "-"}


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().lower()


def _strings(value, strict: bool = False):
    """Every string of a record, identifiers aside; strict leaves out the sentences it quotes."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _IDS and not (strict and "quote" in key):
                yield from _strings(item, strict)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, strict)


def _holds(record: dict, wanted: dict, strict: bool) -> bool:
    text = " | ".join(_norm(s) for s in _strings(record, strict))
    if not all(any(_norm(alt) in text for alt in group) for group in wanted["participants"]):
        return False
    if not wanted.get("place"):
        return True
    where = _norm(record["place"]["value"]) if strict and record.get("place") else text
    return any(_norm(alt) in where for alt in wanted["place"])


def score_meetings(records: list[dict], expected: list[dict]) -> dict:
    required = [m for m in expected if not m.get("optional")]
    found = strict = 0
    missing = []
    for wanted in required:
        mine = [r for r in records if r["doc_id"] == wanted["doc"]]
        found += any(_holds(r, wanted, False) for r in mine)
        strict += any(_holds(r, wanted, True) for r in mine)
        if not any(_holds(r, wanted, False) for r in mine):
            missing.append(f"{wanted['doc']}: {' + '.join(g[0] for g in wanted['participants'])}"
                           f" in {(wanted.get('place') or ['-'])[0]}")
    return {"required": len(required), "found": found, "strict": strict, "records": len(records),
            "missing": missing}


def score_set(name: str, show: int) -> dict:
    from benchmarks.abstention import open_kb
    from index.evaluation import evaluate, load_cases

    folder = FRESH / name
    kb = open_kb(folder / "corpus", f"fresh-{name}")
    result = evaluate(kb, load_cases(folder / "questions.jsonl"))
    for failure in result["failures"][:show]:
        print(f"  [{name}] {failure['id']} {failure['question']} -> {failure['reason']}: "
              f"{failure['answer'][:150]!r}", file=sys.stderr)
    records = [m.to_json() for m in kb.meetings()]
    meetings = score_meetings(records, json.loads((folder / "meetings.json").read_text(encoding="utf-8")))
    for line in meetings["missing"][:show]:
        print(f"  [{name}] meeting missing: {line}", file=sys.stderr)
    out = {key: result[key] for key in ("questions", "answer", "evidence", "unanswerable", "quotes")}
    out["meetings"] = {key: meetings[key] for key in ("required", "found", "strict", "records")}
    if name in HALVED:
        out["halves"] = _halves(kb, folder, records)
    return out


def _halves(kb, folder: Path, records: list[dict]) -> dict:
    """The figures of each half of a set, split by article (by question for the unanswerable ones)."""
    from benchmarks.abstention import part
    from index.evaluation import evaluate, load_cases

    cases = load_cases(folder / "questions.jsonl")
    expected = json.loads((folder / "meetings.json").read_text(encoding="utf-8"))
    out = {}
    for half in ("a", "b"):
        result = evaluate(kb, [c for c in cases if part(c.get("doc") or c["id"]) == half])
        meetings = score_meetings(records, [m for m in expected if part(m["doc"]) == half])
        out[half] = {key: result[key] for key in ("answer", "evidence", "unanswerable")}
        out[half]["meetings"] = {key: meetings[key] for key in ("required", "found", "strict")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fresh", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", choices=[*SETS, []], help=f"which sets (default: {' '.join(SETS)})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", type=int, default=0, help="print the first N misses of each set")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    figures = {name: score_set(name, args.show) for name in args.sets or SETS}
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    for name, f in figures.items():
        m = f["meetings"]
        print(f"{name:8} answer {f['answer']['right']}/{f['answer']['total']}  evidence "
              f"{f['evidence']['cited']}/{f['evidence']['total']}  abstained {f['unanswerable']['abstained']}/"
              f"{f['unanswerable']['total']}  quotes {f['quotes']['verbatim']}/{f['quotes']['total']}  meetings "
              f"{m['found']}/{m['required']} (strict {m['strict']}), {m['records']} records")
        for half, h in f.get("halves", {}).items():
            print(f"  half {half}  answer {h['answer']['right']}/{h['answer']['total']}  evidence "
                  f"{h['evidence']['cited']}/{h['evidence']['total']}  abstained {h['unanswerable']['abstained']}/"
                  f"{h['unanswerable']['total']}  meetings {h['meetings']['found']}/{h['meetings']['required']} "
                  f"(strict {h['meetings']['strict']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

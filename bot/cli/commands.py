"""The commands of `communique`: each takes a Context, prints, and returns the exit code."""

from __future__ import annotations

import json
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import render
from bot.cli.context import PROG, Context, error_line
from bot.logs import isatty
from index.corpus.documents import SUFFIXES
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.answers.compose import Answer
    from index.meetings.records import Meeting
    from index.retrieval.build import BuildReport
    from index.retrieval.search import Hit

BATCH_SIZE = 32
EXIT_OK, EXIT_FAILED = 0, 1


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


def _stream(ctx: Context, key: str, work: Callable[[list[str]], list], show: Callable[[str, Any], None]) -> int:
    """Lines of stdin through work (a batch at a time, one model load), each result shown as it comes.

    A line the engine would refuse is reported in its place ({key: line, "error": ...} with --json, a
    line on stderr without) and the rest go on; the exit code is then 1.
    """
    failed = False
    for batch in batches(ctx.stdin):
        results: dict[int, Any] = {}
        good = []
        for i, line in enumerate(batch):
            try:
                ctx.clean(line)
                good.append(i)
            except CommuniqueError as error:
                results[i] = error
        if good:
            ctx.kb(model=True)
            results.update(zip(good, work([batch[i] for i in good]), strict=True))
        for i, line in enumerate(batch):
            result = results[i]
            if not isinstance(result, CommuniqueError):
                show(line, result)
                continue
            failed = True
            if ctx.args.json:
                ctx.json({key: line, "error": str(result)})
            else:
                ctx.err(f"{PROG}: error: {error_line(result)}")
    return EXIT_FAILED if failed else EXIT_OK


def _text(words: Sequence[str]) -> str:
    return render.repair(" ".join(words))


# --- questions and passages ---------------------------------------------------------------------------------

def cmd_ask(ctx: Context) -> int:
    question = _text(ctx.args.question)
    if question == "-":
        return _stream(ctx, "question", ctx.kb(model=False).ask_many,
                       lambda _, answer: _show_answer(ctx, answer, spaced=True))
    ctx.clean(question)
    _show_answer(ctx, ctx.kb().ask(question))
    return EXIT_OK


def _show_answer(ctx: Context, answer: Answer, spaced: bool = False) -> None:
    """JSON on one line, or the rendered answer (followed by a blank line when more may follow)."""
    if ctx.args.json:
        ctx.json(render.answer_data(answer))
    else:
        ctx.out(render.answer_text(answer, ctx.prompts) + ("\n" if spaced else ""))


def cmd_search(ctx: Context) -> int:
    query, k = _text(ctx.args.query), ctx.args.k
    if not 1 <= k <= 100:
        raise CommuniqueError(f"-k must be between 1 and 100, got {k}")
    if query == "-":
        kb = ctx.kb(model=False)
        return _stream(ctx, "query", lambda queries: kb.search_many(queries, k),
                       lambda line, hits: _show_hits(ctx, line, hits, spaced=True))
    ctx.clean(query)
    _show_hits(ctx, query, ctx.kb().search(query, k))
    return EXIT_OK


def _show_hits(ctx: Context, query: str, hits: list[Hit], spaced: bool = False) -> None:
    if ctx.args.json:
        ctx.json(render.search_data(ctx.clean(query), hits))
    else:
        titles = {d.doc_id: d.title for d in ctx.kb(model=False).documents()}
        ctx.out(render.hits_text(query, hits, ctx.prompts, titles) + ("\n" if spaced else ""))


def cmd_source(ctx: Context) -> int:
    document = ctx.kb(model=False).source(ctx.args.doc_id)
    if ctx.args.json:
        ctx.json(render.document_data(document))
    else:
        ctx.out(render.document_text(document, ctx.prompts))
    return EXIT_OK


def cmd_meetings(ctx: Context) -> int:
    from bot.timeline import MAX_WEEKS

    if not 1 <= ctx.args.weeks <= MAX_WEEKS:
        raise CommuniqueError(f"--weeks must be between 1 and {MAX_WEEKS}, got {ctx.args.weeks}")
    kb = ctx.kb(model=False)
    person, place = ctx.args.person, ctx.args.place
    meetings = kb.meetings(person, place)
    if ctx.args.timeline:
        return _write_timeline(ctx, meetings, Path(ctx.args.timeline))
    if ctx.args.json:
        ctx.json({"person": person, "place": place, "meetings": [m.to_json() for m in meetings]})
    else:
        ctx.out(render.meetings_text(meetings, kb.data.documents, ctx.prompts, person, place))
    return EXIT_OK


def _write_timeline(ctx: Context, meetings: Sequence[Meeting], path: Path) -> int:
    """The meetings' timeline as a PNG at path, and one line saying where and what it shows (exit 1: no
    meeting has a day, nothing written)."""
    from bot.timeline import draw_timeline, timeline_text

    timeline = draw_timeline(meetings, ctx.args.weeks)
    text = timeline_text(timeline, ctx.prompts, ctx.args.person, ctx.args.place)
    if timeline.png is not None:
        try:
            path.write_bytes(timeline.png)
        except OSError as error:
            raise CommuniqueError(f"cannot write {path}: {error.strerror or error}") from None
    written = str(path) if timeline.png is not None else None
    if ctx.args.json:
        ctx.json({"person": ctx.args.person, "place": ctx.args.place, "timeline": written, "text": text,
                  "drawn": timeline.drawn, "undated": timeline.undated, "earlier": timeline.earlier,
                  "hidden_people": timeline.hidden_people,
                  "start": timeline.start and timeline.start.isoformat(),
                  "end": timeline.end and timeline.end.isoformat()})
    else:
        ctx.out(f"wrote {path}: {text}" if written else text)
    return EXIT_OK if written else EXIT_FAILED


# --- the index ----------------------------------------------------------------------------------------------

def cmd_index_build(ctx: Context) -> int:
    kb = ctx.knowledge_base()
    if ctx.args.force:  # no previous index: every passage is embedded again
        report = ctx.with_progress(lambda progress: kb.refresh(progress, wait=True))
    else:
        report = ctx.with_progress(lambda progress: kb.ensure_index(progress, fallback=False))
    if report is None:
        status = kb.status()
        if ctx.args.json:
            ctx.json({"built": False, **status})
        else:
            ctx.out(f"index is up to date: {render.plural(status['documents'], 'article')}, "
                    f"{render.plural(status['chunks'], 'passage')}, built {status['built_at']}")
        return EXIT_OK
    if ctx.args.json:
        ctx.json({"built": True, **render.report_data(report)})
        ctx.show_warnings(report)
    else:
        ctx.built(report, summary_to=ctx.stdout)
    return EXIT_OK


def cmd_index_status(ctx: Context) -> int:
    status = ctx.kb(model=False).status()
    if ctx.args.json:
        ctx.json(status)
    else:
        ctx.out(render.status_text(status, ctx.prompts))
    return EXIT_OK


def cmd_index_add(ctx: Context) -> int:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", ctx.args.path):
        return _add_url(ctx, ctx.args.path)
    path = Path(ctx.args.path)
    if path.suffix.lower() not in SUFFIXES:
        raise CommuniqueError(f"cannot add {path}: only .txt, .md and .html articles can be added")
    if not path.is_file():
        raise CommuniqueError(f"cannot add {path}: no such file")
    kb = ctx.kb(model=False)
    with _audited(ctx, "add", path.name):
        doc_id, report = ctx.with_progress(lambda progress: kb.add(path, progress, replace=ctx.args.replace))
    return _changed(ctx, f"added {doc_id}", report, doc_id=doc_id)


def _add_url(ctx: Context, url: str) -> int:
    kb = ctx.kb(model=False)
    with _audited(ctx, "add", url):
        result, report = ctx.with_progress(lambda progress: kb.add_url(url, ctx.settings.fetch_policy(), progress))
    if report is None:
        if ctx.args.json:
            ctx.json({"doc_id": result.doc_id, "status": result.status})
        else:
            ctx.out(f"{result.doc_id} is already in the corpus (same address or same text); nothing changed")
        return EXIT_OK
    return _changed(ctx, f"{result.status} {result.doc_id}", report, doc_id=result.doc_id)


def cmd_index_remove(ctx: Context) -> int:
    kb = ctx.kb(model=False)
    with _audited(ctx, "remove", ctx.args.doc_id):
        report = ctx.with_progress(lambda progress: kb.remove(ctx.args.doc_id, progress))
    return _changed(ctx, f"removed {ctx.args.doc_id}", report, doc_id=ctx.args.doc_id)


@contextmanager
def _audited(ctx: Context, action: str, article: str) -> Iterator[None]:
    """A change of the articles from the command line, in the audit log whether it succeeds or fails."""
    from bot.cli.collections import cli_audit

    try:
        yield
    except Exception as error:
        cli_audit(ctx, action, ctx.collection, article, f"failed: {error_line(error)}")
        raise
    cli_audit(ctx, action, ctx.collection, article, "done")


def _changed(ctx: Context, what: str, report: BuildReport, doc_id: str) -> int:
    if ctx.args.json:
        ctx.json({"doc_id": doc_id, **render.report_data(report)})
    else:
        ctx.out(f"{what}; {render.report_text(report)}")
    ctx.show_warnings(report)
    return EXIT_OK


# --- eval ---------------------------------------------------------------------------------------------------

def cmd_eval(ctx: Context) -> int:
    from index.evaluation import evaluate, load_cases

    path = Path(ctx.args.file)
    cases = load_cases(path)
    result = evaluate(ctx.kb(), cases)
    if ctx.args.json:
        ctx.json({"file": str(path), **result})
    else:
        ctx.out(render.eval_text(path, result))
    return EXIT_OK


# --- chat and Discord ---------------------------------------------------------------------------------------

def cmd_chat(ctx: Context) -> int:
    return _chat(ctx).run()


def _chat(ctx: Context):
    """The terminal chat on this command's streams; folded to the terminal when stdout is one."""
    from bot.chat import Chat
    from bot.cli.context import terminal_size

    kb = ctx.kb()
    interactive = isatty(ctx.stdin)
    if interactive:
        count = len(kb.documents())
        ctx.out(ctx.prompts.render("welcome", count=count, articles=render.plural(count, "article")))
    height = terminal_size().lines if ctx.width else None
    return Chat(kb, ctx.prompts, ctx.stdin, ctx.stdout, interactive=interactive, width=ctx.width, height=height)


def cmd_run(ctx: Context) -> int:
    if not ctx.settings.token:
        ctx.err(f"{PROG}: {ctx.prompts.text('no_token')}")
        chat = _chat(ctx)
        code = chat.run()
        if chat.at_end_of_input:  # e.g. started with no terminal attached: say why it stops
            ctx.err(f"{PROG}: end of input: stopping (with no DISCORD_TOKEN, `run` answers typed questions)")
        return code
    import asyncio

    from bot.discord.bot import run_bot
    from bot.logs import configure_bot_logging

    kb = ctx.kb()
    configure_bot_logging(ctx.settings.log_level, ctx.settings.token, ctx.stderr, ctx.settings.log_format)
    asyncio.run(run_bot(ctx.settings, kb, ctx.prompts, sync_globally=ctx.args.sync))
    return EXIT_OK


def cmd_sync(ctx: Context) -> int:
    if not ctx.settings.token:
        raise CommuniqueError("DISCORD_TOKEN is not set: syncing needs the bot's token (see .env.example)")
    import asyncio

    from bot.discord.bot import sync_commands

    count = asyncio.run(sync_commands(ctx.settings, ctx.kb(model=False), ctx.prompts))
    where = f"guild {ctx.settings.guild_id}" if ctx.settings.guild_id else "globally (Discord may take up to an hour)"
    ctx.out(f"synced {count} slash commands {where}")
    return EXIT_OK


# --- feedback -----------------------------------------------------------------------------------------------

def cmd_feedback_list(ctx: Context) -> int:
    from bot.feedback import FeedbackStore

    rated = FeedbackStore(ctx.settings.feedback_db).rated(ctx.args.votes, ctx.args.guild)
    if ctx.args.json:
        for answer in rated:
            ctx.json(answer.to_json())
        return EXIT_OK
    if not rated:
        ctx.out(f"no votes yet in {ctx.settings.feedback_db}")
    for answer in rated:
        server = f"server {answer.guild_id}" if answer.guild_id else "direct message"
        ctx.out(f"#{answer.answer_id}  👍 {answer.up}  👎 {answer.down}  {server}  {answer.asked_at}")
        ctx.out(f"    Q: {answer.question}")
        ctx.out(f"    A: {answer.answer if answer.answered else '(no answer) ' + answer.answer}")
    return EXIT_OK


def cmd_feedback_export(ctx: Context) -> int:
    """The rated answers as a question file (`communique eval`): approved ones as cases that pass today,
    rejected ones as cases to fix."""
    from bot.feedback import UP, FeedbackStore

    rated = FeedbackStore(ctx.settings.feedback_db).rated(ctx.args.votes, ctx.args.guild)
    lines = [json.dumps(answer.as_case(), ensure_ascii=False) for answer in rated]
    if ctx.args.output:
        try:
            Path(ctx.args.output).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        except OSError as error:
            raise CommuniqueError(f"cannot write {ctx.args.output}: {error.strerror or error}") from None
    else:
        for line in lines:
            ctx.write(line)
    approved = sum(answer.verdict == UP for answer in rated)
    where = f" to {ctx.args.output}" if ctx.args.output else ""
    ctx.err(f"{PROG}: exported {render.plural(len(rated), 'question')}{where}: {approved} approved, "
            f"{len(rated) - approved} to fix (fill in their answer_any and evidence)")
    return EXIT_OK

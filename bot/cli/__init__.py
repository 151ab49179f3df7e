"""The `communique` command line: the parser and main(); the commands are in bot/cli/commands.py.

The engine (torch, sentence-transformers, FAISS) is imported inside the commands that need it, so
`communique --help` starts at once. User errors print one line, `communique: error: ...`, and exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from bot.cli import collections as coll
from bot.cli import commands as cmd
from bot.cli import feeds as feed_cmds
from bot.cli.context import PROG, Context, error_line, quiet_environment, shared_embedder
from bot.logs import configure_cli_logging
from bot.settings import load_settings
from bot.timeline import DEFAULT_WEEKS
from index.errors import CommuniqueError

__all__ = ["build_parser", "main", "quiet_environment", "shared_embedder"]

EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 1, 2, 130, 143


class Terminated(BaseException):
    """SIGTERM arrived: raised where the program is, so a change under way is undone as on Ctrl-C."""


@contextmanager
def stopped_by_sigterm() -> Iterator[threading.Event]:
    """While a command runs, SIGTERM raises Terminated in it (the handler before is put back after).

    Yields an event set by the signal: a C extension being imported at that moment turns the
    exception into its own ImportError, which is then still a termination.
    """
    signalled = threading.Event()

    def terminate(_signal, _frame):
        signalled.set()
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield signalled
        return
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield signalled
    finally:
        signal.signal(signal.SIGTERM, previous)


def _paths(suppress: bool) -> argparse.ArgumentParser:
    """--corpus and --index, accepted before and after a command name (later ones win)."""
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("where the articles and the index are")
    group.add_argument("--corpus", metavar="DIR", default=default,
                       help="the articles, one .txt/.md/.html file each (default: CORPUS_DIR, corpus/)")
    group.add_argument("--index", metavar="DIR", default=default,
                       help="the built index (default: INDEX_DIR, var/index/); built when missing or stale")
    group.add_argument("--collection", metavar="NAME", default=default,
                       help="a Discord server's own collection (guild-<server id>) instead of the shared one")
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

    def command(name: str, handler: Callable[[Context], int], summary: str,
                into=commands) -> argparse.ArgumentParser:
        sub = into.add_parser(name, parents=[paths], help=summary, description=summary)
        sub.set_defaults(handler=handler)
        return sub

    ask = command("ask", cmd.cmd_ask, "answer a question from the articles, with quotes")
    ask.add_argument("question", nargs="+", metavar="QUESTION",
                     help="the question; - reads one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line with -)")

    search = command("search", cmd.cmd_search, "show the passages closest to a query")
    search.add_argument("query", nargs="+", metavar="QUERY",
                        help="the query; - reads one per line from stdin")
    search.add_argument("-k", type=int, default=5, metavar="N", help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON (one object per line with -)")

    source = command("source", cmd.cmd_source, "print an article")
    source.add_argument("doc_id", metavar="DOC_ID", help="the article's id (its file name without .txt/.md)")
    source.add_argument("--json", action="store_true",
                        help="print JSON: doc_id, title, meta, text, paragraphs")

    index = commands.add_parser("index", parents=[paths], help="build, inspect or change the index",
                                description="build, inspect or change the index")
    actions = index.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = command("build", cmd.cmd_index_build, "build the index if it is missing or stale", into=actions)
    build.add_argument("--force", action="store_true", help="rebuild from scratch even when up to date")
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    status = command("status", cmd.cmd_index_status, "what the index holds", into=actions)
    status.add_argument("--json", action="store_true", help="print JSON")
    add = command("add", cmd.cmd_index_add, "add an article to the corpus and index it: a .txt, .md or .html "
                  "file (with its .meta.json, if any), or a news page's URL (its article text is kept)",
                  into=actions)
    add.add_argument("path", metavar="FILE_OR_URL",
                     help="an article file (.txt, .md or .html) or a web page's address (http:// or https://)")
    add.add_argument("--replace", action="store_true",
                     help="replace the article already in the corpus under the same id")
    add.add_argument("--json", action="store_true", help="print the build report as JSON")
    remove = command("remove", cmd.cmd_index_remove, "delete an article from the corpus and the index",
                     into=actions)
    remove.add_argument("doc_id", metavar="DOC_ID")
    remove.add_argument("--json", action="store_true", help="print the build report as JSON")

    evaluate = command("eval", cmd.cmd_eval, "score answers against a question file (JSON lines)")
    evaluate.add_argument("file", metavar="FILE",
                          help="JSON lines: id, question, answer_any, evidence, unanswerable")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")

    meetings = command("meetings", cmd.cmd_meetings, "the meetings in the articles: who meets whom, where, when")
    meetings.add_argument("--person", metavar="NAME", help="only meetings of this person (any name they go by)")
    meetings.add_argument("--place", metavar="PLACE", help="only meetings in this place (a city or country)")
    meetings.add_argument("--json", action="store_true", help="print the records as JSON")
    meetings.add_argument("--timeline", metavar="FILE.png",
                          help="draw the dated meetings by person and day into a PNG instead (exit 1 when "
                               "none has a day)")
    meetings.add_argument("--weeks", type=int, default=DEFAULT_WEEKS, metavar="N",
                          help=f"--timeline: the N weeks up to the newest dated meeting "
                               f"(default {DEFAULT_WEEKS})")

    feedback = commands.add_parser("feedback", help="the 👍/👎 votes on the bot's answers (FEEDBACK_DB)",
                                   description="the 👍/👎 votes members gave the bot's answers on Discord")
    votes = feedback.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command("list", cmd.cmd_feedback_list, "the rated answers: question, answer, votes, server",
                      into=votes)
    listing.add_argument("--json", action="store_true", help="print one JSON object per answer")
    export = command("export", cmd.cmd_feedback_export,
                     "the rated answers as a question file for `communique eval`: approved answers as cases "
                     "that pass, rejected ones as cases to fix", into=votes)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    for sub in (listing, export):
        sub.add_argument("--votes", choices=("up", "down"), help="only answers most members liked (up) or not")
        sub.add_argument("--guild", type=int, metavar="ID", help="only answers given in this server")

    collections = commands.add_parser(
        "collections", help="the shared collection and the Discord servers' own (COLLECTIONS_DIR)",
        description="the shared collection (the corpus directory) and each Discord server's own")
    kinds = collections.add_subparsers(dest="action", metavar="ACTION", required=True)
    listed = command("list", coll.cmd_collections_list, "every collection: articles, build, whether its server "
                     "was left", into=kinds)
    listed.add_argument("--json", action="store_true", help="print one JSON object per collection")
    shown = command("show", coll.cmd_collections_show, "one collection and its last changes (AUDIT_LOG)",
                    into=kinds)
    shown.add_argument("name", metavar="NAME", help="shared, or guild-<server id>")
    shown.add_argument("--json", action="store_true", help="print JSON")
    removed = command("remove", coll.cmd_collections_remove, "delete a server's collection: its articles and "
                      "index", into=kinds)
    removed.add_argument("name", metavar="NAME", help="guild-<server id>")

    feeds = commands.add_parser(
        "feeds", parents=[paths], help="the RSS/Atom feeds the collection follows (FEEDS_DB)",
        description="the RSS/Atom feeds the collection follows: new entries' articles are added on each poll")
    feed_actions = feeds.add_subparsers(dest="action", metavar="ACTION", required=True)
    follow = command("add", feed_cmds.cmd_feeds_add, "follow a feed; its entries already there are not added",
                     into=feed_actions)
    follow.add_argument("url", metavar="URL", help="the feed's address (RSS or Atom)")
    follow.add_argument("--backfill", type=int, default=0, metavar="N",
                        help="add the feed's N newest entries now (default 0)")
    followed = command("list", feed_cmds.cmd_feeds_list, "the feeds followed, and their errors", into=feed_actions)
    followed.add_argument("--json", action="store_true", help="print one JSON object per feed")
    unfollow = command("remove", feed_cmds.cmd_feeds_remove, "stop following a feed (its articles stay)",
                       into=feed_actions)
    unfollow.add_argument("url", metavar="URL")
    command("poll", feed_cmds.cmd_feeds_poll, "fetch every feed now and add the new entries' articles "
            "in one refresh", into=feed_actions)

    command("chat", cmd.cmd_chat, "ask questions in the terminal (/help lists the commands)")
    start = command("run", cmd.cmd_run, "start the Discord bot (the terminal chat when no DISCORD_TOKEN is set)")
    start.add_argument("--sync", action="store_true",
                       help="also register the slash commands globally (GUILD_ID set: that guild, always)")
    command("sync", cmd.cmd_sync, "register the slash commands with Discord (globally, or with GUILD_ID)")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:
        return "unknown"


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
        # WARNING for the command line unless LOG_LEVEL is set
        level = logging.getLevelName(settings.log_level) if settings.explicit("log_level") else logging.WARNING
        configure_cli_logging(level, stderr)
        with stopped_by_sigterm() as signalled:
            try:
                return args.handler(Context(args, settings, stdin, stdout, stderr))
            except Exception:
                if signalled.is_set():  # the change under way was undone as the error passed through
                    raise Terminated() from None
                raise
    except CommuniqueError as error:
        stderr.write(f"{PROG}: error: {error_line(error)}\n")
        stderr.flush()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Terminated:
        return EXIT_TERMINATED
    except BrokenPipeError:  # `communique ... | head`: the reader left
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_FAILED


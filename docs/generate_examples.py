"""Write the examples in README.md and docs/*.md from the program's real output, so they cannot drift.

Every ```console block whose lines start with `$ communique ...` (or `$ .venv/bin/communique ...`) is run
again, in order, in a scratch copy of the shipped corpus, and its output replaced: what the command prints
on stdout, and its own `communique: ...` lines from stderr (progress lines are left out). A trailing
`| head -N` keeps N lines. In a `chat` example the lines after the `communique> ` prompt are typed in.

    .venv/bin/python docs/generate_examples.py           # rewrite the examples
    .venv/bin/python docs/generate_examples.py --check   # exit 1 and name the files that differ
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "docs/architecture.md", "docs/discord.md")
# files the examples name, copied into the scratch directory: name there -> source in the repository
EXAMPLE_FILES = {"geneva.txt": "tests/index/meetings/articles/geneva-summit.txt",
                 "tests/data/seed_questions.jsonl": "tests/data/seed_questions.jsonl"}
COMMAND = re.compile(r"^\$ (?:\S*/)?communique(?=\s|$)(.*)$")
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
WORKSPACE_SHOWN = "/home/you/communique"  # the scratch directory's path, as the docs show it
# what changes from one run to the next: durations, build times and build directory names
VARYING = [(re.compile(r"\b\d+\.\d+s\b"), "N.Ns"),
           (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z)?"), "TIME"),
           (re.compile(r"build-[\w-]+"), "build-ID")]


def steady(text: str) -> str:
    """text without what varies from run to run, to compare two runs' examples."""
    for pattern, replacement in VARYING:
        text = pattern.sub(replacement, text)
    return text


class Terminal(io.StringIO):
    """Typed-in lines: the chat shows its welcome and prompts as at a terminal."""

    def isatty(self) -> bool:
        return True


class Screen:
    """What a reader sees of both streams, in order: stdout, and stderr's own `communique: ...` lines
    (progress lines and timings are left out)."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.chunks: list[tuple[str, str]] = []

    def stream(self, name: str):
        screen = self

        class Stream:
            encoding = "utf-8"

            def write(self, text: str) -> int:
                screen.chunks.append((name, text))
                return len(text)

            def flush(self) -> None:
                pass

            def isatty(self) -> bool:
                return False

        return Stream()

    def text(self) -> str:
        return "".join(text for name, text in self.chunks
                       if name == "stdout" or text.startswith("communique:"))


class Workspace:
    """A scratch directory with a copy of the corpus (and, given one, of a built index) where the
    examples run one after the other, as a reader typing them would."""

    def __init__(self, directory: Path, index: Path | None = None):
        self.directory = directory
        shutil.copytree(ROOT / "corpus", directory / "corpus")
        if index is not None:
            shutil.copytree(index, directory / "var" / "index")
        for name, source in EXAMPLE_FILES.items():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / source, directory / name)

    def run(self, command: str, typed: list[str]) -> str:
        """What a reader sees after `$ communique COMMAND` (typing `typed` at a chat prompt)."""
        from bot.chat import PROMPT
        from bot.cli import main

        command, _, shown_lines = command.partition("|")
        keep = abs(int(shown_lines.split()[-1])) if shown_lines.strip() else None  # head -N
        args = shlex.split(command, comments=True)
        chat = bool(args) and args[0] == "chat"
        stdin = Terminal("".join(f"{line}\n" for line in typed)) if chat else io.StringIO("")
        screen = Screen()
        with self._inside(), contextlib.redirect_stdout(screen.stream("stdout")), \
                contextlib.redirect_stderr(screen.stream("stderr")):
            old_stdin, sys.stdin = sys.stdin, stdin
            try:
                main(args)
            finally:
                sys.stdin = old_stdin
        text = screen.text()
        if chat:  # a terminal shows what was typed after each prompt
            replies = text.split(PROMPT)
            text = replies[0] + "".join(f"{PROMPT}{line}\n{reply}"
                                        for line, reply in zip(typed, replies[1:], strict=False))
        lines = text.rstrip("\n").split("\n")
        if keep is not None:
            lines = lines[:keep]
        return "\n".join(lines).replace(str(self.directory), WORKSPACE_SHOWN)

    @contextlib.contextmanager
    def _inside(self) -> Iterator[None]:
        """In the scratch directory, with settings from nowhere but the defaults (no token: the chat)."""
        saved_cwd, saved_env = Path.cwd(), dict(os.environ)
        os.chdir(self.directory)
        for name in list(os.environ):
            if name.startswith(("DISCORD_", "GUILD_", "CORPUS_", "INDEX_", "LOG_")):
                del os.environ[name]
        os.environ["COMMUNIQUE_ENV_FILE"] = os.devnull
        os.environ["HOME"] = str(self.directory)  # the chat's history stays in the scratch directory
        os.environ.setdefault("MODEL_CACHE_DIR", str(ROOT / "var" / "models"))
        try:
            yield
        finally:
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)


def regenerate(markdown: str, workspace: Workspace) -> str:
    """markdown with the output of every communique command in its console blocks written anew."""
    def block(match: re.Match) -> str:
        lines = match.group(1).rstrip("\n").split("\n")
        if not any(COMMAND.match(line) for line in lines):
            return match.group(0)
        from bot.chat import PROMPT

        written: list[str] = []
        for n, line in enumerate(lines):
            command = COMMAND.match(line)
            if not command:
                continue
            following = []
            for later in lines[n + 1:]:
                if COMMAND.match(later):
                    break
                following.append(later)
            typed = [later[len(PROMPT):] for later in following if later.startswith(PROMPT)]
            if written:
                written.append("")
            written += [line, workspace.run(command.group(1), typed)]
        return "```console\n" + "\n".join(written) + "\n```"

    return BLOCK.sub(block, markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if an example is stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    stale = []
    for name in DOCUMENTS:
        path = ROOT / name
        old = path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="communique-examples-") as scratch:
            new = regenerate(old, Workspace(Path(scratch)))
        if steady(new) != steady(old):
            stale.append(name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "stale" if args.check else "rewritten"
    print(f"{verb}: {', '.join(stale)}" if stale else "every example is up to date")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())

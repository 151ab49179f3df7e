"""The terminal chat: a plain line is a question; /commands search and read the articles."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, TextIO

from bot import render
from bot.prompts import Prompts
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.kb import KnowledgeBase

log = logging.getLogger(__name__)

PROMPT = "communique> "
SEARCH_K = 5


class Chat:
    """Reads lines from stdin and writes replies to stdout until /quit, end of input or Ctrl-C.

    With interactive=True the prompt is shown before each line (through readline when the streams are
    the real terminal); without it, lines are answered one after the other, as from a pipe.
    """

    def __init__(self, kb: KnowledgeBase, prompts: Prompts, stdin: TextIO, stdout: TextIO,
                 interactive: bool = False, prompt: str = PROMPT):
        self.kb = kb
        self.prompts = prompts
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.prompt = prompt
        self.commands = {
            "ask": self.ask, "search": self.search, "sources": self.sources, "source": self.source,
            "meetings": self.meetings,
            "help": self.help, "quit": self.quit, "exit": self.quit,
        }

    # --- the loop ----------------------------------------------------------------------------------

    def run(self) -> int:
        try:
            while True:
                line = self._read()
                if line is None:
                    break
                if not self.handle(line):
                    break
        except KeyboardInterrupt:
            pass
        if self.interactive:
            self._write("")
        return 0

    def _read(self) -> str | None:
        """The next line without its newline; None at the end of input."""
        if self.interactive and self.stdin is sys.stdin and self.stdout is sys.stdout:
            try:
                # input() gives line editing and history when readline is available
                return render.repair(input(self.prompt))
            except EOFError:
                return None
        if self.interactive:
            self.stdout.write(self.prompt)
            self.stdout.flush()
        line = self.stdin.readline()
        return render.repair(line.rstrip("\r\n")) if line else None

    def handle(self, line: str) -> bool:
        """Reply to one line; False when the chat should end."""
        text = line.strip()
        if not text:
            return True
        if text.startswith("/"):
            name, _, rest = text[1:].partition(" ")
            command = self.commands.get(name.lower())
            if command is None:
                self._write(f"unknown command /{name}; /help lists the commands")
                return True
        else:
            command, rest = self.ask, text
        try:
            return command(rest.strip()) is not False
        except CommuniqueError as error:
            self._write(f"error: {error}")
            return True

    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _reply(self, text: str) -> None:
        self._write(text)
        self._write("")

    # --- commands ----------------------------------------------------------------------------------

    def ask(self, question: str) -> None:
        if not question:
            raise CommuniqueError("ask what? /ask QUESTION, or type the question on its own")
        self._reply(render.answer_text(self.kb.ask(question), self.prompts))

    def search(self, query: str) -> None:
        if not query:
            raise CommuniqueError("search for what? /search QUERY")
        hits = self.kb.search(query, SEARCH_K)
        titles = {d.doc_id: d.title for d in self.kb.documents()}
        self._reply(render.hits_text(query, hits, self.prompts, titles))

    def sources(self, _: str) -> None:
        self._reply(render.documents_text(self.kb.documents(), self.prompts))

    def source(self, arguments: str) -> None:
        parts = arguments.split()
        if not 1 <= len(parts) <= 2:
            raise CommuniqueError("usage: /source DOC [PARAGRAPH] (/sources lists the articles)")
        document = self.kb.source(parts[0])
        if len(parts) == 1:
            self._reply(render.document_text(document, self.prompts))
            return
        try:
            number = int(parts[1])
        except ValueError:
            raise CommuniqueError(f"PARAGRAPH must be a number, got {parts[1]!r}") from None
        self._reply(render.paragraph_text(document, number, self.prompts))

    def meetings(self, person: str) -> None:
        """/meetings [PERSON]: the meeting records, or those of one person."""
        found = self.kb.meetings(person or None)
        self._reply(render.meetings_text(found, self.kb.data.documents, self.prompts, person or None))

    def help(self, _: str) -> None:
        self._reply(self.prompts.text("help"))

    def quit(self, _: str) -> bool:
        return False

"""The terminal chat: a plain line is a question; /commands search and read the articles."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import render
from bot.prompts import Prompts
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from index.corpus.documents import Document
    from index.kb import KnowledgeBase

log = logging.getLogger(__name__)

PROMPT = "communique> "
SEARCH_K = 5
PAGE_PARAGRAPHS = 10  # /source pages when the terminal's height is unknown
HISTORY_NAME = ".communique_history"  # in the home directory
HISTORY_LENGTH = 1000


class Chat:
    """Reads lines from stdin and writes replies to stdout until /quit, end of input or Ctrl-C.

    With interactive=True the prompt is shown before each line (through readline, with line editing,
    history and Ctrl-L, when the streams are the real terminal); without it, lines are answered one after
    the other, as from a pipe. Replies are folded at width and /source pages hold about height lines
    (None: not folded, PAGE_PARAGRAPHS paragraphs a page). `at_end_of_input` tells how the chat ended.
    """

    def __init__(self, kb: KnowledgeBase, prompts: Prompts, stdin: TextIO, stdout: TextIO,
                 interactive: bool = False, prompt: str = PROMPT, width: int | None = None,
                 height: int | None = None):
        self.kb = kb
        self.prompts = prompts
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.prompt = prompt
        self.width, self.height = width, height
        self.at_end_of_input = False
        self.pages: list[str] = []  # the rest of an article after a /source page, for /more
        self.commands = {
            "ask": self.ask, "search": self.search, "sources": self.sources, "source": self.source,
            "more": self.more, "meetings": self.meetings,
            "help": self.help, "quit": self.quit, "exit": self.quit,
        }

    # --- the loop ----------------------------------------------------------------------------------

    def run(self) -> int:
        editing = self.interactive and self.stdin is sys.stdin and self.stdout is sys.stdout and line_editing()
        try:
            while True:
                line = self._read(editing)
                if line is None:
                    self.at_end_of_input = True
                    break
                if not self.handle(line):
                    break
        except KeyboardInterrupt:
            pass
        finally:
            if editing:
                save_history()
        if self.interactive:
            self._write("")
        return 0

    def _read(self, editing: bool) -> str | None:
        """The next line without its newline; None at the end of input."""
        if editing:
            try:
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
        self.stdout.write(render.wrap(text, self.width) + "\n")
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
            self.pages = self._pages(document)
            self.more("")
            return
        try:
            number = int(parts[1])
        except ValueError:
            raise CommuniqueError(f"PARAGRAPH must be a number, got {parts[1]!r}") from None
        self._reply(render.paragraph_text(document, number, self.prompts))

    def _pages(self, document: Document) -> list[str]:
        """The article in pages of about a screen each (PAGE_PARAGRAPHS paragraphs when the height is
        unknown), each but the last ending with a hint to go on."""
        budget = None if self.height is None else self.height - 6  # title, metadata, hint, prompt
        pages: list[list] = []
        page, used = [], 0
        for paragraph in document.paragraphs:
            size = 1 if budget is None else render.wrap(
                render.paragraph_line(document, paragraph, self.prompts), self.width).count("\n") + 2
            if page and (len(page) >= PAGE_PARAGRAPHS if budget is None else used + size > budget):
                pages.append(page)
                page, used = [], 0
            page.append(paragraph)
            used += size
        pages += [page] if page else []
        texts = []
        for n, chosen in enumerate(pages):
            text = render.document_text(document, self.prompts, chosen, header=n == 0)
            if n + 1 < len(pages):
                text += "\n\n" + self.prompts.render(
                    "source_more", first=chosen[0].number, last=chosen[-1].number,
                    count=len(document.paragraphs), doc_id=document.doc_id)
            texts.append(text)
        return texts

    def more(self, _: str) -> None:
        """/more: the next page of the article /source began."""
        if not self.pages:
            raise CommuniqueError("nothing more to show: /source DOC reads an article")
        self._reply(self.pages.pop(0))

    def meetings(self, person: str) -> None:
        """/meetings [PERSON]: the meeting records, or those of one person."""
        found = self.kb.meetings(person or None)
        self._reply(render.meetings_text(found, self.kb.data.documents, self.prompts, person or None))

    def help(self, _: str) -> None:
        self._reply(self.prompts.text("help"))

    def quit(self, _: str) -> bool:
        return False


def line_editing() -> bool:
    """Line editing and history for input(): arrows, Ctrl-R, history kept in ~/.communique_history, Ctrl-L clears
    the screen. False where the readline module is missing (Windows without pyreadline)."""
    try:
        import readline
    except ImportError:
        return False
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^L ed-clear-screen")
    else:
        readline.parse_and_bind(r'"\C-l": clear-screen')
    readline.set_history_length(HISTORY_LENGTH)
    try:
        readline.read_history_file(history_file())
    except OSError:  # no history yet, or unreadable: start afresh
        pass
    return True


def save_history() -> None:
    import readline

    try:
        readline.write_history_file(history_file())
    except OSError as error:
        log.warning("could not save the chat history to %s: %s", history_file(), error)


def history_file() -> Path:
    return Path.home() / HISTORY_NAME

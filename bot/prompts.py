"""The user-facing text templates in prompts/, read at run time and filled in with str.format."""

from __future__ import annotations

import string
import threading
from pathlib import Path
from typing import Any

from index.errors import CommuniqueError

SUFFIX = ".txt"


class PromptError(CommuniqueError):
    """A template is missing or cannot be filled in."""


class Prompts:
    """Templates `<dir>/<name>.txt` with str.format fields, read at run time (re-read when a file changes).

    A template line whose fields all come out empty is left out, so "{url}" alone on a line vanishes for
    an article without a url.
    """

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self._cache: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def template(self, name: str) -> str:
        path = self.directory / f"{name}{SUFFIX}"
        try:
            mtime = path.stat().st_mtime
            with self._lock:
                cached = self._cache.get(name)
            if cached and cached[0] == mtime:
                return cached[1]
            text = path.read_text(encoding="utf-8").rstrip("\n")
        except FileNotFoundError:
            raise PromptError(f"missing prompt template {path} (PROMPTS_DIR is {self.directory})") from None
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise PromptError(f"cannot read prompt template {path}: {reason}") from None
        with self._lock:
            self._cache[name] = (mtime, text)
        return text

    def render(self, name: str, /, **fields: Any) -> str:
        template = self.template(name)
        lines = []
        for line in template.split("\n"):
            try:
                parsed = list(string.Formatter().parse(line))
                filled = line.format(**fields)
            except KeyError as error:
                known = ", ".join(sorted(fields)) or "none"
                raise PromptError(f"prompt template {name}{SUFFIX} uses the field {{{error.args[0]}}}, "
                                  f"which is not one of: {known}") from None
            except (ValueError, IndexError, AttributeError, TypeError) as error:
                raise PromptError(f"prompt template {name}{SUFFIX} has a bad field: {error}") from None
            has_fields = any(field is not None for _, field, _, _ in parsed)
            if has_fields and not filled.strip():
                continue
            lines.append(filled)
        return "\n".join(lines)

    def text(self, name: str) -> str:
        """A template with no fields filled in (for texts like help that have none)."""
        return self.render(name)

"""Progress on stderr while the index is built: a tqdm bar per stage on a terminal, else a line per stage."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from bot.logs import isatty


def shown(path: Path) -> str:
    """A directory as a user would type it: relative to the current directory when inside it."""
    path = Path(path)
    try:
        text = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        text = str(path)
    return text.rstrip("/") + "/" if text != "." else "./"


class StageProgress:
    """The engine's progress(stage, done, total) as a tqdm bar per stage on a terminal, else a line per
    stage start and end."""

    def __init__(self, stream: TextIO, corpus_dir: Path, tty: bool | None = None):
        self.stream = stream
        self.corpus_dir = corpus_dir
        self.tty = isatty(stream) if tty is None else tty
        self.stage: str | None = None
        self.started = time.perf_counter()
        self.finished: set[str] = set()
        self.announced = False
        self._bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.announced:
            self.announced = True
            count = f" ({total:,} article{'' if total == 1 else 's'})" if stage == "reading" else ""
            self._line(f"building the index for {shown(self.corpus_dir)}{count}…")
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


class ModelNotice:
    """Announces the first model load on a stream: "loading the embedding model… ready in 1.2s"."""

    def __init__(self, stream: TextIO | None):
        self.stream = stream
        self.began = 0.0

    def start(self) -> None:
        self.began = time.perf_counter()
        if self.stream is not None:
            self.stream.write("loading the embedding model…")
            self.stream.flush()

    def end(self, loaded: bool) -> None:
        if self.stream is not None:
            self.stream.write(f" {'ready' if loaded else 'failed'} in {time.perf_counter() - self.began:.1f}s\n")
            self.stream.flush()

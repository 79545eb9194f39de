"""A progress display for long builds (rich), silent when not on a terminal.

The library builds with `Quiet` (it prints nothing); the command line passes `BuildProgress`."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Quiet:
    """Hears of each meeting as it is built, and shows nothing."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __enter__(self) -> Quiet:
        return self

    def start(self, name: str) -> None:
        pass

    def advance(self) -> None:
        pass

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        pass


class BuildProgress(Quiet):
    """A bar on standard error while a build runs, when that is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._progress: Any = None  # rich.progress.Progress, only on a terminal
        self._task: Any = None

    def __enter__(self) -> BuildProgress:
        if sys.stderr.isatty() and self.total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("Bygger", total=self.total)
        return self

    def start(self, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=f"Bygger {name}")

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

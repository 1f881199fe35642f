"""The window's one way to sync: `fractional-desk sync ...` as a child process.

The sync engine opens the practice with a second SQLite library (APSW), and two SQLite
libraries must never hold one file in one process, so the app never runs the engine itself: it
starts the command line, reads its JSON, and shows what happened. QProcess runs it without
blocking the UI thread; one child at a time, later requests wait in a short queue (the same
request twice is asked once).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, Signal

PROG_PREFIX = "fractional-desk: "
SOURCE_ROOT = Path(__file__).resolve().parent.parent  # the checkout `python -m desktop` runs from


def is_frozen(frozen: bool | None = None) -> bool:
    return bool(getattr(sys, "frozen", False)) if frozen is None else frozen


def command_line(
    data_dir: Path,
    words: Sequence[str],
    *,
    frozen: bool | None = None,
    program: Sequence[str] = (),
) -> list[str]:
    """The command that runs `sync WORDS` on `data_dir`: the bundle's own executable when frozen
    (PyInstaller), `python -m desktop` from source (`program` stands in for either)."""
    if program:
        start = list(program)
    else:
        start = [sys.executable] if is_frozen(frozen) else [sys.executable, "-m", "desktop"]
    return [*start, "--data-dir", str(data_dir), "sync", *words]


@dataclass(frozen=True)
class SyncResult:
    """What one child said: its JSON when it printed some, else the problem in plain words."""

    words: tuple[str, ...]
    exit_code: int
    data: Any = None  # the parsed JSON (a dict or a list), None when it printed none
    problem: str = ""  # why it failed, from its JSON or its last line on stderr
    output: str = ""  # what it printed, for the commands without JSON

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.problem


def read_result(words: Sequence[str], exit_code: int, stdout: str, stderr: str) -> SyncResult:
    """Parse what a child printed: a round's JSON carries its own `ok` and `problem`; a command
    that failed without JSON gives its last line on stderr, without the program's name."""
    data: Any = None
    text = stdout.strip()
    if "--format" in words and text:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
    problem = ""
    if isinstance(data, dict) and data.get("ok") is False:
        problem = str(data.get("problem") or "the sync did not finish")
    elif exit_code != 0:
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        last = lines[-1] if lines else f"the sync command stopped (exit {exit_code})"
        problem = last.removeprefix(PROG_PREFIX)
    return SyncResult(tuple(words), exit_code, data, problem, text)


class SyncRunner(QObject):
    """Runs `sync ...` children one at a time and emits each one's result on the UI thread."""

    started = Signal(object)  # tuple of the words being run
    finished = Signal(object)  # SyncResult

    def __init__(
        self,
        data_dir: Path,
        parent: QObject | None = None,
        *,
        frozen: bool | None = None,
        program: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.frozen = frozen
        self.program = tuple(program)  # another program in the command's place (tests)
        self._process: QProcess | None = None
        self._words: tuple[str, ...] = ()
        self._queue: list[tuple[str, ...]] = []

    @property
    def busy(self) -> bool:
        return self._process is not None

    @property
    def running_words(self) -> tuple[str, ...]:
        return self._words if self._process is not None else ()

    def request(self, *words: str) -> None:
        """Run `sync WORDS` now, or after the child running; a request already waiting is not
        doubled (a burst of requests while a round runs gives one more round, not many)."""
        wanted = tuple(words)
        if wanted in self._queue:
            return
        self._queue.append(wanted)
        if not self.busy:
            self._start_next()

    def drop_waiting(self, keep: tuple[str, ...] | None = None) -> None:
        """Forget the requests not started yet (at quit), but `keep`."""
        self._queue = [w for w in self._queue if w == keep]

    def wait(self, timeout_ms: int) -> bool:
        """Block until the queue is done or `timeout_ms` has passed in all (at quit: the
        window is going anyway). True when nothing is left running."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._process is not None:
            left = int((deadline - time.monotonic()) * 1000)
            # waitForFinished delivers `finished` to _on_finished, which starts the next one
            if left <= 0 or not self._process.waitForFinished(left):
                return False
        return True

    def stop(self) -> None:
        """Give up on the child running and what waits (the window closes before it ends; the
        engine is safe to stop at any point and the next sync completes the work)."""
        self._queue.clear()
        process = self._process
        if process is not None:
            process.finished.disconnect(self._on_finished)
            process.kill()
            process.waitForFinished(2000)
            self._process = None
            process.deleteLater()

    def _start_next(self) -> None:
        if not self._queue:
            return
        self._words = self._queue.pop(0)
        program, *arguments = command_line(
            self.data_dir, self._words, frozen=self.frozen, program=self.program
        )
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        if not is_frozen(self.frozen):
            process.setWorkingDirectory(str(SOURCE_ROOT))  # `-m desktop` finds this checkout
        process.setStandardInputFile(QProcess.nullDevice())  # never waits for a typed answer
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self.started.emit(self._words)
        process.start()

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._done(SyncResult(self._words, -1, None, "the sync command could not start"))

    def _on_finished(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        stdout = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        stderr = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        if status == QProcess.ExitStatus.CrashExit:
            result = SyncResult(self._words, -1, None, "the sync command stopped before it ended")
        else:
            result = read_result(self._words, exit_code, stdout, stderr)
        self._done(result)

    def _done(self, result: SyncResult) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()
        try:
            self.finished.emit(result)
        finally:
            if self._process is None:
                self._start_next()

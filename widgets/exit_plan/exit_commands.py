"""Undo for the Exit plan tab: each change is made first (so errors show at once), then pushed
as a command that can replay it backwards and forwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

Step = Callable[[], object]


class DoneCommand(QUndoCommand):
    """A change already written; the push does not repeat it, undo and redo replay it."""

    def __init__(self, text: str, redo: Step, undo: Step, after: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo, self._after = redo, undo, after
        self._done = True

    def redo(self) -> None:
        if not self._done:
            self._redo()
            self._after()
        self._done = False

    def undo(self) -> None:
        self._undo()
        self._after()


def run_all(*steps: Step) -> Step:
    """One step made of several, run in order (a plan added at once is undone at once)."""

    def run() -> None:
        for step in steps:
            step()

    return run

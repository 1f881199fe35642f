"""The base of undo commands for changes a tab has already written.

A tab writes first, so a validation error shows at once and never reaches the undo stack, then
pushes the command; the first `redo()` that QUndoStack.push calls is therefore skipped. A step that
can no longer be replayed (the record was changed elsewhere) marks the command obsolete and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand

from storage.errors import NotFoundError, ValidationError
from storage.snapshots import RestoreConflictError

UNDO_PROBLEMS = (ValidationError, NotFoundError, RestoreConflictError)

Result = TypeVar("Result")


class ReportsProblems(Protocol):
    def report_problem(self, message: str) -> None: ...


class WrittenCommand(QUndoCommand, Generic[Result]):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._apply)

    def undo(self) -> None:
        self._run(self._revert)

    def _run(self, step: Callable[[], Result]) -> None:
        try:
            result = step()
        except UNDO_PROBLEMS as error:
            self.setObsolete(True)
            self._reporter().report_problem(f"Could not {self.text().lower()}: {error}")
            return
        self._after(result)

    def _reporter(self) -> ReportsProblems:
        raise NotImplementedError

    def _after(self, result: Result) -> None:
        """What the tab shows once a step has run."""

    def _apply(self) -> Result:
        raise NotImplementedError

    def _revert(self) -> Result:
        raise NotImplementedError

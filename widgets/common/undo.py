"""The one undo base: commands for changes a tab has already written, with one error policy.

A tab writes first, so a validation error shows at once and never reaches the undo stack, then
pushes the command; the first `redo()` that QUndoStack.push calls is therefore skipped. Each undo
or redo is one storage call in one transaction, so it happens whole or not at all. A step the data
no longer allows (the record was changed elsewhere, a rule refuses it) writes nothing, says why and
is made obsolete, so QUndoStack drops it instead of pretending it was replayed.

A command given `announce` reports the kinds of record it touched after the write it stands for
(when pushed) and after each undo and redo, so the other tabs re-read what moved: the kinds of
the storage `Change` a step returns, or the command's own `kinds`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from storage.file import Change
from storage.practice import RestoreConflictError
from storage.rules import NotFoundError, ValidationError

UNDO_PROBLEMS = (ValidationError, NotFoundError, RestoreConflictError)

Result = TypeVar("Result")
Report = Callable[[str], None]
Announce = Callable[[frozenset[str]], None]


class WrittenCommand(QUndoCommand, Generic[Result]):
    """Subclasses write in `_apply` (redo) and `_revert` (undo); `report` says why one failed."""

    def __init__(
        self,
        text: str,
        report: Report,
        *,
        kinds: frozenset[str] = frozenset(),
        announce: Announce | None = None,
    ) -> None:
        super().__init__(text)
        self._report = report
        self._skip_redo = True
        self.kinds = kinds
        self._announce = announce

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            self._tell(self.kinds)  # the write this command stands for has just been made
            return
        self._run(self._apply, undoing=False)

    def _tell(self, kinds: frozenset[str]) -> None:
        if self._announce is not None and kinds:
            self._announce(kinds)

    def undo(self) -> None:
        self._run(self._revert, undoing=True)

    def _run(self, step: Callable[[], Result], *, undoing: bool) -> None:
        try:
            result = step()
        except UNDO_PROBLEMS as error:
            self.setObsolete(True)
            self._report(self._refusal(error, undoing=undoing))
            return
        self._after(result)
        self._tell(result.kinds if isinstance(result, Change) else self.kinds)

    def _refusal(self, error: Exception, *, undoing: bool) -> str:
        """The message of a refused step: what could not be done, and why."""
        del undoing  # one message either way unless a subclass words them apart
        return f"Could not {self.text().lower()}: {error}"

    def _after(self, result: Result) -> None:
        """What the tab shows once a step has run."""

    def _apply(self) -> Result:
        raise NotImplementedError

    def _revert(self) -> Result:
        raise NotImplementedError


class DoneCommand(WrittenCommand[object]):
    """A change already written, replayed by two storage calls given as callables."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], None],
        report: Report,
        *,
        kinds: frozenset[str] = frozenset(),
        announce: Announce | None = None,
    ) -> None:
        super().__init__(text, report, kinds=kinds, announce=announce)
        self._redo_step, self._undo_step, self._after_step = redo, undo, after

    def _apply(self) -> object:
        return self._redo_step()

    def _revert(self) -> object:
        return self._undo_step()

    def _after(self, result: object) -> None:
        self._after_step()

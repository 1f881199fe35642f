"""Undoable actions of the Exit plan tab's sections: an add, an edit, a move, a delete.

A section writes first through `plan_changes` (so a validation error never reaches the stack) and
pushes the `Change` the write returned, marked as done; the first `redo()` that QUndoStack.push
calls is therefore skipped. Undo and redo put one side of the recorded change back through
storage, place in the plan included, each checked against what the previous step left stored: a
record saved elsewhere in between is not overwritten (the undo base says why and drops the step).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from storage.exit_plan import plan_changes
from storage.file import Change
from widgets.common.undo import WrittenCommand

if TYPE_CHECKING:
    from sqlite_utils import Database

PlanChange = Change[Any]


class PlanCommand(WrittenCommand[PlanChange]):
    """One recorded change of an exit-plan record; either side may be None (an add or a delete).

    `after` shows the result in the section (which announces it to the other tabs)."""

    def __init__(
        self,
        db: Database,
        text: str,
        change: PlanChange,
        after: Callable[[], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text, report, kinds=change.kinds)
        self.db, self._show = db, after
        self.before, self.after = change.before, change.after
        self.stored = change.after  # what the last step left stored

    def _apply(self) -> PlanChange:
        return self._put(self.after)

    def _revert(self) -> PlanChange:
        return self._put(self.before)

    def _put(self, wanted: Any) -> PlanChange:
        if wanted is None:
            change = plan_changes.delete(self.db, self.stored)
        elif self.stored is None:
            change = plan_changes.restore(self.db, wanted)
        else:
            change = plan_changes.put(self.db, wanted, expected=self.stored)
        self.stored = change.after
        return change

    def _after(self, result: PlanChange) -> None:
        self._show()

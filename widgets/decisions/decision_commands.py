"""Undoable actions of the Decisions tab: an add, an edit, a status change, a move, a delete.

The tab writes first through `decision_changes` (so a validation error never reaches the stack)
and pushes the `Change` the write returned, marked as done; the first `redo()` that QUndoStack.push
calls is therefore skipped. Undo and redo put one side of the recorded change back through storage,
status history included, each checked against what the previous step left stored: a decision
saved elsewhere in between is not overwritten (the undo base says why and drops the step).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from storage.decisions import Logged, decision_changes
from storage.file import Change
from widgets.common.undo import WrittenCommand

if TYPE_CHECKING:
    from sqlite_utils import Database

DecisionChange = Change[Logged]


class DecisionsView(Protocol):
    db: Database

    def show_decision(self, decision_id: int | None) -> None: ...

    def report_problem(self, message: str) -> None: ...

    def announce(self, kinds: Iterable[str]) -> None: ...


class DecisionCommand(WrittenCommand[DecisionChange]):
    """One recorded change of a decision; either side may be None (an add or a delete)."""

    def __init__(self, view: DecisionsView, text: str, change: DecisionChange) -> None:
        super().__init__(text, view.report_problem, kinds=change.kinds, announce=view.announce)
        self.view = view
        self.before, self.after = change.before, change.after
        self.stored = change.after  # what the last step left stored
        side = change.after or change.before
        assert side is not None
        self.decision_id = side.decision.id or 0

    def _apply(self) -> DecisionChange:
        return self._put(self.after)

    def _revert(self) -> DecisionChange:
        return self._put(self.before)

    def _put(self, wanted: Logged | None) -> DecisionChange:
        db, stored = self.view.db, self.stored
        if wanted is None:
            expected = stored.decision if stored else None
            change = decision_changes.delete(db, self.decision_id, expected=expected)
        elif stored is None:
            change = decision_changes.restore(db, wanted)
        else:
            change = decision_changes.put(db, wanted, expected=stored)
        self.stored = change.after
        return change

    def _after(self, result: DecisionChange) -> None:
        self.view.show_decision(result.after.decision.id if result.after else None)

"""Undoable actions of the Decisions tab: an edit, an add, a delete, a move.

The tab writes first (so a validation error never reaches the stack) and then pushes a command
marked as done; the first `redo()` that QUndoStack.push calls is therefore skipped. A delete
keeps the record and its status history, and undo restores both under the same id and number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from sqlite_utils import Database

from storage import decisions
from storage.decisions import Decision, StatusChange
from storage.file import kinds
from widgets.common.undo import WrittenCommand

DECISION = kinds("decision")


class DecisionsView(Protocol):
    db: Database

    def show_decision(self, decision_id: int | None) -> None: ...

    def report_problem(self, message: str) -> None: ...

    def announce(self, kinds: Iterable[str]) -> None: ...


class _WrittenCommand(WrittenCommand[int | None]):
    def __init__(self, view: DecisionsView, text: str) -> None:
        super().__init__(text, view.report_problem, kinds=DECISION, announce=view.announce)
        self.view = view

    def _after(self, result: int | None) -> None:
        self.view.show_decision(result)


class EditDecision(_WrittenCommand):
    def __init__(self, view: DecisionsView, before: Decision, after: Decision) -> None:
        super().__init__(view, f"Edit {after.number_label}")
        self.before, self.after = before, after

    def _apply(self) -> int | None:
        return decisions.update(self.view.db, self.after).id

    def _revert(self) -> int | None:
        return decisions.update(self.view.db, self.before).id


class AddDecision(_WrittenCommand):
    def __init__(self, view: DecisionsView, added: Decision) -> None:
        super().__init__(view, f"Add {added.number_label}")
        self.added = added
        self.history: Sequence[StatusChange] = ()

    def _apply(self) -> int | None:
        return decisions.restore(self.view.db, self.added, self.history).id

    def _revert(self) -> int | None:
        self.added = decisions.get(self.view.db, self.added.id or 0)
        self.history = decisions.status_history(self.view.db, self.added.id or 0)
        decisions.delete(self.view.db, self.added.id or 0)
        return None


class DeleteDecision(_WrittenCommand):
    def __init__(
        self, view: DecisionsView, deleted: Decision, history: Sequence[StatusChange]
    ) -> None:
        super().__init__(view, f"Delete {deleted.number_label}")
        self.deleted, self.history = deleted, history

    def _apply(self) -> int | None:
        decisions.delete(self.view.db, self.deleted.id or 0)
        return None

    def _revert(self) -> int | None:
        return decisions.restore(self.view.db, self.deleted, self.history).id


class MoveDecision(_WrittenCommand):
    """To another engagement of the same client; undo gives the old number back."""

    def __init__(self, view: DecisionsView, before: Decision, after: Decision) -> None:
        super().__init__(view, f"Move {before.number_label} to {after.number_label}")
        self.before, self.after = before, after

    def _apply(self) -> int | None:
        db, after = self.view.db, self.after
        return decisions.move(db, after.id or 0, after.engagement_id, number=after.number).id

    def _revert(self) -> int | None:
        db, before = self.view.db, self.before
        return decisions.move(db, before.id or 0, before.engagement_id, number=before.number).id

"""Undoable actions of the Clients tab: a field edit, an add, an archive, a delete.

The tab writes first (so a validation error never reaches the stack) and then pushes a command
marked as done; the first `redo()` that QUndoStack.push calls is therefore skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from sqlite_utils import Database

from storage.file import kinds
from storage.practice import Client, SavedState, Snapshot, clients, engagements, snapshots
from storage.rules import NotFoundError
from widgets.common.undo import WrittenCommand

# an edit, add or delete of a client or an engagement may carry its commitment periods and,
# through the cascade, its time, decisions and milestones
TOUCHED = kinds("client", "engagement", "commitment", "time_entry", "decision", "milestone")
DELETERS: dict[str, Callable[[Database, int], None]] = {
    "client": clients.delete,
    "engagement": engagements.delete,
}


class ClientsView(Protocol):
    """What the commands need from the tab: the database, and a way to show the result."""

    db: Database

    def show_client(self, client_id: int | None, engagement_id: int | None = None) -> None: ...

    def report_problem(self, message: str) -> None: ...

    def announce(self, kinds: Iterable[str]) -> None: ...


class _WrittenCommand(WrittenCommand[None]):
    def __init__(self, view: ClientsView, text: str) -> None:
        super().__init__(text, view.report_problem, kinds=TOUCHED, announce=view.announce)
        self.view = view


class EditClientCommand(_WrittenCommand):
    def __init__(self, view: ClientsView, before: Client, after: Client, text: str) -> None:
        super().__init__(view, text)
        self.before, self.after = before, after

    def _apply(self) -> None:
        clients.update(self.view.db, self.after)
        self.view.show_client(self.after.id)

    def _revert(self) -> None:
        clients.update(self.view.db, self.before)
        self.view.show_client(self.before.id)


class EditEngagementCommand(_WrittenCommand):
    """An edit of the engagement with its commitment periods, deliverables and phases, each
    side one transaction."""

    def __init__(self, view: ClientsView, before: SavedState, after: SavedState) -> None:
        super().__init__(view, f"Edit engagement “{after.engagement.title}”")
        self.before, self.after = before, after

    def _apply(self) -> None:
        self._put(self.after)

    def _revert(self) -> None:
        self._put(self.before)

    def _put(self, state: SavedState) -> None:
        engagements.restore_state(self.view.db, state)
        self.view.show_client(state.engagement.client_id, state.engagement.id)


class PresenceCommand(_WrittenCommand):
    """An add (the record exists after redo) or a delete (it is gone after redo).

    Whatever leaves is captured first, with everything that cascades from it, so it comes
    back whole, with the same ids.
    """

    def __init__(
        self,
        view: ClientsView,
        text: str,
        *,
        table: str,
        record_id: int,
        client_id: int,
        added: bool,
        snapshot: Snapshot | None = None,
    ) -> None:
        super().__init__(view, text)
        self.table, self.record_id, self.client_id = table, record_id, client_id
        self.added = added
        self.snapshot = snapshot

    def _apply(self) -> None:
        if self.added:
            self._bring_back()
        else:
            self._take_away()

    def _revert(self) -> None:
        if self.added:
            self._take_away()
        else:
            self._bring_back()

    def _bring_back(self) -> None:
        if self.snapshot is None:
            raise NotFoundError(self.table, self.record_id)
        snapshots.restore(self.view.db, self.snapshot)
        engagement = self.record_id if self.table == "engagement" else None
        self.view.show_client(self.client_id, engagement)

    def _take_away(self) -> None:
        self.snapshot = snapshots.capture(self.view.db, self.table, self.record_id)
        DELETERS[self.table](self.view.db, self.record_id)
        self.view.show_client(None if self.table == "client" else self.client_id)

"""Undoable actions of the Clients tab: a field edit, an engagement edit, an add, a delete.

The tab writes first (so a validation error never reaches the stack) and pushes the storage
`Change` the write returned, marked as done; the first `redo()` that QUndoStack.push calls is
therefore skipped. Undo and redo put one side of the recorded change back through storage, each
checked against what the previous step left stored: a record changed elsewhere in between is not
overwritten (the undo base says why and drops the step).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from storage.file import Change
from storage.practice import (
    Client,
    SavedState,
    Snapshot,
    client_changes,
    engagement_changes,
)
from storage.rules import NotFoundError
from widgets.common.undo import WrittenCommand

if TYPE_CHECKING:
    from sqlite_utils import Database

AnyChange = Change[Any]


class ClientsView(Protocol):
    """What the commands need from the tab: the database, and a way to show the result."""

    db: Database

    def show_client(self, client_id: int | None, engagement_id: int | None = None) -> None: ...

    def report_problem(self, message: str) -> None: ...

    def announce(self, kinds: Iterable[str]) -> None: ...


class _ChangeCommand(WrittenCommand[AnyChange]):
    def __init__(self, view: ClientsView, text: str, change: AnyChange) -> None:
        super().__init__(text, view.report_problem, kinds=change.kinds, announce=view.announce)
        self.view = view


class EditClientCommand(_ChangeCommand):
    """A client's fields before and after one edit."""

    def __init__(self, view: ClientsView, change: Change[Client], text: str) -> None:
        super().__init__(view, text, change)
        assert change.before is not None
        assert change.after is not None
        self.before, self.after = change.before, change.after
        self.stored = change.after  # what the last step left stored

    def _apply(self) -> AnyChange:
        return self._put(self.after)

    def _revert(self) -> AnyChange:
        return self._put(self.before)

    def _put(self, client: Client) -> AnyChange:
        change = client_changes.update(self.view.db, client, expected=self.stored)
        assert change.after is not None
        self.stored = change.after
        self.view.show_client(client.id)
        return change


class EditEngagementCommand(_ChangeCommand):
    """An edit of the engagement with its commitment periods, deliverables and phases, each
    side one transaction."""

    def __init__(self, view: ClientsView, change: Change[SavedState]) -> None:
        assert change.before is not None
        assert change.after is not None
        title = change.after.engagement.title
        super().__init__(view, f"Edit engagement “{title}”", change)
        self.before, self.after = change.before, change.after
        self.stored = change.after

    def _apply(self) -> AnyChange:
        return self._put(self.after)

    def _revert(self) -> AnyChange:
        return self._put(self.before)

    def _put(self, state: SavedState) -> AnyChange:
        change = engagement_changes.restore_state(self.view.db, state, expected=self.stored)
        assert change.after is not None
        self.stored = change.after
        self.view.show_client(state.engagement.client_id, state.engagement.id)
        return change


class PresenceCommand(_ChangeCommand):
    """An add (the record exists after redo) or a delete (it is gone after redo).

    The change holds the record with everything stored under it, so it comes back whole, with
    the same ids. Taking it away again records what is there then (time logged against a new
    engagement since, say), so the next bring-back returns that too.
    """

    def __init__(
        self,
        view: ClientsView,
        text: str,
        change: Change[Snapshot],
        *,
        table: str,
        record_id: int,
        client_id: int,
    ) -> None:
        super().__init__(view, text, change)
        self.table, self.record_id, self.client_id = table, record_id, client_id
        self.added = change.before is None
        self.snapshot: Snapshot | None = change.after if self.added else change.before

    def _apply(self) -> AnyChange:
        return self._bring_back() if self.added else self._take_away()

    def _revert(self) -> AnyChange:
        return self._take_away() if self.added else self._bring_back()

    def _bring_back(self) -> AnyChange:
        if self.snapshot is None:
            raise NotFoundError(self.table, self.record_id)
        writes = client_changes if self.table == "client" else engagement_changes
        change = writes.restore(self.view.db, self.snapshot)
        engagement = self.record_id if self.table == "engagement" else None
        self.view.show_client(self.client_id, engagement)
        return change

    def _take_away(self) -> AnyChange:
        writes = client_changes if self.table == "client" else engagement_changes
        change = writes.delete(self.view.db, self.record_id)
        self.snapshot = change.before
        self.view.show_client(None if self.table == "client" else self.client_id)
        return change

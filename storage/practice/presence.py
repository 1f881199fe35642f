"""Adds and deletes as `Change`s of snapshots: the record with everything stored under it.

A delete's `before` is what it took away (the record and what cascaded from it, same ids), an
add's `after` what it put there, so undo and redo bring either side back whole. The kinds of a
presence change are read from the tables its snapshot holds: deleting a client tells the
timesheet, the decision log and the exit plan as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from storage.file.changes import (
    CLIENT,
    COMMITMENT,
    DECISION,
    ENGAGEMENT,
    INVOICE,
    MILESTONE,
    TIME_ENTRY,
    Change,
    kinds,
)
from storage.practice.snapshots import Snapshot, capture, restore

if TYPE_CHECKING:
    from sqlite_utils import Database

SnapshotChange = Change[Snapshot]

TABLE_KINDS = {
    "client": CLIENT,
    "engagement": ENGAGEMENT,
    "commitment_period": COMMITMENT,
    "deliverable": ENGAGEMENT,
    "phase": ENGAGEMENT,
    "time_entry": TIME_ENTRY,
    "time_week_row": TIME_ENTRY,
    "decision": DECISION,
    "decision_status_change": DECISION,
    "milestone": MILESTONE,
    "access_item": MILESTONE,
    "recommendation": MILESTONE,
    "responsibility": MILESTONE,
    "risk": MILESTONE,
    "invoice": INVOICE,
    "instalment": INVOICE,
}


def kinds_of(snapshot: Snapshot | None) -> frozenset[str]:
    """The kinds of record a snapshot holds (a client also moves when an engagement does: its
    status follows its engagements)."""
    if snapshot is None:
        return frozenset()
    found = {TABLE_KINDS[t.table] for t in snapshot.tables if t.table in TABLE_KINDS}
    if ENGAGEMENT in found:
        found.add(CLIENT)
    return kinds(*found)


def added(db: Database, table: str, record_id: int) -> SnapshotChange:
    """The change an add made, read inside the add's own transaction."""
    after = capture(db, table, record_id)
    return Change(None, after, kinds_of(after))


def removed(
    db: Database, table: str, record_id: int, delete: Callable[[Database, int], None]
) -> SnapshotChange:
    """The change a delete made: what it takes away is read in the delete's own transaction."""
    with db.atomic():
        before = capture(db, table, record_id)
        delete(db, record_id)
    return Change(before, None, kinds_of(before))


def bring_back(db: Database, snapshot: Snapshot) -> SnapshotChange:
    """Undo of a delete, redo of an add: the rows go back with their ids, in one transaction.

    Raises RestoreConflictError when something new took their place.
    """
    restore(db, snapshot)  # its own transaction: foreign keys are checked at its commit
    return Change(None, snapshot, kinds_of(snapshot))


def record_id(change: SnapshotChange) -> int:
    """The id of the record an add or a delete was about (the first row its snapshot holds)."""
    snapshot = change.after if change.after is not None else change.before
    if snapshot is None or not snapshot.tables:
        raise ValueError("the change holds no record")
    first = snapshot.tables[0]
    return int(first.rows[0][first.columns.index("id")])

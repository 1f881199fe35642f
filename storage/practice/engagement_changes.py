"""The engagement editor's writes, each returning the `Change` it made.

An engagement is recorded with everything the editor saves with it (`SavedState`: commitment
periods, deliverables, phases), read under the write's own lock before and after it. An edit given
the state the editor loaded (`expected`) raises `ChangedElsewhereError` when another window or the
command line saved the engagement since, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from storage.file.changes import CLIENT, COMMITMENT, ENGAGEMENT, Change, ChangedElsewhereError
from storage.file.changes import kinds as kinds_named
from storage.practice import engagements
from storage.practice.commitments import CommitmentPeriod
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement, SavedState
from storage.practice.phases import Phase
from storage.practice.presence import SnapshotChange, added, bring_back, removed
from storage.practice.snapshots import Snapshot

if TYPE_CHECKING:
    from sqlite_utils import Database

StateChange = Change[SavedState]

# the client's status follows its engagements, so an edit may move the client too
EDIT_KINDS = kinds_named(ENGAGEMENT, COMMITMENT, CLIENT)


def stored_state(db: Database, engagement_id: int) -> SavedState:
    """The engagement as stored now, with its periods, deliverables and phases."""
    return engagements.saved_state(db, engagements.get(db, engagement_id))


def add(
    db: Database,
    engagement: Engagement,
    later: Sequence[CommitmentPeriod] = (),
    *,
    deliverables: Sequence[Deliverable] | None = None,
    phases: Sequence[Phase] | None = None,
) -> SnapshotChange:
    """Store a new engagement with its rows; the change's `after` holds all of it."""
    with db.atomic():
        saved = engagements.save(db, engagement, later, deliverables=deliverables, phases=phases)
        return added(db, "engagement", saved.id or 0)


def save(
    db: Database,
    engagement: Engagement,
    later: Sequence[CommitmentPeriod] = (),
    *,
    deliverables: Sequence[Deliverable] | None = None,
    phases: Sequence[Phase] | None = None,
    expected: SavedState | None = None,
) -> StateChange:
    """Update a stored engagement as `engagements.save` does, checked against `expected`.

    Raises ChangedElsewhereError (carrying the stored state) when the engagement, its periods,
    deliverables or phases are no longer as `expected` holds them; ValidationError for a refused
    field; either way nothing is written.
    """
    if engagement.id is None:
        raise ValueError("save a new engagement with `add`")
    engagement_id = engagement.id
    return _recorded(
        db,
        engagement_id,
        lambda: engagements.save(db, engagement, later, deliverables=deliverables, phases=phases),
        expected,
    )


def restore_state(
    db: Database, state: SavedState, *, expected: SavedState | None = None
) -> StateChange:
    """Undo and redo of an edit: put the engagement back as `state` holds it, all or nothing."""
    engagement_id = state.engagement.id or 0
    return _recorded(db, engagement_id, lambda: engagements.restore_state(db, state), expected)


def delete(db: Database, engagement_id: int) -> SnapshotChange:
    """Delete the engagement and what is recorded under it; `before` holds all of it."""
    return removed(db, "engagement", engagement_id, engagements.delete)


def restore(db: Database, snapshot: Snapshot) -> SnapshotChange:
    """Undo of a delete, redo of an add: the engagement comes back whole, with its ids."""
    return bring_back(db, snapshot)


def same(first: SavedState, second: SavedState) -> bool:
    """Whether two states hold the same records (lists and tuples alike)."""
    return _plain(first) == _plain(second)


def _plain(state: SavedState) -> tuple[object, ...]:
    return (
        state.engagement,
        tuple(state.history),
        tuple(state.deliverables),
        tuple(state.phases),
    )


def _recorded(
    db: Database,
    engagement_id: int,
    write: Callable[[], object],
    expected: SavedState | None,
) -> StateChange:
    """Read the state, check it against `expected`, write, read it again: one transaction."""
    with db.atomic():
        before = stored_state(db, engagement_id)
        if expected is not None and not same(before, expected):
            raise ChangedElsewhereError("title", before)
        write()
        after = stored_state(db, engagement_id)
    return Change(before, after, EDIT_KINDS)

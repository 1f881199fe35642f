"""The exit plan's writes (milestones, responsibilities, risks, recommendations, the access
inventory), each returning the `Change` it made.

Each write reads the record, checks it against what the caller last saw (`expected`, or the
record shown), writes and reads it again inside one transaction, so undo puts back exactly what
the write replaced, place in the plan included, and a record saved elsewhere meanwhile (another
window, the command line) is never overwritten: `ChangedElsewhereError`, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from storage.exit_plan import access_items, milestones, recommendations, responsibilities, risks
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.milestones import Milestone
from storage.exit_plan.plan_records import PlanRecord
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.responsibilities import Responsibility
from storage.exit_plan.risks import Risk
from storage.file.changes import MILESTONE, Change, ChangedElsewhereError, kinds
from storage.practice import plan_order
from storage.practice.plan_order import Table

if TYPE_CHECKING:
    from sqlite_utils import Database

R = TypeVar("R", bound=PlanRecord)

# the exit plan is one kind of record to the other tabs: readiness reads all of it
TOUCHED = kinds(MILESTONE)


class Store(Protocol[R]):
    """What each exit-plan record module offers (modules satisfy it)."""

    def add(self, db: Database, record: R, /) -> R: ...

    def update(self, db: Database, record: R, /) -> R: ...

    def restore(self, db: Database, record: R, /) -> R: ...

    def get(self, db: Database, record_id: int, /) -> R: ...

    def delete(self, db: Database, record_id: int, /) -> R: ...


_STORES: dict[type, tuple[Table, Any]] = {
    Milestone: ("milestone", milestones),
    Responsibility: ("responsibility", responsibilities),
    Risk: ("risk", risks),
    Recommendation: ("recommendation", recommendations),
    AccessItem: ("access_item", access_items),
}


def add(db: Database, record: R) -> Change[R]:
    """Store a new record at the end of its engagement's plan."""
    with db.atomic():
        stored = _store(record).add(db, record)
    return Change(None, stored, TOUCHED)


def update(db: Database, record: R, *, expected: R | None = None) -> Change[R]:
    """Save the edited fields (the place in the plan stays as stored)."""
    store = _store(record)
    return _recorded(db, record, lambda: store.update(db, record), expected)


def move(db: Database, shown: R, position: int) -> Change[R]:
    """Move the record shown to `position` (clamped), shifting the ones between by one."""
    return _recorded(db, shown, lambda: _move_to(db, shown, position), shown)


def put(db: Database, record: R, *, expected: R) -> Change[R]:
    """Undo and redo of an edit or a move: the record as `record` holds it, at its place."""

    def write() -> None:
        _store(record).update(db, record)
        _move_to(db, record, record.position)

    return _recorded(db, record, write, expected)


def delete(db: Database, shown: R) -> Change[R]:
    """Delete the record shown and close the gap; `before` holds it, for `restore`."""
    with db.atomic():
        before = _read(db, shown)
        _check(before, shown)
        _store(shown).delete(db, _id(shown))
    return Change(before, None, TOUCHED)


def restore(db: Database, record: R) -> Change[R]:
    """Undo of a delete, redo of an add: the record comes back with its id, at its place."""
    with db.atomic():
        after = _store(record).restore(db, record)
    return Change(None, after, TOUCHED)


def _recorded(
    db: Database, record: R, write: Callable[[], object], expected: R | None
) -> Change[R]:
    """Read, check against `expected`, write, read again: one transaction."""
    with db.atomic():
        before = _read(db, record)
        _check(before, expected)
        write()
        after = _read(db, record)
    return Change(before, after, TOUCHED)


def _move_to(db: Database, record: R, position: int) -> None:
    stored = _read(db, record)
    table = _STORES[type(record)][0]
    plan_order.move(db, table, stored.engagement_id, _id(record), stored.position, position)


def _read(db: Database, record: R) -> R:
    return _store(record).get(db, _id(record))


def _check(stored: R, expected: R | None) -> None:
    if expected is not None and stored != expected:
        raise ChangedElsewhereError("general", stored)


def _store(record: R) -> Store[R]:
    return cast(Store[R], _STORES[type(record)][1])


def _id(record: PlanRecord) -> int:
    if record.id is None:
        raise ValueError("the record is not stored")
    return record.id

"""The decision log's writes, each returning the `Change` it made.

A decision is recorded with its status history (`Logged`), read under the write's own lock before
and after it, so the undo of a delete puts back exactly what went. A write given the decision the
editor loaded (`expected`) raises `ChangedElsewhereError` when another window or the command line
saved it since, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.decisions import records
from storage.decisions.records import Decision, StatusChange
from storage.file.changes import DECISION, Change, ChangedElsewhereError, kinds

if TYPE_CHECKING:
    from sqlite_utils import Database

TOUCHED = kinds(DECISION)


@dataclass(frozen=True)
class Logged:
    """A decision as stored, with the history of its status."""

    decision: Decision
    history: tuple[StatusChange, ...] = ()


DecisionChange = Change[Logged]


def read(db: Database, decision_id: int) -> Logged:
    return Logged(records.get(db, decision_id), tuple(records.status_history(db, decision_id)))


def add(db: Database, decision: Decision) -> DecisionChange:
    with db.atomic():
        stored = records.add(db, decision)
        after = read(db, stored.id or 0)
    return Change(None, after, TOUCHED)


def update(db: Database, decision: Decision, *, expected: Decision | None = None) -> DecisionChange:
    """Save the edited fields; ChangedElsewhereError (carrying the stored decision) when it is
    no longer `expected`."""
    decision_id = _id(decision)
    return _recorded(db, decision_id, lambda: records.update(db, decision), expected)


def move(
    db: Database,
    decision_id: int,
    engagement_id: int,
    *,
    number: int | None = None,
    expected: Decision | None = None,
) -> DecisionChange:
    """Move it to another engagement of the same client (see `records.move`)."""
    write = lambda: records.move(db, decision_id, engagement_id, number=number)  # noqa: E731
    return _recorded(db, decision_id, write, expected)


def delete(db: Database, decision_id: int, *, expected: Decision | None = None) -> DecisionChange:
    """Delete it; `before` holds it with its history, for `restore`."""
    with db.atomic():
        before = read(db, decision_id)
        _check(before, expected)
        records.delete(db, decision_id)
    return Change(before, None, TOUCHED)


def put(db: Database, logged: Logged, *, expected: Logged) -> DecisionChange:
    """Undo and redo of an edit or a move: the decision as `logged` holds it, its engagement,
    number and status history exactly (an undone status change leaves no entry behind).

    Raises ChangedElsewhereError when what is stored is no longer `expected`, before writing.
    """
    decision = logged.decision
    decision_id = _id(decision)
    with db.atomic():
        before = read(db, decision_id)
        if before != expected:
            raise ChangedElsewhereError("title", before.decision)
        if decision.engagement_id != before.decision.engagement_id:
            records.move(db, decision_id, decision.engagement_id, number=decision.number)
        records.update(db, decision)
        _replace_history(db, decision_id, logged.history)
        after = read(db, decision_id)
    return Change(before, after, TOUCHED)


def restore(db: Database, logged: Logged) -> DecisionChange:
    """Undo of a delete, redo of an add: the decision comes back with its id, number, history
    and links."""
    with db.atomic():
        records.restore(db, logged.decision, logged.history)
        after = read(db, _id(logged.decision))
    return Change(None, after, TOUCHED)


def _recorded(
    db: Database, decision_id: int, write: Callable[[], object], expected: Decision | None
) -> DecisionChange:
    """Read, check against `expected`, write, read again: one transaction."""
    with db.atomic():
        before = read(db, decision_id)
        _check(before, expected)
        write()
        after = read(db, decision_id)
    return Change(before, after, TOUCHED)


def _replace_history(db: Database, decision_id: int, history: tuple[StatusChange, ...]) -> None:
    db.execute("DELETE FROM decision_status_change WHERE decision_id = ?", [decision_id])
    for change in history:
        records.record_status(db, decision_id, change.status, change.changed_on)


def _check(stored: Logged, expected: Decision | None) -> None:
    if expected is not None and stored.decision != expected:
        raise ChangedElsewhereError("title", stored.decision)


def _id(decision: Decision) -> int:
    if decision.id is None:
        raise ValueError("the decision is not stored")
    return decision.id

"""Exit-plan writes return what they changed, refuse a stale `expected` from a second connection
before writing, and put either side back exactly, place in the plan included."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.exit_plan import Milestone, Risk, milestones, plan_changes, risks
from storage.file import ChangedElsewhereError
from storage.rules import NotFoundError


def _plan(db: Database, acme: int) -> list[Milestone]:
    titles = ("Roadmap handed over", "Successor named", "Access returned")
    return [milestones.add(db, Milestone(acme, t, due_date=dt.date(2026, 9, 1))) for t in titles]


def test_an_edit_returns_the_milestone_before_and_after(db: Database, acme: int) -> None:
    added = plan_changes.add(db, Milestone(acme, "Roadmap handed over"))
    assert (added.before, added.kinds) == (None, frozenset({"milestone"}))
    assert added.after is not None
    shown = added.after
    change = plan_changes.update(
        db, dataclasses.replace(shown, status="done", owner="Sam"), expected=shown
    )
    assert change.before == shown
    assert change.after == milestones.get(db, shown.id or 0)
    assert (change.after.status, change.after.owner) == ("done", "Sam")
    assert change.after.done_date is not None


def test_a_stale_edit_or_delete_from_a_second_connection_writes_nothing(
    db: Database, other: Database, acme: int
) -> None:
    shown = _plan(db, acme)[1]
    milestones.update(other, dataclasses.replace(shown, owner="Head of Data"))
    with pytest.raises(ChangedElsewhereError) as raised:
        plan_changes.update(db, dataclasses.replace(shown, title="CTO hired"), expected=shown)
    assert raised.value.stored.owner == "Head of Data"
    with pytest.raises(ChangedElsewhereError):
        plan_changes.delete(db, shown)
    with pytest.raises(ChangedElsewhereError):
        plan_changes.move(db, shown, 0)
    assert milestones.get(db, shown.id or 0) == dataclasses.replace(shown, owner="Head of Data")


def test_a_move_and_its_undo_and_redo_restore_the_order(db: Database, acme: int) -> None:
    plan = _plan(db, acme)
    moved = plan_changes.move(db, plan[2], 0)
    assert moved.before == plan[2]
    assert moved.after is not None
    assert moved.after.position == 0
    assert milestones.list_for(db, acme)[0].title == "Access returned"
    assert moved.before is not None
    plan_changes.put(db, moved.before, expected=moved.after)
    assert milestones.list_for(db, acme) == plan
    plan_changes.put(db, moved.after, expected=moved.before)
    assert milestones.get(db, plan[2].id or 0) == moved.after


def test_a_delete_then_its_undo_and_redo_restore_each_side(db: Database, acme: int) -> None:
    plan = _plan(db, acme)
    deleted = plan_changes.delete(db, plan[1])
    assert (deleted.before, deleted.after) == (plan[1], None)
    assert [m.position for m in milestones.list_for(db, acme)] == [0, 1]
    back = plan_changes.restore(db, plan[1])
    assert back.after == plan[1]
    assert milestones.list_for(db, acme) == plan
    plan_changes.delete(db, plan[1])
    with pytest.raises(NotFoundError):
        milestones.get(db, plan[1].id or 0)


def test_the_other_plan_records_go_through_the_same_writes(db: Database, acme: int) -> None:
    added = plan_changes.add(db, Risk(acme, "Single engineer knows the billing system"))
    assert added.after is not None
    shown = added.after
    change = plan_changes.update(db, dataclasses.replace(shown, impact="high"), expected=shown)
    assert change.after == risks.get(db, shown.id or 0)
    assert change.before is not None
    plan_changes.put(db, change.before, expected=change.after)
    assert risks.get(db, shown.id or 0) == shown

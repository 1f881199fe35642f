"""Decision writes return what they changed (the decision with its status history), refuse a
stale `expected` from a second connection before writing, and put either side back exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import Decision, decision_changes
from storage.decisions import records as decisions
from storage.file import ChangedElsewhereError
from storage.rules import NotFoundError


def _decision(acme: int) -> Decision:
    return Decision(acme, "Use RAG, not fine-tuning", dt.date(2026, 3, 2), category="architecture")


def test_an_edit_returns_the_decision_before_and_after(db: Database, acme: int) -> None:
    added = decision_changes.add(db, _decision(acme))
    assert added.before is None
    assert added.after is not None
    shown = added.after.decision
    change = decision_changes.update(
        db, dataclasses.replace(shown, status="accepted"), expected=shown
    )
    assert change.kinds == frozenset({"decision"})
    assert change.before == added.after
    assert change.after is not None
    assert change.after.decision.status == "accepted"
    assert [c.status for c in change.after.history] == ["proposed", "accepted"]


def test_a_stale_edit_writes_nothing(db: Database, other: Database, acme: int) -> None:
    shown = decisions.add(db, _decision(acme))
    decisions.update(other, dataclasses.replace(shown, owner="Head of Data"))
    with pytest.raises(ChangedElsewhereError) as raised:
        decision_changes.update(db, dataclasses.replace(shown, outcome="RAG"), expected=shown)
    assert raised.value.stored.owner == "Head of Data"
    assert decisions.get(db, shown.id or 0).outcome == ""


def test_a_delete_then_its_undo_and_redo_restore_each_side(db: Database, acme: int) -> None:
    shown = decisions.add(db, _decision(acme))
    shown = decisions.update(db, dataclasses.replace(shown, status="accepted"))
    deleted = decision_changes.delete(db, shown.id or 0, expected=shown)
    assert deleted.before is not None
    back = decision_changes.restore(db, deleted.before)
    assert back.after == deleted.before
    again = decision_changes.delete(db, shown.id or 0, expected=shown)
    assert again.before == deleted.before
    with pytest.raises(NotFoundError):
        decisions.get(db, shown.id or 0)


def test_put_gives_back_the_status_history_exactly_and_refuses_a_stale_side(
    db: Database, other: Database, acme: int
) -> None:
    added = decision_changes.add(db, _decision(acme))
    assert added.after is not None
    shown = added.after.decision
    accepted = decision_changes.update(
        db, dataclasses.replace(shown, status="accepted"), expected=shown
    )
    assert accepted.before is not None
    assert accepted.after is not None
    undone = decision_changes.put(db, accepted.before, expected=accepted.after)
    assert undone.after == added.after  # one entry, not proposed -> accepted -> proposed
    decisions.update(other, dataclasses.replace(shown, owner="Head of Data"))
    with pytest.raises(ChangedElsewhereError):
        decision_changes.put(db, accepted.after, expected=added.after)
    assert decision_changes.read(db, shown.id or 0).decision.owner == "Head of Data"

"""Milestones: validation, the done date, dense reordering, overdue, and the standard exit plan."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.exit_plan import milestones, responsibilities
from storage.exit_plan.milestones import STANDARD_EXIT_PLAN, Milestone
from storage.exit_plan.responsibilities import Responsibility
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database, **changes: object) -> int:
    client = clients.add(db, Client(name="Acme"))
    base = Engagement(
        client_id=client.id or 0,
        title="Fractional CTO",
        start_date=dt.date(2026, 1, 5),
        planned_end_date=dt.date(2026, 12, 31),
        status="active",
    )
    return engagements.add(db, engagements.with_changes(base, **changes)).id or 0


def _titles(db: Database, engagement_id: int) -> list[str]:
    return [m.title for m in milestones.list_for(db, engagement_id)]


def _positions(db: Database, engagement_id: int) -> list[int]:
    return [m.position for m in milestones.list_for(db, engagement_id)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"status": "finished"}, "status"),
        ({"weight": 0}, "weight"),
        ({"weight": 6}, "weight"),
        ({"weight": 2.5}, "weight"),
        ({"due_date": "2026-02-30"}, "due_date"),
        ({"done_date": "soon", "status": "done"}, "done_date"),
        ({"owner": "broken \ud800"}, "owner"),
        ({"engagement_id": 999}, "engagement_id"),
    ],
)
def test_validation_names_the_field_and_writes_nothing(
    db: Database, changes: dict[str, object], field: str
) -> None:
    engagement_id = _engagement(db)
    base = Milestone(engagement_id, "Roadmap handed over")
    with pytest.raises(ValidationError) as error:
        milestones.add(db, milestones.with_changes(base, **changes))
    assert error.value.field == field
    assert db["milestone"].count == 0


def test_marking_done_stamps_today_and_reopening_clears_it(db: Database) -> None:
    engagement_id = _engagement(db)
    stored = milestones.add(db, Milestone(engagement_id, "Roadmap handed over"))
    assert stored.done_date is None
    done = milestones.update(db, milestones.with_changes(stored, status="done"))
    assert done.done_date == TODAY
    earlier = milestones.update(db, milestones.with_changes(done, done_date=dt.date(2026, 5, 2)))
    assert earlier.done_date == dt.date(2026, 5, 2)
    reopened = milestones.update(db, milestones.with_changes(earlier, status="at_risk"))
    assert reopened.done_date is None


def test_overdue_means_past_due_and_still_open(db: Database) -> None:
    engagement_id = _engagement(db)
    late = milestones.add(db, Milestone(engagement_id, "Late", due_date=dt.date(2026, 5, 1)))
    milestones.add(db, Milestone(engagement_id, "Due today", due_date=TODAY))
    milestones.add(
        db, Milestone(engagement_id, "Done", due_date=dt.date(2026, 5, 1), status="done")
    )
    milestones.add(
        db, Milestone(engagement_id, "Dropped", due_date=dt.date(2026, 5, 1), status="dropped")
    )
    milestones.add(db, Milestone(engagement_id, "No date"))
    assert [m.id for m in milestones.overdue(db, engagement_id)] == [late.id]
    assert late.is_overdue(TODAY)
    assert not late.is_overdue(dt.date(2026, 4, 30))


def test_reorder_keeps_positions_dense(db: Database) -> None:
    engagement_id = _engagement(db)
    ids = [milestones.add(db, Milestone(engagement_id, t)).id or 0 for t in "ABCDE"]
    assert _positions(db, engagement_id) == [0, 1, 2, 3, 4]
    milestones.move_up(db, ids[2])
    assert _titles(db, engagement_id) == ["A", "C", "B", "D", "E"]
    milestones.move_down(db, ids[0])
    assert _titles(db, engagement_id) == ["C", "A", "B", "D", "E"]
    milestones.move_to(db, ids[4], 0)
    assert _titles(db, engagement_id) == ["E", "C", "A", "B", "D"]
    milestones.move_to(db, ids[4], 99)  # clamped to the end
    assert _titles(db, engagement_id) == ["C", "A", "B", "D", "E"]
    milestones.move_up(db, ids[2])  # already first: nothing moves
    assert _titles(db, engagement_id) == ["C", "A", "B", "D", "E"]
    milestones.delete(db, ids[0])
    assert _titles(db, engagement_id) == ["C", "B", "D", "E"]
    assert _positions(db, engagement_id) == [0, 1, 2, 3]


def test_restore_puts_a_deleted_milestone_back_in_place(db: Database) -> None:
    engagement_id = _engagement(db)
    ids = [milestones.add(db, Milestone(engagement_id, t)).id or 0 for t in "ABC"]
    deleted = milestones.delete(db, ids[1])
    back = milestones.restore(db, deleted)
    assert back == deleted
    assert _titles(db, engagement_id) == ["A", "B", "C"]
    assert _positions(db, engagement_id) == [0, 1, 2]


def test_standard_plan_spreads_due_dates_up_to_the_planned_end(db: Database) -> None:
    engagement_id = _engagement(db)
    added = milestones.add_standard_exit_plan(db, engagement_id)
    assert [m.title for m in added] == [title for title, _, _ in STANDARD_EXIT_PLAN]
    dues = [m.due_date for m in added]
    assert all(d is not None and TODAY <= d <= dt.date(2026, 12, 31) for d in dues)
    assert dues == sorted(dues)  # type: ignore[type-var]
    assert dues[-1] == dt.date(2026, 12, 31)
    assert [m.weight for m in added] == [w for _, w, _ in STANDARD_EXIT_PLAN]
    assert _positions(db, engagement_id) == list(range(len(STANDARD_EXIT_PLAN)))


def test_standard_plan_skips_titles_the_engagement_has(db: Database) -> None:
    engagement_id = _engagement(db)
    existing = STANDARD_EXIT_PLAN[2][0].upper()
    milestones.add(db, Milestone(engagement_id, "Our own milestone"))
    milestones.add(db, Milestone(engagement_id, f"  {existing} "))
    added = milestones.add_standard_exit_plan(db, engagement_id)
    assert len(added) == len(STANDARD_EXIT_PLAN) - 1
    assert STANDARD_EXIT_PLAN[2][0] not in [m.title for m in added]
    assert milestones.add_standard_exit_plan(db, engagement_id) == []
    assert _positions(db, engagement_id) == list(range(len(STANDARD_EXIT_PLAN) + 1))


def test_standard_plan_without_a_planned_end_uses_a_year(db: Database) -> None:
    engagement_id = _engagement(db, planned_end_date=None)
    added = milestones.add_standard_exit_plan(db, engagement_id)
    assert added[-1].due_date == dt.date(2027, 1, 5)


def test_responsibilities_round_trip_and_stage_labels(db: Database) -> None:
    engagement_id = _engagement(db)
    duty = responsibilities.add(db, Responsibility(engagement_id, "Hiring loop"))
    assert duty.stage_label == "Consultant does it"
    later = responsibilities.update(
        db, responsibilities.with_changes(duty, successor="Mei Lin", stage="owns")
    )
    assert (later.successor, later.stage_label) == ("Mei Lin", "Successor owns it")
    assert responsibilities.next_stage("consultant") == "shadows"
    assert responsibilities.next_stage("owns") == "owns"
    with pytest.raises(ValidationError) as error:
        responsibilities.add(db, Responsibility(engagement_id, "Vendors", stage="done"))
    assert error.value.field == "stage"
    deleted = responsibilities.delete(db, duty.id or 0)
    assert responsibilities.list_for(db, engagement_id) == []
    assert responsibilities.restore(db, deleted) == later

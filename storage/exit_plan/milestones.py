"""Exit-plan milestones: what has to be true before the consultant can leave, in order.

Positions are dense (0..n-1) per engagement, so "move up" and "move to" are plain swaps and
shifts; every write that changes the order keeps them so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.file.schema.exit_plan import MILESTONE_STATUSES
from storage.practice import plan_order
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.clock import now_iso
from storage.rules.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

STATUSES = MILESTONE_STATUSES
STATUS_LABELS = {
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "at_risk": "At risk",
    "dropped": "Dropped",
}
CLOSED_STATUSES = ("done", "dropped")
MIN_WEIGHT, MAX_WEIGHT = 1, 5
DEFAULT_SPAN_DAYS = 365  # an engagement without a planned end: the domain's one-year exit

# The domain's typical exit milestones: (title, weight, how far from now to the planned end).
STANDARD_EXIT_PLAN: tuple[tuple[str, int, float], ...] = (
    ("Key architecture decisions recorded with a named client-side owner", 4, 0.30),
    ("Job descriptions and interview rubrics handed over", 2, 0.40),
    ("Next 60-90 day roadmap handed over", 4, 0.50),
    ("End date (or a reduced cadence) agreed", 2, 0.60),
    ("Full-time CTO hired or internal technical lead designated", 5, 0.70),
    ("Vendor relationships and contracts reviewed and transferred", 3, 0.80),
    ("Evaluation, monitoring and cost controls owned by the team", 3, 0.85),
    ("Access and credentials returned", 2, 0.95),
    ("Final handoff document delivered and walked through", 5, 1.00),
)


@dataclass(frozen=True)
class Milestone:
    engagement_id: int
    title: str
    description: str = ""
    due_date: dt.date | None = None
    status: str = "planned"
    owner: str = ""
    weight: int = 3
    done_date: dt.date | None = None
    position: int = 0
    id: int | None = None
    created_at: str = ""

    def is_overdue(self, on: dt.date | None = None) -> bool:
        """Due before `on` (today) and neither done nor dropped."""
        if self.due_date is None or self.status in CLOSED_STATUSES:
            return False
        return self.due_date < (on or clock.today())


def validate(m: Milestone) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field.

    Marking a milestone done stamps today's date unless one is given; any other status clears it,
    so the done date always means "when it was finished".
    """
    status = v.one_of("status", m.status, STATUSES)
    done_date = v.iso_date("done_date", m.done_date, required=False)
    if status == "done" and done_date is None:
        done_date = clock.today().isoformat()
    if status != "done":
        done_date = None
    return {
        "engagement_id": v.int_between("engagement_id", m.engagement_id, 1, 2**62),
        "title": v.line_text("title", m.title, required=True, max_len=300),
        "description": v.clean_text("description", m.description),
        "due_date": v.iso_date("due_date", m.due_date, required=False),
        "status": status,
        "owner": v.line_text("owner", m.owner, max_len=200),
        "weight": v.int_between("weight", m.weight, MIN_WEIGHT, MAX_WEIGHT),
        "done_date": done_date,
    }


def _from_row(row: dict[str, Any]) -> Milestone:
    values = dict(row)
    for key in ("due_date", "done_date"):
        values[key] = dt.date.fromisoformat(values[key]) if values[key] else None
    return Milestone(**values)


def add(db: Database, milestone: Milestone) -> Milestone:
    """Store a new milestone at the end of its engagement's plan."""
    return get(db, plan_order.insert_last(db, "milestone", validate(milestone)))


def restore(db: Database, milestone: Milestone) -> Milestone:
    """Put back a deleted milestone under its old id and at its old place (undo of a delete)."""
    row = validate(milestone)
    plan_order.insert_at(
        db, "milestone", row, milestone.id, milestone.position, milestone.created_at
    )
    return get(db, int(milestone.id or 0))


def restore_many(db: Database, restored: Sequence[Milestone]) -> list[Milestone]:
    """Put back several milestones in one transaction: all of them or none (redo of a plan)."""
    with db.atomic():
        return [restore(db, milestone) for milestone in restored]


def delete_many(db: Database, milestone_ids: Sequence[int]) -> list[Milestone]:
    """Delete several milestones in one transaction, last first so each gap closes behind it."""
    with db.atomic():
        return [delete(db, milestone_id) for milestone_id in reversed(milestone_ids)]


def update(db: Database, milestone: Milestone) -> Milestone:
    """Save changed fields; the engagement and the position stay as stored."""
    if milestone.id is None:
        raise ValueError("update needs a stored milestone")
    row = validate(milestone)
    stored = get(db, milestone.id)
    row["engagement_id"] = stored.engagement_id
    with db.atomic():
        rows.update(db, "milestone", milestone.id, row)
    return get(db, milestone.id)


def get(db: Database, milestone_id: int) -> Milestone:
    found = list(db.query("SELECT * FROM milestone WHERE id = ?", [milestone_id]))
    if not found:
        raise NotFoundError("milestone", milestone_id)
    return _from_row(found[0])


def list_for(db: Database, engagement_id: int) -> list[Milestone]:
    sql = "SELECT * FROM milestone WHERE engagement_id = ? ORDER BY position, id"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def overdue(db: Database, engagement_id: int, on: dt.date | None = None) -> list[Milestone]:
    """Milestones past their due date that are neither done nor dropped, oldest first."""
    sql = (
        "SELECT * FROM milestone WHERE engagement_id = ? AND due_date < ? "
        "AND status NOT IN ('done', 'dropped') ORDER BY due_date, position"
    )
    return [_from_row(r) for r in db.query(sql, [engagement_id, (on or clock.today()).isoformat()])]


def delete(db: Database, milestone_id: int) -> Milestone:
    """Delete and close the gap in the order; returns what was deleted (for undo)."""
    stored = get(db, milestone_id)
    with db.atomic():
        db.execute("DELETE FROM milestone WHERE id = ?", [milestone_id])
        plan_order.close_gap(db, "milestone", stored.engagement_id, stored.position)
    return stored


def move_to(db: Database, milestone_id: int, position: int) -> Milestone:
    """Move a milestone to `position` (clamped), shifting the ones in between by one."""
    stored = get(db, milestone_id)
    with db.atomic():
        plan_order.move(
            db, "milestone", stored.engagement_id, milestone_id, stored.position, position
        )
    return get(db, milestone_id)


def move_up(db: Database, milestone_id: int) -> Milestone:
    return move_to(db, milestone_id, get(db, milestone_id).position - 1)


def move_down(db: Database, milestone_id: int) -> Milestone:
    return move_to(db, milestone_id, get(db, milestone_id).position + 1)


def standard_plan_dates(start: dt.date, end: dt.date | None, on: dt.date) -> list[dt.date]:
    """Due dates for the standard plan, spread between `on` (or the start) and the planned end."""
    end = end or start + dt.timedelta(days=DEFAULT_SPAN_DAYS)
    begin = min(max(start, on), end)
    span = (end - begin).days
    return [begin + dt.timedelta(days=round(span * share)) for _, _, share in STANDARD_EXIT_PLAN]


def add_standard_exit_plan(db: Database, engagement_id: int) -> list[Milestone]:
    """Append the typical exit milestones the engagement does not have yet (same title, any case).

    Returns the milestones added, in one transaction: all of them or none.
    """
    row = db.execute(
        "SELECT start_date, planned_end_date FROM engagement WHERE id = ?", [engagement_id]
    ).fetchone()
    if row is None:
        raise ValidationError("engagement_id", "choose an engagement that exists")
    start = dt.date.fromisoformat(row[0])
    end = dt.date.fromisoformat(row[1]) if row[1] else None
    have = {m.title.strip().casefold() for m in list_for(db, engagement_id)}
    dates = standard_plan_dates(start, end, clock.today())
    new_ids = []
    with db.atomic():
        position = plan_order.count(db, "milestone", engagement_id)
        for (title, weight, _), due in zip(STANDARD_EXIT_PLAN, dates, strict=True):
            if title.casefold() in have:
                continue
            plan = Milestone(engagement_id, title, due_date=due, weight=weight)
            values = validate(plan) | {"position": position, "created_at": now_iso()}
            new_ids.append(rows.insert(db, "milestone", values))
            position += 1
    return [get(db, new_id) for new_id in new_ids]


def with_changes(milestone: Milestone, **changes: Any) -> Milestone:
    return dataclasses.replace(milestone, **changes)

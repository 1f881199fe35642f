"""Responsibilities: the duties the consultant holds at a client, and who takes each one over.

Each moves through four handover stages, which is how a client becomes less dependent over time.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.file.schema.exit_plan import HANDOVER_STAGES
from storage.practice import plan_order
from storage.rules import validation as v
from storage.rules.errors import NotFoundError

if TYPE_CHECKING:
    from sqlite_utils import Database

STAGES = HANDOVER_STAGES
STAGE_LABELS = {
    "consultant": "Consultant does it",
    "shadows": "Successor shadows",
    "leads_with_support": "Successor leads with support",
    "owns": "Successor owns it",
}
HANDED_OVER = "owns"
TYPICAL_DUTIES = (
    "Architecture review",
    "Hiring loop",
    "Vendor management",
    "Board technical updates",
)


@dataclass(frozen=True)
class Responsibility:
    engagement_id: int
    duty: str
    successor: str = ""
    stage: str = "consultant"
    position: int = 0
    id: int | None = None
    created_at: str = ""

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


def next_stage(stage: str) -> str:
    """The stage after `stage` (the last one stays)."""
    index = STAGES.index(stage)
    return STAGES[min(index + 1, len(STAGES) - 1)]


def validate(r: Responsibility) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    return {
        "engagement_id": v.int_between("engagement_id", r.engagement_id, 1, 2**62),
        "duty": v.line_text("duty", r.duty, required=True, max_len=300),
        "successor": v.line_text("successor", r.successor, max_len=200),
        "stage": v.one_of("stage", r.stage, STAGES),
    }


def _from_row(row: dict[str, Any]) -> Responsibility:
    return Responsibility(**row)


def add(db: Database, responsibility: Responsibility) -> Responsibility:
    return get(db, plan_order.insert_last(db, "responsibility", validate(responsibility)))


def restore(db: Database, responsibility: Responsibility) -> Responsibility:
    """Put back a deleted responsibility under its old id and place (undo of a delete)."""
    row = validate(responsibility)
    plan_order.insert_at(
        db, "responsibility", row, responsibility.id, responsibility.position,
        responsibility.created_at,
    )  # fmt: skip
    return get(db, int(responsibility.id or 0))


def update(db: Database, responsibility: Responsibility) -> Responsibility:
    if responsibility.id is None:
        raise ValueError("update needs a stored responsibility")
    row = validate(responsibility)
    row["engagement_id"] = get(db, responsibility.id).engagement_id
    with db.atomic():
        rows.update(db, "responsibility", responsibility.id, row)
    return get(db, responsibility.id)


def get(db: Database, responsibility_id: int) -> Responsibility:
    found = list(db.query("SELECT * FROM responsibility WHERE id = ?", [responsibility_id]))
    if not found:
        raise NotFoundError("responsibility", responsibility_id)
    return _from_row(found[0])


def list_for(db: Database, engagement_id: int) -> list[Responsibility]:
    sql = "SELECT * FROM responsibility WHERE engagement_id = ? ORDER BY position, id"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def delete(db: Database, responsibility_id: int) -> Responsibility:
    """Delete and close the gap in the order; returns what was deleted (for undo)."""
    stored = get(db, responsibility_id)
    with db.atomic():
        db.execute("DELETE FROM responsibility WHERE id = ?", [responsibility_id])
        plan_order.close_gap(db, "responsibility", stored.engagement_id, stored.position)
    return stored


def with_changes(responsibility: Responsibility, **changes: Any) -> Responsibility:
    return dataclasses.replace(responsibility, **changes)

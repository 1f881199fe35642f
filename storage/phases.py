"""Phases: the engagement's arc in named stretches (audit and architecture, build and ship,
transition), each with its dates and goals; the scope of work prints them as the plan.

Saved with the engagement, all at once, in its transaction (`replace_for`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage import rows
from storage import validation as v
from storage.clock import now_iso
from storage.errors import ValidationError

MAX_PER_ENGAGEMENT = 50


@dataclass(frozen=True)
class Phase:
    engagement_id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    goals: str = ""
    position: int = 0
    id: int | None = None
    created_at: str = ""


def validate(p: Phase) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    row: dict[str, Any] = {
        "engagement_id": v.int_between("engagement_id", p.engagement_id, 1, 2**62),
        "name": v.line_text("name", p.name, required=True, max_len=200),
        "starts_on": v.iso_date("starts_on", p.starts_on),
        "ends_on": v.iso_date("ends_on", p.ends_on),
        "goals": v.clean_text("goals", p.goals, max_len=10_000),
    }
    if row["ends_on"] < row["starts_on"]:
        raise ValidationError("ends_on", "must not be before the phase starts")
    return row


def _from_row(row: dict[str, Any]) -> Phase:
    values = dict(row)
    for key in ("starts_on", "ends_on"):
        values[key] = dt.date.fromisoformat(values[key])
    return Phase(**values)


def list_for(db: Database, engagement_id: int) -> list[Phase]:
    sql = "SELECT * FROM phase WHERE engagement_id = ? ORDER BY position, id"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def check_all(items: Sequence[Phase]) -> list[dict[str, Any]]:
    """Every row validated before anything is written (the first bad one raises)."""
    if len(items) > MAX_PER_ENGAGEMENT:
        raise ValidationError("phases", f"at most {MAX_PER_ENGAGEMENT} phases")
    return [validate(item) for item in items]


def replace_for(db: Database, engagement_id: int, items: Sequence[Phase]) -> None:
    """Make the engagement's phases exactly `items`, in order, in one transaction."""
    checked = check_all([dataclasses.replace(i, engagement_id=engagement_id) for i in items])
    with db.atomic():
        db.execute("DELETE FROM phase WHERE engagement_id = ?", [engagement_id])
        for position, (item, row) in enumerate(zip(items, checked, strict=True)):
            row.update(position=position, created_at=item.created_at or now_iso())
            rows.insert(db, "phase", row)

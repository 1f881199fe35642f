"""Deliverables: what an engagement hands over, each with how the client accepts it and when.

The scope of work prints them; they are saved with the engagement, all at once, in its
transaction (`replace_for`), in the order the consultant gave them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.record import Record

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_PER_ENGAGEMENT = 200


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Deliverable(Record):
    """One thing the scope of work promises, with how the client judges it done."""

    engagement_id: int
    title: str
    acceptance: str = ""  # how the client judges it done
    due_on: dt.date | None = None
    position: int = 0
    id: int | None = None
    created_at: str = ""


def validate(d: Deliverable) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    return {
        "engagement_id": v.int_between("engagement_id", d.engagement_id, 1, 2**62),
        "title": v.line_text("title", d.title, required=True, max_len=500),
        "acceptance": v.clean_text("acceptance", d.acceptance, max_len=5000),
        "due_on": v.iso_date("due_on", d.due_on, required=False),
    }


def _from_row(row: dict[str, Any]) -> Deliverable:
    values = dict(row)
    values["due_on"] = dt.date.fromisoformat(values["due_on"]) if values["due_on"] else None
    return Deliverable(**values)


def list_for(db: Database, engagement_id: int) -> list[Deliverable]:
    return [_from_row(r) for r in rows.sound_rows(db, "deliverable", engagement_id)]


def check_all(items: Sequence[Deliverable]) -> list[dict[str, Any]]:
    """Every row validated before anything is written (the first bad one raises)."""
    if len(items) > MAX_PER_ENGAGEMENT:
        raise ValidationError("deliverables", f"at most {MAX_PER_ENGAGEMENT} deliverables")
    return [validate(item) for item in items]


def replace_for(db: Database, engagement_id: int, items: Sequence[Deliverable]) -> None:
    """Make the engagement's deliverables exactly `items`, in order, in one transaction."""
    checked = check_all([dataclasses.replace(i, engagement_id=engagement_id) for i in items])
    rows.replace_ordered(db, "deliverable", engagement_id, checked, [i.created_at for i in items])

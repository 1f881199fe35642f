"""The order of an engagement's exit-plan rows (milestones, responsibilities, risks,
recommendations, the access inventory): dense positions.

Each function keeps positions 0..n-1 without gaps; all but the two inserts run inside the
caller's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from storage.file import rows
from storage.rules.clock import now_iso
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

Table = Literal["milestone", "responsibility", "risk", "recommendation", "access_item"]


def check_engagement(db: Database, engagement_id: int) -> None:
    if not db.execute("SELECT 1 FROM engagement WHERE id = ?", [engagement_id]).fetchone():
        raise ValidationError("engagement_id", "choose an engagement that exists")


def count(db: Database, table: Table, engagement_id: int) -> int:
    return rows.count(db, f"SELECT count(*) FROM {table} WHERE engagement_id = ?", [engagement_id])


def open_gap(db: Database, table: Table, engagement_id: int, position: int) -> int:
    """Make room at `position` (clamped to the plan) and return the position made free."""
    position = min(max(position, 0), count(db, table, engagement_id))
    db.execute(
        f"UPDATE {table} SET position = position + 1 WHERE engagement_id = ? AND position >= ?",
        [engagement_id, position],
    )
    return position


def close_gap(db: Database, table: Table, engagement_id: int, position: int) -> None:
    """After a row at `position` has gone, move the ones after it up by one."""
    db.execute(
        f"UPDATE {table} SET position = position - 1 WHERE engagement_id = ? AND position > ?",
        [engagement_id, position],
    )


def move(db: Database, table: Table, engagement_id: int, record_id: int, old: int, new: int) -> int:
    """Move a row from `old` to `new` (clamped), shifting the ones between; returns where it went."""
    target = min(max(new, 0), count(db, table, engagement_id) - 1)
    if target == old:
        return old
    low, high, shift = (target, old - 1, 1) if target < old else (old + 1, target, -1)
    db.execute(
        f"UPDATE {table} SET position = position + ? "
        "WHERE engagement_id = ? AND position BETWEEN ? AND ?",
        [shift, engagement_id, low, high],
    )
    db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [target, record_id])
    return target


def insert_last(db: Database, table: Table, row: dict[str, Any]) -> int:
    """Store a validated row at the end of its engagement's plan; return its id."""
    check_engagement(db, row["engagement_id"])
    with db.atomic():
        position = count(db, table, row["engagement_id"])
        return rows.insert(db, table, {**row, "position": position, "created_at": now_iso()})


def insert_at(
    db: Database, table: Table, row: dict[str, Any], record_id: int | None, position: int,
    created_at: str,
) -> int:  # fmt: skip
    """Put a deleted row back under its old id at its old place (undo of a delete)."""
    check_engagement(db, row["engagement_id"])
    with db.atomic():
        position = open_gap(db, table, row["engagement_id"], position)
        values = {
            **row,
            "id": record_id,
            "position": position,
            "created_at": created_at or now_iso(),
        }
        return rows.insert(db, table, values)

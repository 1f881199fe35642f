"""Recorded reviews: the score, the verdict and what failed on a day, so the trend can be shown
to the client (month 1, 6, 12). One snapshot per engagement and day: recording again that day
replaces it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.exit_plan.readiness import Review
from storage.file import rows
from storage.rules import clock
from storage.rules.errors import NotFoundError

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Snapshot:
    engagement_id: int
    taken_on: dt.date
    score: int
    verdict: str
    failing_checks: tuple[str, ...] = ()
    id: int | None = None


def _from_row(row: dict[str, Any]) -> Snapshot:
    return Snapshot(
        engagement_id=row["engagement_id"],
        taken_on=dt.date.fromisoformat(row["taken_on"]),
        score=row["score"],
        verdict=row["verdict"],
        failing_checks=tuple(json.loads(row["failing_checks"])),
        id=row["id"],
    )


def _row(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "engagement_id": snapshot.engagement_id,
        "taken_on": snapshot.taken_on.isoformat(),
        "score": snapshot.score,
        "verdict": snapshot.verdict,
        "failing_checks": json.dumps(list(snapshot.failing_checks), ensure_ascii=False),
    }


def record(db: Database, review: Review, *, on: dt.date | None = None) -> Snapshot:
    """Save the review with today's date (or `on`), replacing one already taken that day."""
    snapshot = Snapshot(
        engagement_id=review.engagement_id,
        taken_on=on or clock.today(),
        score=review.score,
        verdict=review.verdict,
        failing_checks=tuple(c.name for c in review.failing),
    )
    with db.atomic():
        db.execute(
            "DELETE FROM readiness_snapshot WHERE engagement_id = ? AND taken_on = ?",
            [snapshot.engagement_id, snapshot.taken_on.isoformat()],
        )
        new_id = rows.insert(db, "readiness_snapshot", _row(snapshot))
    return get(db, new_id)


def on_day(db: Database, engagement_id: int, day: dt.date) -> Snapshot | None:
    """The snapshot taken that day, if any (what recording again would replace)."""
    found = list(
        db.query(
            "SELECT * FROM readiness_snapshot WHERE engagement_id = ? AND taken_on = ?",
            [engagement_id, day.isoformat()],
        )
    )
    return _from_row(found[0]) if found else None


def restore(db: Database, snapshot: Snapshot) -> Snapshot:
    """Put back a snapshot under its old id (undo)."""
    with db.atomic():
        new_id = rows.insert(db, "readiness_snapshot", _row(snapshot) | {"id": snapshot.id})
    return get(db, new_id)


def insert_many(db: Database, snapshots: list[Snapshot]) -> None:
    """Bulk insert (the sample practice); the caller holds the transaction."""
    rows.insert_many(db, "readiness_snapshot", [_row(s) for s in snapshots])


def get(db: Database, snapshot_id: int) -> Snapshot:
    found = list(db.query("SELECT * FROM readiness_snapshot WHERE id = ?", [snapshot_id]))
    if not found:
        raise NotFoundError("readiness snapshot", snapshot_id)
    return _from_row(found[0])


def list_for(db: Database, engagement_id: int) -> list[Snapshot]:
    """Oldest first: the trend reads left to right."""
    sql = "SELECT * FROM readiness_snapshot WHERE engagement_id = ? ORDER BY taken_on, id"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def delete(db: Database, snapshot_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM readiness_snapshot WHERE id = ?", [snapshot_id])


def swap(db: Database, remove: Snapshot | None, put_back: Snapshot | None) -> None:
    """Take one snapshot out and put another back in one transaction (undo and redo of a
    recorded review that replaced the day's earlier one)."""
    with db.atomic():
        if remove is not None:
            delete(db, int(remove.id or 0))
        if put_back is not None:
            restore(db, put_back)

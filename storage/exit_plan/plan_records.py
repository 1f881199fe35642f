"""The reads and writes every position-ordered exit-plan record shares (risks, recommendations,
the access inventory): add at the end, edit, delete closing the gap, restore under the old id
and place (undo), move. A record module names its table, its dataclass and its validation once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from storage.file import rows
from storage.practice import plan_order
from storage.practice.plan_order import Table
from storage.rules.errors import NotFoundError

if TYPE_CHECKING:
    from sqlite_utils import Database


class PlanRecord(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def engagement_id(self) -> int: ...

    @property
    def position(self) -> int: ...

    @property
    def created_at(self) -> str: ...


R = TypeVar("R", bound=PlanRecord)


class PlanRecords(Generic[R]):
    """`validate(record)` gives the row to store (or raises ValidationError);
    `from_row(row)` turns a stored row back into the record."""

    def __init__(
        self,
        table: Table,
        validate: Callable[[R], dict[str, Any]],
        from_row: Callable[[dict[str, Any]], R],
    ) -> None:
        self.table = table
        self.validate = validate
        self.from_row = from_row

    def add(self, db: Database, record: R) -> R:
        return self.get(db, plan_order.insert_last(db, self.table, self.validate(record)))

    def restore(self, db: Database, record: R) -> R:
        """Put back a deleted record under its old id and place (undo of a delete)."""
        row = self.validate(record)
        plan_order.insert_at(db, self.table, row, record.id, record.position, record.created_at)
        return self.get(db, int(record.id or 0))

    def update(self, db: Database, record: R) -> R:
        """Store an edit; the record stays with its engagement whatever the edit says."""
        if record.id is None:
            raise ValueError(f"update needs a stored {self.table}")
        row = self.validate(record)
        row["engagement_id"] = self.get(db, record.id).engagement_id
        with db.atomic():
            rows.update(db, self.table, record.id, row)
        return self.get(db, record.id)

    def get(self, db: Database, record_id: int) -> R:
        found = list(db.query(f"SELECT * FROM {self.table} WHERE id = ?", [record_id]))
        if not found:
            raise NotFoundError(self.table, record_id)
        return self.from_row(found[0])

    def list_for(self, db: Database, engagement_id: int) -> list[R]:
        sql = f"SELECT * FROM {self.table} WHERE engagement_id = ? ORDER BY position, id"
        return [self.from_row(r) for r in db.query(sql, [engagement_id])]

    def delete(self, db: Database, record_id: int) -> R:
        """Delete and close the gap in the order; returns what was deleted (for undo)."""
        stored = self.get(db, record_id)
        with db.atomic():
            db.execute(f"DELETE FROM {self.table} WHERE id = ?", [record_id])
            plan_order.close_gap(db, self.table, stored.engagement_id, stored.position)
        return stored

    def move_to(self, db: Database, record_id: int, position: int) -> R:
        """Move a record to `position` (clamped), shifting the ones in between by one."""
        stored = self.get(db, record_id)
        with db.atomic():
            plan_order.move(
                db, self.table, stored.engagement_id, record_id, stored.position, position
            )
        return self.get(db, record_id)

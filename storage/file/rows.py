"""Typed wrappers over sqlite-utils' table writes, shared by every record module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage.file import ids
from storage.rules.clock import now_iso

if TYPE_CHECKING:
    from sqlite_utils import Database


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one validated row and return its id (the caller holds the transaction).

    The one insert path: a row without an id takes one from this device's range when the
    practice syncs (`ids`), so two devices never make the same id; a row put back under its
    old id (an undo) keeps it."""
    if row.get("id") is None and (chosen := ids.chosen_id(db, table)) is not None:
        row = {**row, "id": chosen}
    cursor = db.execute(
        f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in row)}) "
        f"VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    return int(cursor.lastrowid or 0)


def insert_many(db: Database, table: str, found: list[dict[str, Any]]) -> None:
    """Insert many validated rows of the same columns in one statement. Rows without ids take
    consecutive ids from this device's range in a synced practice; rows with ids (numbered by
    the caller from `ids.next_id`) keep them. The caller holds the transaction."""
    if not found:
        return
    first = None if "id" in found[0] else ids.chosen_id(db, table, len(found))
    if first is not None:
        found = [{**row, "id": first + offset} for offset, row in enumerate(found)]
    columns = list(found[0])
    db.conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})",
        [[row[k] for k in columns] for row in found],
    )


def update(db: Database, table: str, record_id: int, row: dict[str, Any]) -> None:
    assignments = ", ".join(f"[{k}] = ?" for k in row)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*row.values(), record_id])


def count(db: Database, sql: str, params: list[Any] | dict[str, Any] | None = None) -> int:
    row = db.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def replace_ordered(
    db: Database, table: str, engagement_id: int, checked: list[dict[str, Any]], made: list[str]
) -> None:
    """Make an engagement's rows of `table` exactly `checked` (validated rows, in order), each
    keeping when it was first made (`made`, "" for new), in one transaction."""
    with db.atomic():
        db.execute(f"DELETE FROM [{table}] WHERE engagement_id = ?", [engagement_id])
        for position, (row, created) in enumerate(zip(checked, made, strict=True)):
            insert(db, table, {**row, "position": position, "created_at": created or now_iso()})


def sound_rows(db: Database, table: str, engagement_id: int) -> list[dict[str, Any]]:
    """An engagement's rows of `table` in order, leaving out (and logging) a row another tool
    broke, so a document or a sum never stops on it."""
    from storage.file import domain_rules  # its rules name the engagement module's choices

    domain_rules.warn_left_out(db, table, "engagement_id = ?", [engagement_id])
    sql = (
        f"SELECT * FROM [{table}] WHERE engagement_id = ? AND {domain_rules.sound(table)} "
        "ORDER BY position, id"
    )
    return list(db.query(sql, [engagement_id]))

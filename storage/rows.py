"""Typed wrappers over sqlite-utils' table writes, shared by every record module."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one validated row and return its id (the caller holds the transaction)."""
    cursor = db.execute(
        f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in row)}) "
        f"VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    return int(cursor.lastrowid or 0)


def update(db: Database, table: str, record_id: int, row: dict[str, Any]) -> None:
    assignments = ", ".join(f"[{k}] = ?" for k in row)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*row.values(), record_id])


def count(db: Database, sql: str, params: list[Any] | dict[str, Any] | None = None) -> int:
    row = db.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0

"""Undoing an import: its entries, and the engagements and clients it made when nothing else
has been put in them since. After a backup, in one transaction; its fingerprints go with it,
so the same file can be imported again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import backups, rows
from storage.rules.errors import NotFoundError
from storage.transfer import import_map
from storage.transfer.import_formats import FORMATS
from storage.transfer.import_map import ImportMap

if TYPE_CHECKING:
    from sqlite_utils import Database


def undo_import(db: Database, data_dir: Path, import_id: int) -> int:
    """Delete what the import added; the number of time entries deleted."""
    found = db.execute("SELECT made FROM time_import WHERE id = ?", [import_id]).fetchone()
    if found is None:
        raise NotFoundError("import", import_id)
    made = _made(found[0])
    backups.back_up_and_rotate(db, data_dir, reason="before-import")
    with db.atomic():
        deleted = db.execute(
            "DELETE FROM time_entry WHERE id IN "
            "(SELECT entry_id FROM time_import_row WHERE import_id = ?)",
            [import_id],
        ).rowcount
        gone = _delete_unused(db, "engagement", made.get("engagements", []))
        _delete_unused(db, "client", made.get("clients", []))
        db.execute("DELETE FROM time_import WHERE id = ?", [import_id])
        _forget(db, gone)
    return int(deleted)


def _made(text: str) -> dict[str, list[int]]:
    try:
        value = json.loads(text)
    except (TypeError, json.JSONDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


PART_OF_THE_RECORD = ("commitment_period",)  # an engagement's own commitment, not put in it


def _referring(db: Database, table: str) -> list[str]:
    """Tables with a `<table>_id` column: the records that would go with a row of `table`."""
    column = f"{table}_id"
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [
        name
        for name in names
        if name not in PART_OF_THE_RECORD
        and any(c[1] == column for c in db.execute(f"PRAGMA table_info([{name}])"))
    ]


def _delete_unused(db: Database, table: str, ids: list[int]) -> list[int]:
    """Delete the rows of `table` nothing else refers to any more; their ids."""
    referring = _referring(db, table)
    gone = []
    for record_id in ids:
        used = any(
            rows.count(db, f"SELECT count(*) FROM [{other}] WHERE [{table}_id] = ?", [record_id])
            for other in referring
        )
        if not used:
            db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
            gone.append(record_id)
    return gone


def _forget(db: Database, engagement_ids: list[int]) -> None:
    """Remembered rules pointing at a deleted engagement are dropped, never left dangling."""
    if not engagement_ids:
        return
    for format_name in FORMATS:
        kept = import_map.remembered(db, format_name)
        targets = {k: t for k, t in kept.engagements.items() if t not in engagement_ids}
        if targets != kept.engagements:
            import_map.remember(
                db, format_name, ImportMap(targets, kept.buckets, kept.default_bucket)
            )

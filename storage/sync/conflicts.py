"""The conflict list: what a merge decided against one side, to review and flip.

Each entry names the table, the row's key, the column (for a field merge), the value kept and
the other one. Flipping a field entry writes the other value into the practice through the same
connection the sync uses, with the row-clock triggers live, so the flip is a new local edit:
stamped later than both, it wins on every device at the next sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import apsw

from storage.rules.errors import ValidationError
from storage.sync.rulebook import (
    DUPLICATE,
    DUPLICATE_IMPORT,
    EDIT_OVER_DELETE,
    FIELD,
    REFUSED,
    REFUSED_FINAL,
    RENAMED,
    RENUMBERED,
    RESTORED_PARENT,
    decode,
)
from storage.sync.tables import synced_tables

# What each kind of conflict means, in the words the window and the command line show.
KIND_WORDS = {
    FIELD: "Edited on both machines: the later edit was kept",
    EDIT_OVER_DELETE: "Edited on one machine, deleted on the other: the record was kept",
    RESTORED_PARENT: "Deleted on one machine while the other added to it: brought back",
    REFUSED_FINAL: "A change to a final invoice or credit note was refused",
    RENUMBERED: "Same number on both machines: renumbered",
    RENAMED: "Same client name on both machines: renamed",
    REFUSED: "A change that breaks a rule here was not applied",
    DUPLICATE: "Made on both machines under one key: the lower id was kept",
    DUPLICATE_IMPORT: "One imported row on both machines: its time counts once",
}
# The column that names a record of each table to a person (others: the table and its id).
NAMED_BY = {
    "client": "name", "engagement": "title", "decision": "title", "milestone": "title",
    "invoice": "number", "credit_note": "number", "change_request": "title",
    "time_entry": "day", "deliverable": "title", "phase": "name", "risk": "risk",
}  # fmt: skip


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " ").capitalize())


def record_label(conn: apsw.Connection, table: str, key: list[Any]) -> str:
    """The record a conflict is about, as a person knows it ("client Acme Robotics"); the table
    and its id when the record is gone or has no name."""
    words = table.replace("_", " ")
    column = NAMED_BY.get(table)
    if column is not None and len(key) == 1:
        try:
            row = conn.execute(
                f"SELECT [{column}] FROM [{table}] WHERE id = ?", (key[0],)
            ).fetchone()
        except apsw.SQLError:
            row = None
        if row is not None and row[0] not in (None, ""):
            return f"{words} {row[0]}"
    return f"{words} {', '.join(str(k) for k in key)}"


@dataclass(frozen=True)
class Conflict:
    id: int
    table: str
    key: list[Any]
    column: str
    kept: Any
    other: Any
    kind: str
    hlc: int
    device_id: str
    resolved: bool
    flipped: bool

    @property
    def flippable(self) -> bool:
        return self.kind == FIELD and not self.flipped


def _load(text: str | None) -> Any:
    return decode(json.loads(text)) if text is not None else None


def _conflict(row: tuple[Any, ...]) -> Conflict:
    cid, tbl, pk, col, kept, other, kind, stamp, device, resolved, flipped = row
    return Conflict(
        int(cid), str(tbl), json.loads(pk), str(col), _load(kept), _load(other), str(kind),
        int(stamp), str(device), bool(resolved), bool(flipped),
    )  # fmt: skip


_COLUMNS = "id, tbl, pk, col, kept, other, kind, hlc, device_id, resolved, flipped"


def list_conflicts(conn: apsw.Connection, *, include_resolved: bool = False) -> list[Conflict]:
    """The conflicts waiting for review (all of them with `include_resolved`), oldest first."""
    where = "" if include_resolved else "WHERE resolved = 0"
    rows = conn.execute(f"SELECT {_COLUMNS} FROM sync_conflict {where} ORDER BY id")
    return [_conflict(tuple(row)) for row in rows]


def waiting(conn: apsw.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM sync_conflict WHERE resolved = 0").fetchone()
    return int(row[0]) if row else 0


def resolve(conn: apsw.Connection, conflict_id: int) -> None:
    """Mark a conflict reviewed, keeping what the merge chose."""
    _get(conn, conflict_id)
    conn.execute("UPDATE sync_conflict SET resolved = 1 WHERE id = ?", (conflict_id,))


def _get(conn: apsw.Connection, conflict_id: int) -> Conflict:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_conflict WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise ValidationError("conflict", f"there is no sync conflict {conflict_id}")
    return _conflict(tuple(row))


def flip(conn: apsw.Connection, conflict_id: int) -> Conflict:
    """Put the other value back in place of the kept one (a field conflict only), as a new
    local edit, and mark the conflict resolved. Returns the conflict as it now stands."""
    conflict = _get(conn, conflict_id)
    if conflict.kind != FIELD:
        raise ValidationError(
            "conflict",
            "only a field edited on both devices can be flipped; this conflict was settled by rule "
            f"({conflict.kind.replace('_', ' ')})",
        )
    if conflict.flipped:
        raise ValidationError("conflict", f"sync conflict {conflict_id} was already flipped")
    table = synced_tables(conn).get(conflict.table)
    if table is None or conflict.column not in table.columns:
        raise ValidationError(
            "conflict", f"the table {conflict.table} no longer has {conflict.column}"
        )
    where = " AND ".join(f"[{c}] = ?" for c in table.pk)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            f"UPDATE [{table.name}] SET [{conflict.column}] = ? WHERE {where}",
            (conflict.other, *conflict.key),
        )
        if conn.changes() == 0:
            raise ValidationError(
                "conflict", "the record of this conflict is gone: nothing to flip"
            )
        conn.execute(
            "UPDATE sync_conflict SET kept = other, other = kept, flipped = 1, resolved = 1 "
            "WHERE id = ?",
            (conflict_id,),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return _get(conn, conflict_id)

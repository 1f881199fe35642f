"""What the sync engine's rules share: the conflict handler's answers, the kinds of conflicts
listed, the tables and columns each rule applies to, a change's values, row values as JSON, the
decisions one apply collects (`_Pending`), and the engine's core (`EngineCore`: the practice's
connection, its synced tables, reading and writing one row)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import apsw

from storage.sync.tables import Table

OMIT = int(apsw.mapping_session_conflict_response["SQLITE_CHANGESET_OMIT"])
REPLACE = int(apsw.mapping_session_conflict_response["SQLITE_CHANGESET_REPLACE"])
DATA = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_DATA"])
NOTFOUND = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_NOTFOUND"])
CONFLICT = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_CONFLICT"])
CONSTRAINT = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_CONSTRAINT"])

BASE_STATE = "sync_base"  # base-only: own seq and the mark
PROVISIONAL = "sync_provisional"  # base-only: rows set aside here under a provisional number
RESURRECTED = "sync_resurrected"  # base-only: rows brought back from own deletes, owed to others
TOMBSTONES = "sync_tombstone"  # base-only: the last full row of each row this device deleted

FINAL_PARENTS = {"invoice": "invoice", "credit_note": "credit_note"}
FINAL_LINES = {
    "invoice_line": ("invoice", "invoice_id"),
    "credit_note_line": ("credit_note", "credit_note_id"),
}

# A clash on these UNIQUE rules renumbers (or renames) the row with the higher id.
NUMBERED = {"decision": "number", "change_request": "number", "document_version": "version"}
NAMED = {"client": "name"}
NOTE_COLUMNS = {"decision": "consequences", "change_request": "notes"}
REFERENCE_FORMS = {"decision": ("D-{:03d}", "ADR-{:04d}"), "change_request": ("#{}",)}
# A counter that must stay past every number given: (table, its column, the owner row's key column).
COUNTERS = {"decision": ("engagement", "next_decision_number", "engagement_id")}
# Counters only ever go up: on merge the greater value wins, whatever the clocks say.
MAX_COLUMNS = frozenset({("engagement", "next_decision_number")})
TEXT_COLUMNS = {
    "decision": ("title", "context", "options_text", "outcome", "consequences"),
    "change_request": ("title", "request", "notes"),
}

# Kinds of conflicts listed
FIELD = "field"
EDIT_OVER_DELETE = "edit_over_delete"
RESTORED_PARENT = "restored_parent"
REFUSED_FINAL = "refused_final"
RENUMBERED = "renumbered"
RENAMED = "renamed"
REFUSED = "refused"
DUPLICATE = "duplicate"  # two rows under one UNIQUE key: the lower id stays
IMPORT_ROWS = "time_import_row"  # keyed by the fingerprint of a row of an imported file
DUPLICATE_IMPORT = "duplicate_import"  # one file's row imported on both: the lower entry stays


def encode(value: Any) -> Any:
    """A column value as JSON (bytes tagged, so a blob comes back a blob)."""
    if isinstance(value, bytes):
        return {"$hex": value.hex()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and "$hex" in value:
        return bytes.fromhex(value["$hex"])
    return value


def _same(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (
        isinstance(a, int | float) and isinstance(b, int | float) and a == b
    )


@dataclass
class _Pending:
    """What the conflict handler decided during one apply, done once the apply returns (a
    handler must not write)."""

    updates: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    restores: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    replace_rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    clashes: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    deleted: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    listed: list[tuple[Any, ...]] = field(default_factory=list)
    refused: int = 0
    renumbered: int = 0
    republish: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    # Another device's rows set aside here under a provisional number or name: (table, key,
    # column, the row as published, the row as set aside); and the numbers or names the other
    # device sent for rows (what a provisional one waits to go back to).
    provisional: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = field(
        default_factory=list
    )
    sent_numbers: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Rows brought back here: the stamps that go with the values restored (replacing the
    # row's stamps), and the rows whose stamps the other device's must not raise.
    stamps: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    own_stamps: set[tuple[str, str]] = field(default_factory=set)
    # Rows brought back from this device's record of what it deleted and published: the others
    # hold (or will take) that delete, so the row goes out again as an insert.
    resurrected: list[tuple[str, str]] = field(default_factory=list)
    # The same row of the same file imported on both devices: (this device's import row, the
    # other's), settled once the apply returns.
    duplicate_imports: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)


class EngineCore:
    """What every part of the engine works on: the practice (with the base attached), this
    device's id, the synced tables, and one row read or written by its key."""

    main: apsw.Connection
    device_id: str

    @property
    def synced(self) -> dict[str, Table]:
        raise NotImplementedError

    def _put(self, name: str, row: dict[str, Any]) -> None:
        """Insert `row`, or overwrite the row with its key (never another row: a UNIQUE clash
        raises, where INSERT OR REPLACE would silently delete the other row)."""
        table = self.synced[name]
        cols = [c for c in table.columns if c in row]
        rest = [c for c in cols if c not in table.pk]
        action = (
            "DO UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in rest)
            if rest
            else "DO NOTHING"
        )
        self.main.execute(
            f"INSERT INTO main.[{name}] ({', '.join(f'[{c}]' for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT({', '.join(f'[{c}]' for c in table.pk)}) {action}",
            [row[c] for c in cols],
        )

    @staticmethod
    def _row(
        conn: apsw.Connection, schema: str, table: Table, key: tuple[Any, ...]
    ) -> dict[str, Any] | None:
        where = " AND ".join(f"[{c}] = ?" for c in table.pk)
        cursor = conn.execute(f"SELECT * FROM [{schema}].[{table.name}] WHERE {where}", key)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip(table.columns, row, strict=False))


class _RollbackError(Exception):
    pass


def _dump(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps({k: encode(v) for k, v in value.items()}, ensure_ascii=False)
    return json.dumps(encode(value), ensure_ascii=False)


def _effective(stamps: dict[str, int], column: str) -> int:
    """A field's stamp from a row's stamps: its own, else the row's insert stamp ('+')."""
    if column in stamps or not column:
        return stamps.get(column, 0)
    return stamps.get("+", 0)


def _int(value: Any) -> int:
    return int(value or 0)


def _scalar(conn: apsw.Connection, sql: str, params: Any = ()) -> Any:
    """The first column of the first row, or None."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _old(change: apsw.TableChange) -> tuple[Any, ...]:
    """The change's old values (none for an insert)."""
    return tuple(change.old or ())


def _new(change: apsw.TableChange) -> tuple[Any, ...]:
    """The change's new values (none for a delete)."""
    return tuple(change.new or ())


def _current(table: Table, change: apsw.TableChange) -> dict[str, Any]:
    """The local row a conflict is against (`change.conflict`)."""
    values = change.conflict or ()
    return dict(zip(table.columns, values, strict=False))


def _greater(a: Any, b: Any) -> bool:
    """a > b for a counter, a missing value counting as the least."""
    if a is None:
        return False
    return b is None or a > b


def _merge_clocks(
    conn: apsw.Connection,
    row_clocks: list[list[Any]],
    schema: str = "main",
    skip: set[tuple[str, str]] | None = None,
) -> None:
    """Take in the stamps of another device's rows: each field keeps the later of its stamp
    here and there, a field's stamp being its own or else its row's insert stamp ('+')."""
    remote: dict[tuple[str, str], dict[str, int]] = {}
    for item in row_clocks:
        column = item[2] if len(item) == 4 else ""
        remote.setdefault((item[0], item[1]), {})[column] = _int(item[-1])
    for (name, key), theirs in remote.items():
        if skip and (name, key) in skip:
            continue
        ours = {
            str(c): _int(h)
            for c, h in conn.execute(
                f"SELECT col, hlc FROM [{schema}].sync_row_clock WHERE tbl = ? AND pk = ?",
                (name, key),
            ).fetchall()
        }
        for column in set(theirs) | set(ours):
            merged = max(_effective(ours, column), _effective(theirs, column))
            if ours.get(column) == merged:
                continue
            conn.execute(
                f"INSERT INTO [{schema}].sync_row_clock(tbl, pk, col, hlc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(tbl, pk, col) DO UPDATE SET hlc = excluded.hlc",
                (name, key, column, merged),
            )


def _force(reason: int, change: apsw.TableChange) -> int:
    """For the base, which must end equal to what the practice has: take the change."""
    if reason in (DATA, CONFLICT):
        return REPLACE
    return OMIT


@contextlib.contextmanager
def _transaction(conn: apsw.Connection, mode: str) -> Iterator[None]:
    conn.execute(f"BEGIN {mode}")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def _savepoint(conn: apsw.Connection) -> Iterator[None]:
    conn.execute("SAVEPOINT sync_try")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO sync_try")
        conn.execute("RELEASE sync_try")
        raise
    conn.execute("RELEASE sync_try")

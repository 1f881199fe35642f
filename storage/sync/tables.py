"""Which tables sync, their primary keys, and the row-clock triggers on them.

Every table with a primary key syncs, except the device-local ones: the migrations record
(`_sqlite_migrations`), the full-text index (`decision_fts*`, rebuilt by the app's own
triggers), SQLite's own (`sqlite_*`) and, by rule, every `sync_*` table. The list is read from
the file itself, so a table a later migration adds syncs without a change here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import apsw

from storage.sync.hlc import SQL_NEXT

LOCAL_PREFIXES = ("sqlite_", "sync_", "decision_fts")
LOCAL_TABLES = frozenset({"_sqlite_migrations"})
TRIGGER_PREFIX = "sync_clock_"


@dataclass(frozen=True)
class Table:
    """A synced table: its columns in order, and its primary-key columns in key order."""

    name: str
    columns: tuple[str, ...]
    pk: tuple[str, ...]


def is_local(name: str) -> bool:
    return name in LOCAL_TABLES or name.startswith(LOCAL_PREFIXES)


def synced_tables(conn: apsw.Connection, schema: str = "main") -> dict[str, Table]:
    """The synced tables of `schema`, by name, in name order."""
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM [{schema}].sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    found: dict[str, Table] = {}
    for name in names:
        if is_local(name):
            continue
        info = list(conn.execute(f"PRAGMA [{schema}].table_info([{name}])"))
        pk = tuple(col[1] for col in sorted((c for c in info if c[5]), key=lambda c: c[5]))
        if pk:
            found[name] = Table(name, tuple(col[1] for col in info), pk)
    return found


def pk_json(values: list[Any] | tuple[Any, ...]) -> str:
    """A primary key as SQLite's `json_array` writes it, so the triggers and Python agree."""
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def _trigger_sql(table: Table) -> list[str]:
    """AFTER INSERT stamps the row (column '') and its making ('+', the stamp of every field
    not changed since); AFTER UPDATE stamps the row and each field that changed; AFTER DELETE
    the row. A merge compares the stamps of one field on both sides."""

    def key(row: str) -> str:
        return "json_array(" + ", ".join(f"{row}.[{c}]" for c in table.pk) + ")"

    def stamp(row: str, column: str, when: str = "true") -> str:
        return (
            f"INSERT INTO sync_row_clock(tbl, pk, col, hlc) SELECT '{table.name}', {key(row)}, "
            f"'{column}', {SQL_NEXT} WHERE {when} "
            "ON CONFLICT(tbl, pk, col) DO UPDATE SET hlc = excluded.hlc;"
        )

    quiet = "NOT EXISTS (SELECT 1 FROM sync_applying)"
    fields = " ".join(
        stamp("NEW", c, f"NEW.[{c}] IS NOT OLD.[{c}]") for c in table.columns if c not in table.pk
    )
    bodies = (("INSERT", stamp("NEW", "") + " " + stamp("NEW", "+")),
              ("UPDATE", stamp("NEW", "") + " " + fields),
              ("DELETE", stamp("OLD", "")))  # fmt: skip
    return [
        f"CREATE TRIGGER IF NOT EXISTS [{TRIGGER_PREFIX}{table.name}_{event.lower()}] "
        f"AFTER {event} ON [{table.name}] WHEN {quiet} BEGIN {body} END"
        for event, body in bodies
    ]


def install_row_clocks(conn: apsw.Connection) -> int:
    """Install the row-clock triggers on every synced table (idempotent, in the caller's
    transaction or its own); returns how many tables carry them."""
    tables = synced_tables(conn)
    for table in tables.values():
        for sql in _trigger_sql(table):
            conn.execute(sql)
    return len(tables)


def drop_row_clocks(conn: apsw.Connection, schema: str = "main") -> None:
    """Remove the row-clock triggers (from the base, which has no clock of its own)."""
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM [{schema}].sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (TRIGGER_PREFIX + "%",),
        )
    ]
    for name in names:
        conn.execute(f"DROP TRIGGER [{schema}].[{name}]")


@dataclass(frozen=True)
class Unique:
    """A UNIQUE rule other than the primary key: its columns, in index order."""

    table: str
    columns: tuple[str, ...]


def unique_rules(conn: apsw.Connection, table: str) -> list[Unique]:
    rules = []
    for row in conn.execute(f"PRAGMA index_list([{table}])"):
        _, name, unique, origin = row[0], row[1], row[2], row[3]
        if unique and origin != "pk":
            cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info([{name}])"))
            rules.append(Unique(table, cols))
    return rules


@dataclass(frozen=True)
class ForeignKey:
    """A child column pointing at a parent's key (single-column keys: all the schema has)."""

    child: str
    column: str
    parent: str
    parent_column: str


def foreign_keys(conn: apsw.Connection, tables: dict[str, Table]) -> list[ForeignKey]:
    found = []
    for name, table in tables.items():
        for row in conn.execute(f"PRAGMA foreign_key_list([{name}])"):
            parent, column, parent_column = row[2], row[3], row[4]
            if parent in tables:
                target = parent_column or tables[parent].pk[0]
                found.append(ForeignKey(table.name, column, parent, target))
    return found

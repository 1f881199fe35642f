"""Everything a delete takes with it, kept so an undo can put it all back with the same ids.

The dependent rows are found through the schema's foreign keys, so a table added by a later
migration (with `ON DELETE CASCADE` to an engagement, say) is captured without changes here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database


class RestoreConflictError(Exception):
    """The deleted rows cannot come back because something new took their place."""


@dataclass(frozen=True)
class TableRows:
    """Rows of one table, as stored (column names and values, in column order)."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Link:
    """A reference from a row that survives the delete (set to NULL by it), to put back."""

    table: str
    key: tuple[tuple[str, Any], ...]  # the row's primary key: (column, value) pairs
    column: str
    value: Any


@dataclass(frozen=True)
class Snapshot:
    """A record and its dependants, parents before children, plus the references to them."""

    tables: tuple[TableRows, ...]
    links: tuple[Link, ...] = ()

    def count(self, table: str) -> int:
        return sum(len(t.rows) for t in self.tables if t.table == table)


@dataclass(frozen=True)
class _ForeignKey:
    child: str
    column: str
    parent: str
    parent_column: str
    on_delete: str


def capture_client(db: Database, client_id: int) -> Snapshot:
    return capture(db, "client", client_id)


def capture_engagement(db: Database, engagement_id: int) -> Snapshot:
    return capture(db, "engagement", engagement_id)


def capture(db: Database, table: str, record_id: int) -> Snapshot:
    """Read the row `table.id = record_id` and every row a delete of it would remove or change."""
    with db.atomic():
        keys = _foreign_keys(db)
        found: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        _collect(db, keys, table, "id", [record_id], found)
        links = _outside_links(db, keys, found)
    ordered = _dependency_order(keys, list(found))
    return Snapshot(
        tables=tuple(_table_rows(name, found[name]) for name in ordered if found[name]),
        links=tuple(links),
    )


def restore(db: Database, snapshot: Snapshot) -> None:
    """Insert the captured rows back (same ids) and re-point surviving references, atomically.

    Triggers run as for any insert, so indexes kept by triggers (the decision full-text index)
    find the rows again. Foreign keys are checked at commit, so rows that point at each other
    (a decision superseding another) go back in any order.
    """
    try:
        with db.atomic():
            db.execute("PRAGMA defer_foreign_keys = ON")
            for part in snapshot.tables:
                _insert_rows(db, part)
            for link in snapshot.links:
                where = " AND ".join(f"[{column}] = ?" for column, _ in link.key)
                db.execute(
                    f"UPDATE [{link.table}] SET [{link.column}] = ? WHERE {where}",
                    [link.value, *(value for _, value in link.key)],
                )
            _follow_clients(db, snapshot)
    except sqlite3.IntegrityError as exc:
        raise RestoreConflictError(
            "The deleted records cannot be brought back: something added since uses their "
            f"place ({exc})."
        ) from exc


def _follow_clients(db: Database, snapshot: Snapshot) -> None:
    """An engagement brought back moves its client's status as an added one would."""
    from storage.practice.clients import follow_engagements

    for part in snapshot.tables:
        if part.table == "engagement":
            at = part.columns.index("client_id")
            for client_id in {row[at] for row in part.rows}:
                follow_engagements(db, int(client_id))


def _insert_rows(db: Database, part: TableRows) -> None:
    for row in part.rows:
        rows.insert(db, part.table, dict(zip(part.columns, row, strict=True)))


def _foreign_keys(db: Database) -> list[_ForeignKey]:
    keys = []
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        for row in db.execute(f"PRAGMA foreign_key_list([{name}])").fetchall():
            # (id, seq, table, from, to, on_update, on_delete, match)
            keys.append(_ForeignKey(name, row[3], row[2], row[4] or "id", row[6].upper()))
    return keys


def _collect(
    db: Database,
    keys: list[_ForeignKey],
    table: str,
    column: str,
    values: Iterable[Any],
    found: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
) -> None:
    """Add the rows of `table` whose `column` is in `values`, then what cascades from them."""
    identity = _identity(db, table)
    seen = found.setdefault(table, {})
    new_rows = [
        row
        for row in _select(db, table, column, list(values), identity)
        if _key(row, identity) not in seen
    ]
    for row in new_rows:
        seen[_key(row, identity)] = row
    if not new_rows:
        return
    for key in keys:
        if key.parent == table and key.on_delete == "CASCADE":
            parent_values = {row[key.parent_column] for row in new_rows}
            _collect(db, keys, key.child, key.column, parent_values, found)


def _identity(db: Database, table: str) -> tuple[str, ...]:
    """The primary key columns (the rowid when the table declares none)."""
    info = db.execute(f"PRAGMA table_info([{table}])").fetchall()
    keyed = sorted((row[5], row[1]) for row in info if row[5])
    return tuple(name for _, name in keyed) or ("rowid",)


def _key(row: dict[str, Any], identity: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row[c] for c in identity)


def _select(
    db: Database, table: str, column: str, values: list[Any], identity: tuple[str, ...]
) -> list[dict[str, Any]]:
    if not values:
        return []
    extra = "rowid AS [rowid], " if identity == ("rowid",) else ""
    cursor = db.execute(
        f"SELECT {extra}* FROM [{table}] WHERE [{column}] IN (SELECT value FROM json_each(?))",
        [json.dumps(values)],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _outside_links(
    db: Database, keys: list[_ForeignKey], found: dict[str, dict[tuple[Any, ...], dict[str, Any]]]
) -> list[Link]:
    """References the delete will set to NULL in rows it does not remove."""
    links = []
    for key in keys:
        if key.on_delete != "SET NULL" or key.parent not in found:
            continue
        targets = [row[key.parent_column] for row in found[key.parent].values()]
        kept = found.get(key.child, {})
        identity = _identity(db, key.child)
        for row in _select(db, key.child, key.column, targets, identity):
            if _key(row, identity) not in kept:
                pairs = tuple((c, row[c]) for c in identity)
                links.append(Link(key.child, pairs, key.column, row[key.column]))
    return links


def _dependency_order(keys: list[_ForeignKey], tables: list[str]) -> list[str]:
    """Parents before children (self-references and cycles are left to deferred checks)."""
    ordered: list[str] = []
    remaining = list(tables)
    while remaining:
        for name in remaining:
            parents = {k.parent for k in keys if k.child == name and k.parent != name}
            if not parents & (set(remaining) - {name}):
                ordered.append(name)
                remaining.remove(name)
                break
        else:  # a cycle between tables: keep the discovery order for the rest
            ordered.extend(remaining)
            break
    return ordered


def _table_rows(table: str, rows: dict[tuple[Any, ...], dict[str, Any]]) -> TableRows:
    first = next(iter(rows.values()))
    columns = tuple(c for c in first if c != "rowid")
    ordered = [rows[key] for key in sorted(rows, key=_sortable)]
    return TableRows(table, columns, tuple(tuple(r[c] for c in columns) for r in ordered))


def _sortable(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    return tuple((0, v) if isinstance(v, int | float) else (1, str(v)) for v in key)

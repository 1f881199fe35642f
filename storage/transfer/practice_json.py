"""The whole practice as one JSON file: the user's exit from the app, and the way back in.

The file (documented in the README, "The practice as JSON") is an object:
`{"format": "fractional-desk-practice", "version": 1, "schema": [<schema steps>],
"exported_at": <UTC time>, "tables": {<table>: [<row as an object>, ...]}}`. Every table the
app owns is there with every column, rows in id order; settings holding secrets never are
(the encryption key lives in the keyring, never in the database). Full-text indexes are
rebuilt from the rows, so they are not written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.file import domain_rules, rows, seals
from storage.file.db import schema_version
from storage.file.migrations import migrations
from storage.rules.clock import now_iso
from storage.rules.durations import MAX_MINUTES
from storage.rules.errors import ValidationError
from storage.sqlite import sqlite3
from storage.transfer.bounded_json import parse
from storage.transfer.regular_file import read_regular

if TYPE_CHECKING:
    from sqlite_utils import Database

FORMAT = "fractional-desk-practice"
VERSION = 1
# Written after every other table: a sent invoice takes no new line (a trigger), so its lines go
# in before it (foreign keys are checked at the end). A sent invoice from a file written before
# sent invoices recorded their content's hash gets it as it goes in, and every sent invoice must
# then match its hash: a sent invoice edited in the file is refused, as it is in the app.
LAST = ("invoice", "credit_note")
SECRET_WORDS = ("password", "secret", "token", "passphrase", "api_key")
MAX_FILE_BYTES = 512 * 1024 * 1024


def is_secret(key: str) -> bool:
    return any(word in key.casefold() for word in SECRET_WORDS)


def app_tables(db: Database) -> list[str]:
    """The tables holding records: not SQLite's, not the migrations', not full-text indexes."""
    fts = [*db.table_names(fts5=True), *db.table_names(fts4=True)]
    return [
        t
        for t in db.table_names()
        if not t.startswith(("sqlite_", "_sqlite", "sync_"))
        and not any(t == name or t.startswith(f"{name}_") for name in fts)
    ]


def _order(db: Database, table: str) -> str:
    keys = [c[1] for c in db.execute(f"PRAGMA table_info([{table}])") if c[5]]
    return ", ".join(f"[{k}]" for k in keys) or "rowid"


def dump(db: Database) -> dict[str, Any]:
    """Every record of the practice, as the JSON file holds it."""
    tables = {}
    for table in app_tables(db):
        cursor = db.execute(f"SELECT * FROM [{table}] ORDER BY {_order(db, table)}")
        names = [c[0] for c in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor]
        if table == "setting":
            found = [row for row in found if not is_secret(str(row["key"]))]
        tables[table] = found
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema_version(db),
        "exported_at": now_iso(),
        "tables": tables,
    }


def load(path: Path) -> dict[str, Any]:
    """The checked practice in the file at `path`; ValidationError, before anything is written,
    when it is not a regular file, not a practice, or holds a value no record can keep."""
    return check(parse(read_regular(path, MAX_FILE_BYTES), "file", path.name))


def check(value: object) -> dict[str, Any]:
    """The file's shape and version; ValidationError when it is not ours or is newer."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise ValidationError("file", "is not a Fractional Desk practice (format is missing)")
    if value.get("version") != VERSION:
        raise ValidationError("file", f"is version {value.get('version')!r}; this app reads 1")
    known = [m.name for m in migrations._migrations]
    unknown = [s for s in value.get("schema", []) if s not in known]
    if unknown:
        raise ValidationError(
            "file", "was written by a newer Fractional Desk: update the app first"
        )
    if not isinstance(value.get("tables"), dict):
        raise ValidationError("file", "has no tables")
    return value


def restore_practice(db: Database, value: dict[str, Any]) -> dict[str, int]:
    """Write every row into an empty practice, ids kept; the rows written per table."""
    if any(db.execute(f"SELECT 1 FROM [{t}] LIMIT 1").fetchone() for t in _holding(db)):
        raise ValidationError("data", "the practice is not empty: import into a new data folder")
    tables = check(value)["tables"]
    known = app_tables(db)
    counts = {}
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")  # rows may point at later rows
        for table, found in sorted(tables.items(), key=lambda item: item[0] in LAST):
            if table not in known or not isinstance(found, list):
                raise ValidationError("file", f"has a table {table!r} this app does not know")
            counts[table] = _insert_rows(db, table, found)
        if db.execute("PRAGMA foreign_key_check").fetchone():
            raise ValidationError("file", "has rows that point at records it does not hold")
        _check_rules(db, list(tables))
    return counts


def _check_rules(db: Database, tables: list[str]) -> None:
    """The domain's rules the schema cannot hold, on the rows as written (rolled back if broken)."""
    for table in tables:
        for rule in domain_rules.rules_for(table):
            bad = db.execute(f"SELECT rowid FROM [{table}] WHERE {rule.broken} LIMIT 1").fetchone()
            if bad:
                raise ValidationError("file", f"{table} {bad[0]}: {rule.column} {rule.problem}")
    for finding in seals.hash_findings(db):
        raise ValidationError("file", f"{finding.table} {finding.id}: {finding.problem}")
    over = db.execute(
        "SELECT day FROM time_entry GROUP BY day HAVING sum(minutes) > ? LIMIT 1", [MAX_MINUTES]
    ).fetchone()
    if over:
        raise ValidationError("file", f"logs more than 24 hours on {over[0]}")


def _holding(db: Database) -> list[str]:
    return [t for t in app_tables(db) if t != "setting"]


def _deliverable_lines(db: Database, engagement_id: object, text: object) -> None:
    """A file written before deliverables were records holds them as lines of text."""
    from storage.file.schema.terms import deliverable_titles

    for position, title in enumerate(deliverable_titles(str(text or ""))):
        rows.insert(
            db,
            "deliverable",
            {"engagement_id": engagement_id, "position": position, "title": title},
        )


# Columns of older files that a later schema step moved elsewhere: (table, column) -> a function
# of (db, the row's id, the value) that writes the value where it lives now.
RETIRED: dict[tuple[str, str], Callable[[Database, object, object], None]] = {
    ("engagement", "deliverables"): _deliverable_lines,
}


def _insert_rows(db: Database, table: str, found: list[Any]) -> int:
    columns = {c[1] for c in db.execute(f"PRAGMA table_info([{table}])")}
    if table == "setting":
        db.execute("DELETE FROM setting")
    for number, row in enumerate(found, start=1):
        if not isinstance(row, dict):
            raise ValidationError("file", f"{table} row {number} is not an object")
        moved = {k: RETIRED[(table, k)] for k in row if k not in columns and (table, k) in RETIRED}
        kept = {k: value for k, value in row.items() if k not in moved}
        if not set(kept) <= columns:
            raise ValidationError(
                "file", f"{table} row {number} has columns this app does not know"
            )
        if any(isinstance(value, dict | list) for value in kept.values()):
            raise ValidationError(
                "file", f"{table} row {number} has a value that is not text, a number or null"
            )
        kept = seals.with_seal(db, table, kept)
        try:
            rows.insert(db, table, kept)
            for key, move in moved.items():
                move(db, kept.get("id"), row[key])
        except (sqlite3.IntegrityError, sqlite3.InterfaceError) as exc:
            raise ValidationError("file", f"{table} row {number} breaks a rule ({exc})") from None
    return len(found)

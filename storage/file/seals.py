"""Final records and their seals: the hash recorded when a record leaves draft, the triggers that
keep it final, and what `fractional-desk check` says when either no longer holds.

The triggers refuse every change to a sent invoice, whoever writes; but a tool that drops a
trigger first can still change it. So a record leaving draft records the SHA-256 of its content
(`schema.sealed.content_text`), and `check` recomputes it and compares each trigger with the one
the schema made. Another kind of final record joins by one entry in `SEALED` (after its schema
step creates its hash column and calls `schema.sealed.triggers` for it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from storage.file.schema.sealed import (
    HASH_COLUMN,
    Sealed,
    content_sha256,
    stored_lines,
    stored_sha256,
    triggers,
)
from storage.file.schema.unit_prices import CREDIT_NOTE, INVOICE
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database

SEALED: tuple[Sealed, ...] = (INVOICE, CREDIT_NOTE)
MISSING = "is missing, so another tool can change {kinds} once sent ({fix})"
ALTERED = "is not the one Fractional Desk made, so it may let {kinds} once sent change ({fix})"
FIX = "`check --repair` puts it back"
NO_HASH = "left draft without the hash of its content recorded, so a change cannot be told"
TABLE_GONE = "the table is missing (another tool dropped it): restore a backup"
DIFFERS = "{number} differs from the content recorded when it was {status}"


class Finding(NamedTuple):
    """One problem, as `health_check.Problem` lists it."""

    table: str
    id: int | str | None
    column: str
    problem: str


def seal(db: Database, sealed: Sealed, record_id: int) -> str:
    """The hash of a record's content as stored now (with its lines): what leaving draft records,
    read in the caller's transaction."""
    row = db.execute(f"SELECT * FROM [{sealed.table}] WHERE id = ?", [record_id])
    names = [c[0] for c in row.description]
    return stored_sha256(db, sealed, dict(zip(names, row.fetchone(), strict=True)))


def with_seal(db: Database, table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row about to be written whole (a practice read back from JSON) with the hash of its
    content when it is past draft and has none yet, its lines being written already."""
    sealed = next((s for s in SEALED if s.table == table), None)
    if sealed is None or row.get("status", sealed.draft) == sealed.draft or row.get(HASH_COLUMN):
        return row
    lines = stored_lines(db, sealed, row.get("id"))
    return {**row, HASH_COLUMN: content_sha256(sealed, row, lines)}


def expected_triggers() -> dict[str, tuple[str, str]]:
    """Each trigger that keeps a record final: name -> (its table, its statement)."""
    return {
        name: (s.lines if name.startswith(f"{s.lines}_") else s.table, sql)
        for s in SEALED
        for name, sql in triggers(s)
    }


def _words(sql: str) -> str:
    return " ".join(sql.split())


def trigger_findings(db: Database) -> Iterator[Finding]:
    """Each trigger that is missing or whose statement is not the schema's."""
    stored = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for name, (table, sql) in expected_triggers().items():
        kinds = table.replace("_", " ") + "s"
        if name not in stored:
            yield Finding(table, name, "", MISSING.format(kinds=kinds, fix=FIX))
        elif _words(str(stored[name])) != _words(sql):
            yield Finding(table, name, "", ALTERED.format(kinds=kinds, fix=FIX))


def restore_triggers(db: Database) -> list[Finding]:
    """Put back each missing or altered trigger (inside the caller's transaction); what was put
    back."""
    found = list(trigger_findings(db))
    statements = expected_triggers()
    for finding in found:
        name = str(finding.id)
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
        db.execute(statements[name][1])
    return found


def hash_findings(db: Database) -> Iterator[Finding]:
    """Each record past draft whose content differs from its recorded hash, or that has none."""
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for sealed in SEALED:
        gone = [t for t in (sealed.table, sealed.lines) if t not in tables]
        if gone:
            yield from (Finding(t, None, "", TABLE_GONE) for t in gone)
            continue
        sql = f"SELECT * FROM [{sealed.table}] WHERE status IS NOT ? ORDER BY id"
        for row in db.query(sql, [sealed.draft]):
            yield from _compare(db, sealed, row)


def _compare(db: Database, sealed: Sealed, row: dict[str, Any]) -> Iterator[Finding]:
    recorded = row.get(HASH_COLUMN)
    if not recorded:
        yield Finding(sealed.table, row["id"], HASH_COLUMN, f"{row.get('number')} {NO_HASH}")
        return
    try:
        actual = stored_sha256(db, sealed, row)
    except (TypeError, ValueError):  # a value no JSON holds: it cannot be what was sealed
        actual = ""
    if actual != recorded:
        status = "sent" if row.get("sent_on") else "voided"
        if row.get("status") == "issued":
            status = "issued"
        problem = DIFFERS.format(number=row.get("number"), status=status)
        yield Finding(sealed.table, row["id"], HASH_COLUMN, problem)


def findings(db: Database) -> Iterator[Finding]:
    """Every trigger that is not there as made, then every record that is not as sealed."""
    yield from trigger_findings(db)
    yield from hash_findings(db)


def refusal_of(error: sqlite3.IntegrityError) -> tuple[str, str] | None:
    """(the table, the plain words) when the error is a final record's trigger refusing."""
    text = str(error)
    for s in SEALED:
        if text in (s.refusal, s.move_refusal, s.unsealed_refusal):
            return s.table, text
    return None

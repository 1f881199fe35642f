"""`fractional-desk check`: what in a data file is damaged or breaks a rule of the domain.

Integrity, foreign keys, every row that breaks a rule in `domain_rules`, days logged beyond 24
hours, a trigger keeping sent invoices final that is missing or altered, a sent invoice that
differs from what was recorded when it was sent (`seals`), and text that is not valid UTF-8, as
a list of {"table", "id", "column", "problem"}. In a synced practice, also ids outside every
known device's range, and (given the folder's devices) two devices sharing an id range or an
invoice series code. Merged time is never repaired by deleting: a day over 24 hours is listed. `repair` fixes only what can be fixed without
guessing (it re-encodes undecodable text, with U+FFFD in place of the bad bytes, and puts back
the triggers), after a backup; it clamps nothing and lists the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.file import backups, device, domain_rules, ids, seals
from storage.file.failure_words import translate
from storage.file.supersede_circles import LINKS, circles
from storage.rules import text_policy
from storage.rules.durations import MAX_MINUTES, format_minutes
from storage.rules.errors import DataFileError, NotADatabaseError
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database

UNDECODABLE = "is not valid UTF-8 text (read with replacement characters)"
SKIPPED_TABLES = ("sqlite_", "decision_fts")  # SQLite's own and the search index's tables


@dataclass(frozen=True)
class Problem:
    table: str
    id: int | str | None
    column: str
    problem: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Repair:
    backup: Path
    fixed: list[Problem]
    left: list[Problem]


def check(db: Database, devices: Sequence[device.Device] = ()) -> list[Problem]:
    """Every problem found, the file's own damage first. A page SQLite cannot read (or, in an
    encrypted file, cannot decrypt) stops the check itself: DataFileError, naming the fix.
    `devices`: the synced practice's devices as the sync folder lists them, when known."""
    try:
        rules = [*_rules(db), *_day_totals(db), *_circles(db), *_device_ids(db, devices)]
        rules += list(_shared_devices(devices))
        named = {p.table for p in rules}
        damage = [p for p in _integrity(db) if _check_table(p.problem) not in named]
        sealed = [Problem(*finding) for finding in seals.findings(db)]
        return [*damage, *_foreign_keys(db), *rules, *sealed, *(p for p, _ in _undecodable(db))]
    except sqlite3.DatabaseError as exc:
        raise _unreadable(db, exc) from exc


def _unreadable(db: Database, exc: sqlite3.DatabaseError) -> DataFileError:
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    return translate(path, exc) or NotADatabaseError(
        path,
        f"is damaged: part of it cannot be read ({exc}). Restore a good backup: "
        "fractional-desk backup --list, then fractional-desk restore NAME",
    )


def _check_table(message: str) -> str:
    """The table of "CHECK constraint failed in time_entry": said row by row by the rules."""
    prefix = "is damaged: CHECK constraint failed in "
    return message.removeprefix(prefix) if message.startswith(prefix) else ""


def _integrity(db: Database) -> Iterator[Problem]:
    for (message,) in db.execute("PRAGMA integrity_check").fetchall():
        if message != "ok":
            yield Problem("database", None, "", f"is damaged: {message}")


def _foreign_keys(db: Database) -> Iterator[Problem]:
    for table, rowid, parent, fk_id in db.execute("PRAGMA foreign_key_check").fetchall():
        keys = db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()
        column = next((k[3] for k in keys if k[0] == fk_id), "")
        yield Problem(table, rowid, column, f"refers to a missing row of {parent}")


def _rules(db: Database) -> Iterator[Problem]:
    for rule in domain_rules.RULES:
        key = _key(db, rule.table)
        sql = f"SELECT {key} FROM [{rule.table}] WHERE {rule.broken} ORDER BY {key}"
        for (record_id,) in db.execute(sql).fetchall():
            yield Problem(rule.table, record_id, rule.column, rule.problem)


def _day_totals(db: Database) -> Iterator[Problem]:
    sql = (
        f"SELECT day, sum(minutes), min(id) FROM time_entry WHERE {domain_rules.sound('time_entry')}"
        f" GROUP BY day HAVING sum(minutes) > {MAX_MINUTES} ORDER BY day"
    )
    for day, minutes, first_id in db.execute(sql).fetchall():
        problem = (
            f"{day} totals {format_minutes(minutes)} across all engagements: a day has 24 hours"
        )
        yield Problem("time_entry", first_id, "minutes", problem)


def _device_ids(db: Database, devices: Sequence[device.Device]) -> Iterator[Problem]:
    """Rows whose id no known device gives (one problem per table and range): with the folder's
    devices, any range but theirs and this device's; without, beyond every possible range. A
    practice that does not sync is not asked."""
    this = device.this_device(db)
    if this is None and not devices:
        return
    known = {d.number for d in devices} | ({this.number} if this else set())
    for table in _tables(db):
        if table.startswith(("sync_", "_sqlite")) or not ids.has_integer_id(db, table):
            continue
        found = db.execute(f"SELECT min(id) FROM [{table}]").fetchone()[0]
        while found is not None:
            number = int(found) >> ids.RANGE_BITS
            low, high = ids.device_range(number)
            if (number not in known) if devices else not 0 <= number <= ids.MAX_DEVICE_NUMBER:
                count = db.execute(
                    f"SELECT count(*) FROM [{table}] WHERE id >= ? AND id < ?",
                    [max(low, -(2**63)), min(high, 2**63 - 1)],
                ).fetchone()[0]
                problem = (
                    f"is outside every known device's range of ids ({count} rows in its range)"
                )
                yield Problem(table, int(found), "id", problem)
            if high > 2**63 - 1:
                break
            found = db.execute(f"SELECT min(id) FROM [{table}] WHERE id >= ?", [high]).fetchone()[0]


def _shared_devices(devices: Sequence[device.Device]) -> Iterator[Problem]:
    """Two devices with one id range would make the same ids; with one series code, the same
    invoice numbers."""
    for index, one in enumerate(devices):
        for other in devices[:index]:
            name = other.name or other.device_id
            if one.number == other.number:
                problem = f"shares the range of ids {one.number} with device {name}"
                yield Problem("sync_device", one.device_id, "number", problem)
            if one.series_code == other.series_code:
                code = f"code {one.series_code}" if one.series_code else "first series (no code)"
                problem = f"shares the invoice {code} with device {name}: numbers would repeat"
                yield Problem("sync_device", one.device_id, "series_code", problem)


def _circles(db: Database) -> Iterator[Problem]:
    """Decisions that supersede each other in a circle, once per circle (a circle read the same
    both ways is named once)."""
    named: set[frozenset[int]] = set()
    for column in LINKS:
        for ring in circles(db, column):
            members = frozenset(i for i, _ in ring)
            if members in named:
                continue
            named.add(members)
            labels = [f"D-{number:03d} (id {i})" for i, number in ring]
            problem = f"is in a circle of supersede links: {' -> '.join([*labels, labels[0]])}"
            yield Problem("decision", ring[0][0], column, problem)


def _undecodable(db: Database) -> Iterator[tuple[Problem, str]]:
    """Each text value that is not valid UTF-8, with the text it reads as (one query a table;
    ASCII, nearly every value, is valid without decoding)."""
    with _raw_text(db):
        for table in _tables(db):
            columns = _columns(db, table)
            listed = ", ".join(f"[{c}]" for c in columns)
            for record_id, *values in db.execute(
                f"SELECT {_key(db, table)}, {listed} FROM [{table}]"
            ):
                for column, raw in zip(columns, values, strict=True):
                    if isinstance(raw, bytes) and not raw.isascii() and not _decodes(raw):
                        problem = Problem(table, _text(record_id), column, UNDECODABLE)
                        yield problem, _text(raw)


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@contextmanager
def _raw_text(db: Database) -> Iterator[None]:
    """Read text as bytes while checking, so undecodable text can be told apart."""
    db.conn.text_factory = bytes
    try:
        yield
    finally:
        db.conn.text_factory = text_policy.read_text


def _text(value: object) -> Any:
    return text_policy.read_text(value) if isinstance(value, bytes) else value


def _tables(db: Database) -> list[str]:
    names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [_text(n) for (n,) in names.fetchall() if not _text(n).startswith(SKIPPED_TABLES)]


def _columns(db: Database, table: str) -> list[str]:
    return [_text(c[1]) for c in db.execute(f"PRAGMA table_info([{table}])").fetchall()]


def _key(db: Database, table: str) -> str:
    """How a row is named in a problem: its id, the setting's key, else its primary key."""
    info = db.execute(f"PRAGMA table_info([{table}])").fetchall()
    columns = {_text(c[1]) for c in info}
    if "id" in columns:
        return "id"
    if "key" in columns:
        return "[key]"
    primary = [f"[{_text(c[1])}]" for c in sorted(info, key=lambda c: c[5]) if c[5]]
    return " || ':' || ".join(primary) or "rowid"


def repair(db: Database, data_dir: Path) -> Repair:
    """Back up, re-encode undecodable text, and say what is left for a person to fix."""
    backup = backups.create_backup(db, data_dir, reason="manual")
    found = list(_undecodable(db))
    with db.atomic():
        put_back = [Problem(*finding) for finding in seals.restore_triggers(db)]
        for problem, text in found:
            key = _key(db, problem.table)
            db.execute(
                f"UPDATE [{problem.table}] SET [{problem.column}] = ? WHERE {key} = ?",
                [text_policy.scrub(text), problem.id],
            )
    return Repair(backup, [*put_back, *(p for p, _ in found)], check(db))


def is_sound(db: Database) -> bool:
    try:
        return not check(db)
    except sqlite3.DatabaseError:
        return False

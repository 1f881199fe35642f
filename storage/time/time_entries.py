"""Time entries: minutes on one engagement, bucket and day, with a note.

The rules live here so the grid, the side panel, the timer and `fractional-desk log` share them:
an entry is 1 to 1,440 minutes; one day's entries across all engagements total at most 24 hours;
nothing is logged before an engagement's start date or after it ended.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import domain_rules, rows
from storage.practice import engagements
from storage.rules import validation as v
from storage.rules.clock import now_iso
from storage.rules.durations import MAX_MINUTES, format_minutes
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.record import Record
from storage.rules.vocabulary import BUCKETS

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class TimeEntry(Record):
    """Minutes logged on one engagement, one day and one bucket, with the note."""

    engagement_id: int
    day: dt.date
    bucket: str
    minutes: int
    note: str = ""
    id: int | None = None
    created_at: str = ""
    out_of_scope: bool = False  # marked by the consultant: evidence of scope creep
    ask: bool = False  # something the consultant needs from the client: the update's asks


@dataclass(frozen=True)
class Cell:
    """What one timesheet cell shows: the sum of its entries, and how many there are."""

    minutes: int = 0
    entries: int = 0


CellKey = tuple[int, str, dt.date]  # engagement id, bucket, day
SOUND = domain_rules.sound("time_entry")  # sums add up only the rows that keep every rule
WEEK_CELLS_SQL = (
    "SELECT engagement_id, bucket, day, sum(minutes), count(*) FROM time_entry "
    f"WHERE day BETWEEN ? AND ? AND {SOUND} GROUP BY engagement_id, bucket, day"
)


def validate(entry: TimeEntry) -> dict[str, Any]:
    """The row to store, checked without the database; `check_fits` does the rest."""
    return {
        "engagement_id": v.int_between("engagement_id", entry.engagement_id, 1, 2**62),
        "day": v.iso_date("day", entry.day),
        "bucket": v.one_of("bucket", entry.bucket, BUCKETS),
        "minutes": v.int_between("minutes", entry.minutes, 1, MAX_MINUTES),
        "note": v.note_text("note", entry.note, max_len=10_000),
        "out_of_scope": 1 if entry.out_of_scope else 0,
        "ask": int(v.flag("ask", entry.ask)),
    }


def check_fits(db: Database, row: dict[str, Any], *, replacing: Iterable[int] = ()) -> None:
    """Refuse a row the engagement's dates or the day's 24 hours cannot take."""
    check_engagement_open(db, row["engagement_id"], dt.date.fromisoformat(row["day"]))
    check_day_total(db, row["day"], row["minutes"], replacing=replacing)


def check_engagement_open(db: Database, engagement_id: int, day: dt.date) -> None:
    """Refuse a day `engagements.is_open_on` does not allow, saying which end it is beyond."""
    try:
        engagement = engagements.get(db, engagement_id)
    except NotFoundError:
        raise ValidationError("engagement_id", "choose an engagement that exists") from None
    if engagements.is_open_on(engagement, day):
        return
    if day < engagement.start_date:
        raise ValidationError(
            "day", f"is before the engagement started ({_long(engagement.start_date)})"
        )
    raise ValidationError("engagement_id", "the engagement has ended: no more time on it")


def check_day_total(db: Database, day: str, minutes: int, *, replacing: Iterable[int] = ()) -> None:
    """All engagements together: at most 24 hours in one day."""
    skip = sorted(set(replacing))
    sql = (
        f"SELECT sum(minutes) FROM time_entry WHERE day = ? AND id NOT IN ({_marks(skip)}) "
        f"AND {SOUND}"
    )
    logged = rows.count(db, sql, [day, *skip])
    if logged + minutes > MAX_MINUTES:
        left = format_minutes(MAX_MINUTES - logged) or "nothing"
        raise ValidationError(
            "minutes",
            f"a day has 24 hours: {format_minutes(logged)} is already logged on "
            f"{_long(dt.date.fromisoformat(day))} "
            f"across all engagements, so {left} is left",
        )


def _long(day: dt.date) -> str:
    """`Mon 30 Mar 2026` (no platform-specific strftime flags)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _from_row(row: dict[str, Any]) -> TimeEntry:
    day = dt.date.fromisoformat(row["day"])
    marks = {"out_of_scope": bool(row.get("out_of_scope")), "ask": bool(row.get("ask", 0))}
    return TimeEntry(**{**row, "day": day, **marks})


def add(db: Database, entry: TimeEntry) -> TimeEntry:
    row = validate(entry)
    row["created_at"] = entry.created_at or now_iso()
    with db.atomic():  # checked under the write lock: two writers cannot both fill one day
        check_fits(db, row)
        new_id = rows.insert(db, "time_entry", row)
    return get(db, new_id)


def update(db: Database, entry: TimeEntry) -> TimeEntry:
    if entry.id is None:
        raise ValueError("update needs a stored time entry")
    row = validate(entry)
    with db.atomic():
        get(db, entry.id)
        check_fits(db, row, replacing=[entry.id])
        rows.update(db, "time_entry", entry.id, row)
    return get(db, entry.id)


def get(db: Database, entry_id: int) -> TimeEntry:
    found = list(db.query("SELECT * FROM time_entry WHERE id = ?", [entry_id]))
    if not found:
        raise NotFoundError("time entry", entry_id)
    return _from_row(found[0])


def delete(db: Database, entry_id: int) -> None:
    get(db, entry_id)
    with db.atomic():
        db.execute("DELETE FROM time_entry WHERE id = ?", [entry_id])


def with_changes(entry: TimeEntry, **changes: Any) -> TimeEntry:
    return dataclasses.replace(entry, **changes)


def list_cell(db: Database, engagement_id: int, bucket: str, day: dt.date) -> list[TimeEntry]:
    """One cell's entries, oldest first (the side panel)."""
    found = db.query(
        "SELECT * FROM time_entry WHERE engagement_id = ? AND day = ? AND bucket = ? ORDER BY id",
        [engagement_id, day.isoformat(), bucket],
    )
    return [_from_row(r) for r in found]


def between(
    db: Database, start: dt.date, end: dt.date, *, engagement_id: int | None = None
) -> list[TimeEntry]:
    """Every entry from `start` to `end` (inclusive), by day then as entered, with its id (the
    command line's `log list`, which `log edit` and `log delete` take ids from)."""
    where = "day BETWEEN ? AND ?" + (" AND engagement_id = ?" if engagement_id else "")
    values: list[object] = [start.isoformat(), end.isoformat()]
    if engagement_id:
        values.append(engagement_id)
    found = db.query(f"SELECT * FROM time_entry WHERE {where} ORDER BY day, id", values)
    return [_from_row(r) for r in found]


def set_cell(db: Database, engagement_id: int, bucket: str, day: dt.date, minutes: int) -> None:
    """Replace a cell's entries with one of `minutes` (0 clears it), keeping the first note."""
    set_cells(db, [((engagement_id, bucket, day), minutes)])


def set_cells(db: Database, changes: Sequence[tuple[CellKey, int]]) -> None:
    """`set_cell` for several cells (a paste), all or nothing: one refused cell writes none."""
    cells: dict[CellKey, list[TimeEntry]] = {}
    for (engagement_id, bucket, day), minutes in changes:
        existing = list_cell(db, engagement_id, bucket, day)
        note = next((e.note for e in existing if e.note), "")
        marked = any(e.out_of_scope for e in existing)  # a retyped cell keeps its mark
        ask = any(e.ask for e in existing if e.note == note)  # and the ask of the note it keeps
        entry = TimeEntry(
            engagement_id, day, bucket, minutes, note, out_of_scope=marked, ask=ask
        )  # fmt: skip
        cells[(engagement_id, bucket, day)] = [entry] if minutes else []
    replace_cells(db, cells)


def replace_cell(
    db: Database, engagement_id: int, bucket: str, day: dt.date, entries: Sequence[TimeEntry]
) -> None:
    """Make a cell hold exactly `entries` (undo restores a cell this way), all or nothing."""
    replace_cells(db, {(engagement_id, bucket, day): entries})


def replace_cells(db: Database, cells: Mapping[CellKey, Sequence[TimeEntry]]) -> None:
    """Make each cell hold exactly its entries, in one transaction after checking them all.

    The 24-hour rule is checked per day on the day as it will be, so a paste or an undo that
    moves time between cells of one day is judged on its result, never half-written.
    """
    new_rows = {key: [validate(e) for e in entries] for key, entries in cells.items()}
    with db.atomic():  # read, check and write under the write lock, so the checks still hold
        existing = {key: [e.id for e in list_cell(db, *key) if e.id is not None] for key in cells}
        _check_cells(db, cells, new_rows, existing)
        gone = [entry_id for ids in existing.values() for entry_id in ids]
        db.execute(f"DELETE FROM time_entry WHERE id IN ({_marks(gone)})", gone)
        for key, entries in cells.items():
            for entry, row in zip(entries, new_rows[key], strict=True):
                rows.insert(db, "time_entry", {**row, "created_at": entry.created_at or now_iso()})


def _check_cells(
    db: Database,
    cells: Mapping[CellKey, Sequence[TimeEntry]],
    new_rows: Mapping[CellKey, list[dict[str, Any]]],
    existing: Mapping[CellKey, list[int]],
) -> None:
    for (engagement_id, bucket, day), found in new_rows.items():
        if any((r["engagement_id"], r["bucket"], r["day"]) != (engagement_id, bucket, day.isoformat())
               for r in found):  # fmt: skip
            raise ValueError("replace_cells takes each cell's own entries")
        if found:
            check_engagement_open(db, engagement_id, day)
    for day in sorted({key[2] for key, found in new_rows.items() if found}):
        same_day = [key for key in cells if key[2] == day]
        minutes = sum(r["minutes"] for key in same_day for r in new_rows[key])
        replacing = [entry_id for key in same_day for entry_id in existing[key]]
        check_day_total(db, day.isoformat(), minutes, replacing=replacing)


def week_cells(db: Database, start: dt.date, end: dt.date) -> dict[CellKey, Cell]:
    """Every non-empty cell between two days: one aggregate over the covering day index."""
    span = [start.isoformat(), end.isoformat()]
    domain_rules.warn_left_out(db, "time_entry", "day BETWEEN ? AND ?", span)
    found = db.execute(WEEK_CELLS_SQL, span)
    return {
        (eid, bucket, dt.date.fromisoformat(day)): Cell(minutes, count)
        for eid, bucket, day, minutes, count in found
    }


def bucket_minutes(
    db: Database, start: dt.date, end: dt.date, engagement_ids: Sequence[int] | None = None
) -> dict[int, dict[str, int]]:
    """Minutes per engagement and bucket between two days (commitment and split)."""
    where = "day BETWEEN ? AND ?"
    params: list[object] = [start.isoformat(), end.isoformat()]
    if engagement_ids is not None:
        where += f" AND engagement_id IN ({_marks(engagement_ids)})"
        params += list(engagement_ids)
    domain_rules.warn_left_out(db, "time_entry", where, params)
    sql = f"SELECT engagement_id, bucket, sum(minutes) FROM time_entry WHERE {where} AND {SOUND}"
    totals: dict[int, dict[str, int]] = {}
    for eid, bucket, minutes in db.execute(sql + " GROUP BY engagement_id, bucket", params):
        totals.setdefault(eid, dict.fromkeys(BUCKETS, 0))[bucket] = minutes
    return totals


def day_minutes(db: Database, day: dt.date) -> int:
    """Everything logged on one day, across engagements."""
    sql = f"SELECT sum(minutes) FROM time_entry WHERE day = ? AND {SOUND}"
    return rows.count(db, sql, [day.isoformat()])


def last_logged(db: Database) -> tuple[int, str] | None:
    """The engagement and bucket of the newest entry: where the next timer most likely goes."""
    row = db.execute(
        "SELECT engagement_id, bucket FROM time_entry ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None

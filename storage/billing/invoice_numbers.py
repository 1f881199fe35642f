"""Invoice numbers: a sequence that is never reused, formatted by Preferences.

The counter lives in the `setting` table under `invoice_sequence`, one entry per year when the
format has `{year}` (`{"2026": {"next": 43, "last": 42}}`) and one entry `"all"` when it has not.
`take` runs inside the caller's transaction (the one that inserts the invoice), so two writers
cannot take the same number; a number taken is never given again, even when its draft is
deleted (the counter only moves on), and the UNIQUE number column backs this up.

In a synced practice each device numbers its own series, so two devices working offline never
give the same number and each series stays gap-free (UK and EU rules allow several series when
each is sequential). The device that set sync up keeps its numbers and its counter exactly as
before. Another device's numbers carry its series code: where the format has `{device}`, or
appended as "-B" when it has not; its counter is its own setting (`invoice_sequence@B`), so two
devices never write the same counter row. A series' records are the ids its device gave.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import device, ids
from storage.practice import settings
from storage.rules import validation as v
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

SEQUENCE_KEY = "invoice_sequence"
MAX_NUMBER = 10**9


@dataclass(frozen=True)
class Series:
    """A numbered series: where its counter lives, the table its numbers go in, and the
    Preferences field holding its format. Invoices and credit notes each have their own."""

    key: str
    table: str
    format_field: str

    def number_format(self, db: Database) -> str:
        return str(getattr(settings.load_profile(db), self.format_field))

    def counter_key(self, db: Database) -> str:
        """The setting holding this device's counter: the series' own key on the first (or an
        unsynced) device, `<key>@<code>` on another."""
        code = device.series_code(db)
        return f"{self.key}@{code}" if code else self.key


INVOICES = Series(SEQUENCE_KEY, "invoice", "invoice_number_format")
CREDIT_NOTES = Series("credit_note_sequence", "credit_note", "credit_note_number_format")


def has_year(number_format: str) -> bool:
    return format_number(number_format, 2001, 1) != format_number(number_format, 2002, 1)


def device_code(db: Database) -> str:
    """This device's series code: '' for the first device of a synced practice, or unsynced."""
    return device.series_code(db)


def has_device(number_format: str) -> bool:
    """Whether the format places the series code itself (`{device}`)."""
    return number_format.format(year=2001, number=1, device="B") != number_format.format(
        year=2001, number=1, device="C"
    )


def scope(number_format: str, year: int) -> str:
    """The counter a number is taken from: the year's, or the one for every year."""
    return str(year) if has_year(number_format) else "all"


def format_number(number_format: str, year: int, number: int, code: str = "") -> str:
    """The number as printed; `code` is the device's series code ('' for the first device),
    placed by `{device}` or appended as "-B"."""
    text = number_format.format(year=year, number=number, device=code)
    return f"{text}-{code}" if code and not has_device(number_format) else text


def _load(db: Database, series: Series = INVOICES) -> dict[str, dict[str, int]]:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [series.counter_key(db)]).fetchone()
    try:
        value: Any = json.loads(row[0]) if row else {}
    except (TypeError, ValueError):
        value = {}
    if not isinstance(value, dict):
        return {}
    return {
        str(k): {
            "next": _whole(entry.get("next"), 1),
            "last": _whole(entry.get("last"), 0),
        }
        for k, entry in value.items()
        if isinstance(entry, dict)
    }


def _whole(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _store(db: Database, counters: dict[str, dict[str, int]], series: Series = INVOICES) -> None:
    db.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        [series.counter_key(db), json.dumps(counters, sort_keys=True)],
    )


def next_number(db: Database, year: int, series: Series = INVOICES) -> int:
    """The sequence value the next invoice (or credit note) issued in `year` takes (from 1)."""
    number_format = series.number_format(db)
    entry = _load(db, series).get(scope(number_format, year), {"next": 1, "last": 0})
    return max(entry["next"], entry["last"] + 1)


def preview(db: Database, year: int, series: Series = INVOICES) -> str:
    """The number the next invoice issued in `year` will have, e.g. `2026-0042`."""
    code = device.series_code(db)
    return format_number(series.number_format(db), year, next_number(db, year, series), code)


def take(db: Database, year: int, series: Series = INVOICES) -> str:
    """Take the next number for an invoice (or credit note) issued in `year`; inside the
    caller's transaction. A number already used (say, imported from another tool) is skipped."""
    number_format = series.number_format(db)
    code = device.series_code(db)
    key = scope(number_format, year)
    counters = _load(db, series)
    value = next_number(db, year, series)
    number = format_number(number_format, year, value, code)
    sql = f"SELECT 1 FROM [{series.table}] WHERE number = ?"
    while db.execute(sql, [number]).fetchone():
        value += 1
        number = format_number(number_format, year, value, code)
    counters[key] = {"next": value + 1, "last": value}
    _store(db, counters, series)
    return number


def same_series(db: Database, year: int, series: Series = INVOICES) -> tuple[str, list[str]]:
    """(an SQL condition on `issued_on`, its parameters) for the records numbered from the same
    counter as one issued in `year`: that year's, or all of them; in a synced practice, only
    those this device gave (its range of ids)."""
    where, params = "1", []
    if has_year(series.number_format(db)):
        where, params = "substr(issued_on, 1, 4) = ?", [f"{year:04d}"]
    number = ids.device_number(db)
    if number is None:
        return where, params
    low, high = ids.device_range(number)
    return f"{where} AND id >= {low} AND id < {high}", params


def set_next_number(db: Database, year: int, value: int) -> str:
    """Start the sequence at `value` (a consultant moving from another tool starts at 42);
    never at or below a number already taken. Returns the number the next invoice will have."""
    checked = v.int_between("next_number", value, 1, MAX_NUMBER)
    number_format = settings.load_profile(db).invoice_number_format
    code = device.series_code(db)
    with db.atomic():
        counters = _load(db)
        key = scope(number_format, year)
        last = counters.get(key, {"last": 0})["last"]
        if checked <= last:
            taken = format_number(number_format, year, last, code)
            raise ValidationError(
                "next_number", f"must be after {last}: invoice number {taken} was already given"
            )
        counters[key] = {"next": checked, "last": last}
        _store(db, counters)
    return format_number(number_format, year, checked, code)

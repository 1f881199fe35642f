"""Invoice numbers: a sequence that is never reused, formatted by Preferences.

The counter lives in the `setting` table under `invoice_sequence`, one entry per year when the
format has `{year}` (`{"2026": {"next": 43, "last": 42}}`) and one entry `"all"` when it has not.
`take` runs inside the caller's transaction (the one that inserts the invoice), so two writers
cannot take the same number; a number taken is never given again, even when its draft is
deleted (the counter only moves on), and the UNIQUE number column backs this up.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from storage.practice import settings
from storage.rules import validation as v
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

SEQUENCE_KEY = "invoice_sequence"
MAX_NUMBER = 10**9


def has_year(number_format: str) -> bool:
    return number_format.format(year=2001, number=1) != number_format.format(year=2002, number=1)


def scope(number_format: str, year: int) -> str:
    """The counter a number is taken from: the year's, or the one for every year."""
    return str(year) if has_year(number_format) else "all"


def format_number(number_format: str, year: int, number: int) -> str:
    return number_format.format(year=year, number=number)


def _load(db: Database) -> dict[str, dict[str, int]]:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [SEQUENCE_KEY]).fetchone()
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


def _store(db: Database, counters: dict[str, dict[str, int]]) -> None:
    db.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        [SEQUENCE_KEY, json.dumps(counters, sort_keys=True)],
    )


def next_number(db: Database, year: int) -> int:
    """The sequence value the next invoice issued in `year` takes (from 1)."""
    number_format = settings.load_profile(db).invoice_number_format
    entry = _load(db).get(scope(number_format, year), {"next": 1, "last": 0})
    return max(entry["next"], entry["last"] + 1)


def preview(db: Database, year: int) -> str:
    """The number the next invoice issued in `year` will have, e.g. `2026-0042`."""
    number_format = settings.load_profile(db).invoice_number_format
    return format_number(number_format, year, next_number(db, year))


def take(db: Database, year: int) -> str:
    """Take the next number for an invoice issued in `year`; inside the caller's transaction.
    A number already used (say, an invoice imported from another tool) is skipped."""
    number_format = settings.load_profile(db).invoice_number_format
    key = scope(number_format, year)
    counters = _load(db)
    value = next_number(db, year)
    number = format_number(number_format, year, value)
    while db.execute("SELECT 1 FROM invoice WHERE number = ?", [number]).fetchone():
        value += 1
        number = format_number(number_format, year, value)
    counters[key] = {"next": value + 1, "last": value}
    _store(db, counters)
    return number


def set_next_number(db: Database, year: int, value: int) -> str:
    """Start the sequence at `value` (a consultant moving from another tool starts at 42);
    never at or below a number already taken. Returns the number the next invoice will have."""
    checked = v.int_between("next_number", value, 1, MAX_NUMBER)
    number_format = settings.load_profile(db).invoice_number_format
    with db.atomic():
        counters = _load(db)
        key = scope(number_format, year)
        last = counters.get(key, {"last": 0})["last"]
        if checked <= last:
            taken = format_number(number_format, year, last)
            raise ValidationError(
                "next_number", f"must be after {last}: invoice number {taken} was already given"
            )
        counters[key] = {"next": checked, "last": last}
        _store(db, counters)
    return format_number(number_format, year, checked)

"""This device in a synced practice: `this_device` and `become_device`, for the sync commands.

The row lives in the device-local table `sync_device` (never synced, never exported): the
device's id, its number (the range of ids it gives, see `ids`), the code of its invoice and
credit-note series ('' for the device that set sync up, whose numbers stay as they were; 'B',
'C', ... for the others) and its name. No row: the practice does not sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file.ids import MAX_DEVICE_NUMBER, device_range
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database

SERIES_CODE = re.compile(r"[A-Z]{1,2}")
DEVICE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


@dataclass(frozen=True)
class Device:
    device_id: str
    number: int
    series_code: str
    name: str

    @property
    def id_range(self) -> tuple[int, int]:
        """[low, high): the ids this device gives."""
        return device_range(self.number)


def this_device(db: Database) -> Device | None:
    """This device, or None when the practice does not sync."""
    row = _row(db, "device_id, number, series_code, name")
    return None if row is None else Device(str(row[0]), int(row[1]), str(row[2]), str(row[3]))


def series_code(db: Database) -> str:
    """This device's series code: '' when the practice does not sync or for the first device."""
    row = _row(db, "series_code")
    return str(row[0]) if row else ""


def _row(db: Database, columns: str) -> Any:
    """The device's row; None also in a file opened read-only before its sync step."""
    try:
        return db.execute(f"SELECT {columns} FROM sync_device").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise


def validate(device_id: object, number: object, code: object, name: object) -> Device:
    if not isinstance(device_id, str) or not DEVICE_ID.fullmatch(device_id):
        raise ValidationError("device_id", "must be 1 to 64 letters, digits, '-' or '_'")
    checked = v.int_between("number", number, 0, MAX_DEVICE_NUMBER)
    if not isinstance(code, str) or not (code == "" or SERIES_CODE.fullmatch(code)):
        raise ValidationError("series_code", "must be empty or one or two capital letters A to Z")
    return Device(device_id, checked, code, v.line_text("name", name, max_len=100))


def become_device(db: Database, device_id: str, number: int, series_code: str, name: str) -> Device:
    """Make this practice's file this device of a synced practice (replacing any device it
    was): from now on its inserts take ids from `number`'s range and its invoices and credit
    notes numbers from `series_code`'s series."""
    device = validate(device_id, number, series_code, name)
    with db.atomic():
        db.execute("DELETE FROM sync_device")
        db.execute(
            "INSERT INTO sync_device (device_id, number, series_code, name) VALUES (?, ?, ?, ?)",
            [device.device_id, device.number, device.series_code, device.name],
        )
    return device


def stop_syncing(db: Database) -> None:
    """Forget this device: the practice no longer syncs, and ids and numbers are as before."""
    with db.atomic():
        db.execute("DELETE FROM sync_device")

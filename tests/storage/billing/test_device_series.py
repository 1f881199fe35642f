"""Invoice and credit-note numbers in a synced practice: a series per device. The first device's
numbers and counter are exactly as before; another device's carry its series code and count in
their own setting row, gap-free, so two devices issuing offline never give the same number."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.billing import invoice_numbers
from storage.billing.invoice_numbers import CREDIT_NOTES, INVOICES
from storage.file.device import become_device
from storage.file.practice import open_database
from storage.practice import settings
from storage.rules.errors import ValidationError
from tests.storage.file.every_kind import add_every_kind


def _numbers(db: Database, table: str) -> list[str]:
    return [r[0] for r in db.execute(f"SELECT number FROM [{table}] ORDER BY id")]


def _counters(db: Database) -> dict[str, object]:
    found = db.execute("SELECT key, value FROM setting WHERE key LIKE '%_sequence%'").fetchall()
    return {key: json.loads(value) for key, value in found}


@pytest.fixture
def copies(tmp_path: Path) -> list[Database]:
    """One practice with two invoices, copied to the first device ('') and to device B."""
    shared = tmp_path / "shared.db"
    first = open_database(shared, encrypt=False)
    for i in range(2):
        add_every_kind(first, "shared", i)
    first.close()
    found = []
    for number, code, folder in ((0, "", "desk"), (9, "B", "laptop")):
        (tmp_path / folder).mkdir()
        shutil.copyfile(shared, tmp_path / folder / "practice.db")
        copy = open_database(tmp_path / folder / "practice.db", encrypt=False)
        become_device(copy, f"{folder}-device", number, code, folder)
        found.append(copy)
    yield found
    for copy in found:
        copy.close()


def test_each_device_issues_a_month_in_its_own_gap_free_series(copies: list[Database]) -> None:
    desk, laptop = copies
    before = _counters(desk)
    for copy, tag in ((desk, "desk"), (laptop, "laptop")):
        for day in range(20):  # a month of working days, an invoice and a credit note each
            add_every_kind(copy, tag, day)
    assert _numbers(desk, "invoice") == [f"2026-{n:04d}" for n in range(1, 23)]
    assert _numbers(desk, "credit_note") == [f"CN-2026-{n:04d}" for n in range(1, 23)]
    shared = [f"2026-{n:04d}" for n in (1, 2)]
    assert _numbers(laptop, "invoice") == shared + [f"2026-{n:04d}-B" for n in range(1, 21)]
    assert _numbers(laptop, "credit_note")[2:] == [f"CN-2026-{n:04d}-B" for n in range(1, 21)]
    union = _numbers(desk, "invoice") + _numbers(laptop, "invoice")[2:]
    assert len(union) == len(set(union))
    # each device writes only its own counter rows: merged, they never conflict
    assert set(_counters(desk)) == {"invoice_sequence", "credit_note_sequence"}
    assert _counters(laptop)["invoice_sequence"] == before["invoice_sequence"]
    assert _counters(laptop)["invoice_sequence@B"] == {"2026": {"next": 21, "last": 20}}
    assert _counters(laptop)["credit_note_sequence@B"] == {"2026": {"next": 21, "last": 20}}
    assert invoice_numbers.preview(laptop, 2026) == "2026-0021-B"
    assert invoice_numbers.preview(desk, 2026, CREDIT_NOTES) == "CN-2026-0023"


def test_a_format_places_the_series_code_with_device(copies: list[Database]) -> None:
    desk, laptop = copies
    for copy in copies:
        profile = settings.load_profile(copy)
        settings.save_profile(
            copy, dataclasses.replace(profile, invoice_number_format="INV{device}-{number:03d}")
        )
    add_every_kind(desk, "desk", 0)
    add_every_kind(laptop, "laptop", 0)
    assert _numbers(desk, "invoice")[-1] == "INV-001"
    assert _numbers(laptop, "invoice")[-1] == "INVB-001"


def test_the_next_number_set_by_hand_moves_only_this_devices_counter(
    copies: list[Database],
) -> None:
    _desk, laptop = copies
    before = _counters(laptop)["invoice_sequence"]
    assert invoice_numbers.set_next_number(laptop, 2026, 40) == "2026-0040-B"
    add_every_kind(laptop, "laptop", 0)
    assert _numbers(laptop, "invoice")[-1] == "2026-0040-B"
    assert _counters(laptop)["invoice_sequence"] == before
    assert INVOICES.counter_key(laptop) == "invoice_sequence@B"


def test_a_format_with_device_is_a_valid_format() -> None:
    assert settings.invoice_number_format("{year}{device}-{number}") == "{year}{device}-{number}"
    assert invoice_numbers.format_number("{year}-{number:04d}", 2026, 7, "C") == "2026-0007-C"
    assert invoice_numbers.format_number("{device}{number}", 2026, 7, "") == "7"
    with pytest.raises(ValidationError, match="must include"):
        settings.invoice_number_format("{year}{device}")

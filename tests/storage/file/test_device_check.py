"""`check` in a synced practice: ids no known device gives, devices sharing an id range or a series
code, and weeks committed beyond capacity after a merge are listed, never repaired by deleting;
a practice that does not sync is checked exactly as before."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.file import health_check
from storage.file.device import Device, become_device
from storage.portfolio import capacity
from storage.practice import clients, engagements, settings
from storage.practice.engagements import Engagement
from storage.rules import clock

RANGE = 2**40
MONDAY = dt.date(2026, 3, 2)


def _client_with_id(db: Database, record_id: int, name: str) -> None:
    db.execute("INSERT INTO client (id, name, created_at) VALUES (?, ?, '')", [record_id, name])


def test_a_practice_that_does_not_sync_is_checked_as_before(db: Database) -> None:
    _client_with_id(db, 9 * RANGE + 1, "Far")
    assert health_check.check(db) == []


def test_an_id_beyond_every_range_is_listed_once_per_range(db: Database) -> None:
    become_device(db, "a" * 32, 0, "", "Desk")
    _client_with_id(db, 2 * RANGE + 1, "From device 2")  # another device: fine unless told
    _client_with_id(db, 2**61, "Nowhere")
    _client_with_id(db, 2**61 + 5, "Nowhere either")
    found = health_check.check(db)
    assert [(p.table, p.id, p.column) for p in found] == [("client", 2**61, "id")]
    assert "outside every known device's range of ids (2 rows" in found[0].problem


def test_with_the_folders_devices_an_unknown_range_is_listed(db: Database) -> None:
    become_device(db, "a" * 32, 0, "", "Desk")
    _client_with_id(db, 2 * RANGE + 1, "From device 2")
    _client_with_id(db, 3 * RANGE + 1, "From device 3")
    folder = [Device("a" * 32, 0, "", "Desk"), Device("b" * 32, 2, "B", "Laptop")]
    found = health_check.check(db, folder)
    assert [(p.table, p.id) for p in found] == [("client", 3 * RANGE + 1)]
    assert db.execute("SELECT count(*) FROM client").fetchone()[0] == 2  # nothing deleted


def test_devices_sharing_a_range_or_a_series_are_listed(db: Database) -> None:
    folder = [
        Device("a" * 32, 0, "", "Desk"),
        Device("b" * 32, 4, "B", "Laptop"),
        Device("c" * 32, 4, "B", "Spare"),
    ]
    found = health_check.check(db, folder)
    assert [(p.table, p.id, p.column) for p in found] == [
        ("sync_device", "c" * 32, "number"),
        ("sync_device", "c" * 32, "series_code"),
    ]
    assert "shares the invoice code B with device Laptop" in found[1].problem


def test_a_week_committed_beyond_capacity_after_a_merge_is_listed(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: MONDAY)
    settings.save_profile(
        db, dataclasses.replace(settings.load_profile(db), capacity_days_per_week=4)
    )
    for name in ("Acme", "Verde"):
        client = clients.add(db, clients.Client(name)).id or 0
        engagements.add(db, Engagement(
            client, "Fractional CTO", MONDAY, status="active", days_per_week=3,
            planned_end_date=MONDAY + dt.timedelta(days=13),
        ))  # fmt: skip
    assert capacity.merged_over(db) == []  # not synced: the save warned
    become_device(db, "a" * 32, 0, "", "Desk")
    found = capacity.merged_over(db)
    assert len(found) == 2
    assert [(p.id, p.column) for p in found] == [
        ("2026-W10", "committed_days"),
        ("2026-W11", "committed_days"),
    ]
    assert found[0].problem.startswith("commits 6 days against a capacity of 4: over by 2 days")

"""Writes return what they changed, read under their own write lock; a write told what the caller
last saw refuses, writing nothing, when another connection saved in between; putting the
recorded `before` back and then the `after` restores each side exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import invoice_numbers, preferences
from storage.file import ALL_KINDS, Change, ChangedElsewhereError, kinds
from storage.practice import load_profile
from storage.time import Cell, TimeEntry, cell_changes, time_entries

MONDAY = dt.date(2026, 3, 30)


def _entries(db: Database, key: tuple[int, str, dt.date]) -> list[tuple[int, str]]:
    return [(e.minutes, e.note) for e in time_entries.list_cell(db, *key)]


def test_a_cell_write_returns_its_entries_before_and_after(db: Database, acme: int) -> None:
    key = (acme, "strategy", MONDAY)
    time_entries.add(db, TimeEntry(acme, MONDAY, "strategy", 30, "Roadmap"))
    change = cell_changes.set_cells(db, [(key, 90)])
    assert change.kinds == frozenset({"time_entry"})
    assert change.before is not None
    assert change.after is not None
    assert [(e.minutes, e.note) for e in change.before[key]] == [(30, "Roadmap")]
    assert [(e.minutes, e.note) for e in change.after[key]] == [(90, "Roadmap")]
    assert _entries(db, key) == [(90, "Roadmap")]


def test_adding_and_deleting_an_entry_record_the_cell_on_both_sides(
    db: Database, acme: int
) -> None:
    key = (acme, "team", MONDAY)
    added = cell_changes.add(db, TimeEntry(acme, MONDAY, "team", 45, "1:1 with lead"))
    assert added.before == {key: ()}
    assert added.after is not None
    assert [e.minutes for e in added.after[key]] == [45]
    stored = added.after[key][0]
    deleted = cell_changes.delete(db, stored)
    assert deleted.before == {key: (stored,)}
    assert deleted.after == {key: ()}


def test_moving_an_entry_to_another_day_records_both_cells(db: Database, acme: int) -> None:
    entry = time_entries.add(db, TimeEntry(acme, MONDAY, "team", 60))
    tuesday = MONDAY + dt.timedelta(days=1)
    change = cell_changes.update(db, dataclasses.replace(entry, day=tuesday))
    assert change.before is not None
    assert change.after is not None
    assert set(change.before) == {(acme, "team", MONDAY), (acme, "team", tuesday)}
    assert change.after[(acme, "team", MONDAY)] == ()
    assert [e.minutes for e in change.after[(acme, "team", tuesday)]] == [60]


def test_a_cell_saved_by_another_connection_since_it_was_shown_is_not_replaced(
    db: Database, other: Database, acme: int
) -> None:
    key = (acme, "strategy", MONDAY)
    shown = time_entries.week_cells(db, MONDAY, MONDAY).get(key, Cell())
    time_entries.add(other, TimeEntry(acme, MONDAY, "strategy", 45, "Board prep"))
    with pytest.raises(ChangedElsewhereError) as refused:
        cell_changes.set_cells(db, [(key, 120)], expected={key: shown})
    assert refused.value.stored == {key: Cell(45, 1)}
    assert _entries(db, key) == [(45, "Board prep")]
    assert _entries(other, key) == [(45, "Board prep")]


def test_a_cell_as_shown_is_written(db: Database, other: Database, acme: int) -> None:
    key = (acme, "strategy", MONDAY)
    time_entries.add(other, TimeEntry(acme, MONDAY, "strategy", 45))
    cell_changes.set_cells(db, [(key, 120)], expected={key: Cell(45, 1)})
    assert _entries(other, key) == [(120, "")]


def test_undo_then_redo_from_the_change_restores_each_side_exactly(db: Database, acme: int) -> None:
    key = (acme, "leadership", MONDAY)
    time_entries.add(db, TimeEntry(acme, MONDAY, "leadership", 20, "Board"))
    time_entries.add(db, TimeEntry(acme, MONDAY, "leadership", 40, "Hiring"))
    change = cell_changes.set_cells(db, [(key, 30)])
    assert change.before is not None
    assert change.after is not None
    undone = cell_changes.restore(db, change.before)
    assert _entries(db, key) == [(20, "Board"), (40, "Hiring")]
    assert undone.before is not None
    assert [e.minutes for e in undone.before[key]] == [30]
    cell_changes.restore(db, change.after)
    assert _entries(db, key) == [(30, "Board")]


def test_a_refused_cell_writes_no_cell_and_no_change(db: Database, acme: int) -> None:
    first, second = (acme, "strategy", MONDAY), (acme, "team", MONDAY)
    with pytest.raises(ValueError, match=r"hours|minutes|24"):
        cell_changes.set_cells(db, [(first, 60), (second, 24 * 60)])
    assert _entries(db, first) == []
    assert _entries(db, second) == []


def test_preferences_save_returns_the_profile_before_and_after(db: Database) -> None:
    before = load_profile(db)
    typed = dataclasses.replace(before, business_name="Northwind Advisory")
    change = preferences.save(db, typed, expected=before, next_number=(2026, 42))
    assert change.kinds == frozenset({"setting", "invoice"})
    assert change.before == before
    assert change.after is not None
    assert change.after.business_name == "Northwind Advisory"
    assert invoice_numbers.next_number(db, 2026) == 42


def test_preferences_saved_elsewhere_are_not_overwritten_unasked(
    db: Database, other: Database
) -> None:
    shown = load_profile(db)
    preferences.save(other, dataclasses.replace(shown, name="Saved elsewhere"))
    with pytest.raises(ChangedElsewhereError) as refused:
        preferences.save(
            db, dataclasses.replace(shown, phone="+44 20 7946 0000"), expected=shown,
            next_number=(2026, 7),
        )  # fmt: skip
    assert refused.value.stored.name == "Saved elsewhere"
    assert load_profile(db).phone == shown.phone
    assert invoice_numbers.next_number(db, 2026) == 1


def test_the_inverse_of_a_change_swaps_its_sides() -> None:
    change = Change("old", "new", kinds("decision"))
    assert change.inverse == Change("new", "old", frozenset({"decision"}))


def test_an_unknown_kind_is_refused_so_a_typo_cannot_silence_a_refresh() -> None:
    with pytest.raises(ValueError, match="unknown"):
        kinds("time_entries")
    assert kinds(*ALL_KINDS) == ALL_KINDS

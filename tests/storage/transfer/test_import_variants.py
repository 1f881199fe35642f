"""Time exports as the trackers write them in other locales and with chosen columns: each test
names the variant (a file in tests/fixtures/imports/variants/) and checks that every row with a
valid reading is imported, nothing is invented, and a second run changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.practice import engagements, settings
from storage.rules.errors import ValidationError
from storage.transfer.import_csv import read_file
from storage.transfer.import_map import ImportMap
from storage.transfer.import_plan import PlannedEntry
from storage.transfer.import_time import import_file, preview

VARIANTS = Path(__file__).parents[2] / "fixtures" / "imports" / "variants"
ACME = "Acme Robotics / Fractional CTO"


def _map(acme: int, **extra: int | str) -> ImportMap:
    return ImportMap({ACME: acme, **extra}, {"board": "leadership"}, "strategy")


def _days(plan_entries: list[PlannedEntry]) -> dict[dt.date, int]:
    found: dict[dt.date, int] = {}
    for entry in plan_entries:
        found[entry.day] = found.get(entry.day, 0) + entry.minutes
    return found


def test_toggl_from_a_12_hour_locale_reads_durations_written_as_times(
    db: Database, acme: int
) -> None:
    """Variant: Toggl, 12-hour clock, durations written `02:00:00 AM`."""
    plan = preview(db, VARIANTS / "toggl-12-hour-locale.csv", _map(acme))
    assert plan.refused == []
    assert plan.flagged == []
    assert _days(plan.entries) == {dt.date(2026, 3, 2): 120 + 45, dt.date(2026, 3, 3): 150}


def test_toggl_with_a_date_and_a_duration_only(db: Database, acme: int) -> None:
    """Variant: Toggl detailed report with chosen columns, no Start time or End columns."""
    plan = preview(db, VARIANTS / "toggl-date-and-duration-only.csv", _map(acme))
    assert plan.format == "toggl"
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 4): 135, dt.date(2026, 3, 5): 180}


def test_a_declared_duration_that_disagrees_is_flagged_and_start_and_end_kept(
    db: Database, acme: int
) -> None:
    """Variant: Toggl row declaring 3:30 over a span of 4:30; a 20-second difference is not."""
    plan = preview(db, VARIANTS / "toggl-declared-duration-disagrees.csv", _map(acme))
    assert [e.minutes for e in plan.entries] == [270, 30]
    assert [f.line for f in plan.flagged] == [2]
    assert "says 3:30 but it runs 4:30" in plan.flagged[0].reason
    assert "start and end are kept" in plan.flagged[0].reason
    assert plan.as_json()["flagged"] == [{"line": 2, "reason": plan.flagged[0].reason}]


def test_toggl_semicolons_and_dotted_day_first_dates(db: Database, acme: int) -> None:
    """Variant: Toggl from a German locale: `;` separated, dates `09.03.2026`."""
    plan = preview(db, VARIANTS / "toggl-semicolon-dotted-dates.csv", _map(acme))
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 9): 90, dt.date(2026, 3, 10): 45}
    assert plan.entries[0].note == "Datenhaltung in der EU; Anbieter"


def test_slashed_dates_that_read_both_ways_are_asked_not_guessed(db: Database, acme: int) -> None:
    """Variant: Toggl with `02/03/2026` dates only: day first and month first both fit."""
    with pytest.raises(ValidationError, match="both day first and month first") as refused:
        read_file(VARIANTS / "toggl-ambiguous-slashed-dates.csv")
    assert refused.value.field == "date_order"
    day_first = read_file(VARIANTS / "toggl-ambiguous-slashed-dates.csv", order="dmy")
    assert [r.pieces[0][0] for r in day_first.rows] == [dt.date(2026, 3, 2), dt.date(2026, 3, 3)]
    month_first = read_file(VARIANTS / "toggl-ambiguous-slashed-dates.csv", order="mdy")
    assert [r.pieces[0][0] for r in month_first.rows] == [dt.date(2026, 2, 3), dt.date(2026, 3, 3)]


def test_clockify_with_start_and_end_and_no_duration_columns(db: Database, acme: int) -> None:
    """Variant: Clockify detailed report without Duration (h) or Duration (decimal)."""
    plan = preview(db, VARIANTS / "clockify-start-and-end-only.csv", _map(acme))
    assert plan.format == "clockify"
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 16): 150 + 60, dt.date(2026, 3, 17): 60}


def test_clockify_semicolons_decimal_comma_and_day_first_dates(db: Database, acme: int) -> None:
    """Variant: Clockify from a French locale: `;`, `3,5` hours, `23/03/2026` (day first, as
    the 23 shows), one row with a date and a duration only."""
    plan = preview(db, VARIANTS / "clockify-semicolon-decimal-comma.csv", _map(acme))
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 22): 210, dt.date(2026, 3, 23): 75}


def test_clockify_two_digit_years(db: Database, acme: int) -> None:
    """Variant: Clockify, US dates with two-digit years (`3/27/26`) and `9:00 AM` times."""
    plan = preview(db, VARIANTS / "clockify-two-digit-years.csv", _map(acme))
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 27): 120, dt.date(2026, 3, 30): 60}


def test_clockify_rows_that_drop_a_trailing_empty_cell_are_padded(db: Database, acme: int) -> None:
    """Variant: Clockify, 13 values under 14 headings (the empty Tags cell is left off)."""
    plan = preview(db, VARIANTS / "clockify-short-rows.csv", _map(acme))
    assert plan.refused == []
    assert [e.minutes for e in plan.entries] == [60, 90]


def test_harvest_without_a_project_column(db: Database, acme: int) -> None:
    """Variant: Harvest detailed report with chosen columns: no Project."""
    source = read_file(VARIANTS / "harvest-without-project.csv")
    assert source.format == "harvest"
    assert source.projects() == {"Acme Robotics": 2}
    plan = preview(db, source, ImportMap({"Acme Robotics": acme}))
    assert plan.refused == []
    assert sum(e.minutes for e in plan.entries) == 120 + 90


def test_harvest_hours_as_hours_and_minutes_with_us_dates(db: Database, acme: int) -> None:
    """Variant: Harvest, `1:45` hours beside Hours Rounded, dates `03/24/2026` (month first)."""
    plan = preview(db, VARIANTS / "harvest-hours-and-minutes.csv", _map(acme))
    assert plan.refused == []
    assert _days(plan.entries) == {dt.date(2026, 3, 24): 105, dt.date(2026, 3, 25): 30}


def test_a_refused_row_and_a_new_project_make_nothing_on_a_second_run(
    db: Database, data_dir: Path, acme: int
) -> None:
    """Variant: a Toggl file with a row from before the engagement started and a project
    mapped to "new", imported three times with the same map, in the practice's currency."""
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, default_currency="EUR"))
    mapping = _map(acme, **{"Northwind / Advisory": "new"})
    path = VARIANTS / "toggl-rerun-with-refused-row.csv"
    dry = preview(db, path, mapping)
    assert dry.new_engagements == {"Northwind / Advisory": dt.date(2026, 3, 3)}
    assert dry.as_json()["new_engagements"] == {"Northwind / Advisory": "2026-03-03"}
    first, first_id = import_file(db, data_dir, path, mapping)
    assert (first.imported, len(first.refused)) == (2, 1)
    assert "before the engagement started" in first.refused[0].reason
    count = len(engagements.list_all(db))
    made = next(e for e in engagements.list_all(db) if e.title == "Advisory")
    assert made.currency == "EUR"
    for _ in range(2):
        again = preview(db, path, mapping)
        assert again.new_engagements == {}
        plan, import_id = import_file(db, data_dir, path, mapping)
        assert (plan.imported, plan.duplicates, import_id) == (0, 2, None)
    assert len(engagements.list_all(db)) == count
    assert first_id is not None

"""Importing time from Toggl Track, Harvest and Clockify CSV exports, on real files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.file import backups
from storage.practice import clients, engagements
from storage.rules.errors import ValidationError
from storage.time import time_entries
from storage.transfer.import_csv import read_bytes, read_file
from storage.transfer.import_map import ImportMap, from_json, remembered
from storage.transfer.import_time import import_file, list_imports, preview
from storage.transfer.import_undo import undo_import

FIXTURES = Path(__file__).parents[2] / "fixtures" / "imports"
BUCKETS = {"Architecture review": "strategy", "Architecture": "strategy", "Strategy": "strategy",
           "team": "team", "Hiring": "leadership", "board": "leadership",
           "Leadership": "leadership"}  # fmt: skip


def _map(acme: int, **extra: int | str) -> ImportMap:
    targets: dict[str, int | str] = {"Acme Robotics / Fractional CTO": acme, **extra}
    return ImportMap(targets, BUCKETS, "team")


def _total(db: Database) -> int:
    return int(db.execute("SELECT coalesce(sum(minutes), 0) FROM time_entry").fetchone()[0])


def test_toggl_preview_counts_buckets_and_refuses_the_unmapped_project(
    db: Database, acme: int
) -> None:
    plan = preview(db, FIXTURES / "toggl-detailed.csv", _map(acme))
    assert plan.format == "toggl"
    assert (plan.rows, plan.imported, plan.duplicates) == (5, 4, 0)
    assert [r.line for r in plan.refused] == [7]
    assert "'Zoë Labs / AI evaluation' is not mapped" in plan.refused[0].reason
    assert plan.minutes() == {str(acme): {"strategy": 150, "team": 45 + 150, "leadership": 60}}
    assert _total(db) == 0  # a preview writes nothing


def test_an_entry_across_midnight_is_split_by_day(db: Database, data_dir: Path, acme: int) -> None:
    _plan, import_id = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", _map(acme))
    assert import_id is not None
    assert time_entries.day_minutes(db, dt.date(2026, 3, 3)) == 60 + 90
    assert time_entries.day_minutes(db, dt.date(2026, 3, 4)) == 60
    incident = time_entries.list_cell(db, acme, "team", dt.date(2026, 3, 4))
    assert incident[0].note == "Release night, database migration\nrolled back at 00:40"


def test_importing_the_same_file_again_adds_nothing(
    db: Database, data_dir: Path, acme: int
) -> None:
    import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", _map(acme))
    before = _total(db)
    plan, import_id = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", _map(acme))
    assert (plan.imported, plan.duplicates, import_id) == (0, 4, None)
    assert _total(db) == before


def test_an_import_is_backed_up_first_and_can_be_undone(
    db: Database, data_dir: Path, acme: int
) -> None:
    _plan, import_id = import_file(db, data_dir, FIXTURES / "harvest-detailed.csv", _map(acme))
    assert [b.reason for b in backups.list_backups(data_dir)] == ["before-import"]
    assert _total(db) == 150 + 75 + 45
    assert import_id is not None
    assert undo_import(db, data_dir, import_id) == 3
    assert _total(db) == 0
    assert list_imports(db) == []
    again, _ = import_file(db, data_dir, FIXTURES / "harvest-detailed.csv", _map(acme))
    assert again.imported == 3  # undone, so the file imports again


def test_harvest_detailed_report_and_import_form(db: Database, data_dir: Path, acme: int) -> None:
    detailed = preview(db, FIXTURES / "harvest-detailed.csv", _map(acme))
    assert detailed.format == "harvest"
    assert detailed.minutes()[str(acme)] == {"strategy": 150, "team": 45, "leadership": 75}
    form_file = read_file(FIXTURES / "harvest-import-form.csv", order="mdy")  # 03/05: chosen
    form = preview(db, form_file, _map(acme))
    assert form.minutes()[str(acme)] == {"strategy": 90, "team": 30, "leadership": 120}
    assert form.refused == []


def test_clockify_twelve_hour_clock_tags_and_midnight(db: Database, acme: int) -> None:
    plan = preview(db, read_file(FIXTURES / "clockify-detailed.csv", order="mdy"), _map(acme))
    assert plan.format == "clockify"
    assert plan.minutes()[str(acme)] == {"strategy": 135, "team": 45 + 90, "leadership": 0}
    days = sorted({(e.day.isoformat(), e.minutes) for e in plan.entries})
    assert ("2026-03-10", 60) in days
    assert ("2026-03-11", 30) in days


def test_a_new_engagement_is_made_for_a_project_mapped_to_new(
    db: Database, data_dir: Path, acme: int
) -> None:
    mapping = _map(acme, **{"Zoë Labs / AI evaluation": "new"})
    plan, _ = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", mapping)
    assert plan.refused == []
    made = [e for e in engagements.list_all(db) if e.title == "AI evaluation"]
    assert made[0].client_name == "Zoë Labs"
    assert made[0].start_date == dt.date(2026, 3, 4)
    kept = remembered(db, "toggl")
    assert kept.engagements["Zoë Labs / AI evaluation"] == made[0].id


def test_undo_takes_away_the_engagement_and_client_an_import_made(
    db: Database, data_dir: Path, acme: int
) -> None:
    mapping = _map(acme, **{"Zoë Labs / AI evaluation": "new"})
    _plan, import_id = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", mapping)
    assert import_id is not None
    assert undo_import(db, data_dir, import_id) == 6
    assert [c.name for c in clients.list_all(db)] == ["Acme Robotics"]
    assert [e.id for e in engagements.list_all(db)] == [acme]
    assert "Zoë Labs / AI evaluation" not in remembered(db, "toggl").engagements
    again, _ = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", mapping)
    assert again.imported == 5


def test_undo_keeps_a_made_engagement_that_holds_something_since(
    db: Database, data_dir: Path, acme: int
) -> None:
    mapping = _map(acme, **{"Zoë Labs / AI evaluation": "new"})
    _plan, import_id = import_file(db, data_dir, FIXTURES / "toggl-detailed.csv", mapping)
    made = next(e for e in engagements.list_all(db) if e.title == "AI evaluation")
    time_entries.add(db, time_entries.TimeEntry(made.id or 0, dt.date(2026, 3, 5), "team", 30))
    undo_import(db, data_dir, import_id or 0)
    assert engagements.get(db, made.id or 0).title == "AI evaluation"
    assert _total(db) == 30


def test_hostile_rows_are_each_refused_with_their_line(db: Database, acme: int) -> None:
    plan = preview(db, FIXTURES / "hostile-toggl.csv", _map(acme))
    reasons = {r.line: r.reason for r in plan.refused}
    assert "not a day of the calendar" in reasons[3]
    assert "not a time of day" in reasons[4]
    assert "more than 24 hours" in reasons[5]
    assert "a day has 24 hours" in reasons[6]
    assert "has 7 values" in reasons[7]
    assert "not mapped" in reasons[8]
    assert "shorter than one minute" in reasons[9]
    assert "before the engagement started" in reasons[10]
    assert plan.imported == 1
    assert plan.imported + len(plan.refused) == plan.rows  # nothing silently dropped


def test_harvest_refuses_a_25_hour_day_and_reads_a_decimal_comma(db: Database, acme: int) -> None:
    plan = preview(db, FIXTURES / "hostile-harvest.csv", _map(acme))
    assert [r.line for r in plan.refused] == [2, 3, 4]
    assert plan.entries[0].minutes == 135


def test_the_24_hour_day_counts_time_already_logged(db: Database, acme: int) -> None:
    time_entries.add(db, time_entries.TimeEntry(acme, dt.date(2026, 3, 2), "team", 23 * 60))
    plan = preview(db, FIXTURES / "harvest-detailed.csv", _map(acme))
    assert [r.line for r in plan.refused] == [2, 3, 6]  # line 3 spans two; 6 is not mapped
    assert "23:00 is already logged" in plan.refused[0].reason


def test_an_ended_engagement_takes_no_imported_time(db: Database, acme: int) -> None:
    ended = engagements.with_changes(
        engagements.get(db, acme), status="ended", ended_on=dt.date(2026, 3, 2)
    )
    engagements.update(db, ended)
    plan = preview(db, FIXTURES / "harvest-detailed.csv", _map(acme))
    assert [r.line for r in plan.refused] == [5, 6]
    assert "ended" in plan.refused[0].reason


def test_a_header_without_known_columns_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a Toggl Track, Harvest or Clockify"):
        read_bytes(b"Name,When,Length\nA,B,C\n")
    with pytest.raises(ValidationError, match=r"Toggl Track .* no column that gives the length"):
        read_bytes(b"Start date,Project\n2026-03-02,X\n", "toggl")
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_bytes(b"Date,Hours,Project\n\xff\xfe,1,X\n")


def test_columns_are_matched_by_name_in_any_order() -> None:
    text = '\ufeffHours;Project;Notes;Date\n"1,5";X;"a; b";2026-03-02\n'.encode()
    source = read_bytes(text)
    assert source.format == "harvest"
    assert source.rows[0].pieces == ((dt.date(2026, 3, 2), 90),)
    assert source.rows[0].note == "a; b"


def test_a_map_file_is_checked() -> None:
    with pytest.raises(ValidationError, match="strategy, team or leadership"):
        from_json({"buckets": {"x": "coding"}})
    with pytest.raises(ValidationError, match="engagement id"):
        from_json({"engagements": {"A / B": "acme"}})
    assert from_json({"engagements": {"A / B": 3}}).engagements == {"A / B": 3}


def test_a_file_copied_under_another_name_is_still_a_duplicate(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.csv"
    shutil.copyfile(FIXTURES / "clockify-detailed.csv", copy)
    import_file(
        db, data_dir, read_file(FIXTURES / "clockify-detailed.csv", order="mdy"), _map(acme)
    )
    assert preview(db, read_file(copy, order="mdy"), _map(acme)).duplicates == 3


def test_projects_are_proposed_by_client_and_title(db: Database, acme: int) -> None:
    from storage.transfer.import_map import suggest

    source = read_file(FIXTURES / "toggl-detailed.csv")
    proposed = suggest(db, source.rows, ImportMap())
    assert proposed.engagements == {"Acme Robotics / Fractional CTO": acme}

"""Time entries: the rules (1-1440 minutes, 24 hours a day across engagements, engagement dates),
cells, and the week's numbers from one indexed aggregate."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.weeks import week_of
from storage.time import time_entries
from storage.time.time_entries import Cell, TimeEntry
from storage.time.week_report import actual_split, copy_rows_from_last_week, week_engagements

MONDAY = dt.date(2026, 3, 30)
WEEK = week_of(MONDAY)


def _engagement(db: Database, name: str = "Acme", **changes: object) -> Engagement:
    client = clients.add(db, Client(name=name))
    base = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5)
    )
    return engagements.add(db, engagements.with_changes(base, **{"status": "active", **changes}))


def _log(db: Database, e: Engagement, minutes: int, day: dt.date = MONDAY, bucket: str = "strategy",
         note: str = "") -> TimeEntry:  # fmt: skip
    return time_entries.add(db, TimeEntry(e.id or 0, day, bucket, minutes, note))


def test_round_trip_update_delete(db: Database) -> None:
    e = _engagement(db)
    entry = _log(db, e, 90, note="Architecture review")
    assert time_entries.get(db, entry.id or 0) == entry
    assert entry.day == MONDAY
    assert entry.created_at
    changed = time_entries.update(db, time_entries.with_changes(entry, minutes=120, bucket="team"))
    assert (changed.minutes, changed.bucket) == (120, "team")
    time_entries.delete(db, entry.id or 0)
    with pytest.raises(NotFoundError):
        time_entries.get(db, entry.id or 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"minutes": 1.5}, "minutes"),
        ({"bucket": "sales"}, "bucket"),
        ({"day": "2026-02-30"}, "day"),
        ({"note": "broken \ud800"}, "note"),
        ({"engagement_id": 999}, "engagement_id"),
    ],
)
def test_validation_names_the_field_and_writes_nothing(
    db: Database, changes: dict[str, object], field: str
) -> None:
    e = _engagement(db)
    entry = time_entries.with_changes(TimeEntry(e.id or 0, MONDAY, "team", 60), **changes)
    with pytest.raises(ValidationError) as error:
        time_entries.add(db, entry)
    assert error.value.field == field
    assert db["time_entry"].count == 0


def test_a_day_holds_24_hours_across_all_engagements(db: Database) -> None:
    acme, verde = _engagement(db, "Acme"), _engagement(db, "Verde")
    _log(db, acme, 600)
    _log(db, verde, 600, bucket="team")
    _log(db, verde, 240, bucket="leadership")  # exactly 24 h
    with pytest.raises(ValidationError, match="a day has 24 hours") as error:
        _log(db, acme, 1)
    assert error.value.field == "minutes"
    _log(db, acme, 60, day=MONDAY + dt.timedelta(days=1))  # the next day is free
    assert time_entries.day_minutes(db, MONDAY) == 1440


def test_an_update_does_not_count_the_entry_twice(db: Database) -> None:
    e = _engagement(db)
    entry = _log(db, e, 1000)
    assert time_entries.update(db, time_entries.with_changes(entry, minutes=1440)).minutes == 1440


def test_no_time_before_the_start_or_after_the_end(db: Database) -> None:
    e = _engagement(db)
    with pytest.raises(ValidationError, match="before the engagement started") as error:
        _log(db, e, 60, day=dt.date(2026, 1, 4))
    assert error.value.field == "day"
    ended = engagements.update(
        db, engagements.with_changes(e, status="ended", ended_on=dt.date(2026, 3, 31))
    )
    _log(db, ended, 60, day=dt.date(2026, 3, 31))  # the last day still counts
    with pytest.raises(ValidationError, match="has ended") as error:
        _log(db, ended, 60, day=dt.date(2026, 4, 1))
    assert error.value.field == "engagement_id"
    assert db["time_entry"].count == 1


def test_set_cell_replaces_several_entries_with_one_keeping_a_note(db: Database) -> None:
    e = _engagement(db)
    _log(db, e, 30)
    _log(db, e, 45, note="1:1 with the lead")
    time_entries.set_cell(db, e.id or 0, "strategy", MONDAY, 120)
    [only] = time_entries.list_cell(db, e.id or 0, "strategy", MONDAY)
    assert (only.minutes, only.note) == (120, "1:1 with the lead")
    time_entries.set_cell(db, e.id or 0, "strategy", MONDAY, 0)
    assert time_entries.list_cell(db, e.id or 0, "strategy", MONDAY) == []


def test_set_cell_counts_the_day_without_the_cell_it_replaces(db: Database) -> None:
    acme, verde = _engagement(db, "Acme"), _engagement(db, "Verde")
    _log(db, acme, 400)
    _log(db, acme, 400)
    _log(db, verde, 600)
    time_entries.set_cell(db, acme.id or 0, "strategy", MONDAY, 840)
    with pytest.raises(ValidationError, match="24 hours"):
        time_entries.set_cell(db, acme.id or 0, "strategy", MONDAY, 841)
    assert time_entries.week_cells(db, WEEK.start, WEEK.end)[(acme.id, "strategy", MONDAY)] == Cell(
        840, 1
    )


def test_set_cells_writes_all_the_cells_or_none(db: Database) -> None:
    acme, verde = _engagement(db), _engagement(db, "Verde")
    _log(db, verde, 20 * 60, day=MONDAY + dt.timedelta(days=1))
    tuesday = MONDAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="a day has 24 hours"):
        time_entries.set_cells(db, [((acme.id or 0, "team", MONDAY), 120),
                                    ((acme.id or 0, "team", tuesday), 300)])  # fmt: skip
    assert time_entries.week_cells(db, MONDAY, MONDAY) == {}
    time_entries.set_cells(db, [((acme.id or 0, "team", MONDAY), 120),
                                ((acme.id or 0, "team", tuesday), 240)])  # fmt: skip
    assert time_entries.day_minutes(db, tuesday) == 24 * 60


def test_replace_cells_judges_a_day_on_its_result(db: Database) -> None:
    """Moving time between two cells of a full day is allowed in either order."""
    e = _engagement(db)
    strategy, team = _log(db, e, 20 * 60), _log(db, e, 4 * 60, bucket="team")
    swapped = {
        (e.id or 0, "strategy", MONDAY): [time_entries.with_changes(strategy, minutes=4 * 60)],
        (e.id or 0, "team", MONDAY): [time_entries.with_changes(team, minutes=20 * 60)],
    }
    time_entries.replace_cells(db, swapped)
    cells = time_entries.week_cells(db, MONDAY, MONDAY)
    assert [cells[key].minutes for key in swapped] == [4 * 60, 20 * 60]
    engagements.update(db, engagements.with_changes(e, status="ended", ended_on=MONDAY))
    later = MONDAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="has ended"):
        time_entries.replace_cells(db, {
            (e.id or 0, "team", MONDAY): [],
            (e.id or 0, "team", later): [TimeEntry(e.id or 0, later, "team", 60)],
        })  # fmt: skip
    assert time_entries.week_cells(db, MONDAY, later)[(e.id or 0, "team", MONDAY)].minutes == 1200


def test_week_cells_sum_each_cell(db: Database) -> None:
    e = _engagement(db)
    _log(db, e, 30)
    _log(db, e, 45)
    _log(db, e, 60, bucket="team", day=MONDAY + dt.timedelta(days=6))
    _log(db, e, 60, day=MONDAY + dt.timedelta(days=7))  # next week
    cells = time_entries.week_cells(db, WEEK.start, WEEK.end)
    assert cells == {
        (e.id, "strategy", MONDAY): Cell(75, 2),
        (e.id, "team", MONDAY + dt.timedelta(days=6)): Cell(60, 1),
    }


def _plan(db: Database, sql: str, params: list[object]) -> str:
    return " | ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_week_query_reads_the_index_not_the_table(db: Database) -> None:
    plan = _plan(db, time_entries.WEEK_CELLS_SQL, ["2026-03-30", "2026-04-05"])
    assert "SEARCH time_entry USING COVERING INDEX time_entry_day" in plan
    assert "SCAN time_entry" not in plan


def test_the_day_total_and_a_cell_use_an_index(db: Database) -> None:
    day_total = _plan(db, "SELECT sum(minutes) FROM time_entry WHERE day = ? AND id NOT IN (?)",
                      ["2026-03-30", 1])  # fmt: skip
    assert "USING COVERING INDEX time_entry_day" in day_total
    cell = _plan(db, "SELECT * FROM time_entry WHERE engagement_id = ? AND day = ? AND bucket = ?",
                 [1, "2026-03-30", "team"])  # fmt: skip
    assert cell.startswith("SEARCH time_entry USING INDEX")
    assert "SCAN time_entry" not in day_total + cell


def test_the_week_engagements_and_copying_rows(db: Database) -> None:
    acme = _engagement(db, "Acme")
    proposed = _engagement(db, "Brightwave", status="proposed")
    ended = _engagement(db, "Café", status="ended", ended_on=dt.date(2026, 3, 31))
    shown = {e.id for e in week_engagements(db, WEEK)}
    assert shown == {acme.id}  # ended and proposed engagements only with entries that week
    _log(db, ended, 60, day=dt.date(2026, 3, 31))
    assert ended.id in {e.id for e in week_engagements(db, WEEK)}
    assert {e.id for e in week_engagements(db, WEEK.shifted(1))} == {acme.id}
    _log(db, proposed, 60, day=MONDAY)
    assert proposed.id in {e.id for e in week_engagements(db, WEEK)}
    next_week = WEEK.shifted(1)
    assert copy_rows_from_last_week(db, next_week) == [proposed.id]  # not the ended one
    assert {e.id for e in week_engagements(db, next_week)} == {acme.id, proposed.id}
    assert proposed.id in {e.id for e in week_engagements(db, next_week)}
    assert copy_rows_from_last_week(db, next_week) == []


def test_actual_split_adds_up_to_100() -> None:
    assert actual_split({"strategy": 1, "team": 1, "leadership": 1}) == {
        "strategy": 34, "team": 33, "leadership": 33,
    }  # fmt: skip
    assert actual_split({"strategy": 0, "team": 0, "leadership": 0}) == {
        "strategy": 0, "team": 0, "leadership": 0,
    }  # fmt: skip
    assert actual_split({"strategy": 90, "team": 0, "leadership": 30}) == {
        "strategy": 75, "team": 0, "leadership": 25,
    }  # fmt: skip

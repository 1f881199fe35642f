"""`fractional-desk check` finds the planted bad rows and nothing in the sample practice;
`--repair` backs up first, re-encodes text and lists what it could not fix; `--self-test` fails
when `check` would (it used to say OK over a file `check` finds broken)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.decisions import records as decisions
from storage.file.backups import list_backups
from storage.practice import clients, engagements
from storage.time import time_entries
from tests.storage.file.test_tolerant_reads import plant, plant_entry

PLANTED = [
    ("time_entry", "bucket"),
    ("time_entry", "minutes"),
    ("time_entry", "day"),
    ("engagement", "start_date"),
    ("decision", "options"),
    ("client", "notes"),
    ("time_entry", "engagement_id"),
]


@pytest.fixture
def engagement_id(db: Database) -> int:
    client = clients.add(db, clients.Client(name="Acme"))
    e = engagements.add(db, engagements.Engagement(
        client_id=client.id or 0, title="CTO", start_date=dt.date(2026, 1, 5), status="active"))  # fmt: skip
    decisions.add(db, decisions.Decision(e.id or 0, "Vector store", dt.date(2026, 2, 1)))
    return e.id or 0


def plant_every_kind(db: Database, eid: int) -> None:
    plant_entry(db, eid, "2026-04-01", "xyz", 60)
    plant_entry(db, eid, "2026-04-02", "team", "abc")
    plant_entry(db, eid, "2026-13-45", "team", 60)
    plant(db, "UPDATE engagement SET start_date = 'garbage'")
    plant(db, "UPDATE decision SET options = '{not json'")
    plant(db, "UPDATE client SET notes = CAST(x'ff' AS TEXT)")
    db.execute("PRAGMA foreign_keys = OFF")
    plant_entry(db, 999, "2026-04-03", "team", 60)
    db.execute("PRAGMA foreign_keys = ON")


def check_json(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    status = main(["check", "--format", "json", *extra])
    return status, json.loads(capsys.readouterr().out)


def test_check_lists_every_planted_row(
    db: Database, engagement_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    plant_every_kind(db, engagement_id)
    status, found = check_json(capsys)
    assert status == 1
    assert {(p["table"], p["column"]) for p in found} == set(PLANTED)
    assert all(set(p) == {"table", "id", "column", "problem"} for p in found)
    assert main(["check"]) == 1
    table = capsys.readouterr().out
    assert "start_date" in table
    assert "is not a date" in table


def test_check_finds_a_day_over_24_hours(
    db: Database, engagement_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    time_entries.add(db, time_entries.TimeEntry(engagement_id, dt.date(2026, 4, 1), "team", 1000))
    plant_entry(db, engagement_id, "2026-04-01", "strategy", 1000)
    status, found = check_json(capsys)
    assert status == 1
    assert [p["problem"] for p in found] == [
        "2026-04-01 totals 33:20 across all engagements: a day has 24 hours"
    ]


def test_check_finds_nothing_in_the_sample_practice(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    assert check_json(capsys) == (0, [])
    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "No problems found."


def test_repair_backs_up_re_encodes_text_and_lists_the_rest(
    db: Database, engagement_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plant_every_kind(db, engagement_id)
    status, report = check_json(capsys, "--repair")
    assert status == 1
    assert [(p["table"], p["column"]) for p in report["fixed"]] == [("client", "notes")]
    left = {(p["table"], p["column"]) for p in report["not_fixed"]}
    assert left == set(PLANTED) - {("client", "notes")}
    assert Path(report["backup"]).is_file()
    assert [b.path for b in list_backups(data_dir)] == [Path(report["backup"])]
    assert db.execute("SELECT notes FROM client").fetchone()[0] == "\ufffd"
    status, found = check_json(capsys)
    assert ("client", "notes") not in {(p["table"], p["column"]) for p in found}


def test_self_test_fails_when_check_would(
    db: Database, engagement_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.app import run_app

    plant_entry(db, engagement_id, "2026-04-01", "xyz", 60)
    assert run_app(data_dir, self_test=True) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert "check" in captured.err


def test_check_names_decisions_that_supersede_each_other_in_a_circle(
    db: Database, engagement_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    first = decisions.get(db, 1)
    second = decisions.add(db, decisions.Decision(engagement_id, "Search", dt.date(2026, 2, 2)))
    third = decisions.add(db, decisions.Decision(engagement_id, "Queue", dt.date(2026, 2, 3)))
    for later, earlier in ((second, first), (third, second), (first, third)):  # by plain SQL
        plant(db, f"UPDATE decision SET supersedes_id = {earlier.id} WHERE id = {later.id}")
        plant(db, f"UPDATE decision SET superseded_by_id = {later.id} WHERE id = {earlier.id}")
    status, found = check_json(capsys)
    assert status == 1
    assert found == [{
        "table": "decision", "id": first.id, "column": "supersedes_id",
        "problem": f"is in a circle of supersede links: D-001 (id {first.id}) -> D-003 (id "
                   f"{third.id}) -> D-002 (id {second.id}) -> D-001 (id {first.id})",
    }]  # fmt: skip


def test_a_chain_of_superseded_decisions_is_no_circle(
    db: Database, engagement_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage.decisions import decision_chain

    later = decision_chain.supersede(
        db, 1, decisions.Decision(engagement_id, "Search", dt.date(2026, 2, 2))
    )
    decision_chain.supersede(
        db, later.id or 0, decisions.Decision(engagement_id, "Queue", dt.date(2026, 2, 3))
    )
    assert check_json(capsys) == (0, [])


def test_check_on_an_encrypted_file_with_a_scribbled_page_says_so_in_one_line(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage.file import is_encrypted
    from storage.file.db import database_file
    from tests.damage import damage_a_table_page

    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    db.close()
    assert is_encrypted(database_file(data_dir))
    damage_a_table_page(database_file(data_dir))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unexpected" not in err
    assert "is damaged" in err
    assert "fractional-desk backup --list" in err


def test_check_lists_a_week_over_capacity_in_a_synced_practice(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.file.device import become_device
    from storage.rules import clock

    monday = dt.date(2026, 3, 2)
    monkeypatch.setattr(clock, "today", lambda: monday)
    for name in ("Acme", "Verde", "Nova"):
        client = clients.add(db, clients.Client(name=name))
        engagements.add(db, engagements.Engagement(
            client_id=client.id or 0, title="CTO", start_date=monday, status="active",
            days_per_week=2, planned_end_date=monday + dt.timedelta(days=6)))  # fmt: skip
    assert check_json(capsys) == (0, [])  # not synced: saving each warned, `check` is as before
    become_device(db, "a" * 32, 0, "", "Desk")
    status, found = check_json(capsys)
    assert status == 1
    assert [(p["table"], p["id"], p["column"]) for p in found] == [
        ("week", "2026-W10", "committed_days")
    ]

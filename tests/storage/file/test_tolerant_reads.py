"""One bad row never locks the user out, and never makes a total silently wrong.

Rows planted with plain SQL (check constraints off, as another tool, a sync conflict or a disk
error may leave them): text that is not UTF-8, a bucket `xyz`, minutes -30, 5000 or 'abc', a day
2026-13-45, a start date `garbage`, options that are not JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.cli import main
from exporters import documents
from storage.decisions import records as decisions
from storage.practice import clients, engagements
from storage.rules.weeks import parse_week
from storage.time import time_entries, week_report

WEEK = "2026-W14"  # Monday 30 March 2026


@pytest.fixture
def practice(db: Database) -> dict[str, int]:
    """Two engagements with 3 hours logged in week 14 on the first."""
    ids = {}
    for name in ("Acme", "Verde"):
        client = clients.add(db, clients.Client(name=name))
        e = engagements.add(db, engagements.Engagement(
            client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
            status="active"))  # fmt: skip
        ids[name] = e.id or 0
    for bucket, minutes in (("strategy", 120), ("team", 60)):
        time_entries.add(db, time_entries.TimeEntry(ids["Acme"], dt.date(2026, 3, 31), bucket,
                                                    minutes))  # fmt: skip
    decisions.add(db, decisions.Decision(ids["Acme"], "Vector store", dt.date(2026, 2, 1)))
    return ids


def plant(db: Database, sql: str, params: list[Any] | None = None) -> None:
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(sql, params or [])
    db.execute("PRAGMA ignore_check_constraints = OFF")
    db.conn.commit()


def plant_entry(db: Database, engagement_id: int, day: str, bucket: str, minutes: Any) -> None:
    plant(db, "INSERT INTO time_entry (engagement_id, day, bucket, minutes, note, created_at) "
              "VALUES (?, ?, ?, ?, '', '2026-01-01')", [engagement_id, day, bucket, minutes])  # fmt: skip


def report(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["report", "week", "--week", WEEK, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def export_all(db: Database, engagement_id: int, folder: Path) -> None:
    for kind, suffix in (("sow", ".docx"), ("handoff", ".docx"), ("timesheet", ".docx"),
                         ("timesheet", ".csv")):  # fmt: skip
        documents.export(db, kind, engagement_id, folder / f"{kind}{suffix}",
                         start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))  # fmt: skip


def test_text_that_is_not_utf8_reads_with_replacement_characters(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plant(db, "UPDATE client SET name = CAST(x'41636d65ff' AS TEXT) WHERE name = 'Acme'")
    plant(db, "UPDATE time_entry SET note = CAST(x'c3' AS TEXT)")
    assert main(["engagements", "list", "--format", "json"]) == 0
    assert "Acme\ufffd" in capsys.readouterr().out
    assert report(capsys)["total_minutes"] == 180
    export_all(db, practice["Acme"], tmp_path)


@pytest.mark.parametrize(
    ("bucket", "minutes", "day"),
    [
        ("xyz", 60, "2026-04-01"),
        ("team", -30, "2026-04-01"),
        ("team", 5000, "2026-04-01"),
        ("team", "abc", "2026-04-01"),
        ("team", 60, "2026-13-45"),
        ("team", 1.5, "2026-04-01"),
    ],
)
def test_a_time_entry_breaking_a_rule_is_left_out_of_every_sum_with_a_warning(
    db: Database,
    practice: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    bucket: str,
    minutes: Any,
    day: str,
) -> None:
    acme = practice["Acme"]
    plant_entry(db, acme, day, bucket, minutes)
    with caplog.at_level(logging.WARNING):
        got = report(capsys)
        assert got["total_minutes"] == 180
        assert isinstance(got["engagements"][0]["total_minutes"], int)
        week = parse_week(WEEK)
        logged = time_entries.bucket_minutes(db, week.start, dt.date(2026, 12, 31), [acme])
        assert logged[acme] == {"strategy": 120, "team": 60, "leadership": 0}
        assert week_report.actual_split(logged[acme]) == {"strategy": 67, "team": 33,
                                                          "leadership": 0}  # fmt: skip
        export_all(db, acme, tmp_path)
    if day.startswith("2026-04"):  # a day 2026-13-45 is in no week: nothing to leave out
        assert "left out" in caplog.text


def test_an_engagement_with_a_start_date_that_is_not_a_date_is_left_out(
    db: Database,
    practice: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    plant(db, "UPDATE engagement SET start_date = 'garbage' WHERE id = ?", [practice["Verde"]])
    with caplog.at_level(logging.WARNING):
        assert main(["engagements", "list", "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert [e["id"] for e in listed] == [practice["Acme"]]
        assert report(capsys)["total_minutes"] == 180
    assert "engagement rows" in caplog.text
    assert main(["export", "sow", "--engagement", str(practice["Verde"]),
                 "--out", str(Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent
                              / "v.docx")]) == 1  # fmt: skip
    assert "break the rules" in capsys.readouterr().err


def test_options_that_are_not_json_are_shown_as_stored(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plant(db, "UPDATE decision SET options = 'Pinecone; pgvector'")
    assert main(["decisions", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Vector store"
    options = decisions.get(db, 1).options
    assert options[0].pros == "Pinecone; pgvector"
    export_all(db, practice["Acme"], tmp_path)

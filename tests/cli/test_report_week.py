"""`fractional-desk report week` against hand-computed numbers, and `fractional-desk log`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.time import time_entries
from storage.time.time_entries import TimeEntry


@pytest.fixture
def practice(db: Database) -> dict[str, int]:
    """Two engagements with a hand-made week 14 of 2026, and one entry just outside it."""
    acme = clients.add(db, Client(name="Acme Robotics"))
    verde = clients.add(db, Client(name="Verde Fintech"))
    a = engagements.add(db, Engagement(
        client_id=acme.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status="active", days_per_week=2, split_strategy=50, split_team=30, split_leadership=20,
    ))  # fmt: skip
    v = engagements.add(db, Engagement(
        client_id=verde.id or 0, title="AI strategy", start_date=dt.date(2026, 2, 2),
        status="active", days_per_week=1.5, hours_per_day=6,
        split_strategy=80, split_team=20, split_leadership=0,
    ))  # fmt: skip
    for eid, day, bucket, minutes in [
        (a.id, "2026-03-30", "strategy", 120),
        (a.id, "2026-03-30", "strategy", 60),
        (a.id, "2026-03-31", "team", 90),
        (a.id, "2026-04-02", "leadership", 30),
        (v.id, "2026-04-05", "strategy", 45),
        (a.id, "2026-04-06", "strategy", 600),  # week 15
    ]:
        time_entries.add(db, TimeEntry(eid or 0, dt.date.fromisoformat(day), bucket, minutes))
    return {"acme": a.id or 0, "verde": v.id or 0}


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["report", "week", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_report_week_json_matches_the_hand_computed_week(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _json(capsys, "--week", "2026-W14") == {
        "week": "2026-W14",
        "start": "2026-03-30",
        "end": "2026-04-05",
        "total_minutes": 345,
        "engagements": [
            {
                "id": practice["acme"],
                "client": "Acme Robotics",
                "title": "Fractional CTO",
                "committed_minutes": 960,
                "total_minutes": 300,
                "so_far_minutes": 300,
                "week_committed_minutes": 960,
                "standing": "under",
                "target_split": {"strategy": 50, "team": 30, "leadership": 20},
                "actual_split": {"strategy": 60, "team": 30, "leadership": 10},
                "minutes": {
                    "strategy": {"2026-03-30": 180},
                    "team": {"2026-03-31": 90},
                    "leadership": {"2026-04-02": 30},
                },
                "signals": [],
            },
            {
                "id": practice["verde"],
                "client": "Verde Fintech",
                "title": "AI strategy",
                "committed_minutes": 540,
                "total_minutes": 45,
                "so_far_minutes": 45,
                "week_committed_minutes": 540,
                "standing": "under",
                "target_split": {"strategy": 80, "team": 20, "leadership": 0},
                "actual_split": {"strategy": 100, "team": 0, "leadership": 0},
                "minutes": {"strategy": {"2026-04-05": 45}, "team": {}, "leadership": {}},
                "signals": [],
            },
        ],
    }


def test_a_date_picks_its_week_and_an_engagement_narrows_it(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    by_date = _json(capsys, "--date", "2026-04-02", "--engagement", str(practice["verde"]))
    assert by_date["week"] == "2026-W14"
    assert [e["id"] for e in by_date["engagements"]] == [practice["verde"]]  # type: ignore[attr-defined]
    assert by_date["total_minutes"] == 45


def test_a_sunday_start_moves_the_week(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    settings.save_profile(db, settings.Profile(week_start="sunday"))
    data = _json(capsys, "--week", "2026-W14")
    assert (data["start"], data["end"]) == ("2026-03-29", "2026-04-04")
    assert data["total_minutes"] == 300  # Verde's Sunday 5 April is in the next week


def test_the_table_shows_the_heading_and_totals(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "week", "--week", "2026-W14"]) == 0
    out = capsys.readouterr().out
    assert "Week 14 · 30 Mar – 5 Apr 2026" in out
    assert "Acme Robotics · Fractional CTO" in out
    assert "Total: 5:45" in out


def test_the_table_names_the_committed_figure(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 4, 2))  # the Thursday of week 14
    assert main(["report", "week", "--week", "2026-W14"]) == 0
    under_way = capsys.readouterr().out
    assert "Committed so far" in under_way
    assert "9:09" in under_way  # 4/7 of Acme's 16 h: the days up to today
    assert main(["report", "week", "--week", "2026-W13"]) == 0
    over = capsys.readouterr().out
    assert "Committed" in over
    assert "so far" not in over
    assert "16:00" in over


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--week", "2025-W53"], "weeks 1 to 52"),
        (["--date", "yesterday"], "not a date"),
        (["--engagement", "999"], "no engagement 999"),
    ],
)
def test_report_refuses_bad_arguments(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["report", "week", *argv]) == 1
    assert message in capsys.readouterr().err


def test_log_prints_the_new_id(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "--engagement", str(practice["acme"]), "--date", "2026-04-03"]
    argv += ["--bucket", "team", "--minutes", "90", "--note", "Pairing on the queue"]
    assert main(argv) == 0
    new_id = int(capsys.readouterr().out.strip())
    stored = time_entries.get(db, new_id)
    assert (stored.minutes, stored.bucket, stored.note) == (90, "team", "Pairing on the queue")
    assert stored.day == dt.date(2026, 4, 3)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"--minutes": "0"}, "minutes: must be between 1 and 1,440"),
        ({"--minutes": "1441"}, "minutes: must be between 1 and 1,440"),
        ({"--date": "2025-12-31"}, "day: is before the engagement started"),
        ({"--date": "2026-04-06", "--minutes": "900"}, "a day has 24 hours"),
        ({"--engagement": "999"}, "choose an engagement that exists"),
        ({"--date": "someday"}, "not a date"),
    ],
)
def test_log_refuses_with_the_message_and_writes_nothing(
    db: Database,
    data_dir: Path,
    practice: dict[str, int],
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, str],
    message: str,
) -> None:
    before = db["time_entry"].count
    options = {"--engagement": str(practice["acme"]), "--date": "2026-04-03", "--minutes": "60"}
    options.update(changes)
    argv = ["log", "--bucket", "strategy", *[x for pair in options.items() for x in pair]]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""
    assert db["time_entry"].count == before

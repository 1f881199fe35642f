"""`fractional-desk portfolio`, `engagements commit` and the capacity check, by hand-computed numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.portfolio import capacity
from storage.practice import clients, commitments, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.time import time_entries
from storage.time.time_entries import TimeEntry

TODAY = dt.date(2026, 3, 25)  # W13


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _add(db: Database, name: str, **values: object) -> Engagement:
    client = clients.add(db, Client(name=name))
    e = Engagement(client_id=client.id or 0, title="Fractional CTO", **values)  # type: ignore[arg-type]
    return engagements.add(db, e)


@pytest.fixture
def practice(db: Database) -> dict[str, int]:
    return build_practice(db)


def build_practice(db: Database) -> dict[str, int]:
    """A: 2 days, 3 from Wednesday 1 April; B: 1.5 days from Friday 27 March to Wednesday 15 April."""
    a = _add(
        db, "Acme", start_date=dt.date(2026, 1, 5), status="active",
        planned_end_date=dt.date(2026, 12, 18), days_per_week=2.0,
    )  # fmt: skip
    commitments.add(db, a, dt.date(2026, 4, 1), 3.0, None)
    b = _add(
        db, "Verde", start_date=dt.date(2026, 3, 27), status="active",
        planned_end_date=dt.date(2026, 4, 15), days_per_week=1.5, hours_per_day=6.0,
    )  # fmt: skip
    _add(
        db, "Old", start_date=dt.date(2025, 1, 6), status="ended",
        planned_end_date=dt.date(2025, 6, 30), ended_on=dt.date(2025, 6, 30), days_per_week=2.0,
    )  # fmt: skip
    for eid, day, minutes in [(a.id, "2026-03-27", 60), (a.id, "2026-03-30", 120),
                              (b.id, "2026-04-02", 45)]:  # fmt: skip
        time_entries.add(db, TimeEntry(eid or 0, dt.date.fromisoformat(day), "team", minutes))
    return {"a": a.id or 0, "b": b.id or 0}


def _portfolio(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["portfolio", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_portfolio_json_matches_the_hand_computed_weeks(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = practice["a"], practice["b"]
    data = _portfolio(capsys, "--from", "2026-03-25", "--weeks", "4")
    assert data["capacity_days_per_week"] == 4.0
    weeks = data["weeks"]
    assert isinstance(weeks, list)
    assert [w["week"] for w in weeks] == ["2026-W13", "2026-W14", "2026-W15", "2026-W16"]
    assert weeks[0] == {
        "week": "2026-W13", "start": "2026-03-23", "capacity_days": 4.0,
        "committed_days": 2.64, "committed_minutes": 1191, "logged_minutes": 60,
        "free_days": 1.36,
        "engagements": [
            {"id": a, "committed_days": 2.0, "committed_minutes": 960, "logged_minutes": 60},
            {"id": b, "committed_days": 0.64, "committed_minutes": 231, "logged_minutes": 0},
        ],  # 3 days of 1.5/7
    }  # fmt: skip
    # A: Mon-Tue at 2, Wed-Sun at 3 = 19/7 days; B a whole week
    assert weeks[1]["engagements"] == [
        {"id": a, "committed_days": 2.71, "committed_minutes": 1303, "logged_minutes": 120},
        {"id": b, "committed_days": 1.5, "committed_minutes": 540, "logged_minutes": 45},
    ]
    assert (weeks[1]["committed_days"], weeks[1]["free_days"]) == (4.21, -0.21)
    assert (weeks[2]["committed_days"], weeks[2]["free_days"]) == (4.5, -0.5)
    assert (weeks[3]["committed_days"], weeks[3]["free_days"]) == (3.64, 0.36)  # B's exit lands
    for week in weeks:  # the numbers add up
        parts = week["engagements"]
        assert round(sum(e["committed_days"] for e in parts), 2) == week["committed_days"]
        assert sum(e["logged_minutes"] for e in parts) == week["logged_minutes"]


def test_days_off_take_weekdays_from_the_week_capacity(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    profile = settings.load_profile(db)
    holiday = (("2026-04-03", "2026-04-06"),)  # Friday to Monday: one weekday in each week
    settings.save_profile(db, dataclasses.replace(profile, days_off=holiday))
    weeks = _portfolio(capsys, "--from", "2026-03-30", "--weeks", "2")["weeks"]
    assert isinstance(weeks, list)
    assert [(w["capacity_days"], w["free_days"]) for w in weeks] == [(3.0, -1.21), (3.0, -1.5)]
    assert main(["portfolio", "--from", "2026-03-30", "--weeks", "1"]) == 0
    assert "2026-W14" in capsys.readouterr().out


def test_the_default_range_is_the_last_four_weeks_and_the_next_26(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    weeks = _portfolio(capsys)["weeks"]
    assert isinstance(weeks, list)
    assert len(weeks) == 30
    assert weeks[0]["week"] == "2026-W09"


def test_the_capacity_check_names_the_weeks_a_change_takes_over(
    db: Database, practice: dict[str, int]
) -> None:
    a = engagements.get(db, practice["a"])
    history = commitments.of(db, a)
    assert capacity.weeks_over(db, a, history) == []  # already over: no change, no warning
    raised = [*history, commitments.CommitmentPeriod(a.id or 0, dt.date(2026, 4, 6), 3.5, 8.0)]
    over = capacity.weeks_over(db, a, raised)
    assert [(w.week.label, w.over_by) for w in over] == [("2026-W15", 1.0), ("2026-W16", 0.14)]
    assert capacity.warning(over, 4.0) == (
        "Over your capacity of 4 days a week in 2 weeks: 2026-W15 by 1 days, 2026-W16 by 0.14 days."
    )


def test_engagements_commit_warns_and_saves_only_when_told(
    db: Database, practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    a = str(practice["a"])
    argv = ["engagements", "commit", "--engagement", a, "--from", "2026-04-06"]
    assert main([*argv, "--days-per-week", "3.5"]) == 1
    assert "Over your capacity of 4 days a week in 2 weeks" in capsys.readouterr().err
    assert len(commitments.of(db, engagements.get(db, practice["a"]))) == 2
    assert main([*argv, "--days-per-week", "3.5", "--over-capacity"]) == 0
    assert "2026-W15 by 1 days" in capsys.readouterr().err
    assert main([*argv, "--days-per-week", "0.5"]) == 0  # a taper, the same day: replaces it
    assert main([*argv, "--days-per-week", "9"]) == 1
    assert "days_per_week: must be between 0.5 and 5" in capsys.readouterr().err
    assert main(["engagements", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)[0]
    assert (listed["days_per_week"], listed["hours_per_day"]) == (2.0, 8.0)  # in force today
    assert listed["commitments"] == [
        {"from": "2026-01-05", "days_per_week": 2.0, "hours_per_day": 8.0},
        {"from": "2026-04-01", "days_per_week": 3.0, "hours_per_day": 8.0},
        {"from": "2026-04-06", "days_per_week": 0.5, "hours_per_day": 8.0},
    ]
    assert main(["engagements", "commit", "--engagement", "99", "--from", "2026-04-06",
                 "--days-per-week", "1"]) == 1  # fmt: skip
    assert "There is no engagement 99" in capsys.readouterr().err


def test_dates_on_the_command_line_are_checked_in_one_line(
    practice: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", "--from", ""]) == 1
    assert "--from: is empty" in capsys.readouterr().err
    argv = ["engagements", "commit", "--engagement", "1", "--days-per-week", "1", "--from"]
    assert main([*argv, "2026-13-01"]) == 1
    assert "is not a date such as 2026-04-02" in capsys.readouterr().err
    assert main([*argv, "2026-01-05"]) == 1  # the engagement's own start
    assert "starts_on: must be after the engagement's start" in capsys.readouterr().err

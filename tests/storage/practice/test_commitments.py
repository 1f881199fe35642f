"""Commitment periods: the commitment in force on each day, pro rata inside a week."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.exit_plan import readiness
from storage.practice import clients, commitments, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.time import time_entries
from storage.time.time_entries import TimeEntry

START = dt.date(2026, 1, 5)  # a Monday


def _engagement(db: Database, **changes: object) -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    values: dict[str, object] = {
        "client_id": client.id or 0, "title": "Fractional CTO", "start_date": START,
        "status": "active", "days_per_week": 2.0, "hours_per_day": 8.0,
    }  # fmt: skip
    return engagements.add(db, Engagement(**{**values, **changes}))  # type: ignore[arg-type]


def _report(capsys: pytest.CaptureFixture[str], week: str) -> int:
    assert main(["report", "week", "--week", week, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["engagements"]
    return int(found[0]["committed_minutes"])


def test_a_new_engagement_has_its_commitment_as_the_first_period(db: Database) -> None:
    e = _engagement(db, days_per_week=2.5, hours_per_day=7.5)
    assert [(p.starts_on, p.days_per_week, p.hours_per_day) for p in commitments.of(db, e)] == [
        (START, 2.5, 7.5)
    ]
    moved = engagements.update(db, engagements.with_changes(e, start_date=dt.date(2026, 1, 7)))
    assert [p.starts_on for p in commitments.of(db, moved)] == [dt.date(2026, 1, 7)]


def test_raising_from_a_date_leaves_every_earlier_week_unchanged(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    e = _engagement(db)
    before = {w: _report(capsys, w) for w in ("2026-W02", "2026-W10", "2026-W14")}
    assert before == {"2026-W02": 960, "2026-W10": 960, "2026-W14": 960}
    commitments.add(db, e, dt.date(2026, 4, 1), 3.0, None)  # a Wednesday in W14
    assert _report(capsys, "2026-W02") == _report(capsys, "2026-W10") == 960
    # Mon-Tue at 16 h a week, Wed-Sun at 24 h: (2 x 960 + 5 x 1440) / 7
    assert _report(capsys, "2026-W14") == round((2 * 960 + 5 * 1440) / 7) == 1303
    assert _report(capsys, "2026-W15") == 1440


def test_in_force_and_the_days_of_a_range(db: Database) -> None:
    e = _engagement(db)
    commitments.add(db, e, dt.date(2026, 3, 2), 3.0, 6.0)
    commitments.add(db, e, dt.date(2026, 6, 1), 0.5, None)  # taper: hours a day kept
    history = commitments.of(db, e)
    assert commitments.in_force(history, dt.date(2026, 3, 1)).days_per_week == 2.0
    assert commitments.in_force(history, dt.date(2026, 3, 2)).hours_per_day == 6.0
    assert commitments.in_force(history, dt.date(2027, 1, 1)).hours_per_day == 6.0
    week = (dt.date(2026, 6, 1), dt.date(2026, 6, 7))
    assert commitments.days_between(history, *week) == pytest.approx(0.5)
    assert commitments.minutes_between(history, *week) == 180


def test_a_period_must_start_after_the_engagement_and_a_later_start_keeps_the_order(
    db: Database,
) -> None:
    e = _engagement(db)
    with pytest.raises(ValidationError, match="after the engagement's start"):
        commitments.add(db, e, START, 3.0, None)
    with pytest.raises(ValidationError, match=r"between 0\.5 and 5"):
        commitments.add(db, e, dt.date(2026, 2, 2), 6.0, None)
    commitments.add(db, e, dt.date(2026, 2, 2), 3.0, None)
    with pytest.raises(ValidationError, match="before the commitment period starting 2026-02-02"):
        engagements.update(db, engagements.with_changes(e, start_date=dt.date(2026, 2, 2)))


def test_a_period_on_the_same_day_replaces_it_and_can_be_removed(db: Database) -> None:
    e = _engagement(db)
    commitments.add(db, e, dt.date(2026, 2, 2), 3.0, None)
    again = commitments.add(db, e, dt.date(2026, 2, 2), 2.5, None)
    assert [p.days_per_week for p in commitments.of(db, e)] == [2.0, 2.5]
    commitments.delete_period(db, again.id or 0)
    assert [p.days_per_week for p in commitments.of(db, e)] == [2.0]
    with pytest.raises(ValidationError, match="engagement's own"):
        commitments.delete_period(db, commitments.of(db, e)[0].id or 0)


def test_a_planned_taper_passes_the_readiness_time_check(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half a day a week logged in the four weeks of a taper is within the commitment."""
    today = dt.date(2026, 6, 28)
    monkeypatch.setattr(clock, "today", lambda: today)
    e = _engagement(db, planned_end_date=dt.date(2026, 7, 31))
    commitments.add(db, e, dt.date(2026, 6, 1), 0.5, None)
    for week in range(4):
        day = dt.date(2026, 6, 1) + dt.timedelta(weeks=week)
        time_entries.add(db, TimeEntry(e.id or 0, day, "team", 240))
    check = next(
        c for c in readiness.review(db, e.id or 0, on=today).checks
        if c.name == "time_within_commitment"
    )  # fmt: skip
    assert check.passed, check.detail
    assert "16 h logged against 16 h committed" in check.detail


def test_a_period_another_tool_broke_is_left_out_and_listed_by_check(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    e = _engagement(db)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(
        "INSERT INTO commitment_period (engagement_id, starts_on, days_per_week, hours_per_day) "
        "VALUES (?, '2026-02-02', 'lots', 8)",
        [e.id],
    )
    db.conn.commit()
    db.execute("PRAGMA ignore_check_constraints = OFF")
    assert [p.days_per_week for p in commitments.of(db, e)] == [2.0]
    assert main(["check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {"table": "commitment_period", "column": "days_per_week"}.items() <= found[0].items()


def test_the_sample_practice_stays_within_its_capacity_but_one_week(db: Database) -> None:
    from storage.portfolio import figures as portfolio
    from storage.sample import SampleOptions, generate

    as_of = dt.date(2026, 3, 16)
    generate(db, SampleOptions(as_of=as_of))
    weeks = portfolio.weeks(db, portfolio.default_first(db, as_of), portfolio.WEEKS)
    over = [w.week.label for w in weeks if w.load.free_days < 0]
    assert over == ["2026-W14"]  # the fundraise week, two weeks ahead
    running = [e for e in engagements.list_all(db) if engagements.is_running(e)]
    assert len(running) == 3
    periods = {e.status: commitments.of(db, e) for e in running}
    assert [p.days_per_week for p in periods["exiting"]] == [1.5, 0.5]  # the taper
    exiting = next(e for e in running if e.status == "exiting")
    review = readiness.review(db, exiting.id or 0, on=as_of)
    time_check = next(c for c in review.checks if c.name == "time_within_commitment")
    assert time_check.passed, time_check.detail  # half a day on Wednesdays, as planned
    heavy = [p.days_per_week for p in commitments.of(db, running[0])]
    assert 3.0 in heavy
    assert heavy[-1] == 1.0


def test_the_timesheet_commits_each_week_by_its_own_period(db: Database) -> None:
    from exporters import timesheet

    e = _engagement(db)
    commitments.add(db, e, dt.date(2026, 1, 14), 3.0, None)  # Wednesday of the second week
    for day in ("2026-01-05", "2026-01-12", "2026-01-19"):
        time_entries.add(db, TimeEntry(e.id or 0, dt.date.fromisoformat(day), "team", 60))
    sheet = timesheet.load(db, e.id or 0, START, dt.date(2026, 1, 25))
    committed = [sheet.committed_minutes(w.week_start) for w in sheet.weeks]
    assert committed == [960, round((2 * 960 + 5 * 1440) / 7), 1440]
    assert sheet.committed_total == sum(committed)
    rows = timesheet.to_csv(sheet).decode("utf-8-sig").splitlines()[1:]
    assert [r.split(",")[5] for r in rows] == ["16.00", "21.72", "24.00"]


def _minutes_by_fractions(
    history: list[commitments.CommitmentPeriod], first: dt.date, last: dt.date
) -> int:
    """`minutes_between` as it was first written, with `Fraction`: the reference."""
    import math
    from fractions import Fraction

    def running(day: dt.date) -> Fraction:
        anchor = history[0].starts_on
        if day <= anchor:
            return -Fraction(str(history[0].minutes_per_week)) * (anchor - day).days / 7
        spans = commitments._spans(history, anchor, day - dt.timedelta(days=1))
        return sum((Fraction(str(p.minutes_per_week)) * n / 7 for p, n in spans), Fraction(0))

    def whole(value: Fraction) -> int:
        return math.floor(value + Fraction(1, 2))

    if first > last:
        return 0
    return whole(running(last + dt.timedelta(days=1))) - whole(running(first))


def test_committed_minutes_in_whole_numbers_match_the_exact_fractions() -> None:
    """The running total is kept in whole numbers (no `fractions` to load): the same minutes
    as with `Fraction` for every day, range and commitment, odd ones included."""
    import random

    rng = random.Random(7)
    days = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 0.7, 1.3, 4.9, 5.0, 2, 3]
    hours = [0.5, 1.0, 7.5, 8.0, 6.25, 7.3, 9.9, 24.0, 8, 0.75]
    for _ in range(400):
        starts = sorted(rng.sample(range(400), rng.randint(1, 4)))
        history = [
            commitments.CommitmentPeriod(1, START + dt.timedelta(days=s), rng.choice(days),
                                         rng.choice(hours))
            for s in starts
        ]  # fmt: skip
        first = START + dt.timedelta(days=rng.randint(-30, 420))
        last = first + dt.timedelta(days=rng.randint(-2, 60))
        expected = _minutes_by_fractions(history, first, last)
        assert commitments.minutes_between(history, first, last) == expected
    assert commitments._exact(1e-05) == (1, 100000)
    assert commitments._exact(1.5e20) == (150000000000000000000, 1)
    assert commitments._exact(960) == (960, 1)

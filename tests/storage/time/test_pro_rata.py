"""The week's commitment counts only the days inside the engagement and, this week, the days
so far: an engagement that starts on a Friday, or a Tuesday's check, is not flagged "under"."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.weeks import week_of
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from storage.time.week_report import counted_days, week_commitments, week_engagements

MONDAY = dt.date(2026, 3, 30)


def _engagement(db: Database, start: dt.date) -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=start, status="active",
        days_per_week=2,
    ))  # fmt: skip


def _log(db: Database, e: Engagement, day: dt.date, minutes: int) -> None:
    time_entries.add(db, TimeEntry(e.id or 0, day, "strategy", minutes))


def test_counted_days_are_inside_the_engagement_and_up_to_today() -> None:
    e = Engagement(
        client_id=1, title="x", start_date=MONDAY + dt.timedelta(days=4), status="active"
    )
    sunday = MONDAY + dt.timedelta(days=6)
    assert counted_days(e, MONDAY, sunday, on=dt.date(2026, 5, 1)) == 3  # Friday to Sunday
    assert counted_days(e, MONDAY, sunday, on=MONDAY + dt.timedelta(days=4)) == 1
    assert counted_days(e, MONDAY, sunday, on=MONDAY) == 0
    ended = engagements.with_changes(e, status="ended", ended_on=MONDAY + dt.timedelta(days=5))
    assert counted_days(ended, MONDAY, sunday, on=dt.date(2026, 5, 1)) == 2


def test_an_engagement_starting_on_friday_is_judged_against_three_days(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 5, 1))
    friday = MONDAY + dt.timedelta(days=4)
    e = _engagement(db, friday)
    _log(db, e, friday, 6 * 60)
    week = week_of(MONDAY, "monday")
    (c,) = week_commitments(db, week_engagements(db, week), week)
    assert c.committed_minutes == round(16 * 60 * 3 / 7)
    assert c.flag == ""  # 6 h of about 6.9 h; against a full week's 16 h it read "under"


def test_the_current_week_compares_with_the_days_elapsed(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    tuesday = MONDAY + dt.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: tuesday)
    e = _engagement(db, dt.date(2026, 1, 5))
    _log(db, e, MONDAY, 4 * 60)
    week = week_of(MONDAY, "monday")
    (c,) = week_commitments(db, week_engagements(db, week), week)
    assert c.committed_minutes == round(16 * 60 * 2 / 7)
    assert c.flag == ""


def test_the_time_tab_flags_a_partial_week_pro_rata(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    tuesday = MONDAY + dt.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: tuesday)
    from widgets.time import time_tab

    monkeypatch.setattr(time_tab, "today", lambda: tuesday)
    e = _engagement(db, dt.date(2026, 1, 5))
    _log(db, e, MONDAY, 4 * 60)
    tab = time_tab.TimeTab(db)
    qtbot.addWidget(tab)
    assert tab.bars.summary()[0][1] == ""  # on track after two days, not "under"

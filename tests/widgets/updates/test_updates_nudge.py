"""The Friday nudge on the Time tab: "Updates to send" on the last working day of the week,
one line per engagement under way, ticked off once sent."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock, week_of
from storage.updates import sent
from widgets.time import time_tab
from widgets.time.time_tab import TimeTab
from widgets.updates.updates_nudge import UpdatesNudge

THURSDAY = dt.date(2026, 3, 12)
FRIDAY = dt.date(2026, 3, 13)
WEEK = week_of(FRIDAY)


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    today = [FRIDAY]
    monkeypatch.setattr(clock, "today", lambda: today[0])
    monkeypatch.setattr(time_tab, "today", lambda: today[0])
    return today


@pytest.fixture
def tab_with_nudge(
    qtbot: QtBot, db: Database, acme: int, day: list[dt.date]
) -> tuple[TimeTab, UpdatesNudge]:
    verde = clients.add(db, Client(name="Verde Fintech"))
    engagements.add(
        db, Engagement(verde.id or 0, "AI strategy", dt.date(2026, 2, 2), status="active")
    )
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    nudge = UpdatesNudge(db, tab)
    tab.add_notice(nudge, nudge.show_week)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab, nudge


def _lines(nudge: UpdatesNudge) -> list[tuple[str, bool]]:
    return [(tick.text(), tick.isChecked()) for tick in nudge.ticks.values()]


def test_the_nudge_shows_on_friday_with_a_line_per_engagement(
    tab_with_nudge: tuple[TimeTab, UpdatesNudge],
) -> None:
    _tab, nudge = tab_with_nudge
    assert nudge.isVisible()
    assert _lines(nudge) == [
        ("Acme Robotics · Fractional CTO", False),
        ("Verde Fintech · AI strategy", False),
    ]


def test_a_line_is_ticked_once_sent_and_unticking_forgets_it(
    tab_with_nudge: tuple[TimeTab, UpdatesNudge], db: Database, acme: int
) -> None:
    _tab, nudge = tab_with_nudge
    nudge.ticks[acme].setChecked(True)
    assert sent.sent_in_week(db, WEEK.start) == {acme: FRIDAY}
    assert _lines(nudge)[0] == ("Acme Robotics · Fractional CTO", True)
    nudge.ticks[acme].setChecked(False)
    assert sent.sent_in_week(db, WEEK.start) == {}


def test_the_nudge_is_hidden_before_the_last_working_day_and_on_other_weeks(
    qtbot: QtBot, tab_with_nudge: tuple[TimeTab, UpdatesNudge], day: list[dt.date]
) -> None:
    tab, nudge = tab_with_nudge
    tab.show_week(WEEK.shifted(-1))
    assert not nudge.isVisible()
    day[0] = THURSDAY
    tab.show_week(WEEK)
    assert not nudge.isVisible()


def test_a_friday_off_brings_the_nudge_to_thursday(
    qtbot: QtBot, tab_with_nudge: tuple[TimeTab, UpdatesNudge], db: Database, day: list[dt.date]
) -> None:
    tab, nudge = tab_with_nudge
    profile = settings.load_profile(db)
    off = ((FRIDAY.isoformat(), FRIDAY.isoformat()),)
    settings.save_profile(db, dataclasses.replace(profile, days_off=off))
    day[0] = THURSDAY
    tab.show_week(WEEK)
    assert nudge.isVisible()


def test_draft_opens_the_editor_for_that_engagement(
    qtbot: QtBot, tab_with_nudge: tuple[TimeTab, UpdatesNudge], acme: int
) -> None:
    _tab, nudge = tab_with_nudge
    with qtbot.waitSignal(nudge.draft_requested) as signal:
        nudge.draft_buttons[acme].click()
    assert signal.args == [acme, WEEK]

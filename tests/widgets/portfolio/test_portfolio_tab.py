"""The Portfolio tab through qtbot: the chart, the table and the strip agree with the command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from storage.practice import settings
from storage.rules import clock
from storage.rules.weeks import week_of
from tests.storage.portfolio.test_portfolio import TODAY, build_practice
from widgets.portfolio.load_chart import describe, free_days_label
from widgets.portfolio.portfolio_model import PortfolioTableModel
from widgets.portfolio.portfolio_tab import PortfolioTab
from widgets.shell.preferences_dialog import PreferencesDialog


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> PortfolioTab:
    build_practice(db)
    page = PortfolioTab(db)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return page


def _cells(tab: PortfolioTab) -> list[list[str]]:
    proxy = tab.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_the_model_passes_the_model_tester(qtmodeltester: object, tab: PortfolioTab) -> None:
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    empty = PortfolioTableModel()
    qtmodeltester.check(empty)  # type: ignore[attr-defined]


def test_the_chart_shows_what_the_command_prints(
    tab: PortfolioTab, capsys: pytest.CaptureFixture[str]
) -> None:
    tab.first_week.setDate(dt.date(2026, 3, 23))
    tab.week_count.setValue(4)
    assert main(["portfolio", "--from", "2026-03-23", "--weeks", "4", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)["weeks"]
    shown = tab.chart.weeks
    assert [w.week.label for w in shown] == [w["week"] for w in printed]
    for mine, theirs in zip(shown, printed, strict=True):
        assert mine.load.committed_days == theirs["committed_days"]
        assert mine.load.free_days == theirs["free_days"]
        assert mine.logged_minutes == theirs["logged_minutes"]
    assert describe(shown[1]).startswith(
        "2026-W14: 4.21 of 4 days committed for the week, -0.21 free"
    )
    assert not tab.chart.grab().isNull()


def test_the_table_sorts_and_a_double_click_goes_to_the_engagement(
    qtbot: QtBot, tab: PortfolioTab
) -> None:
    rows = _cells(tab)
    assert [r[1] for r in rows] == ["Acme", "Verde"]  # sorted by title, then as stored
    acme = rows[0]
    # this week up to Wednesday (3/7 of 16 h) of the whole week's 16 h; the last four weeks are
    # the 28 days to today (the hour logged later this week counts on its own day, not yet)
    assert acme[2:6] == ["Active", "2", "0:00 / 6:51 of 16:00", "0:00 / 64:00"]
    assert acme[6] == "0/0/0 (50/30/20)"
    tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [r[1] for r in _cells(tab)] == ["Acme", "Verde"]  # 2 days before 1.5
    tab.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [r[1] for r in _cells(tab)] == ["Verde", "Acme"]
    assert tab.current_engagement() is None
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    assert tab.current_engagement() == 2
    with qtbot.waitSignal(tab.navigate_requested) as signal:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert signal.args == ["engagement", 2]
    tab.show_record("engagement", 1)
    assert tab.current_engagement() == 1


def test_the_strip_counts_this_week(tab: PortfolioTab) -> None:
    text = tab.strip.text()
    # to Wednesday, as the Time tab and `report week` count it (the hour logged later this week
    # counts on its own day); Verde not begun
    assert text.startswith("This week: 0:00 of 6:51 committed so far · ")
    assert "0 decisions flagged for review" in text
    assert "0 milestones due in the next 14 days" in text
    assert "under commitment: Acme · Fractional CTO" in text


def test_capacity_and_days_off_from_preferences_reach_the_tab(
    qtbot: QtBot, tab: PortfolioTab, db: Database
) -> None:
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    dialog.capacity.setValue(4.5)
    dialog.days_off.setPlainText("2026-03-23 to 2026-03-24\nnot a date")
    dialog.accept()
    assert dialog.errors.labels["days_off"].text() == "Must be a date like 2026-04-02"
    assert settings.load_profile(db).capacity_days_per_week == 4.0  # nothing saved
    dialog.days_off.setPlainText("2026-03-23 to 2026-03-24")
    dialog.accept()
    profile = settings.load_profile(db)
    assert (profile.capacity_days_per_week, profile.days_off) == (
        4.5, (("2026-03-23", "2026-03-24"),),
    )  # fmt: skip
    tab.refresh()
    assert tab.capacity_label.text() == "Capacity: 4.5 days a week"
    week = next(w for w in tab.chart.weeks if w.week == week_of(TODAY))
    assert week.load.capacity_days == 2.5


def test_days_off_keep_their_form(db: Database) -> None:
    profile = dataclasses.replace(
        settings.Profile(), days_off=(("2026-12-24", "2026-12-24"), ("2026-12-28", "2027-01-01"))
    )
    assert settings.days_off_text(profile) == "2026-12-24\n2026-12-28 to 2027-01-01"
    assert settings.parse_days_off(settings.days_off_text(profile)) == profile.days_off


@pytest.mark.parametrize(
    ("free", "label"), [(0.14, "+0.1"), (1.36, "+1.4"), (-1.0, "-1"), (-0.04, "+0"), (2.5, "+2.5")]
)
def test_free_days_over_a_bar_read_to_a_tenth_of_a_day(free: float, label: str) -> None:
    assert free_days_label(free) == label

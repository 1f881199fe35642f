"""The Month tab through qtbot on real practices: the table agrees with `report month`, the days
with the week reports, the flags with the crafted engagements."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from exporters.formatting import money
from storage.rules import clock, durations
from storage.rules.months import Month
from storage.rules.weeks import week_of
from storage.sample import SampleOptions, generate
from storage.time import week_report
from tests.storage.billing.test_month_report import MARCH, practice
from widgets.month.month_model import MonthTableModel
from widgets.month.month_tab import MonthTab
from widgets.time.time_tab import TimeTab

__all__ = ["practice"]  # the crafted practice of the month report's tests, as a fixture here
AS_OF = dt.date(2026, 3, 16)
FEBRUARY = Month(2026, 2)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: AS_OF)


@pytest.fixture
def sample(db: Database) -> Database:
    generate(db, SampleOptions(as_of=AS_OF))
    return db


def _tab(qtbot: QtBot, db: Database, month: Month) -> MonthTab:
    page = MonthTab(db)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.picker.go_to(month)
    return page


def _cells(model: Any) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _report(month: Month, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["report", "month", "--month", month.label, "--format", "json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def test_the_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, sample: Database
) -> None:
    tab = _tab(qtbot, sample, FEBRUARY)
    tab.select_engagement(tab.model.record(0).id)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.days_model)
    qtmodeltester.check(MonthTableModel())


def test_the_table_and_its_totals_are_what_report_month_prints(
    qtbot: QtBot, sample: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tab = _tab(qtbot, sample, FEBRUARY)
    printed = _report(FEBRUARY, capsys)
    rows = _cells(tab.model)
    expected = [e for c in printed["clients"] for e in c["engagements"]]
    assert len(printed["clients"]) >= 2
    assert expected
    shown = [r for r in rows if r[0] != "Total" and not r[1].startswith("All engagements")]
    assert [r[1] for r in shown] == [e["title"] for e in expected]
    for row, line in zip(shown, expected, strict=True):
        assert row[5] == _hours(line["total_minutes"])
        assert row[6] == str(line["days_worked"])
        assert row[10] == money(line["amount_minor"], line["currency"])
    totals = {r[1]: r for r in rows if r[0] == "Total"}
    assert set(totals) == set(printed["totals"])
    for currency, total in printed["totals"].items():
        assert totals[currency][5] == _hours(total["total_minutes"])
        assert totals[currency][10] == money(total["amount_minor"], currency)


def test_in_decimal_hours_every_row_and_column_adds_up_to_its_printed_total(
    qtbot: QtBot, db: Database, practice: dict[str, int]
) -> None:
    tab = _tab(qtbot, db, MARCH)
    durations.use_style("decimal")
    try:
        tab.refresh()
        rows = tab.model.rows()
        eur = next(r for r in rows if r.kind == "total" and r.currency == "EUR")
        assert tab.model.index(rows.index(eur), 5).data() == "49.33"
    finally:
        durations.use_style("h:mm")
    for row in rows:
        assert sum(row.hours[:3]) == row.hours[3]
    for total in (r for r in rows if r.kind == "total"):
        mine = [r for r in rows if r.kind == "line" and r.currency == total.currency]
        for column in range(4):
            assert sum(r.hours[column] for r in mine) == total.hours[column]
    assert eur.hours[3] == 4933  # 2,960 minutes: 49.33 hours, rounded once


def test_the_months_go_by_with_the_keys_and_the_month_shown_is_remembered(
    qtbot: QtBot, sample: Database
) -> None:
    tab = _tab(qtbot, sample, FEBRUARY)
    assert tab.picker.date_edit.text() == "February 2026"
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert tab.month == Month(2026, 1)
    assert tab.picker.date_edit.text() == "January 2026"
    for _ in range(12):
        qtbot.keyClick(tab.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert tab.month == Month(2027, 1)
    assert not tab.empty.isVisible()  # retainers under way bill their fee, time or not
    qtbot.keyClick(tab.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert tab.month == Month(2026, 3)
    tab.picker.date_edit.setDate(dt.date(2020, 1, 20))
    assert (tab.month, tab.model.rowCount()) == (Month(2020, 1), 0)
    assert tab.empty.isVisible()  # before the practice began
    tab.picker.date_edit.setDate(dt.date(2025, 11, 20))
    assert tab.month == Month(2025, 11)
    again = MonthTab(sample)
    qtbot.addWidget(again)
    assert again.month == Month(2025, 11)


def test_the_days_below_are_the_week_reports_days(qtbot: QtBot, sample: Database) -> None:
    tab = _tab(qtbot, sample, FEBRUARY)
    first = tab.model.record(0)
    assert first.line is not None
    assert tab.current_engagement() == first.line.engagement.id  # the first line's days show
    tab.table.selectRow(1)
    tab.table.selectRow(0)
    shown = tab.days_model.rows()
    assert shown[-1].day is None
    assert shown[-1].hours == first.hours
    from_weeks: dict[dt.date, dict[str, int]] = {}
    week = week_of(FEBRUARY.start)
    while week.start <= FEBRUARY.end:
        item = week_report.report(sample, week, first.id)["engagements"][0]
        for bucket, days in item["minutes"].items():
            for day, minutes in days.items():
                if day[:7] == FEBRUARY.label:
                    from_weeks.setdefault(dt.date.fromisoformat(day), {})[bucket] = minutes
        week = week.shifted(1)
    assert [r.day for r in shown[:-1]] == sorted(from_weeks)
    for row in shown[:-1]:
        assert row.day is not None
        logged = from_weeks[row.day]
        assert row.hours == (
            logged.get("strategy", 0), logged.get("team", 0), logged.get("leadership", 0),
            sum(logged.values()),
        )  # fmt: skip
    assert first.line.engagement.label in tab.days_heading.text()


def test_a_double_click_on_a_day_opens_its_week_on_the_time_tab(
    qtbot: QtBot, sample: Database
) -> None:
    tab = _tab(qtbot, sample, FEBRUARY)
    tab.table.selectRow(0)
    asked: list[tuple[str, int]] = []
    tab.navigate_requested.connect(lambda kind, value: asked.append((kind, value)))
    day = tab.days_model.record(1).day
    assert day is not None
    index = tab.days_model.index(1, 0)
    rect = tab.days.visualRect(index)
    qtbot.mouseClick(tab.days.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.days.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked[-1] == ("day", day.toordinal())
    time_tab = TimeTab(sample)
    qtbot.addWidget(time_tab)
    time_tab.show_record(*asked[-1])
    assert time_tab.week.start <= day <= time_tab.week.end


def test_flags_sit_beside_the_rows_they_concern_in_plain_words(
    qtbot: QtBot, db: Database, practice: dict[str, int]
) -> None:
    tab = _tab(qtbot, db, MARCH)
    by_id = {tab.model.record(r).id: r for r in range(tab.model.rowCount())}
    retainer = tab.model.index(by_id[practice["retainer"]], 11)
    assert retainer.data() == "Over retainer, Days over"
    tip = retainer.data(Qt.ItemDataRole.ToolTipRole)
    assert "27:40 h logged against the retainer's 25:09 h this month: 2:31 h over." in tip
    assert "3.46 days worked (hours ÷ the hours a day) against 3.14 days committed" in tip
    no_rate = tab.model.index(by_id[practice["no_rate"]], 11)
    assert no_rate.data() == "No rate"
    assert "no rate, so it bills nothing" in no_rate.data(Qt.ItemDataRole.ToolTipRole)
    assert tab.model.index(by_id[practice["no_rate"]], 10).data() == "No rate"
    hourly = tab.model.index(by_id[practice["hourly"]], 11)
    assert hourly.data() == ""
    assert hourly.data(Qt.ItemDataRole.ToolTipRole) is None
    assert retainer.data(Qt.ItemDataRole.ForegroundRole) is not None

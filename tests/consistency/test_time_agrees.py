"""Committed and logged time agree wherever they are shown: the Time, Portfolio and Month tabs,
`report week`, `portfolio`, `report month`, the timesheet document, the exit review, the month's
invoices and the statement of the hours behind them.

Two committed figures differ by design, and are named apart on screen (`calendar.committed_words`):
"committed so far" (the Time tab, the Portfolio tab's table and strip, `report week`, the exit
review) counts a week under way up to today; "committed for the week" (`portfolio`, the Portfolio
chart) counts all of it. They are the same figure once the week is over.

Each figure is read through its surface (a tab's model, a command's JSON, a .docx read back),
on the sample practice and on a practice built here with an engagement ended early, one raised
and tapered in the middle of weeks, and time on both sides of a week and a month boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from exporters import time_report as statement_document
from exporters import timesheet as timesheet_document
from storage import sample
from storage.billing import invoices
from storage.billing.invoices import Invoice
from storage.exit_plan import readiness
from storage.practice import clients, commitments, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import BUCKETS, clock
from storage.rules.months import Month
from storage.rules.weeks import Week, week_of
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.month.month_tab import MonthTab
from widgets.portfolio.portfolio_tab import PortfolioTab
from widgets.time.time_tab import TimeTab

TODAY = dt.date(2026, 12, 9)  # a Wednesday: the week and the month are under way
HOURS = re.compile(r"^(\d[\d,]*):([0-5]\d)$")
INVOICED_HOURS = re.compile(r"^(\d+:[0-5]\d) h$")  # an hourly line's quantity: `37:30 h`


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    from widgets.time import time_tab

    monkeypatch.setattr(time_tab, "today", lambda: TODAY)


def _built(db: Database) -> None:
    """An engagement raised on a Wednesday and tapered on another; one ended early mid-week;
    time on Saturday 31 October, Sunday 1 November and Monday 2 November."""
    acme = clients.add(db, Client(name="Acme Robotics", status="active"))
    verde = clients.add(db, Client(name="Verde Fintech", status="active"))
    a = engagements.add(db, Engagement(
        client_id=acme.id or 0, title="Fractional CTO", start_date=dt.date(2026, 9, 1),
        planned_end_date=dt.date(2027, 6, 30), status="active", days_per_week=2,
        billing_model="hourly", fee_minor=25_000,
    ))  # fmt: skip
    commitments.add(db, a, dt.date(2026, 10, 14), 3, None)
    commitments.add(db, a, dt.date(2026, 11, 18), 0.5, 6)
    v = engagements.add(db, Engagement(
        client_id=verde.id or 0, title="AI strategy", start_date=dt.date(2026, 8, 3),
        planned_end_date=dt.date(2027, 2, 1), status="active", days_per_week=1.5, hours_per_day=6,
        billing_model="daily", fee_minor=120_000, currency="EUR",
    ))  # fmt: skip
    for eid, day, minutes in [
        (a.id, "2026-10-30", 300), (a.id, "2026-10-31", 120), (a.id, "2026-11-01", 90),
        (a.id, "2026-11-02", 240), (a.id, "2026-11-19", 200), (a.id, "2026-12-08", 180),
        (v.id, "2026-10-28", 360), (v.id, "2026-11-01", 60), (v.id, "2026-11-03", 150),
        (v.id, "2026-11-04", 420), (a.id, "2026-09-15", 480), (v.id, "2026-09-16", 400),
    ]:  # fmt: skip
        time_entries.add(db, TimeEntry(eid or 0, dt.date.fromisoformat(day), "strategy", minutes))
    ended = engagements.with_changes(
        engagements.get(db, v.id or 0), status="ended", ended_on=dt.date(2026, 11, 4)
    )
    engagements.update(db, ended)


@pytest.fixture(params=["sample", "built"])
def practice(request: pytest.FixtureRequest, db: Database) -> Database:
    if request.param == "sample":
        sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    else:
        _built(db)
    return db


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> Any:
    capsys.readouterr()
    assert main([*argv, "--format", "json", "--data-dir", str(data_dir)]) == 0
    return json.loads(capsys.readouterr().out)


def _minutes(text: str) -> int:
    match = HOURS.match(text.strip())
    assert match, text
    return int(match[1].replace(",", "")) * 60 + int(match[2])


def _weeks() -> list[Week]:
    this = week_of(TODAY, "monday")
    return [this.shifted(-n) for n in range(20, -1, -1)]


def _timesheet_weeks(
    db: Database, eid: int, first: dt.date, last: dt.date, tmp: Path
) -> dict[dt.date, tuple[int, int]]:
    """(logged, committed) per week start, read back from the exported .docx's weeks table."""
    target = timesheet_document.export(db, eid, tmp / f"timesheet-{eid}.docx", first, last)
    table = next(t for t in docx.Document(str(target)).tables if t.rows[0].cells[0].text == "Week")
    sheet = timesheet_document.load(db, eid, first, last)
    found = {}
    for week, row in zip(sheet.every_week, table.rows[1:], strict=False):
        cells = [c.text for c in row.cells]
        found[week.week_start] = (_minutes(cells[-2]), _minutes(cells[-1]))
    total = [c.text for c in table.rows[-1].cells]
    found[dt.date.min] = (_minutes(total[-2]), _minutes(total[-1]))
    return found


def test_weeks_agree_on_every_surface(
    practice: Database,
    data_dir: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    weeks = _weeks()
    portfolio = _cli(capsys, data_dir, "portfolio", "--from", weeks[0].start.isoformat(),
                     "--weeks", str(len(weeks)))  # fmt: skip
    by_week = {w["week"]: {e["id"]: e for e in w["engagements"]} for w in portfolio["weeks"]}
    time_tab = TimeTab(practice)
    qtbot.addWidget(time_tab)
    checked = 0
    for week in weeks:
        report = _cli(capsys, data_dir, "report", "week", "--week", week.label)
        time_tab.show_week(week)
        bars = {c.engagement.id: c for c in time_tab.bars.week}
        for item in report["engagements"]:
            eid = item["id"]
            shown = bars[eid]
            assert (shown.committed_minutes, shown.total_minutes) == (
                item["committed_minutes"], item["total_minutes"]), (week.label, eid)  # fmt: skip
            # `report week` and the Time tab show "committed so far", `portfolio` "committed for
            # the week": the same figure once the week is over; while it is under way, by design,
            # the days after today count only in the week's.
            row = by_week[week.label].get(eid, {"committed_minutes": 0, "logged_minutes": 0})
            committed_so_far, committed_for_the_week = (
                item["committed_minutes"],
                row["committed_minutes"],
            )
            assert row["logged_minutes"] == item["total_minutes"], (week.label, eid)
            if week.end < TODAY:
                assert committed_so_far == committed_for_the_week, (week.label, eid)
                checked += 1
            else:
                assert committed_so_far <= committed_for_the_week, (week.label, eid)
    assert checked > 10

    time_tab.show_week(weeks[-1])
    recent = {c.engagement.id: c for c in time_tab.bars.recent}
    page = PortfolioTab(practice)
    qtbot.addWidget(page)
    for r in range(page.model.rowCount()):  # the Portfolio tab's table: "committed so far"
        row = page.model.record(r)
        mine = recent[row.id]
        assert (row.recent.committed_minutes, row.recent.total_minutes) == (
            mine.committed_minutes, mine.total_minutes)  # fmt: skip
        now = {c.engagement.id: c for c in time_tab.bars.week}[row.id]
        assert (row.week.committed_minutes, row.week.total_minutes) == (
            now.committed_minutes, now.total_minutes)  # fmt: skip
        check = next(c for c in readiness.review(practice, row.id or 0, on=TODAY).checks
                     if c.name == "time_within_commitment")  # fmt: skip
        expected = (f"{mine.total_minutes / 60:.0f} h logged against "
                    f"{mine.committed_minutes / 60:.0f} h committed")  # fmt: skip
        assert check.detail.startswith(expected), (row.engagement.label, check.detail)


def test_the_timesheet_agrees_with_the_weeks_and_the_month(
    practice: Database,
    data_dir: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    november = Month(2026, 11)
    month = _cli(capsys, data_dir, "report", "month", "--month", november.label)
    lines = {e["id"]: e for c in month["clients"] for e in c["engagements"]}
    tab = MonthTab(practice)
    qtbot.addWidget(tab)
    tab.picker.go_to(november)
    shown = {
        r.line.engagement.id: r.line
        for r in (tab.model.record(i) for i in range(tab.model.rowCount()))
        if r.line is not None
    }
    assert set(shown) == set(lines)
    for eid, line in lines.items():
        assert (shown[eid].committed_minutes, shown[eid].total_minutes) == (
            line["committed_minutes"], line["total_minutes"])  # fmt: skip
        sheet = _timesheet_weeks(practice, eid, november.start, november.end, tmp_path)
        assert sheet.pop(dt.date.min) == (line["total_minutes"], line["committed_minutes"])
        for start, (logged, committed) in sheet.items():
            week = week_of(start, "monday")
            if november.start <= week.start and week.end <= november.end:
                report = _cli(capsys, data_dir, "report", "week", "--week", week.label,
                              "--engagement", str(eid))  # fmt: skip
                item = report["engagements"][0]
                assert (logged, committed) == (item["total_minutes"], item["committed_minutes"])


def _invoices(db: Database, client_id: int, month: Month) -> list[Invoice]:
    """The client's invoices of the month (not void); a draft, made as the Month tab makes it,
    in each currency that has none yet."""
    found = [i for i in invoices.list_invoices(db, client_id=client_id)
             if i.month == month.label and i.status != "void"]  # fmt: skip
    billed = {i.currency for i in found}
    for currency in invoices.billable(db, client_id, month):
        if currency not in billed:
            found.append(invoices.create_for_month(db, client_id, month, TODAY, currency))
    return found


def _statement_minutes(db: Database, client_id: int, month: Month, tmp: Path) -> list[list[int]]:
    """Per engagement on the statement .docx read back: its minutes per bucket and in total in
    the summary, the total of its own table and the sum of that table's days."""
    target = statement_document.export(db, client_id, month, tmp / f"statement-{client_id}.docx")
    tables = docx.Document(str(target)).tables
    summary = [[c.text for c in row.cells] for row in tables[0].rows[1:]]
    parts = iter(tables[1:])
    found = []
    for cells in summary:
        if cells[0].startswith("Total ("):
            continue
        listed = [*map(_minutes, cells[1:5])]
        if listed[-1]:  # an engagement with time has its table of days
            days = [[c.text for c in row.cells] for row in next(parts).rows[1:]]
            assert days[-1][0] == "Total"
            listed += [_minutes(days[-1][2]), sum(_minutes(d[2]) for d in days[:-1])]
        else:
            listed += [0, 0]
        found.append(listed)
    assert next(parts, None) is None
    return found


def test_invoices_and_the_statement_bill_the_hours_of_the_month(
    practice: Database,
    data_dir: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    november = Month(2026, 11)
    month = _cli(capsys, data_dir, "report", "month", "--month", november.label)
    tab = MonthTab(practice)
    qtbot.addWidget(tab)
    tab.picker.go_to(november)
    shown = {
        r.line.engagement.id: r.line
        for r in (tab.model.record(i) for i in range(tab.model.rowCount()))
        if r.line is not None
    }
    lines: list[tuple[int, str]] = []  # (engagement, billing model) of every invoice line
    for client in month["clients"]:
        items = {e["id"]: e for e in client["engagements"]}
        for eid, item in items.items():
            assert (shown[eid].total_minutes, dict(shown[eid].minutes)) == (
                item["total_minutes"], item["minutes"])  # fmt: skip
        for invoice in _invoices(practice, client["id"], november):
            for line in invoice.lines:
                item = items[line.engagement_id or 0]
                lines.append((item["id"], item["billing_model"]))
                if item["billing_model"] == "hourly":
                    match = INVOICED_HOURS.match(line.quantity)
                    assert match, line.quantity
                    assert _minutes(match[1]) == item["total_minutes"], (invoice.number, line)
                elif item["billing_model"] == "daily":  # each day's hours / its hours a day
                    assert line.quantity == f"{item['day_equivalents']:.2f} days"
        on_statement = [e for e in client["engagements"] if e["total_minutes"] or e["amount_minor"]]
        expected = [
            [*(e["minutes"][b] for b in BUCKETS), *[e["total_minutes"]] * 3] for e in on_statement
        ]
        assert _statement_minutes(practice, client["id"], november, tmp_path) == expected
    billed = [(e["id"], e["billing_model"]) for c in month["clients"] for e in c["engagements"]
              if e["amount_minor"]]  # fmt: skip
    assert sorted(lines) == sorted(billed)  # every line billed once, on its client's invoice
    assert len(billed) > 1

"""Money agrees everywhere: what is typed in the engagement editor is what is stored, shown,
exported and printed, in a currency without minor units (JPY), with two (GBP) and with three
(KWD); and a month's amount per engagement is the same on the Month tab, in `report month`, on
a draft invoice and on the statement."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.cli import main
from exporters import invoice, scope_of_work
from exporters import time_report as statement
from storage.billing import invoices, month_report
from storage.practice import Client, clients, engagements
from storage.rules import Money, clock
from storage.rules.months import Month
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.storage.billing.test_month_report import practice
from widgets.clients.engagement_editor import EngagementEditor
from widgets.common import dialogs
from widgets.month.month_tab import MonthTab

__all__ = ["practice"]
MARCH = Month(2026, 3)
TODAY = dt.date(2026, 4, 2)
TYPED = [("JPY", "100000", 100_000), ("GBP", "1250.50", 125_050), ("KWD", "1.250", 1_250)]


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    edit = widget.lineEdit() if hasattr(widget, "lineEdit") else widget  # type: ignore[attr-defined]
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _enter_engagement(qtbot: QtBot, db: Database, client_id: int, code: str, text: str) -> int:
    """A March retainer whose fee and heavy-period rate are typed as a person types them."""
    editor = EngagementEditor(db, engagements.new_for_client(client_id))
    qtbot.addWidget(editor)
    _type(qtbot, editor.title_edit, f"Retainer in {code}")
    editor.status.setCurrentIndex(editor.status.findData("active"))
    editor.start_date.setDate(QDate(2026, 3, 1))
    editor.billing_model.setCurrentIndex(editor.billing_model.findData("monthly_retainer"))
    _type(qtbot, editor.currency, code)
    assert editor.amount.decimals() == Money(0, code).exponent
    _type(qtbot, editor.amount, text)
    _type(qtbot, editor.terms.heavy_rate, text)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.saved is not None, editor.errors.message("fee_minor")
    return editor.saved.id or 0


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _docx_tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> str:
    capsys.readouterr()
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("code", "text", "minor"), TYPED)
def test_money_typed_is_stored_shown_exported_and_printed_alike(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    code: str,
    text: str,
    minor: int,
) -> None:
    typed = Money(minor, code)
    wrong = Money(minor * 100, code).format()  # what multiplying by a hundred would print
    client_id = clients.add(db, Client(name=f"Client {code}", status="active")).id or 0
    eid = _enter_engagement(qtbot, db, client_id, code, text)

    row = db["engagement"].get(eid)  # stored
    assert (row["fee_minor"], row["heavy_rate_minor"], row["currency"]) == (minor, minor, code)

    again = EngagementEditor(db, engagements.get(db, eid))  # shown in the editor
    qtbot.addWidget(again)
    assert again.amount.money() == typed
    assert again.amount.cleanText() == typed.grouped()
    assert again.terms.heavy_rate.text() == typed.grouped(whole=True)

    tab = MonthTab(db)  # shown on the Month tab
    qtbot.addWidget(tab)
    tab.picker.go_to(MARCH)
    month_row = tab.model.row_of(eid)
    assert month_row is not None
    shown = tab.model.index(month_row, tab.model.fields.index("amount")).data()
    assert shown == typed.format()

    sow = _docx_text(scope_of_work.export(db, eid, tmp_path / "sow.docx", on=TODAY))
    assert f"{typed.format(whole=True)} a month" in sow
    assert f"{typed.format(whole=True)} a day" in sow  # the heavy-period rate
    assert wrong not in sow

    draft = invoices.create_for_month(db, client_id, MARCH, TODAY)
    assert [line.amount_minor for line in draft.lines] == [minor]
    tables = _docx_tables(invoice.export(db, draft.number, tmp_path / "invoice.docx"))
    lines = next(t for t in tables if t[-1][0] == "Total due")
    assert lines[1][-1] == typed.format()
    assert lines[-1][-1] == Money(draft.total_minor, code).format()

    report = _cli(capsys, data_dir, "report", "month", "--month", "2026-03")  # printed
    assert typed.format() in report
    assert wrong not in report
    listed = _cli(capsys, data_dir, "invoice", "list")
    assert Money(draft.total_minor, code).format() in listed
    assert f"{typed.format(whole=True)} per month" in _cli(capsys, data_dir, "engagements", "list")


def test_a_months_amount_per_engagement_agrees_on_every_surface(
    qtbot: QtBot,
    db: Database,
    practice: dict[str, int],
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    jpy = clients.add(db, Client(name="Kaizen KK")).id or 0
    made = engagements.add(
        db,
        engagements.Engagement(
            jpy, "Hourly in yen", dt.date(2026, 3, 1), status="active",
            billing_model="hourly", fee_minor=25_000, currency="JPY",
        ),
    )  # fmt: skip
    time_entries.add(db, TimeEntry(made.id or 0, dt.date(2026, 3, 3), "team", 95))
    lines = month_report.lines(db, MARCH)
    billed = {x.engagement.id: x.billed for x in lines if x.billing.amount_minor}
    assert billed[made.id] == Money(39_583, "JPY")  # 95 min x JPY 25,000 an hour, half up
    assert {m.currency for m in billed.values()} == {"GBP", "EUR", "JPY"}

    tab = MonthTab(db)
    qtbot.addWidget(tab)
    tab.picker.go_to(MARCH)
    amount = tab.model.fields.index("amount")
    for eid, money in billed.items():
        row = tab.model.row_of(eid)
        assert row is not None
        assert tab.model.index(row, amount).data() == money.format()

    data = json.loads(_cli(capsys, data_dir, "report", "month", "--month", "2026-03",
                           "--format", "json"))  # fmt: skip
    reported = {e["id"]: e for c in data["clients"] for e in c["engagements"]}
    for eid, money in billed.items():
        assert Money(reported[eid]["amount_minor"], reported[eid]["currency"]) == money
    printed = _cli(capsys, data_dir, "report", "month", "--month", "2026-03")
    assert all(money.format() in printed for money in billed.values())

    for client_id in {x.engagement.client_id for x in lines}:
        for code, found in invoices.billable(db, client_id, MARCH).items():
            draft = invoices.create_for_month(db, client_id, MARCH, TODAY, code)
            on_invoice = {x.engagement_id: Money(x.amount_minor, code) for x in draft.lines}
            assert on_invoice == {x.engagement.id: billed[x.engagement.id] for x in found}
        path = statement.export(db, client_id, MARCH, tmp_path / f"statement-{client_id}.docx")
        summary = _docx_tables(path)[0]
        titles = {x.engagement.title: x.engagement.id for x in lines}
        for cells in summary[1:]:
            if cells[0] in titles and titles[cells[0]] in billed:
                assert cells[-1] == billed[titles[cells[0]]].format()

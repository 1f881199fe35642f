"""The invoices on the Month tab: made for the client selected and the month shown, moved on by
the buttons (sent after a confirmation, with its final document; paid by payments; corrected by
a credit note), refusals in plain words, overdue in red, documents handed to the export flow,
and what is owed and left to bill shown below."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.billing import invoices
from storage.practice import clients, engagements
from storage.rules import clock
from tests.storage.billing.test_month_report import MARCH, practice
from widgets.common import dialogs, palette
from widgets.common.documents import DocumentRequest
from widgets.month import invoice_panel
from widgets.month.invoice_dialogs import DayDialog
from widgets.month.month_tab import MonthTab

__all__ = ["practice"]
TODAY = dt.date(2026, 4, 2)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def tab(qtbot: QtBot, db: Database, practice: dict[str, int]) -> MonthTab:
    page = MonthTab(db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.picker.go_to(MARCH)
    return page


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[dt.date | None]:
    """The days the next dialogs are answered with (None cancels), and confirmations: yes."""
    days: list[dt.date | None] = []

    def answer(dialog: DayDialog) -> bool:
        day = days.pop(0)
        if day is not None:
            dialog.date_edit.setDate(day)
        return day is not None

    monkeypatch.setattr(invoice_panel, "ask_day", answer)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    return days


def _select_client_of(tab: MonthTab, engagement_id: int) -> None:
    tab.select_engagement(engagement_id)


def _shown(tab: MonthTab) -> list[list[str]]:
    model = tab.invoices.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _click(tab: MonthTab, key: str) -> None:
    tab.invoices.buttons[key].click()


def test_an_invoice_is_created_moved_on_and_its_status_shown(
    qtbot: QtBot, tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    wanted: list[DocumentRequest] = []
    tab.document_requested.connect(wanted.append)
    tab.select_engagement(None)
    assert not tab.invoices.buttons["create"].isEnabled()  # no client selected
    _select_client_of(tab, practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    _click(tab, "create")
    rows = _shown(tab)
    assert len(rows) == 1
    number, client, month, issued, _due, total, status, overdue = rows[0]
    assert (client, month, issued, total, status, overdue) == (
        "Verde Fintech", "March 2026", "1 Apr 2026", "€4,258.06", "Draft", ""
    )  # fmt: skip
    assert wanted == []  # a draft is not offered as a document: it would say "Draft"
    assert tab.invoices.current().number == number  # type: ignore[union-attr]
    assert "created as a draft" in tab.invoices.message.text()
    assert not tab.invoices.buttons["paid"].isEnabled()
    _click(tab, "sent")
    assert _shown(tab)[0][6] == "Sent 2 Apr 2026"
    assert [r.label for r in wanted] == [f"invoice {number}"]  # the final document
    assert wanted[0].extensions == (".docx",)
    assert not tab.invoices.buttons["delete"].isEnabled()
    assert not tab.invoices.buttons["void"].isEnabled()  # a sent invoice takes a credit note
    assert "Owed: €4,258.06" in tab.owed.totals.text()
    answers.append(dt.date(2026, 4, 2))
    _click(tab, "paid")
    assert _shown(tab)[0][6] == "Paid 2 Apr 2026"
    assert invoices.get_by_number(tab.db, number).status == "paid"
    assert not any(tab.invoices.buttons[k].isEnabled() for k in ("sent", "paid", "void", "credit"))
    assert tab.owed.totals.text().startswith("Nothing is owed")


def test_refusals_are_shown_in_plain_words_and_nothing_changes(
    tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    _select_client_of(tab, practice["retainer"])
    answers.extend([None, dt.date(2026, 4, 1), dt.date(2026, 4, 3)])
    _click(tab, "create")  # cancelled: nothing made
    assert _shown(tab) == []
    _click(tab, "create")
    _click(tab, "create")  # the month is billed already
    assert len(_shown(tab)) == 1
    assert tab.invoices.message.text().startswith(
        f"Invoice {_shown(tab)[0][0]} already bills Verde Fintech for 2026-03 in EUR"
    )
    _click(tab, "sent")
    answers.append(dt.date(2026, 3, 1))  # before it was sent
    _click(tab, "paid")
    assert tab.invoices.message.text() == "Must not be before 2026-04-02, when it was sent"
    assert _shown(tab)[0][6] == "Sent 2 Apr 2026"
    _select_client_of(tab, practice["no_rate"])
    _click(tab, "create")
    assert tab.invoices.message.text() == "Bravo Labs has nothing to bill in March 2026"


def test_void_keeps_the_number_and_only_a_draft_is_deleted(
    tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    _select_client_of(tab, practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    _click(tab, "create")
    first = _shown(tab)[0][0]
    _click(tab, "void")
    assert _shown(tab)[0][6] == "Void 2 Apr 2026"
    assert "number is kept" in tab.invoices.message.text()
    answers.append(dt.date(2026, 4, 2))
    _click(tab, "create")  # a void leaves the month to bill again
    second = _shown(tab)[0][0]
    assert second != first
    _click(tab, "delete")
    assert [r[0] for r in _shown(tab)] == [first]
    tab.invoices.status.setCurrentIndex(tab.invoices.status.findData("draft"))
    assert _shown(tab) == []
    again = MonthTab(tab.db)
    assert again.invoices.status.currentData() == "draft"  # the filter is remembered
    again.deleteLater()


def test_a_client_billing_in_two_currencies_is_asked_which(
    qtbot: QtBot, tab: MonthTab, practice: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.billing import instalments
    from storage.billing.instalments import Instalment

    fixed = practice["fixed"]  # Verde's USD fixed fee: an instalment due in March
    instalments.replace_for(tab.db, fixed, [Instalment(0, dt.date(2026, 3, 15), 100000, "One")])
    asked: list[tuple[str, ...]] = []

    def answer(dialog: DayDialog) -> bool:
        asked.append(tuple(dialog.currency.itemText(i) for i in range(dialog.currency.count())))
        dialog.currency.setCurrentText("USD")
        return True

    monkeypatch.setattr(invoice_panel, "ask_day", answer)
    tab.refresh()
    _select_client_of(tab, engagements.get(tab.db, fixed).id)
    _click(tab, "create")
    assert asked == [("EUR", "USD")]
    assert _shown(tab)[0][5] == "$1,000.00"


def test_a_sent_invoice_past_its_due_date_is_flagged_overdue_in_red(
    tab: MonthTab, practice: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = clients.get(tab.db, engagements.get(tab.db, practice["retainer"]).client_id)
    made = invoices.create_for_month(tab.db, client.id or 0, MARCH, dt.date(2026, 4, 1))
    invoices.mark(tab.db, made.number, "sent", dt.date(2026, 4, 1))
    tab.invoices.refresh()
    assert _shown(tab)[0][7] == ""
    later = made.due_on + dt.timedelta(days=3)
    monkeypatch.setattr(clock, "today", lambda: later)
    tab.invoices.refresh()
    flag = tab.invoices.model.index(0, 7)
    assert flag.data() == "Overdue"
    assert flag.data(Qt.ItemDataRole.ForegroundRole) == palette.colours().accent("error")
    assert "3 days ago" in flag.data(Qt.ItemDataRole.ToolTipRole)


def test_the_time_report_and_the_statement_are_asked_for_as_word_or_csv(
    tab: MonthTab, practice: dict[str, int]
) -> None:
    wanted: list[DocumentRequest] = []
    tab.document_requested.connect(wanted.append)
    _select_client_of(tab, practice["hourly"])
    _click(tab, "time_report")
    _click(tab, "statement")
    assert [w.name for w in wanted] == ["Time report Acme-Robotics 2026-03.docx",
                                        "Statement Acme-Robotics.docx"]  # fmt: skip
    assert {w.extensions for w in wanted} == {(".docx", ".csv")}


def test_a_sent_invoice_is_paid_in_part_and_corrected_by_a_credit_note(
    tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    wanted: list[DocumentRequest] = []
    tab.document_requested.connect(wanted.append)
    _select_client_of(tab, practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    _click(tab, "create")
    number = _shown(tab)[0][0]
    _click(tab, "sent")

    def part(dialog: DayDialog) -> bool:
        if isinstance(dialog, invoice_panel.PaymentDialog):
            dialog.amount.setText("1,000")
        dialog.date_edit.setDate(TODAY)
        return True

    monkeypatch.setattr(invoice_panel, "ask_day", part)
    _click(tab, "paid")
    assert "€3,258.06 is still owed" in tab.invoices.message.text()
    _click(tab, "credit")  # over what is still owed: refused
    assert "is over what invoice" in tab.invoices.message.text()
    assert tab.db.execute("SELECT count(*) FROM credit_note").fetchone()[0] == 0

    def too_much(dialog: invoice_panel.PaymentDialog) -> bool:
        dialog.amount.setText("-5")
        return True

    monkeypatch.setattr(invoice_panel, "ask_day", too_much)
    _click(tab, "paid")
    assert tab.invoices.message.text().startswith("Enter an amount")
    assert invoices.get_by_number(tab.db, number).paid_minor == 100_000


def test_a_credit_note_cancels_a_sent_invoice_and_the_month_is_billed_again(
    tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    wanted: list[DocumentRequest] = []
    tab.document_requested.connect(wanted.append)
    _select_client_of(tab, practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    _click(tab, "create")
    number = _shown(tab)[0][0]
    assert "Verde Fintech €4,258.06" not in tab.owed.to_invoice.text()  # invoiced
    _click(tab, "sent")
    answers.append(dt.date(2026, 4, 2))
    _click(tab, "credit")
    assert tab.invoices.message.text() == f"Credit note CN-2026-0001 issued for invoice {number}."
    assert wanted[-1].label == "credit note CN-2026-0001"
    assert _shown(tab)[0][6].startswith("Credited")
    assert "Verde Fintech €4,258.06" in tab.owed.to_invoice.text()  # left to bill again


def test_an_overdue_invoice_gets_a_reminder_on_the_clipboard(
    tab: MonthTab, practice: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    wanted: list[DocumentRequest] = []
    tab.document_requested.connect(wanted.append)
    client = clients.get(tab.db, engagements.get(tab.db, practice["retainer"]).client_id)
    made = invoices.create_for_month(tab.db, client.id or 0, MARCH, dt.date(2026, 4, 1))
    invoices.mark(tab.db, made.number, "sent", dt.date(2026, 4, 1))
    monkeypatch.setattr(clock, "today", lambda: made.due_on + dt.timedelta(days=40))
    tab.refresh()
    tab.invoices.table.selectRow(0)
    assert tab.invoices.buttons["remind"].isEnabled()
    _click(tab, "remind")
    assert "40 days overdue" in QGuiApplication.clipboard().text()
    assert wanted[-1].label == f"reminder for invoice {made.number}"
    assert tab.owed.model.rowCount() == 1


def test_the_window_saves_the_invoice_the_tab_asks_for(
    qtbot: QtBot, db: Database, data_dir: Path, practice: dict[str, int],
    answers: list[dt.date | None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    pytest.importorskip("exporters.invoice")
    from docx import Document

    from desktop.main_window import MainWindow
    from widgets.export import export_flow

    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    target = tmp_path / "out" / "invoice.docx"
    target.parent.mkdir()
    monkeypatch.setattr(export_flow, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(export_flow.ExportDoneDialog, "open", lambda self: None)
    tab = next(p for p in window.pages if isinstance(p, MonthTab))
    tab.picker.go_to(MARCH)
    tab.select_engagement(practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    _click(tab, "create")
    with qtbot.waitSignal(window.export.flow.exported, timeout=20000):
        _click(tab, "sent")
    window.export.flow.wait()
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert _shown(tab)[0][0] in text


def test_a_credit_note_for_chosen_lines_leaves_the_rest_owed(
    tab: MonthTab, practice: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.billing.invoices import InvoiceLine
    from widgets.month.invoice_dialogs import CreditDialog

    client = clients.get(tab.db, engagements.get(tab.db, practice["hourly"]).client_id)
    made = invoices.create_for_month(tab.db, client.id or 0, MARCH, dt.date(2026, 4, 1), "EUR")
    extra = InvoiceLine("Travel to the board meeting", "", 10_000)
    made = invoices.update_draft(tab.db, invoices.with_lines(made, [*made.lines, extra]))
    invoices.mark(tab.db, made.number, "sent", dt.date(2026, 4, 1))
    tab.refresh()
    tab.invoices.table.selectRow(0)
    first = made.lines[0]

    def only_the_first(dialog: DayDialog) -> bool:
        assert isinstance(dialog, CreditDialog)
        for line_id, box in dialog.lines.items():
            box.setChecked(line_id == first.id)
        dialog.reason.setText("Hours billed twice")
        return True

    monkeypatch.setattr(invoice_panel, "ask_day", only_the_first)
    _click(tab, "credit")
    assert tab.invoices.message.text().startswith("Credit note CN-2026-0001 issued")
    after = invoices.get_by_number(tab.db, made.number)
    assert 0 < after.credited_minor < after.total_minor
    assert after.balance_minor == after.total_minor - after.credited_minor

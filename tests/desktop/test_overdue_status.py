"""The status bar says what is overdue, in one line, and follows a payment made on the Month
tab; it says nothing when all is paid on time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from storage.billing import invoices, payments
from storage.file import AppDatabase
from storage.rules import clock
from tests.invoice_practice import billed_practice

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_the_status_bar_names_what_is_overdue(
    qtbot: QtBot, db: AppDatabase, data_dir: Path
) -> None:
    ids = billed_practice(db)
    made = invoices.create_for_month(db, ids["bravo"], "2026-03", dt.date(2026, 4, 2), "GBP")
    invoices.mark(db, made.number, "sent", dt.date(2026, 4, 2))
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    label = window.overdue.label
    assert label.text() == ""  # read after the first paint, not before it
    window.show()
    qtbot.waitUntil(lambda: label.text() != "")
    assert label.text() == f"Overdue: £{made.total_minor / 100:,.2f} on 1 invoice"
    payments.record(db, made.number, made.total_minor, dt.date(2026, 5, 1))
    window.bus.announce({"invoice"})
    assert label.text() == ""
    assert label.isHidden()

"""Invoices: made from the month report, numbered without reuse, never changed once sent."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.billing import credit_notes, invoice_numbers, invoices
from storage.billing.invoices import InvoiceLine
from storage.practice import clients, settings
from storage.rules.errors import ValidationError
from storage.rules.months import Month
from tests.invoice_practice import billed_practice

MARCH = Month(2026, 3)
ISSUED = dt.date(2026, 4, 2)


@pytest.fixture
def billed(db: Database) -> dict[str, int]:
    return billed_practice(db)


def test_a_draft_from_the_month_with_a_line_per_engagement(
    db: Database, billed: dict[str, int]
) -> None:
    inv = invoices.create_for_month(db, billed["acme"], "2026-03", issued_on=ISSUED)
    assert (inv.number, inv.status, inv.month, inv.currency) == ("2026-0001", "draft", "2026-03",
                                                                 "EUR")  # fmt: skip
    got = [(x.description, x.quantity, x.amount_minor) for x in inv.lines]
    assert got == [
        ("Advisory days", "1.50 days", 120000),  # 720 / 480 × 800.00
        ("AI strategy", "22/31 of a month", 425806),  # 6,000.00 × 22/31
        ("CTO hours", "37:30 h", 462938),  # 2,250 / 60 × 123.45 = 4,629.375
        ("Platform sprint", "Instalment: Phase 1", 1_000_000),
    ]
    assert inv.subtotal_minor == 2_008_744 == sum(x.amount_minor for x in inv.lines)
    assert inv.tax_minor == 401_749  # 20% of 20,087.44 = 4,017.488, rounded once
    assert inv.total_minor == inv.subtotal_minor + inv.tax_minor
    assert inv.due_on == ISSUED + dt.timedelta(days=14)  # the shortest terms of its engagements
    assert inv.seller["business_name"] == "Park Technology Ltd"
    assert inv.seller["bank_details"].startswith("IBAN")
    assert inv.buyer == {"name": "Acme Robotics GmbH", "address": "Hauptstraße 5\n10115 Berlin",
                         "tax_id": "DE811", "tax_treatment": "domestic",
                         "vat_number": ""}  # fmt: skip


def test_the_snapshot_stays_when_preferences_and_client_change(
    db: Database, billed: dict[str, int]
) -> None:
    inv = invoices.create_for_month(db, billed["acme"], MARCH, issued_on=ISSUED)
    client = clients.get(db, billed["acme"])
    clients.update(db, clients.with_changes(client, legal_name="Acme AG"))
    settings.save_profile(db, settings.Profile(business_name="Renamed"))
    again = invoices.get_by_number(db, inv.number)
    assert (again.buyer["name"], again.seller["business_name"]) == (
        "Acme Robotics GmbH", "Park Technology Ltd")  # fmt: skip


def test_nothing_to_bill_and_a_second_invoice_are_refused(
    db: Database, billed: dict[str, int]
) -> None:
    with pytest.raises(ValidationError, match="Acme has nothing to bill in 2026-02"):
        invoices.create_for_month(db, billed["acme"], "2026-02")
    first = invoices.create_for_month(db, billed["acme"], MARCH, issued_on=ISSUED)
    with pytest.raises(ValidationError, match=f"invoice {first.number} already bills Acme"):
        invoices.create_for_month(db, billed["acme"], MARCH, issued_on=ISSUED)
    invoices.mark(db, first.number, "void", ISSUED)
    second = invoices.create_for_month(db, billed["acme"], MARCH, issued_on=ISSUED)
    assert second.number == "2026-0002"


def test_two_currencies_make_one_invoice_each(db: Database, billed: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="bills in GBP and USD in 2026-03") as caught:
        invoices.create_for_month(db, billed["bravo"], MARCH)
    assert caught.value.field == "currency"
    with pytest.raises(ValidationError, match="nothing to bill in EUR"):
        invoices.create_for_month(db, billed["bravo"], MARCH, currency="eur")
    gbp = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="gbp")
    assert (gbp.currency, gbp.total_minor) == ("GBP", 27000)  # 1.5 h × 150 + 20%
    with pytest.raises(ValidationError, match="already bills"):  # all or nothing
        invoices.create_for_month_all(db, billed["bravo"], "2026-03", ISSUED)
    assert [i.currency for i in invoices.list_invoices(db, client_id=billed["bravo"])] == ["GBP"]
    invoices.delete_draft(db, gbp.number)
    both = invoices.create_for_month_all(db, billed["bravo"], "2026-03", ISSUED)
    assert [(i.currency, i.number) for i in both] == [("GBP", "2026-0002"), ("USD", "2026-0003")]


def test_numbers_are_never_reused_after_deletes_voids_and_credit_notes(
    db: Database, billed: dict[str, int]
) -> None:
    first = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.delete_draft(db, first.number)
    second = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.mark(db, second.number, "void", ISSUED)
    third = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.mark(db, third.number, "sent", ISSUED)
    with pytest.raises(ValidationError, match="was sent: cancel it with a credit note"):
        invoices.mark(db, third.number, "void", ISSUED)
    credit_notes.issue(db, third.number, on=ISSUED)
    fourth = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    numbers = [first.number, second.number, third.number, fourth.number]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    voided = invoices.get_by_number(db, second.number)
    assert (voided.status, voided.voided_on, voided.sent_on) == ("void", ISSUED, None)
    assert invoices.get_by_number(db, third.number).status_label == "Credited"


def test_the_next_number_is_set_once_and_never_below_one_given(
    db: Database, billed: dict[str, int]
) -> None:
    assert invoice_numbers.set_next_number(db, 2026, 42) == "2026-0042"
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    assert made.number == "2026-0042"
    with pytest.raises(ValidationError, match="2026-0042 was already given"):
        invoice_numbers.set_next_number(db, 2026, 42)
    assert invoice_numbers.preview(db, 2027) == "2027-0001"  # a new year starts again
    assert invoice_numbers.preview(db, 2026) == "2026-0043"


def test_a_format_without_a_year_keeps_one_sequence_and_skips_numbers_in_use(
    db: Database, billed: dict[str, int]
) -> None:
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, invoice_number_format="INV-{number}"))
    db.execute(  # an invoice carried over from another tool, put in with plain SQL
        "INSERT INTO invoice (number, client_id, month, currency, issued_on, due_on, "
        "subtotal_minor, tax_minor, total_minor, created_at) "
        "VALUES ('INV-1', ?, '2025-12', 'EUR', '2025-12-31', '2025-12-31', 5, 0, 5, '')",
        [billed["bravo"]],
    )
    db.conn.commit()
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    assert made.number == "INV-2"
    assert invoice_numbers.preview(db, 2031) == "INV-3"


def test_the_status_moves_on_and_a_sent_invoice_refuses_edits(
    db: Database, billed: dict[str, int]
) -> None:
    inv = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    with pytest.raises(ValidationError, match="is a draft: mark it sent first"):
        invoices.mark(db, inv.number, "paid")
    with pytest.raises(ValidationError, match="must not be before 2026-04-02"):
        invoices.mark(db, inv.number, "sent", dt.date(2026, 4, 1))
    sent = invoices.mark(db, inv.number, "sent", dt.date(2026, 4, 3))
    assert (sent.status, sent.sent_on) == ("sent", dt.date(2026, 4, 3))
    changed = invoices.with_lines(sent, [InvoiceLine("Discount", "", 1)])
    with pytest.raises(ValidationError) as caught:
        invoices.update_draft(db, changed)
    assert caught.value.message == ("Invoice 2026-0001 was sent on 2026-04-03: issue a credit note")
    with pytest.raises(ValidationError, match="was sent on"):
        invoices.delete_draft(db, inv.number)
    paid = invoices.mark(db, inv.number, "paid", dt.date(2026, 4, 20))
    assert (paid.status, paid.paid_on) == ("paid", dt.date(2026, 4, 20))
    with pytest.raises(ValidationError, match="was paid on 2026-04-20: it cannot be void"):
        invoices.mark(db, inv.number, "void")
    assert invoices.get_by_number(db, inv.number).lines == inv.lines


def test_a_draft_is_edited_and_its_amounts_follow_its_lines(
    db: Database, billed: dict[str, int]
) -> None:
    inv = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    lines = [*inv.lines[:1], InvoiceLine("Travel", "1 trip", 10001)]
    edited = invoices.update_draft(db, dataclasses.replace(
        invoices.with_lines(inv, lines), tax_rate_bp=0, tax_note="Reverse charge"))  # fmt: skip
    assert (edited.subtotal_minor, edited.tax_minor, edited.total_minor) == (130001, 0, 130001)
    assert [x.description for x in edited.lines] == ["Advisory days", "Travel"]
    with pytest.raises(ValidationError, match="at least one line"):
        invoices.update_draft(db, invoices.with_lines(edited, []))
    with pytest.raises(ValidationError) as caught:
        invoices.update_draft(db, invoices.with_lines(edited, [InvoiceLine(" ", "", 5)]))
    assert caught.value.field == "description"
    assert invoices.get_by_number(db, inv.number) == edited


def test_overdue_is_sent_unpaid_and_past_due(db: Database, billed: dict[str, int]) -> None:
    inv = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    due = inv.due_on
    assert not invoices.is_overdue(inv, due + dt.timedelta(days=5))  # a draft is not overdue
    sent = invoices.mark(db, inv.number, "sent", ISSUED)
    assert not invoices.is_overdue(sent, due)
    assert invoices.is_overdue(sent, due + dt.timedelta(days=1))
    paid = invoices.mark(db, inv.number, "paid", due + dt.timedelta(days=3))
    assert not invoices.is_overdue(paid, due + dt.timedelta(days=9))
    assert [i.number for i in invoices.list_invoices(db, status="paid")] == [inv.number]
    assert invoices.list_invoices(db, status="sent") == []


def test_a_client_with_invoices_is_not_deleted(db: Database, billed: dict[str, int]) -> None:
    inv = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    assert clients.delete_impact(db, billed["acme"]).invoices == 1
    with pytest.raises(ValidationError, match=f"invoice {inv.number}"):
        clients.delete(db, billed["acme"])
    assert clients.get(db, billed["acme"]).name == "Acme"


def test_two_writers_never_take_the_same_number(
    db: Database, billed: dict[str, int], data_dir: Any
) -> None:
    from storage.file.db import database_file
    from storage.file.practice import open_database

    other = open_database(database_file(data_dir))
    try:
        a = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
        b = invoices.create_for_month(other, billed["bravo"], MARCH, ISSUED, currency="USD")
        c = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="GBP")
    finally:
        other.close()
    assert [a.number, b.number, c.number] == ["2026-0001", "2026-0002", "2026-0003"]


def test_the_clients_tab_keeps_a_client_with_invoices(
    qtbot: QtBot, db: Database, billed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from widgets.clients.clients_tab import ClientsTab
    from widgets.common import dialogs

    invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    tab = ClientsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload(billed["acme"])
    said: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: pytest.fail("asked to delete"))
    tab.list.delete_button.click()
    assert said == ["“Acme” is kept.\n\nIt has 1 invoice, and invoices are kept for the books, "
                    "so the client cannot be deleted. Archive it instead to hide it."]  # fmt: skip
    assert clients.get(db, billed["acme"]).name == "Acme"

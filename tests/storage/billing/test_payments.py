"""Payments: part payments add up, the invoice is paid when they reach its total, and a
negative payment, one over the balance, or one dated in the future or before it was sent is
refused with nothing written; issue, sent and paid dates never go out of order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import invoices, payments, receivables
from storage.rules import clock
from storage.rules.errors import ValidationError
from tests.invoice_practice import billed_practice, sent_march_invoice

ISSUED = dt.date(2026, 4, 2)
TODAY = dt.date(2026, 7, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def sent(db: Database) -> invoices.Invoice:
    return sent_march_invoice(db, ISSUED)


def test_part_payments_then_paid_when_they_reach_the_total(
    db: Database, sent: invoices.Invoice
) -> None:
    half = sent.total_minor // 2
    after = payments.record(db, sent.number, half, dt.date(2026, 4, 20))
    assert (after.status, after.paid_minor, after.balance_minor) == (
        "sent", half, sent.total_minor - half)  # fmt: skip
    done = payments.record(db, sent.number, sent.total_minor - half, dt.date(2026, 5, 1))
    assert (done.status, done.paid_on, done.balance_minor) == ("paid", dt.date(2026, 5, 1), 0)
    assert [p.amount.minor for p in payments.list_payments(db, sent.id)] == [
        half, sent.total_minor - half]  # fmt: skip


def test_mark_paid_records_the_balance_as_a_payment(db: Database, sent: invoices.Invoice) -> None:
    payments.record(db, sent.number, 1000, dt.date(2026, 4, 20))
    paid = invoices.mark(db, sent.number, "paid", dt.date(2026, 4, 25))
    assert paid.status == "paid"
    assert sum(p.amount.minor for p in payments.list_payments(db, sent.id)) == sent.total_minor


@pytest.mark.parametrize(
    ("amount", "day", "field", "message"),
    [
        (-100, ISSUED, "amount", "a payment is more than zero"),
        (0, ISSUED, "amount", "a payment is more than zero"),
        (10**9, ISSUED, "amount", "is over what invoice 2026-0001 still owes"),
        (100, dt.date(2026, 4, 1), "date", "must not be before 2026-04-02"),
        (100, dt.date(2031, 1, 1), "date", "is in the future"),
    ],
)
def test_a_bad_payment_is_refused_and_nothing_is_written(
    db: Database, sent: invoices.Invoice, amount: int, day: dt.date, field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        payments.record(db, sent.number, amount, day)
    assert refused.value.field == field
    assert db.execute("SELECT count(*) FROM payment").fetchone()[0] == 0


def test_sent_and_paid_dates_are_never_in_the_future(db: Database) -> None:
    ids = billed_practice(db)
    made = invoices.create_for_month(db, ids["acme"], "2026-03", ISSUED)
    with pytest.raises(ValidationError, match="2030-01-01 is in the future"):
        invoices.mark(db, made.number, "sent", dt.date(2030, 1, 1))
    invoices.mark(db, made.number, "sent", ISSUED)
    with pytest.raises(ValidationError, match="is in the future"):
        invoices.mark(db, made.number, "paid", dt.date(2031, 1, 1))
    assert invoices.get_by_number(db, made.number).status == "sent"


def test_an_issue_date_before_the_last_invoice_is_refused(db: Database) -> None:
    ids = billed_practice(db)
    invoices.create_for_month(db, ids["acme"], "2026-03", ISSUED)
    with pytest.raises(ValidationError, match="must not be before 2026-04-02, when invoice 2026"):
        invoices.create_for_month(db, ids["bravo"], "2026-03", dt.date(2026, 4, 1), "GBP")
    second = invoices.create_for_month(db, ids["bravo"], "2026-03", ISSUED, "GBP")
    first = invoices.get_by_number(db, "2026-0001")
    later = dataclasses.replace(first, issued_on=dt.date(2026, 4, 3), due_on=dt.date(2026, 5, 3))
    with pytest.raises(
        ValidationError, match=f"must not be after 2026-04-02, when invoice {second.number}"
    ):
        invoices.update_draft(db, later)


def test_receivables_age_what_is_owed_and_total_it_per_currency(db: Database) -> None:
    ids = billed_practice(db)
    eur = invoices.create_for_month(db, ids["acme"], "2026-03", ISSUED)
    invoices.mark(db, eur.number, "sent", ISSUED)
    gbp = invoices.create_for_month(db, ids["bravo"], "2026-03", ISSUED, "GBP")
    invoices.mark(db, gbp.number, "sent", ISSUED)
    payments.record(db, gbp.number, 100, dt.date(2026, 4, 10))
    found = receivables.unpaid(db, today=TODAY)
    # Acme is due in 14 days (2026-04-16), Bravo in 30 (2026-05-02); today is 2026-07-10.
    assert [(r.invoice.number, r.days_overdue, r.ageing) for r in found] == [
        (eur.number, 85, "61-90"), (gbp.number, 69, "61-90")]  # fmt: skip
    totals = receivables.totals(found)
    assert totals["GBP"]["total"] == gbp.total_minor - 100
    assert totals["EUR"]["61-90"] == eur.total_minor
    assert receivables.overdue_summary(db, TODAY).startswith("Overdue: ")
    assert [receivables.band(n) for n in (0, 30, 31, 60, 61, 90, 91)] == [
        "0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "90+"]  # fmt: skip

"""What is owed and what is left to bill agree with the invoices and the month report, for every
month of the sample practice: each month's amount per currency is what its live invoices bill
plus what is left to bill; what is owed is each sent invoice's total less its payments and credit
notes, the same through `invoice list --unpaid` and the statement of account."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.billing import (
    account,
    credit_notes,
    invoices,
    month_report,
    payments,
    receivables,
    tax_treatment,
    to_invoice,
)
from storage.practice import clients, settings
from storage.rules import clock
from storage.rules.months import Month, month_of

TODAY = dt.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def practice(db: Database) -> Database:
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    return db


def _months(db: Database) -> list[Month]:
    first = db.execute("SELECT min(day) FROM time_entry").fetchone()[0]
    month, found = month_of(dt.date.fromisoformat(first)), []
    while month.start <= TODAY:
        found.append(month)
        month = month_of(month.end + dt.timedelta(days=1))
    return found


def _live_invoiced(db: Database, month: Month) -> dict[str, int]:
    """What the month's live invoices bill before tax, per currency (not void, not credited)."""
    sums: dict[str, int] = {}
    for i in invoices.list_invoices(db):
        if i.month == month.label and i.status != "void" and not i.credited_in_full:
            sums[i.currency] = sums.get(i.currency, 0) + i.subtotal_minor
    return sums


def test_every_month_is_invoiced_or_left_to_bill(practice: Database) -> None:
    months = _months(practice)
    assert len(months) >= 12
    for month in months:
        billed = {c: t["amount_minor"] for c, t in month_report.totals(
            month_report.lines(practice, month)).items()}  # fmt: skip
        left: dict[str, int] = {}
        for item in to_invoice.for_month(practice, month):
            left[item.amount.currency] = left.get(item.amount.currency, 0) + item.amount.minor
        done = _live_invoiced(practice, month)
        for code in set(billed) | set(left) | set(done):
            assert billed.get(code, 0) == done.get(code, 0) + left.get(code, 0), (month, code)


def test_what_is_owed_is_the_invoices_less_payments_and_credit_notes(
    practice: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owed: dict[str, int] = {}
    for i in invoices.list_invoices(practice, "sent"):
        paid = sum(p.amount.minor for p in payments.list_payments(practice, i.id))
        credited = sum(n.total_minor for n in credit_notes.list_notes(practice, i.id))
        if i.total_minor - paid - credited:
            owed[i.currency] = owed.get(i.currency, 0) + i.total_minor - paid - credited
    totals = receivables.totals(receivables.unpaid(practice))
    assert {c: t["total"] for c, t in totals.items()} == owed
    assert main(["invoice", "list", "--unpaid", "--format", "json",
                 "--data-dir", str(data_dir)]) == 0  # fmt: skip
    listed = json.loads(capsys.readouterr().out)
    by_cli: dict[str, int] = {}
    for row in listed:
        by_cli[row["currency"]] = by_cli.get(row["currency"], 0) + row["balance_minor"]
    assert by_cli == owed
    statements: dict[str, int] = {}
    for client in clients.list_all(practice):
        for code in account.currencies(practice, client.id or 0):
            s = account.statement(practice, client.id or 0, code)
            statements[code] = statements.get(code, 0) + s.closing_minor
            assert s.closing_minor == s.opening_minor + sum(
                e.debit_minor - e.credit_minor for e in s.entries)  # fmt: skip
    assert {c: x for c, x in statements.items() if x} == owed


def test_the_sample_shows_every_case_of_month_end(practice: Database) -> None:
    """Reverse charge for the French and German clients, UK VAT for the UK one, a credit note
    and a reissue, a part payment, an overdue invoice, an instalment due and not invoiced."""
    profile = settings.load_profile(practice)
    by_name = {i.client_name: i for i in invoices.list_invoices(practice)}
    for name, kind, rate in [("Acme Robotics", "domestic", 2000),
                             ("Brightwave Health", "reverse_charge", 0),
                             ("Café Lumière", "reverse_charge", 0)]:  # fmt: skip
        client = clients.get(practice, by_name[name].client_id)
        assert (tax_treatment(client, profile).kind, by_name[name].tax_rate_bp) == (kind, rate)
        if kind == "reverse_charge":
            assert by_name[name].buyer["vat_number"] == client.tax_id
            assert by_name[name].tax_note == profile.reverse_charge_note
    (note,) = credit_notes.list_notes(practice)
    assert invoices.get_by_number(practice, note.invoice_number).credited_in_full
    found = invoices.list_invoices(practice)
    assert any(0 < i.paid_minor < i.total_minor and i.status == "sent" for i in found)
    assert any(invoices.is_overdue(i, TODAY) for i in found)
    left = [x for month in _months(practice)[-4:] for x in to_invoice.for_month(practice, month)]
    assert any(x.kind == "instalment" and x.line.engagement.client_name == "Café Lumière"
               for x in left)  # fmt: skip

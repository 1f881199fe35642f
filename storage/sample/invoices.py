"""Sample month-end: the consultant's business details, a fixed-fee engagement paid in
instalments, and the last three months' invoices of three clients: a UK client at the
practice's VAT rate (paid, one cancelled by a credit note and issued again, the last one part
paid), a German one under reverse charge (paid, one overdue, the last still a draft) and a French
fixed fee under reverse charge, billed by instalment, whose instalment of this month is due and
not invoiced yet.

Everything goes through the storage API, so the invoices agree with the month report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from storage.billing import credit_notes, instalments, invoice_numbers, invoices, payments
from storage.practice import engagements, settings
from storage.practice.engagements import Engagement
from storage.rules.months import Month, month_of

FIRST_NUMBER = 41  # the consultant moved from another tool after invoice 40
BILLED = ("Acme Robotics", "Brightwave Health", "Café Lumière")
FIXED_FEE_CLIENT = "Café Lumière"


def populate(db: Database, written: list[Engagement], *, as_of: dt.date) -> list[Engagement]:
    """Fill the business details, make one engagement a fixed fee, write the invoices."""
    _business_details(db)
    written = [_fixed_fee(db, e) if e.client_name == FIXED_FEE_CLIENT else e for e in written]
    months = _last_months(as_of, 3)
    invoice_numbers.set_next_number(db, _issue_day(months[0]).year, FIRST_NUMBER)
    _bill(db, written, months, as_of)
    return written


def _business_details(db: Database) -> None:
    profile = settings.load_profile(db)
    settings.save_profile(
        db,
        dataclasses.replace(
            profile,
            business_address="Studio 4, 27 Old Gloucester Street\nLondon WC1N 3AX",
            tax_id="GB 123 4567 89",
            bank_details="Morgan Technical Leadership Ltd\nSort code 20-00-00\n"
            "Account 55779911\nIBAN GB33 BUKB 2000 0055 7799 11",
            payment_terms_days=30,
            tax_rate_bp=2000,
            country="GB",
            base_rate_bp=400,  # the Bank of England base rate as entered, never fetched
            company_number="12345678",
            registered_office="Studio 4, 27 Old Gloucester Street\nLondon WC1N 3AX",
            indemnity_cover_minor=100_000_000,
            public_liability_minor=200_000_000,
        ),
    )


def _fixed_fee(db: Database, e: Engagement) -> Engagement:
    """A year's fee, billed in equal monthly instalments over the engagement's dates."""
    fee = e.fee_minor * 12
    saved = engagements.update(
        db, engagements.with_changes(e, billing_model="fixed_fee", fee_minor=fee,
                                     invoicing_cadence="per_instalment"),
    )  # fmt: skip
    spread = instalments.spread(e.id or 0, fee, e.start_date, e.planned_end_date)
    instalments.replace_for(db, e.id or 0, spread)
    return saved


def _last_months(as_of: dt.date, count: int) -> list[Month]:
    """The `count` whole months before `as_of`'s, oldest first."""
    found, month = [], month_of(as_of)
    for _ in range(count):
        day = month.start - dt.timedelta(days=1)
        month = month_of(day)
        found.append(month)
    return found[::-1]


def _issue_day(month: Month) -> dt.date:
    """Invoices go out on the second day of the next month."""
    return month.end + dt.timedelta(days=2)


def _bill(db: Database, written: list[Engagement], months: list[Month], as_of: dt.date) -> None:
    billed = sorted(
        {e.client_id: e.client_name for e in written if e.client_name in BILLED}.items(),
        key=lambda item: item[1],
        reverse=True,  # Acme's credited invoice is issued again last, so numbers follow dates
    )
    for index, month in enumerate(months):
        for client_id, name in billed:
            story = _story(name, index, len(months))
            if story:
                _invoice(db, client_id, month, story, as_of)


def _story(client: str, index: int, count: int) -> str:
    """What happened to the invoice: paid, overdue, credited then reissued, part paid, a draft,
    or "" for none yet."""
    last = index == count - 1
    if client == "Acme Robotics":
        return "credited" if index == 0 else "part_paid" if last else "paid"
    if client == FIXED_FEE_CLIENT:  # it started lately: its next instalment is left to bill
        return "sent" if last else "paid"
    return "draft" if last else "overdue" if index == count - 2 else "paid"


def _invoice(db: Database, client_id: int, month: Month, story: str, as_of: dt.date) -> None:
    issued = _issue_day(month)
    if issued > as_of or not invoices.billable(db, client_id, month):
        return
    made = invoices.create_for_month(db, client_id, month, issued_on=issued)
    if story == "draft":
        return
    invoices.mark(db, made.number, "sent", issued)
    if story == "credited":
        day = issued + dt.timedelta(days=3)
        if day > as_of:
            return
        credit_notes.issue(db, made.number, on=day, reason="Wrong hours: cancels the invoice")
        again = invoices.create_for_month(db, client_id, month, day)
        invoices.mark(db, again.number, "sent", again.issued_on)
        _pay(db, again.number, again.issued_on + dt.timedelta(days=21), as_of)
    elif story == "paid":
        _pay(db, made.number, issued + dt.timedelta(days=18), as_of)
    elif story == "part_paid":
        _pay(db, made.number, issued + dt.timedelta(days=3), as_of, made.total_minor // 2)


def _pay(db: Database, number: str, on: dt.date, as_of: dt.date, part: int = 0) -> None:
    if on > as_of:
        return
    if part:
        payments.record(db, number, part, on)
    else:
        invoices.mark(db, number, "paid", on)

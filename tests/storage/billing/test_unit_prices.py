"""Each line of a draft keeps its unit and unit price from the terms that day, and quantity ×
unit price gives its amount; a credit note in full keeps them; a later rate never rewrites them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import credit_notes, invoices
from storage.billing.invoices import InvoiceLine
from storage.practice import engagements
from storage.rules.errors import ValidationError
from storage.rules.months import Month
from tests.invoice_practice import billed_practice
from tests.line_arithmetic import mismatch

MARCH = Month(2026, 3)
ISSUED = dt.date(2026, 4, 2)


@pytest.fixture
def billed(db: Database) -> dict[str, int]:
    return billed_practice(db)


def test_each_line_keeps_its_unit_and_the_price_of_one(
    db: Database, billed: dict[str, int]
) -> None:
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    found = {x.description: (x.quantity, x.unit, x.unit_price_minor) for x in made.lines}
    assert found == {
        "Advisory days": ("1.50 days", "day", 80000),
        "AI strategy": ("22/31 of a month", "month", 600000),
        "CTO hours": ("37:30 h", "hour", 12345),
        "Platform sprint": ("Instalment: Phase 1", "instalment", 1_000_000),
    }
    assert [mismatch(x) for x in made.lines] == ["", "", "", ""]


def test_a_later_rate_never_rewrites_a_sent_invoice(db: Database, billed: dict[str, int]) -> None:
    made = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="GBP")
    invoices.mark(db, made.number, "sent", ISSUED)
    hiring = engagements.get(db, billed["gbp"])
    engagements.update(db, dataclasses.replace(hiring, fee_minor=20000))
    [line] = invoices.get_by_number(db, made.number).lines
    assert (line.quantity, line.unit, line.unit_price_minor, line.amount_minor) == (
        "1:30 h", "hour", 15000, 22500)  # fmt: skip
    with pytest.raises(ValidationError, match="never changed"), db.atomic():
        db.execute("UPDATE invoice_line SET unit_price_minor = 20000 WHERE id = ?", [line.id])


def test_a_draft_line_may_change_its_unit_price_but_not_to_an_unknown_unit(
    db: Database, billed: dict[str, int]
) -> None:
    made = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="GBP")
    [line] = made.lines
    cheaper = dataclasses.replace(line, unit_price_minor=14000, amount_minor=21000)
    saved = invoices.update_draft(db, invoices.with_lines(made, [cheaper]))
    assert saved.lines[0].unit_price_minor == 14000
    odd = dataclasses.replace(line, unit="fortnight")
    with pytest.raises(ValidationError, match="unit"):
        invoices.update_draft(db, invoices.with_lines(made, [odd]))
    with pytest.raises(ValidationError, match="unit_price_minor"):
        invoices.update_draft(
            db, invoices.with_lines(made, [dataclasses.replace(line, unit_price_minor=-1)])
        )
    travel = invoices.update_draft(
        db, invoices.with_lines(made, [line, InvoiceLine("Travel", "1 trip", 12_345)])
    )
    assert (travel.lines[1].unit, travel.lines[1].unit_price_minor) == (None, None)


def test_a_credit_note_in_full_keeps_the_lines_quantity_and_unit_price(
    db: Database, billed: dict[str, int]
) -> None:
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.mark(db, made.number, "sent", ISSUED)
    hours = next(x for x in made.lines if x.unit == "hour")
    note = credit_notes.issue(db, made.number, [hours.id or 0], ISSUED)
    [line] = note.lines
    assert (line.description, line.quantity, line.unit, line.unit_price_minor) == (
        "CTO hours", "37:30 h", "hour", 12345)  # fmt: skip
    assert line.amount_minor == hours.amount_minor

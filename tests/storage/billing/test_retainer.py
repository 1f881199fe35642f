"""Retainers as consultants sell them: included hours a month, unused hours rolled into the next
month up to a limit, and the overage beyond both billed at its rate as an invoice line of its
own; the month report shows used, included, rolled over and overage."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import invoices, month_report
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from storage.rules.months import Month
from storage.time import time_entries
from storage.time.time_entries import TimeEntry

JAN, FEB, MAR = Month(2026, 1), Month(2026, 2), Month(2026, 3)


@pytest.fixture
def retainer(db: Database) -> Engagement:
    client = clients.add(db, Client(name="Kettle & Co"))
    e = engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 1),
        status="active", billing_model="monthly_retainer", fee_minor=500_000, currency="GBP",
        included_minutes=600, overage_rate_minor=10_000, rollover_minutes=300,
    ))  # fmt: skip
    for day, minutes in [("2026-01-12", 360), ("2026-02-09", 480), ("2026-02-10", 480),
                         ("2026-03-09", 300)]:  # fmt: skip
        time_entries.add(db, TimeEntry(e.id or 0, dt.date.fromisoformat(day), "strategy", minutes))
    return e


def _line(db: Database, month: Month) -> month_report.MonthLine:
    (found,) = month_report.lines(db, month)
    return found


def test_unused_hours_roll_over_and_the_overage_is_billed(
    db: Database, retainer: Engagement
) -> None:
    jan, feb, mar = (_line(db, m) for m in (JAN, FEB, MAR))
    assert jan.retainer is not None
    assert (
        jan.retainer.used_minutes,
        jan.retainer.included_minutes,
        jan.retainer.rolled_over_minutes,
        jan.retainer.overage_minutes,
    ) == (360, 600, 0, 0)
    assert feb.retainer is not None  # 960 used of 600 + 240 rolled over: 120 beyond
    assert (feb.retainer.rolled_over_minutes, feb.retainer.overage_minutes,
            feb.retainer.overage_minor) == (240, 120, 20_000)  # fmt: skip
    assert feb.billing.amount_minor == 520_000
    assert feb.flags == ["over_retainer"]
    assert mar.retainer is not None and mar.retainer.rolled_over_minutes == 0  # noqa: PT018
    assert jan.billing.amount_minor == 500_000 and jan.flags == []  # noqa: PT018
    shown = month_report.report(db, FEB)["clients"][0]["engagements"][0]["retainer"]
    assert shown == {"used_minutes": 960, "included_minutes": 600, "rolled_over_minutes": 240,
                     "overage_minutes": 120, "overage_minor": 20_000}  # fmt: skip


def test_the_draft_invoice_adds_the_overage_line(db: Database, retainer: Engagement) -> None:
    made = invoices.create_for_month(db, retainer.client_id, FEB, dt.date(2026, 3, 2))
    assert [(x.description, x.quantity, x.amount_minor) for x in made.lines] == [
        ("Fractional CTO", "1 month", 500_000),
        ("Fractional CTO: hours beyond the retainer", "2:00 h at £100.00 an hour", 20_000),
    ]
    assert made.subtotal_minor == _line(db, FEB).billing.amount_minor


def test_the_limit_caps_the_rollover_and_a_bad_value_is_refused(
    db: Database, retainer: Engagement
) -> None:
    engagements.update(db, engagements.with_changes(retainer, rollover_minutes=60))
    feb = _line(db, FEB)
    assert feb.retainer is not None
    assert (feb.retainer.rolled_over_minutes, feb.retainer.overage_minutes) == (60, 300)
    with pytest.raises(ValidationError, match="rollover_minutes"):
        engagements.update(db, engagements.with_changes(retainer, rollover_minutes=-1))

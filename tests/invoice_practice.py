"""A practice with a month to bill, shared by the invoice, statement and CLI tests: Acme in
March 2026 (hourly and daily in EUR, a retainer from the 10th, a fixed-fee instalment) and Bravo
in GBP and USD."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from storage.billing import instalments
from storage.billing.instalments import Instalment
from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.time import time_entries
from storage.time.time_entries import TimeEntry


def _engagement(db: Database, client_id: int, title: str, **fields: Any) -> int:
    fields.setdefault("start_date", dt.date(2026, 1, 5))
    return engagements.add(db, Engagement(client_id, title, status="active", **fields)).id or 0


def _log(db: Database, eid: int, *entries: tuple[str, str, int]) -> None:
    for day, bucket, minutes in entries:
        time_entries.add(db, TimeEntry(eid, dt.date.fromisoformat(day), bucket, minutes))


def billed_practice(db: Database) -> dict[str, int]:
    """The practice; the ids of its clients and engagements by name."""
    settings.save_profile(db, settings.Profile(
        name="Ada Park", business_name="Park Technology Ltd", email="ada@park.example",
        business_address="1 Quay Street\nBristol BS1 4DJ", tax_id="GB123456789",
        bank_details="IBAN GB33 BUKB 2020 1555 5555 55", payment_terms_days=30,
        tax_rate_bp=2000, tax_note="",
    ))  # fmt: skip
    acme = clients.add(
        db,
        Client(
            name="Acme",
            legal_name="Acme Robotics GmbH",
            address="Hauptstraße 5\n10115 Berlin",
            tax_id="DE811",
        ),
    ).id
    bravo = clients.add(db, Client(name="Bravo Labs")).id or 0
    ids = {
        "acme": acme or 0,
        "bravo": bravo,
        "hourly": _engagement(db, acme or 0, "CTO hours", billing_model="hourly",
                              fee_minor=12345, currency="EUR", days_per_week=5),
        "daily": _engagement(db, acme or 0, "Advisory days", billing_model="daily",
                             fee_minor=80000, currency="EUR", payment_terms_days=14),
        "retainer": _engagement(db, acme or 0, "AI strategy", fee_minor=600000, currency="EUR",
                                start_date=dt.date(2026, 3, 10)),
        "fixed": _engagement(db, acme or 0, "Platform sprint", billing_model="fixed_fee",
                             fee_minor=3_000_000, currency="EUR"),
        "gbp": _engagement(db, bravo, "Hiring", billing_model="hourly", fee_minor=15000,
                           currency="GBP"),
        "usd": _engagement(db, bravo, "Board", billing_model="daily", fee_minor=100000,
                           currency="USD"),
    }  # fmt: skip
    _log(db, ids["hourly"], ("2026-03-02", "strategy", 900), ("2026-03-03", "team", 900),
         ("2026-03-04", "leadership", 450))  # fmt: skip
    _log(db, ids["daily"], ("2026-03-10", "strategy", 240), ("2026-03-11", "team", 480))
    _log(db, ids["gbp"], ("2026-03-04", "team", 90))
    _log(db, ids["usd"], ("2026-03-05", "leadership", 480))
    instalments.replace_for(db, ids["fixed"], [Instalment(0, dt.date(2026, 3, 1), 1_000_000,
                                                          "Phase 1")])  # fmt: skip
    return ids


def sent_march_invoice(db: Database, issued: dt.date) -> Any:
    """Acme's March invoice, issued and sent on `issued`: what credit notes and payments act on."""
    from storage.billing import invoices

    ids = billed_practice(db)
    made = invoices.create_for_month(db, ids["acme"], "2026-03", issued)
    return invoices.mark(db, made.number, "sent", issued)

"""Accepted change requests on a draft invoice: each price on a line of its own.

A retainer's accepted change is billed in the month recorded when it was accepted
(`bill_month`); a fixed fee's is an instalment of its own, which the month report counts with the
engagement's other instalments and the invoice shows apart. Read here, by billing, so the draft
invoice's lines are built in one place (`invoices`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.rules.months import Month

if TYPE_CHECKING:
    from sqlite_utils import Database

PREFIX = "Change request"


@dataclass(frozen=True)
class ChangeLine:
    engagement_id: int
    description: str  # "Change request 2: Hiring loop"
    quantity: str
    amount_minor: int
    instalment_id: int | None = None
    unit: str = "item"  # an agreed change is one item at its price; an added instalment, one
    unit_price_minor: int | None = None


def _description(engagement_title: str, number: int, title: str) -> str:
    return f"{engagement_title}: {PREFIX.lower()} {number}, {title}"


def retainer_lines(db: Database, client_id: int, month: Month, currency: str) -> list[ChangeLine]:
    """The accepted retainer changes of the client billed in `month`, in that currency."""
    sql = (
        "SELECT c.engagement_id, c.number, c.title, c.price_minor, e.title FROM change_request c "
        "JOIN engagement e ON e.id = c.engagement_id WHERE c.status = 'accepted' "
        "AND c.bill_month = ? AND c.instalment_id IS NULL AND c.price_minor > 0 "
        "AND e.client_id = ? AND e.currency = ? AND e.billing_model = 'monthly_retainer' "
        "ORDER BY e.start_date, e.id, c.number"
    )
    return [
        ChangeLine(
            int(eid),
            _description(etitle, number, title),
            "agreed change",
            int(price),
            unit="item",
            unit_price_minor=int(price),
        )
        for eid, number, title, price, etitle in db.execute(sql, [month.label, client_id, currency])
    ]


def retainer_prices(db: Database, month: Month) -> dict[int, int]:
    """Each retainer's accepted changes billed in `month`, summed by engagement: what its month
    line adds to the fee, so the month report and the draft invoice bill the same."""
    sql = (
        "SELECT c.engagement_id, sum(c.price_minor) FROM change_request c "
        "JOIN engagement e ON e.id = c.engagement_id WHERE c.status = 'accepted' "
        "AND c.bill_month = ? AND c.instalment_id IS NULL AND c.price_minor > 0 "
        "AND e.billing_model = 'monthly_retainer' GROUP BY c.engagement_id"
    )
    return {int(eid): int(total) for eid, total in db.execute(sql, [month.label])}


def instalment_lines(db: Database, instalment_ids: list[int]) -> dict[int, ChangeLine]:
    """The instalments among `instalment_ids` that an accepted change added, by id."""
    if not instalment_ids:
        return {}
    marks = ", ".join("?" for _ in instalment_ids)
    sql = (
        "SELECT c.engagement_id, c.number, c.title, i.amount_minor, e.title, i.id "
        "FROM change_request c JOIN instalment i ON i.id = c.instalment_id "
        "JOIN engagement e ON e.id = c.engagement_id "
        f"WHERE c.status = 'accepted' AND i.id IN ({marks})"
    )
    return {
        int(iid): ChangeLine(
            int(eid),
            _description(etitle, number, title),
            "added instalment",
            int(amount),
            iid,
            "instalment",
            int(amount),
        )
        for eid, number, title, amount, etitle, iid in db.execute(sql, instalment_ids)
    }

"""What is left to bill: the month's engagements with time or a fee and no invoice yet, and
fixed-fee instalments due and not invoiced, each with its amount (`report month` `uninvoiced`).

An engagement's month counts as invoiced when an invoice for that client, month and currency
(a draft included; not a void one nor one a credit note cancelled in full) has a line for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.billing import month_report
from storage.billing.month_report import MonthLine
from storage.rules.money import Money
from storage.rules.months import Month


@dataclass(frozen=True)
class ToInvoice:
    line: MonthLine
    kind: str  # "instalment" for a fixed fee's instalments due, else "month"

    @property
    def amount(self) -> Money:
        return self.line.billed


def invoiced_engagements(db: Database, month: Month) -> set[tuple[int, str]]:
    """(engagement id, currency) with a live invoice line for the month."""
    sql = (
        "SELECT l.engagement_id, i.currency FROM invoice_line l JOIN invoice i "
        "ON i.id = l.invoice_id WHERE i.month = ? AND i.status != 'void' "
        "AND l.engagement_id IS NOT NULL AND NOT (i.total_minor > 0 AND i.total_minor <= "
        "(SELECT coalesce(sum(n.total_minor), 0) FROM credit_note n WHERE n.invoice_id = i.id "
        "AND n.status = 'issued'))"
    )
    return {(int(e), str(c)) for e, c in db.execute(sql, [month.label]).fetchall()}


def for_month(
    db: Database, month: Month, client_id: int | None = None, found: list[MonthLine] | None = None
) -> list[ToInvoice]:
    """The month's lines with an amount and no invoice, by client and title."""
    done = invoiced_engagements(db, month)
    lines = found if found is not None else month_report.lines(db, month, client_id)
    return [
        ToInvoice(x, "instalment" if x.instalments else "month")
        for x in lines
        if x.billing.amount_minor and (x.engagement.id, x.engagement.currency) not in done
    ]


def as_json(item: ToInvoice) -> dict[str, Any]:
    e = item.line.engagement
    return {
        "client_id": e.client_id,
        "client": e.client_name,
        "engagement_id": e.id,
        "title": e.title,
        "kind": item.kind,
        "currency": e.currency,
        "amount_minor": item.line.billing.amount_minor,
        "due_on": [i.due_on.isoformat() for i in item.line.instalments],
    }


def report(db: Database, month: Month, client_id: int | None = None) -> dict[str, Any]:
    """`report month --format json`: the month report with `uninvoiced`, what is left to bill."""
    data = month_report.report(db, month, client_id)
    data["uninvoiced"] = [as_json(x) for x in for_month(db, month, client_id)]
    return data

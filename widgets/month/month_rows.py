"""The Month table's rows: each engagement's line, a subtotal for a client with several, and a
total per currency at the foot (money is never added across currencies).

Subtotals and totals are the sums of the figures printed above them, so the table adds up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.billing import MonthLine
from storage.rules import BUCKETS, Money, totals_by_currency
from widgets.month import month_hours


@dataclass(frozen=True)
class MonthRow:
    """One row: `kind` is "line", "client" (a subtotal) or "total" (a currency's)."""

    kind: str
    client: str
    currency: str
    hours: tuple[int, ...]  # per bucket, then the total, in `month_hours` units
    amount_minor: int | None
    line: MonthLine | None = None
    client_id: int | None = None  # None on a currency's total

    @property
    def id(self) -> int | None:
        return self.line.engagement.id if self.line else None


def _line_row(line: MonthLine, units: list[int]) -> MonthRow:
    e = line.engagement
    hours = (*units, sum(units))
    amount = line.billing.amount_minor
    return MonthRow("line", e.client_name, e.currency, hours, amount, line, e.client_id)


def _sum_row(kind: str, client: str, amount: Money, rows: Sequence[MonthRow]) -> MonthRow:
    hours = tuple(sum(r.hours[i] for r in rows) for i in range(len(BUCKETS) + 1))
    client_id = rows[0].client_id if kind == "client" else None
    return MonthRow(kind, client, amount.currency, hours, amount.minor, None, client_id)


def line_rows(lines: Sequence[MonthLine]) -> list[MonthRow]:
    """One row per line, in the report's order, hours shared out per currency."""
    found: dict[int, MonthRow] = {}
    for currency in sorted({line.engagement.currency for line in lines}):
        mine = [(i, line) for i, line in enumerate(lines) if line.engagement.currency == currency]
        units = month_hours.share([[line.minutes[b] for b in BUCKETS] for _, line in mine])
        for (i, line), shown in zip(mine, units, strict=True):
            found[i] = _line_row(line, shown)
    return [found[i] for i in range(len(lines))]


def rows(lines: Sequence[MonthLine]) -> list[MonthRow]:
    """The lines by client, a subtotal per currency after a client with several lines, then a
    total per currency."""
    shown: list[MonthRow] = []
    by_client: dict[int, list[MonthRow]] = {}
    for line, row in zip(lines, line_rows(lines), strict=True):
        by_client.setdefault(line.engagement.client_id, []).append(row)
    for client_rows in by_client.values():
        shown += client_rows
        if len(client_rows) > 1:
            shown += _per_currency("client", client_rows[0].client, client_rows)
    return shown + _per_currency("total", "Total", [r for r in shown if r.kind == "line"])


def _per_currency(kind: str, client: str, found: Sequence[MonthRow]) -> list[MonthRow]:
    totals = totals_by_currency(Money(r.amount_minor or 0, r.currency) for r in found)
    return [
        _sum_row(kind, client, total, [r for r in found if r.currency == currency])
        for currency, total in totals.items()
    ]

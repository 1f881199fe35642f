"""The Month table's model: one row per engagement, client subtotals and currency totals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from exporters.formatting import money
from storage.billing import NO_RATE, MonthLine
from storage.rules import BILLING_MODELS, BUCKETS, format_hours
from widgets.common import palette
from widgets.common.record_model import RecordTableModel
from widgets.month import month_flags, month_hours
from widgets.month.month_rows import MonthRow
from widgets.month.summary import right_aligned, summary_style

HEADERS = {
    "client": "Client", "title": "Engagement", "strategy": "Strategy", "team": "Team",
    "leadership": "Leadership", "total": "Total", "days": "Days", "equivalents": "Day-eq.",
    "commitment": "Commitment", "billing": "Billing", "amount": "Amount", "flags": "Flags",
}  # fmt: skip
HOURS = (*BUCKETS, "total")
RIGHT = {*HOURS, "days", "equivalents", "amount"}


def commitment_text(line: MonthLine) -> str:
    """`8.57 days · 68:34 h`: the month's commitment from the periods in force."""
    return f"{line.committed_days:.2f} days · {format_hours(line.committed_minutes)}"


def billing_text(line: MonthLine) -> str:
    """The billing model, with how much of a retainer's hours were used: `Retainer · 16:00 of
    10:00 + 4:00 rolled over · 2:00 overage` when it includes hours, else a percentage."""
    name = BILLING_MODELS.get(line.engagement.billing_model, line.engagement.billing_model)
    held = line.retainer
    if held is not None:
        text = (
            f"{name} · {format_hours(held.used_minutes)} of {format_hours(held.included_minutes)}"
        )
        if held.rolled_over_minutes:
            text += f" + {format_hours(held.rolled_over_minutes)} rolled over"
        if held.overage_minutes:
            text += f" · {format_hours(held.overage_minutes)} overage"
        return text
    use = line.retainer_use_percent
    return f"{name} · {use}% used" if use is not None else name


def amount_text(row: MonthRow) -> str:
    if row.amount_minor is not None:
        return money(row.amount_minor, row.currency)
    note = row.line.billing.note if row.line else ""
    return "No rate" if note == NO_RATE else "Nothing to bill"


class MonthTableModel(RecordTableModel[MonthRow]):
    fields = tuple(HEADERS)
    headers = tuple(HEADERS.values())
    header_tips = {  # noqa: RUF012
        6: "Days with any time logged",
        7: "Hours ÷ the hours a day of the commitment in force that day",
        8: "The commitment for the month, from the commitment periods in force",
        11: "What to look at before billing (hover a flag for the details)",
    }
    editable = False

    def display(self, record: MonthRow, field: str) -> Any:
        if field in HOURS:
            units = record.hours[HOURS.index(field)]
            return month_hours.text(units, blank_zero=record.kind == "line" and field != "total")
        if field == "amount":
            return amount_text(record)
        line = record.line
        if line is None:
            return self._summary_text(record, field)
        texts = {
            "client": record.client,
            "title": line.engagement.title,
            "days": str(line.days_worked),
            "equivalents": f"{float(line.day_equivalents):.2f}",
            "commitment": commitment_text(line),
            "billing": billing_text(line),
            "flags": month_flags.names(line),
        }
        return texts[field]

    def _summary_text(self, record: MonthRow, field: str) -> str:
        if field == "client":
            return record.client
        if field == "title":
            return (
                f"All engagements ({record.currency})"
                if record.kind == "client"
                else record.currency
            )
        return ""

    def styled(self, record: MonthRow, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return right_aligned() if field in RIGHT else None
        if record.line is None:
            return summary_style(role)
        if field == "flags" and record.line.flags:
            if role == Qt.ItemDataRole.ForegroundRole:
                return palette.colours().accent("over")
            if role == Qt.ItemDataRole.ToolTipRole:
                return month_flags.sentences(record.line)
        if (
            field == "amount"
            and record.amount_minor is None
            and role == Qt.ItemDataRole.ToolTipRole
        ):
            return record.line.billing.note.capitalize()
        return None

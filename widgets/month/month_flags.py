"""The month's flags in plain words: a short name beside the row and a sentence in its tooltip."""

from __future__ import annotations

from storage.billing import MonthLine
from storage.rules import format_hours

NAMES = {
    "over_retainer": "Over retainer",
    "days_over_commitment": "Days over",
    "no_rate": "No rate",
}


def names(line: MonthLine) -> str:
    return ", ".join(NAMES.get(flag, flag) for flag in line.flags)


def sentences(line: MonthLine) -> str:
    """One sentence per flag, saying what was found and against what."""
    return "\n".join(_sentence(line, flag) for flag in line.flags)


def _sentence(line: MonthLine, flag: str) -> str:
    if flag == "over_retainer" and line.retainer is not None:
        held = line.retainer
        return (
            f"{format_hours(held.used_minutes)} logged against the {format_hours(held.included_minutes)}"
            f" included and {format_hours(held.rolled_over_minutes)} rolled over: "
            f"{format_hours(held.overage_minutes)} overage, billed as its own invoice line."
        )
    if flag == "over_retainer":
        over = line.total_minutes - line.committed_minutes
        return (
            f"{format_hours(line.total_minutes)} logged against the retainer's "
            f"{format_hours(line.committed_minutes)} this month: {format_hours(over)} over."
        )
    if flag == "days_over_commitment":
        return (
            f"{float(line.day_equivalents):.2f} days worked (hours ÷ the hours a day) against "
            f"{line.committed_days:.2f} days committed this month."
        )
    if flag == "no_rate":
        return (
            "Time was logged but the engagement has no rate, so it bills nothing: "
            "set its fee on the Clients tab."
        )
    return flag

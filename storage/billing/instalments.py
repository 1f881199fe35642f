"""Fixed-fee instalments: when a fixed fee is billed, and how much each time.

A fixed-scope engagement (often a 90-day sprint) bills its fee in instalments; the month report
bills the instalments due in the month. They are saved all at once, in one transaction
(`replace_for`), in date order. `spread` offers equal monthly instalments over the engagement's
dates, the remainder on the last, so they always add up to the fee.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import domain_rules, rows
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.money import MAX_MONEY_MINOR
from storage.rules.months import Month, add_months, calendar_months

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_PER_ENGAGEMENT = 120  # ten years of monthly instalments
SOUND = domain_rules.sound("instalment")  # what bills: rows that keep every rule


@dataclass(frozen=True)
class Instalment:
    engagement_id: int
    due_on: dt.date
    amount_minor: int
    label: str = ""  # "Phase 1", "Kick-off": printed on the invoice line
    id: int | None = None


def validate(item: Instalment) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    return {
        "engagement_id": v.int_between("engagement_id", item.engagement_id, 1, 2**62),
        "due_on": v.iso_date("due_on", item.due_on),
        "amount_minor": v.int_between("amount_minor", item.amount_minor, 1, MAX_MONEY_MINOR),
        "label": v.line_text("label", item.label, max_len=200),
    }


def _from_row(row: dict[str, Any]) -> Instalment:
    values = dict(row)
    values["due_on"] = dt.date.fromisoformat(values["due_on"])
    return Instalment(**values)


def list_for(db: Database, engagement_id: int) -> list[Instalment]:
    """The engagement's instalments in date order; a row another tool broke is left out (and
    logged), as sums leave it out."""
    domain_rules.warn_left_out(db, "instalment", "engagement_id = ?", [engagement_id])
    sql = f"SELECT * FROM instalment WHERE engagement_id = ? AND {SOUND} ORDER BY due_on, id"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def due_in(db: Database, month: Month) -> dict[int, list[Instalment]]:
    """The instalments due in `month`, per engagement id, in date order."""
    sql = (
        f"SELECT * FROM instalment WHERE due_on BETWEEN ? AND ? AND {SOUND} "
        "ORDER BY engagement_id, due_on, id"
    )
    found: dict[int, list[Instalment]] = {}
    for row in db.query(sql, [month.start.isoformat(), month.end.isoformat()]):
        found.setdefault(int(row["engagement_id"]), []).append(_from_row(row))
    return found


def check_all(items: Sequence[Instalment]) -> list[dict[str, Any]]:
    """Every row validated before anything is written (the first bad one raises)."""
    if len(items) > MAX_PER_ENGAGEMENT:
        raise ValidationError("instalments", f"at most {MAX_PER_ENGAGEMENT} instalments")
    return [validate(item) for item in items]


def replace_for(db: Database, engagement_id: int, items: Sequence[Instalment]) -> list[Instalment]:
    """Make the engagement's instalments exactly `items`, in one transaction; the stored list."""
    checked = check_all([dataclasses.replace(i, engagement_id=engagement_id) for i in items])
    with db.atomic():
        if not db.execute("SELECT 1 FROM engagement WHERE id = ?", [engagement_id]).fetchone():
            raise ValidationError("engagement_id", "choose an engagement that exists")
        db.execute("DELETE FROM instalment WHERE engagement_id = ?", [engagement_id])
        for row in sorted(checked, key=lambda r: str(r["due_on"])):
            rows.insert(db, "instalment", row)
    return list_for(db, engagement_id)


def total(items: Sequence[Instalment]) -> int:
    return sum(item.amount_minor for item in items)


def spread(
    engagement_id: int, fee_minor: int, first: dt.date, last: dt.date | None
) -> list[Instalment]:
    """Equal monthly instalments over the term, one per calendar month of it as the scope of work
    counts them (`months.calendar_months`), due on the start date and the same day of each month
    after; the remainder on the last, so they add up to the fee exactly and a £144,000 year
    reads as twelve £12,000 instalments, as the scope of work says."""
    if last is None:
        raise ValidationError("planned_end_date", "set the engagement's end date to spread the fee")
    if last < first:
        raise ValidationError("planned_end_date", "must not be before the start date")
    if fee_minor <= 0:
        raise ValidationError("fee_minor", "set the fixed fee to spread it")
    days = [add_months(first, n) for n in range(calendar_months(first, last))]
    if len(days) > MAX_PER_ENGAGEMENT:
        raise ValidationError("instalments", f"at most {MAX_PER_ENGAGEMENT} instalments")
    each, remainder = divmod(fee_minor, len(days))
    if each == 0:
        raise ValidationError("fee_minor", "is too small to spread over these months")
    return [
        Instalment(
            engagement_id,
            day,
            each + (remainder if n == len(days) else 0),
            f"Instalment {n} of {len(days)}",
        )
        for n, day in enumerate(days, start=1)
    ]

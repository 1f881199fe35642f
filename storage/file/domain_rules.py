"""The domain's rules on stored rows, as SQL, in one place: sums leave out the rows that break
them (with a warning in the log) and `fractional-desk check` lists those rows.

The schema's CHECK constraints hold these rules for everything written through the app, but a
file written by another tool, a sync conflict or a disk error can still hold a bucket `xyz`,
minutes `'abc'` or a day `2026-13-45`; a total must then leave the row out and say so, never
crash and never count it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file.schema.decisions import CATEGORIES
from storage.file.schema.decisions import STATUSES as DECISION_STATUSES
from storage.file.schema.exit_plan import HANDOVER_STAGES, MILESTONE_STATUSES
from storage.file.schema.terms import INVOICE_STATUSES
from storage.rules.durations import MAX_MINUTES
from storage.rules.record import Record
from storage.rules.vocabulary import (
    BILLING_MODELS,
    BUCKETS,
    DAYS_PER_WEEK,
    HOURS_PER_DAY,
    MAX_MONEY_MINOR,
    ROLES,
)
from storage.rules.vocabulary import ENGAGEMENT_STATUSES as STATUSES

if TYPE_CHECKING:
    import logging

    from sqlite_utils import Database

WARN_AT_MOST = 10  # ids named in one warning


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Rule(Record):
    """`broken` is SQL that is true (never NULL) for a row of `table` that breaks the rule."""

    table: str
    column: str
    broken: str
    problem: str


def _one_of(column: str, allowed: Sequence[str]) -> str:
    values = ", ".join(f"'{v}'" for v in allowed)
    return f"coalesce([{column}] NOT IN ({values}), 1)"


def _date(column: str, *, required: bool = True) -> str:
    broken = f"coalesce(date([{column}]) IS NOT [{column}], 1)"
    return broken if required else f"([{column}] IS NOT NULL AND {broken})"


def _whole(column: str, low: int, high: int) -> str:
    return f"(typeof([{column}]) != 'integer' OR [{column}] NOT BETWEEN {low} AND {high})"


def _number(column: str, low: float, high: float) -> str:
    kinds = f"typeof([{column}]) NOT IN ('integer', 'real')"
    return f"({kinds} OR [{column}] NOT BETWEEN {low} AND {high})"


NOT_A_DATE = "is not a date like 2026-04-02"
NOT_DAYS = f"is not a number of days from {DAYS_PER_WEEK[0]:g} to {DAYS_PER_WEEK[1]:g}"
NOT_HOURS = f"is not a number of hours from {HOURS_PER_DAY[0]:g} to {HOURS_PER_DAY[1]:g}"
RULES = (
    Rule("time_entry", "bucket", _one_of("bucket", BUCKETS),
         "is not a bucket (strategy, team or leadership)"),
    Rule("time_entry", "minutes", _whole("minutes", 1, MAX_MINUTES),
         f"is not whole minutes from 1 to {MAX_MINUTES:,}"),
    Rule("time_entry", "day", _date("day"), NOT_A_DATE),
    Rule("client", "status", _one_of("status", ("prospect", "active", "paused", "former")),
         "is not a client status"),
    Rule("engagement", "start_date", _date("start_date"), NOT_A_DATE),
    Rule("engagement", "planned_end_date", _date("planned_end_date", required=False), NOT_A_DATE),
    Rule("engagement", "ended_on", _date("ended_on", required=False), NOT_A_DATE),
    Rule("engagement", "status", _one_of("status", STATUSES), "is not an engagement status"),
    Rule("engagement", "role", _one_of("role", tuple(ROLES)), "is not a role"),
    Rule("engagement", "billing_model", _one_of("billing_model", tuple(BILLING_MODELS)),
         "is not a billing model"),
    Rule("engagement", "days_per_week", _number("days_per_week", *DAYS_PER_WEEK), NOT_DAYS),
    Rule("engagement", "hours_per_day", _number("hours_per_day", *HOURS_PER_DAY), NOT_HOURS),
    Rule("engagement", "split_strategy",
         "coalesce(split_strategy + split_team + split_leadership != 100, 1) OR "
         + " OR ".join(_whole(f"split_{b}", 0, 100) for b in BUCKETS),
         "the target split is not three whole percentages adding up to 100"),
    Rule("commitment_period", "starts_on", _date("starts_on"), NOT_A_DATE),
    Rule("commitment_period", "days_per_week", _number("days_per_week", *DAYS_PER_WEEK), NOT_DAYS),
    Rule("commitment_period", "hours_per_day", _number("hours_per_day", *HOURS_PER_DAY), NOT_HOURS),
    Rule("decision", "decided_on", _date("decided_on"), NOT_A_DATE),
    Rule("decision", "review_by", _date("review_by", required=False), NOT_A_DATE),
    Rule("decision", "status", _one_of("status", DECISION_STATUSES), "is not a decision status"),
    Rule("decision", "category", _one_of("category", CATEGORIES), "is not a category"),
    Rule("decision", "options", "NOT coalesce(json_valid(options), 0) "
         "OR json_type(options) != 'array'", "is not a JSON list of options"),
    Rule("decision_status_change", "changed_on", _date("changed_on"), NOT_A_DATE),
    Rule("milestone", "due_date", _date("due_date", required=False), NOT_A_DATE),
    Rule("milestone", "done_date", _date("done_date", required=False), NOT_A_DATE),
    Rule("milestone", "status", _one_of("status", MILESTONE_STATUSES), "is not a milestone status"),
    Rule("milestone", "weight", _whole("weight", 1, 5), "is not a weight from 1 to 5"),
    Rule("responsibility", "stage", _one_of("stage", HANDOVER_STAGES), "is not a handover stage"),
    Rule("readiness_snapshot", "failing_checks",
         "NOT coalesce(json_valid(failing_checks), 0)", "is not JSON"),
    Rule("setting", "value", "NOT coalesce(json_valid(value), 0)", "is not JSON"),
    Rule("instalment", "due_on", _date("due_on"), NOT_A_DATE),
    Rule("instalment", "amount_minor", _whole("amount_minor", 1, MAX_MONEY_MINOR),
         "is not an amount above zero"),
    Rule("invoice", "status", _one_of("status", INVOICE_STATUSES), "is not an invoice status"),
    Rule("invoice", "issued_on", _date("issued_on"), NOT_A_DATE),
    Rule("invoice", "due_on", _date("due_on"), NOT_A_DATE),
    Rule("invoice", "subtotal_minor",
         "[subtotal_minor] IS NOT (SELECT coalesce(sum(l.amount_minor), 0) FROM invoice_line l "
         "WHERE l.invoice_id = [invoice].id)", "is not the sum of the invoice's lines"),
    Rule("invoice", "total_minor", "[total_minor] IS NOT [subtotal_minor] + [tax_minor]",
         "is not the subtotal plus the tax"),
    Rule("deliverable", "due_on", _date("due_on", required=False), NOT_A_DATE),
    Rule("phase", "starts_on", _date("starts_on"), NOT_A_DATE),
    Rule("phase", "ends_on", _date("ends_on"), NOT_A_DATE),
)  # fmt: skip


def rules_for(table: str) -> list[Rule]:
    return [r for r in RULES if r.table == table]


def any_broken(table: str) -> str:
    """SQL true for a row of `table` that breaks any of its rules."""
    return "(" + " OR ".join(f"({r.broken})" for r in rules_for(table)) + ")"


def sound(table: str) -> str:
    """SQL true for a row of `table` that keeps every rule: what sums add up."""
    return f"NOT {any_broken(table)}"


def warn_left_out(
    db: Database, table: str, where: str, params: Sequence[Any], *, limit: int | None = WARN_AT_MOST
) -> list[int]:
    """Log the rows that `where` selects but are left out for breaking a rule; their ids
    (`limit` of them at most: a sum only needs to know there are some)."""
    sql = f"SELECT id FROM [{table}] WHERE ({where}) AND {any_broken(table)}"
    ids = [int(row[0]) for row in db.execute(sql + f" LIMIT {limit or -1}", list(params))]
    if ids:
        _log().warning(
            "%s rows %s break a rule and are left out (`fractional-desk check` lists them)",
            table,
            ", ".join(map(str, ids[:WARN_AT_MOST])),
        )
    return ids


def _log() -> logging.Logger:
    """The module's logger, with `logging` loaded only when there is something to warn about
    (it costs a read command 4 ms at start)."""
    import logging

    return logging.getLogger(__name__)

"""Listing decisions with filters: one engagement or all, category, status, due, flagged.

The list is ids first (from an index, newest first), records after: the table fetches records
in batches as it scrolls, so a ten-year log opens as fast as a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from storage.decisions.records import (
    COLUMNS_OF_D,
    FLAG_SQL,
    Decision,
    flag_params,
    from_values,
    number_label,
)
from storage.rules import clock

if TYPE_CHECKING:
    from sqlite_utils import Database

DUE_SOON_DAYS = 14  # "Due for review": open decisions to review within two weeks, or overdue
ORDER_BY = "ORDER BY d.decided_on DESC, d.id DESC"


@dataclass(frozen=True)
class DecisionFilter:
    engagement_id: int | None = None  # None: every engagement
    category: str | None = None
    status: str | None = None
    due_for_review: bool = False
    flagged: bool = False  # any review flag (overdue, no owner, stale proposal)


def where_clause(f: DecisionFilter, on: dt.date | None = None) -> tuple[str, dict[str, Any]]:
    """SQL over the alias `d` and its named parameters."""
    on = on or clock.today()
    params: dict[str, Any] = flag_params(on)
    parts = []
    if f.engagement_id is not None:
        parts.append("d.engagement_id = :engagement_id")
        params["engagement_id"] = f.engagement_id
    if f.category:
        parts.append("d.category = :category")
        params["category"] = f.category
    if f.status:
        parts.append("d.status = :status")
        params["status"] = f.status
    if f.due_for_review:
        parts.append("(d.status IN ('proposed', 'accepted') AND d.review_by <= :due_by)")
        params["due_by"] = (on + dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    if f.flagged:
        parts.append("(" + " OR ".join(FLAG_SQL.values()) + ")")
    return " AND ".join(parts) or "1", params


def list_ids_sql(f: DecisionFilter, on: dt.date | None = None) -> tuple[str, dict[str, Any]]:
    where, params = where_clause(f, on)
    return f"SELECT d.id FROM decision d WHERE {where} {ORDER_BY}", params


def list_ids(db: Database, f: DecisionFilter | None = None, on: dt.date | None = None) -> list[int]:
    """Ids of the matching decisions, newest decision date first."""
    sql, params = list_ids_sql(f or DecisionFilter(), on)
    return [int(r[0]) for r in db.execute(sql, params)]


def list_decisions(
    db: Database, f: DecisionFilter | None = None, on: dt.date | None = None
) -> list[Decision]:
    """The matching decisions, newest first, read in one query (a whole list at once: the
    command line; the table reads ids first and records as it scrolls)."""
    where, params = where_clause(f or DecisionFilter(), on)
    sql = f"SELECT {COLUMNS_OF_D} FROM decision d WHERE {where} {ORDER_BY}"
    return [from_values(row) for row in db.execute(sql, params)]


class DecisionLine(NamedTuple):
    """A decision as a table of the log shows it (`decisions list`): its columns only. A whole
    record also decodes its options (JSON) and builds a record of 32 fields, for each of the
    thousands of decisions of a long practice, to print none of that."""

    id: int
    engagement_id: int
    number_label: str
    date_label: str  # the ISO date, or "date unknown"
    title: str
    category: str
    status: str
    owner: str
    review_by: str  # the ISO date, or ""
    supersedes_id: int | None
    superseded_by_id: int | None


_LINE_COLUMNS = (
    "d.id, d.engagement_id, d.number, d.decided_on, d.date_unknown, d.title, d.category, "
    "d.status, d.owner, d.review_by, d.supersedes_id, d.superseded_by_id"
)


def list_lines(
    db: Database, f: DecisionFilter | None = None, on: dt.date | None = None
) -> list[DecisionLine]:
    """`list_decisions` as table lines: the same decisions in the same order, the same words
    as a record's (`number_label`, `date_label`, `review_by`)."""
    where, params = where_clause(f or DecisionFilter(), on)
    sql = f"SELECT {_LINE_COLUMNS} FROM decision d WHERE {where} {ORDER_BY}"
    iso = dt.date.fromisoformat
    return [
        DecisionLine(
            int(i), int(eid), number_label(int(number)),
            "date unknown" if unknown else iso(decided).isoformat(), title, category, status,
            owner, iso(review).isoformat() if review else "", supersedes, superseded,
        )
        for (i, eid, number, decided, unknown, title, category, status, owner, review,
             supersedes, superseded) in db.execute(sql, params)
    ]  # fmt: skip


def count(db: Database, f: DecisionFilter | None = None, on: dt.date | None = None) -> int:
    where, params = where_clause(f or DecisionFilter(), on)
    row = db.execute(f"SELECT count(*) FROM decision d WHERE {where}", params).fetchone()
    return int(row[0])


def labels(db: Database, ids: list[int]) -> dict[int, str]:
    """`D-001` labels by id, for showing links without loading whole records."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    found = db.execute(f"SELECT id, number FROM decision WHERE id IN ({marks})", wanted)
    return {int(i): number_label(int(n)) for i, n in found}

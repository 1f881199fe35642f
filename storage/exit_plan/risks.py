"""Risks: what could go wrong after the consultant leaves, how likely and how bad, what to do
about it and who on the client side watches it. The handoff prints them as a table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from storage.exit_plan.plan_records import PlanRecords
from storage.rules import validation as v

LEVELS = ("low", "medium", "high")
LEVEL_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}


@dataclass(frozen=True)
class Risk:
    engagement_id: int
    risk: str
    likelihood: str = "medium"
    impact: str = "medium"
    mitigation: str = ""
    owner: str = ""
    position: int = 0
    id: int | None = None
    created_at: str = ""
    # The day its words, levels or owner last changed, kept by a trigger: not part of what the
    # risk says, so an undo that puts its words back is the same risk.
    changed_on: str = dataclasses.field(default="", compare=False)


def validate(r: Risk) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    return {
        "engagement_id": v.int_between("engagement_id", r.engagement_id, 1, 2**62),
        "risk": v.line_text("risk", r.risk, required=True, max_len=500),
        "likelihood": v.one_of("likelihood", r.likelihood, LEVELS),
        "impact": v.one_of("impact", r.impact, LEVELS),
        "mitigation": v.line_text("mitigation", r.mitigation, max_len=2_000),
        "owner": v.line_text("owner", r.owner, max_len=200),
    }


_records = PlanRecords("risk", validate, lambda row: Risk(**row))
add, restore, update, get = _records.add, _records.restore, _records.update, _records.get
list_for, delete, move_to = _records.list_for, _records.delete, _records.move_to


def with_changes(risk: Risk, **changes: Any) -> Risk:
    return dataclasses.replace(risk, **changes)

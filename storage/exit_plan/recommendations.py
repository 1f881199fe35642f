"""Recommendations: what the consultant advises the team to do next. One with a horizon (30, 60
or 90 days) belongs to the successor's roadmap for their first 90 days; one without is for later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.exit_plan.plan_records import PlanRecords
from storage.rules import validation as v
from storage.rules.errors import ValidationError

HORIZONS = (30, 60, 90)
# The roadmap's stretches, by the horizon that falls in them; None: beyond the first 90 days.
HORIZON_LABELS: dict[int | None, str] = {
    30: "Days 1–30",
    60: "Days 31–60",
    90: "Days 61–90",
    None: "Later",
}


@dataclass(frozen=True)
class Recommendation:
    engagement_id: int
    text: str
    horizon_days: int | None = None
    position: int = 0
    id: int | None = None
    created_at: str = ""

    @property
    def horizon_label(self) -> str:
        return HORIZON_LABELS[self.horizon_days]


def validate(r: Recommendation) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    horizon = r.horizon_days
    if horizon is not None and (isinstance(horizon, bool) or horizon not in HORIZONS):
        raise ValidationError("horizon_days", "must be 30, 60 or 90 days, or none")
    return {
        "engagement_id": v.int_between("engagement_id", r.engagement_id, 1, 2**62),
        "text": v.line_text("text", r.text, required=True, max_len=2_000),
        "horizon_days": horizon,
    }


_records = PlanRecords("recommendation", validate, lambda row: Recommendation(**row))
add, restore, update, get = _records.add, _records.restore, _records.update, _records.get
list_for, delete, move_to = _records.list_for, _records.delete, _records.move_to


def roadmap(items: Sequence[Recommendation]) -> list[tuple[str, list[Recommendation]]]:
    """The successor's first 90 days: days 1–30, 31–60 and 61–90, each with its
    recommendations in the plan's order (a stretch with none is left out)."""
    stretches = [(HORIZON_LABELS[h], [r for r in items if r.horizon_days == h]) for h in HORIZONS]
    return [(label, found) for label, found in stretches if found]


def later(items: Sequence[Recommendation]) -> list[Recommendation]:
    """The recommendations with no horizon: beyond the roadmap."""
    return [r for r in items if r.horizon_days is None]


def with_changes(recommendation: Recommendation, **changes: Any) -> Recommendation:
    return dataclasses.replace(recommendation, **changes)

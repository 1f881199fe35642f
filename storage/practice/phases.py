"""Phases: the engagement's arc in named stretches (audit and architecture, build and ship,
transition), each with its dates and goals; the scope of work prints them as the plan.

Saved with the engagement, all at once, in its transaction (`replace_for`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from storage.file import rows
from storage.rules import validation as v
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database


class Planned(Protocol):
    """What the usual arc needs of an engagement (phases sit below engagements)."""

    @property
    def id(self) -> int | None: ...
    @property
    def role(self) -> str: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def planned_end_date(self) -> dt.date | None: ...


MAX_PER_ENGAGEMENT = 50
FIRST_DAYS = {"cto": 14, "ai": 28}  # the audit (two weeks) or the AI discovery (four)
LAST_DAYS = 56  # the transition: the eight weeks before the exit, as a taper usually is
OPEN_ENDED_DAYS = 365  # an engagement with no planned exit is planned over a year
ARCS: dict[str, tuple[tuple[str, str], ...]] = {
    "cto": (
        ("Audit and architecture", "Review the architecture, the team and how work ships; "
         "end with a prioritised 60-90 day roadmap."),
        ("Build and ship", "Ship the roadmap's first items with the team; record the key "
         "decisions with a client-side owner; hire or name the technical lead."),
        ("Transition", "Hand over the responsibilities, the decision log and the next roadmap; "
         "reduce the cadence; deliver and walk through the handoff."),
    ),
    "ai": (
        ("Discovery and evaluation", "Tie AI use cases to business outcomes; agree how quality "
         "is measured before and after launch, and the governance policy."),
        ("Pilots with go/no-go gates", "Run each pilot to a go/no-go gate on quality, cost and "
         "risk; put monitoring and cost controls in place."),
        ("Scale and handover", "Scale the pilots that passed their gate; train the team; hand "
         "over evaluation, monitoring and cost controls."),
    ),
    "advisor": (
        ("Advisory", "Advice on the decisions the team brings, in calls and short written "
         "recommendations; no delivery work."),
    ),
}  # fmt: skip
ROLE_ARCS = {
    "fractional_cto": "cto",
    "fractional_ai_cto": "ai",
    "fractional_ai_officer": "ai",
    "advisor": "advisor",
}


@dataclass(frozen=True)
class Phase:
    engagement_id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    goals: str = ""
    position: int = 0
    id: int | None = None
    created_at: str = ""


def validate(p: Phase) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    row: dict[str, Any] = {
        "engagement_id": v.int_between("engagement_id", p.engagement_id, 1, 2**62),
        "name": v.line_text("name", p.name, required=True, max_len=200),
        "starts_on": v.iso_date("starts_on", p.starts_on),
        "ends_on": v.iso_date("ends_on", p.ends_on),
        "goals": v.clean_text("goals", p.goals, max_len=10_000),
    }
    if row["ends_on"] < row["starts_on"]:
        raise ValidationError("ends_on", "must not be before the phase starts")
    return row


def _from_row(row: dict[str, Any]) -> Phase:
    values = dict(row)
    for key in ("starts_on", "ends_on"):
        values[key] = dt.date.fromisoformat(values[key])
    return Phase(**values)


def list_for(db: Database, engagement_id: int) -> list[Phase]:
    return [_from_row(r) for r in rows.sound_rows(db, "phase", engagement_id)]


def check_all(items: Sequence[Phase]) -> list[dict[str, Any]]:
    """Every row validated before anything is written (the first bad one raises)."""
    if len(items) > MAX_PER_ENGAGEMENT:
        raise ValidationError("phases", f"at most {MAX_PER_ENGAGEMENT} phases")
    return [validate(item) for item in items]


def replace_for(db: Database, engagement_id: int, items: Sequence[Phase]) -> None:
    """Make the engagement's phases exactly `items`, in order, in one transaction."""
    checked = check_all([dataclasses.replace(i, engagement_id=engagement_id) for i in items])
    rows.replace_ordered(db, "phase", engagement_id, checked, [i.created_at for i in items])


def suggested(engagement: Planned) -> list[Phase]:
    """The usual arc for the engagement's role over its dates (a year from the start when the
    exit is open): back to back, from the start date to the planned exit, no gap, no overlap."""
    first = engagement.start_date
    last = engagement.planned_end_date or first + dt.timedelta(days=OPEN_ENDED_DAYS - 1)
    arc = ROLE_ARCS.get(engagement.role, "cto")
    spans = _spans((last - first).days + 1, FIRST_DAYS.get(arc, 0), len(ARCS[arc]))
    found: list[Phase] = []
    start = first
    for (name, goals), days in zip(ARCS[arc], spans, strict=True):
        if days > 0:
            end = start + dt.timedelta(days=days - 1)
            found.append(Phase(engagement.id or 0, name, start, end, goals, len(found)))
            start = end + dt.timedelta(days=1)
    return found


def _spans(total: int, first: int, count: int) -> list[int]:
    """Days in each phase: a short engagement keeps the arc in proportion (a sixth, then the
    middle, then a third), a long one gives the middle phase what the first and last leave."""
    if count == 1:
        return [total]
    head = min(first, total // 6)
    tail = min(LAST_DAYS, total // 3)
    return [head, total - head - tail, tail]

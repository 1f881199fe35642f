"""The exit plan: milestones, responsibilities, risks, recommendations, the access inventory,
the exit-readiness review and its history, and ending an engagement.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.exit_plan import (
    access_items,
    engagement_lifecycle,
    milestones,
    plan_changes,
    readiness,
    readiness_snapshots,
    recommendations,
    responsibilities,
    risks,
)
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.milestones import CLOSED_STATUSES, STATUS_LABELS, Milestone
from storage.exit_plan.readiness import Review
from storage.exit_plan.readiness_checks import Check
from storage.exit_plan.readiness_snapshots import Snapshot
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.responsibilities import STAGE_LABELS, Responsibility
from storage.exit_plan.risks import LEVEL_LABELS, Risk

__all__ = [
    "CLOSED_STATUSES",
    "LEVEL_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "AccessItem",
    "Check",
    "Milestone",
    "Recommendation",
    "Responsibility",
    "Review",
    "Risk",
    "Snapshot",
    "access_items",
    "engagement_lifecycle",
    "milestones",
    "plan_changes",
    "readiness",
    "readiness_snapshots",
    "recommendations",
    "responsibilities",
    "risks",
]

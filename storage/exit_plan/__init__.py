"""The exit plan: milestones, responsibilities, risks, recommendations, the access inventory,
the exit-readiness review and its history, and ending an engagement.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "AccessItem": "storage.exit_plan.access_items:AccessItem",
        "access_items": "storage.exit_plan.access_items",
        "engagement_lifecycle": "storage.exit_plan.engagement_lifecycle",
        "CLOSED_STATUSES": "storage.exit_plan.milestones:CLOSED_STATUSES",
        "Milestone": "storage.exit_plan.milestones:Milestone",
        "STATUS_LABELS": "storage.exit_plan.milestones:STATUS_LABELS",
        "milestones": "storage.exit_plan.milestones",
        "plan_changes": "storage.exit_plan.plan_changes",
        "Review": "storage.exit_plan.readiness:Review",
        "readiness": "storage.exit_plan.readiness",
        "Check": "storage.exit_plan.readiness_checks:Check",
        "Snapshot": "storage.exit_plan.readiness_snapshots:Snapshot",
        "readiness_snapshots": "storage.exit_plan.readiness_snapshots",
        "Recommendation": "storage.exit_plan.recommendations:Recommendation",
        "recommendations": "storage.exit_plan.recommendations",
        "Responsibility": "storage.exit_plan.responsibilities:Responsibility",
        "STAGE_LABELS": "storage.exit_plan.responsibilities:STAGE_LABELS",
        "responsibilities": "storage.exit_plan.responsibilities",
        "LEVEL_LABELS": "storage.exit_plan.risks:LEVEL_LABELS",
        "Risk": "storage.exit_plan.risks:Risk",
        "risks": "storage.exit_plan.risks",
    },
)

"""The engagement's status moves proposed -> active -> exiting -> ended, one step at a time.

Ending runs the exit-readiness review first; when the verdict is not "ready" the caller is asked
(with the review, so it can list what fails) and nothing changes unless it says yes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from storage.exit_plan import readiness
from storage.exit_plan.readiness import Review
from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

TRANSITIONS = {"proposed": "active", "active": "exiting", "exiting": "ended"}
ACTIONS = {"active": "Start the engagement", "exiting": "Start the exit", "ended": "End it"}
ConfirmNotReady = Callable[[Review], bool]


def can_move(engagement: Engagement, status: str) -> bool:
    return TRANSITIONS.get(engagement.status) == status


def _move(db: Database, engagement_id: int, status: str, **changes: object) -> Engagement:
    engagement = engagements.get(db, engagement_id)
    if not can_move(engagement, status):
        allowed = TRANSITIONS.get(engagement.status)
        hint = f"; next it can only become {allowed}" if allowed else ""
        raise ValidationError(
            "status", f"an engagement that is {engagement.status} cannot become {status}{hint}"
        )
    return engagements.update(db, engagements.with_changes(engagement, status=status, **changes))


def activate(db: Database, engagement_id: int) -> Engagement:
    """A proposal the client signed becomes active."""
    return _move(db, engagement_id, "active")


def start_exit(db: Database, engagement_id: int) -> Engagement:
    """Active -> exiting: the consultant is working themselves out of the role."""
    return _move(db, engagement_id, "exiting")


def end(
    db: Database,
    engagement_id: int,
    confirm_not_ready: ConfirmNotReady,
    *,
    on: dt.date | None = None,
) -> tuple[Review, Engagement | None]:
    """Exiting -> ended on `on` (today), after the review.

    Returns the review and the ended engagement, or None when the review was not ready and
    `confirm_not_ready` said no (then nothing was written).
    """
    day = on or clock.today()
    engagement = engagements.get(db, engagement_id)
    if not can_move(engagement, "ended"):
        _move(db, engagement_id, "ended")  # raises the plain-words error
    if day < engagement.start_date:
        raise ValidationError("ended_on", "cannot be before the engagement started")
    result = readiness.review(db, engagement_id, on=day)
    if not result.ready and not confirm_not_ready(result):
        return result, None
    return result, _move(db, engagement_id, "ended", ended_on=day)


def not_ready_message(result: Review) -> str:
    """The question asked before ending an engagement that is not ready, listing what fails."""
    lines = [f"• {c.label}: {c.detail}" for c in result.failing]
    failing = "\n".join(lines) or "• No check fails, but the score is low."
    return (
        f"The exit-readiness review says {result.verdict} (score {result.score} of 100).\n\n"
        f"What fails:\n{failing}\n\nEnd the engagement anyway? No more time can be logged on it."
    )

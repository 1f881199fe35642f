"""The engagement's lifecycle: active -> exiting -> ended, and ending after the review."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.exit_plan import engagement_lifecycle, milestones, responsibilities
from storage.exit_plan.milestones import Milestone
from storage.exit_plan.readiness import Review
from storage.exit_plan.responsibilities import Responsibility
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database, status: str = "active") -> int:
    client = clients.add(db, Client(name="Acme"))
    engagement = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        planned_end_date=dt.date(2026, 6, 30), status=status, days_per_week=0.5,
    )  # fmt: skip
    return engagements.add(db, engagement).id or 0


def _make_ready(db: Database, engagement_id: int) -> None:
    """Everything done and handed over, and four weeks of the half day a week committed."""
    milestones.add(db, Milestone(engagement_id, "Handoff", status="done", owner="Mei Lin"))
    responsibilities.add(db, Responsibility(engagement_id, "Owns production", "Mei Lin", "owns"))
    for week in range(4):
        db["time_entry"].insert(
            {"engagement_id": engagement_id, "day": (TODAY - dt.timedelta(days=7 * week)).isoformat(),
             "bucket": "team", "minutes": 240, "note": "", "created_at": "x"}
        )  # fmt: skip


class Answer:
    """A stand-in for the person asked: records each question, gives one answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[Review] = []

    def __call__(self, review: Review) -> bool:
        self.asked.append(review)
        return self.answer


def test_active_to_exiting_to_ended(db: Database) -> None:
    engagement_id = _engagement(db)
    _make_ready(db, engagement_id)
    assert engagement_lifecycle.start_exit(db, engagement_id).status == "exiting"
    answer = Answer(False)
    review, ended = engagement_lifecycle.end(db, engagement_id, answer)
    assert review.verdict == "ready"
    assert answer.asked == []  # a ready engagement ends without a question
    assert ended is not None
    assert (ended.status, ended.ended_on) == ("ended", TODAY)
    assert engagements.get(db, engagement_id).ended_on == TODAY


@pytest.mark.parametrize(
    ("status", "change"),
    [
        ("proposed", engagement_lifecycle.start_exit),
        ("exiting", engagement_lifecycle.start_exit),
        ("ended", engagement_lifecycle.start_exit),
        ("active", engagement_lifecycle.activate),
    ],
)
def test_only_the_next_step_is_allowed(db: Database, status: str, change: object) -> None:
    engagement_id = _engagement(db, status)
    with pytest.raises(ValidationError) as error:
        change(db, engagement_id)  # type: ignore[operator]
    assert error.value.field == "status"
    assert engagements.get(db, engagement_id).status == status


def test_ending_needs_the_exit_started_first(db: Database) -> None:
    engagement_id = _engagement(db, "active")
    answer = Answer(True)
    with pytest.raises(ValidationError, match="can only become exiting"):
        engagement_lifecycle.end(db, engagement_id, answer)
    assert answer.asked == []
    assert engagements.get(db, engagement_id).status == "active"


def test_a_proposal_becomes_active(db: Database) -> None:
    engagement_id = _engagement(db, "proposed")
    assert engagement_lifecycle.activate(db, engagement_id).status == "active"


def test_ending_when_not_ready_asks_and_no_changes_nothing(db: Database) -> None:
    engagement_id = _engagement(db, "exiting")
    milestones.add(db, Milestone(engagement_id, "Handoff", owner=""))
    answer = Answer(False)
    review, ended = engagement_lifecycle.end(db, engagement_id, answer)
    assert ended is None
    assert answer.asked == [review]
    assert review.verdict == "not ready"
    stored = engagements.get(db, engagement_id)
    assert (stored.status, stored.ended_on) == ("exiting", None)


def test_ending_when_not_ready_and_yes_ends_it(db: Database) -> None:
    engagement_id = _engagement(db, "exiting")
    answer = Answer(True)
    review, ended = engagement_lifecycle.end(db, engagement_id, answer)
    assert answer.asked == [review]
    assert ended is not None
    assert (ended.status, ended.ended_on) == ("ended", TODAY)


def test_the_question_lists_what_fails(db: Database) -> None:
    engagement_id = _engagement(db, "exiting")
    milestones.add(db, Milestone(engagement_id, "Vendors handed over", owner=""))
    answer = Answer(False)
    review, _ = engagement_lifecycle.end(db, engagement_id, answer)
    text = engagement_lifecycle.not_ready_message(review)
    assert "not ready" in text
    for check in review.failing:
        assert check.label in text
    assert "1 milestone without an owner" in text

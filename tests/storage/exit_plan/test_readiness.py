"""The exit-readiness review: the score, each check passing and failing, the projection, snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlite_utils import Database

from storage.exit_plan import milestones, readiness, readiness_snapshots, responsibilities
from storage.exit_plan.milestones import Milestone
from storage.exit_plan.responsibilities import Responsibility
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock

TODAY = dt.date(2026, 6, 1)
START = dt.date(2026, 1, 5)
COMMITTED_4_WEEKS = 4 * 2 * 8 * 60  # two days a week of eight hours


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database, **changes: object) -> int:
    client = clients.add(db, Client(name="Acme"))
    base = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=START,
        planned_end_date=dt.date(2026, 12, 31), status="active",
    )  # fmt: skip
    return engagements.add(db, engagements.with_changes(base, **changes)).id or 0


def _milestone(db: Database, engagement_id: int, **changes: object) -> Milestone:
    base = Milestone(engagement_id, "Roadmap handed over", owner="Mei Lin", weight=3)
    return milestones.add(db, milestones.with_changes(base, **changes))


def _duty(db: Database, engagement_id: int, **changes: object) -> Responsibility:
    base = Responsibility(
        engagement_id, "Technical ownership of production", successor="Sam Patel", stage="owns"
    )
    return responsibilities.add(db, responsibilities.with_changes(base, **changes))


def _decision(db: Database, engagement_id: int, number: int, **values: object) -> int:
    row: dict[str, object] = {
        "engagement_id": engagement_id, "number": number, "title": f"Decision {number}",
        "decided_on": "2026-05-20", "status": "accepted", "owner": "Mei Lin", "review_by": None,
        "created_at": "2026-05-20T10:00:00+00:00",
    }  # fmt: skip
    row.update(values)
    return int(db["decision"].insert(row).last_pk)


def _time(db: Database, engagement_id: int, minutes: int, *, first_day: dt.date) -> None:
    """Spread `minutes` over consecutive days from `first_day`, at most eight hours a day."""
    day = first_day
    while minutes > 0:
        chunk = min(minutes, 480)
        db["time_entry"].insert(
            {"engagement_id": engagement_id, "day": day.isoformat(), "bucket": "strategy",
             "minutes": chunk, "note": "", "created_at": "x"}
        )  # fmt: skip
        minutes -= chunk
        day += dt.timedelta(days=1)


def _healthy(db: Database) -> int:
    """An engagement where every check passes."""
    engagement_id = _engagement(db)
    _milestone(db, engagement_id, title="Roadmap", status="done", done_date=dt.date(2026, 4, 1))
    _milestone(db, engagement_id, title="Lead designated", due_date=dt.date(2026, 9, 1))
    _duty(db, engagement_id)
    _decision(db, engagement_id, 1, review_by="2026-09-01")
    _decision(db, engagement_id, 2, status="proposed", decided_on="2026-05-10")
    _decision(db, engagement_id, 3, status="superseded", owner="", review_by="2026-01-01")
    _time(db, engagement_id, COMMITTED_4_WEEKS, first_day=dt.date(2026, 5, 10))
    return engagement_id


def _check(review: readiness.Review, name: str) -> readiness.Check:
    return next(c for c in review.checks if c.name == name)


def test_every_check_passes_on_a_healthy_engagement(db: Database) -> None:
    result = readiness.review(db, _healthy(db))
    assert [c.name for c in result.checks if not c.passed] == []
    assert [c.name for c in result.checks] == [
        "planned_end_date", "owners", "no_overdue_milestone", "decision_owners",
        "decisions_reviewed", "proposals_decided", "time_within_commitment", "tenure",
        "technical_owner",
        "access_handed_over",
    ]  # fmt: skip


def _no_end(db: Database, e: int) -> tuple[str, int]:
    stored = engagements.get(db, e)
    engagements.update(db, engagements.with_changes(stored, planned_end_date=None))
    return "engagement", e


def _milestone_without_owner(db: Database, e: int) -> tuple[str, int]:
    return "milestone", _milestone(db, e, title="Vendors", owner="").id or 0


def _duty_without_successor(db: Database, e: int) -> tuple[str, int]:
    return "responsibility", _duty(db, e, duty="Board updates", successor="").id or 0


def _overdue(db: Database, e: int) -> tuple[str, int]:
    return "milestone", _milestone(db, e, title="Late", due_date=dt.date(2026, 5, 31)).id or 0


def _accepted_without_owner(db: Database, e: int) -> tuple[str, int]:
    return "decision", _decision(db, e, 9, owner="")


def _past_review(db: Database, e: int) -> tuple[str, int]:
    return "decision", _decision(db, e, 9, review_by="2026-05-31")


def _old_proposal(db: Database, e: int) -> tuple[str, int]:
    return "decision", _decision(db, e, 9, status="proposed", decided_on="2026-04-30")


def _too_much_time(db: Database, e: int) -> tuple[str, int]:
    _time(db, e, COMMITTED_4_WEEKS, first_day=dt.date(2026, 5, 5))  # doubles the four weeks
    return "time", e


def _no_recent_time(db: Database, e: int) -> tuple[str, int]:
    db.execute("DELETE FROM time_entry")
    _time(db, e, COMMITTED_4_WEEKS, first_day=dt.date(2026, 3, 1))  # all before the window
    return "time", e


@pytest.mark.parametrize(
    ("name", "break_it"),
    [
        ("planned_end_date", _no_end),
        ("owners", _milestone_without_owner),
        ("owners", _duty_without_successor),
        ("no_overdue_milestone", _overdue),
        ("decision_owners", _accepted_without_owner),
        ("decisions_reviewed", _past_review),
        ("proposals_decided", _old_proposal),
        ("time_within_commitment", _too_much_time),
        ("time_within_commitment", _no_recent_time),
    ],
)
def test_each_check_fails_and_points_at_what_fails(
    db: Database, name: str, break_it: Callable[[Database, int], tuple[str, int]]
) -> None:
    engagement_id = _healthy(db)
    target = break_it(db, engagement_id)
    result = readiness.review(db, engagement_id)
    assert [c.name for c in result.failing] == [name]
    failing = _check(result, name)
    assert (failing.target_kind, failing.target_id) == target
    assert failing.detail


def test_boundaries_of_the_checks(db: Database) -> None:
    engagement_id = _healthy(db)
    _milestone(db, engagement_id, title="Due today", due_date=TODAY)
    _milestone(db, engagement_id, title="Dropped, late", due_date=TODAY.replace(day=1) - dt.timedelta(days=40), status="dropped", owner="")  # fmt: skip
    _decision(db, engagement_id, 10, status="proposed", decided_on="2026-05-02")  # 30 days
    _decision(db, engagement_id, 11, review_by=TODAY.isoformat())
    assert readiness.review(db, engagement_id).failing == ()


def test_time_check_is_pro_rata_for_a_new_engagement(db: Database) -> None:
    engagement_id = _engagement(db, start_date=dt.date(2026, 5, 25))  # 8 days of the window
    expected = 2 * 8 * 60 * 8 / 7
    _time(db, engagement_id, round(expected * 0.6), first_day=dt.date(2026, 5, 25))
    assert _check(readiness.review(db, engagement_id), "time_within_commitment").passed
    _time(db, engagement_id, round(expected * 0.6), first_day=dt.date(2026, 5, 28))
    assert not _check(readiness.review(db, engagement_id), "time_within_commitment").passed


def test_score_weighs_milestones_and_leaves_dropped_out(db: Database) -> None:
    engagement_id = _healthy(db)  # done weight 3 of 6; one responsibility, owned
    _milestone(db, engagement_id, title="Vendors", weight=5, status="dropped")
    _milestone(db, engagement_id, title="Access", weight=2, status="done")
    _duty(db, engagement_id, duty="Architecture review", stage="leads_with_support")
    result = readiness.review(db, engagement_id)
    assert result.milestone_share == pytest.approx(5 / 8)
    assert result.responsibility_share == pytest.approx(1 / 2)
    assert (result.milestones_done, result.milestones_counted) == (2, 3)
    assert result.score == round(50 * 5 / 8 + 30 * 1 / 2 + 20)  # 66
    assert result.verdict == "nearly ready"


def test_nothing_planned_scores_only_the_checks(db: Database) -> None:
    engagement_id = _engagement(db)
    result = readiness.review(db, engagement_id)
    assert (result.milestone_share, result.responsibility_share) == (0.0, 0.0)
    assert result.projected_finish is None
    passed = sum(c.passed for c in result.checks)
    assert result.score == round(20 * passed / len(result.checks))
    assert result.verdict == "not ready"
    _milestone(db, engagement_id, status="dropped")  # only dropped ones: still nothing counted
    assert readiness.review(db, engagement_id).milestone_share == 0.0


def test_everything_handed_over_is_ready(db: Database) -> None:
    engagement_id = _healthy(db)
    for m in milestones.list_for(db, engagement_id):
        milestones.update(db, milestones.with_changes(m, status="done", done_date=dt.date(2026, 5, 1)))  # fmt: skip
    result = readiness.review(db, engagement_id)
    assert (result.score, result.verdict) == (100, "ready")
    assert result.projected_finish == dt.date(2026, 5, 1)  # the last one done


def test_a_failing_critical_check_holds_a_high_score_back(db: Database) -> None:
    engagement_id = _healthy(db)
    for m in milestones.list_for(db, engagement_id):
        milestones.update(db, milestones.with_changes(m, status="done"))
    _duty(db, engagement_id, duty="Vendors", successor="")  # owns it, but nobody named
    result = readiness.review(db, engagement_id)
    assert result.score >= readiness.READY_AT
    assert result.verdict == "nearly ready"


@pytest.mark.parametrize(
    ("score", "critical", "verdict"),
    [(100, False, "ready"), (80, False, "ready"), (79, False, "nearly ready"),
     (95, True, "nearly ready"), (60, False, "nearly ready"), (59, False, "not ready"),
     (0, False, "not ready")],
)  # fmt: skip
def test_verdict_thresholds(score: int, critical: bool, verdict: str) -> None:
    assert readiness.verdict_for(score, critical_failed=critical) == verdict


def test_projection_is_linear_over_weight_from_the_start(db: Database) -> None:
    engagement_id = _healthy(db)  # done weight 3 of 6 after 147 days
    result = readiness.review(db, engagement_id)
    assert result.projected_finish == START + dt.timedelta(days=2 * (TODAY - START).days)
    assert result.days_left == (dt.date(2026, 12, 31) - TODAY).days
    assert readiness.projected_finish(START, TODAY, 0, 6) is None
    assert readiness.projected_finish(START, TODAY, 1, 4) == START + dt.timedelta(days=588)


def test_days_left_goes_negative_after_the_planned_end(db: Database) -> None:
    engagement_id = _engagement(db, planned_end_date=dt.date(2026, 5, 22))
    assert readiness.review(db, engagement_id).days_left == -10
    _no_end(db, engagement_id)
    assert readiness.review(db, engagement_id).days_left is None


def test_json_shape_is_stable(db: Database) -> None:
    engagement_id = _healthy(db)
    shape = readiness.review(db, engagement_id).as_json()
    assert list(shape) == [
        "engagement_id", "score", "verdict", "checks", "days_left", "projected_finish",
    ]  # fmt: skip
    assert shape["projected_finish"] == "2026-10-26"
    assert set(shape["checks"][0]) == {"name", "passed", "detail"}


def test_snapshots_record_the_trend(db: Database) -> None:
    engagement_id = _healthy(db)
    _milestone(db, engagement_id, title="Late", due_date=dt.date(2026, 5, 1))
    first = readiness_snapshots.record(
        db, readiness.review(db, engagement_id), on=dt.date(2026, 3, 1)
    )
    today = readiness_snapshots.record(db, readiness.review(db, engagement_id))
    assert today.taken_on == TODAY
    assert today.failing_checks == ("no_overdue_milestone",)
    assert today.verdict == readiness.review(db, engagement_id).verdict
    again = readiness_snapshots.record(db, readiness.review(db, engagement_id))  # same day
    listed = readiness_snapshots.list_for(db, engagement_id)
    assert [s.id for s in listed] == [first.id, again.id]
    assert readiness_snapshots.on_day(db, engagement_id, TODAY) == again
    readiness_snapshots.delete(db, again.id or 0)
    assert readiness_snapshots.restore(db, again) == again

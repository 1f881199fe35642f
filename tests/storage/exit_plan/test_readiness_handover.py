"""The exit review's handover checks: tenure past 18 months, one named technical owner among the
responsibilities, and time judged by the commitment periods in force (a planned taper passes)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.exit_plan import readiness, responsibilities
from storage.exit_plan.readiness_checks import Check
from storage.exit_plan.responsibilities import Responsibility
from storage.practice import commitments, engagements
from storage.rules import clock
from tests.storage.exit_plan.test_readiness import TODAY, _check, _engagement, _healthy, _time


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _review_check(db: Database, engagement_id: int, name: str) -> Check:
    return _check(readiness.review(db, engagement_id), name)


@pytest.mark.parametrize(
    ("start", "planned_end", "passed", "detail"),
    [
        (dt.date(2025, 6, 1), dt.date(2026, 9, 30), True, "12 months in, planned end 30 Sep 2026"),
        (dt.date(2024, 12, 1), dt.date(2026, 6, 1), True, "18 months in"),  # 18 exactly: fine
        (dt.date(2024, 11, 30), dt.date(2026, 12, 31), False, "18 months in: past 18"),
        (dt.date(2024, 1, 5), None, False, "28 months in: past 18"),
        (dt.date(2026, 1, 5), dt.date(2027, 12, 31), False, "Planned to run 23 months"),
    ],
)
def test_tenure(
    db: Database, start: dt.date, planned_end: dt.date | None, passed: bool, detail: str
) -> None:
    engagement_id = _engagement(db, start_date=start, planned_end_date=planned_end)
    check = _review_check(db, engagement_id, "tenure")
    assert (check.passed, check.critical) == (passed, False)
    assert detail in check.detail
    assert (check.target_kind, check.target_id) == (
        ("", 0) if passed else ("engagement", engagement_id)
    )


def test_tenure_of_an_ended_engagement_counts_to_its_end(db: Database) -> None:
    engagement_id = _engagement(
        db, start_date=dt.date(2023, 1, 2), planned_end_date=dt.date(2024, 3, 1),
        status="ended", ended_on=dt.date(2024, 3, 1),
    )  # fmt: skip
    check = _review_check(db, engagement_id, "tenure")
    assert check.passed
    assert check.detail.startswith("13 months in")


def _duties(db: Database, engagement_id: int, *rows: tuple[str, str, str]) -> list[int]:
    return [
        responsibilities.add(db, Responsibility(engagement_id, duty, who, stage)).id or 0
        for duty, who, stage in rows
    ]


@pytest.mark.parametrize(
    ("rows", "passed", "detail", "target"),
    [
        ([("Hiring loop", "Mei Lin", "owns")], False, "No responsibility says who owns", None),
        ([("Owns production", "", "consultant")], False, "has no successor", 0),
        ([("Technical lead", "Sam and Mei", "owns")], False, "name one person", 0),
        ([("Production on-call", "Platform team", "owns")], False, "name one person", 0),
        ([("Technical ownership of production", "Sam Patel", "shadows")], False,
         "Sam Patel does not own “Technical ownership of production” yet", 0),
        ([("Head of engineering", "Sam Patel", "owns"), ("Production incidents", "Mei Lin", "owns")],
         False, "split between Mei Lin and Sam Patel", 1),
        ([("Head of Engineering", "Sam Patel", "owns"), ("Production", " sam  patel", "owns"),
          ("Hiring loop", "Mei Lin", "shadows")],
         True, "Sam Patel owns production (“Head of Engineering”)", None),
        ([("Board technical updates", "Sam Patel", "owns")], False, "No responsibility", None),
    ],
)  # fmt: skip
def test_one_named_technical_owner(
    db: Database, rows: list[tuple[str, str, str]], passed: bool, detail: str, target: int | None
) -> None:
    engagement_id = _engagement(db)
    ids = _duties(db, engagement_id, *rows)
    check = _review_check(db, engagement_id, "technical_owner")
    assert (check.passed, check.critical) == (passed, True)
    assert detail in check.detail
    expected = ("", 0) if target is None else ("responsibility", ids[target])
    assert (check.target_kind, check.target_id) == expected


def test_no_technical_owner_holds_back_a_ready_score(db: Database) -> None:
    engagement_id = _healthy(db)
    for duty in responsibilities.list_for(db, engagement_id):
        responsibilities.update(db, responsibilities.with_changes(duty, duty="Hiring loop"))
    result = readiness.review(db, engagement_id)
    assert [c.name for c in result.failing] == ["technical_owner"]
    assert result.score == round(50 * 3 / 6 + 30 + 20 * 8 / 9)
    assert result.verdict == "nearly ready"


def test_a_planned_taper_passes_the_time_check(db: Database) -> None:
    """Two days a week agreed, half a day since six weeks ago: 16 h in four weeks is on plan."""
    engagement_id = _engagement(db, days_per_week=2.0)
    engagement = engagements.get(db, engagement_id)
    commitments.add(db, engagement, TODAY - dt.timedelta(weeks=6), 0.5, None)
    _time(db, engagement_id, 16 * 60, first_day=TODAY - dt.timedelta(days=20))
    check = _review_check(db, engagement_id, "time_within_commitment")
    assert check.passed
    assert check.detail == (
        "16 h logged against 16 h committed, 0.5 days a week since 20 Apr 2026 "
        "(within 50%-110% passes)"
    )
    _time(db, engagement_id, 48 * 60, first_day=TODAY - dt.timedelta(days=27))
    assert not _review_check(db, engagement_id, "time_within_commitment").passed  # 64 h: over


def test_the_taper_is_judged_only_from_when_it_starts(db: Database) -> None:
    """A taper starting two weeks ago: two weeks at two days and two at half a day expected."""
    engagement_id = _engagement(db, days_per_week=2.0)
    commitments.add(
        db, engagements.get(db, engagement_id), TODAY - dt.timedelta(days=13), 0.5, None
    )
    _time(db, engagement_id, 40 * 60, first_day=TODAY - dt.timedelta(days=27))
    check = _review_check(db, engagement_id, "time_within_commitment")
    assert check.passed
    assert check.detail.startswith("40 h logged against 40 h committed")

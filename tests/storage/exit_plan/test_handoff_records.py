"""Risks, recommendations and the access inventory: validation before any write, the order kept
dense, undo of a delete back in place, and the access inventory refusing anything secret."""

from __future__ import annotations

from typing import Any

import pytest
from sqlite_utils import Database

from storage.exit_plan import access_items, recommendations, risks
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.risks import Risk
from storage.rules.errors import ValidationError
from tests.export_support import make_engagement


@pytest.fixture
def eid(db: Database) -> int:
    return make_engagement(db).id or 0


def _table_rows(db: Database, table: str) -> list[tuple[Any, ...]]:
    return db.execute(f"SELECT id, position FROM {table} ORDER BY position").fetchall()


def test_risk_round_trip_and_validation(db: Database, eid: int) -> None:
    risk = risks.add(db, Risk(eid, "  Only one engineer knows\u00a0the billing code ", "high"))
    assert (risk.risk, risk.likelihood, risk.impact, risk.position) == (
        "Only one engineer knows the billing code", "high", "medium", 0,
    )  # fmt: skip
    edited = risks.update(db, risks.with_changes(risk, mitigation="Pair on it", owner="Sam"))
    assert risks.get(db, risk.id or 0) == edited
    for bad, field in [
        (Risk(eid, "   "), "risk"),
        (Risk(eid, "x", likelihood="certain"), "likelihood"),
        (Risk(eid, "x", impact=""), "impact"),
        (Risk(eid, "x", owner="\ud800"), "owner"),
        (Risk(999, "x"), "engagement_id"),
    ]:
        with pytest.raises(ValidationError) as caught:
            risks.add(db, bad)
        assert caught.value.field == field
    assert risks.list_for(db, eid) == [edited]  # nothing refused was written


def test_an_edit_cannot_move_a_risk_to_another_engagement(db: Database, eid: int) -> None:
    other = make_engagement(db, client_name="Brightwave Health").id or 0
    risk = risks.add(db, Risk(eid, "Vendor lock-in"))
    risks.update(db, risks.with_changes(risk, engagement_id=other))
    assert [r.id for r in risks.list_for(db, eid)] == [risk.id]


def test_delete_closes_the_gap_and_undo_puts_it_back(db: Database, eid: int) -> None:
    added = [risks.add(db, Risk(eid, f"Risk {n}")) for n in range(3)]
    deleted = risks.delete(db, added[1].id or 0)
    assert [r.position for r in risks.list_for(db, eid)] == [0, 1]
    assert risks.restore(db, deleted) == added[1]
    assert [r.risk for r in risks.list_for(db, eid)] == ["Risk 0", "Risk 1", "Risk 2"]
    assert [p for _, p in _table_rows(db, "risk")] == [0, 1, 2]


def test_move_shifts_the_ones_between(db: Database, eid: int) -> None:
    added = [recommendations.add(db, Recommendation(eid, f"R{n}")) for n in range(4)]
    recommendations.move_to(db, added[3].id or 0, 0)
    assert [r.text for r in recommendations.list_for(db, eid)] == ["R3", "R0", "R1", "R2"]
    recommendations.move_to(db, added[3].id or 0, 99)  # clamped to the end
    assert [r.text for r in recommendations.list_for(db, eid)] == ["R0", "R1", "R2", "R3"]
    assert [p for _, p in _table_rows(db, "recommendation")] == [0, 1, 2, 3]


def test_recommendation_horizons(db: Database, eid: int) -> None:
    for horizon in (30, 60, 90, None):
        stored = recommendations.add(db, Recommendation(eid, "Do it", horizon))
        assert stored.horizon_days == horizon
    for bad in (45, 0, True, "30"):
        with pytest.raises(ValidationError) as caught:
            recommendations.add(db, Recommendation(eid, "Do it", bad))  # type: ignore[arg-type]
        assert caught.value.field == "horizon_days"
    with pytest.raises(ValidationError):
        recommendations.add(db, Recommendation(eid, "\u00a0\n "))


def test_roadmap_groups_by_horizon_in_plan_order(db: Database, eid: int) -> None:
    for text, horizon in [("Hire a lead", 60), ("Own on-call", 30), ("Later idea", None),
                          ("Review costs", 30), ("Retire the old API", 90)]:  # fmt: skip
        recommendations.add(db, Recommendation(eid, text, horizon))
    items = recommendations.list_for(db, eid)
    grouped = [(label, [r.text for r in found]) for label, found in recommendations.roadmap(items)]
    assert grouped == [
        ("Days 1–30", ["Own on-call", "Review costs"]),
        ("Days 31–60", ["Hire a lead"]),
        ("Days 61–90", ["Retire the old API"]),
    ]
    assert [r.text for r in recommendations.later(items)] == ["Later idea"]
    assert recommendations.roadmap([r for r in items if r.horizon_days != 60])[1][0] == (
        "Days 61–90"
    )  # a stretch with nothing is left out


def test_access_item_round_trip(db: Database, eid: int) -> None:
    item = access_items.add(db, AccessItem(eid, "AWS production account", "Admin (root user)",
                                           "Alex Morgan", "Sam Patel"))  # fmt: skip
    done = access_items.update(db, access_items.with_changes(item, done=True))
    assert done.done is True
    assert access_items.transferred(access_items.list_for(db, eid)) == 1
    with pytest.raises(ValidationError) as caught:
        access_items.add(db, AccessItem(eid, "GitHub", done=1))  # type: ignore[arg-type]
    assert caught.value.field == "done"


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("access", "password: hunter2"),
        ("access", "Admin, PWD=Winter2026!"),
        ("system", "https://admin:s3cret@db.acme.example"),
        ("access", "api key = 8f14e45fceea167a5a36dedd4bea2543"),
        ("access", "AKIAIOSFODNN7EXAMPLE"),
        ("access", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
        ("access", "sk-proj-abcdefghijklmnopqrstuvwx"),
        ("holder", "8f14e45fceea167a5a36dedd4bea2543"),
        ("transferred_to", "token:\u00a0abc"),
        ("access", "-----BEGIN OPENSSH PRIVATE KEY-----"),
    ],
)
def test_access_inventory_refuses_secrets(db: Database, eid: int, field: str, text: str) -> None:
    with pytest.raises(ValidationError, match="names only") as caught:
        access_items.add(db, AccessItem(eid, "System", **{field: text}) if field != "system"
                         else AccessItem(eid, text))  # fmt: skip
    assert caught.value.field == field
    assert access_items.list_for(db, eid) == []


@pytest.mark.parametrize(
    "text",
    [
        "1Password team vault (owner)",
        "https://console.aws.amazon.com/organizations",
        "Password manager: admin",
        "Google Workspace super admin",
        "alex.morgan@acme-robotics.example",
        "PagerDuty on-call schedule (manager role)",
        "Tokenisation service (read-only)",
    ],
)
def test_names_that_only_mention_secrets_are_kept(db: Database, eid: int, text: str) -> None:
    assert access_items.add(db, AccessItem(eid, text, access=text)).access == text

"""`exit plan|review`, `exit milestone|successor|risk|recommendation|access add|edit`: the
exit plan's records as JSON, and the exit-readiness review."""

from __future__ import annotations

from typing import TypedDict

from desktop.contracts.dates import iso
from storage.exit_plan import AccessItem, Milestone, Recommendation, Responsibility, Review, Risk


class MilestoneJson(TypedDict):
    id: int
    engagement_id: int
    title: str
    description: str
    due_date: str | None
    status: str
    owner: str
    weight: int
    done_date: str | None
    position: int


class SuccessorJson(TypedDict):
    id: int
    engagement_id: int
    duty: str
    successor: str
    stage: str
    position: int


class RiskJson(TypedDict):
    id: int
    engagement_id: int
    risk: str
    likelihood: str
    impact: str
    mitigation: str
    owner: str
    position: int


class RecommendationJson(TypedDict):
    id: int
    engagement_id: int
    text: str
    horizon_days: int | None
    position: int


class AccessJson(TypedDict):
    id: int
    engagement_id: int
    system: str
    access: str
    holder: str
    transferred_to: str
    done: bool
    position: int


class PlanJson(TypedDict):
    engagement_id: int
    milestones: list[MilestoneJson]
    successors: list[SuccessorJson]
    risks: list[RiskJson]
    recommendations: list[RecommendationJson]
    access: list[AccessJson]


class CheckJson(TypedDict):
    name: str
    passed: bool
    detail: str


class ReviewJson(TypedDict):
    engagement_id: int
    score: int
    verdict: str
    checks: list[CheckJson]
    days_left: int | None
    projected_finish: str | None


def milestone_json(m: Milestone) -> MilestoneJson:
    return MilestoneJson(
        id=m.id or 0, engagement_id=m.engagement_id, title=m.title, description=m.description,
        due_date=iso(m.due_date), status=m.status, owner=m.owner, weight=m.weight,
        done_date=iso(m.done_date), position=m.position,
    )  # fmt: skip


def successor_json(r: Responsibility) -> SuccessorJson:
    return SuccessorJson(
        id=r.id or 0, engagement_id=r.engagement_id, duty=r.duty, successor=r.successor,
        stage=r.stage, position=r.position,
    )  # fmt: skip


def risk_json(r: Risk) -> RiskJson:
    return RiskJson(
        id=r.id or 0, engagement_id=r.engagement_id, risk=r.risk, likelihood=r.likelihood,
        impact=r.impact, mitigation=r.mitigation, owner=r.owner, position=r.position,
    )  # fmt: skip


def recommendation_json(r: Recommendation) -> RecommendationJson:
    return RecommendationJson(
        id=r.id or 0, engagement_id=r.engagement_id, text=r.text, horizon_days=r.horizon_days,
        position=r.position,
    )  # fmt: skip


def access_json(a: AccessItem) -> AccessJson:
    return AccessJson(
        id=a.id or 0, engagement_id=a.engagement_id, system=a.system, access=a.access,
        holder=a.holder, transferred_to=a.transferred_to, done=a.done, position=a.position,
    )  # fmt: skip


def review_json(r: Review) -> ReviewJson:
    """The stable shape of `exit review --format json`: never rename keys."""
    return ReviewJson(
        engagement_id=r.engagement_id,
        score=r.score,
        verdict=r.verdict,
        checks=[CheckJson(name=c.name, passed=c.passed, detail=c.detail) for c in r.checks],
        days_left=r.days_left,
        projected_finish=iso(r.projected_finish),
    )

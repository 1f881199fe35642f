"""`decisions list|show|add|edit|supersede`: a decision as JSON. The list's keys are those
scripts have relied on since `decisions list` first printed JSON: never rename them; a single
decision adds its whole record and the history of its status."""

from __future__ import annotations

from typing import TypedDict

from desktop.contracts.dates import iso
from storage.decisions import Decision, Logged, flags_of


class DecisionJson(TypedDict):
    id: int
    engagement_id: int
    number: str
    title: str
    date: str | None
    category: str
    status: str
    owner: str
    review_by: str | None
    reversibility: str
    cost_if_wrong_minor: int | None
    supersedes: str | None
    superseded_by: str | None
    flags: list[str]
    snippet: str | None


class OptionJson(TypedDict):
    name: str
    pros: str
    cons: str
    description: str


class StatusChangeJson(TypedDict):
    status: str
    changed_on: str


class DecisionRecordJson(DecisionJson):
    context: str
    drivers: str
    options: list[OptionJson]
    outcome: str
    consequences: str
    consulted: str
    links: str
    history: list[StatusChangeJson]


def decision_json(d: Decision, labels: dict[int, str], snippet: str | None) -> DecisionJson:
    return DecisionJson(
        id=d.id or 0,
        engagement_id=d.engagement_id,
        number=d.number_label,
        title=d.title,
        date=None if d.date_unknown else d.decided_on.isoformat(),
        category=d.category,
        status=d.status,
        owner=d.owner,
        review_by=iso(d.review_by),
        reversibility=d.reversibility,
        cost_if_wrong_minor=d.cost_if_wrong_minor,
        supersedes=labels.get(d.supersedes_id or 0),
        superseded_by=labels.get(d.superseded_by_id or 0),
        flags=list(flags_of(d)),
        snippet=snippet,
    )


def decision_record_json(logged: Logged, labels: dict[int, str]) -> DecisionRecordJson:
    d = logged.decision
    return DecisionRecordJson(
        **decision_json(d, labels, None),
        context=d.context,
        drivers=d.drivers,
        options=[
            OptionJson(name=o.name, pros=o.pros, cons=o.cons, description=o.description)
            for o in d.options
        ],
        outcome=d.outcome,
        consequences=d.consequences,
        consulted=d.consulted,
        links=d.links,
        history=[
            StatusChangeJson(status=h.status, changed_on=h.changed_on.isoformat())
            for h in logged.history
        ],
    )

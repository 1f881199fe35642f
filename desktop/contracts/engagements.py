"""`engagements list|show|add|edit`: an engagement with its terms, commitments, deliverables
and phases. The keys are those scripts have relied on since `engagements list` first printed
JSON: never rename them. In `terms`, null or "" means the standard from Preferences."""

from __future__ import annotations

from typing import TypedDict

from desktop.contracts.dates import iso
from storage.practice import Client, CommitmentPeriod, Deliverable, Engagement, Phase, SavedState
from storage.practice import commitments as periods
from storage.rules import clock

CommitmentJson = TypedDict(
    "CommitmentJson", {"from": str, "days_per_week": float, "hours_per_day": float}
)


class TermsJson(TypedDict):
    payment_terms_days: int | None
    invoicing_cadence: str
    expenses_policy: str
    notice_days: int | None
    minimum_term_months: int | None
    heavy_rate_minor: int | None
    confidentiality: str
    ip_terms: str
    disclosures: str
    governing_law: str
    liability_text: str
    data_protection_text: str
    insurance_text: str
    status_text: str
    non_solicitation_text: str
    entire_agreement_text: str
    personal_data: bool
    data_categories: str
    sub_processors: str
    included_minutes: int | None
    overage_rate_minor: int | None
    rollover_minutes: int


class LegalJson(TypedDict):
    legal_name: str
    address: str
    tax_id: str
    signatory_name: str
    signatory_title: str


class DeliverableJson(TypedDict):
    title: str
    acceptance: str
    due_on: str | None


class PhaseJson(TypedDict):
    name: str
    starts_on: str
    ends_on: str
    goals: str


class EngagementJson(TypedDict):
    id: int
    client: str
    title: str
    role: str
    status: str
    start_date: str
    planned_end_date: str | None
    days_per_week: float
    hours_per_day: float
    commitments: list[CommitmentJson]
    target_split: dict[str, int]
    billing_model: str
    fee_minor: int
    currency: str
    terms: TermsJson
    client_legal: LegalJson
    deliverables: list[DeliverableJson]
    phases: list[PhaseJson]


class CommitmentPeriodJson(TypedDict):
    id: int
    engagement_id: int
    starts_on: str
    days_per_week: float
    hours_per_day: float


def engagement_json(state: SavedState, client: Client | None) -> EngagementJson:
    """The days and hours are those in force today; `commitments` lists every period."""
    e = state.engagement
    now = periods.in_force(list(state.history), clock.today())
    return EngagementJson(
        id=e.id or 0,
        client=e.client_name,
        title=e.title,
        role=e.role,
        status=e.status,
        start_date=e.start_date.isoformat(),
        planned_end_date=iso(e.planned_end_date),
        days_per_week=now.days_per_week,
        hours_per_day=now.hours_per_day,
        commitments=[commitment_json(p) for p in state.history],
        target_split=e.target_split,
        billing_model=e.billing_model,
        fee_minor=e.fee_minor,
        currency=e.currency,
        terms=terms_json(e),
        client_legal=legal_json(client),
        deliverables=[deliverable_json(d) for d in state.deliverables],
        phases=[phase_json(p) for p in state.phases],
    )


def commitment_json(p: CommitmentPeriod) -> CommitmentJson:
    return {
        "from": p.starts_on.isoformat(),
        "days_per_week": p.days_per_week,
        "hours_per_day": p.hours_per_day,
    }


def period_json(p: CommitmentPeriod) -> CommitmentPeriodJson:
    return CommitmentPeriodJson(
        id=p.id or 0,
        engagement_id=p.engagement_id,
        starts_on=p.starts_on.isoformat(),
        days_per_week=p.days_per_week,
        hours_per_day=p.hours_per_day,
    )


def terms_json(e: Engagement) -> TermsJson:
    return TermsJson(
        payment_terms_days=e.payment_terms_days,
        invoicing_cadence=e.invoicing_cadence,
        expenses_policy=e.expenses_policy,
        notice_days=e.notice_days,
        minimum_term_months=e.minimum_term_months,
        heavy_rate_minor=e.heavy_rate_minor,
        confidentiality=e.confidentiality,
        ip_terms=e.ip_terms,
        disclosures=e.disclosures,
        governing_law=e.governing_law,
        liability_text=e.liability_text,
        data_protection_text=e.data_protection_text,
        insurance_text=e.insurance_text,
        status_text=e.status_text,
        non_solicitation_text=e.non_solicitation_text,
        entire_agreement_text=e.entire_agreement_text,
        personal_data=e.personal_data,
        data_categories=e.data_categories,
        sub_processors=e.sub_processors,
        included_minutes=e.included_minutes,
        overage_rate_minor=e.overage_rate_minor,
        rollover_minutes=e.rollover_minutes,
    )


def legal_json(c: Client | None) -> LegalJson:
    return LegalJson(
        legal_name=c.legal_name if c else "",
        address=c.address if c else "",
        tax_id=c.tax_id if c else "",
        signatory_name=c.signatory_name if c else "",
        signatory_title=c.signatory_title if c else "",
    )


def deliverable_json(d: Deliverable) -> DeliverableJson:
    return DeliverableJson(title=d.title, acceptance=d.acceptance, due_on=iso(d.due_on))


def phase_json(p: Phase) -> PhaseJson:
    return PhaseJson(
        name=p.name, starts_on=p.starts_on.isoformat(), ends_on=p.ends_on.isoformat(), goals=p.goals
    )

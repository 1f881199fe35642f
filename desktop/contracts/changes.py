"""`changes list|show`: a change request as JSON, priced in its engagement's currency.
Storage builds it (`change_requests.as_json`); these types name its keys, which scripts rely
on: never rename them."""

from __future__ import annotations

from typing import TypedDict, cast

from storage.scope import ChangeRequest, change_requests


class EffectJson(TypedDict):
    extra_days_per_week: float | None
    period_from: str | None
    period_to: str | None
    one_off_days: float | None
    days: float
    deliverables: list[dict[str, str | None]]
    phases: list[dict[str, str]]


class ChangeJson(TypedDict):
    """One change request in `changes list|show --format json`."""

    id: int | None
    engagement_id: int
    number: int
    title: str
    request: str
    asked_by: str
    asked_on: str
    effect: EffectJson
    price_minor: int
    currency: str
    price_basis: str
    price_override: bool
    status: str
    status_on: str | None
    bill_month: str | None
    evidence: str


def change_json(c: ChangeRequest, currency: str) -> ChangeJson:
    return cast(ChangeJson, change_requests.as_json(c, currency))

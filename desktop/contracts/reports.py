"""`report week`, `report month` and `portfolio`: the reports as JSON. Storage builds each as
a plain mapping; these types name its keys, which scripts rely on: never rename them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict


class WeekReportJson(TypedDict):
    week: str
    start: str
    end: str
    total_minutes: int
    engagements: list[dict[str, Any]]


class MonthReportJson(TypedDict):
    month: str
    start: str
    end: str
    clients: list[dict[str, Any]]
    totals: dict[str, dict[str, int | None]]
    uninvoiced: list[dict[str, Any]]


class PortfolioJson(TypedDict):
    capacity_days_per_week: float
    weeks: list[dict[str, Any]]


def week_report_json(data: Mapping[str, Any]) -> WeekReportJson:
    return WeekReportJson(
        week=data["week"],
        start=data["start"],
        end=data["end"],
        total_minutes=data["total_minutes"],
        engagements=data["engagements"],
    )


def month_report_json(data: Mapping[str, Any]) -> MonthReportJson:
    return MonthReportJson(
        month=data["month"],
        start=data["start"],
        end=data["end"],
        clients=data["clients"],
        totals=data["totals"],
        uninvoiced=data.get("uninvoiced", []),
    )


def portfolio_json(data: Mapping[str, Any]) -> PortfolioJson:
    return PortfolioJson(capacity_days_per_week=data["capacity_days_per_week"], weeks=data["weeks"])

"""The vocabulary of the practice (roles, statuses, buckets, bounds), money, the calendar
(weeks, months, the clock), durations, text and validation: pure rules that every other package
builds on. Nothing here opens a database.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.rules import clock, durations, money, text_policy, validation
    from storage.rules.apportion import largest_remainder
    from storage.rules.clock import today
    from storage.rules.durations import format_hours, format_minutes, parse_duration
    from storage.rules.errors import (
        BrokenRecordError,
        DataFileError,
        KeyFileMissingError,
        KeyMissingError,
        KeyringLockedError,
        NoKeyringError,
        NotFoundError,
        ValidationError,
    )
    from storage.rules.lazy_pattern import lazy_compile
    from storage.rules.money import Money, format_totals, totals_by_currency
    from storage.rules.months import Month, calendar_months, month_of, parse_month
    from storage.rules.vocabulary import (
        BILLING_MODELS,
        BUCKET_LABELS,
        BUCKETS,
        CLIENT_STATUS_LABELS,
        DAYS_PER_WEEK,
        ENGAGEMENT_STATUS_LABELS,
        HOURS_PER_DAY,
        INVOICING_CADENCES,
        MAX_MONEY_MINOR,
        ROLES,
    )
    from storage.rules.weeks import MAX_YEAR, MIN_YEAR, Week, parse_week, week_of

__all__ = [
    "BILLING_MODELS",
    "BUCKETS",
    "BUCKET_LABELS",
    "CLIENT_STATUS_LABELS",
    "DAYS_PER_WEEK",
    "ENGAGEMENT_STATUS_LABELS",
    "HOURS_PER_DAY",
    "INVOICING_CADENCES",
    "MAX_MONEY_MINOR",
    "MAX_YEAR",
    "MIN_YEAR",
    "ROLES",
    "BrokenRecordError",
    "DataFileError",
    "KeyFileMissingError",
    "KeyMissingError",
    "KeyringLockedError",
    "Money",
    "Month",
    "NoKeyringError",
    "NotFoundError",
    "ValidationError",
    "Week",
    "calendar_months",
    "clock",
    "durations",
    "format_hours",
    "format_minutes",
    "format_totals",
    "largest_remainder",
    "lazy_compile",
    "money",
    "month_of",
    "parse_duration",
    "parse_month",
    "parse_week",
    "text_policy",
    "today",
    "totals_by_currency",
    "validation",
    "week_of",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "largest_remainder": "storage.rules.apportion:largest_remainder",
        "clock": "storage.rules.clock",
        "today": "storage.rules.clock:today",
        "durations": "storage.rules.durations",
        "format_hours": "storage.rules.durations:format_hours",
        "format_minutes": "storage.rules.durations:format_minutes",
        "parse_duration": "storage.rules.durations:parse_duration",
        "BrokenRecordError": "storage.rules.errors:BrokenRecordError",
        "DataFileError": "storage.rules.errors:DataFileError",
        "KeyFileMissingError": "storage.rules.errors:KeyFileMissingError",
        "KeyMissingError": "storage.rules.errors:KeyMissingError",
        "KeyringLockedError": "storage.rules.errors:KeyringLockedError",
        "NoKeyringError": "storage.rules.errors:NoKeyringError",
        "NotFoundError": "storage.rules.errors:NotFoundError",
        "ValidationError": "storage.rules.errors:ValidationError",
        "lazy_compile": "storage.rules.lazy_pattern:lazy_compile",
        "MAX_MONEY_MINOR": "storage.rules.vocabulary:MAX_MONEY_MINOR",
        "Money": "storage.rules.money:Money",
        "format_totals": "storage.rules.money:format_totals",
        "money": "storage.rules.money",
        "totals_by_currency": "storage.rules.money:totals_by_currency",
        "Month": "storage.rules.months:Month",
        "calendar_months": "storage.rules.months:calendar_months",
        "month_of": "storage.rules.months:month_of",
        "parse_month": "storage.rules.months:parse_month",
        "text_policy": "storage.rules.text_policy",
        "validation": "storage.rules.validation",
        "BILLING_MODELS": "storage.rules.vocabulary:BILLING_MODELS",
        "BUCKETS": "storage.rules.vocabulary:BUCKETS",
        "BUCKET_LABELS": "storage.rules.vocabulary:BUCKET_LABELS",
        "CLIENT_STATUS_LABELS": "storage.rules.vocabulary:CLIENT_STATUS_LABELS",
        "DAYS_PER_WEEK": "storage.rules.vocabulary:DAYS_PER_WEEK",
        "ENGAGEMENT_STATUS_LABELS": "storage.rules.vocabulary:ENGAGEMENT_STATUS_LABELS",
        "HOURS_PER_DAY": "storage.rules.vocabulary:HOURS_PER_DAY",
        "INVOICING_CADENCES": "storage.rules.vocabulary:INVOICING_CADENCES",
        "ROLES": "storage.rules.vocabulary:ROLES",
        "MAX_YEAR": "storage.rules.weeks:MAX_YEAR",
        "MIN_YEAR": "storage.rules.weeks:MIN_YEAR",
        "Week": "storage.rules.weeks:Week",
        "parse_week": "storage.rules.weeks:parse_week",
        "week_of": "storage.rules.weeks:week_of",
    },
)

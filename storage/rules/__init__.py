"""The vocabulary of the practice (roles, statuses, buckets, bounds), money, the calendar
(weeks, months, the clock), durations, text and validation: pure rules that every other package
builds on. Nothing here opens a database.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

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
from storage.rules.money import MAX_MONEY_MINOR, Money, format_totals, totals_by_currency
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

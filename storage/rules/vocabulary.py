"""The practice's words and bounds, defined once: roles, billing models, statuses, buckets, and
the limits of a commitment.

Everything else (validation, the SQL rules on stored rows, the editors' spin boxes) reads them
from here, so a bound typed in one place cannot disagree with another.
"""

from __future__ import annotations

ROLES = {
    "fractional_cto": "Fractional CTO",
    "fractional_ai_cto": "Fractional AI CTO",
    "fractional_ai_officer": "Fractional AI officer",
    "advisor": "Advisor",
}
BILLING_MODELS = {
    "hourly": "Hourly",
    "daily": "Daily rate",
    "monthly_retainer": "Monthly retainer",
    "fixed_fee": "Fixed fee",
}
ENGAGEMENT_STATUSES = ("proposed", "active", "exiting", "ended")
ENGAGEMENT_STATUS_LABELS = {status: status.capitalize() for status in ENGAGEMENT_STATUSES}
RUNNING_STATUSES = ("active", "exiting")  # under way: on the timesheet, offered to the timer
CLIENT_STATUSES = ("prospect", "active", "paused", "former")
CLIENT_STATUS_LABELS = {status: status.capitalize() for status in CLIENT_STATUSES}
BUCKETS = ("strategy", "team", "leadership")
BUCKET_LABELS = {"strategy": "Strategy", "team": "Team", "leadership": "Leadership"}
INVOICING_CADENCES = {
    "": "To be agreed",
    "monthly_in_advance": "Monthly in advance",
    "monthly_in_arrears": "Monthly in arrears",
    "per_instalment": "On each instalment date",
}

# A commitment: days a week and hours in a day (the market range is 1-3 days; a taper goes to a
# half day; five is a full week).
DAYS_PER_WEEK = (0.5, 5.0)
HOURS_PER_DAY = (0.5, 24.0)
DEFAULT_HOURS_PER_DAY = 8.0
# The largest amount, in minor units (a hundred billion pounds): anything above is a typo. Here,
# not in `money`, so that a record that only checks the bound does not load the money type.
MAX_MONEY_MINOR = 10**13

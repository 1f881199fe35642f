"""App-wide settings kept in the database: the consultant profile the documents print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage import validation as v
from storage.errors import ValidationError

PAPER_SIZES = ("A4", "Letter")
WEEK_STARTS = ("monday", "sunday")
ROUNDING_MINUTES = (0, 5, 6, 15)
HOURS_FORMATS = ("h:mm", "decimal")  # 17:15 or 17.25 h, on every screen and document
MAX_TIMER_MINIMUM = 60
PROFILE_KEY = "profile"
DEFAULT_CAPACITY = 4.0  # days a week sold; the rest is sales, admin and rest
MAX_DAYS_OFF = 200  # ranges kept; more is a pasted calendar, not holidays


@dataclass(frozen=True)
class Profile:
    name: str = ""
    business_name: str = ""
    email: str = ""
    phone: str = ""
    default_currency: str = "USD"
    default_rate_minor: int = 0
    paper_size: str = "A4"
    week_start: str = "monday"
    timer_rounding_minutes: int = 15
    capacity_days_per_week: float = DEFAULT_CAPACITY
    days_off: tuple[tuple[str, str], ...] = ()  # (first, last) ISO dates, inclusive
    timer_minimum_minutes: int = 1  # a timer stopped sooner asks whether to log it
    hours_format: str = "h:mm"


def validate(profile: Profile) -> dict[str, Any]:
    rounding = profile.timer_rounding_minutes
    if rounding not in ROUNDING_MINUTES:
        raise ValidationError("timer_rounding_minutes", "must be none, 5, 6 or 15 minutes")
    return {
        "name": v.line_text("name", profile.name, max_len=200),
        "business_name": v.line_text("business_name", profile.business_name, max_len=200),
        "email": v.email("email", profile.email),
        "phone": v.line_text("phone", profile.phone, max_len=50),
        "default_currency": v.currency("default_currency", profile.default_currency),
        "default_rate_minor": v.int_between(
            "default_rate_minor", profile.default_rate_minor, 0, 10**13
        ),
        "paper_size": v.one_of("paper_size", profile.paper_size, PAPER_SIZES),
        "week_start": v.one_of("week_start", profile.week_start, WEEK_STARTS),
        "timer_rounding_minutes": rounding,
        "capacity_days_per_week": v.number_between(
            "capacity_days_per_week", profile.capacity_days_per_week, 0.5, 7
        ),
        "days_off": _days_off(profile.days_off),
        "timer_minimum_minutes": v.int_between(
            "timer_minimum_minutes", profile.timer_minimum_minutes, 0, MAX_TIMER_MINIMUM
        ),
        "hours_format": v.one_of("hours_format", profile.hours_format, HOURS_FORMATS),
    }


def _days_off(ranges: object) -> tuple[tuple[str, str], ...]:
    """Holidays as (first, last) ISO dates, oldest first; a range ending before it starts is refused."""
    if not isinstance(ranges, list | tuple) or len(ranges) > MAX_DAYS_OFF:
        raise ValidationError("days_off", f"must be at most {MAX_DAYS_OFF} date ranges")
    kept = []
    for pair in ranges:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError("days_off", "each range is a first and a last day")
        first = v.iso_date("days_off", pair[0]) or ""
        last = v.iso_date("days_off", pair[1]) or ""
        if last < first:
            raise ValidationError("days_off", f"{last} is before {first}")
        kept.append((first, last))
    return tuple(sorted(kept))


def days_off_dates(profile: Profile) -> list[tuple[dt.date, dt.date]]:
    return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in profile.days_off]


def load_profile(db: Database) -> Profile:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [PROFILE_KEY]).fetchone()
    if not row:
        return Profile()
    stored = json.loads(row[0])
    known = {f.name for f in dataclasses.fields(Profile)}
    values = {k: val for k, val in stored.items() if k in known}
    if "days_off" in values:
        values["days_off"] = tuple(tuple(pair) for pair in values["days_off"])
    return Profile(**values)


def save_profile(db: Database, profile: Profile) -> Profile:
    data = validate(profile)
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            [PROFILE_KEY, json.dumps(data)],
        )
    return Profile(**data)


def days_off_text(profile: Profile) -> str:
    """One range a line, `2026-12-21 to 2027-01-01`, or one date for a single day."""
    return "\n".join(a if a == b else f"{a} to {b}" for a, b in profile.days_off)


def parse_days_off(text: str) -> tuple[tuple[str, str], ...]:
    """The ranges typed one a line (`2026-12-21 to 2027-01-01` or one date); checked by `validate`."""
    ranges = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.replace(" - ", " to ").split(" to ")]
        if not parts[0]:
            continue
        if len(parts) > 2:
            raise ValidationError("days_off", f"“{line.strip()}” is not a date or a range")
        ranges.append((parts[0], parts[-1]))
    return _days_off(ranges)

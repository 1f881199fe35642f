"""App-wide settings kept in the database: the consultant profile the documents print."""

from __future__ import annotations

import dataclasses
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
        "timer_minimum_minutes": v.int_between(
            "timer_minimum_minutes", profile.timer_minimum_minutes, 0, MAX_TIMER_MINIMUM
        ),
        "hours_format": v.one_of("hours_format", profile.hours_format, HOURS_FORMATS),
    }


def load_profile(db: Database) -> Profile:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [PROFILE_KEY]).fetchone()
    if not row:
        return Profile()
    stored = json.loads(row[0])
    known = {f.name for f in dataclasses.fields(Profile)}
    return Profile(**{k: val for k, val in stored.items() if k in known})


def save_profile(db: Database, profile: Profile) -> Profile:
    data = validate(profile)
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            [PROFILE_KEY, json.dumps(data)],
        )
    return Profile(**data)

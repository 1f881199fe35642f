"""Weeks as the timesheet shows them: ISO week numbers, a Monday or Sunday start, a heading.

A week is named by the ISO week of its Monday, so "2026-W14" is Monday 30 March to Sunday 5 April
2026 with a Monday start, and Sunday 29 March to Saturday 4 April with a Sunday start.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storage.rules.errors import ValidationError
from storage.rules.lazy_pattern import lazy_compile

WEEK_STARTS = ("monday", "sunday")
MIN_YEAR, MAX_YEAR = 1, 9998  # a week on either side stays inside the calendar's range
_ISO_WEEK = lazy_compile(r"(\d{4})-?W(\d{1,2})", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True)
class Week:
    """Seven days from `start` (a Monday or a Sunday)."""

    start: dt.date

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(7)]

    @property
    def monday(self) -> dt.date:
        """The Monday inside the week, which gives it its ISO number."""
        return self.start + dt.timedelta(days=(7 - self.start.weekday()) % 7)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def label(self) -> str:
        """`2026-W14`, the form the command line takes and prints."""
        year, week, _ = self.monday.isocalendar()
        return f"{year:04d}-W{week:02d}"

    @property
    def heading(self) -> str:
        """`Week 14 · 30 Mar – 5 Apr 2026`."""
        return f"Week {self.number} · {date_range(self.start, self.end)}"

    def shifted(self, weeks: int) -> Week:
        return Week(self.start + dt.timedelta(weeks=weeks))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def week_of(day: dt.date, week_start: str = "monday") -> Week:
    """The week holding `day`, starting on the profile's week start."""
    if week_start not in WEEK_STARTS:
        raise ValidationError("week_start", "must be monday or sunday")
    offset = day.weekday() if week_start == "monday" else (day.weekday() + 1) % 7
    return Week(day - dt.timedelta(days=offset))


def parse_week(text: str, week_start: str = "monday") -> Week:
    """`2026-W14` (or `2026W14`) as a Week; week 53 only in years that have one."""
    match = _ISO_WEEK.fullmatch(text.strip())
    if not match:
        raise ValidationError("week", f"“{text}” is not a week such as 2026-W14")
    year, number = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError("week", f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    if not 1 <= number <= weeks_in_year(year):
        raise ValidationError("week", f"{year} has weeks 1 to {weeks_in_year(year)}")
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValidationError("week", f"“{text}” is not a week such as 2026-W14") from None
    return week_of(monday, week_start)


def weeks_in_year(year: int) -> int:
    """52, or 53 in the ISO years whose 28 December falls in week 53 (2026 is one)."""
    return dt.date(year, 12, 28).isocalendar().week


def date_range(start: dt.date, end: dt.date) -> str:
    """`30 Mar – 5 Apr 2026`, `6 – 12 Apr 2026`, `28 Dec 2026 – 3 Jan 2027`."""
    if start.year != end.year:
        return f"{_day_month(start)} {start.year} – {_day_month(end)} {end.year}"
    if start.month != end.month:
        return f"{_day_month(start)} – {_day_month(end)} {end.year}"
    return f"{start.day} – {_day_month(end)} {end.year}"


def _day_month(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

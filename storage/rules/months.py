"""Calendar months as month-end reads them: `2026-11`, its first and last day, its length."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from storage.rules.errors import ValidationError
from storage.rules.weeks import MAX_YEAR, MIN_YEAR

_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


@dataclass(frozen=True)
class Month:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.number, 1)

    @property
    def length(self) -> int:
        return calendar.monthrange(self.year, self.number)[1]

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.number, self.length)

    @property
    def label(self) -> str:
        """`2026-11`, the form the command line takes and prints."""
        return f"{self.year:04d}-{self.number:02d}"


HALF_MONTH_DAYS = 15  # a part month this long or longer counts as a month


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, on the month's last day when it is shorter (31 Jan + 1)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def calendar_months(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` inclusive; a part month of 15 days or more
    counts as one, and any term at all is at least one month. The one rule for a term in months:
    the scope of work's fee basis and a fixed fee's monthly instalments both count by it."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    rest = (after - add_months(start, months)).days
    return max(months + (rest >= HALF_MONTH_DAYS), 1)


def month_of(day: dt.date) -> Month:
    return Month(day.year, day.month)


def parse_month(text: str) -> Month:
    """`2026-11` as a Month; the year from 1 to 9998 like weeks and dates."""
    match = _MONTH.fullmatch(text.strip())
    if not match:
        raise ValidationError("month", f"“{text}” is not a month such as 2026-11")
    year, number = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError("month", f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    if not 1 <= number <= 12:
        raise ValidationError("month", "the month must be from 01 to 12")
    return Month(year, number)

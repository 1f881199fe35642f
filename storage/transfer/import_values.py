"""The values of other trackers' CSV exports: their dates, clock times and durations.

Each parser raises `BadValueError` with what was expected, so a refused row says why in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache


class BadValueError(ValueError):
    """A cell that cannot be read; the message names what was expected."""


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")
_HOURS_MINUTES = re.compile(r"(\d{1,4}):(\d{2})(?::(\d{2}))?")
_DECIMAL = re.compile(r"\d{1,6}(?:[.,]\d+)?|[.,]\d+")


@lru_cache(maxsize=8192)  # an export repeats its days and times thousands of times
def parse_date(text: str) -> dt.date:
    """`2026-04-02` (Toggl, Harvest) or `04/02/2026` (Clockify, Harvest's form: month first)."""
    value = text.strip()
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _US.fullmatch(value):
        month, day, year = (int(g) for g in match.groups())
    else:
        raise BadValueError(f"the date {value!r} is not like 2026-04-02 or 04/02/2026")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValueError(f"the date {value!r} is not a day of the calendar") from None


@lru_cache(maxsize=8192)
def parse_clock(text: str) -> dt.time:
    """`14:05:00`, `14:05`, `02:05:00 PM` or `2:05 PM`."""
    value = text.strip()
    match = _CLOCK.fullmatch(value)
    if not match:
        raise BadValueError(f"the time {value!r} is not like 14:05:00 or 02:05 PM")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise BadValueError(f"the time {value!r} has no hour {hour} on a 12-hour clock")
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValueError(f"the time {value!r} is not a time of day")
    return dt.time(hour, minute, second)


def parse_hours(text: str) -> int:
    """Seconds from `1.5`, `1,5` (a decimal comma), `1:30` or `01:30:00`."""
    value = text.strip()
    if match := _HOURS_MINUTES.fullmatch(value):
        if int(match[2]) > 59 or int(match[3] or 0) > 59:
            raise BadValueError(f"the duration {value!r} has more than 59 minutes or seconds")
        return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)
    if not _DECIMAL.fullmatch(value):
        raise BadValueError(f"the duration {value!r} is not hours like 1.5, 1,5 or 1:30")
    try:
        hours = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise BadValueError(f"the duration {value!r} is not a number of hours") from None
    return int((hours * 3600).to_integral_value(rounding="ROUND_HALF_UP"))


def split_by_day(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.date, int]]:
    """Whole minutes on each day from start to end: an entry across midnight becomes two."""
    pieces: list[tuple[dt.date, int]] = []
    moment = start
    while moment < end:
        midnight = dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time())
        upto = min(end, midnight)
        minutes = int(((upto - moment).total_seconds() + 30) // 60)  # half a minute up
        if minutes:
            pieces.append((moment.date(), minutes))
        moment = upto
    return pieces

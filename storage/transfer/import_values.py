"""The values of other trackers' CSV exports: their dates, clock times and durations.

Each parser raises `BadValueError` with what was expected, so a refused row says why in plain words.
A date written with slashes can be day first or month first; `date_order` reads the whole file's
dates and says which, or that the file does not tell (then the person chooses).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

DATE_ORDERS = ("ymd", "dmy", "mdy")
DATE_ORDER_LABELS = {
    "ymd": "2026-04-02 (year first)",
    "dmy": "02/04/2026 (day first)",
    "mdy": "04/02/2026 (month first)",
}


class BadValueError(ValueError):
    """A cell that cannot be read; the message names what was expected."""


class AmbiguousDatesError(ValueError):
    """The file's dates read as valid days both day first and month first."""


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTTED = re.compile(r"(\d{1,2})[.-](\d{1,2})[.-](\d{2}|\d{4})")  # 27.07.2022: day first
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?")
_HOURS_MINUTES = re.compile(r"(\d{1,4}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?")
_DECIMAL = re.compile(r"\d{1,6}(?:[.,]\d+)?|[.,]\d+")


def _year(text: str) -> int:
    """`22` is 2022: two-digit years are this century's, as the trackers write them."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def date_order(values: Iterable[str]) -> str:
    """`dmy` or `mdy` when the slashed dates of a file fit only one order (or read the same
    both ways), `ymd` when it has none; AmbiguousDatesError when both orders fit."""
    fits = {"dmy", "mdy"}
    differs = False
    for value in values:
        match = _SLASHED.fullmatch(value.strip())
        if not match:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12:
            fits.discard("mdy")
        if second > 12:
            fits.discard("dmy")
        differs = differs or first != second
    if len(fits) == 1:
        return fits.pop()
    if fits and differs:
        raise AmbiguousDatesError("day first or month first")
    return "mdy" if fits else "dmy"  # no slashed date that differs: any order reads the same


@lru_cache(maxsize=8192)  # an export repeats its days thousands of times
def parse_date(text: str, order: str = "ymd") -> dt.date:
    """`2026-04-02`, `02/04/2026` or `04/02/2026` (as `order` says), `27.07.2022`, `7/27/22`."""
    value = text.strip()
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _SLASHED.fullmatch(value):
        first, second = int(match[1]), int(match[2])
        day, month = (second, first) if order == "mdy" else (first, second)
        year = _year(match[3])
    elif match := _DOTTED.fullmatch(value):
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
    else:
        raise BadValueError(f"the date {value!r} is not like 2026-04-02, 02/04/2026 or 27.07.22")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValueError(f"the date {value!r} is not a day of the calendar") from None


@lru_cache(maxsize=8192)
def parse_clock(text: str) -> dt.time:
    """`14:05:00`, `14:05`, `02:05:00 PM` or `2:05 p.m.`."""
    value = text.strip()
    match = _CLOCK.fullmatch(value)
    if not match:
        raise BadValueError(f"the time {value!r} is not like 14:05:00 or 02:05 PM")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise BadValueError(f"the time {value!r} has no hour {hour} on a 12-hour clock")
        hour = hour % 12 + (12 if match[4][0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValueError(f"the time {value!r} is not a time of day")
    return dt.time(hour, minute, second)


def parse_hours(text: str) -> int:
    """Seconds from `1.5`, `1,5` (a decimal comma), `1:30`, `01:30:00`, or `02:00:00 AM` (a
    duration a 12-hour locale writes as a time of day: 12 AM is no hours, 12 PM twelve)."""
    value = text.strip()
    if match := _HOURS_MINUTES.fullmatch(value):
        if int(match[2]) > 59 or int(match[3] or 0) > 59:
            raise BadValueError(f"the duration {value!r} has more than 59 minutes or seconds")
        hours = int(match[1])
        if match[4]:
            if not 1 <= hours <= 12:
                raise BadValueError(
                    f"the duration {value!r} has no hour {hours} on a 12-hour clock"
                )
            hours = hours % 12 + (12 if match[4].lower() == "p" else 0)
        return hours * 3600 + int(match[2]) * 60 + int(match[3] or 0)
    if not _DECIMAL.fullmatch(value):
        raise BadValueError(f"the duration {value!r} is not hours like 1.5, 1,5 or 1:30")
    try:
        hours_decimal = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise BadValueError(f"the duration {value!r} is not a number of hours") from None
    return int((hours_decimal * 3600).to_integral_value(rounding="ROUND_HALF_UP"))


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

"""Hours are written by one owner (`storage.rules.durations`): h:mm, hundredths of an hour that
add up, and the screens' style."""

from __future__ import annotations

import pytest

from exporters import formatting
from storage.rules import durations


def test_clock_text_is_exact_minutes() -> None:
    assert durations.clock_text(90) == "1:30"
    assert durations.clock_text(0) == "0:00"
    assert durations.clock_text(60 * 1234 + 5) == "1234:05"
    assert durations.clock_text(60 * 1234 + 5, grouped=True) == "1,234:05"
    assert formatting.hours(60 * 1234 + 5) == "1,234:05"


@pytest.mark.parametrize(("minutes", "units"), [(0, 0), (1, 2), (20, 33), (40, 67), (725, 1208)])
def test_hundredths_round_half_up(minutes: int, units: int) -> None:
    assert durations.hundredths(minutes) == units


def test_decimal_hours_add_up_to_the_printed_total() -> None:
    parts, total = durations.decimal_hours([20, 20, 20])
    assert (parts, total) == (["0.34", "0.33", "0.33"], "1.00")
    assert formatting.decimal_hours([20, 20, 20]) == (parts, total)


@pytest.mark.parametrize("minutes", range(1, 24 * 60 + 1, 7))
def test_the_decimal_style_agrees_with_the_hundredths(minutes: int) -> None:
    durations.use_style("decimal")
    try:
        shown = durations.format_minutes(minutes)
    finally:
        durations.use_style("h:mm")
    assert shown == f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    assert float(shown) == durations.hundredths(minutes) / 100

"""Hours in a table whose rows and columns must add up to the totals it prints.

As `h:mm` every figure is exact minutes, so sums agree by themselves. As decimal hours each
figure is rounded to hundredths, and rounding each on its own prints 0.33 + 0.33 + 0.33 beside
1.00: the total is rounded once and shared out by the largest remainder, first among the rows
and then within each row, so every row and every column adds up to what is printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.rules import durations, largest_remainder


def decimal() -> bool:
    return durations.style() == "decimal"


def share(rows: Sequence[Sequence[int]], total: int | None = None) -> list[list[int]]:
    """The figures to print for a table of minutes (rows of columns), in the units `text`
    prints: minutes as they are, or hundredths of an hour adding up to `total` (by default the
    rounded sum of everything)."""
    if not decimal():
        return [list(row) for row in rows]
    grand = durations.hundredths(sum(map(sum, rows))) if total is None else total
    per_row = largest_remainder([sum(row) for row in rows], grand)
    return [largest_remainder(list(row), units) for row, units in zip(rows, per_row, strict=True)]


def text(units: int, *, blank_zero: bool = False) -> str:
    """`12:05` or `12.08` for what `share` gave; empty for zero when `blank_zero`."""
    if blank_zero and units == 0:
        return ""
    return durations.hundredths_text(units) if decimal() else durations.clock_text(units)

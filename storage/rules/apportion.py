"""Whole numbers that add up: a total shared out in proportion, by the largest remainder.

Rounding each share on its own prints 40% + 33% + 26% beside "100%"; sharing the total out keeps
every row equal to its printed total, in the app and in the documents alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def largest_remainder(weights: Sequence[int], total: int) -> list[int]:
    """`total` shared in proportion to `weights` (whole, non-negative): each share is the floor of
    its exact quota, and the units left over go to the largest remainders (earlier first on a
    tie). All zeros when the weights are."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    floors = [w * total // whole for w in weights]
    remainders = [w * total % whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for index in order[: total - sum(floors)]:
        floors[index] += 1
    return floors


def percentages(parts: Mapping[str, int]) -> dict[str, int]:
    """Whole percentages per key that add up to exactly 100 (zeros when everything is zero)."""
    shares = largest_remainder(list(parts.values()), 100)
    return dict(zip(parts, shares, strict=True))

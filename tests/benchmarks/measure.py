"""Timing helpers: every figure is the median of several runs, with its min and max."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

RUNS = 7


@dataclass(frozen=True)
class Figure:
    name: str
    dataset: str
    samples: tuple[float, ...]  # milliseconds (or MB for memory)
    unit: str = "ms"
    target: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def met(self) -> str:
        if self.target is None:
            return ""
        return "yes" if self.median <= self.target else "NO"


def repeat(work: Callable[[], object], runs: int = RUNS) -> tuple[float, ...]:
    """Run `work` `runs` times; milliseconds each."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return tuple(samples)


def table(figures: list[Figure]) -> str:
    head = f"| {'figure':<44} | {'set':<9} | {'median':>9} | {'min':>9} | {'max':>9} | {'target':>9} | met |"
    rule = "|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|"
    lines = [head, rule]
    for f in figures:
        target = f"{f.target:.0f} {f.unit}" if f.target is not None else ""
        lines.append(
            f"| {f.name:<44} | {f.dataset:<9} | {f.median:>6.1f} {f.unit:<2}| {min(f.samples):>6.1f} {f.unit:<2}"
            f"| {max(f.samples):>6.1f} {f.unit:<2}| {target:>9} | {f.met:<3} |"
        )
    return "\n".join(lines)

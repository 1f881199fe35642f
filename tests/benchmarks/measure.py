"""Timing helpers: every figure is the median of several runs, with its min and max, and where
it has one, the floor it is paired with (measured in the same run, interleaved with it) and the
ratio of the two medians. Ratios are what compare across machines and across loads."""

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
    target: float | None = None  # a ratio when the figure has a floor, else in `unit`
    floor_name: str = ""
    floor_samples: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def floor(self) -> float | None:
        return statistics.median(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor
        return None if not floor else self.median / floor

    @property
    def met(self) -> str:
        if self.target is None:
            return ""
        measured = self.ratio if self.ratio is not None else self.median
        return "yes" if measured <= self.target else "NO"


def repeat(work: Callable[[], object], runs: int = RUNS) -> tuple[float, ...]:
    """Run `work` `runs` times; milliseconds each."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return tuple(samples)


def table(figures: list[Figure]) -> str:
    """A Markdown table: the figure, its median (min-max), its floor and the ratio to it."""
    lines = [
        "| figure | set | median (min-max) | floor | floor median | ratio | target | met |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for f in figures:
        spread = f"{f.median:.1f} {f.unit} ({min(f.samples):.0f}-{max(f.samples):.0f})"
        floor = f"{f.floor:.1f} {f.unit}" if f.floor is not None else ""
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        if f.target is None:
            target = ""
        elif f.ratio is not None:
            target = f"<= {f.target:.2f}x"
        else:
            target = f"<= {f.target:.0f} {f.unit}"
        lines.append(
            f"| {f.name} | {f.dataset} | {spread} | {f.floor_name} | {floor} | {ratio} | "
            f"{target} | {f.met} |"
        )
    return "\n".join(lines)

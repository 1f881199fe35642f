"""Rows given inline on the command line: an engagement's target split, deliverables and
phases, each a few values joined by `|` (`--phase "Audit|2027-01-04|2027-01-15|A roadmap"`)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.arguments import checked_day
from desktop.commands.errors import CommandError
from storage.practice import Deliverable, Phase
from storage.rules import BUCKETS

SEPARATOR = "|"


def split_given(args: argparse.Namespace) -> dict[str, Any]:
    """`--split 50/30/20` as the engagement's split fields; storage checks they add to 100."""
    if args.split is None:
        return {}
    parts = args.split.replace("%", "").split("/")
    try:
        values = [int(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != len(BUCKETS):
        raise CommandError(
            f"--split: “{args.split}” is not three whole percentages such as 50/30/20 "
            "(strategy/team/leadership)."
        )
    return {f"split_{bucket}": value for bucket, value in zip(BUCKETS, values, strict=True)}


def deliverables_given(args: argparse.Namespace, engagement_id: int) -> list[Deliverable] | None:
    """The deliverables given, in order; None when none were given (the stored ones stay)."""
    if args.no_deliverables:
        return []
    if not args.deliverable:
        return None
    return [_deliverable(text, engagement_id, i) for i, text in enumerate(args.deliverable)]


def _deliverable(text: str, engagement_id: int, position: int) -> Deliverable:
    title, acceptance, due = (*text.split(SEPARATOR, 2), "", "")[:3]
    day = _day("--deliverable", due) if due.strip() else None
    return Deliverable(engagement_id, title.strip(), acceptance.strip(), day, position)


def phases_given(args: argparse.Namespace, engagement_id: int) -> list[Phase] | None:
    """The phases given, in order; None when none were given (the stored ones stay)."""
    if args.no_phases:
        return []
    if not args.phase:
        return None
    return [_phase(text, engagement_id, i) for i, text in enumerate(args.phase)]


def _phase(text: str, engagement_id: int, position: int) -> Phase:
    parts = text.split(SEPARATOR, 3)
    if len(parts) < 3:
        raise CommandError(
            f"--phase: “{text}” needs a name, a first and a last day: NAME|START|END|GOALS."
        )
    name, start, end, goals = (*parts, "")[:4]
    first, last = _day("--phase", start), _day("--phase", end)
    return Phase(engagement_id, name.strip(), first, last, goals.strip(), position)


def _day(option: str, text: str) -> Any:
    try:
        return checked_day(text)
    except ValueError as exc:
        raise CommandError(f"{option}: {exc}.") from None

"""Supersede: a newer decision replaces an older one, linked both ways, never in a circle."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from storage.decisions import records as decisions
from storage.decisions.records import Decision, get
from storage.rules import clock
from storage.rules.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_CHAIN = 10_000  # a guard against a damaged file; real chains are a handful long


def replacement(old: Decision) -> Decision:
    """A proposed decision that starts from the old one's context and options: what the window
    and the command line offer as the replacement of `old`."""
    title = f"{old.title} (revised)"
    context = f"Supersedes {old.number_label} “{old.title}”.\n\n{old.context}".strip()
    return Decision(
        engagement_id=old.engagement_id,
        title=title if len(title) <= decisions.MAX_SHORT else old.title,
        decided_on=clock.today(),
        category=old.category,
        status="proposed",
        context=context,
        drivers=old.drivers,
        options=old.options,
        owner=old.owner,
        consulted=old.consulted,
        reversibility=old.reversibility,
        cost_if_wrong_minor=old.cost_if_wrong_minor,
    )


def supersede(db: Database, old_id: int, new: Decision) -> Decision:
    """Add `new` (same engagement) as the replacement of `old_id`; the old one becomes superseded."""
    old = get(db, old_id)
    if new.engagement_id != old.engagement_id:
        raise ValidationError("engagement_id", "the replacement belongs to the same engagement")
    _check_free(db, old, None)
    with db.atomic():
        added = decisions.add(db, dataclasses.replace(new, supersedes_id=None))
        _link(db, old, added)
    return get(db, added.id or 0)


def link(db: Database, old_id: int, new_id: int) -> None:
    """Record that the existing decision `new_id` supersedes `old_id`."""
    old, new = get(db, old_id), get(db, new_id)
    if old_id == new_id:
        raise ValidationError("supersedes_id", "a decision cannot supersede itself")
    if old.engagement_id != new.engagement_id:
        raise ValidationError("supersedes_id", "both decisions must belong to one engagement")
    _check_free(db, old, new)
    if new_id in {d.id for d in chain(db, old_id)}:
        raise ValidationError(
            "supersedes_id",
            f"{new.number_label} is already earlier in this chain (that would make a circle)",
        )
    with db.atomic():
        _link(db, old, new)


def _check_free(db: Database, old: Decision, new: Decision | None) -> None:
    if old.superseded_by_id is not None:
        later = get(db, old.superseded_by_id).number_label
        raise ValidationError(
            "supersedes_id", f"{old.number_label} is already superseded by {later}"
        )
    if new is not None and new.supersedes_id is not None:
        earlier = get(db, new.supersedes_id).number_label
        raise ValidationError("supersedes_id", f"{new.number_label} already supersedes {earlier}")


def _link(db: Database, old: Decision, new: Decision) -> None:
    """Both links and the old status, inside the caller's transaction."""
    db.execute("UPDATE decision SET supersedes_id = ? WHERE id = ?", [old.id, new.id])
    db.execute(
        "UPDATE decision SET superseded_by_id = ?, status = 'superseded' WHERE id = ?",
        [new.id, old.id],
    )
    if old.status != "superseded":
        decisions.record_status(db, old.id or 0, "superseded")


def chain(db: Database, decision_id: int) -> list[Decision]:
    """The whole chain this decision is in, oldest first (just itself when it stands alone)."""
    first = get(db, decision_id)
    seen = {decision_id}
    earlier: list[Decision] = []
    current = first
    while current.supersedes_id is not None and current.supersedes_id not in seen:
        current = get(db, current.supersedes_id)
        seen.add(current.id or 0)
        earlier.append(current)
        if len(seen) > MAX_CHAIN:
            break
    later: list[Decision] = []
    current = first
    while current.superseded_by_id is not None and current.superseded_by_id not in seen:
        current = get(db, current.superseded_by_id)
        seen.add(current.id or 0)
        later.append(current)
        if len(seen) > MAX_CHAIN:
            break
    return [*reversed(earlier), first, *later]

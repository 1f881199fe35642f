"""The access inventory: each system or account the consultant holds at the client, what access
it is, who holds it now and who it goes to. Names only, never secrets: text that looks like a
password, key or token is refused, so the handoff can never print one."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.exit_plan.plan_records import PlanRecords
from storage.rules import validation as v
from storage.rules.errors import ValidationError

TYPICAL_SYSTEMS = ("Cloud account", "Source code host", "Domain registrar", "Error tracking")


@dataclass(frozen=True)
class AccessItem:
    engagement_id: int
    system: str
    access: str = ""
    holder: str = ""
    transferred_to: str = ""
    done: bool = False
    position: int = 0
    id: int | None = None
    created_at: str = ""


def validate(a: AccessItem) -> dict[str, Any]:
    """The row to store, or ValidationError naming the first bad field."""
    if not isinstance(a.done, bool):
        raise ValidationError("done", "must be yes or no")
    return {
        "engagement_id": v.int_between("engagement_id", a.engagement_id, 1, 2**62),
        "system": v.names_only("system", a.system, required=True),
        "access": v.names_only("access", a.access),
        "holder": v.names_only("holder", a.holder, max_len=200),
        "transferred_to": v.names_only("transferred_to", a.transferred_to, max_len=200),
        "done": int(a.done),
    }


def _from_row(row: dict[str, Any]) -> AccessItem:
    return AccessItem(**{**row, "done": bool(row["done"])})


_records = PlanRecords("access_item", validate, _from_row)
add, restore, update, get = _records.add, _records.restore, _records.update, _records.get
list_for, delete, move_to = _records.list_for, _records.delete, _records.move_to


def transferred(items: Sequence[AccessItem]) -> int:
    return sum(1 for a in items if a.done)


def with_changes(item: AccessItem, **changes: Any) -> AccessItem:
    return dataclasses.replace(item, **changes)

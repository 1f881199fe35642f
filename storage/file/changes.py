"""What a write did: the records before and after it and the kinds of record it touched.

Every write the window calls returns a `Change`, read under the same write lock as the write
itself, so undo puts back exactly what the write replaced and each tab knows whether what it shows
moved. A write that first checks what the caller last saw raises `ChangedElsewhereError` when
another window or the command line saved in between, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from storage.rules.errors import ValidationError

Record = TypeVar("Record")

CLIENT = "client"
ENGAGEMENT = "engagement"
COMMITMENT = "commitment"
TIME_ENTRY = "time_entry"
DECISION = "decision"
MILESTONE = "milestone"
SETTING = "setting"
INVOICE = "invoice"
ALL_KINDS = frozenset(
    {CLIENT, ENGAGEMENT, COMMITMENT, TIME_ENTRY, DECISION, MILESTONE, SETTING, INVOICE}
)  # an import or a restore: every tab re-reads


@dataclass(frozen=True)
class Change(Generic[Record]):
    """One write: `before` and `after` are the records (None when there was none or is none)."""

    before: Record | None
    after: Record | None
    kinds: frozenset[str] = field(default_factory=frozenset)

    @property
    def inverse(self) -> Change[Record]:
        """The change that undoes this one."""
        return Change(self.after, self.before, self.kinds)


class ChangedElsewhereError(ValidationError, Generic[Record]):
    """What the caller last saw is no longer stored: another process saved meanwhile.

    `stored` holds what is there now, so the caller can show it or ask whether to replace it.
    Raised before anything is written.
    """

    def __init__(self, field_name: str, stored: Record) -> None:
        super().__init__(field_name, "changed since it was shown (saved elsewhere)")
        self.stored = stored


def kinds(*names: str) -> frozenset[str]:
    """The kinds touched, checked against the known ones (a typo would refresh nothing)."""
    unknown = set(names) - ALL_KINDS
    if unknown:
        raise ValueError(f"unknown kinds of record: {sorted(unknown)}")
    return frozenset(names)

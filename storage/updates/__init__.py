"""The weekly client update: the draft built from the week's records, the updates sent, and
the Friday nudge.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.updates import draft, nudge, records, sent
from storage.updates.draft import draft as draft_for
from storage.updates.nudge import ToSend, is_due, updates_to_send
from storage.updates.records import (
    SECTION_TITLES,
    SOURCE_TABLES,
    Figures,
    Line,
    Section,
    Source,
    Update,
)
from storage.updates.sent import SentUpdate

__all__ = [
    "SECTION_TITLES",
    "SOURCE_TABLES",
    "Figures",
    "Line",
    "Section",
    "SentUpdate",
    "Source",
    "ToSend",
    "Update",
    "draft",
    "draft_for",
    "is_due",
    "nudge",
    "records",
    "sent",
    "updates_to_send",
]

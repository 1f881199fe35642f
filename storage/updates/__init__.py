"""The weekly client update: the draft built from the week's records, the updates sent, and
the Friday nudge.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.updates import draft, editing, nudge, records, sent, text
from storage.updates.draft import draft as draft_for
from storage.updates.draft import for_editing
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
from storage.updates.text import Block, blocks, markdown, plain

__all__ = [
    "SECTION_TITLES",
    "SOURCE_TABLES",
    "Block",
    "Figures",
    "Line",
    "Section",
    "SentUpdate",
    "Source",
    "ToSend",
    "Update",
    "blocks",
    "draft",
    "draft_for",
    "editing",
    "for_editing",
    "is_due",
    "markdown",
    "nudge",
    "plain",
    "records",
    "sent",
    "text",
    "updates_to_send",
]

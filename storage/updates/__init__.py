"""The weekly client update: the draft built from the week's records, the updates sent, and
the Friday nudge.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "draft": "storage.updates.draft",
        "draft_for": "storage.updates.draft:draft",
        "for_editing": "storage.updates.draft:for_editing",
        "editing": "storage.updates.editing",
        "ToSend": "storage.updates.nudge:ToSend",
        "is_due": "storage.updates.nudge:is_due",
        "nudge": "storage.updates.nudge",
        "updates_to_send": "storage.updates.nudge:updates_to_send",
        "Figures": "storage.updates.records:Figures",
        "Line": "storage.updates.records:Line",
        "SECTION_TITLES": "storage.updates.records:SECTION_TITLES",
        "SOURCE_TABLES": "storage.updates.records:SOURCE_TABLES",
        "Section": "storage.updates.records:Section",
        "Source": "storage.updates.records:Source",
        "Update": "storage.updates.records:Update",
        "records": "storage.updates.records",
        "SentUpdate": "storage.updates.sent:SentUpdate",
        "sent": "storage.updates.sent",
        "Block": "storage.updates.text:Block",
        "blocks": "storage.updates.text:blocks",
        "markdown": "storage.updates.text:markdown",
        "plain": "storage.updates.text:plain",
        "text": "storage.updates.text",
    },
)

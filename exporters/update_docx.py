"""The weekly update as a Word document, in the practice's document style and letterhead."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Pt
from sqlite_utils import Database

from exporters import docx_common as common
from exporters.update_text import DOCUMENT_TITLE
from storage.updates import Update, blocks

TITLE = DOCUMENT_TITLE
SIGNATURE_SPACE_PT = 18


def document(db: Database, update: Update) -> common.Document:
    """The document of `update` (as drafted or as edited), written from the same blocks as the
    Markdown and the rich text."""
    made = common.engagement_document(db, update.engagement_id, TITLE, on=update.week_end)
    doc = made.document
    list_items: list[str] = []
    signed = False

    def flush() -> None:
        if list_items:
            common.bullets(doc, list_items)
            list_items.clear()

    for block in blocks(update):
        if block.kind != "item":
            flush()
        if block.kind == "title":
            common.paragraph(doc, block.text, style="Title")
        elif block.kind == "subtitle":
            common.paragraph(doc, block.text, style="Subtitle")
        elif block.kind == "heading":
            common.heading(doc, block.text, level=1)
        elif block.kind == "group":
            common.heading(doc, block.text, level=2)
        elif block.kind == "text":
            common.paragraph(doc, block.text)
        elif block.kind == "item":
            list_items.append(block.text)
        else:  # the signature, set apart from the last section, its lines together
            line = common.paragraph(doc, block.text, style="No Spacing")
            if not signed:
                line.paragraph_format.space_before = Pt(SIGNATURE_SPACE_PT)
            signed = True
    flush()
    return doc


def export(db: Database, update: Update, target: Path) -> Path:
    """Write the update's document atomically."""
    return common.save(document(db, update), target)

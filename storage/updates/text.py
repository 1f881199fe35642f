"""The weekly update as text: one list of blocks, and the Markdown and plain text made from it.

The rich text and the Word document (`exporters`) are written from the same blocks, so every
form of an update says the same lines in the same order; only the markup differs. The Markdown
is also what a sent update keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.rules import text_policy
from storage.updates.records import Update

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass(frozen=True)
class Block:
    """One piece of the update: "title", "subtitle", "heading", "group", "text", "item" or
    "signature"."""

    kind: str
    text: str


def blocks(update: Update) -> list[Block]:
    found = [Block("title", update.title), Block("subtitle", update.week_words)]
    for section in update.sections:
        if not section.lines and not section.title:
            continue
        found.append(Block("heading", section.title))
        group = ""
        for line in section.lines:
            if line.group and line.group != group:
                found.append(Block("group", line.group))
            group = line.group
            kind = "text" if section.key == "headline" else "item"
            found.append(Block(kind, text_policy.one_line(line.text)))
    found += [Block("signature", part) for part in update.signature]
    return [Block(b.kind, text_policy.one_line(b.text)) for b in found if b.text.strip()]


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown(update: Update) -> str:
    out: list[str] = []
    signature_started = False
    for block in blocks(update):
        text = _md(block.text)
        if block.kind == "title":
            out += [f"# {text}", ""]
        elif block.kind == "subtitle":
            out += [f"*{text}*", ""]
        elif block.kind == "heading":
            out += [f"## {text}", ""]
        elif block.kind == "group":
            out += [f"**{text}**", ""]
        elif block.kind == "text":
            out += [text, ""]
        elif block.kind == "item":
            out.append(f"- {text}")
        else:
            if not signature_started:
                out.append("")
                signature_started = True
            out.append(f"{text}  ")
    return _tidy(out)


def plain(update: Update) -> str:
    """What a mail client shows when it takes no HTML: the same lines without markup."""
    out: list[str] = []
    signature_started = False
    for block in blocks(update):
        if block.kind in ("title", "subtitle", "text"):
            out += [block.text, ""]
        elif block.kind == "heading":
            out += [block.text.upper(), ""]
        elif block.kind == "group":
            out += [f"{block.text}:", ""]
        elif block.kind == "item":
            out.append(f"- {block.text}")
        else:
            if not signature_started:
                out.append("")
                signature_started = True
            out.append(block.text)
    return _tidy(out)


def _tidy(lines: list[str]) -> str:
    """One blank line between blocks: a list's last item, then a blank line before the next."""
    text: list[str] = []
    for line in lines:
        starts_list = line.startswith("- ")
        if text and text[-1].startswith("- ") and not starts_list and line:
            text.append("")
        if line or (text and text[-1]):
            text.append(line)
    return "\n".join(text).strip() + "\n"

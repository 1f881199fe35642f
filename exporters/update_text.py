"""The weekly update as the consultant sends it: Markdown, plain text and HTML.

All three (and the Word document) are written from one list of blocks (`blocks`), so they say
the same lines in the same order; only the markup differs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from exporters import safe_text
from storage.updates import Update

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
            found.append(Block(kind, safe_text.one_line(line.text)))
    found += [Block("signature", part) for part in update.signature]
    return [Block(b.kind, safe_text.one_line(b.text)) for b in found if b.text.strip()]


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


STYLE = {
    "h1": "font-size:18px;margin:0 0 4px 0;",
    "h2": "font-size:15px;margin:16px 0 6px 0;",
    "p": "margin:0 0 8px 0;",
    "group": "margin:8px 0 4px 0;font-weight:bold;",
    "ul": "margin:0 0 8px 0;padding-left:20px;",
}


def html_text(update: Update) -> str:
    """An HTML fragment an email client pastes as rich text (inline styles only)."""
    out: list[str] = ['<div style="font-family:Calibri,Arial,sans-serif;font-size:14px;">']
    in_list = False
    signature: list[str] = []
    for block in blocks(update):
        text = html.escape(block.text)
        if block.kind != "item" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "title":
            out.append(f'<h1 style="{STYLE["h1"]}">{text}</h1>')
        elif block.kind == "subtitle":
            out.append(f'<p style="{STYLE["p"]}"><em>{text}</em></p>')
        elif block.kind == "heading":
            out.append(f'<h2 style="{STYLE["h2"]}">{text}</h2>')
        elif block.kind == "group":
            out.append(f'<p style="{STYLE["group"]}">{text}</p>')
        elif block.kind == "text":
            out.append(f'<p style="{STYLE["p"]}">{text}</p>')
        elif block.kind == "item":
            if not in_list:
                out.append(f'<ul style="{STYLE["ul"]}">')
                in_list = True
            out.append(f"<li>{text}</li>")
        else:
            signature.append(text)
    if in_list:
        out.append("</ul>")
    if signature:
        out.append(f'<p style="{STYLE["p"]}margin-top:16px;">' + "<br>".join(signature) + "</p>")
    out.append("</div>")
    return "\n".join(out) + "\n"

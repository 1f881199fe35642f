"""The weekly update as rich text: an HTML fragment for the clipboard, from the same blocks as
the Markdown and the plain text (`storage.updates`) that go beside it."""

from __future__ import annotations

import html

from storage.updates import Update, blocks

DOCUMENT_TITLE = "Weekly update"  # the Word document's title and file name

STYLE = {
    "div": "font-family:Calibri,Arial,sans-serif;font-size:14px;",
    "h1": "font-size:18px;margin:0 0 4px 0;",
    "h2": "font-size:15px;margin:16px 0 6px 0;",
    "p": "margin:0 0 8px 0;",
    "group": "margin:8px 0 4px 0;font-weight:bold;",
    "ul": "margin:0 0 8px 0;padding-left:20px;",
    "signature": "margin:16px 0 8px 0;",
}


def _open(tag: str, look: str) -> str:
    """An opening tag with its inline style (single-quoted: the styles hold no quote)."""
    return f"<{tag} style='{STYLE[look]}'>"


def html_text(update: Update) -> str:
    """An HTML fragment an email client pastes as rich text (inline styles only)."""
    out: list[str] = [_open("div", "div")]
    in_list = False
    signature: list[str] = []
    for block in blocks(update):
        text = html.escape(block.text)
        if block.kind != "item" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "title":
            out.append(f"{_open('h1', 'h1')}{text}</h1>")
        elif block.kind == "subtitle":
            out.append(f"{_open('p', 'p')}<em>{text}</em></p>")
        elif block.kind == "heading":
            out.append(f"{_open('h2', 'h2')}{text}</h2>")
        elif block.kind == "group":
            out.append(f"{_open('p', 'group')}{text}</p>")
        elif block.kind == "text":
            out.append(f"{_open('p', 'p')}{text}</p>")
        elif block.kind == "item":
            if not in_list:
                out.append(_open("ul", "ul"))
                in_list = True
            out.append(f"<li>{text}</li>")
        else:
            signature.append(text)
    if in_list:
        out.append("</ul>")
    if signature:
        out.append(_open("p", "signature") + "<br>".join(signature) + "</p>")
    out.append("</div>")
    return "\n".join(out) + "\n"

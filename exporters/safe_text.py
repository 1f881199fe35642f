"""Text from the database made safe for a Word document.

XML cannot hold control characters (other than tab and line breaks), lone surrogates or
U+FFFE/U+FFFF; python-docx raises on them, so they are removed. Line breaks become paragraphs
(a blank line) or breaks (a single newline), and `- ` lines become bullets. Right-to-left text and
emoji are ordinary characters and pass through untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BULLET = re.compile(r"^\s*[-*•]\s+")


@dataclass(frozen=True)
class Block:
    """One paragraph to write: `kind` is "bullet" or "text"; `lines` are joined by line breaks."""

    kind: str
    lines: tuple[str, ...]


def clean(text: object) -> str:
    """The text with every character XML 1.0 cannot hold removed and line endings made \\n."""
    value = "" if text is None else str(text)
    value = _NOT_XML.sub("", value)
    return value.replace("\r\n", "\n").replace("\r", "\n")


def one_line(text: object) -> str:
    """Clean text on one line, for table cells and headers."""
    return " ".join(clean(text).split())


def blocks(text: object) -> list[Block]:
    """Split text into paragraphs and bullets; empty text gives no blocks."""
    result: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            result.append(Block("text", tuple(pending)))
            pending.clear()

    for raw in clean(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif _BULLET.match(line):
            flush()
            result.append(Block("bullet", (_BULLET.sub("", line, count=1),)))
        else:
            pending.append(line)
    flush()
    return result

"""Text from the database made safe for a Word document.

XML cannot hold control characters (other than tab and line breaks), lone surrogates or
U+FFFE/U+FFFF; python-docx raises on them, so the storage text policy removes them (and maps
Word's soft breaks to line breaks). Every string a document writes goes through `clean` or
`one_line`, so text that reached the database some other way still exports. Line breaks become
paragraphs (a blank line) or breaks (a single newline), and `- ` lines become bullets. Right-to-left text and
emoji are ordinary characters and pass through untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.rules import text_policy

_BULLET = re.compile(r"^\s*[-*•]\s+")


@dataclass(frozen=True)
class Block:
    """One paragraph to write: `kind` is "bullet" or "text"; `lines` are joined by line breaks."""

    kind: str
    lines: tuple[str, ...]


def clean(text: object) -> str:
    """The text with every character XML 1.0 cannot hold removed and line endings made \\n."""
    return text_policy.scrub("" if text is None else str(text))


def one_line(text: object) -> str:
    """Clean text on one line, for table cells and headers."""
    return text_policy.one_line("" if text is None else str(text))


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

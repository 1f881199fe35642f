"""A decision file's Markdown taken apart by a CommonMark parser, and its front matter by a YAML
safe loader: the title, and each section with its heading as written and its lines.

Headings inside fenced code, lists or quotes are not sections, by construction: only headings at
the top level of the document split it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt

from storage.rules.errors import ValidationError

_PARSER = MarkdownIt("commonmark")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class Section:
    """A part of the body under one heading (or before the first one: `level` 0)."""

    level: int
    heading: str  # the heading's words, comments taken out
    heading_lines: list[str]  # as written (two lines for an underlined heading)
    lines: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return fold_heading(self.heading)

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")

    def raw(self) -> str:
        """The section as written, heading included."""
        return "\n".join([*self.heading_lines, *self.lines]).strip("\n")


@dataclass
class Document:
    meta: dict[str, str]
    title: str
    title_line: str
    before_title: str  # text above the title (a comment, a badge)
    sections: list[Section]  # the first one (level 0) is the text between title and sections


def fold_heading(text: str) -> str:
    """`Decision Drivers <!-- optional -->` -> `decision drivers`."""
    plain = _COMMENT.sub("", text).replace("*", "").replace("_", " ")
    return " ".join(plain.split()).strip(" :.").casefold()


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def front_matter(name: str, text: str) -> tuple[dict[str, str], str]:
    """The front matter's keys (folded) and values as text, and the body after it."""
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in {"---", "..."}), 0)
    if not end:
        return {}, text
    try:
        loaded = yaml.safe_load("\n".join(lines[1:end]))
    except (yaml.YAMLError, ValueError) as exc:
        detail = str(exc).split("\n", 1)[0]
        raise ValidationError(
            "file", f"{name} has front matter that is not YAML ({detail})"
        ) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ValidationError("file", f"{name} has front matter that is not a list of keys")
    meta = {str(k).strip().casefold(): _scalar(v) for k, v in loaded.items()}
    return meta, "\n".join(lines[end + 1 :])


def _headings(body: str) -> list[tuple[int, int, int, str]]:
    """(level, first line, line after, words) of each heading at the document's top level."""
    tokens = _PARSER.parse(body)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map:
            words = tokens[index + 1].content
            found.append((int(token.tag[1]), token.map[0], token.map[1], words))
    return found


def parse(name: str, text: str) -> Document:
    """The file taken apart; its title from the first `# ` heading, else the front matter."""
    meta, body = front_matter(name, text.replace("\r\n", "\n").lstrip("\ufeff"))
    lines = body.split("\n")
    headings = _headings(body)
    first_title = next((h for h in headings if h[0] == 1), None)
    title, title_line, start = meta.get("title", ""), "", 0
    before = ""
    if first_title is not None:
        level, top, after, words = first_title
        title, title_line, start = words.strip(), "\n".join(lines[top:after]), after
        before = "\n".join(lines[:top]).strip("\n")
    if not title:
        raise ValidationError("file", f"{name} has no title (a line starting with '# ')")
    sections = [Section(0, "", [])]
    text_from = start  # where the current section's text begins
    for level, top, after, words in headings:
        if top < start or level > 2:
            continue
        sections[-1].lines = lines[text_from:top]
        sections.append(Section(level, words, lines[top:after]))
        text_from = after
    sections[-1].lines = lines[text_from:]
    return Document(meta, title, title_line, before, sections)


def subsections(lines: list[str]) -> list[Section]:
    """A section's text split by its own `###` headings (not those in fences or lists)."""
    body = "\n".join(lines)
    parts = [Section(0, "", [])]
    text_lines = body.split("\n")
    last = 0
    for level, top, after, words in _headings(body):
        if level != 3:
            continue
        parts[-1].lines = text_lines[last:top]
        parts.append(Section(level, words, text_lines[top:after]))
        last = after
    parts[-1].lines = text_lines[last:]
    return parts


def list_items(lines: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The top-level list items of a section: (marker, first line, the rest dedented); and the
    lines outside the list."""
    body = "\n".join(lines)
    tokens = _PARSER.parse(body)
    items: list[tuple[str, str, str]] = []
    inside: set[int] = set()
    for token in tokens:
        if token.type == "list_item_open" and token.level == 1 and token.map:
            top, after = token.map
            item = body.split("\n")[top:after]
            inside.update(range(top, after))
            first = item[0].lstrip()
            words = first[len(token.info or "") + len(token.markup) :].strip()
            width = len(item[0]) - len(first) + len(token.info or "") + len(token.markup) + 1
            rest = "\n".join(line[width:] if line[:width].isspace() else line.lstrip()
                             for line in item[1:]).strip("\n")  # fmt: skip
            items.append((f"{token.info}{token.markup}", words, rest))
    outside = [line for i, line in enumerate(body.split("\n")) if i not in inside]
    return items, outside


def outside_fences(text: str) -> list[str]:
    """The lines of `text` that are not inside fenced code."""
    kept, fence = [], ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match[1]
            continue
        kept.append(line)
    return kept

"""Editing an update: sections reordered, cut, renamed and written in, keeping each line's trace.

The editor shows a section's lines one a line; a line the consultant leaves as drafted keeps the
records it came from and its group, a line they change or add is theirs (it names no record and
takes the group of the line before it).
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.rules import text_policy
from storage.updates.records import Line, Section, Update

WRITTEN = "written"


def rewrite(section: Section, texts: Sequence[str], title: str | None = None) -> Section:
    """`section` holding `texts` (blank ones dropped), each traced line kept where it is unchanged."""
    drafted: dict[str, list[Line]] = {}
    for line in section.lines:
        drafted.setdefault(line.text, []).append(line)
    lines: list[Line] = []
    for raw in texts:
        text = text_policy.one_line(raw)
        if not text:
            continue
        same = drafted.get(text)
        if same:
            lines.append(same.pop(0))
        else:
            lines.append(Line(text, (), lines[-1].group if lines else ""))
    name = section.title if title is None else text_policy.one_line(title) or section.title
    return Section(section.key, name, tuple(lines))


def moved(update: Update, index: int, step: int) -> Update:
    """The section at `index` moved `step` places (-1 up, +1 down); unchanged at either end."""
    sections = list(update.sections)
    target = index + step
    if not (0 <= index < len(sections) and 0 <= target < len(sections)):
        return update
    sections[index], sections[target] = sections[target], sections[index]
    return update.with_sections(tuple(sections))


def cut(update: Update, index: int) -> Update:
    sections = list(update.sections)
    if 0 <= index < len(sections):
        del sections[index]
    return update.with_sections(tuple(sections))


def added(update: Update, title: str, index: int | None = None) -> Update:
    """A new section the consultant writes, after `index` (at the end when None)."""
    sections = list(update.sections)
    at = len(sections) if index is None else min(index + 1, len(sections))
    sections.insert(at, Section(WRITTEN, text_policy.one_line(title) or "Notes"))
    return update.with_sections(tuple(sections))


def replaced(update: Update, index: int, section: Section) -> Update:
    sections = list(update.sections)
    sections[index] = section
    return update.with_sections(tuple(sections))

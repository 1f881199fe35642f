"""What an update is made of: sections of lines, each line naming the records it came from.

Nothing in an update is invented: every line the draft writes is the words of its records with
their dates, figures and labels, and `sources` names those records (the trace), so a reader, a
test or next week's draft can go back from a line to what it says. A line the consultant writes
in the editor names no record (`written`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

# The kinds of record a line can come from, each the table that holds it.
SOURCE_TABLES = {
    "time_entry": "time_entry",
    "decision": "decision",
    "milestone": "milestone",
    "deliverable": "deliverable",
    "phase": "phase",
    "risk": "risk",
    "readiness_snapshot": "readiness_snapshot",
    "engagement": "engagement",  # the week's figures and the exit-readiness review
    "sent_update": "sent_update",
}
SECTION_TITLES = {
    "headline": "This week",
    "done": "Done",
    "decided": "Decided",
    "coming_up": "Coming up",
    "needs": "Needs from you",
    "since_last": "Since the last update",
    "risks": "Risks",
    "exit_plan": "Exit plan",
}
SECTION_ORDER = tuple(SECTION_TITLES)


@dataclass(frozen=True)
class Source:
    """One record a line comes from: its kind (a key of SOURCE_TABLES) and id."""

    kind: str
    id: int


@dataclass(frozen=True)
class Line:
    text: str
    sources: tuple[Source, ...] = ()  # empty: written by the consultant
    group: str = ""  # the sub-heading it sits under ("Strategy", "Awaiting your decision")

    @property
    def written(self) -> bool:
        return not self.sources


@dataclass(frozen=True)
class Section:
    key: str  # a key of SECTION_TITLES, or "written" for one the consultant adds
    title: str
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Figures:
    """The headline's figures, as `report week` gives them for the engagement."""

    total_minutes: int
    committed_minutes: int  # committed so far (the whole week once it is over)
    week_committed_minutes: int
    committed_words: str  # "committed so far" or "committed for the week"
    standing: str
    actual_split: dict[str, int]
    target_split: dict[str, int]


@dataclass(frozen=True)
class Update:
    """A draft, or an edited update, for one engagement and one week."""

    engagement_id: int
    week_start: dt.date
    week_end: dt.date
    client: str
    contact: str  # the client's contact, whom the update greets
    engagement_title: str
    signature: tuple[str, ...]  # the consultant's name and business, from the practice
    sections: tuple[Section, ...]
    figures: Figures | None = None

    @property
    def title(self) -> str:
        return f"Weekly update: {self.client} · {self.engagement_title}"

    @property
    def week_words(self) -> str:
        return f"Week of {_long(self.week_start)}"

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def with_sections(self, sections: tuple[Section, ...]) -> Update:
        return dataclasses.replace(self, sections=sections)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def sections_json(sections: tuple[Section, ...]) -> str:
    """The sections as stored with a sent update: every line with its sources."""
    value = [
        {
            "key": s.key,
            "title": s.title,
            "lines": [
                {
                    "text": line.text,
                    "group": line.group,
                    "sources": [[src.kind, src.id] for src in line.sources],
                }
                for line in s.lines
            ],
        }
        for s in sections
    ]
    return json.dumps(value, ensure_ascii=False)


def read_sections(text: str) -> tuple[Section, ...]:
    """Stored sections back as records; text that is not such a list reads as no sections."""
    try:
        value: Any = json.loads(text or "[]")
        return tuple(
            Section(
                str(s["key"]),
                str(s["title"]),
                tuple(
                    Line(
                        str(line["text"]),
                        tuple(Source(str(k), int(i)) for k, i in line.get("sources", [])),
                        str(line.get("group", "")),
                    )
                    for line in s.get("lines", [])
                ),
            )
            for s in value
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return ()

"""The three documents by name, with the file name the save dialog proposes for each.

The CLI and the app both go through `export`, so a document is written the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.file import AppDatabase
    from storage.practice import Engagement

_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    extensions: tuple[str, ...] = (".docx",)


KINDS = {
    "sow": Kind("sow", "Scope of work"),
    "handoff": Kind("handoff", "Handoff"),
    "timesheet": Kind("timesheet", "Timesheet", (".docx", ".csv")),
}


def export(
    db: AppDatabase,
    kind: str,
    engagement_id: int,
    target: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Path:
    """Write one document atomically; python-docx is imported here, on the first export."""
    if kind == "sow":
        from exporters import scope_of_work

        return scope_of_work.export(db, engagement_id, target)
    if kind == "handoff":
        from exporters import handoff

        return handoff.export(db, engagement_id, target)
    if kind == "timesheet":
        from exporters import timesheet

        return timesheet.export(db, engagement_id, target, start, end)
    raise ValueError(f"unknown document kind {kind!r}")


def suggested_name(
    kind: str, engagement: Engagement, day: dt.date, extension: str = "", label: str = ""
) -> str:
    """ "2026-11-22 Acme - Scope of work.docx": sortable by date, safe on every file system.
    `label` names a document that is not one of KINDS (the weekly update)."""
    client = " ".join(_UNSAFE_IN_NAMES.sub(" ", engagement.client_name).split()).strip(" .")
    client = client or "Client"
    if label:
        return f"{day.isoformat()} {client} - {label}{extension or '.docx'}"
    return (
        f"{day.isoformat()} {client} - {KINDS[kind].label}{extension or KINDS[kind].extensions[0]}"
    )

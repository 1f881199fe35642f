"""Scope-of-work versions: the number the next export prints, what changed since the previous
version, and recording the version once its file is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import sow_snapshot, sow_terms
from exporters.errors import ExportError
from exporters.formatting import long_date
from exporters.sow_terms import SowData
from storage.practice import DocumentVersion, document_versions
from storage.rules import ValidationError

KIND = "sow"


@dataclass(frozen=True)
class Draft:
    """A scope of work about to be written: its data, its number and its snapshot."""

    data: SowData
    number: int
    snapshot: dict[str, Any]
    previous: DocumentVersion | None

    @property
    def changes(self) -> list[str] | None:
        """What changed since the previous version; None for the first version."""
        if self.previous is None:
            return None
        return sow_snapshot.changes(self.previous.snapshot, self.snapshot)


def draft(db: Database, engagement_id: int, day: dt.date) -> Draft:
    data = sow_terms.load(db, engagement_id, day)
    previous = document_versions.latest(db, engagement_id, KIND)
    number = previous.version + 1 if previous else 1
    return Draft(data, number, sow_snapshot.take(data), previous)


def issue_line(found: Draft) -> str:
    """ "Version 2 · 3 March 2026": under the title and in the cover block."""
    return f"Version {found.number} · {long_date(found.data.day)}"


def changes_section(document: common.Document, found: Draft) -> None:
    """ "Changes in this version", from the second version on."""
    changes, previous = found.changes, found.previous
    if changes is None or previous is None:
        return
    common.heading(document, "Changes in this version")
    since = f"Since version {previous.version} of {long_date(previous.date)}"
    if not previous.snapshot:
        common.paragraph(
            document,
            f"{since}: the record of version {previous.version} could not be read, so its "
            "changes cannot be listed. Compare the two documents.",
        )
    elif not changes:
        common.paragraph(document, f"{since}: no terms changed; this version re-issues it.")
    else:
        common.paragraph(document, f"{since}:")
        common.bullets(document, changes)


def record(db: Database, found: Draft, path: Path, *, draft: bool = False) -> DocumentVersion:
    """Keep the version after its file is written (a draft when a section is still to be
    agreed); ExportError when it cannot be kept."""
    try:
        return document_versions.record(
            db,
            found.data.engagement.id or 0,
            KIND,
            str(Path(path).resolve()),
            found.snapshot,
            number=found.number,
            on=found.data.day,
            draft=draft,
        )
    except ValidationError as error:
        raise ExportError(f"“{Path(path).name}” was saved, but {error.message}.") from None

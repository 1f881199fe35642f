"""Versions of the documents a client signs: each scope of work exported is kept as a version.

A version holds its number (1, 2, ... per engagement and kind), when it was exported, where the
file went and a JSON snapshot of the terms it printed, so the next version can say what changed.
The exporter drafts, writes and records a version under the write lock (`numbering`), so two
exports at once never print the same number, and a failed export records nothing.

A version exported with a section still to be agreed is a draft and never becomes the active
version: the active one is the latest marked signed (on its date), else the latest complete one
(`states`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from storage.file import rows
from storage.file.durability import AppDatabase
from storage.practice import plan_order
from storage.rules import validation as v
from storage.rules.errors import ValidationError

KINDS = {"sow": "Scope of work"}
MAX_SNAPSHOT = 2_000_000  # characters of JSON; a scope of work's terms are a few kilobytes


@contextlib.contextmanager
def numbering(db: AppDatabase) -> Iterator[bool]:
    """Hold the write lock from drafting a version to recording it. Yields whether the version
    can be kept: False on a practice that is read-only (or whose writes are stopped), where the
    document is still written, as the next version, and nothing is recorded."""
    if db.writes_refused_because():
        yield False
        return
    with db.atomic():
        yield True


@dataclass(frozen=True)
class DocumentVersion:
    engagement_id: int
    kind: str
    version: int
    created_at: str  # the date the document prints (ISO)
    path: str = ""
    snapshot: dict[str, Any] = field(default_factory=dict)  # {} when the stored one is unreadable
    id: int | None = None
    draft: bool = False  # exported with a section still to be agreed
    signed_on: str | None = None  # ISO date the client signed it

    @property
    def date(self) -> dt.date | None:
        """The day it was exported, or None for a date another tool wrote badly."""
        try:
            return dt.date.fromisoformat(self.created_at[:10])
        except ValueError:
            return None

    def as_json(self) -> dict[str, Any]:
        day = self.date
        return {
            "kind": self.kind,
            "version": self.version,
            "date": day.isoformat() if day else None,
            "path": self.path,
            "draft": self.draft,
            "signed_on": self.signed_on,
        }


def _from_row(row: dict[str, Any]) -> DocumentVersion:
    values = dict(row)
    values["snapshot"] = read_snapshot(values["snapshot"])
    values["draft"] = bool(values.get("draft"))
    return DocumentVersion(**values)


def read_snapshot(text: object) -> dict[str, Any]:
    """The stored snapshot, or {} when it is not a JSON object (a row written by hand)."""
    try:
        found = json.loads(str(text))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def list_for(db: Database, engagement_id: int, kind: str | None = None) -> list[DocumentVersion]:
    """The engagement's versions, oldest first (of one kind when `kind` is given)."""
    sql = "SELECT * FROM document_version WHERE engagement_id = ?"
    params: list[Any] = [engagement_id]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    return [_from_row(r) for r in db.query(sql + " ORDER BY kind, version", params)]


def latest(db: Database, engagement_id: int, kind: str) -> DocumentVersion | None:
    found = list_for(db, engagement_id, kind)
    return found[-1] if found else None


DRAFT, ACTIVE, SIGNED, SUPERSEDED = "draft", "active", "signed", "superseded"


def active(found: list[DocumentVersion]) -> DocumentVersion | None:
    """The version in force among one engagement's versions of a kind: the latest signed one
    (by its signing date, then number), else the latest exported complete; never a draft."""
    signed = [d for d in found if d.signed_on and not d.draft]
    if signed:
        return max(signed, key=lambda d: (d.signed_on or "", d.version))
    complete = [d for d in found if not d.draft]
    return max(complete, key=lambda d: d.version) if complete else None


def state(version: DocumentVersion, found: list[DocumentVersion]) -> str:
    """ "draft", "active", "signed" (signed, since replaced by a later signed one) or
    "superseded" (complete, never signed, not in force)."""
    if version.draft:
        return DRAFT
    in_force = active([d for d in found if d.kind == version.kind])
    if in_force is not None and in_force.id == version.id:
        return ACTIVE
    return SIGNED if version.signed_on else SUPERSEDED


def mark_signed(
    db: Database, engagement_id: int, kind: str, number: int, on: dt.date
) -> DocumentVersion:
    """Record that the client signed version `number` on `on`; a draft cannot be signed (it
    still says "To be agreed"), nor a version on a day before it was exported."""
    with db.atomic():
        found = {d.version: d for d in list_for(db, engagement_id, kind)}
        version = found.get(number)
        if version is None:
            raise ValidationError("version", f"there is no version {number} of this document")
        if version.draft:
            raise ValidationError(
                "version",
                f"version {number} is a draft (a section is still to be agreed): agree it, "
                "export the document again and have that version signed",
            )
        if version.date is not None and on < version.date:
            raise ValidationError("signed_on", "must not be before the version was exported")
        db.execute(
            "UPDATE document_version SET signed_on = ? WHERE id = ?", [on.isoformat(), version.id]
        )
    return next(d for d in list_for(db, engagement_id, kind) if d.version == number)


def next_number(db: Database, engagement_id: int, kind: str) -> int:
    sql = "SELECT coalesce(max(version), 0) FROM document_version WHERE engagement_id = ? AND kind = ?"
    return rows.count(db, sql, [engagement_id, kind]) + 1


def validate(engagement_id: int, kind: str, path: str, snapshot: dict[str, Any]) -> dict[str, Any]:
    """The row to store (without its number), or ValidationError naming the first bad field."""
    try:
        text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        raise ValidationError("snapshot", "must be plain JSON values") from None
    if len(text) > MAX_SNAPSHOT:
        raise ValidationError("snapshot", "is too large to keep")
    return {
        "engagement_id": v.int_between("engagement_id", engagement_id, 1, 2**62),
        "kind": v.one_of("kind", kind, KINDS),
        "path": v.line_text("path", path, max_len=4096),
        "snapshot": text,
    }


def record(
    db: Database,
    engagement_id: int,
    kind: str,
    path: str,
    snapshot: dict[str, Any],
    *,
    number: int,
    on: dt.date,
    draft: bool = False,
) -> DocumentVersion:
    """Keep version `number`, dated `on` (the date the document prints); ValidationError when another export has taken that number since
    the document was written (the file on disk would then print the wrong one)."""
    row = validate(engagement_id, kind, path, snapshot)
    with db.atomic():
        plan_order.check_engagement(db, engagement_id)
        if next_number(db, engagement_id, kind) != number:
            raise ValidationError(
                "version",
                f"version {number} was recorded by another export at the same time; "
                "export the document again",
            )
        row.update(version=number, created_at=on.isoformat(), draft=1 if draft else 0)
        new_id = rows.insert(db, "document_version", row)
    found = db.query("SELECT * FROM document_version WHERE id = ?", [new_id])
    return _from_row(next(iter(found)))

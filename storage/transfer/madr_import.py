"""Importing a folder of decision records (MADR 2-4, adr-tools) into an engagement's log.

All files are read and checked before anything is written; then, after a backup, one
transaction adds them: each keeps its file's number when the engagement has not used it, else
takes the next one, and the supersede links between the files are kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from storage.decisions import decision_chain
from storage.decisions import records as decisions
from storage.decisions.records import Decision
from storage.file import backups, rows
from storage.practice import engagements
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.transfer import madr_names as n
from storage.transfer.madr_read import ReadDecision, read
from storage.transfer.regular_file import read_regular

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_FILES = 10_000
MAX_FILE_BYTES = 8 * 1024 * 1024  # a decision record is a few KB; a field holds 1M characters


def read_folder(folder: Path) -> dict[str, ReadDecision]:
    """Every `NNNN-title.md` in the folder by file name, in number order."""
    if not folder.is_dir():
        raise ValidationError("folder", f"{folder} is not a folder")
    try:
        names = sorted(p.name for p in folder.iterdir() if n.FILE_NAME.match(p.name))
    except OSError as exc:
        raise ValidationError(
            "folder", f"{folder} cannot be read ({exc.strerror or exc})"
        ) from None
    if not names:
        raise ValidationError("folder", f"{folder} holds no decision files like 0001-title.md")
    found = {}
    for name in names[:MAX_FILES]:
        data = read_regular(folder / name, MAX_FILE_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("file", f"{name} is not UTF-8 text") from None
        found[name] = read(name, text)
    return dict(sorted(found.items(), key=lambda item: (item[1].file_number, item[0])))


def to_decision(engagement_id: int, found: ReadDecision) -> Decision:
    """The record to store; ValidationError (naming the field) when a value cannot be kept."""
    f = found.fields
    cost = f["cost_if_wrong_minor"]
    return Decision(
        engagement_id=engagement_id,
        title=found.title,
        decided_on=found.decided_on or clock.today(),
        category=f["category"] or "other",
        status=found.status,
        context=f["context"],
        drivers=f["drivers"],
        options=found.options,
        outcome=f["outcome"],
        consequences=f["consequences"],
        owner=f["owner"],
        consulted=f["consulted"],
        reversibility=f["reversibility"] or "two_way",
        cost_if_wrong_minor=int(cost) if cost.isdigit() else None,
        review_by=dt.date.fromisoformat(f["review_by"]) if f["review_by"] else None,
        links=f["links"],
    )


def import_folder(db: Database, data_dir: Path, folder: Path, engagement_id: int) -> list[int]:
    """Add the folder's decisions to the engagement; their new ids, in number order."""
    engagements.get(db, engagement_id)
    found = read_folder(folder)
    checked = {}
    for name, read_one in found.items():
        try:
            record = to_decision(engagement_id, read_one)
            checked[name] = (record, decisions.validate(record))
        except (ValidationError, ValueError) as exc:
            raise ValidationError("file", f"{name}: {exc}") from None
    backups.back_up_and_rotate(db, data_dir, reason="before-import")
    with db.atomic():
        ids = {
            name: _add(db, engagement_id, found[name], row) for name, (_, row) in checked.items()
        }
        _link_all(db, found, ids)
    return list(ids.values())


def _add(db: Database, engagement_id: int, found: ReadDecision, row: dict[str, object]) -> int:
    used = {
        r[0]
        for r in db.execute("SELECT number FROM decision WHERE engagement_id = ?", [engagement_id])
    }
    next_free = rows.count(
        db, "SELECT next_decision_number FROM engagement WHERE id = ?", [engagement_id]
    )
    number = (
        found.file_number if found.file_number >= 1 and found.file_number not in used else next_free
    )
    while number in used:
        number += 1
    new_id = rows.insert(db, "decision", {**row, "number": number, "created_at": clock.now_iso()})
    db.execute(
        "UPDATE engagement SET next_decision_number = max(next_decision_number, ?) WHERE id = ?",
        [number + 1, engagement_id],
    )
    decisions.record_status(db, new_id, str(row["status"]), found.decided_on)
    return new_id


def _link_all(db: Database, found: dict[str, ReadDecision], ids: dict[str, int]) -> None:
    """Both links of each pair whose files are both here; a link to a missing file is dropped.

    Each link is made by the decision log's own rule, so files that supersede each other in a
    circle (or two files that supersede one) are refused as the app refuses them, and the
    caller's transaction is rolled back."""
    for name, read_one in found.items():
        earlier = ids.get(read_one.supersedes)
        if earlier is None or earlier == ids[name]:
            continue
        try:
            decision_chain.link(db, earlier, ids[name])
        except ValidationError as exc:
            raise ValidationError(
                "file", f"{name} cannot supersede {read_one.supersedes}: {exc.message}"
            ) from None

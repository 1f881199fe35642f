"""Importing a folder of decision records (MADR 2-4, adr-tools, log4brains, Backstage) into an
engagement's log.

All files are read and checked before anything is written; every file that is not a decision
is listed with the reason it was skipped. Then, after a backup, one transaction adds them:
each keeps its file's number when it can (a folder numbered from 0000 moves up by one, and the
`ADR-NNNN` references in its text move with it), and the supersede links between the files
are made from either side. Importing the same folder again updates the records it made
(found by their file's name) instead of adding them twice; an unchanged file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from storage.decisions import decision_chain
from storage.decisions import records as decisions
from storage.decisions.records import UNKNOWN_DAY, Decision
from storage.file import backups, rows
from storage.practice import engagements
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.transfer import madr_names as n
from storage.transfer.import_values import AmbiguousDatesError, date_order
from storage.transfer.madr_read import ReadDecision, form_json, read
from storage.transfer.regular_file import read_regular

MAX_FILES = 10_000
MAX_FILE_BYTES = 8 * 1024 * 1024  # a decision record is a few KB; a field holds 1M characters
_REFERENCE = re.compile(r"\b(ADR-?)(\d{1,6})\b", re.I)


@dataclass
class Folder:
    """The decisions of a folder by file name, in number order; the files skipped and why."""

    found: dict[str, ReadDecision] = field(default_factory=dict)
    prints: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    shift: int = 0  # added to every number (1 for a folder numbered from 0000)


@dataclass
class MadrImport:
    ids: list[int] = field(default_factory=list)  # every decision of the folder, in file order
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def summary(result: MadrImport) -> str:
    """`Imported 3 decisions, updated 1, 4 unchanged, 2 files skipped` in words."""
    parts = [f"Imported {len(result.added)} decisions"]
    parts += [f"updated {len(result.updated)}"] if result.updated else []
    parts += [f"{len(result.unchanged)} unchanged"] if result.unchanged else []
    parts += [f"{len(result.skipped)} files skipped"] if result.skipped else []
    return ", ".join(parts)


def _texts(folder: Path, result: Folder) -> dict[str, str]:
    if not folder.is_dir():
        raise ValidationError("folder", f"{folder} is not a folder")
    try:
        paths = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise ValidationError(
            "folder", f"{folder} cannot be read ({exc.strerror or exc})"
        ) from None
    texts: dict[str, str] = {}
    for path in paths:
        reason = _not_a_decision(path)
        if reason or len(texts) >= MAX_FILES:
            result.skipped.append((path.name, reason or f"more than {MAX_FILES} files"))
            continue
        data = read_regular(path, MAX_FILE_BYTES)
        try:
            texts[path.name] = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.skipped.append((path.name, "is not UTF-8 text"))
            continue
        result.prints[path.name] = hashlib.sha256(data).hexdigest()[:40]
    return texts


def _not_a_decision(path: Path) -> str:
    if path.name.startswith("."):
        return "a hidden file"
    if path.is_dir():
        return "a folder"
    if path.suffix.casefold() != ".md":
        return "not a Markdown file"
    return n.NOT_DECISIONS.get(path.name.casefold(), "")


def read_folder(folder: Path) -> Folder:
    """Every decision file in the folder; ValidationError when a file cannot be read right."""
    result = Folder()
    texts = _texts(folder, result)
    order = _date_order(texts)
    for name, text in texts.items():
        try:
            result.found[name] = read(name, text, order)
        except ValidationError as exc:
            if "has no title" not in exc.message:
                raise
            result.skipped.append((name, "has no title (a line starting with '# ')"))
    if not result.found:
        raise ValidationError("folder", f"{folder} holds no decision files like 0001-title.md")
    numbers = [d.file_number for d in result.found.values() if d.file_number is not None]
    result.shift = 1 if 0 in numbers else 0
    result.found = dict(sorted(result.found.items(), key=_place))
    return result


def _date_order(texts: dict[str, str]) -> str:
    """The order of slashed dates (`Date: 12/01/1992`) across the folder; "unknown" when
    they read both ways, so that such a date stays unknown rather than guessed."""
    found = re.findall(
        r"(?im)^\s*(?:[*-]\s*)?date\s*:\s*(\d{1,2}/\d{1,2}/\d{2,4})", "\n".join(texts.values())
    )
    try:
        return date_order(found)
    except AmbiguousDatesError:
        return "unknown"


def _place(item: tuple[str, ReadDecision]) -> tuple[int, str]:
    """Numbered files by number, then the others by name (log4brains' names start with
    their date)."""
    name, found = item
    return (found.file_number if found.file_number is not None else 10**9), name


def _shifted(text: str, shift: int) -> str:
    """`ADR-0005` -> `ADR-0006` when the folder's numbers moved up by one."""
    if not shift:
        return text
    return _REFERENCE.sub(lambda m: f"{m[1]}{int(m[2]) + shift:0{len(m[2])}d}", text)


def to_decision(
    engagement_id: int, found: ReadDecision, name: str = "", fingerprint: str = "", shift: int = 0
) -> Decision:
    """The record to store; ValidationError (naming the field) when a value cannot be kept."""
    f = {k: _shifted(v, shift) for k, v in found.fields.items()}
    cost = f["cost_if_wrong_minor"]
    review_by = f["review_by"]
    if shift:
        found.form["number_shift"] = shift
    return Decision(
        engagement_id=engagement_id,
        title=found.title,
        decided_on=found.decided_on or UNKNOWN_DAY,
        date_unknown=found.decided_on is None,
        category=f["category"] or "other",
        status=found.status,
        status_text=_shifted(found.status_text, shift),
        context=f["context"],
        drivers=f["drivers"],
        options=found.options,
        outcome=f["outcome"],
        consequences=f["consequences"],
        owner=f["owner"],
        consulted=f["consulted"],
        reversibility=f["reversibility"] or "two_way",
        cost_if_wrong_minor=int(cost) if cost.isdigit() else None,
        review_by=dt.date.fromisoformat(review_by) if review_by else None,
        links=f["links"],
        kept_text=_shifted("\n\n".join(found.kept), shift),
        source_file=name,
        source_print=fingerprint,
        source_form=_shifted(form_json(found), shift),
    )


def import_folder(db: Database, data_dir: Path, folder: Path, engagement_id: int) -> MadrImport:
    """Add (or update) the folder's decisions in the engagement."""
    engagements.get(db, engagement_id)
    read_in = read_folder(folder)
    checked = {}
    for name, read_one in read_in.found.items():
        try:
            record = to_decision(engagement_id, read_one, name, read_in.prints[name], read_in.shift)
            checked[name] = decisions.validate(record)
        except (ValidationError, ValueError) as exc:
            raise ValidationError("file", f"{name}: {exc}") from None
    made = _made_before(db, engagement_id)
    result = MadrImport(skipped=read_in.skipped)
    if all(made.get(name, (0, ""))[1] == read_in.prints[name] for name in checked):
        result.ids = result.unchanged = [made[name][0] for name in checked]
        return result
    backups.back_up_and_rotate(db, data_dir, reason="before-import")
    with db.atomic():
        for name, row in checked.items():
            _write(db, engagement_id, name, read_in, row, made, result)
        _link_all(db, read_in, dict(zip(checked, result.ids, strict=True)))
    return result


def _made_before(db: Database, engagement_id: int) -> dict[str, tuple[int, str]]:
    found = db.execute(
        "SELECT source_file, id, source_print FROM decision "
        "WHERE engagement_id = ? AND source_file != ''",
        [engagement_id],
    )
    return {name: (int(i), str(p)) for name, i, p in found}


def _write(
    db: Database,
    engagement_id: int,
    name: str,
    read_in: Folder,
    row: dict[str, object],
    made: dict[str, tuple[int, str]],
    result: MadrImport,
) -> None:
    found = read_in.found[name]
    if name in made:
        decision_id, fingerprint = made[name]
        if fingerprint != read_in.prints[name]:
            _update(db, decision_id, row)
            result.updated.append(decision_id)
        else:
            result.unchanged.append(decision_id)
    else:
        number = None if found.file_number is None else found.file_number + read_in.shift
        decision_id = _add(db, engagement_id, number, found, row)
        result.added.append(decision_id)
    result.ids.append(decision_id)


def _update(db: Database, decision_id: int, row: dict[str, object]) -> None:
    stored = decisions.get(db, decision_id)
    rows.update(db, "decision", decision_id, row)
    if row["status"] != stored.status:
        decisions.record_status(db, decision_id, str(row["status"]))


def _add(
    db: Database,
    engagement_id: int,
    wanted: int | None,
    found: ReadDecision,
    row: dict[str, object],
) -> int:
    used = {
        r[0]
        for r in db.execute("SELECT number FROM decision WHERE engagement_id = ?", [engagement_id])
    }
    next_free = rows.count(
        db, "SELECT next_decision_number FROM engagement WHERE id = ?", [engagement_id]
    )
    number = wanted if wanted is not None and wanted >= 1 and wanted not in used else next_free
    while number in used:
        number += 1
    new_id = rows.insert(db, "decision", {**row, "number": number, "created_at": clock.now_iso()})
    db.execute(
        "UPDATE engagement SET next_decision_number = max(next_decision_number, ?) WHERE id = ?",
        [number + 1, engagement_id],
    )
    decisions.record_status(db, new_id, str(row["status"]), found.decided_on)
    return new_id


def _pairs(read_in: Folder, ids: dict[str, int]) -> list[tuple[str, int, int]]:
    """(what the link says, earlier id, later id) for each supersede link, whichever side
    wrote it."""
    by_number = {
        d.file_number: name for name, d in read_in.found.items() if d.file_number is not None
    }
    pairs = []
    for name, found in read_in.found.items():
        for link in found.links:
            number = -1 if link.target_number is None else link.target_number
            other = link.target_file or by_number.get(number, "")
            if other not in ids or other == name:
                continue
            if link.supersedes:
                pairs.append((f"{name} cannot supersede {other}", ids[other], ids[name]))
            elif link.superseded_by:
                pairs.append((f"{name} cannot be superseded by {other}", ids[name], ids[other]))
    return list(dict.fromkeys(pairs))


def _link_all(db: Database, read_in: Folder, ids: dict[str, int]) -> None:
    """Both links of each pair whose files are both here; a link to a missing file stays text.

    Each link is made by the decision log's own rule, so files that supersede each other in a
    circle (or two files that supersede one) are refused as the app refuses them, and the
    caller's transaction is rolled back."""
    done: set[tuple[int, int]] = set()
    for said, earlier, later in _pairs(read_in, ids):
        if (earlier, later) in done or decisions.get(db, earlier).superseded_by_id == later:
            continue
        try:
            decision_chain.link(db, earlier, later)
        except ValidationError as exc:
            raise ValidationError("file", f"{said}: {exc.message}") from None
        done.add((earlier, later))

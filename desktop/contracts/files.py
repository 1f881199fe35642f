"""`backup --list`, `encryption status`, `check` and `import list`: the data file, its
backups, its key and its imports as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:  # annotations only: `check` must not load the conversions or the importers
    from storage.file import Problem, backups, encryption
    from storage.transfer import import_time


class BackupJson(TypedDict):
    path: str
    taken_at: str
    reason: str
    size_bytes: int
    clients: int | None
    engagements: int | None
    time_entries: int | None
    decisions: int | None
    problem: str


class BackupKeyJson(TypedDict):
    file: str
    key: str


class EncryptionJson(TypedDict):
    encrypted: bool
    key_in_keyring: bool
    backups_encrypted: bool
    cipher: str
    backups: list[BackupKeyJson]


class ProblemJson(TypedDict):
    table: str
    id: int | None
    column: str
    problem: str


class RepairJson(TypedDict):
    backup: str
    fixed: list[ProblemJson]
    not_fixed: list[ProblemJson]


def backup_json(backup: backups.Backup) -> BackupJson:
    contents = backup.contents
    return BackupJson(
        path=str(backup.path),
        taken_at=backup.taken_at.isoformat(timespec="seconds"),
        reason=backup.reason,
        size_bytes=backup.size_bytes,
        clients=contents.clients if contents else None,
        engagements=contents.engagements if contents else None,
        time_entries=contents.time_entries if contents else None,
        decisions=contents.decisions if contents else None,
        problem=backup.problem,
    )


def encryption_json(found: encryption.EncryptionStatus) -> EncryptionJson:
    return EncryptionJson(
        encrypted=found.encrypted,
        key_in_keyring=found.key_in_keyring,
        backups_encrypted=found.backups_encrypted,
        cipher=found.cipher,
        backups=[BackupKeyJson(file=b.path.name, key=b.key) for b in found.backups],
    )


def problem_json(p: Problem) -> ProblemJson:
    return ProblemJson(table=p.table, id=p.id, column=p.column, problem=p.problem)


class ImportJson(TypedDict):
    id: int
    format: str
    file_name: str
    imported_at: str
    entries: int


def import_json(r: import_time.ImportRecord) -> ImportJson:
    return ImportJson(
        id=r.id, format=r.format, file_name=r.file_name, imported_at=r.imported_at,
        entries=r.entries,
    )  # fmt: skip


class RefusedRowJson(TypedDict):
    line: int
    reason: str


class ImportPlanJson(TypedDict):
    format: str
    rows: int
    imported: int
    duplicates: int
    refused: list[RefusedRowJson]
    flagged: list[RefusedRowJson]
    new_engagements: dict[str, str]
    minutes: dict[str, dict[str, int]]
    import_id: int | None


def import_plan_json(plan: import_time.ImportPlan, import_id: int | None) -> ImportPlanJson:
    """What `import time` did or, with `--dry-run`, would do (`import_id` null then):
    `refused` rows were left out, `flagged` ones imported with a remark."""
    return ImportPlanJson(
        format=plan.format,
        rows=plan.rows,
        imported=plan.imported,
        duplicates=plan.duplicates,
        refused=[RefusedRowJson(line=r.line, reason=r.reason) for r in plan.refused],
        flagged=[RefusedRowJson(line=r.line, reason=r.reason) for r in plan.flagged],
        new_engagements={k: d.isoformat() for k, d in plan.new_engagements.items()},
        minutes=plan.minutes(),
        import_id=import_id,
    )

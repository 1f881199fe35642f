"""`fractional-desk backup [--out PATH] [--list]` and `fractional-desk restore PATH`."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands import recovery_keys
from desktop.commands.arguments import add_make_dirs, output_file
from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_table,
)
from desktop.commands.output import emit_list
from desktop.commands.refusals import path_error, plain_refusal
from desktop.contracts.files import BackupJson, backup_json
from desktop.data_folder import resolve
from storage.file import (
    AUTO,
    AlreadyRunningError,
    Auto,
    InstanceLock,
    Practice,
    backups,
    database_file,
    keys,
)
from storage.rules import DataFileError, ValidationError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="back up the database (safe while the app runs)",
        description="Copy the database into the data folder's backups/ (rotated: 7 daily, "
        "8 weekly, 12 monthly; copies made before a restore or a migration kept 30 days) or to "
        "--out PATH. The copy is checked first: a damaged database is not backed up and every "
        "existing backup is kept. --list shows the backups and what each holds.",
    )
    backup.add_argument("--out", metavar="PATH", help="write the backup to this file instead")
    add_make_dirs(backup)
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    add_format_option(backup, BackupJson)
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (quit the app first)",
        description="Replace the database with a backup. What is there now is backed up first "
        "(or set aside if it cannot be read), so the restore can be undone.",
    )
    restore.add_argument("path", metavar="PATH", help="a backup file, or its name in backups/")
    restore.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help="the recovery key of the practice the backup was made from (another key than this one)",
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if args.out:
        args.out = output_file(
            "--out", args.out, make_dirs=args.make_dirs
        )  # the same checks as `export --out`
    data_dir = resolve(args.data_dir)
    if args.list:
        return _list(args, data_dir)
    out = Path(args.out).expanduser().resolve() if args.out else None
    db = open_db(args)
    try:
        if out is None:
            path = backups.back_up_and_rotate(db, data_dir, reason="manual")
        else:
            path = backups.create_backup(db, out=out)
    except backups.BackupRefusedError as exc:
        raise CommandError(f"{exc.path} {exc.problem} (fractional-desk backup --list).") from exc
    except OSError as exc:  # the path and the cause in plain words, never an errno
        said = plain_refusal(exc) or path_error(exc)
        raise CommandError(f"The backup could not be written. {said}") from exc
    finally:
        db.close()
    print(path)
    return 0


def _list(args: argparse.Namespace, data_dir: Path) -> int:
    found = backups.list_backups(data_dir)
    if args.format != "table":
        return emit_list(args, [backup_json(b) for b in found], ())
    rows = [
        [
            b.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            b.reason,
            b.contents.describe() if b.contents else f"unreadable: {b.problem}",
            b.path.name,
        ]
        for b in found
    ]
    print_table(["Taken", "Kind", "Holds", "File"], rows)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    data_dir = resolve(args.data_dir)
    source = _find_backup(data_dir, args.path)
    try:
        with InstanceLock(data_dir):
            previous = backups.restore(data_dir, source, backup_key=_backup_key(args))
            # Opening brings an older backup up to date.
            Practice.find(database_file(data_dir)).open().close()
    except AlreadyRunningError as exc:
        raise CommandError(
            f"Fractional Desk is running on {data_dir} ({exc.holder.describe()}). "
            "Quit it first, then run restore again. Nothing was changed."
        ) from exc
    except DataFileError as exc:
        raise CommandError(
            f"Cannot restore from {exc.path}: it {exc.problem}. Nothing was changed."
        ) from exc
    print(f"Restored {source} into {database_file(data_dir)}.")
    if previous is not None:
        print(f"What was there before is kept in {previous} (restore it to undo).")
    return 0


def _backup_key(args: argparse.Namespace) -> bytes | Auto:
    """The key from --recovery-key-file, or the practice's own (the usual case)."""
    if not args.recovery_key_file:
        return AUTO
    text = recovery_keys.read_given(args.recovery_key_file)
    try:
        return keys.parse_recovery_key(text)
    except ValidationError as exc:
        raise CommandError(f"That recovery key was not used: {exc.message}.") from exc


def _find_backup(data_dir: Path, given: str) -> Path:
    path = Path(given).expanduser()
    if not path.exists() and (backups.backups_folder(data_dir) / given).exists():
        return backups.backups_folder(data_dir) / given
    return path.resolve()

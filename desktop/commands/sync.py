"""`fractional-desk sync`: keep this practice in step with the practice's other machines
through a folder they all sync (Dropbox, iCloud Drive, OneDrive, Syncthing, a network share).

The round itself runs here, in this command's own process, through the sync engine's own
SQLite; the app starts this command as a child process for the same reason.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop.commands.common import CommandError, add_format_option, practice_folder
from desktop.commands.output import emit_list, emit_one
from desktop.contracts.sync import (
    ConflictJson,
    DeviceJson,
    SyncRoundJson,
    SyncStatusJson,
    device_json,
    round_json,
    status_json,
)
from desktop.data_folder import resolve


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="keep this practice in step with your other machines through a synced folder",
        description="Without an action, run one sync round: send this machine's changes to the "
        "sync folder and take in the others'. The live database never goes in the folder; "
        "every file there is encrypted with a key derived from the practice's key.",
    )
    add_format_option(parser, SyncRoundJson)
    parser.set_defaults(func=run_round, writes=True)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    setup = actions.add_parser("setup", help="start syncing this practice through FOLDER")
    setup.add_argument("folder", metavar="FOLDER", help="a folder your sync service keeps")
    setup.add_argument("--name", default="", help="this machine's name (default: its host name)")
    setup.set_defaults(func=run_setup, writes=True)
    join = actions.add_parser("join", help="start this machine from the practice in FOLDER")
    join.add_argument("folder", metavar="FOLDER")
    join.add_argument("--recovery-key-file", metavar="PATH",
                      help="a file holding the practice's recovery key ('-' reads stdin); "
                      "without it the key is asked for")  # fmt: skip
    join.add_argument("--name", default="", help="this machine's name (default: its host name)")
    join.set_defaults(func=run_join, writes=True)
    status = actions.add_parser(
        "status", help="where this practice syncs and how the last round went"
    )
    add_format_option(status, SyncStatusJson)
    status.set_defaults(func=run_status)
    run = actions.add_parser("run", help="one sync round (the same as `sync` alone)")
    add_format_option(run, SyncRoundJson)
    run.set_defaults(func=run_round, writes=True)
    devices = actions.add_parser("devices", help="the machines that share this practice")
    add_format_option(devices, DeviceJson)
    devices.set_defaults(func=run_devices)
    remove = actions.add_parser("remove", help="stop taking a lost or retired machine's changes")
    remove.add_argument("device", metavar="DEVICE", help="its id, or the start of it")
    remove.set_defaults(func=run_remove, writes=True)
    conflicts = actions.add_parser("conflicts", help="conflicts a sync settled, to review and flip")
    add_format_option(conflicts, ConflictJson)
    conflicts.add_argument("--all", action="store_true", help="reviewed ones too")
    conflicts.add_argument("--flip", type=int, metavar="ID",
                           help="keep the other value instead, and mark it reviewed")  # fmt: skip
    conflicts.add_argument("--reviewed", type=int, metavar="ID",
                           help="keep what was kept, and mark it reviewed")  # fmt: skip
    conflicts.set_defaults(func=run_conflicts, writes=True)
    leave = actions.add_parser("leave", help="stop syncing on this machine (the practice stays)")
    leave.add_argument("--yes", action="store_true", help="yes, stop syncing here")
    leave.set_defaults(func=run_leave, writes=True)


def run_setup(args: argparse.Namespace) -> int:
    from storage.sync import run

    data_dir = _practice(args)
    made = run.setup(data_dir, Path(args.folder), args.name)
    print(f"This practice now syncs through {made.folder} as {made.name!r}.")
    print("On another machine: fractional-desk sync join FOLDER (it asks for the recovery key).")
    return 0


def run_join(args: argparse.Namespace) -> int:
    from storage.file import database_file
    from storage.sync import run

    data_dir = resolve(args.data_dir)
    if database_file(data_dir).exists():  # said before the recovery key is asked for
        raise CommandError(
            f"{database_file(data_dir)} is already there: join into a new, empty data folder."
        )
    text = _recovery_key(args)
    made = run.join(data_dir, Path(args.folder), text, args.name)
    print(f"Joined: {data_dir} now holds the practice from {made.folder}, as {made.name!r}.")
    if made.last.problem:
        print(f"The first sync could not finish: {made.last.problem}", file=sys.stderr)
    return 0


def run_round(args: argparse.Namespace) -> int:
    from storage.sync import run

    data_dir = _practice(args)
    result = run.sync_now(data_dir)
    last = result.last
    if args.format != "table":
        return emit_one(args, round_json(last, result.ignored)) or (0 if last.ok else 1)
    if last.problem:
        print(f"Not synced: {last.problem}. Nothing was lost; the next sync tries again.")
    else:
        print(f"Synced: {last.sent} sent, {last.taken} taken in.")
    for line in last.refused:
        print(f"Refused: {line}")
    if last.conflicts:
        print(f"{last.conflicts} conflict(s) waiting: fractional-desk sync conflicts")
    return 0 if last.ok else 1


def run_status(args: argparse.Namespace) -> int:
    from storage.sync import config

    found = config.load(_practice(args))
    if args.format != "table":
        return emit_one(args, status_json(found))
    if found is None:
        print("This practice does not sync. Start with: fractional-desk sync setup FOLDER")
        return 0
    print(f"Syncs through {found.folder} as {found.name!r} (device {found.device_id[:8]}).")
    last = found.last
    if not last.at:
        print("No sync has run yet.")
    elif last.problem:
        print(f"Last try {last.at}: {last.problem}")
    else:
        print(f"Last synced {last.at}: {last.sent} sent, {last.taken} taken in.")
    if last.conflicts:
        print(f"{last.conflicts} conflict(s) waiting: fractional-desk sync conflicts")
    return 0


def run_devices(args: argparse.Namespace) -> int:
    from storage.sync import config, run

    data_dir = _practice(args)
    me = config.load(data_dir)
    found = run.devices(data_dir)
    removed = {gone for d in found for gone in d.removed}
    mine = next((d for d in found if me is not None and d.device_id == me.device_id), None)
    rows = [
        device_json(
            d, me.device_id if me else "", removed, mine.applied.get(d.device_id, 0) if mine else 0
        )
        for d in found
    ]
    columns = (("Device", "device_id"), ("Name", "name"), ("Series", "series_code"),
               ("This machine", "this_machine"), ("Removed", "removed"))  # fmt: skip
    return emit_list(args, rows, columns)


def run_remove(args: argparse.Namespace) -> int:
    from storage.sync import run

    gone = run.remove_device(_practice(args), args.device)
    print(f"{gone.name} ({gone.device_id[:8]}) is removed: its files are ignored from now on.")
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    from storage.sync import run

    data_dir = _practice(args)
    if args.flip is not None or args.reviewed is not None:
        chosen = args.flip if args.flip is not None else args.reviewed
        done = run.settle_conflict(data_dir, chosen, flip=args.flip is not None)
        print(f"Conflict {chosen}: {done}.")
        return 0
    rows = [ConflictJson(**c) for c in run.conflicts(data_dir, include_reviewed=args.all)]
    if args.format == "table" and not rows:
        print("No conflicts waiting.")
        return 0
    columns = (("Id", "id"), ("Record", "record"), ("Field", "column"),
               ("What happened", "what_happened"), ("Kept", "kept"), ("Other", "other"))  # fmt: skip
    return emit_list(args, rows, columns)


def run_leave(args: argparse.Namespace) -> int:
    from storage.sync import run

    data_dir = _practice(args)
    if not args.yes:
        raise CommandError("Add --yes to stop syncing on this machine (the practice stays here).")
    run.leave(data_dir)
    print("This machine no longer syncs; its practice is as it was.")
    return 0


def _practice(args: argparse.Namespace) -> Path:
    """The data folder, its practice file checked first (a damaged or foreign file is named, in
    plain words, before the sync engine opens it); the check closes the file again, so the
    engine's own SQLite is then the only one holding it."""
    from storage.file import database_file, inspect_existing

    folder = practice_folder(args)
    inspect_existing(database_file(folder))
    return folder


def _recovery_key(args: argparse.Namespace) -> str:
    from desktop.commands import recovery_keys

    if args.recovery_key_file:
        return recovery_keys.read_given(args.recovery_key_file)
    if not sys.stdin.isatty():
        raise CommandError("Give the recovery key with --recovery-key-file PATH ('-' for stdin).")
    return getpass.getpass("Recovery key: ")

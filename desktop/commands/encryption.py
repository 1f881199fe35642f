"""`fractional-desk encryption status|enable|disable|recover|recovery-key`: the practice's
encryption at rest."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from desktop.commands import recovery_keys
from desktop.commands.arguments import add_make_dirs
from desktop.commands.common import (
    CommandError,
    add_format_option,
    practice_folder,
    print_table,
)
from desktop.commands.output import emit_one
from desktop.commands.recovery_keys import add_recovery_key_out, checked_out, hand_over, write_again
from desktop.contracts.files import EncryptionJson, encryption_json
from storage.file import (
    AlreadyRunningError,
    InstanceLock,
    database_file,
    encryption,
    inspect_existing,
    keys,
    recovery,
)
from storage.rules import KeyFileMissingError, KeyMissingError, NoKeyringError, ValidationError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "encryption",
        help="encryption at rest: status, enable, disable, recover, recovery-key",
        description="The practice is encrypted with SQLCipher; its key is kept in the OS keyring "
        "and written out once as a recovery key.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="is the practice encrypted, is its key here")
    add_format_option(status, EncryptionJson)
    status.set_defaults(func=run_status)
    enable = actions.add_parser("enable", help="encrypt the practice and its backups")
    add_recovery_key_out(enable)
    enable.set_defaults(func=run_enable)
    disable = actions.add_parser("disable", help="store the practice in plain text again")
    disable.add_argument("--yes", action="store_true",
                         help="yes, keep the practice and its backups unencrypted")  # fmt: skip
    disable.set_defaults(func=run_disable)
    recover = actions.add_parser("recover", help="bring the key back with the recovery key")
    recover.add_argument("--recovery-key-file", metavar="PATH", required=True,
                         help="a file holding the recovery key ('-' reads it from stdin)")  # fmt: skip
    recover.set_defaults(func=run_recover)
    again = actions.add_parser("recovery-key", help="write the recovery key again, from this "
                               "machine's keyring")  # fmt: skip
    again.add_argument("--out", metavar="FILE", required=True,
                       help="a new owner-only file for the recovery key")  # fmt: skip
    add_make_dirs(again)
    again.set_defaults(func=run_recovery_key, writes=True)


def _checked_folder(
    args: argparse.Namespace, *, key_needed: bool = True, key_file_needed: bool = True
) -> Path:
    """The practice folder, its file judged first: a damaged or foreign file is refused here as
    by every command (a missing key is no reason to refuse `status` or `recover`, nor a missing
    key file to refuse `recover`, which judges the file by the recovery key itself)."""
    data_dir = practice_folder(args)
    try:
        inspect_existing(database_file(data_dir))
    except KeyMissingError as exc:
        lost_key_file = isinstance(exc, KeyFileMissingError)
        if key_needed or (lost_key_file and key_file_needed):
            raise
    return data_dir


def run_status(args: argparse.Namespace) -> int:
    found = encryption.status(_checked_folder(args, key_needed=False))
    if args.format != "table":
        return emit_one(args, encryption_json(found))
    yes_no = {True: "yes", False: "no"}
    print_table(["", "Answer"], [["Encrypted", yes_no[found.encrypted]],
                           ["Key in this machine's keyring", yes_no[found.key_in_keyring]],
                           ["Every backup encrypted", yes_no[found.backups_encrypted]],
                           ["Cipher", found.cipher]])  # fmt: skip
    if found.backups:
        print()
        print_table(["Backup", "Key"], [[b.path.name, b.key] for b in found.backups])
    return 0


def run_enable(args: argparse.Namespace) -> int:
    data_dir = _checked_folder(args)
    out = checked_out(args.recovery_key_out, data_dir, make_dirs=args.make_dirs)  # first
    with _folder_held(data_dir):
        try:
            prepared = encryption.prepare_encrypt(data_dir)
        except NoKeyringError as exc:
            raise CommandError(f"Nothing was changed: {exc}.") from exc
        encryption.finish(prepared)
    return hand_over(data_dir, out, f"Encrypted {data_dir}.")


def run_disable(args: argparse.Namespace) -> int:
    data_dir = _checked_folder(args)
    if not args.yes:
        raise CommandError(
            "disable stores the practice and its backups in plain text, readable by anyone with "
            "the files; add --yes to confirm. Nothing was changed."
        )
    with _folder_held(data_dir):
        if not encryption.complete_decrypt(data_dir):  # else a disable cut short is finished now
            encryption.finish(encryption.prepare_decrypt(data_dir))
    print(f"{data_dir} and its backups are stored in plain text now.")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """The file is judged by the recovery key, not by its key file: that may be what was lost."""
    data_dir = _checked_folder(args, key_needed=False, key_file_needed=False)
    text = recovery_keys.read_given(args.recovery_key_file)
    try:
        recovery.recover(data_dir, text)
    except ValidationError as exc:
        raise CommandError(
            f"That recovery key was not used: {exc.message}. Nothing changed."
        ) from exc
    where = "this machine's keyring" if keys.keyring_works() else "memory for this command only"
    print(f"The recovery key opens {data_dir}; its key is kept in {where}.")
    return 0


def run_recovery_key(args: argparse.Namespace) -> int:
    data_dir = _checked_folder(args)
    out = checked_out(args.out, data_dir, make_dirs=args.make_dirs, option="--out")
    assert out is not None
    write_again(data_dir, out)
    print(f"The recovery key of {data_dir} is in {out}. Keep it somewhere safe, away from this "
          "computer.")  # fmt: skip
    return 0


@contextlib.contextmanager
def _folder_held(data_dir: Path) -> Iterator[None]:
    """The app must not run on the folder while its file is converted under it."""
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunningError as exc:
        raise CommandError(
            f"Fractional Desk is running on {exc.data_dir} ({exc.holder.describe()}). Quit it "
            "first, or use Preferences → Security in the app. Nothing was changed."
        ) from exc
    try:
        yield
    finally:
        lock.release()

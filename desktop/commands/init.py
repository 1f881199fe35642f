"""`fractional-desk init`: a new, empty practice in a data folder, so a practice can be started
from a shell alone (clients, engagements and the rest are then added with their commands).

It is made as the window makes one: encrypted when the keyring works, built beside the folder
and moved into place only once complete; an existing practice is never touched.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.commands.common import CommandError, add_require_encryption
from desktop.commands.demo import build_new, check_empty, handed_over, keyring_refusal
from desktop.commands.recovery_keys import add_recovery_key_out, checked_out
from desktop.data_folder import resolve
from storage.file import database_file
from storage.rules import NoKeyringError

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("init", help="create a new, empty practice in a data folder")
    add_require_encryption(parser)
    add_recovery_key_out(parser)
    parser.set_defaults(func=run, writes=True)


def run(args: argparse.Namespace) -> int:
    target = resolve(args.data_dir)
    existing = database_file(target)
    if existing.exists():
        raise CommandError(f"A practice is already at {existing}; nothing was changed.")
    check_empty(target)
    out = checked_out(args.recovery_key_out, target, make_dirs=args.make_dirs)
    encrypt = True if args.require_encryption else None
    try:
        build_new(target, _empty, encrypt=encrypt, operation="init")
    except NoKeyringError as exc:
        raise CommandError(f"Nothing was written: {keyring_refusal(exc)}") from exc
    return handed_over(target, out, f"Created a new practice in {target}.")


def _empty(_db: Database) -> None:
    """Nothing to add: the schema and the migrations are all a new practice holds."""

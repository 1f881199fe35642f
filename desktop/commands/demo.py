"""`fractional-desk demo --data-dir D`: write a deterministic sample practice into D.

The practice is written into a temporary folder beside D and moved into place only when it is
complete, so a failure half-way (a full disk, an interruption) leaves nothing behind.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from desktop.commands.arguments import day_type, whole_between
from desktop.commands.common import (
    NO_KEYRING_WAY_OUT,
    CommandError,
    add_require_encryption,
    say_if_not_encrypted,
)
from desktop.commands.recovery_keys import add_recovery_key_out, checked_out, hand_over
from desktop.data_folder import resolve
from storage.file import Practice, database_file, keys
from storage.practice import clients, engagements
from storage.rules import DataFileError, KeyringLockedError, NoKeyringError
from storage.sample import SampleOptions, generate

T = TypeVar("T")
MAX_YEARS = 30
MAX_ENTRIES = 1_000_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="write a sample practice into a data folder")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same practice (default 1)")
    parser.add_argument("--years", type=whole_between(1, MAX_YEARS), default=1,
                        help=f"years of history, 1 to {MAX_YEARS} (default 1)")  # fmt: skip
    parser.add_argument("--entries", type=whole_between(1, MAX_ENTRIES), default=None,
                        help=f"pack this many time entries (1 to {MAX_ENTRIES:,})")  # fmt: skip
    parser.add_argument("--as-of", type=day_type, default=None, help="'today' (ISO)")
    add_require_encryption(parser)
    add_recovery_key_out(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.data_dir:
        raise CommandError("demo needs --data-dir: it will not write into your own data folder.")
    target = resolve(args.data_dir)
    check_empty(target)
    out = checked_out(args.recovery_key_out, target)
    options = SampleOptions(seed=args.seed, years=args.years, entries=args.entries,
                            as_of=args.as_of)  # fmt: skip
    encrypt = True if args.require_encryption else None
    try:
        count = write_sample(target, options, encrypt=encrypt)
    except NoKeyringError as exc:
        raise CommandError(f"Nothing was written: {keyring_refusal(exc)}") from exc
    except OSError as exc:
        raise CommandError(
            f"The sample practice could not be written ({exc.strerror or exc}); "
            "nothing was left behind."
        ) from exc
    return handed_over(
        target, out, f"Wrote a sample practice with {count} engagements into {target}."
    )


def keyring_refusal(error: NoKeyringError) -> str:
    """Why no practice was made: a locked keyring is unlocked; with none, one is started (or the
    practice made unencrypted)."""
    if isinstance(error, KeyringLockedError):
        return f"{error}."
    return f"{error}. {NO_KEYRING_WAY_OUT}"


def handed_over(target: Path, out: Path | None, done: str) -> int:
    """A new practice's recovery key handed over, or the one line saying it is not encrypted."""
    if keys.read_marker(target) is None:
        print(done)
        say_if_not_encrypted(target)
        return 0
    return hand_over(target, out, done)


def check_empty(target: Path) -> None:
    """A new or empty folder, or one whose practice holds no client yet."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} is a file, not a folder; choose an empty folder.")
    if database_file(target).exists():
        try:
            with Practice.find(database_file(target)).open(migrate=False) as db:
                held = clients.list_all(db)
        except DataFileError as exc:
            raise CommandError(f"Cannot use {exc.path}: it {exc.problem}.") from exc
        if held:
            raise CommandError("That data folder already holds clients; choose an empty folder.")
    elif target.is_dir() and any(target.iterdir()):
        raise CommandError(f"{target} is not empty; choose an empty or a new folder.")


def write_sample(
    target: Path, options: SampleOptions | None = None, *, encrypt: bool | None = None
) -> int:
    """Build the practice beside `target`, then move it into place; the engagements written.
    Encrypted as `Practice.at` decides for a new practice (`encrypt`)."""
    return build_practice(target, partial(_fill_sample, options), encrypt=encrypt)


def _fill_sample(options: SampleOptions | None, db: Database) -> int:
    generate(db, options)
    return len(engagements.list_all(db))


def build_practice(
    target: Path, fill: Callable[[Database], T], *, encrypt: bool | None = None
) -> T:
    """A new practice filled by `fill` beside `target`, moved into place only once complete
    (so a failure leaves nothing half-written); what `fill` returns."""
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        with Practice.in_folder(building, encrypt=encrypt).open() as db:
            result = fill(db)
        _move_into_place(building, target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return result


def _move_into_place(building: Path, target: Path) -> None:
    """The built folder becomes `target`; into a folder holding an empty practice, the built
    database replaces the empty one."""
    if not target.exists():
        building.replace(target)
    elif database_file(target).exists():
        database_file(building).replace(database_file(target))
        if keys.read_marker(building) is not None:  # the key's name goes with the database
            keys.marker_file(building).replace(keys.marker_file(target))
        else:
            keys.remove_marker(target)
    else:
        target.rmdir()  # empty, checked before
        building.replace(target)

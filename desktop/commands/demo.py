"""`fractional-desk demo --data-dir D`: write a deterministic sample practice into D.

The practice is written into a temporary folder inside D and swapped into place only when it is
complete (`storage.file.build_practice`), so a failure half-way (a full disk, an interruption, a
kill) leaves nothing behind.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktop.commands.arguments import day_type, whole_between
from desktop.commands.common import (
    NO_KEYRING_WAY_OUT,
    CommandError,
    add_require_encryption,
    say_if_not_encrypted,
)
from desktop.commands.recovery_keys import add_recovery_key_out, checked_out, hand_over
from desktop.data_folder import resolve
from storage.file import (
    AlreadyRunningError,
    Practice,
    build_practice,
    database_file,
    keys,
    settle_folder,
)
from storage.practice import clients, engagements
from storage.rules import DataFileError, KeyringLockedError, NoKeyringError
from storage.sample import SampleOptions, generate

if TYPE_CHECKING:
    from sqlite_utils import Database

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
    out = checked_out(args.recovery_key_out, target, make_dirs=args.make_dirs)
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


OWN_FILES = frozenset({"fractional-desk.lock", "fractional-desk.gate", "logs"})


def check_empty(target: Path) -> None:
    """A new or empty folder (the app's own lock and log files aside), or one whose practice
    holds no client yet."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} is a file, not a folder; choose an empty folder.")
    if target.is_dir():
        settle_folder(target, sweep=True)  # leftovers of a killed run are not "content"
    if database_file(target).exists():
        try:
            with Practice.find(database_file(target)).open(migrate=False) as db:
                held = clients.list_all(db)
        except DataFileError as exc:
            raise CommandError(f"Cannot use {exc.path}: it {exc.problem}.") from exc
        if held:
            raise CommandError("That data folder already holds clients; choose an empty folder.")
    elif target.is_dir() and any(p.name not in OWN_FILES for p in target.iterdir()):
        raise CommandError(f"{target} is not empty; choose an empty or a new folder.")


def write_sample(
    target: Path, options: SampleOptions | None = None, *, encrypt: bool | None = None
) -> int:
    """Build the practice in `target` (`build_new`); the engagements written. Encrypted as
    `Practice.at` decides for a new practice (`encrypt`)."""
    return build_new(target, partial(_fill_sample, options), encrypt=encrypt, operation="demo")


def _fill_sample(options: SampleOptions | None, db: Database) -> int:
    from exporters.change_request import keep_version  # the scope of work's versions

    generate(db, dataclasses.replace(options or SampleOptions(), keep_version=keep_version))
    return len(engagements.list_all(db))


def build_new(
    target: Path,
    fill: Callable[[Database], T],
    *,
    encrypt: bool | None = None,
    operation: str = "import",
) -> T:
    """A new practice filled by `fill`, put in `target`'s place only once complete (a failure
    or a kill leaves the folder as it was); refused while the app has the folder open."""
    try:
        return build_practice(
            target, fill, encrypt=encrypt, operation=operation, check=partial(check_empty, target)
        )
    except AlreadyRunningError as exc:
        raise CommandError(
            f"Fractional Desk is running on {target} ({exc.holder.describe()}). Quit it first, "
            "then run the command again. Nothing was changed."
        ) from exc

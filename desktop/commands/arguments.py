"""Values given on the command line, checked once for every command, each refusal one line.

A date or a week names a year from 1 to 9998 (the calendar's arithmetic needs a week on either
side); an empty value is refused rather than read as "today"; a file to write is checked before
anything is written, so no temporary name ever reaches a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.common import CommandError
from storage.rules import (
    MAX_YEAR,
    MIN_YEAR,
    ValidationError,
    Week,
    parse_week,
    today,
)

if TYPE_CHECKING:
    from storage.rules import Month

TEMP_NAME_EXTRA = 16  # the temporary file beside the target: "." + name + ".XXXXXXXX.tmp"


def checked_day(text: str) -> dt.date:
    """A date such as 2026-04-02 with a year from 1 to 9998; ValueError says what is wrong."""
    value = text.strip()
    if not value:
        raise ValueError("is empty: give a date such as 2026-04-02")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"“{value}” is not a date such as 2026-04-02") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    return day


def day_type(text: str) -> dt.date:
    """`checked_day` for argparse (`type=`): a wrong value is a usage error."""
    try:
        return checked_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def day_option(option: str, text: str | None) -> dt.date | None:
    """The day given with `option`, None when it was not given; a refusal names the option."""
    if text is None:
        return None
    try:
        return checked_day(text)
    except ValueError as exc:
        raise CommandError(f"{option}: {exc}.") from None


FUTURE_DAYS = 7  # time a week ahead may be a planned workshop; further is most likely a typo


def logged_day(option: str, day: dt.date, *, future: bool) -> dt.date:
    """The day time is logged on, refused when it is more than a week ahead unless `--future`
    says it is meant: time is logged when it was spent, and a wrong year is easy to type."""
    ahead = (day - today()).days
    if ahead > FUTURE_DAYS and not future:
        raise CommandError(
            f"{option}: {day.isoformat()} is {ahead} days ahead; time is logged when it is spent, "
            "so a day more than a week ahead is most likely a typo. Add --future if it is meant."
        )
    return day


def week_option(option: str, text: str | None, week_start: str) -> Week | None:
    if text is None:
        return None
    if not text.strip():
        raise CommandError(f"{option}: is empty: give a week such as 2026-W14.")
    try:
        return parse_week(text, week_start)
    except ValidationError as exc:
        raise CommandError(f"{option}: {exc.message}.") from None


def month_option(option: str, text: str | None) -> Month | None:
    """The month given with `option` (`2026-11`), None when it was not given."""
    if text is None:
        return None
    if not text.strip():
        raise CommandError(f"{option}: is empty: give a month such as 2026-11.")
    from storage.rules import parse_month  # the months' calendar loads for a month's command

    try:
        return parse_month(text)
    except ValidationError as exc:
        raise CommandError(f"{option}: {exc.message}.") from None


def whole_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type=` for a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low:,} to {high:,}")
        return value

    return parse


def add_make_dirs(parser: argparse.ArgumentParser) -> None:
    """`--make-dirs`, taken by every command that writes into a folder."""
    parser.add_argument("--make-dirs", action="store_true",
                        help="create the folder written into when it does not exist")  # fmt: skip


def output_file(option: str, given: str | os.PathLike[str], *, make_dirs: bool = False) -> Path:
    """The file a command writes (`export --out`, `backup --out`), refused in one line when it
    names a folder, sits in a folder that does not exist (unless `--make-dirs`), or has a name
    too long to write."""
    text = os.fspath(given)
    path = Path(text).expanduser()
    if text.endswith((os.sep, "/")):
        raise CommandError(f"{option}: “{text}” is a folder; give a file name inside it.")
    folder = path.parent
    if len(os.fsencode(path.name)) + TEMP_NAME_EXTRA > _name_max(folder):
        raise CommandError(f"{option}: the file name is too long; give a shorter one.")
    if path.is_dir():
        raise CommandError(f"{option}: “{text}” is a folder; give a file name inside it.")
    made_folder(option, folder, make=make_dirs)
    return path.resolve()


def folder_to_write(option: str, given: str | os.PathLike[str], *, make: bool = False) -> Path:
    """A folder a command writes files into (`decisions export-madr --out`): refused when it
    is a file, or missing unless `--make-dirs`, the same way as the folder of `output_file`."""
    folder = Path(os.fspath(given)).expanduser()
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{option}: “{folder}” is a file, not a folder.")
    made_folder(option, folder, make=make)
    return folder.resolve()


def made_folder(option: str, folder: Path, *, make: bool) -> None:
    """A missing folder is refused, naming `--make-dirs`, or made with it."""
    if folder.is_dir():
        return
    if not make:
        raise CommandError(
            f"{option}: the folder “{folder}” does not exist; create it first, or add --make-dirs."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(
            f"{option}: the folder “{folder}” cannot be made: {plain_cause(exc)}."
        ) from None


def plain_cause(error: OSError) -> str:
    """The cause of an OS error in plain words, never an errno."""
    from desktop.commands.refusals import CAUSES

    return CAUSES.get(error.errno or 0, "the system refused it")


def _name_max(folder: Path) -> int:
    existing = next((f for f in (folder, *folder.parents) if f.is_dir()), folder)
    try:
        return os.pathconf(existing, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return 255

"""Handing the recovery key over on the command line: the file it goes to is checked before
anything changes, and once the practice is encrypted the key is written there or printed.

`enable`, `demo` and `import practice` share this, so every command that makes an encrypted
practice hands its recovery key over the same way, and a key that could not be written is
printed instead of lost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.arguments import add_make_dirs, made_folder
from desktop.commands.common import CommandError
from storage.file import recovery
from storage.rules import DataFileError, ValidationError

KEEP_IT_LIMIT = 4096  # a recovery key is 63 characters; a file far larger is not one

KEEP_IT = "Keep it somewhere safe, away from this computer"


def add_recovery_key_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--recovery-key-out", metavar="PATH",
                        help="write the recovery key to this new owner-only file instead of "
                        "printing it")  # fmt: skip
    add_make_dirs(parser)


def checked_out(
    given: str | None,
    data_dir: Path,
    *,
    make_dirs: bool = False,
    option: str = "--recovery-key-out",
) -> Path | None:
    """The file named by --recovery-key-out, refused in one line before anything is changed
    when the key could not be written there (nor into the practice's own folder); a missing
    folder is refused as every command refuses one, and made with `--make-dirs`."""
    if not given:
        return None
    out = Path(given).expanduser()
    made_folder(option, out.parent, make=make_dirs)
    try:
        recovery.check_new_file(out, away_from=data_dir)
    except DataFileError as exc:
        raise CommandError(
            f"The recovery key cannot be written to {out}: it {exc.problem}. Nothing was changed."
        ) from exc
    return out


def hand_over(data_dir: Path, out: Path | None, done: str) -> int:
    """After `done` (what the command did): the recovery key of the practice in `data_dir`,
    written to `out` or printed; printed too when `out` failed after all (exit status 1)."""
    text = recovery.recovery_key_of(data_dir)
    if out is None:
        print(f"{done} {KEEP_IT}: this recovery key is the only way in without this machine's "
              f"keyring.\n{text}")  # fmt: skip
        return 0
    try:
        recovery.write_recovery_file(out, text)
    except OSError as exc:
        print(f"{done} The recovery key could not be written to {out}, so here it is. "
              f"{KEEP_IT}.\n{text}")  # fmt: skip
        print(f"fractional-desk: the recovery key was not written to {out} "
              f"({exc.strerror or exc}); it is printed above "
              "(fractional-desk encryption recovery-key --out FILE writes it again).",
              file=sys.stderr)  # fmt: skip
        return 1
    print(f"{done} The recovery key is in {out}. {KEEP_IT}.")
    return 0


def write_again(data_dir: Path, out: Path) -> None:
    """`encryption recovery-key --out FILE`: the key from this machine's keyring, written again."""
    text = recovery.recovery_key_of(data_dir)
    try:
        recovery.write_recovery_file(out, text)
    except OSError as exc:
        raise CommandError(f"Cannot write {out}: {exc.strerror or exc}.") from exc


def read_given(given: str) -> str:
    """The text of `--recovery-key-file`: standard input for "-", else a regular file read
    without blocking (a FIFO or a device is refused at once, never waited on)."""
    from storage.transfer import read_regular

    if given == "-":
        return sys.stdin.read(KEEP_IT_LIMIT)
    try:
        data = read_regular(Path(given).expanduser(), KEEP_IT_LIMIT, "recovery key file")
    except ValidationError as exc:
        raise CommandError(f"Cannot read the recovery key: {exc.message}.") from exc
    return data.decode("utf-8", errors="replace")

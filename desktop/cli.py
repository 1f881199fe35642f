"""The `fractional-desk` command: the app by default, subcommands for scripts.

Qt is imported only when a window is needed, so subcommands run without a display.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.commands import EVERY, register_all, requested
from desktop.commands.common import CommandError, add_require_encryption, release_gates
from desktop.data_folder import resolve
from desktop.log_file import open_handler, safe_traceback
from storage.file import keys
from storage.rules import BrokenRecordError, DataFileError, NoKeyringError


def build_parser(only: str = EVERY) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fractional-desk",
        description="Fractional Desk: clients, weekly time, decisions and exit plans.",
    )
    parser.add_argument("--data-dir", help="data folder (default: your user data folder)")
    parser.add_argument("--demo", action="store_true", help="open on a fresh sample practice")
    parser.add_argument(
        "--self-test", action="store_true", help="open the database and the window, print OK"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_require_encryption(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers, only)
    _accept_data_dir_anywhere(subparsers)
    return parser


def _accept_data_dir_anywhere(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Let `--data-dir` follow the subcommand too (`fractional-desk report week --data-dir D`)."""
    for parser in set(subparsers.choices.values()):
        known = {opt for action in parser._actions for opt in action.option_strings}
        if "--data-dir" not in known:
            parser.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_data_dir_anywhere(action)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(only=requested(words)).parse_args(words)
    try:
        return _run(args)
    finally:
        release_gates()


def _run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "func", None):
            return int(args.func(args))
        return _run_window(args)
    except CommandError as exc:
        print(f"fractional-desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `fractional-desk ... | head`: the reader left, nothing is wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except DataFileError as exc:  # a damaged, foreign or unwritable file, said in plain words
        print(f"fractional-desk: Cannot use {exc.path}: it {exc.problem}.", file=sys.stderr)
        return 1
    except BrokenRecordError as exc:  # a row written by another tool that breaks a rule
        print(f"fractional-desk: {exc}.", file=sys.stderr)
        return 1
    except NoKeyringError as exc:  # a locked keyring, or none: the way out is the keyring's
        print(f"fractional-desk: {exc}. Nothing was changed.", file=sys.stderr)
        return 1
    except Exception as exc:  # no raw traceback for the user: it goes to the log
        log_file = _log_unexpected(args, exc)
        print(
            f"fractional-desk: an unexpected error stopped the command ({type(exc).__name__}: "
            f"{exc}). Nothing already saved was lost. The details are in {log_file}.",
            file=sys.stderr,
        )
        return 1


def _log_unexpected(args: argparse.Namespace, error: Exception) -> Path:
    """Append where the error happened to the data folder's log (the file the app writes): the
    command's name, never its arguments, which may hold a note or a name."""
    data_dir = resolve(getattr(args, "data_dir", None))
    handler = open_handler(data_dir) if data_dir.is_dir() else None
    if handler is None:
        return Path("(no log: the data folder cannot be written)")
    logger = logging.getLogger("fractional_desk.cli")
    logger.addHandler(handler)
    try:
        command = getattr(args, "command", None) or "the app"
        logger.error("Unexpected error in %s\n%s", command, safe_traceback(error))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return Path(handler.baseFilename)


def _run_window(args: argparse.Namespace) -> int:
    if args.demo:
        return _run_demo(args)
    data_dir = resolve(args.data_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise CommandError(f"{data_dir} is a file, not a data folder.")
    from desktop.app import run_app  # Qt only from here on

    return run_app(data_dir, self_test=args.self_test, require_encryption=args.require_encryption)


def _run_demo(args: argparse.Namespace) -> int:
    """The app on a fresh sample practice in a temporary folder, removed when the app quits."""
    from desktop.commands.demo import write_sample

    parent = Path(tempfile.mkdtemp(prefix="fractional-desk-demo-"))
    try:
        write_sample(parent / "practice")
        from desktop.app import run_app  # Qt only from here on

        return run_app(parent / "practice", self_test=args.self_test)
    finally:
        marker = keys.read_marker(parent / "practice")
        if marker is not None:  # the throwaway practice's key leaves the keyring with it
            keys.forget_key(marker)
        shutil.rmtree(parent, ignore_errors=True)

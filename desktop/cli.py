"""The `fractional-desk` command: the app by default, subcommands for scripts.

Qt is imported only when a window is needed, so subcommands run without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.commands import (
    EVERY,
    CommandParser,
    LazyCommands,
    look_up_argparse_words_once,
    register_all,
)
from desktop.commands.errors import CommandError
from desktop.commands.options import add_require_encryption

PROG = "fractional-desk"


def build_parser(only: str = EVERY, *, lazy: bool = False) -> argparse.ArgumentParser:
    """The whole command line. `lazy` (how `main` runs) imports a command's module only once
    argparse has chosen it; otherwise every command is built, as the README table needs."""
    look_up_argparse_words_once()
    parser = CommandParser(
        prog=PROG,
        description="Fractional Desk: clients, weekly time, decisions and exit plans.",
    )
    parser.add_argument("--data-dir", help="data folder (default: your user data folder)")
    parser.add_argument("--demo", action="store_true", help="open on a fresh sample practice")
    parser.add_argument(
        "--self-test", action="store_true", help="open the database and the window, print OK"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_require_encryption(parser)
    if lazy:
        parser.register("action", "parsers", LazyCommands)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers, "" if lazy else only)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(lazy=True).parse_args(words)
    try:
        return _run(args)
    finally:
        _release_gates()


def _release_gates() -> None:
    common = sys.modules.get("desktop.commands.common")  # loaded only by a command that ran
    if common is not None:
        common.release_gates()


def _run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "func", None):
            return int(args.func(args))
        return _run_window(args)
    except CommandError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `fractional-desk ... | head`: the reader left, nothing is wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:
        known = refusal(exc)
        if known is not None:
            print(f"{PROG}: {known}", file=sys.stderr)
            return 1
        log_file = _log_unexpected(args, exc)  # no raw traceback for the user: it goes to the log
        print(
            f"{PROG}: an unexpected error stopped the command ({type(exc).__name__}: "
            f"{exc}). Nothing already saved was lost. The details are in {log_file}.",
            file=sys.stderr,
        )
        return 1


def refusal(error: Exception) -> str | None:
    """The one line for an error storage raised on purpose, None for a bug. Storage is imported
    here only, after a command has already loaded it."""
    from desktop.commands.refusals import plain_refusal

    return plain_refusal(error)


def _log_unexpected(args: argparse.Namespace, error: Exception) -> Path:
    """Append where the error happened to the data folder's log (the file the app writes): the
    command's name, never its arguments, which may hold a note or a name."""
    import logging

    from desktop.data_folder import resolve
    from desktop.log_file import open_handler, safe_traceback

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
    from desktop.data_folder import resolve

    data_dir = resolve(args.data_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise CommandError(f"{data_dir} is a file, not a data folder.")
    _check_display()
    from desktop.app import run_app  # Qt only from here on

    return run_app(data_dir, self_test=args.self_test, require_encryption=args.require_encryption)


def _run_demo(args: argparse.Namespace) -> int:
    """The app on a fresh sample practice in a temporary folder, removed when the app quits."""
    import shutil
    import tempfile

    from desktop.commands.demo import write_sample
    from storage.file import keys

    _check_display()
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


def _check_display() -> None:
    """Refuse in one line where no window can be opened, before Qt aborts with its own advice."""
    from desktop.display import display_problem

    problem = display_problem()
    if problem is not None:
        raise CommandError(problem)

"""`fractional-desk export sow|handoff|timesheet --engagement ID --out PATH [--from D --to D]`,
`fractional-desk export time-report --client ID --month M --out PATH` (the hours behind a month),
`fractional-desk export statement --client ID --out PATH [--from D --to D | --month M]` (the
statement of account: invoices, credit notes, payments and the running balance) and
`fractional-desk export practice --out FILE.json` (every record, see `storage.transfer.practice_json`).

The timesheet, the time report and the statement are CSV when PATH ends in .csv, a Word
document otherwise.
Prints the path written.
A scope of work is recorded as the next version (`fractional-desk documents list` shows them);
the sections that still say "To be agreed" are named in a warning on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from desktop.commands.arguments import add_make_dirs, day_type, month_option, output_file
from desktop.commands.common import CommandError, open_db
from desktop.commands.refusals import not_found
from exporters.documents import KINDS, export
from exporters.errors import ExportError
from exporters.practice import export_practice
from storage.rules import NotFoundError

PRACTICE = "practice"
STATEMENT = "statement"
TIME_REPORT = "time-report"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the scope of work, the handoff, a timesheet, a time report or a statement",
    )
    parser.add_argument("kind", choices=(*KINDS, TIME_REPORT, STATEMENT, PRACTICE),
                        help="which document")  # fmt: skip
    parser.add_argument("--engagement", type=int, metavar="ID",
                        help="required for sow, handoff and timesheet")  # fmt: skip
    parser.add_argument("--client", type=int, metavar="ID",
                        help="time-report and statement: the client")  # fmt: skip
    parser.add_argument("--month", help="time-report (or statement): a month such as 2026-11")
    parser.add_argument("--out", required=True, metavar="PATH",
                        help="the file to write (.docx; .csv for a timesheet)")  # fmt: skip
    parser.add_argument("--from", dest="start", type=day_type, metavar="YYYY-MM-DD",
                        help="timesheet: first day (default: the engagement's start)")  # fmt: skip
    parser.add_argument("--to", dest="end", type=day_type, metavar="YYYY-MM-DD",
                        help="timesheet: last day (default: today)")  # fmt: skip
    add_make_dirs(parser)
    parser.set_defaults(func=run_export, writes=True)


def run_export(args: argparse.Namespace) -> int:
    args.out = output_file("--out", args.out, make_dirs=args.make_dirs)
    if args.kind == PRACTICE:
        return _export_practice(args)
    if args.kind == TIME_REPORT:
        return _export_time_report(args)
    if args.kind == STATEMENT:
        return _export_account(args)
    _check_extension(args.kind, args.out)
    if args.start and args.end and args.start > args.end:
        raise CommandError("--from must not be after --to.")
    with open_db(args) as db:
        if args.engagement is None:  # asked after the file, so a bad file is named first
            raise CommandError(f"export {args.kind} needs --engagement ID.")
        try:
            path = export(db, args.kind, args.engagement, args.out, start=args.start, end=args.end)
            if args.kind == "sow":
                _warn_to_be_agreed(db, args.engagement)
        except NotFoundError:
            raise CommandError(not_found("engagement", args.engagement)) from None
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(path)
    return 0


def _warn_to_be_agreed(db: Database, engagement_id: int) -> None:
    from exporters.scope_of_work import to_be_agreed

    found = to_be_agreed(db, engagement_id)
    if found:
        print(
            f"fractional-desk: warning: these sections say “To be agreed”: {', '.join(found)}.",
            file=sys.stderr,
        )


def _export_practice(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".json":
        raise CommandError("The practice is written as .json: give --out a name ending in .json.")
    with open_db(args) as db:
        try:
            path = export_practice(db, args.out)
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(path)
    return 0


def _export_account(args: argparse.Namespace) -> int:
    from exporters import account_statement  # python-docx only when writing

    if args.out.suffix.lower() not in (".docx", ".csv"):
        raise CommandError("A statement is written as .docx or .csv: give --out such a name.")
    if args.client is None:
        raise CommandError("export statement needs --client ID.")
    month = month_option("--month", args.month)
    start, end = (month.start, month.end) if month else (args.start, args.end)
    if start and end and start > end:
        raise CommandError("--from must not be after --to.")
    return _write_for_client(
        args, lambda db: account_statement.export(db, args.client, args.out, start, end)
    )


def _export_time_report(args: argparse.Namespace) -> int:
    from exporters import time_report  # python-docx only when writing

    if args.out.suffix.lower() not in (".docx", ".csv"):
        raise CommandError("A time report is written as .docx or .csv: give --out such a name.")
    month = month_option("--month", args.month)
    if args.client is None or month is None:
        raise CommandError("export time-report needs --client ID and --month such as 2026-11.")
    return _write_for_client(args, lambda db: time_report.export(db, args.client, month, args.out))


def _write_for_client(args: argparse.Namespace, write: Callable[[Any], Path]) -> int:
    """Write a client's document (a statement, a time report) and print where it went."""
    with open_db(args) as db:
        try:
            path = write(db)
        except NotFoundError:
            raise CommandError(not_found("client", args.client)) from None
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(path)
    return 0


def _check_extension(kind: str, out: Path) -> None:
    allowed = KINDS[kind].extensions
    if out.suffix.lower() not in allowed:
        raise CommandError(
            f"{KINDS[kind].label} is written as {' or '.join(allowed)}: "
            f"give --out a name ending in {allowed[0]}."
        )

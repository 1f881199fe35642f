"""`fractional-desk log`: add one time entry from a script; `log list --week`, `log edit` and
`log delete` for the entries already logged. Every write goes through the timesheet's own
use-cases (`cell_changes`), so a rule refuses the same entry, with the same message, everywhere."""

from __future__ import annotations

import argparse

from desktop.commands.arguments import day_option, logged_day, week_option
from desktop.commands.common import open_db
from desktop.commands.fields import read_stdin
from desktop.commands.output import command, emit_list, emit_one
from desktop.contracts.time import TimeEntryJson, entry_json
from storage.practice import engagements, settings
from storage.rules import BUCKETS, today, week_of
from storage.time import TimeEntry, cell_changes, time_entries

STDIN = "-"
NOTE_HELP = (
    "what the time was spent on; `-` reads it from standard input, which keeps client text "
    "out of the process list (`ps`) that other users of the machine can read"
)
COLUMNS = (("ID", "id"), ("Eng.", "engagement_id"), ("Date", "date"), ("Bucket", "bucket"),
           ("Minutes", "minutes"), ("Note", "note"))  # fmt: skip


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "log", help="log time on an engagement (prints the entry); list, edit or delete entries"
    )
    parser.set_defaults(func=run, contract=TimeEntryJson, writes=True, usage_error=parser.error)
    parser.add_argument("--engagement", type=int, help="the engagement's id (required to log)")
    parser.add_argument("--date", help="the day, such as 2026-04-02 (default: today)")
    parser.add_argument("--bucket", choices=BUCKETS, help="required to log")
    parser.add_argument("--minutes", type=int, help="1 to 1440 (required to log)")
    parser.add_argument("--note", default="", help=NOTE_HELP)
    _future_option(parser)
    _mark_options(parser)
    parser.add_argument("--format", choices=("id", "table", "json", "csv"), default="id",
                        help="id (default: the new entry's id alone), table, json or csv")  # fmt: skip
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = command(actions, "list", "the entries of a week, with their ids", run_list,
                      contract=TimeEntryJson)  # fmt: skip
    listing.add_argument("--week", help="a week such as 2026-W14 (default: this week)")
    listing.add_argument("--engagement", type=int, metavar="ID", help="one engagement's only")
    edit = command(actions, "edit", "change a time entry; prints it", run_edit,
                   contract=TimeEntryJson, writes=True)  # fmt: skip
    edit.add_argument("entry", type=int, metavar="ID", help="the entry's id (log list shows it)")
    edit.add_argument("--engagement", type=int, metavar="ID")
    edit.add_argument("--date", help="a day such as 2026-04-02")
    edit.add_argument("--bucket", choices=BUCKETS)
    edit.add_argument("--minutes", type=int, help="1 to 1440")
    edit.add_argument("--note", help=NOTE_HELP)
    _future_option(edit)
    _mark_options(edit, editing=True)
    delete = command(actions, "delete", "delete a time entry; prints what was deleted",
                     run_delete, contract=TimeEntryJson, writes=True)  # fmt: skip
    delete.add_argument("entry", type=int, metavar="ID", help="the entry's id (log list shows it)")


def _future_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--future", action="store_true",
                        help="log time more than a week ahead (a planned workshop)")  # fmt: skip


def _mark_options(parser: argparse.ArgumentParser, *, editing: bool = False) -> None:
    """The out-of-scope and ask marks; an edit can also take them off (`--no-ask`)."""
    kind = argparse.BooleanOptionalAction if editing else "store_true"
    default = None if editing else False
    parser.add_argument("--out-of-scope", action=kind, default=default,
                        help="mark the time as out of scope: evidence for a change request")  # fmt: skip
    parser.add_argument("--ask", action=kind, default=default,
                        help="the note is something needed from the client")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """`log --engagement ID --bucket B --minutes N`: a new entry."""
    missing = [o for o, v in (("--engagement", args.engagement), ("--bucket", args.bucket),
                              ("--minutes", args.minutes)) if v is None]  # fmt: skip
    if missing:
        args.usage_error(f"the following arguments are required: {', '.join(missing)}")
    day = logged_day("--date", day_option("--date", args.date) or today(), future=args.future)
    note = read_stdin("--note") if args.note == STDIN else args.note
    entry = TimeEntry(
        args.engagement, day, args.bucket, args.minutes, note,
        out_of_scope=args.out_of_scope, ask=args.ask,
    )  # fmt: skip
    with open_db(args) as db:
        change = cell_changes.add(db, entry)
    before = {e.id for entries in (change.before or {}).values() for e in entries}
    stored = max(
        (e for entries in (change.after or {}).values() for e in entries if e.id not in before),
        key=lambda e: e.id or 0,
    )
    if args.format == "id":
        print(stored.id)  # scripts have read the id alone since `log` first printed it
        return 0
    return emit_one(args, entry_json(stored))


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        week_start = settings.load_profile(db).week_start
        week = week_option("--week", args.week, week_start) or week_of(today(), week_start)
        if args.engagement is not None:
            engagements.get(db, args.engagement)
        found = time_entries.between(db, week.start, week.end, engagement_id=args.engagement)
    return emit_list(args, [entry_json(e) for e in found], COLUMNS)


def run_edit(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        before = time_entries.get(db, args.entry)
        changes: dict[str, object] = {}
        if args.engagement is not None:
            changes["engagement_id"] = args.engagement
        if args.date is not None:
            changes["day"] = logged_day(
                "--date", day_option("--date", args.date), future=args.future
            )
        if args.bucket is not None:
            changes["bucket"] = args.bucket
        if args.minutes is not None:
            changes["minutes"] = args.minutes
        if args.note is not None:
            changes["note"] = read_stdin("--note") if args.note == STDIN else args.note
        if args.out_of_scope is not None:
            changes["out_of_scope"] = args.out_of_scope
        if args.ask is not None:
            changes["ask"] = args.ask
        cell_changes.update(db, time_entries.with_changes(before, **changes))
        after = time_entries.get(db, args.entry)
    return emit_one(args, entry_json(after))


def run_delete(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        before = time_entries.get(db, args.entry)
        cell_changes.delete(db, before)
    return emit_one(args, entry_json(before))

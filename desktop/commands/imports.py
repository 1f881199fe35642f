"""`fractional-desk import time|practice|undo|list`: bring time and a whole practice in.

`import time` prints the preview (`--dry-run`) or the result; `import practice` fills a new,
empty data folder from `export practice`'s JSON; `import undo ID` takes an import's time out.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from desktop.commands.common import (
    CommandError,
    add_format_option,
    add_require_encryption,
    open_db,
    practice_folder,
    print_table,
)
from desktop.commands.demo import build_new, check_empty, handed_over, keyring_refusal
from desktop.commands.output import emit_list, emit_one
from desktop.commands.recovery_keys import add_recovery_key_out, checked_out
from desktop.commands.refusals import not_found
from desktop.contracts.files import ImportJson, ImportPlanJson, import_json, import_plan_json
from desktop.data_folder import resolve
from storage.practice import engagements
from storage.rules import BUCKETS, NoKeyringError, NotFoundError, ValidationError, format_minutes
from storage.transfer import (
    FORMATS,
    ImportMap,
    ImportPlan,
    import_map,
    import_time,
    import_undo,
    practice_json,
    read_file,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import time from Toggl, Harvest or Clockify; a practice"
    )
    actions = parser.add_subparsers(dest="action", required=True)
    _register_time(actions)
    practice = actions.add_parser(
        "practice", help="fill an empty data folder from a practice JSON file"
    )
    practice.add_argument("file", type=Path, help="written by `fractional-desk export practice`")
    add_require_encryption(practice)
    add_recovery_key_out(practice)
    practice.set_defaults(func=run_practice)
    undo = actions.add_parser("undo", help="delete the time an import added")
    undo.add_argument("import_id", type=int, metavar="ID", help="from `import list`")
    undo.set_defaults(func=run_undo)
    listing = actions.add_parser("list", help="the imports made, newest first")
    add_format_option(listing, ImportJson)
    listing.set_defaults(func=run_list)


def _register_time(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    time = actions.add_parser("time", help="import a Toggl Track, Harvest or Clockify CSV export")
    time.add_argument("file", type=Path, help="the CSV export")
    time.add_argument(
        "--format", dest="source", choices=FORMATS, help="default: read from the header"
    )
    time.add_argument("--map", type=Path, metavar="MAP.json", help="engagements and buckets")
    time.add_argument(
        "--date-order",
        choices=("ymd", "dmy", "mdy"),
        help="how the file writes dates (default: read from its dates; asked when they do not tell)",
    )
    time.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    time.add_argument(
        "--format-out",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default), json or csv (--format names the source's format)",
    )
    time.set_defaults(func=run_time, contract=ImportPlanJson)


def _mapping(db: Database, args: argparse.Namespace, format_name: str) -> ImportMap:
    """The rules remembered for this source, with the map file's on top."""
    kept = import_map.remembered(db, format_name)
    return kept.merged(import_map.load_file(args.map)) if args.map else kept


def run_time(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            source = read_file(args.file, args.source, args.date_order)
            mapping = _mapping(db, args, source.format)
            if args.dry_run:
                plan, import_id = import_time.preview(db, source, mapping), None
            else:
                data_dir = practice_folder(args)
                plan, import_id = import_time.import_file(db, data_dir, source, mapping)
        except ValidationError as exc:
            raise CommandError(f"Nothing was imported: {exc.field}: {exc.message}.") from None
        labels = {str(e.id): f"{e.id} {e.label}" for e in engagements.list_all(db)}
    if args.format_out != "table":
        args.format = args.format_out
        return emit_one(args, import_plan_json(plan, import_id))
    _print_plan(plan, import_id, labels, "to import" if args.dry_run else "imported")
    return 0


def _print_plan(plan: ImportPlan, import_id: int | None, labels: dict[str, str], done: str) -> None:
    print(f"{plan.format}: {plan.rows} rows, {plan.imported} {done}, "
          f"{plan.duplicates} already imported, {len(plan.refused)} refused")  # fmt: skip
    print_table(["Engagement", "Strategy", "Team", "Leadership"],
                [[labels.get(t, t), *(format_minutes(m[b]) or "0:00" for b in BUCKETS)]
                 for t, m in plan.minutes().items()])  # fmt: skip
    for key, first_day in plan.new_engagements.items():
        print(f"new engagement: {key}, from {first_day.isoformat()}")
    for refusal in plan.refused:
        print(f"line {refusal.line}: {refusal.reason}")
    for flagged in plan.flagged:
        print(f"line {flagged.line} (imported): {flagged.reason}")
    if import_id is not None:
        print(f"Import {import_id} (undo it with `fractional-desk import undo {import_id}`)")


def run_undo(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            deleted = import_undo.undo_import(db, practice_folder(args), args.import_id)
        except NotFoundError:
            raise CommandError(not_found("import", args.import_id)) from None
    print(f"Deleted the {deleted} time entries import {args.import_id} added")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        found = import_time.list_imports(db)
    if args.format != "table":
        return emit_list(args, [import_json(r) for r in found], ())
    rows = [[r.id, r.format, r.file_name, r.imported_at, r.entries] for r in found]
    print_table(["ID", "Format", "File", "Imported at", "Entries"], rows)
    return 0


def run_practice(args: argparse.Namespace) -> int:
    target = resolve(args.data_dir)
    check_empty(target)
    try:
        value = practice_json.load(args.file)
    except ValidationError as exc:
        raise CommandError(f"Nothing was imported: {exc.message}.") from None
    out = checked_out(args.recovery_key_out, target, make_dirs=args.make_dirs)
    encrypt = True if args.require_encryption else None
    try:
        counts = build_new(
            target, partial(practice_json.restore_practice, value=value), encrypt=encrypt
        )
    except ValidationError as exc:
        raise CommandError(f"Nothing was imported: {exc.message}.") from None
    except NoKeyringError as exc:
        raise CommandError(f"Nothing was imported: {keyring_refusal(exc)}") from exc
    return handed_over(target, out, f"Imported {sum(counts.values())} records into {target}.")

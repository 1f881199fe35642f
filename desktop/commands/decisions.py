"""`fractional-desk decisions list|export-madr|import-madr`: the decision log as a table or
stable JSON, searchable; as MADR files for the client's repository, and back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database

from desktop.commands.arguments import folder_to_write
from desktop.commands.common import CommandError, open_db, practice_folder, print_table
from desktop.commands.fields import DATE, WHOLE, Field, add_fields, given
from desktop.commands.output import command, emit_list, emit_one
from desktop.commands.refusals import not_found
from desktop.contracts.decisions import (
    DecisionJson,
    DecisionRecordJson,
    decision_json,
    decision_record_json,
)
from exporters.errors import ExportError
from storage import practice  # its engagements load when one is named
from storage.decisions import (
    CATEGORIES,
    REVERSIBILITY_LABELS,
    STATUSES,
    Decision,
    DecisionFilter,
    DecisionLine,
    DecisionOption,
    decision_chain,
    decision_changes,
    decision_list,
    get_many,
    with_changes,
)
from storage.rules import NotFoundError, ValidationError, today

FIELDS = (
    Field("title", "what was decided, in a line"),
    Field("decided_on", "the day it was decided (default: today)", DATE, optional=False),
    Field("category", "the kind of decision", choices=tuple(CATEGORIES)),
    Field("status", "proposed, accepted, rejected, superseded or deprecated",
          choices=tuple(STATUSES)),
    Field("context", "the context (`-` reads it from standard input)"),
    Field("drivers", "what drives the decision"),
    Field("outcome", "the option chosen and why"),
    Field("consequences", "its consequences"),
    Field("owner", "who owns it on the client side"),
    Field("consulted", "who was consulted"),
    Field("reversibility", "two_way (easy to reverse) or one_way",
          choices=tuple(REVERSIBILITY_LABELS)),
    Field("cost_if_wrong_minor", "what a wrong decision would cost, in minor units", WHOLE),
    Field("review_by", "when to review it (`none` for never)", DATE),
    Field("links", "links to documents, one a line"),
)  # fmt: skip
OPTION_HELP = "an option considered: NAME|PROS|CONS (repeat for each; replaces the list)"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("decisions", help="the decision log")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = command(actions, "list", "print decisions, newest first or best match first",
                      run_list, contract=DecisionJson)  # fmt: skip
    listing.add_argument("--engagement", type=int, help="one engagement (its id); default all")
    listing.add_argument("--search", help="full-text search; results in rank order")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--category", choices=CATEGORIES)
    show = command(actions, "show", "one decision, whole, with the history of its status",
                   run_show, contract=DecisionRecordJson)  # fmt: skip
    show.add_argument("decision", type=int, metavar="ID")
    add = command(actions, "add", "log a decision; prints it", run_add,
                  contract=DecisionRecordJson, writes=True)  # fmt: skip
    add.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_fields(add, FIELDS, required=("title",))
    add.add_argument("--option", action="append", metavar="NAME|PROS|CONS", help=OPTION_HELP)
    edit = command(actions, "edit", "change a decision's fields; prints it", run_edit,
                   contract=DecisionRecordJson, writes=True)  # fmt: skip
    edit.add_argument("decision", type=int, metavar="ID")
    add_fields(edit, FIELDS)
    edit.add_argument("--option", action="append", metavar="NAME|PROS|CONS", help=OPTION_HELP)
    replace = command(actions, "supersede",
                      "a new decision that replaces ID, which becomes superseded; prints it",
                      run_supersede, contract=DecisionRecordJson, writes=True)  # fmt: skip
    replace.add_argument("decision", type=int, metavar="ID", help="the decision replaced")
    add_fields(replace, FIELDS)
    replace.add_argument("--option", action="append", metavar="NAME|PROS|CONS", help=OPTION_HELP)
    out = actions.add_parser("export-madr", help="write the log as MADR files into a folder")
    out.add_argument("--engagement", type=int, required=True, metavar="ID")
    out.add_argument("--out", type=Path, required=True, metavar="DIR")
    out.add_argument(
        "--style",
        choices=("madr4", "nygard"),
        default="madr4",
        help="madr4: MADR 4 with front matter; nygard: as adr-tools writes and reads",
    )
    out.add_argument("--make-dirs", action="store_true", help="create DIR when it does not exist")
    out.set_defaults(func=run_export_madr, writes=True)
    back = actions.add_parser(
        "import-madr", help="add (or update) a folder of MADR, adr-tools or log4brains files"
    )
    back.add_argument("folder", type=Path, metavar="DIR")
    back.add_argument("--engagement", type=int, required=True, metavar="ID")
    back.set_defaults(func=run_import_madr, writes=True)


def run_export_madr(args: argparse.Namespace) -> int:
    from exporters.madr import export_madr  # only this command pays for the exporter

    with open_db(args) as db:
        args.out = folder_to_write("--out", args.out, make=args.make_dirs)
        try:
            written = export_madr(db, args.engagement, args.out, args.style)
        except NotFoundError:
            raise CommandError(_no_engagement(args.engagement)) from None
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(f"Wrote {len(written) - 1} decisions and an index into {args.out}")
    return 0


def run_import_madr(args: argparse.Namespace) -> int:
    from storage.transfer import madr_import  # only this command pays for the Markdown reader

    with open_db(args) as db:
        try:
            result = madr_import.import_folder(
                db, practice_folder(args), args.folder, args.engagement
            )
        except NotFoundError:
            raise CommandError(_no_engagement(args.engagement)) from None
        except ValidationError as exc:
            raise CommandError(f"Nothing was imported: {exc.message}.") from None
        labels = decision_list.labels(db, result.ids)
    print(f"{madr_import.summary(result)}: {', '.join(labels[i] for i in result.ids)}")
    for name, reason in result.skipped:
        print(f"skipped {name}: {reason}")
    return 0


def _no_engagement(engagement_id: int) -> str:
    return not_found("engagement", engagement_id)


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.engagement is not None:
            practice.engagements.get(db, args.engagement)
        f = DecisionFilter(
            engagement_id=args.engagement, status=args.status, category=args.category
        )
        snippets: dict[int, str] = {}
        if args.search is not None:
            from storage.decisions import search  # only a search loads the index's reader

            hits = search(db, args.search, f)
            snippets = {h.decision_id: h.marked("[", "]") for h in hits}
            found: Sequence[Decision | DecisionLine] = get_many(db, [h.decision_id for h in hits])
        elif args.format == "table":  # the columns shown, not whole records
            found = decision_list.list_lines(db, f)
        else:
            found = decision_list.list_decisions(db, f)
        links = [i for d in found for i in (d.supersedes_id, d.superseded_by_id) if i]
        labels = decision_list.labels(db, links)
    if args.format != "table":
        records = [d for d in found if isinstance(d, Decision)]
        return emit_list(
            args, [decision_json(d, labels, snippets.get(d.id or 0)) for d in records], ()
        )
    _print(found, labels, snippets)
    return 0


def _print(
    found: Sequence[Decision | DecisionLine], labels: dict[int, str], snippets: dict[int, str]
) -> None:
    headers = ["ID", "Eng.", "No.", "Date", "Title", "Category", "Status", "Owner", "Review by"]
    rows = [
        [
            d.id,
            d.engagement_id,
            d.number_label,
            d.date_label,
            _short(d.title),
            d.category,
            d.status + (f" by {labels[d.superseded_by_id]}" if d.superseded_by_id else ""),
            d.owner or "-",
            d.review_by or "",
        ]
        + ([_short(snippets.get(d.id or 0, ""), 60)] if snippets else [])
        for d in found
    ]
    print_table(headers + (["Match"] if snippets else []), rows)


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def shown(db: Database, decision_id: int) -> DecisionRecordJson:
    logged = decision_changes.read(db, decision_id)
    d = logged.decision
    links = [i for i in (d.supersedes_id, d.superseded_by_id) if i]
    return decision_record_json(logged, decision_list.labels(db, links))


def run_show(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        return emit_one(args, shown(db, args.decision))


def _values(args: argparse.Namespace) -> dict[str, object]:
    values = given(args, FIELDS)
    if args.option:
        values["options"] = tuple(_option(text) for text in args.option)
    return values


def _option(text: str) -> DecisionOption:
    name, pros, cons = (*text.split("|", 2), "", "")[:3]
    return DecisionOption(name.strip(), pros.strip(), cons.strip())


def run_add(args: argparse.Namespace) -> int:
    values = {"decided_on": today(), **_values(args)}
    with open_db(args) as db:
        practice.engagements.get(db, args.engagement)
        change = decision_changes.add(db, Decision(engagement_id=args.engagement, **values))  # type: ignore[arg-type]
        return emit_one(args, shown(db, change.after.decision.id or 0 if change.after else 0))


def run_edit(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        before = decision_changes.read(db, args.decision).decision
        decision_changes.update(db, with_changes(before, **_values(args)), expected=before)
        return emit_one(args, shown(db, args.decision))


def run_supersede(args: argparse.Namespace) -> int:
    """The replacement starts from the old decision (as the window's Supersede does); the
    options given change it."""
    with open_db(args) as db:
        old = decision_changes.read(db, args.decision).decision
        new = with_changes(decision_chain.replacement(old), **_values(args))
        added = decision_chain.supersede(db, args.decision, new)
        return emit_one(args, shown(db, added.id or 0))

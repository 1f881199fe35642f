"""`fractional-desk documents list --engagement ID [--format table|json]`: the versions of the
documents a client signs (each scope of work exported), oldest first."""

from __future__ import annotations

import argparse

from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_table,
)
from desktop.commands.output import emit_list
from desktop.commands.refusals import not_found
from desktop.contracts.documents import DocumentJson, document_json
from storage.practice import document_versions, engagements
from storage.rules import NotFoundError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("documents", help="versions of the documents a client signs")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every scope of work exported, by version")
    listing.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_format_option(listing, DocumentJson)
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            engagements.get(db, args.engagement)
        except NotFoundError:
            raise CommandError(not_found("engagement", args.engagement)) from None
        found = [document_json(v) for v in document_versions.list_for(db, args.engagement)]
    if args.format != "table":
        return emit_list(args, found, ())
    if not found:
        print("No document has been exported for this engagement yet.")
        return 0
    kinds = document_versions.KINDS
    print_table(
        ["Document", "Version", "Date", "Path"],
        [
            [kinds.get(v["kind"], v["kind"]), v["version"], v["date"] or "", v["path"]]
            for v in found
        ],
    )
    return 0

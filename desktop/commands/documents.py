"""`fractional-desk documents list --engagement ID [--format table|json]`: the versions of the
documents a client signs (each scope of work exported), oldest first, each draft, active,
signed or superseded; `documents sign --engagement ID --version N [--on DATE]` records the
day the client signed a version, which makes it the active one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from desktop.commands.arguments import day_type
from desktop.commands.common import CommandError, add_format_option, open_db, print_table
from desktop.commands.output import emit_list
from desktop.contracts.documents import DocumentJson, document_json
from storage.practice import document_versions, engagements
from storage.rules import ValidationError, clock


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("documents", help="versions of the documents a client signs")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every scope of work exported, by version")
    listing.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_format_option(listing, DocumentJson)
    listing.set_defaults(func=run_list)
    sign = actions.add_parser("sign", help="record the day the client signed a version")
    sign.add_argument("--engagement", type=int, required=True, metavar="ID")
    sign.add_argument("--version", type=int, required=True, metavar="N")
    sign.add_argument("--on", type=day_type, default=None, metavar="YYYY-MM-DD",
                      help="the day it was signed (default: today)")  # fmt: skip
    sign.set_defaults(func=run_sign, writes=True)


def _check_engagement(db: Database, engagement_id: int) -> None:
    """An unknown engagement is refused in the one message every command gives."""
    engagements.get(db, engagement_id)


def run_sign(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        _check_engagement(db, args.engagement)
        try:
            found = document_versions.mark_signed(
                db, args.engagement, "sow", args.version, args.on or clock.today()
            )
        except ValidationError as error:
            raise CommandError(f"Not signed: {error.message}.") from None
    print(
        f"Version {found.version} of the scope of work signed on {found.signed_on}; it is the active version."
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        _check_engagement(db, args.engagement)
        versions = document_versions.list_for(db, args.engagement)
        found = [document_json(v, document_versions.state(v, versions)) for v in versions]
    if args.format != "table":
        return emit_list(args, found, ())
    if not found:
        print("No document has been exported for this engagement yet.")
        return 0
    kinds = document_versions.KINDS
    print_table(
        ["Document", "Version", "Date", "State", "Path"],
        [
            [kinds.get(v["kind"], v["kind"]), v["version"], v["date"] or "", _state(v), v["path"]]
            for v in found
        ],
    )
    return 0


def _state(v: DocumentJson) -> str:
    """ "draft", "active", "signed 3 Mar 2026, active", "superseded"."""
    state = str(v["state"])
    if v.get("signed_on"):
        signed = f"signed {v['signed_on']}"
        return f"{signed}, active" if state == "active" else signed
    return state

"""`fractional-desk documents list --engagement ID [--format table|json]`: the versions of the
documents a client signs (each scope of work exported), oldest first, each draft, active,
signed or superseded; `documents sign --engagement ID --version N [--on DATE]` records the
day the client signed a version, which makes it the active one."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlite_utils import Database

from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_json,
    print_table,
)
from storage.practice import document_versions, engagements
from storage.rules import NotFoundError, ValidationError, clock


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("documents", help="versions of the documents a client signs")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every scope of work exported, by version")
    listing.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_format_option(listing)
    listing.set_defaults(func=run_list)
    sign = actions.add_parser("sign", help="record the day the client signed a version")
    sign.add_argument("--engagement", type=int, required=True, metavar="ID")
    sign.add_argument("--version", type=int, required=True, metavar="N")
    sign.add_argument("--on", type=_day, default=None, metavar="YYYY-MM-DD",
                      help="the day it was signed (default: today)")  # fmt: skip
    sign.set_defaults(func=run_sign)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (YYYY-MM-DD)") from None


def _check_engagement(db: Database, engagement_id: int) -> None:
    try:
        engagements.get(db, engagement_id)
    except NotFoundError:
        raise CommandError(
            f"There is no engagement {engagement_id} (fractional-desk engagements list shows them)."
        ) from None


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
        found = [v.as_json() | {"state": document_versions.state(v, versions)} for v in versions]
    if args.format == "json":
        print_json(found)
        return 0
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


def _state(v: dict[str, object]) -> str:
    """ "draft", "active", "signed 3 Mar 2026, active", "superseded"."""
    state = str(v["state"])
    if v.get("signed_on"):
        signed = f"signed {v['signed_on']}"
        return f"{signed}, active" if state == "active" else signed
    return state
